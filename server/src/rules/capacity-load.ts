/**
 * What the capacity rules (and hot-key-overload) work out beyond the shared
 * estimates: the load on a tier's busiest member with a zone's members lost,
 * with a cache gone cold, or with more instances. The formulas are those of
 * the estimates (load.ts, tier-load.ts), so a finding and the hover never
 * disagree on a number.
 */
import { propagateLoad, type Flow, type LoadResult } from '../estimates/load.js';
import { memberLoad, shardSkew, utilization, type ShardSkew } from '../estimates/tier-load.js';
import { buildGraph, type TopologyGraph } from '../model/graph.js';
import type { Topology, TopologyNode, Traffic } from '../model/topology.js';
import { fix, setProperty } from './fixes.js';
import type { Fix } from './rule.js';

/**
 * Utilization as the estimates round it (4 decimals), so that thresholds agree
 * with the hover and the JSON: a tier shown at 80% is at 80%, not 79.99999%.
 */
export function roundUtilization(rho: number): number {
    return Number.isFinite(rho) ? Math.round(rho * 10_000) / 10_000 : rho;
}

const loads = new WeakMap<TopologyGraph, LoadResult>();

/** The peak load arriving at each node, propagated once per graph (the estimates keep only the totals). */
export function arrivingLoad(graph: TopologyGraph): ReadonlyMap<string, Flow> {
    let result = loads.get(graph);
    if (!result) {
        result = propagateLoad(graph);
        loads.set(graph, result);
    }
    return result.arriving;
}

/**
 * Shard skews by everything they depend on. A sharded database's skew is a
 * seeded Monte Carlo of some 30 ms; it is deterministic, so the same inputs
 * are worked out once, not on every keystroke. Bounded: the oldest goes first.
 */
const skews = new Map<string, ShardSkew>();
const SKEW_CACHE_SIZE = 256;

/** The node's busiest/mean shard skew (tier-load.ts), remembered across checks. */
export function skewOf(node: TopologyNode, traffic: Traffic | undefined): ShardSkew {
    if (!node.shards || node.shards.count <= 1) return shardSkew(node, traffic);
    const key = JSON.stringify([
        node.shards.count, node.shards.strategy, traffic?.keys ?? null, traffic?.zipf ?? null,
        node.tables.map(table => [table.name, table.global, table.shardKey ?? null,
            table.fields.find(field => field.name === table.shardKey)?.type ?? null])
    ]);
    let skew = skews.get(key);
    if (!skew) {
        skew = shardSkew(node, traffic);
        if (skews.size >= SKEW_CACHE_SIZE) skews.delete(skews.keys().next().value!);
        skews.set(key, skew);
    }
    return skew;
}

/** Peak utilization of the node's busiest member for `flow`, with `lost` members gone; undefined without a capacity. */
export function utilizationWith(node: TopologyNode, flow: Flow, traffic: Traffic | undefined, lost = 0, skew = skewOf(node, traffic)): number | undefined {
    return utilization(memberLoad(node, flow, skew, lost), node.capacityRps);
}

/** Copies of the node, as a zone loss counts them: instances, or a replicated group's primary and replicas (masters). */
function copies(node: TopologyNode): number {
    const replication = node.replication;
    if (!replication) return node.instances.max;
    return replication.replicas + (replication.topology === 'multi_master' ? 0 : 1);
}

export interface ZoneLoss {
    /** The zones the node is spread over. */
    zones: readonly string[];
    /** Members one zone takes with it: ⌈n/m⌉ of n spread evenly over m zones. */
    lost: number;
    of: number;
}

/**
 * What losing one of the node's zones takes from it (docs/estimates.md, "one
 * zone lost"), when the system declares zones and the node is spread over two
 * or more. A node in one zone goes down with it (spof-single-zone), and one
 * that declares none is taken as unaffected: neither is a capacity question.
 */
export function zoneLoss(topology: Topology, node: TopologyNode): ZoneLoss | undefined {
    if (topology.zones.length === 0 || node.zones.length < 2) return undefined;
    const of = copies(node);
    const lost = Math.ceil(of / node.zones.length);
    return lost < of ? { zones: node.zones, lost, of } : undefined;
}

/**
 * The load each node gets when `cache` answers nothing (empty after a restart
 * or a flush, or lost so its callers' reads go straight on): the same
 * propagation over a copy of the model in which its `hit` is 0.
 */
export function coldLoad(topology: Topology, cache: TopologyNode): ReadonlyMap<string, Flow> {
    const cold: Topology = { ...topology, nodes: topology.nodes.map(node => (node === cache ? { ...node, hit: 0 } : node)) };
    return propagateLoad(buildGraph(cold)).arriving;
}

/**
 * A tier whose capacity is its instance count times one instance's: no
 * replication, no shards, every instance serving. Only there is "run more
 * instances" a fix that is sure to be right.
 */
export function isPlainTier(node: TopologyNode): boolean {
    return !node.replication && !(node.shards && node.shards.count > 1) && node.instances.mode === 'active_active';
}

/** The node with `count` instances (autoscale: `count` at most). */
export function withInstances(node: TopologyNode, count: number): TopologyNode {
    return { ...node, instances: { ...node.instances, max: count, min: node.instances.autoscale ? node.instances.min : count } };
}

/** Beyond this many instances a suggested count is no longer a fix anyone would make. */
const MAX_SUGGESTED_COUNT = 1_000_000;

/**
 * The smallest count above `current` for which `fits` holds, or undefined past
 * MAX_SUGGESTED_COUNT; `fits` must only turn from false to true as the count grows.
 */
export function smallestCount(current: number, fits: (count: number) => boolean): number | undefined {
    let low = current; // does not fit
    let high = Math.max(1, current) * 2;
    while (!fits(high)) {
        if (high > MAX_SUGGESTED_COUNT) return undefined;
        low = high;
        high *= 2;
    }
    while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (fits(middle)) high = middle;
        else low = middle;
    }
    return high;
}

/** Raises the node's instance count (or autoscale maximum) to `count`. */
export function scaleFix(node: TopologyNode, count: number, why: string): Fix {
    return node.instances.autoscale
        ? fix(`Autoscale ${node.name} up to ${count} instances (${why})`, setProperty(node, 'autoscale', `autoscale ${node.instances.min}..${count}`))
        : fix(`Run ${count} instances of ${node.name} (${why})`, setProperty(node, 'instances', `instances ${count}`));
}
