/**
 * The share of requests served (ESTIMATES.md, "Availability", the system), on
 * the request paths' real structure rather than as a product of independent
 * tiers.
 *
 * A request enters at an entry, as a read or a write, and calls along the
 * synchronous edges: each edge is taken with its share (a cache passes on only
 * its read misses; `sessions store X` is one read lookup in X), and a request is
 * served when every node it calls is up for its kind (reads, writes). Edges out
 * of a `dns` to nodes of the same kind are alternatives: DNS answers with one of
 * them (split by share; `routing failover` takes the first target not lost;
 * any routing with `health every` sends a lost target's clients to the others). A
 * target is lost when a node every request to it needs is down, which is what a
 * health check sees. A queue ends the request: what it feeds is not called.
 *
 * With the nodes up independently and each reached along one path, the chance a
 * request from x is served is exact by recursion, children first:
 *   f(x) = up(x) × Π_edges (1 − q + q·f(callee)),  q = share × pass-on,
 * and for DNS alternatives a weighted sum of the targets' f. A node reached
 * along two paths (a database behind a cache and called directly) is called
 * twice within one request with one state: the recursion would count it twice.
 * (Paths are counted per source: two sources' requests are two requests, and the
 * system's figure sums what each source's requests are served.)
 * Such nodes (and everything below them) are conditioned on: their states are
 * enumerated when few, else drawn by a seeded Monte Carlo, and the recursion is
 * exact given them. The Monte Carlo draws only states with at least one
 * conditioned node failing (the all-up state is counted exactly), so its
 * standard error, shown with the figure, scales with the chance of a failure.
 */
import type { TopologyGraph } from '../model/graph.js';
import { dnsLeavesDeadTargets, isWholeService, type Edge } from '../model/topology.js';
import { clientSources, overallReadShare, passedOnInRequest } from './load.js';
import { edgeTaken } from './edge-calls.js';
import { mulberry32 } from './random.js';

/** Chance a node serves a read and a write (writes ≤ reads). */
export interface NodeUp {
    reads: number;
    writes: number;
    /**
     * Chance it serves any request at all, when that differs from `reads` (what a DNS health check sees):
     * behind a balancer without health checks a dead instance fails only its share, so the tier serves
     * reads with chance a (per request) but is lost as a whole only when every instance is down.
     */
    any?: number;
    /**
     * A node that spreads its shards over its instances: the chance every shard has a copy up, which `each`
     * needs (its shards share instances, so they do not fail apart: not reads^M).
     */
    everyShard?: number;
}

export interface ServedShare {
    /** Share of requests served: reads and writes mixed by the traffic's read share. */
    served: number;
    reads: number;
    writes: number;
    /** exact; monte-carlo (standardError says how close); per-group: more arbiter groups than enumerated, each conditioned on alone (perGroup). */
    method: 'exact' | 'monte-carlo' | 'per-group';
    /** Standard error of `served`: 0 when exact. */
    standardError: number;
    /** Draws of the Monte Carlo (0 when exact). */
    samples: number;
}

interface Step {
    to: string;
    /** The chance a read request (a write request) takes the step: the edge's share for the classes it carries. */
    reads: number;
    writes: number;
    /** A `sessions store` lookup: a read, whatever the request. */
    session: boolean;
    /**
     * Independent parts the step needs all of: `each` over a sharded node calls every shard group, and a
     * request is served only if every one answers (the groups fail apart). 1 otherwise.
     */
    parts?: number;
    /**
     * `Nx` calls: each call carries its own key, so a sharded node below answers the N calls from the groups
     * their keys fall in, not from one (keyed.ts: the correction the recursion's single call is multiplied by).
     */
    keyed?: KeyedReach[];
}

/** A sharded node that the N calls of an `Nx` step reach: with which chance one call reaches it, per class. */
interface KeyedReach {
    node: string;
    calls: number;
    reads: number;
    writes: number;
    groups: number;
}

/**
 * Where requests come from: without clients each entry node with an equal part of the requests; with
 * clients each client with its own part of the reads and of the writes (its rate × its read share) and
 * its own edges (ESTIMATES.md, "Load"). The weights of each class sum to 1 (0 when no request is of it).
 */
interface Source {
    readWeight: number;
    writeWeight: number;
    steps: readonly Step[];
}

interface Alternatives {
    targets: { to: string; weight: number }[];
    /** split: by weight; failover: the first target not lost; redistribute: a lost target's share goes to the others. */
    routing: 'split' | 'failover' | 'redistribute';
}

/** The request paths of a topology, worked out once and evaluated for any node states. */
export interface RequestPaths {
    readonly entries: readonly string[];
    readonly sources: readonly Source[];
    /** The share of all requests that read (traffic's, or the clients' weighted by their rates). */
    readonly readShare: number;
    /** Nodes on request paths, callees before callers. */
    readonly order: readonly string[];
    readonly steps: ReadonlyMap<string, readonly Step[]>;
    readonly alternatives: ReadonlyMap<string, readonly Alternatives[]>;
    /** Share of reads a node passes on (a cache's misses); 1 for other nodes. */
    readonly readPass: ReadonlyMap<string, number>;
    /** Share of writes a node passes on within the request: 0 for a `behind` cache (it flushes later) or a store; else 1. */
    readonly writePass: ReadonlyMap<string, number>;
    /**
     * Caches with `policy aside` (the default) and a store behind them: the caller talks to the store itself,
     * so with the cache down every read is a miss served by the store, and writes never needed the cache.
     */
    readonly fallsBack: ReadonlySet<string>;
    /** Callers along request paths (for recomputing what lies above a node). */
    readonly callers: ReadonlyMap<string, readonly string[]>;
    /** Nodes one request can reach along more than one path, conditioned on over the whole system. */
    readonly conditioned: readonly string[];
    /**
     * The same, conditioned on where they are anchored (`anchorConditioning`): at a node each request reaches
     * once, through which every path to them passes. Keyed by that node.
     */
    readonly local: ReadonlyMap<string, LocalConditioning>;
}

