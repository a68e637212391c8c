/**
 * Severity per rule: the defaults, then the editor setting `archscope.rules`,
 * then the nearest `.archscope.json` (shared with CI, so the editor shows what
 * CI will say). Documented in docs/configuration.md.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { URI } from 'langium';
import { RULES_BY_ID } from '../rules/registry.js';
import type { SeveritySetting } from '../rules/rule.js';
import type { RuleSettings } from '../rules/run-rules.js';

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

/** Reads one `.archscope.json`; a broken file gives its problem, never an exception. */
export function readProjectConfig(path: string): ProjectConfig {
    let json: unknown;
    try {
        json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
        return { rules: {}, path, problems: [`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`] };
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        return { rules: {}, path, problems: [`${path} must hold a JSON object such as {"rules": {"spof-single-zone": "off"}}.`] };
    }
    const parsed = parseRuleSettings((json as { rules?: unknown }).rules, path);
    return { ...parsed, path };
}

/** The nearest `.archscope.json` at or above a folder. */
export function findProjectConfig(folder: string): string | undefined {
    for (let dir = folder; ; dir = dirname(dir)) {
        const candidate = join(dir, CONFIG_FILE_NAME);
        try {
            if (statSync(candidate).isFile()) return candidate;
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
        try { mtimeMs = statSync(path).mtimeMs; } catch { return undefined; }
        const cached = this.cache.get(path);
        if (cached && cached.mtimeMs === mtimeMs) return cached.config;
        const config = readProjectConfig(path);
        this.cache.set(path, { mtimeMs, config });
        return config;
    }
}
