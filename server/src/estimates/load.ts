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
import type { Client, Topology, TopologyNode } from '../model/topology.js';
import { edgeCalls } from './edge-calls.js';

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

/** A request-path successor: the calls per request of each class it receives (a session lookup: one read per request). */
interface Successor {
    to: string;
    reads: number;
    writes: number;
    session: boolean;
}

/** A client with the rate and read share it sends (its own, else traffic's; a missing peak is traffic's split over the clients without one). */
export interface ClientSource {
    client: Client;
    peakRps: number;
    readShare: number;
}

/**
 * The clients' rates (ESTIMATES.md, "Load"): a client's own `peak`, else `traffic`'s split evenly among the
 * clients that declare none; its own `reads`, else `traffic`'s, else 100%. With `peak` given (1 for shares),
 * the clients' rates are scaled to total it, in proportion; without every rate known they weigh alike.
 */
/** The system's peak as declared: with clients, the sum of their rates (undefined unless each is known); else `traffic`'s. */
export function systemPeak(topology: Topology): number | undefined {
    return topology.clients.length > 0 ? clientsPeak(topology) : topology.traffic?.peakRps;
}

/** Whether the model says how many requests read: `traffic`'s `reads`, or every client's own. */
export function readsDeclared(topology: Topology): boolean {
    if (topology.traffic?.readShare !== undefined) return true;
    return topology.clients.length > 0 && topology.clients.every(client => client.readShare !== undefined);
}

/** The share of all requests that read: `traffic`'s, or with clients theirs weighted by their rates. */
export function overallReadShare(topology: Topology): number {
    if (topology.clients.length === 0) return topology.traffic?.readShare ?? 1;
    const sources = clientSources(topology, 1);
    return sources.reduce((sum, source) => sum + source.peakRps * source.readShare, 0);
}

/** The clients' rates summed, when every client's rate is known (its own peak, or its part of traffic's). */
export function clientsPeak(topology: Topology): number | undefined {
    const rates = clientRates(topology);
    return rates.every(rate => rate !== undefined) ? rates.reduce((s: number, rate) => s + rate!, 0) : undefined;
}

function clientRates(topology: Topology): (number | undefined)[] {
    const silent = topology.clients.filter(client => usablePeak(client.peakRps) === undefined).length;
    const trafficPeak = usablePeak(topology.traffic?.peakRps);
    return topology.clients.map(client => usablePeak(client.peakRps) ?? (trafficPeak !== undefined && silent > 0 ? trafficPeak / silent : undefined));
}

export function clientSources(topology: Topology, peak?: number): ClientSource[] {
    const rates = clientRates(topology);
    const known = rates.every(rate => rate !== undefined);
    const sum = known ? rates.reduce((s: number, rate) => s + rate!, 0) : 0;
    return topology.clients.map((client, i) => {
        const own = known ? rates[i]! : 1;
        const scaled = peak === undefined ? own : known && sum > 0 ? (peak * own) / sum : peak / topology.clients.length;
        return { client, peakRps: scaled, readShare: client.readShare ?? topology.traffic?.readShare ?? 1 };
    });
}

function scaled(flow: Flow, factor: number): Flow {
    return { reads: flow.reads * factor, writes: flow.writes * factor };
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
    // A cache that is the store passes nothing on: nothing stands behind it (LANGUAGE.md, `policy store`).
    if (node.kind === 'cache' && node.policy === 'store') return { reads: 0, writes: 0 };
    if (node.kind === 'cache' || node.kind === 'cdn') {
        return { reads: arriving.reads * (1 - (node.hit ?? 0)), writes: arriving.writes };
    }
    return arriving;
}

/**
 * What a node passes on within the request: a `behind` cache acknowledges writes itself and flushes them
 * after (LANGUAGE.md, `policy behind`), so the store behind it carries them (`passedOn`) but the request
 * neither waits for it nor fails with it.
 */
export function passedOnInRequest(node: TopologyNode, arriving: Flow): Flow {
    const out = passedOn(node, arriving);
    return node.kind === 'cache' && node.policy === 'behind' ? { reads: out.reads, writes: 0 } : out;
}

/**
 * Propagates `peak` (default: the traffic's peak) from the entries. With no
 * peak at all, call it with 1 to get each node's share of the requests
 * (system availability needs those shares even when no load is known).
 * With `onlyClient`, only that client's part of the load (the propagation is linear in its sources).
 */