/** Request paths from the graph; `skip` holds nodes left out (on a synchronous cycle, blocked). */
export function requestPaths(graph: TopologyGraph, skip: ReadonlySet<string> = new Set()): RequestPaths {
    const topology = graph.topology;
    const onPath = (name: string): boolean => graph.onRequestPath.has(name) && !skip.has(name);
    const steps = new Map<string, Step[]>();
    const alternatives = new Map<string, Alternatives[]>();
    const readPass = new Map<string, number>();
    const writePass = new Map<string, number>();
    const fallsBack = new Set<string>();
    const edgesFrom = new Map<string, Edge[]>();
    for (const edge of topology.edges) {
        if (!onPath(edge.from) || !onPath(edge.to) || graph.isAsyncSource(edge.from)) continue;
        const list = edgesFrom.get(edge.from);
        if (list) list.push(edge);
        else edgesFrom.set(edge.from, [edge]);
    }
    for (const node of topology.nodes) {
        if (!onPath(node.name)) continue;
        readPass.set(node.name, passedOnInRequest(node, { reads: 1, writes: 0 }).reads);
        writePass.set(node.name, passedOnInRequest(node, { reads: 0, writes: 1 }).writes);
        const own: Step[] = [];
        const out = edgesFrom.get(node.name) ?? [];
        if (node.kind === 'cache' && (node.policy === undefined || node.policy === 'aside') && out.length > 0) fallsBack.add(node.name);
        if (node.kind === 'dns') {
            // Targets of the same kind are alternatives (DNS answers with one); different kinds are different names.
            const byKind = new Map<string, Edge[]>();
            for (const edge of out) {
                const kind = graph.node(edge.to)!.kind;
                const list = byKind.get(kind);
                if (list) list.push(edge);
                else byKind.set(kind, [edge]);
            }
            const groups: Alternatives[] = [];
            for (const group of byKind.values()) {
                if (group.length === 1) {
                    own.push({ to: group[0].to, ...edgeTaken(graph, group[0]), session: false });
                    continue;
                }
                const sum = group.reduce((total, edge) => total + edge.share, 0);
                const routing = node.routing === 'failover' ? 'failover' : dnsLeavesDeadTargets(node) ? 'redistribute' : 'split';
                groups.push({ targets: group.map(edge => ({ to: edge.to, weight: sum > 0 ? edge.share / sum : 1 / group.length })), routing });
            }
            if (groups.length > 0) alternatives.set(node.name, groups);
        } else {
            for (const edge of out) own.push({ to: edge.to, ...edgeTaken(graph, edge), session: false, ...partsOf(graph, edge) });
        }
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        // The lookup is one read per request, on top of any edge to the store (LANGUAGE.md): the store then
        // has two paths from here, and is conditioned on like any node reached twice.
        if (store && onPath(store)) own.push({ to: store, reads: 1, writes: 1, session: true });
        steps.set(node.name, own);
    }

    // `Nx` steps: the sharded nodes their calls reach, and each call's chance of reaching them (per class).
    for (const edge of topology.edges) {
        if (typeof edge.fanOut !== 'number' || edge.fanOut <= 1) continue;
        const step = steps.get(edge.from)?.find(candidate => candidate.to === edge.to && !candidate.session && candidate.parts === undefined);
        if (!step) continue;
        const keyed = keyedReach(graph, steps, readPass, writePass, edge.to, edge.fanOut);
        if (keyed.length > 0) step.keyed = keyed;
    }
    const callees = (name: string): string[] => [
        ...(steps.get(name) ?? []).map(step => step.to),
        ...(alternatives.get(name) ?? []).flatMap(group => group.targets.map(target => target.to))
    ];
    // Callees first, by depth-first post-order from the entries; a back edge (a cycle's) is not followed.
    const entries = graph.entries.filter(onPath);
    const order: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    for (const entry of entries) {
        if (state.has(entry)) continue;
        const stack: { name: string; next: string[]; at: number }[] = [{ name: entry, next: callees(entry), at: 0 }];
        state.set(entry, 'open');
        while (stack.length > 0) {
            const frame = stack[stack.length - 1];
            if (frame.at < frame.next.length) {
                const child = frame.next[frame.at++];
                if (!state.has(child)) {
                    state.set(child, 'open');
                    stack.push({ name: child, next: callees(child), at: 0 });
                }
                continue;
            }
            stack.pop();
            state.set(frame.name, 'done');
            order.push(frame.name);
        }
    }
    const callers = new Map<string, string[]>();
    for (const name of order) {
        for (const child of new Set(callees(name))) {
            const list = callers.get(child);
            if (list) list.push(name);
            else callers.set(child, [name]);
        }
    }
    // Paths within one request, counted up to 2, callers first: a node one request can reach along two is
    // conditioned on. Counted per source (an entry, or a client with its own edges): two requests from two
    // sources that pass one node are two requests, and the system's figure is the sum of each source's
    // share served, so nothing shared between them needs conditioning (a partner API's requests and the
    // browsers' both pass the edge balancer, each once).
    const sources = sourcesOf(graph, entries, onPath);
    const position = new Map(order.map((name, i) => [name, i]));
    const multiple = new Set<string>();
    for (const source of sources) {
        const paths = new Map<string, number>();
        let highest = -1;
        for (const step of source.steps) {
            const at = position.get(step.to);
            if (at === undefined) continue;
            paths.set(step.to, Math.min(2, (paths.get(step.to) ?? 0) + 1));
            highest = Math.max(highest, at);
        }
        for (let i = highest; i >= 0; i--) {
            const name = order[i];
            const here = paths.get(name);
            if (here === undefined) continue;
            if (here >= 2) multiple.add(name);
            for (const child of callees(name)) {
                // Only edges down the order (a back edge closes a cycle the order left out).
                if ((position.get(child) ?? Infinity) >= i) continue;
                paths.set(child, Math.min(2, (paths.get(child) ?? 0) + here));
            }
        }
    }
    const { global: conditioned, local } = anchorConditioning(order, sources, callers, multiple);
    return { entries, sources, readShare: overallReadShare(topology), order, steps, alternatives, readPass, writePass, fallsBack, callers, conditioned, local };
}

