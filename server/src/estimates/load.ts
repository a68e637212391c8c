/**
 * Load propagation (ESTIMATES.md, "Load"): peak load enters at the entry nodes
 * and flows along edges, multiplied by each edge's share. Reads and writes are
 * tracked apart because caches pass on only their read misses and replicated
 * databases route the two differently.
 *
 * Choices where the spec is silent (docs/estimates.md):
 * - the peak is split evenly over the entry nodes;
 * - without `reads` every request counts as a read;
 * - a node with `sessions store X` does one session lookup (a read) in X per request,
 *   unless an edge to X already says how its requests reach X;
 * - a cache or cdn without `hit` passes everything on (hit 0%);
 * - nodes on a cycle, and everything only reachable through one, get no load.
 */
import type { DefaultUsed } from './assumptions.js';
import type { TopologyGraph } from '../model/graph.js';
import type { TopologyNode } from '../model/topology.js';

export interface Flow {
    reads: number;
    writes: number;
}

export interface LoadResult {
    /** Requests per second arriving at each node on a request path, when the traffic gives a peak. */
    arriving: ReadonlyMap<string, Flow>;
    /** Nodes whose load could not be propagated because a cycle feeds them. */
    blocked: ReadonlySet<string>;
    /** The read share the propagation assumed. */
    readShare: number;
    /** What the model did not say and the propagation assumed, one sentence each. */
    assumptions: DefaultUsed[];
}

export function total(flow: Flow): number {
    return flow.reads + flow.writes;
}

/** The peak the propagation can use: a finite rate ≥ 0, else undefined (as if the traffic gave none). */
export function usablePeak(peakRps: number | undefined): number | undefined {
    return peakRps !== undefined && Number.isFinite(peakRps) && peakRps >= 0 ? peakRps : undefined;
}

/** What a node passes on along each of its edges, before the edge's share: a cache or cdn absorbs its read hits. */
export function passedOn(node: TopologyNode, arriving: Flow): Flow {
    if (node.kind === 'cache' || node.kind === 'cdn') {
        return { reads: arriving.reads * (1 - (node.hit ?? 0)), writes: arriving.writes };
    }
    return arriving;
}

/**
 * Propagates `peak` (default: the traffic's peak) from the entries. With no
 * peak at all, call it with 1 to get each node's share of the requests
 * (system availability needs those shares even when no load is known).
 */
export function propagateLoad(graph: TopologyGraph, peakOverride?: number): LoadResult {
    const topology = graph.topology;
    const assumptions: DefaultUsed[] = [];
    // A peak that is not a finite rate is no usable peak: `peak 9…9 rps` with 400 digits parses to Infinity,
    // and Infinity × a 0% write share is NaN, which would spread through every load.
    const peak = usablePeak(peakOverride ?? topology.traffic?.peakRps);
    const readShare = topology.traffic?.readShare ?? 1;
    if (peakOverride === undefined && peak !== undefined && topology.traffic?.readShare === undefined) {
        assumptions.push({ input: 'read-share', readShare, nodes: [] });
    }

    // Request-path successors: edges with their share, plus `sessions store X` as one lookup per request.
    const successors = new Map<string, { to: string; share: number; session: boolean }[]>();
    const add = (from: string, to: string, share: number, session: boolean): void => {
        const list = successors.get(from) ?? [];
        list.push({ to, share, session });
        successors.set(from, list);
    };
    for (const edge of topology.edges) add(edge.from, edge.to, edge.share, false);
    for (const node of topology.nodes) {
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        // An explicit edge to the store already carries the node's calls to it: don't count the lookups twice.
        if (store && graph.node(store) && !graph.callees(node.name).includes(store)) add(node.name, store, 1, true);
    }

    const onCycle = new Set(graph.cycles.flat());
    const blocked = new Set<string>();
    const arriving = new Map<string, Flow>();
    if (peak === undefined || graph.entries.length === 0) return { arriving, blocked, readShare, assumptions };

    if (graph.entries.length > 1 && peakOverride === undefined) {
        assumptions.push({ input: 'entry-split', entries: [...graph.entries], nodes: [] });
    }
    const perEntry = peak / graph.entries.length;

    // Kahn's algorithm over the nodes on request paths: a node's load is final once all its callers have sent theirs.
    const indegree = new Map<string, number>();
    for (const name of graph.onRequestPath) indegree.set(name, 0);
    for (const [from, list] of successors) {
        if (!graph.onRequestPath.has(from)) continue;
        for (const { to } of list) indegree.set(to, (indegree.get(to) ?? 0) + 1);
    }
    for (const name of graph.onRequestPath) arriving.set(name, { reads: 0, writes: 0 });
    for (const entry of graph.entries) {
        const flow = arriving.get(entry)!;
        flow.reads += perEntry * readShare;
        flow.writes += perEntry * (1 - readShare);
    }
    const ready = [...graph.onRequestPath].filter(name => indegree.get(name) === 0);
    const done = new Set<string>();
    while (ready.length > 0) {
        const name = ready.pop()!;
        if (onCycle.has(name)) continue;
        done.add(name);
        const node = graph.node(name)!;
        const here = arriving.get(name)!;
        const out = passedOn(node, here);
        for (const { to, share, session } of successors.get(name) ?? []) {
            const flow = arriving.get(to);
            if (!flow) continue;
            if (session) {
                flow.reads += total(here) * share;
            } else {
                flow.reads += out.reads * share;
                flow.writes += out.writes * share;
            }
            const left = indegree.get(to)! - 1;
            indegree.set(to, left);
            if (left === 0) ready.push(to);
        }
    }
    for (const name of graph.onRequestPath) {
        if (!done.has(name)) {
            blocked.add(name);
            arriving.delete(name);
        }
    }
    return { arriving, blocked, readShare, assumptions };
}
