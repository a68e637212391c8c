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
 *   and an edge to X adds its own calls (LANGUAGE.md's node table);
 * - a cache or cdn without `hit` passes everything on (hit 0%);
 * - nodes on a synchronous cycle, and everything only reachable through one, get no load;
 * - a queue passes its enqueue rate to its consumers (an asynchronous path); a loop through a
 *   queue is a pipeline whose rates solve λ = b + Pᵀλ (b what enters it from outside, P the
 *   edges' shares inside it), unless it feeds back 100% or more (graph.ts: growing), which
 *   has no finite rate and gets no load, like a synchronous cycle.
 */
import type { DefaultUsed } from './assumptions.js';
import { solveLinearSystem } from '../model/linear-system.js';
import type { TopologyGraph } from '../model/graph.js';
import type { TopologyNode } from '../model/topology.js';

export interface Flow {
    reads: number;
    writes: number;
}

export interface LoadResult {
    /** Requests per second arriving at each node on a request or asynchronous path, when the traffic gives a peak. */
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
    for (const edge of topology.edges) add(edge.from, edge.to, routedShare(graph, edge), false);
    for (const node of topology.nodes) {
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        // One lookup per request; an explicit edge to the store adds calls of its own (LANGUAGE.md, node table).
        if (store && graph.node(store)) add(node.name, store, 1, true);
    }

    const reached = [...graph.onRequestPath, ...graph.onAsyncPath];
    const blocked = new Set<string>();
    const arriving = new Map<string, Flow>();
    if (peak === undefined || graph.entries.length === 0) return { arriving, blocked, readShare, assumptions };

    if (graph.entries.length > 1 && peakOverride === undefined) {
        assumptions.push({ input: 'entry-split', entries: [...graph.entries], nodes: [] });
    }
    const perEntry = peak / graph.entries.length;

    // Components: a synchronous cycle or a growing pipeline stops propagation; a pipeline is solved as one.
    const componentOf = new Map<string, readonly string[]>();
    const stops = new Set<readonly string[]>();
    // A synchronous cycle's traced loop is enough to stop it: the rest of its component is downstream of the loop.
    for (const cycle of graph.cycles) {
        for (const name of cycle) componentOf.set(name, cycle);
        stops.add(cycle);
    }
    for (const pipeline of graph.pipelines) {
        for (const name of pipeline.members) componentOf.set(name, pipeline.members);
        if (pipeline.growing) stops.add(pipeline.members);
    }
    // One array per unit, kept: the maps below are keyed by its identity.
    for (const name of reached) if (!componentOf.has(name)) componentOf.set(name, [name]);
    const unitOf = (name: string): readonly string[] | undefined => componentOf.get(name);

    // Kahn's algorithm over those units: a unit's load is final once every caller outside it has sent its share.
    const indegree = new Map<readonly string[], number>();
    for (const name of reached) {
        indegree.set(unitOf(name)!, 0);
        arriving.set(name, { reads: 0, writes: 0 });
    }
    for (const [from, list] of successors) {
        if (!arriving.has(from)) continue;
        for (const { to } of list) {
            const unit = unitOf(to);
            if (!unit || !indegree.has(unit) || unitOf(from) === unit) continue;
            indegree.set(unit, indegree.get(unit)! + 1);
        }
    }
    for (const entry of graph.entries) {
        const flow = arriving.get(entry);
        if (!flow) continue;
        flow.reads += perEntry * readShare;
        flow.writes += perEntry * (1 - readShare);
    }
    const ready = [...indegree].filter(([, count]) => count === 0).map(([unit]) => unit);
    const done = new Set<string>();
    const send = (name: string): void => {
        const here = arriving.get(name)!;
        const out = passedOn(graph.node(name)!, here);
        for (const { to, share, session } of successors.get(name) ?? []) {
            const flow = arriving.get(to);
            if (!flow || unitOf(to) === unitOf(name)) continue;
            if (session) {
                flow.reads += total(here) * share;
            } else {
                flow.reads += out.reads * share;
                flow.writes += out.writes * share;
            }
            const unit = unitOf(to)!;
            const left = indegree.get(unit)! - 1;
            indegree.set(unit, left);
            if (left === 0) ready.push(unit);
        }
    };
    while (ready.length > 0) {
        const unit = ready.pop()!;
        if (stops.has(unit)) continue;
        if (unit.length > 1) solvePipeline(unit, successors, arriving, graph);
        for (const name of unit) done.add(name);
        for (const name of unit) send(name);
    }
    for (const name of reached) {
        if (!done.has(name)) {
            blocked.add(name);
            arriving.delete(name);
        }
    }
    return { arriving, blocked, readShare, assumptions };
}

/**
 * The rates inside a pipeline: λ = b + Pᵀλ, reads and writes apart, b what already arrived at each member
 * from outside and P[i][j] the share of what member i passes on that goes to j (its edges' shares, after a
 * cache's hits).
 */
function solvePipeline(
    members: readonly string[], successors: ReadonlyMap<string, readonly { to: string; share: number; session: boolean }[]>,
    arriving: Map<string, Flow>, graph: TopologyGraph
): void {
    const index = new Map(members.map((name, i) => [name, i]));
    const n = members.length;
    for (const part of ['reads', 'writes'] as const) {
        const matrix = members.map((name, i) => {
            const row = new Array<number>(n + 1).fill(0);
            row[i] = 1;
            row[n] = arriving.get(name)![part];
            return row;
        });
        members.forEach((name, i) => {
            const node = graph.node(name)!;
            // What one unit of `part` arriving at i becomes on its way out (a cache passes on its read misses).
            const passes = part === 'reads' ? passedOn(node, { reads: 1, writes: 0 }).reads : 1;
            for (const { to, share, session } of successors.get(name) ?? []) {
                const j = index.get(to);
                if (j === undefined) continue;
                // A session lookup is a read: inside a pipeline only reads' lookups are counted (a session
                // store that is also fed by a queue loop is not a design anyone draws; docs/estimates.md).
                if (session) {
                    if (part === 'reads') matrix[j][i] -= share;
                    continue;
                }
                matrix[j][i] -= share * passes;
            }
        });
        // graph.ts found the pipeline finite, so I − Pᵀ is not singular.
        const solution = solveLinearSystem(matrix)!;
        members.forEach((name, i) => { arriving.get(name)![part] = solution[i]; });
    }
}

/**
 * The share of a node's requests an edge carries. Out of a `dns`, edges to nodes of the same kind are
 * alternatives (ESTIMATES.md, "Details"): DNS answers each request with one of them, so they split the
 * requests by their shares (default even) instead of each taking its share; `routing failover` sends
 * them all to the first while it is up. Edges to nodes of other kinds are other names, each taken.
 */
export function routedShare(graph: TopologyGraph, edge: { from: string; to: string; share: number }): number {
    const from = graph.node(edge.from);
    if (from?.kind !== 'dns') return edge.share;
    const kind = graph.node(edge.to)?.kind;
    const group = graph.topology.edges.filter(other => other.from === edge.from && graph.node(other.to)?.kind === kind);
    if (group.length < 2) return edge.share;
    if (from.routing === 'failover') return group[0].to === edge.to ? 1 : 0;
    const sum = group.reduce((total, other) => total + other.share, 0);
    return sum > 0 ? edge.share / sum : 1 / group.length;
}