/** Nodes conditioned on at one anchor, and the region they are evaluated in for each combination of their states. */
export interface LocalConditioning {
    readonly conditioned: readonly string[];
    /** The conditioned nodes and every node between them and the anchor, callees first (the anchor left out). */
    readonly region: readonly string[];
}

/** At most this many nodes are conditioned on at one anchor (3⁵ = 243 combinations at most); more go to the whole system. */
const MAX_LOCAL = 5;

/**
 * Where each multi-path node can be conditioned on: its nearest dominator (every path to it from a source passes
 * it) that one request reaches only once. Given that anchor's request, the multiplicity is below the anchor, so
 * enumerating the states of the nodes anchored there while evaluating the anchor is exact, and leaves the
 * anchor's figure the one its single caller path needs (Cooper, Harvey and Kennedy 2001, "A Simple, Fast
 * Dominance Algorithm", for the dominators). Nodes whose anchor is the sources stay conditioned on globally.
 */
function anchorConditioning(
    order: readonly string[], sources: readonly Source[], callers: ReadonlyMap<string, readonly string[]>, multiple: ReadonlySet<string>
): { global: string[]; local: Map<string, LocalConditioning> } {
    if (multiple.size === 0) return { global: [], local: new Map() };
    const position = new Map(order.map((name, i) => [name, i]));
    const ROOT = order.length;
    const rooted = new Set<string>();
    for (const source of sources) for (const step of source.steps) rooted.add(step.to);
    // Immediate dominators by post-order number (the order is callees first: a caller's number is larger).
    const idom = new Int32Array(order.length).fill(-1);
    const intersect = (a: number, b: number): number => {
        while (a !== b) {
            while (a < b) a = idom[a];
            while (b < a) b = idom[b];
        }
        return a;
    };
    for (let i = order.length - 1; i >= 0; i--) {
        const name = order[i];
        let dominator = rooted.has(name) ? ROOT : -1;
        for (const caller of callers.get(name) ?? []) {
            const at = position.get(caller);
            // Only callers above in the order (a back edge closes a cycle the order left out): already placed.
            if (at === undefined || at <= i) continue;
            dominator = dominator === -1 ? at : intersect(dominator, at);
        }
        idom[i] = dominator === -1 ? ROOT : dominator;
    }
    const byAnchor = new Map<number, string[]>();
    for (const name of order) {
        if (!multiple.has(name)) continue;
        let anchor = idom[position.get(name)!];
        while (anchor !== ROOT && multiple.has(order[anchor])) anchor = idom[anchor];
        const list = byAnchor.get(anchor);
        if (list) list.push(name);
        else byAnchor.set(anchor, [name]);
    }
    const global: string[] = [...(byAnchor.get(ROOT) ?? [])];
    const local = new Map<string, LocalConditioning>();
    for (const [anchor, conditioned] of byAnchor) {
        if (anchor === ROOT) continue;
        if (conditioned.length > MAX_LOCAL) {
            global.push(...conditioned);
            continue;
        }
        // Everything between the anchor and its conditioned nodes: their callers, up to the anchor.
        const region = new Set(conditioned);
        const queue = [...conditioned];
        for (let head = 0; head < queue.length; head++) {
            const at = position.get(queue[head])!;
            for (const caller of callers.get(queue[head]) ?? []) {
                const callerAt = position.get(caller);
                if (callerAt === undefined || callerAt <= at || callerAt === anchor || region.has(caller)) continue;
                region.add(caller);
                queue.push(caller);
            }
        }
        local.set(order[anchor], { conditioned, region: [...region].sort((a, b) => position.get(a)! - position.get(b)!) });
    }
    global.sort((a, b) => position.get(a)! - position.get(b)!);
    return { global, local };
}

/**
 * The sharded nodes (a database's shard groups, or the shards a cache, search, storage or queue spreads) one
 * call from `start` reaches, with the chance it does, per class: the product of the steps' chances and the
 * pass-ons along the paths, summed over paths (depth-first; a node already on the path is not followed).
 */
function keyedReach(
    graph: TopologyGraph, steps: ReadonlyMap<string, readonly Step[]>, readPass: ReadonlyMap<string, number>,
    writePass: ReadonlyMap<string, number>, start: string, calls: number
): KeyedReach[] {
    const found = new Map<string, KeyedReach>();
    const onPath = new Set<string>();
    const walk = (name: string, reads: number, writes: number): void => {
        if (onPath.has(name) || (reads <= 0 && writes <= 0)) return;
        const node = graph.node(name);
        if (node?.shards && node.shards.count > 1 && !isWholeService(node)) {
            const seen = found.get(name) ?? { node: name, calls, reads: 0, writes: 0, groups: node.shards.count };
            seen.reads += reads;
            seen.writes += writes;
            found.set(name, seen);
        }
        onPath.add(name);
        const readOn = reads * (readPass.get(name) ?? 1);
        const writeOn = writes * (writePass.get(name) ?? 1);
        for (const step of steps.get(name) ?? []) {
            if (step.session) continue;
            walk(step.to, readOn * step.reads, writeOn * step.writes);
        }
        onPath.delete(name);
    };
    walk(start, 1, 1);
    return [...found.values()].map(reach => ({ ...reach, reads: Math.min(1, reach.reads), writes: Math.min(1, reach.writes) }));
}

