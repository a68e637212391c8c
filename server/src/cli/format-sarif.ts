/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the
 * rule catalog as `tool.driver.rules` (with each rule page as help text), one
 * result per finding, paths relative to the working directory (%SRCROOT%).
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES, LINK_CODE, SYNTAX_CODE } from '../rules/registry.js';
import type { Severity } from '../rules/rule.js';
import type { FileReport, ReportSeverity } from './file-report.js';

const LEVEL: Record<ReportSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

interface RuleMeta { id: string; title: string; severity: Severity }

const EXTRA_CODES: readonly RuleMeta[] = [
    { id: SYNTAX_CODE, title: 'The text does not follow the .arch language (parse errors, bad units, values out of range).', severity: 'error' },
    { id: LINK_CODE, title: 'A name does not resolve, or is declared twice.', severity: 'error' },
    { id: 'config', title: 'The rule settings (.archscope.json or archscope.rules) have a problem.', severity: 'warning' },
    { id: 'internal-error', title: 'A rule of archscope itself failed on this model.', severity: 'error' }
];

export interface SarifOptions {
    version: string;
    /** Folder of the rule pages, for help text; absent = no help text. */
    docsDir?: string;
    /** Public base URL of the rule pages, for `helpUri` (only http(s) URLs are given to SARIF viewers). */
    docsBase?: string;
    cwd?: string;
}

function rulePage(docsDir: string | undefined, id: string): string | undefined {
    if (!docsDir) return undefined;
    try {
        return readFileSync(join(docsDir, `${id}.md`), 'utf8');
    } catch {
        return undefined;
    }
}

export function formatSarif(reports: readonly FileReport[], options: SarifOptions): string {
    const cwd = options.cwd ?? process.cwd();
    const metas: RuleMeta[] = [...ALL_RULES.map(r => ({ id: r.id, title: r.title, severity: r.defaultSeverity })), ...EXTRA_CODES];
    const index = new Map(metas.map((meta, i) => [meta.id, i]));
    const publicBase = options.docsBase && /^https?:\/\//.test(options.docsBase) ? options.docsBase : undefined;

    const rules = metas.map(meta => {
        const page = rulePage(options.docsDir, meta.id);
        return {
            id: meta.id,
            name: meta.id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase()),
            shortDescription: { text: meta.title },
            fullDescription: { text: meta.title },
            defaultConfiguration: { level: LEVEL[meta.severity] },
            ...(publicBase ? { helpUri: `${publicBase}${meta.id}.md` } : {}),
            ...(page ? { help: { text: page, markdown: page } } : {})
        };
    });

    const results = reports.flatMap(report => report.diagnostics.map(d => {
        // A relative URI reference: forward slashes, each segment percent-encoded (spaces, #, %...).
        const uri = relative(cwd, resolve(cwd, report.path)).split(sep).map(encodeURIComponent).join('/');
        return {
            ruleId: d.code,
            ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
            level: LEVEL[d.severity],
            message: { text: d.message },
            locations: [{
                physicalLocation: {
                    artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                    region: {
                        startLine: d.range.start.line + 1,
                        startColumn: d.range.start.character + 1,
                        endLine: d.range.end.line + 1,
                        endColumn: d.range.end.character + 1
                    }
                },
                ...(d.node ? { logicalLocations: [{ name: d.node, kind: 'module' }] } : {})
            }]
        };
    }));

    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'archscope', semanticVersion: options.version, version: options.version, rules } },
            originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
            results
        }]
    };
    return JSON.stringify(sarif, null, 2) + '\n';
}
