/**
 * The routing the simulations follow, read from the Topology once: where requests come from (the
 * clients, each with its rate and read share, or the entry nodes with the traffic's peak split
 * evenly), what each node calls after it serves a request (each out-edge taken on its own with its
 * share, only by its class when it carries one, N times in parallel for `Nx` and `each`; a dns's edges
 * to nodes of one kind are alternatives), what a cache lets through (by its policy), where requests end
 * (at a queue), which edges close a synchronous cycle (cut), and the expected visit rate of every node
 * by class. The expected rates are what the request simulation's measured load is held against, and
 * what fixes the number of instances a tier needs (availability's k).
 */
import { buildGraph, cyclicComponents } from '../model/graph.js';
import { isManaged, type Edge, type Topology, type TopologyNode } from '../model/topology.js';
import { buildSources, overallReadShare, type Source } from './sources.js';

/** A request's class: reads and writes are routed apart (caches, replicas). */
export const READ = 0;
export const WRITE = 1;
export type RequestClass = typeof READ | typeof WRITE;
export const CLASSES: readonly RequestClass[] = [READ, WRITE];

/** A call taken on its own: with probability `share` of the caller's requests. */
export interface IndependentCall {
    kind: 'call';
    to: number;
    share: number;
    /**
     * The caller is a balancer without health checks and the callee has none of its own: a dead
     * instance of the callee keeps its share of these requests, and they fail.
     */
    keepsShare: boolean;
    /**
     * A `sessions store` lookup: one read of the store per request the caller serves, reads and writes
     * alike (docs/estimates.md: "one session lookup (a read)"); an edge to the store adds its own calls.
     */
    sessionLookup: boolean;
    /** `reads` / `writes` on the edge: only requests of this class take it (its share is of that class). */
    carries?: RequestClass;
    /** Calls made in parallel each time the edge is taken: N for `Nx`, the callee's parts for `each`, else 1. */
    parallel: number;
    /** `each`: call i goes to part i of the callee (its shard group, or its instance), and the request needs every part. */
    each: boolean;
}

/**
 * A dns's targets of one kind: the DNS answers with one of them. `split`: by weight, a lost target
 * keeps its clients; `split-healthy` (geo or round_robin with `health every`): by weight among the
 * targets that are not lost; `failover`: the first target that is not lost.
 */
export interface AlternativeCalls {
    kind: 'alternatives';
    targets: { to: number; weight: number }[];
    mode: 'split' | 'split-healthy' | 'failover';
}

export type Call = IndependentCall | AlternativeCalls;

export interface RoutedNode {
    index: number;
    node: TopologyNode;
    /** What the node calls after serving a request, in order (the sessions store first). For a queue: its consumers, asynchronously. */
    calls: Call[];
    /** Share of reads that go on along the calls: 1 − hit for a cache or cdn (hit absent: 0%), 0 for `policy store`, else 1. */
    readPassOn: number;
    /**
     * How writes go on along the calls: within the request (`sync`), after the acknowledgement (`deferred`:
     * a `behind` cache flushes them later, off the request's path), or not at all (`none`: a `store` cache).
     */
    writePass: 'sync' | 'deferred' | 'none';
    /** The request ends here (the enqueue); `calls` start a job each. */
    isQueue: boolean;
    /**
     * A cache the caller sets aside when it is down (`policy aside`, the default): its callers read the store
     * themselves, so a read the cache cannot serve goes on as a miss, and writes never needed it.
     */
    fallsBack: boolean;
}

export interface Routing {
    topology: Topology;
    nodes: RoutedNode[];
    indexOf: ReadonlyMap<string, number>;
    /** Where requests come from: the clients, or (without clients) the entry nodes with an even part of the traffic. */
    sources: Source[];
    /** The share of all requests that read (the sources' read shares weighted by their rates). */
    readShare: number;
    /** The peak: the sources' rates summed; undefined when the model gives none (no load, latency or utilization then). */
    peakRps?: number;
    /** Clients whose rate the model does not give: then there is no peak, and the clients weigh alike. */
    clientsWithoutRate: string[];
    /** Nodes in an order where every callee along a kept synchronous call comes after its caller. */
    order: number[];
    /** Expected visits per second at the peak (per unit of entering rate without a peak), [class][node]. */
    rates: { total: Float64Array[]; request: Float64Array[]; job: Float64Array[] };
    /** Enqueues per second into each queue, [class][node] (zero for other nodes). */
    enqueueRates: Float64Array[];
    /** Edges that close a synchronous cycle: cut, as ESTIMATES.md stops propagation there. */
    cutEdges: { from: string; to: string }[];
    /** Queues in a pipeline loop whose shares multiply to 100% or more: their consumers are not simulated. */
    divergentQueues: number[];
}