/**
 * What N calls with their own keys need of a sharded node of M groups (each up with chance A), over what one
 * call needs: a group is hit by one of the N calls with chance h = 1 − (1 − p/M)^N (p: one call's chance of
 * reaching the node), and the groups are taken as independent, (1 − h(1 − A))^M, against the recursion's
 * 1 − p(1 − A) for one call. Exact for N = 1; the groups' hits are slightly negatively correlated, which this
 * leaves out.
 */
function keyedCorrection(reach: KeyedReach, p: number, a: number): number {
    if (p <= 0 || a >= 1) return 1;
    const hit = 1 - Math.pow(1 - p / reach.groups, reach.calls);
    const one = 1 - p * (1 - a);
    return one > 0 ? Math.pow(1 - hit * (1 - a), reach.groups) / one : 0;
}

/** The chance a request from each node is served (reads, writes), callees first; and the chance no node every request needs is down. */
interface Evaluation {
    reads: Map<string, number>;
    writes: Map<string, number>;
    mandatoryReads: Map<string, number>;
    mandatoryWrites: Map<string, number>;
}

/** Figures of an evaluation that `into` overlays, by part and node (undefined: not evaluated there either). */
type Lookup = (part: keyof Evaluation, name: string) => number | undefined;

function lookupOf(evaluation: Evaluation, below?: Lookup): Lookup {
    return below ? (part, name) => evaluation[part].get(name) ?? below(part, name) : (part, name) => evaluation[part].get(name);
}

/**
 * Evaluates `names` (callees first) into `into`, reading node states from `up`; a callee not in `into` is read
 * from `base` (an evaluation `into` overlays: recomputing the few nodes above a change without copying the rest).
 * An anchor of local conditioning is evaluated over the combinations of its nodes' states (`evaluateAnchor`),
 * unless it is `plain` (that evaluation itself).
 */
function evaluateNodes(paths: RequestPaths, up: (name: string) => NodeUp, names: readonly string[], into: Evaluation, base?: Lookup, plain?: string): void {
    const pick = (part: keyof Evaluation): ((map: Map<string, number>, name: string) => number) => base
        ? (map, name) => map.get(name) ?? base(part, name) ?? 1
        : (map, name) => map.get(name) ?? 1;
    const valueReads = pick('reads');
    const valueWrites = pick('writes');
    const valueMandatoryReads = pick('mandatoryReads');
    const valueMandatoryWrites = pick('mandatoryWrites');
    for (const name of names) {
        const local = name === plain ? undefined : paths.local.get(name);
        if (local) {
            evaluateAnchor(paths, up, name, local, into, base);
            continue;
        }
        const state = up(name);
        let reads = 1;
        let writes = 1;
        // An aside cache that is down is a miss for every read: the caller reads the store itself (below).
        const aside = paths.fallsBack.has(name);
        let fallback = 1;
        let fallbackMandatory = 1;
        let mandatoryReads = aside ? 1 : state.any ?? state.reads;
        let mandatoryWrites = aside ? 1 : state.any ?? state.writes;
        const pass = paths.readPass.get(name) ?? 1;
        const writePass = paths.writePass.get(name) ?? 1;
        for (const step of paths.steps.get(name) ?? []) {
            const readCall = step.session ? 1 : step.reads * pass;
            const writeCall = step.session ? 1 : step.writes * writePass;
            const parts = step.parts ?? 1;
            // Every shard of a node that spreads them: its own figure for one key swapped for every shard's.
            const every = parts > 1 ? up(step.to) : undefined;
            const spread = every?.everyShard !== undefined ? (x: number, own: number) => (own > 0 ? x * (every.everyShard! / own) : 0) : undefined;
            const calleeReads = parts === 1 ? valueReads(into.reads, step.to)
                : spread ? spread(valueReads(into.reads, step.to), every!.reads) : Math.pow(valueReads(into.reads, step.to), parts);
            const calleeWrites = parts === 1 ? valueWrites(into.writes, step.to)
                : spread ? spread(valueWrites(into.writes, step.to), every!.writes) : Math.pow(valueWrites(into.writes, step.to), parts);
            let keyedReads = calleeReads;
            let keyedWrites = calleeWrites;
            for (const reach of step.keyed ?? []) {
                const node = up(reach.node);
                keyedReads *= keyedCorrection(reach, reach.reads, node.reads);
                keyedWrites *= keyedCorrection(reach, reach.writes, node.writes);
            }
            reads *= 1 - readCall + readCall * keyedReads;
            if (aside) fallback *= 1 - step.reads + step.reads * keyedReads;
            writes *= step.session ? 1 - writeCall + writeCall * keyedReads : 1 - writeCall + writeCall * keyedWrites;
            // Needed by every request: an edge taken every time (and, for reads, passed on every time).
            if (readCall >= 1) mandatoryReads *= valueMandatoryReads(into.mandatoryReads, step.to);
            if (aside && step.reads >= 1) fallbackMandatory *= valueMandatoryReads(into.mandatoryReads, step.to);
            if (writeCall >= 1) mandatoryWrites *= step.session ? valueMandatoryReads(into.mandatoryReads, step.to) : valueMandatoryWrites(into.mandatoryWrites, step.to);
        }
        // Up: its hits, and its misses served below; down (aside): every read served below. An aside cache's
        // writes go to the store whether it is up or not (LANGUAGE.md, `policy aside`).
        reads = aside ? state.reads * reads + (1 - state.reads) * fallback : state.reads * reads;
        // What a DNS health check sees: the stack lost when, up, what its hits need is down, or, down, what its misses need.
        if (aside) mandatoryReads = state.reads * mandatoryReads + (1 - state.reads) * fallbackMandatory;
        writes = aside ? writes : state.writes * writes;
        for (const group of paths.alternatives.get(name) ?? []) {
            const read = (map: Map<string, number>, part: keyof Evaluation) => (target: string) => (base ? map.get(target) ?? base(part, target) ?? 1 : map.get(target) ?? 1);
            reads *= alternativesServed(group, read(into.reads, 'reads'), read(into.mandatoryReads, 'mandatoryReads'));
            writes *= alternativesServed(group, read(into.writes, 'writes'), read(into.mandatoryWrites, 'mandatoryWrites'));
        }
        into.reads.set(name, reads);
        into.writes.set(name, writes);
        into.mandatoryReads.set(name, mandatoryReads);
        into.mandatoryWrites.set(name, mandatoryWrites);
    }
}

