/** The estimates as a terminal table: one row per node, the system summary, then the defaults used. */
import { assumptionsInWords } from '../present/assumptions.js';
import { costliestInWords, overloadedInWords } from '../present/system-summary.js';
import type { SimulationResult } from '../estimates/simulate.js';
import type { ScenarioEstimate } from '../estimates/scenarios.js';
import type { TargetCheck } from '../estimates/targets.js';
import type { Topology } from '../model/topology.js';
import { breakingPointInWords } from '../present/system-summary.js';
import { formatTargetValue, scenarioChanges } from '../present/target-words.js';
import { formatAvailability, formatDuration, formatMinutes, formatNines, formatPercent, formatRate, formatRatio } from '../present/numbers.js';

function pad(cells: string[][]): string {
    const widths = cells[0].map((_, column) => Math.max(...cells.map(row => row[column].length)));
    return cells.map(row => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd()).join('\n');
}

/** `notesBefore`: notes of the caller's own (parse errors), listed first; `scenario`: whose figures these are. */
export function formatSimulationText(result: SimulationResult, notesBefore: readonly string[] = [], scenario?: string): string {
    const { defaults, notes: estimateNotes } = assumptionsInWords(result);
    const notes = [...notesBefore, ...estimateNotes];
    const header = ['node', 'kind', 'instances', 'load', 'capacity', 'util', 'mean', 'p99', 'availability'];
    const rows = result.nodes.map(node => [
        node.name,
        node.kind,
        node.instances.min === node.instances.max ? String(node.instances.max) : `${node.instances.min}..${node.instances.max}`,
        node.loadRps === null ? '-' : formatRate(node.loadRps),
        node.capacityRps === null ? '-' : formatRate(node.capacityRps),
        node.utilization === null ? '-' : formatPercent(node.utilization),
        node.latencyMs === null ? '-' : formatDuration(node.latencyMs.mean),
        node.latencyMs === null ? '-' : formatDuration(node.latencyMs.p99),
        node.availability === null ? '-' : formatAvailability(node.availability)
    ]);
    const lines = [`system ${result.system}${scenario ? `, scenario ${scenario}` : ''}`, '', pad([header, ...rows]), ''];
    const a = result.availability;
    if (a.system !== null) {
        lines.push(`availability  ${formatAvailability(a.system)} (${formatNines(a.nines!)} nines), ${formatMinutes(a.downtimeMinutesPerYear!)} down a year`);
    }
    if (a.zoneLost) {
        const down = a.zoneLost.down.length > 0 ? `; down with it: ${a.zoneLost.down.join(', ')}` : '';
        lines.push(`zone lost     ${a.zoneLost.zone}: ${formatAvailability(a.zoneLost.system)}, ${formatMinutes(a.zoneLost.downtimeMinutesPerYear)} down a year${down}`);
    }
    const overloaded = overloadedInWords(result);
    if (overloaded) lines.push(`overloaded    ${overloaded}`);
    const costliest = costliestInWords(result);
    if (costliest) lines.push(`costs most    downtime a year: ${costliest}`);
    if (result.latencyMs) lines.push(`latency       mean ${formatDuration(result.latencyMs.mean)}, p99 ${formatDuration(result.latencyMs.p99)} end to end`);
    if (result.breakingPoint) lines.push(`breaks at     ${breakingPointInWords(result.breakingPoint)}`);
    for (const s of result.staleness) {
        const afterWrite = s.staleReadAfterWrite === null ? 'unknown' : formatPercent(s.staleReadAfterWrite);
        const window = s.conflictWindow === null ? 'unknown' : formatPercent(s.conflictWindow);
        lines.push(`stale reads   ${s.database}: ${afterWrite} after one's own write; ${window} decide on a row changed within the lag`);
    }
    for (const s of result.shards) {
        lines.push(`shards        ${s.database}${s.table ? `.${s.table}` : ''}: ${s.shards} by ${s.strategy}, busiest/mean ${formatRatio(s.busiestOverMean)}, adding one moves ${formatPercent(s.reshardMovedShare)} of rows`);
    }
    if (defaults.length > 0) {
        lines.push('', 'defaults used (the model does not say):');
        for (const d of defaults) lines.push(`  - ${d}`);
    }
    if (notes.length > 0) {
        lines.push('', 'notes:');
        for (const n of notes) lines.push(`  - ${n}`);
    }
    return lines.join('\n') + '\n';
}

/**
 * The base case and each scenario side by side (issue 13): requests served, downtime a year, the
 * end-to-end p99, the busiest tier and the breaking point; then each target, met or missed, per case.
 */
export function formatCasesText(topology: Topology, base: SimulationResult, scenarios: readonly ScenarioEstimate[], targets: readonly TargetCheck[]): string {
    if (scenarios.length === 0 && targets.length === 0) return '';
    const header = ['case', 'changes', 'served', 'failures', 'down a year', 'p99', 'breaking point'];
    const row = (name: string, changes: string, r: SimulationResult): string[] => {
        const served = r.requestsServed;
        return [
        name,
        changes,
        served === null ? '-' : formatAvailability(served),
        r.availability.system === null ? '-' : formatAvailability(r.availability.system),
        r.availability.downtimeMinutesPerYear === null ? '-' : formatMinutes(r.availability.downtimeMinutesPerYear),
        r.latencyMs ? formatDuration(r.latencyMs.p99) : r.overloaded.length > 0 ? 'unbounded' : '-',
        r.breakingPoint ? breakingPointInWords(r.breakingPoint) : '-'
        ];
    };
    const rows = [row('base', '-', base), ...scenarios.map(s => row(s.scenario.name, scenarioChanges(s.scenario) || '-', s.estimates))];
    const lines = ['', 'scenarios (served: all requests, what failures and overloaded tiers leave; failures and down a year: failures alone)', '', pad([header, ...rows])];
    if (targets.length > 0) {
        lines.push('', 'targets');
        for (const t of targets) {
            const value = t.value === null ? (t.reason === 'overloaded' ? 'unbounded' : 'unknown') : formatTargetValue(t, t.value, t.limit);
            const comparison = t.target === 'availability' ? '≥' : '≤';
            lines.push(`  ${t.met ? 'met   ' : 'MISSED'}  ${(t.scenario ?? 'base').padEnd(Math.max(4, ...topology.scenarios.map(s => s.name.length)))}  ${t.target} ${value} (target ${comparison} ${formatTargetValue(t, t.limit)})`);
        }
    }
    return lines.join('\n') + '\n';
}
