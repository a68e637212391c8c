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

/**
 * `systemReadShare`: the share of all requests that read; where the mix reaching the node differs from it (an
 * edge of one class, a cache's hits), the lens ends with the node's own: `writes only`, `reads only`, `35% reads`.
 */
export function nodeLensTitle(node: TopologyNode, estimate: NodeEstimate, systemReadShare?: number): string {
    const parts: string[] = [];
    const { text, bare } = nodeSize(node);
    parts.push(node.capacityPerInstanceRps !== undefined ? `${text}${bare ? '×' : ' × '}${formatRate(node.capacityPerInstanceRps)}` : sizeInWords(node));
    if (estimate.utilization !== null) parts.push(`${formatPercent(estimate.utilization)}${estimate.utilization >= 1 ? ' overloaded' : ''}`);
    if (estimate.latencyMs !== null) parts.push(`p99 ${formatDuration(estimate.latencyMs.p99)}`);
    if (estimate.availability !== null) parts.push(formatAvailability(estimate.availability));
    // Last, apart from the utilization's percentage it could be read as.
    const mix = classMix(estimate, systemReadShare);
    if (mix) parts.push(mix);
    return parts.join(' · ');
}

function classMix(estimate: NodeEstimate, systemReadShare: number | undefined): string | undefined {
    const byClass = estimate.loadByClass;
    if (systemReadShare === undefined || !byClass || !estimate.loadRps || estimate.loadRps <= 0) return undefined;
    const share = byClass.reads / estimate.loadRps;
    if (Math.abs(share - systemReadShare) <= 0.005) return undefined;
    if (byClass.writes <= 0) return 'reads only';
    if (byClass.reads <= 0) return 'writes only';
    return `${formatPercent(share)} reads`;
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