/**
 * An anchor's figures, exact over its conditioned nodes: for each combination of their states, the region
 * between them and the anchor is evaluated again, then the anchor; the figures are weighed by the chance of
 * the combination. What lies outside the region is read from `into`, then `base`.
 */
function evaluateAnchor(paths: RequestPaths, up: (name: string) => NodeUp, anchor: string, local: LocalConditioning, into: Evaluation, base?: Lookup): void {
    const below = lookupOf(into, base);
    const nodes = local.conditioned.map(name => ({ name, states: statesOf(up(name)) }));
    const fixed = new Map<string, NodeUp>();
    const fixedUp = (name: string): NodeUp => fixed.get(name) ?? up(name);
    const sums = { reads: 0, writes: 0, mandatoryReads: 0, mandatoryWrites: 0 };
    const scratch = emptyEvaluation();
    const visit = (index: number, chance: number): void => {
        if (chance === 0) return;
        if (index === nodes.length) {
            // One scratch evaluation for every combination, cleared between them: the downtime ranking evaluates
            // an anchor once per node below it, and fresh maps each time were most of its garbage.
            for (const part of PARTS) scratch[part].clear();
            evaluateNodes(paths, fixedUp, local.region, scratch, below);
            evaluateNodes(paths, fixedUp, [anchor], scratch, below, anchor);
            for (const part of PARTS) sums[part] += chance * scratch[part].get(anchor)!;
            return;
        }
        for (const { state, chance: p } of nodes[index].states) {
            fixed.set(nodes[index].name, state);
            visit(index + 1, chance * p);
        }
        fixed.delete(nodes[index].name);
    };
    visit(0, 1);
    for (const part of PARTS) into[part].set(anchor, sums[part]);
}

const PARTS = ['reads', 'writes', 'mandatoryReads', 'mandatoryWrites'] as const;

/**
 * DNS alternatives: split, Σ wᵢ fᵢ; failover, Σᵢ (Π_{j<i} Lⱼ) fᵢ with Lⱼ the chance target j is lost (a node
 * every request to it needs is down; fⱼ = 0 then); redistribute, Σᵢ wᵢ (fᵢ + Lᵢ × what the others serve of
 * i's clients, split by weight over those not lost). The targets are independent given the conditioned nodes.
 */
function alternativesServed(group: Alternatives, served: (name: string) => number, mandatory: (name: string) => number): number {
    const f = group.targets.map(target => served(target.to));
    const lost = group.targets.map(target => 1 - mandatory(target.to));
    if (group.routing === 'split') return group.targets.reduce((sum, target, i) => sum + target.weight * f[i], 0);
    if (group.routing === 'failover') {
        let sum = 0;
        let allBeforeLost = 1;
        for (let i = 0; i < f.length; i++) {
            sum += allBeforeLost * f[i];
            allBeforeLost *= lost[i];
        }
        return sum;
    }
    // Served given not lost: fᵢ / (1 − Lᵢ) (a lost target serves nothing).
    const givenUp = f.map((value, i) => (lost[i] < 1 ? value / (1 - lost[i]) : 0));
    const n = group.targets.length;
    let sum = 0;
    for (let i = 0; i < n; i++) {
        let redistributed = 0;
        if (lost[i] > 0) {
            // Over every set of the other targets that are up (2^(n−1) sets; DNS names a handful of targets).
            const others = group.targets.map((_, j) => j).filter(j => j !== i);
            for (let mask = 1; mask < 1 << others.length; mask++) {
                let chance = 1;
                let weight = 0;
                let servedHere = 0;
                others.forEach((j, bit) => {
                    if (mask & (1 << bit)) {
                        chance *= 1 - lost[j];
                        weight += group.targets[j].weight;
                        servedHere += group.targets[j].weight * givenUp[j];
                    } else {
                        chance *= lost[j];
                    }
                });
                if (weight > 0) redistributed += chance * (servedHere / weight);
            }
        }
        sum += group.targets[i].weight * (f[i] + lost[i] * redistributed);
    }
    return sum;
}

function emptyEvaluation(): Evaluation {
    return { reads: new Map(), writes: new Map(), mandatoryReads: new Map(), mandatoryWrites: new Map() };
}

