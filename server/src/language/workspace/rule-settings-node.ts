/**
 * The nearest `.archscope.json` of a document on disk, read with its problems as sentences and
 * cached until the file changes (the Node server and the CLI; the browser has no such file).
 */
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { errnoReason } from '../../files/errno-reason.js';
import { CONFIG_FILE_NAME, MAX_CONFIG_BYTES, projectConfigFromText, type ProjectConfig, type ProjectConfigLookup } from './rule-settings.js';

/** The text of a `.archscope.json`, or what keeps it from being read, as a sentence. */
function readConfigText(path: string): { text: string } | { problem: string } {
    try {
        // Looked at before it is opened: reading a FIFO or a device would block or never end.
        const stats = statSync(path);
        if (stats.isDirectory()) return { problem: `${path} is a folder, not a file.` };
        if (!stats.isFile()) return { problem: `${path} is not a regular file.` };
        if (stats.size > MAX_CONFIG_BYTES) return { problem: `${path} is ${Math.ceil(stats.size / 1024)} KB: too large for a settings file.` };
        return { text: readFileSync(path, 'utf8') };
    } catch (error) {
        return { problem: cannotReadConfig(path, error) };
    }
}

/** Why a `.archscope.json` cannot be read, from the error of `node:fs` (its errno in words). */
export function cannotReadConfig(path: string, error: unknown): string {
    return `Cannot read ${path}: ${errnoReason(error)}.`;
}

/** Reads one `.archscope.json`; a broken file gives its problem, never an exception. */
export function readProjectConfig(path: string): ProjectConfig {
    const read = readConfigText(path);
    return 'problem' in read ? { rules: {}, path, problems: [read.problem] } : projectConfigFromText(read.text, path);
}

/**
 * The nearest `.archscope.json` at or above a folder. Whatever is there counts, a file or not (a folder,
 * a broken link): it is the one the user put there, and reading it says what is wrong with it, where
 * skipping it would silently apply another file's settings or none.
 */
export function findProjectConfig(folder: string): string | undefined {
    for (let dir = folder; ; dir = dirname(dir)) {
        const candidate = join(dir, CONFIG_FILE_NAME);
        try {
            lstatSync(candidate);
            return candidate;
        } catch { /* not here: look further up */ }
        if (dirname(dir) === dir) return undefined;
    }
}

/** The `.archscope.json` of each `file:` document, read again only when its modification time changes. */
export function projectConfigFiles(): ProjectConfigLookup {
    const cache = new Map<string, { mtimeMs: number; config: ProjectConfig }>();
    return uri => {
        if (uri.scheme !== 'file') return undefined;
        const path = findProjectConfig(dirname(uri.fsPath));
        if (!path) return undefined;
        let mtimeMs = 0;
        // A broken link has no mtime of its own to follow: its own (lstat) tells when it changed.
        try { mtimeMs = statSync(path).mtimeMs; } catch {
            try { mtimeMs = lstatSync(path).mtimeMs; } catch { return undefined; }
        }
        const cached = cache.get(path);
        if (cached && cached.mtimeMs === mtimeMs) return cached.config;
        const config = readProjectConfig(path);
        cache.set(path, { mtimeMs, config });
        return config;
    };
}