export function buildRouting(topology: Topology): Routing {
    const graph = buildGraph(topology);
    const indexOf = new Map(topology.nodes.map((node, i) => [node.name, i]));
    const nodes: RoutedNode[] = topology.nodes.map((node, index) => ({
        index,
        node,
        calls: [],
        ...passOn(node),
        isQueue: node.kind === 'queue',
        fallsBack: false
    }));

    const outEdges = new Map<string, Edge[]>();
    for (const edge of topology.edges) {
        if (!indexOf.has(edge.from) || !indexOf.has(edge.to)) continue;
        const list = outEdges.get(edge.from);
        if (list) list.push(edge);
        else outEdges.set(edge.from, [edge]);
    }
    const cutEdges = findCutEdges(topology, graph.entries, indexOf, outEdges);
    const cut = new Set(cutEdges.map(edge => `${edge.from}\u0000${edge.to}`));

    for (const routed of nodes) {
        const { node } = routed;
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        const kept = (outEdges.get(node.name) ?? []).filter(edge => !cut.has(`${edge.from}\u0000${edge.to}`));
        if (store !== undefined && indexOf.has(store) && !cut.has(`${node.name}\u0000${store}`)) {
            routed.calls.push({ kind: 'call', to: indexOf.get(store)!, share: 1, keepsShare: keepsShare(node, topology.nodes[indexOf.get(store)!]), sessionLookup: true, parallel: 1, each: false });
        }
        if (node.kind === 'dns') {
            // Edges to nodes of one kind are alternatives; a kind with a single target is an ordinary call.
            const byKind = new Map<string, Edge[]>();
            for (const edge of kept) {
                const kind = topology.nodes[indexOf.get(edge.to)!].kind;
                byKind.set(kind, [...(byKind.get(kind) ?? []), edge]);
            }
            for (const group of byKind.values()) {
                if (group.length === 1) {
                    routed.calls.push(edgeCall(group[0], topology.nodes[indexOf.get(group[0].to)!], indexOf, false));
                    continue;
                }
                const total = group.reduce((sum, edge) => sum + edge.share, 0);
                const routing = node.routing ?? 'round_robin';
                routed.calls.push({
                    kind: 'alternatives',
                    targets: group.map(edge => ({ to: indexOf.get(edge.to)!, weight: total > 0 ? edge.share / total : 1 / group.length })),
                    mode: routing === 'failover' ? 'failover' : node.healthEveryMs !== undefined ? 'split-healthy' : 'split'
                });
            }
        } else {
            for (const edge of kept) {
                const callee = topology.nodes[indexOf.get(edge.to)!];
                routed.calls.push(edgeCall(edge, callee, indexOf, keepsShare(node, callee)));
            }
        }
    }

    for (const routed of nodes) {
        const { node } = routed;
        routed.fallsBack = node.kind === 'cache' && (node.policy === undefined || node.policy === 'aside') && routed.calls.length > 0;
    }
    const order = syncOrder(nodes);
    // A client is no balancer: its calls never keep a dead instance's share.
    const { sources, peakRps, withoutRate } = buildSources(topology, graph.entries, (edge, callee) => edgeCall(edge, callee, indexOf, false), indexOf);
    const readShare = overallReadShare(topology, sources);
    const divergentQueues = findDivergentQueues(nodes, order);
    const { request, job, enqueue } = propagate(nodes, order, sources, peakRps ?? 1, new Set(divergentQueues));
    const total = CLASSES.map(c => request[c].map((rate, i) => rate + job[c][i]));
    return {
        topology, nodes, indexOf, sources, readShare, peakRps, clientsWithoutRate: withoutRate, order,
        rates: { total, request, job },
        enqueueRates: enqueue,
        cutEdges,
        divergentQueues
    };
}

/**
 * What a node lets through (ESTIMATES.md, "Load"): a cache or cdn its read misses (1 − hit) and its
 * writes; a `behind` cache its writes after the acknowledgement; a `store` cache nothing (nothing stands
 * behind it). Any other node passes everything on.
 */