function servedOf(paths: RequestPaths, evaluation: Evaluation, base?: Evaluation): { reads: number; writes: number } {
    if (paths.sources.length === 0) return { reads: 1, writes: 1 };
    const readsOf = (name: string): number => evaluation.reads.get(name) ?? base?.reads.get(name) ?? 1;
    const writesOf = (name: string): number => evaluation.writes.get(name) ?? base?.writes.get(name) ?? 1;
    let reads = 0;
    let writes = 0;
    let readWeights = 0;
    let writeWeights = 0;
    for (const source of paths.sources) {
        // A source calls along its steps like a node that is always up (a client passes everything on).
        let sourceReads = 1;
        let sourceWrites = 1;
        for (const step of source.steps) {
            const parts = step.parts ?? 1;
            // Called once per overlay evaluation (every node of servedLostByNode): no pow for the usual single call.
            if (step.reads > 0) {
                const served = readsOf(step.to);
                sourceReads *= 1 - step.reads + step.reads * (parts === 1 ? served : Math.pow(served, parts));
            }
            if (step.writes > 0) {
                const served = writesOf(step.to);
                sourceWrites *= 1 - step.writes + step.writes * (parts === 1 ? served : Math.pow(served, parts));
            }
        }
        reads += source.readWeight * sourceReads;
        writes += source.writeWeight * sourceWrites;
        readWeights += source.readWeight;
        writeWeights += source.writeWeight;
    }
    return { reads: readWeights > 0 ? reads / readWeights : 1, writes: writeWeights > 0 ? writes / writeWeights : 1 };
}

/** `each` over a sharded node: one call per shard group, every one needed (Step.parts). */
function partsOf(graph: TopologyGraph, edge: Edge): { parts?: number } {
    const callee = graph.node(edge.to);
    return edge.fanOut === 'each' && callee?.shards && callee.shards.count > 1 ? { parts: callee.shards.count } : {};
}

/** The sources of requests (see `Source`), from the entries or from the clients. */
function sourcesOf(graph: TopologyGraph, entries: readonly string[], onPath: (name: string) => boolean): Source[] {
    const topology = graph.topology;
    if (topology.clients.length === 0) {
        return entries.map(entry => ({ readWeight: 1 / entries.length, writeWeight: 1 / entries.length, steps: [{ to: entry, reads: 1, writes: 1, session: false }] }));
    }
    return clientSources(topology, 1).map(source => ({
        readWeight: source.peakRps * source.readShare,
        writeWeight: source.peakRps * (1 - source.readShare),
        steps: source.client.edges.filter(edge => onPath(edge.to)).map(edge => ({ to: edge.to, ...edgeTaken(graph, edge), session: false, ...partsOf(graph, edge) }))
    }));
}

/**
 * The states a conditioned node can be in: serving both, reads only, neither; with their chances. A node that
 * spreads its shards (`everyShard`) is either whole (every shard up) or partly up: then a key is up with the
 * chance left, (A − E) / (1 − E), and `each` over it fails. Both keep its own figures in the mean.
 */
function statesOf(up: NodeUp): { state: NodeUp; chance: number }[] {
    if (up.everyShard !== undefined && up.everyShard < 1) {
        const whole = up.everyShard;
        const part = (a: number): number => Math.max(0, Math.min(1, (a - whole) / (1 - whole)));
        return [
            { state: { reads: 1, writes: 1, everyShard: 1 }, chance: whole },
            { state: { reads: part(up.reads), writes: part(Math.min(up.writes, up.reads)), everyShard: 0 }, chance: 1 - whole }
        ];
    }
    const writes = Math.min(up.writes, up.reads);
    const states = [{ state: { reads: 1, writes: 1 }, chance: writes }];
    if (up.reads > writes) states.push({ state: { reads: 1, writes: 0 }, chance: up.reads - writes });
    if (up.reads < 1) states.push({ state: { reads: 0, writes: 0 }, chance: 1 - up.reads });
    return states;
}

/**
 * Combinations of conditioned states enumerated exactly: up to this many always, and more while they cost
 * no more node evaluations than the Monte Carlo would spend (MONTE_CARLO_BUDGET): an exact answer for the
 * same work. LANGUAGE.md's example (16 nodes, 6,561 combinations behind its DNS failover) went from a
 * Monte Carlo of ~450 ms a simulate to ~20 ms exact.
 */
const MAX_ENUMERATED = 256;

function enumerable(combinations: number, nodes: number): boolean {
    return combinations <= MAX_ENUMERATED || combinations * Math.max(1, nodes) <= MONTE_CARLO_BUDGET;
}
/** Node evaluations one Monte Carlo may spend (its draws = this / nodes on paths, within the bounds below). */
const MONTE_CARLO_BUDGET = 400_000;
const MIN_SAMPLES = 200;
const MAX_SAMPLES = 20_000;

export interface ServedOptions {
    seed?: number;
    /** Draws of the Monte Carlo (default: from the budget). */
    samples?: number;
    /**
     * Groups whose loss stops the writes of several nodes at once (an arbiter group's quorum,
     * arbiter-gates.ts): conditioned on like a node on two paths. `up` then gives the gated nodes' figures
     * without the group.
     */
    gates?: readonly Gate[];
}

/** A shared condition of the writes of `gated`: up with chance `up`; `name` is the group's node. */
export interface Gate {
    name: string;
    up: number;
    gated: readonly string[];
}

