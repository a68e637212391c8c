/**
 * What each tier carries at the peak and how busy its busiest member is, as the estimates report them
 * (ESTIMATES.md, "Load" and "Utilization": ρ = busiest member's load / what one member sustains). With a
 * tier's own latency (tier-queue.ts), these are all the capacity rules read of the estimates, so a check
 * computes them alone (`tierUtilizations`) and leaves the rest (the end-to-end latency, availability,
 * staleness, what a lost node or zone costs) to what asks for it: a target, a hover, a code lens, the
 * diagram. simulate.ts reports each node's `loadRps` and `utilization` with the same functions, so a finding
 * and the hover never disagree on a number.
 */
import { keyPopularityAt } from './client-mix.js';
import { total, type Flow, type LoadResult } from './load.js';
import { memberLoad, shardSkew, utilization, type MemberLoad, type ShardSkew } from './tier-load.js';
import type { TopologyGraph } from '../model/graph.js';
import type { TopologyNode } from '../model/topology.js';
import { roundTo } from './round.js';

export interface TierUtilization {
    /** Requests per second arriving at the peak; null when none can be worked out (no peak, a cycle). */
    loadRps: number | null;
    /** ρ of the busiest member at the peak; null without a usable capacity, or when no member is left. */
    utilization: number | null;
}

/** The load a node carries, as reported (3 decimals). */
export function reportedLoadRps(flow: Flow | undefined): number | null {
    return flow ? roundTo(total(flow), 3) : null;
}

/** ρ as reported (4 decimals); null when it is not a finite number (Infinity: no member left to serve). */
export function reportedUtilization(rho: number | undefined): number | null {
    return rho === undefined || !Number.isFinite(rho) ? null : roundTo(rho, 4);
}

/** The busiest member's load and ρ of `node` with `lost` instances lost, `skew` its shards' (tier-load.ts). */
export function busiestMember(node: TopologyNode, flow: Flow, skew: ShardSkew, lost = 0): { member: MemberLoad; rho: number | undefined } {
    const member = memberLoad(node, flow, skew, lost);
    return { member, rho: utilization(member, node.capacityPerInstanceRps) };
}

/** Each node's load and utilization at the peak, nothing lost: what simulate() reports for them. */
export function tierUtilizations(graph: TopologyGraph, load: LoadResult): Map<string, TierUtilization> {
    const result = new Map<string, TierUtilization>();
    for (const node of graph.topology.nodes) {
        const flow = load.arriving.get(node.name);
        const rho = flow ? busiestMember(node, flow, shardSkew(node, keyPopularityAt(graph, node.name))).rho : undefined;
        result.set(node.name, { loadRps: reportedLoadRps(flow), utilization: reportedUtilization(rho) });
    }
    return result;
}
