/**
 * What the capacity rules (and hot-key-overload) work out with the estimates'
 * formulas: each node's load, utilization and latency as the estimates report
 * them (tier-utilization.ts, tier-queue.ts), and the load on a tier's busiest
 * member with a zone's members lost, with a cache gone cold, or with more
 * instances (load.ts, tier-load.ts), so a finding and the hover never
 * disagree on a number.
 */
import { propagateLoad, type Flow, type LoadResult } from '../estimates/load.js';
import { keyPopularityAt } from '../estimates/client-mix.js';
import { memberLoad, shardSkew, utilization, type ShardSkew } from '../estimates/tier-load.js';
import { busiestMember, tierUtilizations, type TierUtilization } from '../estimates/tier-utilization.js';
import { tierLatency, type TierLatency } from '../estimates/tier-queue.js';
import { buildGraph, type TopologyGraph } from '../model/graph.js';
import type { Edge, Topology, TopologyNode } from '../model/topology.js';
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

function loadOf(graph: TopologyGraph): LoadResult {
    let result = loads.get(graph);
    if (!result) {
        result = propagateLoad(graph);
        loads.set(graph, result);
    }
    return result;
}

/** The peak load arriving at each node, propagated once per graph (the estimates keep only the totals). */
export function arrivingLoad(graph: TopologyGraph): ReadonlyMap<string, Flow> {
    return loadOf(graph).arriving;
}

const utilizations = new WeakMap<TopologyGraph, ReadonlyMap<string, TierUtilization>>();

/**
 * Each node's load and utilization as the estimates report them (tier-utilization.ts), once per graph: with
 * `reportedLatency`, all that the capacity rules read of the estimates, so a check does not compute the others.
 */
export function reportedUtilizations(graph: TopologyGraph): ReadonlyMap<string, TierUtilization> {
    let result = utilizations.get(graph);
    if (!result) {
        result = tierUtilizations(graph, loadOf(graph));
        utilizations.set(graph, result);
    }
    return result;
}

/** The node's response time at the peak as the estimates report it (tier-queue.ts): what cap-overload quotes. */
export function reportedLatency(graph: TopologyGraph, node: TopologyNode): TierLatency | null {
    const flow = arrivingLoad(graph).get(node.name);
    if (!flow) return null;
    const { member } = busiestMember(node, flow, shardSkew(node, keyPopularityAt(graph, node.name)));
    return tierLatency(node, flow, member.busiestRps, graph);
}

/** Peak utilization of the node's busiest member for `flow`, with `lost` members gone; undefined without a capacity. */
export function utilizationWith(node: TopologyNode, flow: Flow, graph: TopologyGraph, lost = 0, skew: ShardSkew = shardSkew(node, keyPopularityAt(graph, node.name))): number | undefined {
    return utilization(memberLoad(node, flow, skew, lost), node.capacityPerInstanceRps);
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

const edgeIndexes = new WeakMap<Topology, ReadonlyMap<string, readonly Edge[]>>();

/** The edges out of each node, indexed once per model. */
function edgesFrom(topology: Topology): ReadonlyMap<string, readonly Edge[]> {
    let index = edgeIndexes.get(topology);
    if (!index) {
        const byFrom = new Map<string, Edge[]>();
        for (const edge of topology.edges) {
            const list = byFrom.get(edge.from);
            if (list) list.push(edge);
            else byFrom.set(edge.from, [edge]);
        }
        index = byFrom;
        edgeIndexes.set(topology, index);
    }
    return index;
}

/**
 * The extra load each node behind `cache` gets when it answers nothing (empty
 * after a restart or a flush, or lost so its callers' reads go straight on):
 * the reads it used to answer, hit × reads, flow on along its edges.
 *
 * Load propagation is linear, so the extra load is that flow propagated on its
 * own. It is propagated with load.ts itself, over a copy of the part of the
 * model the cache reaches, in which the cache is the one entry, passes all on
 * and receives just the extra reads: only what sits behind the cache is
 * walked, once per cache, instead of the whole model.
 */
export function coldExtraLoad(topology: Topology, graph: TopologyGraph, cache: TopologyNode, arriving: Flow): ReadonlyMap<string, Flow> {
    const extra = arriving.reads * (cache.hit ?? 0);
    const behind = new Set([cache.name]);
    const queue = [cache.name];
    for (let head = 0; head < queue.length; head++) {
        const node = graph.node(queue[head])!;
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        for (const next of [...graph.callees(node.name), ...(store && graph.node(store) ? [store] : [])]) {
            if (behind.has(next)) continue;
            behind.add(next);
            queue.push(next);
        }
    }
    const part: Topology = {
        ...topology,
        // The cold cache is the only entry of this part: its clients (if any) do not call into it.
        clients: [],
        traffic: { range: topology.range, peakRps: extra, readShare: 1 },
        nodes: [...behind].map(name => (name === cache.name ? { ...cache, hit: 0 } : graph.node(name)!)),
        edges: [...behind].flatMap(name => edgesFrom(topology).get(name) ?? [])
    };
    const result = new Map(propagateLoad(buildGraph(part)).arriving);
    result.delete(cache.name);
    return result;
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
    // Already past what a fix would suggest: and past 2^53 the halving below stops moving (⌊(low + high)/2⌋
    // rounds to low or high), so `instances 99999999999999999999` would never return.
    if (!(current <= MAX_SUGGESTED_COUNT)) return undefined;
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