/** The share of requests served with the nodes up as `up` says (ESTIMATES.md, "Availability": the system). */
export function servedShare(paths: RequestPaths, up: (name: string) => NodeUp, options: ServedOptions = {}): ServedShare {
    const mix = (served: { reads: number; writes: number }): number => paths.readShare * served.reads + (1 - paths.readShare) * served.writes;
    const gates = (options.gates ?? []).filter(gate => gate.up < 1);
    const conditioned = paths.conditioned.map(name => ({ name, states: statesOf(up(name)) })).filter(node => node.states.length > 1);
    const ownCombinations = conditioned.reduce((product, node) => product * node.states.length, 1);
    if (gates.length > 0 && !enumerable(ownCombinations * 2 ** gates.length, paths.order.length)) return perGroup(paths, up, gates, options);
    // A gate is one more conditioned state, up or down (its own node's state when it is on the paths too).
    for (const gate of gates) {
        if (paths.conditioned.includes(gate.name)) continue;
        conditioned.push({ name: gate.name, states: statesOf({ reads: gate.up, writes: gate.up }) });
    }
    const gatesOf = new Map<string, string[]>();
    for (const gate of gates) for (const name of gate.gated) gatesOf.set(name, [...(gatesOf.get(name) ?? []), gate.name]);
    const exact = (served: { reads: number; writes: number }): ServedShare => ({ served: mix(served), ...served, method: 'exact', standardError: 0, samples: 0 });
    const evaluateWith = (fixed: ReadonlyMap<string, NodeUp>): { reads: number; writes: number } => {
        const evaluation = emptyEvaluation();
        const stateOf = (name: string): NodeUp => {
            const own = fixed.get(name) ?? up(name);
            const held = gatesOf.get(name);
            // A gate not fixed is up (the all-up evaluation of the Monte Carlo fixes every gate).
            return held && held.some(gate => fixed.get(gate)?.writes === 0) ? { reads: own.reads, writes: 0 } : own;
        };
        evaluateNodes(paths, stateOf, paths.order, evaluation);
        return servedOf(paths, evaluation);
    };
    if (conditioned.length === 0) return exact(evaluateWith(new Map()));

    const combinations = conditioned.reduce((product, node) => product * node.states.length, 1);
    if (enumerable(combinations, paths.order.length)) {
        let reads = 0;
        let writes = 0;
        const fixed = new Map<string, NodeUp>();
        const visit = (index: number, chance: number): void => {
            if (chance === 0) return;
            if (index === conditioned.length) {
                const served = evaluateWith(fixed);
                reads += chance * served.reads;
                writes += chance * served.writes;
                return;
            }
            for (const { state, chance: p } of conditioned[index].states) {
                fixed.set(conditioned[index].name, state);
                visit(index + 1, chance * p);
            }
        };
        visit(0, 1);
        return exact({ reads, writes });
    }

    // Monte Carlo: E = P(all up)·g(all up) + (1 − P(all up))·E[g | some conditioned node not fully up].
    const allUp = new Map(conditioned.map(node => [node.name, { reads: 1, writes: 1 }]));
    const allUpChance = conditioned.reduce((product, node) => product * node.states[0].chance, 1);
    const atAllUp = evaluateWith(allUp);
    const samples = options.samples ?? Math.max(MIN_SAMPLES, Math.min(MAX_SAMPLES, Math.floor(MONTE_CARLO_BUDGET / Math.max(1, paths.order.length))));
    const random = mulberry32(options.seed ?? 1);
    // P(the first node not fully up is the i-th): the nodes before it fully up, it not.
    const upToBefore: number[] = [];
    let running = 1;
    for (const node of conditioned) {
        upToBefore.push(running);
        running *= node.states[0].chance;
    }
    const firstFailure = conditioned.map((node, i) => upToBefore[i] * (1 - node.states[0].chance));
    const failureTotal = firstFailure.reduce((sum, p) => sum + p, 0);
    let sum = 0;
    let sumSquares = 0;
    let readSum = 0;
    let writeSum = 0;
    const draw = (states: { state: NodeUp; chance: number }[], from: number, total: number): NodeUp => {
        let u = random() * total;
        for (let s = from; s < states.length; s++) {
            u -= states[s].chance;
            if (u <= 0) return states[s].state;
        }
        return states[states.length - 1].state;
    };
    for (let sample = 0; sample < samples; sample++) {
        const fixed = new Map<string, NodeUp>();
        let u = random() * failureTotal;
        let first = conditioned.length - 1;
        for (let i = 0; i < conditioned.length; i++) {
            u -= firstFailure[i];
            if (u <= 0) {
                first = i;
                break;
            }
        }
        conditioned.forEach((node, i) => {
            if (i < first) fixed.set(node.name, { reads: 1, writes: 1 });
            else if (i === first) fixed.set(node.name, draw(node.states, 1, 1 - node.states[0].chance));
            else fixed.set(node.name, draw(node.states, 0, 1));
        });
        const served = evaluateWith(fixed);
        const value = mix(served);
        sum += value;
        sumSquares += value * value;
        readSum += served.reads;
        writeSum += served.writes;
    }
    const failedMean = sum / samples;
    const variance = Math.max(0, sumSquares / samples - failedMean * failedMean) / Math.max(1, samples - 1);
    const failing = 1 - allUpChance;
    const reads = allUpChance * atAllUp.reads + failing * (readSum / samples);
    const writes = allUpChance * atAllUp.writes + failing * (writeSum / samples);
    return { served: mix({ reads, writes }), reads, writes, method: 'monte-carlo', standardError: failing * Math.sqrt(variance), samples };
}

/**
 * Too many gates to enumerate with the rest (a generated model's ten arbiter groups): each group conditioned
 * on alone, up or lost, with every other group multiplied into the writes of the nodes it gates (the
 * product, which counts a group's loss once per node it gates), and the groups' corrections then combined
 * as independent factors: S ≈ S_product × Π_g (S_g / S_product). Exact where the groups gate independent
 * parts of a request (a service's separate calls); what it leaves out is a request needing two groups at
 * once through one node.
 */