/**
 * The share of what arrives at a node that it serves, and so passes on (overload.ts: an overloaded tier
 * sheds the rest); 1 when it serves everything.
 */
export type ServesShare = (name: string, arriving: Flow) => number;

export function propagateLoad(graph: TopologyGraph, peakOverride?: number, onlyClient?: string, serves?: ServesShare): LoadResult {
    const topology = graph.topology;
    const assumptions: DefaultUsed[] = [];
    // A peak that is not a finite rate is no usable peak: `peak 9…9 rps` with 400 digits parses to Infinity,
    // and Infinity × a 0% write share is NaN, which would spread through every load.
    // With clients, the peak is theirs: the sum of their rates (ESTIMATES.md, "Load").
    const peak = usablePeak(peakOverride ?? systemPeak(topology));
    const readShare = overallReadShare(topology);
    if (peakOverride === undefined && peak !== undefined && !readsDeclared(topology)) {
        assumptions.push({ input: 'read-share', readShare: 1, nodes: [] });
    }

    // Request-path successors: edges with the calls they make per class, plus `sessions store X` as one lookup per request.
    const successors = new Map<string, Successor[]>();
    const add = (from: string, successor: Successor): void => {
        const list = successors.get(from) ?? [];
        list.push(successor);
        successors.set(from, list);
    };
    for (const edge of topology.edges) add(edge.from, { to: edge.to, ...edgeCalls(graph, edge), session: false });
    for (const node of topology.nodes) {
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        // One lookup per request; an explicit edge to the store adds calls of its own (LANGUAGE.md, node table).
        if (store && graph.node(store)) add(node.name, { to: store, reads: 1, writes: 1, session: true });
    }

    const reached = [...graph.onRequestPath, ...graph.onAsyncPath];
    const blocked = new Set<string>();
    const arriving = new Map<string, Flow>();
    if (peak === undefined || graph.entries.length === 0) return { arriving, blocked, readShare, assumptions };

    // With clients the load enters where each client sends it, at its own rate: nothing is split.
    if (graph.entries.length > 1 && peakOverride === undefined && topology.clients.length === 0) {
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
    if (topology.clients.length === 0) {
        for (const entry of graph.entries) {
            const flow = arriving.get(entry);
            if (!flow) continue;
            flow.reads += perEntry * readShare;
            flow.writes += perEntry * (1 - readShare);
        }
    } else {
        // Load enters through the clients, each at its own rate and read share, along its own edges.
        for (const source of clientSources(topology, peak)) {
            if (onlyClient !== undefined && source.client.name !== onlyClient) continue;
            for (const edge of source.client.edges) {
                const flow = arriving.get(edge.to);
                if (!flow) continue;
                const calls = edgeCalls(graph, edge);
                flow.reads += source.peakRps * source.readShare * calls.reads;
                flow.writes += source.peakRps * (1 - source.readShare) * calls.writes;
            }
        }
    }
    const ready = [...indegree].filter(([, count]) => count === 0).map(([unit]) => unit);
    const done = new Set<string>();
    const send = (name: string): void => {
        const served = serves ? serves(name, arriving.get(name)!) : 1;
        const here = served === 1 ? arriving.get(name)! : scaled(arriving.get(name)!, served);
        const out = passedOn(graph.node(name)!, here);
        for (const { to, reads, writes, session } of successors.get(name) ?? []) {
            const flow = arriving.get(to);
            if (!flow || unitOf(to) === unitOf(name)) continue;
            if (session) {
                flow.reads += total(here);
            } else {
                flow.reads += out.reads * reads;
                flow.writes += out.writes * writes;
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
    members: readonly string[], successors: ReadonlyMap<string, readonly Successor[]>,
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
            for (const successor of successors.get(name) ?? []) {
                const j = index.get(successor.to);
                if (j === undefined) continue;
                // A session lookup is a read: inside a pipeline only reads' lookups are counted (a session
                // store that is also fed by a queue loop is not a design anyone draws; docs/estimates.md).
                if (successor.session) {
                    if (part === 'reads') matrix[j][i] -= 1;
                    continue;
                }
                matrix[j][i] -= successor[part] * passes;
            }
        });
        // graph.ts found the pipeline finite, so I − Pᵀ is not singular.
        const solution = solveLinearSystem(matrix)!;
        members.forEach((name, i) => { arriving.get(name)![part] = solution[i]; });
    }
}

