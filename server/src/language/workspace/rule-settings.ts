/**
 * Severity per rule: the defaults, then the editor setting `archscope.rules`,
 * then the nearest `.archscope.json` (shared with CI, so the editor shows what
 * CI will say). Documented in docs/configuration.md.
 */
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { URI } from 'langium';
import { errnoReason } from '../../files/errno-reason.js';
import { RULES_BY_ID } from '../../rules/registry.js';
import type { SeveritySetting } from '../../rules/rule.js';
import type { RuleSettings } from '../../rules/run-rules.js';

export const CONFIG_FILE_NAME = '.archscope.json';
const SEVERITIES: readonly string[] = ['off', 'info', 'warning', 'error'];

export interface ProjectConfig {
    rules: RuleSettings;
    /** Where the settings came from, for messages. */
    path?: string;
    /** What is wrong with the file, one sentence each. */
    problems: string[];
}

/** Reads and checks the `rules` of a settings object (from `.archscope.json` or the editor). */
export function parseRuleSettings(value: unknown, where: string): { rules: RuleSettings; problems: string[] } {
    const problems: string[] = [];
    const rules: Record<string, SeveritySetting> = {};
    if (value === undefined || value === null) return { rules, problems };
    if (typeof value !== 'object' || Array.isArray(value)) {
        return { rules, problems: [`${where}: \`rules\` must be an object of rule ID → severity.`] };
    }
    for (const [id, severity] of Object.entries(value)) {
        if (!RULES_BY_ID.has(id)) problems.push(`${where}: \`${id}\` is not a rule ID.`);
        else if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
            problems.push(`${where}: the severity of ${id} must be one of ${SEVERITIES.join(', ')}.`);
        } else rules[id] = severity as SeveritySetting;
    }
    return { rules, problems };
}

/** A settings file is a few hundred bytes: anything this large is not one (and is not read whole). */
const MAX_CONFIG_BYTES = 1024 * 1024;

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
    if ('problem' in read) return { rules: {}, path, problems: [read.problem] };
    let json: unknown;
    try {
        json = JSON.parse(read.text);
    } catch (error) {
        return { rules: {}, path, problems: [`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`] };
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        return { rules: {}, path, problems: [`${path} must hold a JSON object such as {"rules": {"spof-single-zone": "off"}}.`] };
    }
    const parsed = parseRuleSettings((json as { rules?: unknown }).rules, path);
    return { ...parsed, path };
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

export class ArchRuleSettings {
    private editorRules: RuleSettings = {};
    private editorProblems: string[] = [];
    private readonly cache = new Map<string, { mtimeMs: number; config: ProjectConfig }>();

    /** The `archscope.rules` setting of the editor. */
    setEditorRules(value: unknown): void {
        const parsed = parseRuleSettings(value, 'The setting archscope.rules');
        this.editorRules = parsed.rules;
        this.editorProblems = parsed.problems;
    }

    /** Severities for one document, and anything wrong with the settings they came from. */
    forDocument(uri: URI): ProjectConfig {
        const project = uri.scheme === 'file' ? this.projectConfig(dirname(uri.fsPath)) : undefined;
        return {
            rules: { ...this.editorRules, ...project?.rules },
            path: project?.path,
            problems: [...this.editorProblems, ...(project?.problems ?? [])]
        };
    }

    private projectConfig(folder: string): ProjectConfig | undefined {
        const path = findProjectConfig(folder);
        if (!path) return undefined;
        let mtimeMs = 0;
        // A broken link has no mtime of its own to follow: its own (lstat) tells when it changed.
        try { mtimeMs = statSync(path).mtimeMs; } catch {
            try { mtimeMs = lstatSync(path).mtimeMs; } catch { return undefined; }
        }
        const cached = this.cache.get(path);
        if (cached && cached.mtimeMs === mtimeMs) return cached.config;
        const config = readProjectConfig(path);
        this.cache.set(path, { mtimeMs, config });
        return config;
    }
}