function perGroup(paths: RequestPaths, up: (name: string) => NodeUp, gates: readonly Gate[], options: ServedOptions): ServedShare {
    const gateOf = new Map<string, Gate>();
    for (const gate of gates) for (const name of gate.gated) gateOf.set(name, gate);
    const product = (name: string): NodeUp => {
        const own = up(name);
        const gate = gateOf.get(name);
        return gate ? { reads: own.reads, writes: own.writes * gate.up } : own;
    };
    const states = (gate: Gate, lost: boolean) => (name: string): NodeUp => {
        if (name === gate.name) return lost ? { reads: 0, writes: 0 } : up(name);
        if (gateOf.get(name) !== gate) return product(name);
        const own = up(name);
        return lost ? { reads: own.reads, writes: 0 } : own;
    };
    let served: (state: (name: string) => NodeUp, touched: readonly string[]) => { reads: number; writes: number; error: number };
    let base: { reads: number; writes: number; error: number };
    let method: ServedShare['method'] = 'per-group';
    if (paths.conditioned.length === 0) {
        // Only the nodes a group gates, and those above them, are evaluated again over the product's evaluation.
        const evaluation = emptyEvaluation();
        evaluateNodes(paths, product, paths.order, evaluation);
        base = { ...servedOf(paths, evaluation), error: 0 };
        const position = new Map(paths.order.map((name, i) => [name, i]));
        served = (state, touched) => {
            const names = [...above(paths, touched.filter(name => position.has(name)))].sort((x, y) => position.get(x)! - position.get(y)!);
            const overlay = emptyEvaluation();
            evaluateNodes(paths, state, names, overlay, lookupOf(evaluation));
            return { ...servedOf(paths, overlay, evaluation), error: 0 };
        };
    } else {
        const plain = { ...options, gates: [] };
        const whole = (state: (name: string) => NodeUp) => {
            const share = servedShare(paths, state, plain);
            if (share.method === 'monte-carlo') method = 'monte-carlo';
            return { reads: share.reads, writes: share.writes, error: share.standardError };
        };
        base = whole(product);
        served = state => whole(state);
    }
    let reads = base.reads;
    let writes = base.writes;
    let variance = base.error ** 2;
    const ratio = (value: number, of: number): number => (of > 0 ? value / of : 1);
    for (const gate of gates) {
        const touched = [...gate.gated, gate.name];
        const upState = served(states(gate, false), touched);
        const lostState = served(states(gate, true), touched);
        reads *= ratio(gate.up * upState.reads + (1 - gate.up) * lostState.reads, base.reads);
        writes *= ratio(gate.up * upState.writes + (1 - gate.up) * lostState.writes, base.writes);
        variance += (gate.up * upState.error) ** 2 + ((1 - gate.up) * lostState.error) ** 2;
    }
    return { served: paths.readShare * reads + (1 - paths.readShare) * writes, reads, writes, method, standardError: Math.sqrt(variance), samples: 0 };
}

/** The nodes given and every node above them (their callers, transitively). */
function above(paths: RequestPaths, names: readonly string[]): Set<string> {
    const found = new Set<string>(names);
    const queue = [...found];
    for (let head = 0; head < queue.length; head++) {
        for (const caller of paths.callers.get(queue[head]) ?? []) {
            if (!found.has(caller)) {
                found.add(caller);
                queue.push(caller);
            }
        }
    }
    return found;
}

/**
 * What each node's failures cost: the share of requests served with the node never down, minus the share
 * served as it is (× a year's minutes, the downtime it costs). Exact for a node reached along one path with
 * no conditioned node below or above it; otherwise taken with the conditioned nodes up (first order in their
 * failures), and for a conditioned node as its chance of failing times what its failure alone costs.
 */
export function servedLostByNode(paths: RequestPaths, up: (name: string) => NodeUp): Map<string, number> {
    const mix = (served: { reads: number; writes: number }): number => paths.readShare * served.reads + (1 - paths.readShare) * served.writes;
    const conditioned = new Set(paths.conditioned);
    const base = (name: string): NodeUp => (conditioned.has(name) ? { reads: 1, writes: 1 } : up(name));
    const evaluation = emptyEvaluation();
    evaluateNodes(paths, base, paths.order, evaluation);
    const atBase = mix(servedOf(paths, evaluation));
    const position = new Map(paths.order.map((name, i) => [name, i]));
    const lost = new Map<string, number>();
    for (const name of paths.order) {
        const own = up(name);
        if (own.reads >= 1 && own.writes >= 1) {
            lost.set(name, 0);
            continue;
        }
        // The node and everything above it, callees first.
        const names = [...above(paths, [name])].sort((a, b) => position.get(a)! - position.get(b)!);
        const overlay = emptyEvaluation();
        if (conditioned.has(name)) {
            // Down (reads and writes) against up, weighted by the chance it is not fully up.
            evaluateNodes(paths, other => (other === name ? { reads: 1 - (1 - own.reads) / Math.max(1e-300, 1 - own.writes), writes: 0 } : base(other)), names, overlay, lookupOf(evaluation));
            lost.set(name, (1 - own.writes) * (atBase - mix(servedOf(paths, overlay, evaluation))));
        } else {
            evaluateNodes(paths, other => (other === name ? { reads: 1, writes: 1 } : base(other)), names, overlay, lookupOf(evaluation));
            lost.set(name, mix(servedOf(paths, overlay, evaluation)) - atBase);
        }
    }
    return lost;
}
