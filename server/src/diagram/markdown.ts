/**
 * DiagramInput → a design-doc section in Markdown: the title, the Mermaid
 * diagram, the findings, the estimates and the assumptions they rest on.
 * Pure and deterministic. Every user string is escaped (present/markdown.ts);
 * the Mermaid text carries no backtick (mermaid.ts escapes them), so it cannot
 * close its fence.
 */
import { assumptionsInWords } from '../present/assumptions.js';
import { formatAvailability, formatDuration, formatMinutes, formatNines, formatPercent, formatRate, formatRatio } from '../present/numbers.js';
import type { NodeEstimate, SimulationResult } from '../estimates/simulate.js';
import type { DiagramFinding, DiagramInput } from './diagram-input.js';
import { escapeInline, escapeInlineKeepingCode } from '../present/markdown.js';
import { costliestInWords, overloadedInWords } from '../present/system-summary.js';
import { toMermaid } from './mermaid.js';
import type { Severity } from './scene.js';

export interface MarkdownOptions {
    /**
     * Where the rule pages are: a page is `rulesBase + ID + '.md'`. Default
     * `docs/rules/` (relative: right for a document kept beside archscope's docs);
     * give a public URL for documents read elsewhere.
     */
    rulesBase?: string;
}

const DEFAULT_RULES_BASE = 'docs/rules/';
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
/** Rule IDs (and `syntax`, `link`) as the registry spells them: only these become links. */
const RULE_ID = /^[a-z]+(-[a-z0-9]+)*$/;
const NONE = '—';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
    return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(row => `| ${row.join(' | ')} |`)];
}

function ruleLink(ruleId: string, base: string): string {
    if (!RULE_ID.test(ruleId)) return escapeInline(ruleId);
    // The base is the caller's (a setting or a URL), not the model's; only `(`, `)`, spaces and `<` could break the link.
    const href = `${base}${ruleId}.md`.replace(/[()<>\s]/g, ch => encodeURIComponent(ch));
    return `[${ruleId}](${href})`;
}

