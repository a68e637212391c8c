/**
 * One-line summaries shown as code lenses: above a node
 * `3×400 rps · 78% · p99 41 ms · 99.97%` (size × capacity, utilization, p99,
 * availability), above the system `99.95% · 4.4 h/yr down · p99 120 ms`.
 * Only what is known is shown: without a peak, `2 instances · 99.9971%`.
 */
import type { NodeEstimate, SimulationResult } from '../estimates/simulate.js';
import type { TopologyNode } from '../model/topology.js';
import { formatAvailability, formatDuration, formatMinutes, formatPercent, formatRate } from './numbers.js';
import { nodeSize, sizeInWords } from './size.js';

export function nodeLensTitle(node: TopologyNode, estimate: NodeEstimate): string {
    const parts: string[] = [];
    const { text, bare } = nodeSize(node);
    parts.push(node.capacityPerInstanceRps !== undefined ? `${text}${bare ? '×' : ' × '}${formatRate(node.capacityPerInstanceRps)}` : sizeInWords(node));
    if (estimate.utilization !== null) parts.push(`${formatPercent(estimate.utilization)}${estimate.utilization >= 1 ? ' overloaded' : ''}`);
    if (estimate.latencyMs !== null) parts.push(`p99 ${formatDuration(estimate.latencyMs.p99)}`);
    if (estimate.availability !== null) parts.push(formatAvailability(estimate.availability));
    return parts.join(' · ');
}

/** Undefined when nothing about the system is known. */
export function systemLensTitle(result: SimulationResult): string | undefined {
    const parts: string[] = [];
    const a = result.availability;
    if (a.system !== null) {
        parts.push(formatAvailability(a.system));
        if (a.downtimeMinutesPerYear !== null) parts.push(`${formatMinutes(a.downtimeMinutesPerYear)}/yr down`);
    }
    if (result.latencyMs) parts.push(`p99 ${formatDuration(result.latencyMs.p99)}`);
    return parts.length > 0 ? parts.join(' · ') : undefined;
}