function passOn(node: TopologyNode): Pick<RoutedNode, 'readPassOn' | 'writePass'> {
    if (node.kind === 'cache' && node.policy === 'store') return { readPassOn: 0, writePass: 'none' };
    const readPassOn = node.kind === 'cache' || node.kind === 'cdn' ? 1 - (node.hit ?? 0) : 1;
    return { readPassOn, writePass: node.kind === 'cache' && node.policy === 'behind' ? 'deferred' : 'sync' };
}

/** An edge as a call: its share, its class, its fan-out. */
function edgeCall(edge: Edge, callee: TopologyNode, indexOf: ReadonlyMap<string, number>, keeps: boolean): IndependentCall {
    return {
        kind: 'call',
        to: indexOf.get(edge.to)!,
        share: edge.share,
        keepsShare: keeps,
        sessionLookup: false,
        ...(edge.carries !== undefined ? { carries: edge.carries === 'reads' ? READ : WRITE } : {}),
        parallel: edge.fanOut === undefined ? 1 : edge.fanOut === 'each' ? partsOf(callee) : Math.max(1, edge.fanOut),
        each: edge.fanOut === 'each'
    };
}

/**
 * The parts `each` calls (LANGUAGE.md, `A -> B each`): one call to every shard of B, every instance when
 * B is not sharded.
 */
export function partsOf(node: TopologyNode): number {
    return node.shards && node.shards.count > 1 ? node.shards.count : Math.max(1, node.instances.max);
}

/**
 * Whether a dead instance of `callee` keeps its share of the requests `caller` sends it (ESTIMATES.md,
 * "Availability"): behind a balancer that checks nothing. A `managed` balancer checks its targets by
 * default (ESTIMATES.md, "Details").
 */
function keepsShare(caller: TopologyNode, callee: TopologyNode): boolean {
    return caller.kind === 'balancer' && caller.healthEveryMs === undefined && !isManaged(caller) && callee.healthEveryMs === undefined;
}

/**
 * The synchronous edges (everything but a queue's consumer edges, plus `sessions store`) that close a
 * cycle, found by depth-first search from the entries first (then the other nodes in declaration
 * order): each edge back to a node on the search's current path, so that the edge cut is the one
 * that turns back toward where requests come from.
 */
function findCutEdges(topology: Topology, entries: readonly string[], indexOf: ReadonlyMap<string, number>, outEdges: ReadonlyMap<string, readonly Edge[]>): { from: string; to: string }[] {
    const next = new Map<string, string[]>();
    for (const node of topology.nodes) {
        if (node.kind === 'queue') continue;
        const targets: string[] = [];
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        if (store !== undefined && indexOf.has(store)) targets.push(store);
        for (const edge of outEdges.get(node.name) ?? []) targets.push(edge.to);
        next.set(node.name, targets);
    }
    const state = new Map<string, 'open' | 'done'>();
    const cut: { from: string; to: string }[] = [];
    for (const root of [...entries, ...topology.nodes.map(node => node.name)]) {
        if (state.has(root)) continue;
        const stack: { name: string; child: number }[] = [{ name: root, child: 0 }];
        state.set(root, 'open');
        while (stack.length > 0) {
            const frame = stack[stack.length - 1];
            const children = next.get(frame.name) ?? [];
            if (frame.child < children.length) {
                const child = children[frame.child++];
                const seen = state.get(child);
                if (seen === 'open') cut.push({ from: frame.name, to: child });
                else if (seen === undefined) {
                    state.set(child, 'open');
                    stack.push({ name: child, child: 0 });
                }
                continue;
            }
            state.set(frame.name, 'done');
            stack.pop();
        }
    }
    return cut;
}

/** Callers before callees along the kept synchronous calls (Kahn's algorithm; ties in declaration order). */
function syncOrder(nodes: readonly RoutedNode[]): number[] {
    const indegree = new Int32Array(nodes.length);
    const callees = nodes.map(routed => (routed.isQueue ? [] : targetsOf(routed)));
    for (const list of callees) for (const to of list) indegree[to]++;
    const order: number[] = [];
    const ready = nodes.filter(routed => indegree[routed.index] === 0).map(routed => routed.index);
    for (let head = 0; head < ready.length; head++) {
        const at = ready[head];
        order.push(at);
        for (const to of callees[at]) if (--indegree[to] === 0) ready.push(to);
    }
    return order;
}

function targetsOf(routed: RoutedNode): number[] {
    return routed.calls.flatMap(call => (call.kind === 'call' ? [call.to] : call.targets.map(target => target.to)));
}