function findingsSection(findings: readonly DiagramFinding[], base: string): string[] {
    const lines = ['### Findings', ''];
    if (findings.length === 0) return [...lines, 'The checker found nothing to report.', ''];
    const sorted = [...findings].sort((a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
        || a.range.start.line - b.range.start.line
        || a.range.start.character - b.range.start.character
        || a.ruleId.localeCompare(b.ruleId));
    const rows = sorted.map(f => [
        f.severity, ruleLink(f.ruleId, base), f.node ? escapeInline(f.node) : NONE,
        `${escapeInlineKeepingCode(f.message, 'cell')} (line ${f.range.start.line + 1})`
    ]);
    return [...lines, ...table(['Severity', 'Rule', 'Node', 'Message'], rows), ''];
}

function orNone<T>(value: T | null, format: (value: T) => string): string {
    return value === null ? NONE : format(value);
}

function instances(node: NodeEstimate): string {
    return node.instances.min === node.instances.max ? String(node.instances.max) : `${node.instances.min}..${node.instances.max}`;
}

function systemLines(estimates: SimulationResult): string[] {
    const lines: string[] = [];
    const a = estimates.availability;
    if (a.system !== null) {
        const nines = a.nines === null ? '' : ` (${formatNines(a.nines)} nines)`;
        const downtime = a.downtimeMinutesPerYear === null ? '' : `, ${formatMinutes(a.downtimeMinutesPerYear)} of downtime a year`;
        lines.push(`- **System availability:** ${formatAvailability(a.system)}${nines}${downtime}.`);
    } else {
        lines.push('- **System availability:** not estimated (see the notes below).');
    }
    if (a.zoneLost) {
        const z = a.zoneLost;
        const down = z.down.length > 0 ? `; down with it: ${z.down.map(escapeInline).join(', ')}` : '';
        lines.push(`- **With zone ${escapeInline(z.zone)} lost:** ${formatAvailability(z.system)} (${formatNines(z.nines)} nines), ${formatMinutes(z.downtimeMinutesPerYear)} of downtime a year${down}.`);
    }
    const overloaded = overloadedInWords(estimates, escapeInline);
    if (overloaded) lines.push(`- **Overloaded at the peak:** ${overloaded}.`);
    const costliest = costliestInWords(estimates, escapeInline);
    if (costliest) lines.push(`- **Downtime a year each node costs, most first:** ${costliest}.`);
    if (estimates.latencyMs) {
        lines.push(`- **End-to-end latency:** mean ${formatDuration(estimates.latencyMs.mean)}, p99 ${formatDuration(estimates.latencyMs.p99)}.`);
    }
    for (const s of estimates.staleness) {
        const afterWrite = orNone(s.staleReadAfterWrite, formatPercent);
        const window = orNone(s.conflictWindow, formatPercent);
        lines.push(`- **Stale reads on ${escapeInline(s.database)}:** ${afterWrite} of reads after one's own write; ${window} decide on a row changed within the lag.`);
    }
    for (const s of estimates.shards) {
        const table = s.table ? `.${escapeInline(s.table)}` : '';
        lines.push(`- **Shards of ${escapeInline(s.database)}${table}:** ${s.shards} by ${escapeInline(s.strategy)}, busiest/mean ${formatRatio(s.busiestOverMean)}, adding one moves ${formatPercent(s.reshardMovedShare)} of the rows.`);
    }
    return lines;
}

function trafficLine(input: DiagramInput): string[] {
    const traffic = input.topology.traffic;
    if (traffic?.peakRps === undefined) return [];
    const reads = traffic.readShare === undefined ? '' : `, ${formatPercent(traffic.readShare)} reads`;
    return [`At the peak of ${formatRate(traffic.peakRps)}${reads}:`, ''];
}

function estimatesSection(input: DiagramInput): string[] {
    const estimates = input.estimates;
    const rows = estimates.nodes.map(node => [
        escapeInline(node.name), escapeInline(node.kind), instances(node),
        orNone(node.loadRps, formatRate), orNone(node.capacityRps, formatRate), orNone(node.utilization, formatPercent),
        orNone(node.latencyMs, l => formatDuration(l.mean)), orNone(node.latencyMs, l => formatDuration(l.p99)),
        orNone(node.availability, formatAvailability)
    ]);
    return [
        '### Estimates', '',
        ...trafficLine(input),
        ...table(['Node', 'Kind', 'Instances', 'Load', 'Capacity', 'Utilization', 'Mean latency', 'p99 latency', 'Availability'], rows),
        '',
        ...systemLines(estimates),
        ''
    ];
}

function assumptionsSection(estimates: SimulationResult): string[] {
    const lines = ['### Assumptions', ''];
    const { defaults, notes } = assumptionsInWords(estimates);
    if (defaults.length === 0 && notes.length === 0) return [...lines, 'Every input the estimates use is given by the model.', ''];
    if (defaults.length > 0) {
        lines.push('Defaults used where the model is silent:', '', ...defaults.map(d => `- ${escapeInlineKeepingCode(d)}`), '');
    }
    if (notes.length > 0) {
        lines.push('Notes:', '', ...notes.map(n => `- ${escapeInlineKeepingCode(n)}`), '');
    }
    return lines;
}

export function toMarkdown(input: DiagramInput, options: MarkdownOptions = {}): string {
    const base = options.rulesBase ?? DEFAULT_RULES_BASE;
    const lines = [
        `## ${escapeInline(input.topology.name)} architecture`, '',
        '```mermaid', toMermaid(input).trimEnd(), '```', '',
        ...findingsSection(input.findings, base),
        ...estimatesSection(input),
        ...assumptionsSection(input.estimates)
    ];
    return lines.join('\n').trimEnd() + '\n';
}
