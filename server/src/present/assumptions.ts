/**
 * The estimates' defaults and notes (estimates/assumptions.ts) in words: the
 * lines under "Defaults used" and "Notes" in the hover, the CLI, the Markdown
 * export and the JSON. Generated sentences mark code with backticks; callers
 * escape the rest for their medium.
 */
import type { DefaultUsed, EstimateNote } from '../estimates/assumptions.js';
import { formatAvailability, formatCount, formatDuration, formatPercent, formatRate } from './numbers.js';

const MINUTES_PER_DAY = 1440;

/** A time between failures: whole days read as days (`30 days`), anything else as a duration. */
function formatMtbf(minutes: number): string {
    const days = minutes / MINUTES_PER_DAY;
    return Number.isInteger(days) ? `${formatCount(days)} days` : formatDuration(minutes * 60_000);
}

function withNodes(text: string, nodes: readonly string[]): string {
    return nodes.length > 0 ? `${text} (${nodes.join(', ')})` : text;
}

export function describeDefault(used: DefaultUsed): string {
    switch (used.input) {
        case 'read-share': return withNodes(`reads: ${formatPercent(used.readShare)} of requests (the traffic gives no \`reads\`)`, used.nodes);
        case 'entry-split': return withNodes(`the peak is split evenly over the ${formatCount(used.entries.length)} entry nodes (${used.entries.join(', ')})`, used.nodes);
        case 'instance-availability': return withNodes(`availability of one instance: ${formatAvailability(used.availability)}`, used.nodes);
        case 'managed-availability': return withNodes(`availability of a managed service, as a whole: ${formatAvailability(used.availability)}`, used.nodes);
        case 'external-availability': return withNodes(`availability of an external service, as a whole: ${formatAvailability(used.availability)}`, used.nodes);
        case 'mtbf': return withNodes(`mean time between failures of one instance: ${formatMtbf(used.minutes)}`, used.nodes);
        case 'balancer-algorithm': return withNodes(`balancer algorithm: ${used.algorithm}`, used.nodes);
        case 'replication-lag': return withNodes(`replication lag (async): ${formatDuration(used.lagMs)}`, used.nodes);
    }
}

export function describeNote(note: EstimateNote): string {
    switch (note.kind) {
        case 'no-peak': return 'no `peak` in the traffic: loads, utilization and latency are not estimated';
        case 'unusable-peak': return `the \`peak\` is not a usable rate (${formatRate(note.peakRps)}): loads, utilization and latency are not estimated`;
        case 'cycle-stops-load': return `a cycle stops load propagation: no estimates for ${note.nodes.join(', ')}`;
        case 'no-capacity': return note.serviceTimeOnly
            ? `${note.node}: no \`capacity\`, so no utilization, and its latency is its service time alone (no queueing)`
            : `${note.node}: no \`capacity\`, so no utilization or latency`;
        case 'unusable-capacity': return `${note.node}: its \`capacity\` is not a usable number (${formatRate(note.capacityRps)}), so no utilization or latency`;
        case 'unusable-latency': return `${note.node}: its \`latency\` is not a usable number (${formatDuration(note.latencyMs)}), so no latency`;
        case 'queue-too-large': return `${note.node}: its workers (capacity × latency × instances) or its offered load are too large to count, so no latency`;
        case 'overloaded': return `${note.node}: overloaded at the peak (${formatPercent(note.utilization)}), so its latency is unbounded (none given), and so is the end-to-end latency`;
        case 'no-latency': return `no \`latency\`, so each visit counts 0 ms in the end-to-end latency: ${note.nodes.join(', ')}`;
        case 'stale-needs-lag-and-think': return `${note.node}: stale reads after a write need \`lag\` and a \`think\` time (the traffic's, or each reading client's)`;
    }
}

/** The defaults and notes of a result, in words, in the order the estimates recorded them. */
export function assumptionsInWords(result: { defaults: readonly DefaultUsed[]; notes: readonly EstimateNote[] }): { defaults: string[]; notes: string[] } {
    return { defaults: result.defaults.map(describeDefault), notes: result.notes.map(describeNote) };
}