/**
 * The weights with which a dns's alternatives share the requests while every target is up: `failover`
 * sends everything to the first target, the splits by their weights.
 */
export function peakWeights(call: AlternativeCalls): number[] {
    return call.mode === 'failover' ? call.targets.map((_, i) => (i === 0 ? 1 : 0)) : call.targets.map(target => target.weight);
}

/**
 * What the calls of a node send on for `arriving` visits per second of each class: each call its
 * share of the class it carries (reads after the cache's pass-on) times its parallel calls, a session
 * lookup one read per visit of either class. Added into `into`; a `behind` cache's writes into
 * `deferred` (they go on after the acknowledgement, as work of their own).
 */
function sendOn(routed: RoutedNode, arriving: readonly number[], into: readonly Float64Array[], deferred: readonly Float64Array[]): void {
    const passed = [arriving[READ] * routed.readPassOn, routed.writePass === 'sync' ? arriving[WRITE] : 0];
    const flushed = routed.writePass === 'deferred' ? arriving[WRITE] : 0;
    for (const call of routed.calls) {
        if (call.kind === 'call') {
            if (call.sessionLookup) {
                into[READ][call.to] += (arriving[READ] + arriving[WRITE]) * call.share;
                continue;
            }
            for (const c of CLASSES) if (call.carries === undefined || call.carries === c) into[c][call.to] += passed[c] * call.share * call.parallel;
            if (flushed > 0 && call.carries !== READ) deferred[WRITE][call.to] += flushed * call.share * call.parallel;
            continue;
        }
        const weights = peakWeights(call);
        call.targets.forEach((target, i) => {
            for (const c of CLASSES) into[c][target.to] += passed[c] * weights[i];
        });
    }
}

/** What sources send on at `peakRps` in all: each source's rate, by class, along its calls. */
function sourceInjection(nodes: readonly RoutedNode[], sources: readonly Source[], peakRps: number): Float64Array[] {
    const injected = CLASSES.map(() => new Float64Array(nodes.length));
    for (const source of sources) {
        const rate = [peakRps * source.weight * source.readShare, peakRps * source.weight * (1 - source.readShare)];
        for (const call of source.calls) {
            for (const c of CLASSES) if (call.carries === undefined || call.carries === c) injected[c][call.to] += rate[c] * call.share * call.parallel;
        }
    }
    return injected;
}

/**
 * One generation of load: `injected` visits per second at some nodes ([class][node]), carried along
 * the synchronous calls in `order`; a generation ends at the queues it reaches (their enqueues) and at
 * the writes `behind` caches flush later (`deferred`, what they send on).
 */
function oneGeneration(nodes: readonly RoutedNode[], order: readonly number[], injected: readonly Float64Array[]): { visits: Float64Array[]; deferred: Float64Array[] } {
    const visits = injected.map(rates => Float64Array.from(rates));
    const deferred = CLASSES.map(() => new Float64Array(nodes.length));
    for (const at of order) {
        const routed = nodes[at];
        if (routed.isQueue || (visits[READ][at] === 0 && visits[WRITE][at] === 0)) continue;
        sendOn(routed, [visits[READ][at], visits[WRITE][at]], visits, deferred);
    }
    return { visits, deferred };
}

/** Visits a queue's consumers receive per second for `enqueued` messages per second (divergent queues pass nothing on). Added into `injected`. */
function consumerInjection(nodes: readonly RoutedNode[], enqueued: readonly Float64Array[], divergent: ReadonlySet<number>, injected = CLASSES.map(() => new Float64Array(nodes.length))): Float64Array[] {
    const unused = CLASSES.map(() => new Float64Array(nodes.length));
    for (const routed of nodes) {
        if (!routed.isQueue || divergent.has(routed.index)) continue;
        if (enqueued[READ][routed.index] === 0 && enqueued[WRITE][routed.index] === 0) continue;
        sendOn(routed, [enqueued[READ][routed.index], enqueued[WRITE][routed.index]], injected, unused);
    }
    return injected;
}

/**
 * Expected rates: generation 0 is the requests the sources send, generation g + 1 the jobs that
 * generation g enqueued and the writes its `behind` caches flushed. Pipelines through queues converge
 * (their loop gain is below 1 once the divergent loops are left out); the loop stops when a generation
 * adds less than 1e-12 of the total.
 */
