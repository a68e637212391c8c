/**
 * The M/M/c queue of one tier at the peak (ESTIMATES.md, "Capacity and latency"): the workers of each
 * instance, how its balancer spreads requests, and the response time a visit meets. simulate.ts reports it
 * as the tier's latency; the capacity rules quote it (cap-overload), with the same rounding.
 */
import type { DefaultsUsed } from './assumptions.js';
import { total, type Flow } from './load.js';
import { mmc, serviceTimeMs, tierQueue, workersPerInstance, type QueueEstimate } from './queueing.js';
import { servingInstances, usableCapacityRps, usableLatencyMs } from './tier-load.js';
import type { TopologyGraph } from '../model/graph.js';
import type { TopologyNode } from '../model/topology.js';
import { roundTo } from './round.js';

export type Algorithm = 'random' | 'round_robin' | 'least_connections' | 'weighted' | 'ip_hash';
export const DEFAULT_ALGORITHM: Algorithm = 'round_robin';

/** How requests are spread over `node`'s instances; the default, when taken, is recorded in `defaults`. */
function algorithmFor(node: TopologyNode, graph: TopologyGraph, defaults?: DefaultsUsed): Algorithm {
    const balancers = graph.balancersInFront(node.name);
    // No balancer in front: its callers pick an instance each, n independent queues (ESTIMATES.md, details).
    if (balancers.length === 0) return 'random';
    const declared = balancers.find(balancer => balancer.algorithm)?.algorithm;
    if (declared) return declared;
    if (servingInstances(node) > 1) defaults?.use({ input: 'balancer-algorithm', algorithm: DEFAULT_ALGORITHM, nodes: [] }, node.name);
    return DEFAULT_ALGORITHM;
}

/** A queue whose worker count or offered load is beyond a double: no formula applies, the estimate is not made. */
export const TOO_LARGE = 'too large';

/** M/M/c for the tier (ESTIMATES.md "Capacity and latency"); databases and replicated tiers queue at their busiest member. */
export function queueFor(
    node: TopologyNode, flow: Flow, busiestRps: number, capacityPerInstanceRps: number, latencyMs: number, graph: TopologyGraph, defaults?: DefaultsUsed
): QueueEstimate | typeof TOO_LARGE {
    const sharded = node.replication || (node.shards && node.shards.count > 1);
    // No member left to serve (`multi_master { replicas 0 }`, also reported by the validator): nothing is served.
    if (sharded && !Number.isFinite(busiestRps)) {
        return {
            servers: 0, queues: 1, serversPerQueue: 0, approximation: null, arrivalRps: total(flow), serviceMs: latencyMs, utilization: Infinity, pWait: 1, meanWaitMs: Infinity,
            meanResponseMs: Infinity, p99ResponseMs: Infinity, stable: false, waitRatePerMs: 0
        };
    }
    const workers = workersPerInstance(capacityPerInstanceRps, latencyMs);
    const instances = sharded ? 1 : Math.max(1, servingInstances(node));
    const arrivalRps = sharded ? busiestRps : total(flow);
    // C × S, n × k or λ × S past the largest double (numbers of 300 digits): Infinity servers or Erlangs,
    // which the queue formulas refuse. A tier that size has no queue to estimate.
    if (!Number.isFinite(instances * workers) || !Number.isFinite((arrivalRps / 1000) * latencyMs)) return TOO_LARGE;
    if (sharded) return mmc(arrivalRps, serviceTimeMs(capacityPerInstanceRps, latencyMs), workers);
    return tierQueue({ arrivalRps, instances, capacityPerInstanceRps, latencyMs, algorithm: algorithmFor(node, graph, defaults) });
}

export interface TierLatency {
    mean: number;
    p99: number;
}

/** A queue's response time as reported (ms, 2 decimals); null when it grows without bound. */
export function reportedQueueLatency(queue: QueueEstimate): TierLatency | null {
    return queue.stable ? { mean: roundTo(queue.meanResponseMs, 2), p99: roundTo(queue.p99ResponseMs, 2) } : null;
}

/** Without a capacity, the service time alone: exponential, so p99 = S·ln 100. */
export function serviceTimeLatency(latencyMs: number): TierLatency {
    return { mean: latencyMs, p99: roundTo(latencyMs * Math.log(100), 2) };
}

/**
 * The tier's response time at the peak, nothing lost, as simulate() reports it: its queue's, or without a
 * capacity its service time alone; null when unknown or unbounded. `busiestRps`: tier-utilization.ts.
 */
export function tierLatency(node: TopologyNode, flow: Flow, busiestRps: number, graph: TopologyGraph): TierLatency | null {
    const capacityPerInstanceRps = usableCapacityRps(node.capacityPerInstanceRps);
    const latencyMs = usableLatencyMs(node.latencyMs);
    const queue = capacityPerInstanceRps !== undefined && latencyMs !== undefined
        ? queueFor(node, flow, busiestRps, capacityPerInstanceRps, latencyMs, graph) : undefined;
    if (queue === TOO_LARGE) return null;
    if (queue) return reportedQueueLatency(queue);
    return latencyMs !== undefined ? serviceTimeLatency(latencyMs) : null;
}
