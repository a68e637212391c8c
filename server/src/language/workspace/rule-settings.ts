/**
 * Severity per rule: the defaults, then the editor setting `archscope.rules`,
 * then the nearest `.archscope.json` (shared with CI, so the editor shows what
 * CI will say). Documented in docs/configuration.md. Pure: where a file is read
 * from disk (the Node server, the CLI) rule-settings-node.ts finds and reads it.
 */
import type { URI } from 'langium';
import { RULES_BY_ID } from '../../rules/registry.js';
import type { SeveritySetting } from '../../rules/rule.js';
import type { RuleSettings } from '../../rules/run-rules.js';

export const CONFIG_FILE_NAME = '.archscope.json';
/** A settings file is a few hundred bytes: anything this large is not one (and is not read whole). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
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

/** The settings in the text of a `.archscope.json` at `path`; a broken file gives its problem, never an exception. */
export function projectConfigFromText(text: string, path: string): ProjectConfig {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        return { rules: {}, path, problems: [`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`] };
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        return { rules: {}, path, problems: [`${path} must hold a JSON object such as {"rules": {"spof-single-zone": "off"}}.`] };
    }
    const parsed = parseRuleSettings((json as { rules?: unknown }).rules, path);
    return { ...parsed, path };
}

/** The `.archscope.json` that applies to a document, if any (rule-settings-node.ts reads them from disk). */
export type ProjectConfigLookup = (uri: URI) => ProjectConfig | undefined;

export class ArchRuleSettings {
    private editorRules: RuleSettings = {};
    private editorProblems: string[] = [];

    /** Without a lookup (the browser's server: no files) only the editor's setting applies. */
    constructor(private readonly projectConfigOf: ProjectConfigLookup = () => undefined) {}

    /** The `archscope.rules` setting of the editor. */
    setEditorRules(value: unknown): void {
        const parsed = parseRuleSettings(value, 'The setting archscope.rules');
        this.editorRules = parsed.rules;
        this.editorProblems = parsed.problems;
    }

    /** Severities for one document, and anything wrong with the settings they came from. */
    forDocument(uri: URI): ProjectConfig {
        const project = this.projectConfigOf(uri);
        return {
            rules: { ...this.editorRules, ...project?.rules },
            path: project?.path,
            problems: [...this.editorProblems, ...(project?.problems ?? [])]
        };
    }
}