function propagate(nodes: readonly RoutedNode[], order: readonly number[], sources: readonly Source[], peakRps: number, divergent: ReadonlySet<number>) {
    const job = CLASSES.map(() => new Float64Array(nodes.length));
    const enqueue = CLASSES.map(() => new Float64Array(nodes.length));
    const sum = (rates: readonly Float64Array[]): number => rates.reduce((total, list) => total + list.reduce((s, v) => s + v, 0), 0);
    let { visits, deferred } = oneGeneration(nodes, order, sourceInjection(nodes, sources, peakRps));
    const request = visits.map(rates => Float64Array.from(rates));
    let overall = sum(visits);
    for (let generation = 0; generation < 100_000; generation++) {
        const enqueued = visits.map(rates => Float64Array.from(rates, (rate, i) => (nodes[i].isQueue ? rate : 0)));
        for (const c of CLASSES) enqueued[c].forEach((rate, i) => (enqueue[c][i] += rate));
        ({ visits, deferred } = oneGeneration(nodes, order, consumerInjection(nodes, enqueued, divergent, deferred)));
        const added = sum(visits);
        if (added === 0) break;
        for (const c of CLASSES) visits[c].forEach((rate, i) => (job[c][i] += rate));
        overall += added;
        if (added < 1e-12 * overall) break;
    }
    return { request, job, enqueue };
}

/**
 * Queues on a pipeline loop whose gain is 1 or more (one message in comes back as one or more): the
 * spectral radius of the queue-to-queue gain matrix of each cyclic group of queues, by power
 * iteration on I + G (which converges for periodic loops too), for reads and writes apart.
 */
function findDivergentQueues(nodes: readonly RoutedNode[], order: readonly number[]): number[] {
    const queues = nodes.filter(routed => routed.isQueue).map(routed => routed.index);
    if (queues.length === 0) return [];
    const divergent = new Set<number>();
    for (const c of CLASSES) {
        const gain = new Map<number, Map<number, number>>();
        for (const q of queues) {
            const unit = CLASSES.map(() => new Float64Array(nodes.length));
            unit[c][q] = 1;
            // Reads never become writes (a session lookup turns a write into a read too), so each class's
            // loops are its own: the gain counts the messages of the same class only.
            const visits = untilSettled(nodes, order, consumerInjection(nodes, unit, new Set()))[c];
            const row = new Map<number, number>();
            for (const other of queues) if (visits[other] > 0) row.set(other, visits[other]);
            gain.set(q, row);
        }
        const next = new Map(queues.map(q => [String(q), [...gain.get(q)!.keys()].map(String)]));
        for (const component of cyclicComponents(queues.map(String), next)) {
            const members = component.map(Number);
            if (spectralRadius(members, gain) >= 1 - 1e-9) members.forEach(q => divergent.add(q));
        }
    }
    return [...divergent].sort((a, b) => a - b);
}

/** One generation's visits with the writes its `behind` caches flush followed to the end (they form no loop: cycles are cut). */
function untilSettled(nodes: readonly RoutedNode[], order: readonly number[], injected: readonly Float64Array[]): Float64Array[] {
    const all = CLASSES.map(() => new Float64Array(nodes.length));
    let next: readonly Float64Array[] = injected;
    for (let round = 0; round < nodes.length + 1; round++) {
        const { visits, deferred } = oneGeneration(nodes, order, next);
        for (const c of CLASSES) visits[c].forEach((rate, i) => (all[c][i] += rate));
        if (deferred.every(list => list.every(rate => rate === 0))) break;
        next = deferred;
    }
    return all;
}

function spectralRadius(members: readonly number[], gain: ReadonlyMap<number, ReadonlyMap<number, number>>): number {
    let vector = new Map(members.map(q => [q, 1 / members.length]));
    let radius = 0;
    for (let step = 0; step < 5000; step++) {
        const next = new Map(members.map(q => [q, vector.get(q)!]));
        for (const from of members) {
            for (const [to, g] of gain.get(from)!) if (next.has(to)) next.set(to, next.get(to)! + g * vector.get(from)!);
        }
        const norm = [...next.values()].reduce((sum, v) => sum + v, 0);
        const estimate = norm / [...vector.values()].reduce((sum, v) => sum + v, 0) - 1;
        next.forEach((v, q) => next.set(q, v / norm));
        vector = next;
        if (Math.abs(estimate - radius) < 1e-12) return estimate;
        radius = estimate;
    }
    return radius;
}
