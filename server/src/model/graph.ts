/**
 * Graph helpers over a Topology: entry nodes, request paths, reachability,
 * what sits behind each balancer, cycles. Definitions follow LANGUAGE.md
 * ("Traffic") and RULES.md ("On a request path").
 *
 * An edge into a queue is asynchronous past the queue: the caller's request
 * ends at the enqueue (ESTIMATES.md, "Load"). The queue is on the request
 * path; its consumers, and everything they call, are on an asynchronous path.
 * A cycle that passes through a queue is a pipeline, not a request loop.
 */
import { solveLinearSystem } from './linear-system.js';
import type { Topology, TopologyNode } from './topology.js';

export interface TopologyGraph {
    readonly topology: Topology;
    node(name: string): TopologyNode | undefined;
    /** Nodes this one calls along edges, in edge order, without repeats. */
    callees(name: string): readonly string[];
    /** Nodes that call this one along edges. */
    callers(name: string): readonly string[];
    /** Where load enters: no incoming edge from another node, not a coordinator, not only named by `sessions store` / `failover arbiter`. */
    readonly entries: readonly string[];
    /**
     * Nodes on a request path: reachable from an entry along synchronous edges and `sessions store`
     * references (a queue is on it; what it feeds is not).
     */
    readonly onRequestPath: ReadonlySet<string>;
    /** Nodes reached only through a queue: its consumers and what they call (their failure delays work, it fails no request). */
    readonly onAsyncPath: ReadonlySet<string>;
    /** Whether requests leave `name` asynchronously (a queue: its edges feed consumers, they are not calls). */
    isAsyncSource(name: string): boolean;
    /** A shortest request path from an entry to the node (inclusive), or undefined when none reaches it. */
    pathTo(name: string): readonly string[] | undefined;
    /** Balancers with an edge to this node. */
    balancersInFront(name: string): readonly TopologyNode[];
    /**
     * Each synchronous cycle once (edges out of a queue left out), as the node names along it (the first
     * name not repeated at the end): a request that would loop forever.
     */
    readonly cycles: readonly (readonly string[])[];
    /** Each cycle through a queue once: a pipeline, whose work comes back through the queue. */
    readonly pipelines: readonly Pipeline[];
}

export interface Pipeline {
    /** The node names along one loop of it, as in `cycles`. */
    loop: readonly string[];
    /** Every node of its strongly connected component. */
    members: readonly string[];
    /**
     * Whether the work fed back grows without bound: the edges' shares around it multiply to 100% or
     * more (the spectral radius of the component's share matrix is ≥ 1), so it has no finite rate.
     */
    growing: boolean;
}

/**
 * Appends `value` to `key`'s list unless it is there already. `seen` holds the same pairs as a set:
 * searching the list instead was quadratic for a node with thousands of callers (buildGraph was ~29 ms
 * of a generated 5,000-node model's rules, its self time in a profile, most of it in `includes`).
 */
function pushUnique(map: Map<string, string[]>, seen: Map<string, Set<string>>, key: string, value: string): void {
    let values = seen.get(key);
    if (!values) {
        values = new Set();
        seen.set(key, values);
    }
    if (values.has(value)) return;
    values.add(value);
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else list.push(value);
}

export function buildGraph(topology: Topology): TopologyGraph {
    const byName = new Map(topology.nodes.map(node => [node.name, node]));
    const callees = new Map<string, string[]>();
    const callers = new Map<string, string[]>();
    const calleesSeen = new Map<string, Set<string>>();
    const callersSeen = new Map<string, Set<string>>();
    for (const edge of topology.edges) {
        if (!byName.has(edge.from) || !byName.has(edge.to)) continue;
        pushUnique(callees, calleesSeen, edge.from, edge.to);
        pushUnique(callers, callersSeen, edge.to, edge.from);
    }

    // `sessions store X` is a request-path edge to X; `failover arbiter X` names X without carrying requests.
    // A queue's edges feed its consumers: they are asynchronous, not part of any request.
    const isAsyncSource = (name: string): boolean => byName.get(name)?.kind === 'queue';
    const requestNext = new Map<string, string[]>();
    const requestNextSeen = new Map<string, Set<string>>();
    const namedByReference = new Set<string>();
    for (const node of topology.nodes) {
        if (!isAsyncSource(node.name)) for (const callee of callees.get(node.name) ?? []) pushUnique(requestNext, requestNextSeen, node.name, callee);
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        if (store && byName.has(store)) {
            pushUnique(requestNext, requestNextSeen, node.name, store);
            namedByReference.add(store);
        }
        const arbiter = node.replication?.failover.arbiter;
        if (arbiter && byName.has(arbiter)) namedByReference.add(arbiter);
    }

    // A self-loop is reported as a cycle; it must not also cost the node its entry, or every node behind it goes unchecked.
    const calledByOthers = (name: string): boolean => (callers.get(name) ?? []).some(caller => caller !== name);
    // With clients, load enters only through them: the entries are what they call (LANGUAGE.md, `client`).
    const entries = topology.clients.length > 0
        ? [...new Set(topology.clients.flatMap(client => client.edges.map(edge => edge.to)).filter(name => byName.has(name)))]
        : topology.nodes
            .filter(node => !calledByOthers(node.name) && node.kind !== 'coordinator' && !namedByReference.has(node.name))
            .map(node => node.name);

    // Breadth-first from all entries at once: gives reachability and one shortest path to each node.
    const previous = new Map<string, string | null>();
    const queue: string[] = [];
    for (const entry of entries) {
        previous.set(entry, null);
        queue.push(entry);
    }
    for (let head = 0; head < queue.length; head++) {
        const current = queue[head];
        for (const next of requestNext.get(current) ?? []) {
            if (previous.has(next)) continue;
            previous.set(next, current);
            queue.push(next);
        }
    }
    const onRequestPath: ReadonlySet<string> = new Set(previous.keys());

    // Behind the queues on the request path (and behind those they feed): the asynchronous paths.
    const onAsyncPath = new Set<string>();
    const asyncQueue: string[] = [];
    const reachAsync = (name: string): void => {
        if (onRequestPath.has(name) || onAsyncPath.has(name)) return;
        onAsyncPath.add(name);
        asyncQueue.push(name);
    };
    for (const name of onRequestPath) if (isAsyncSource(name)) for (const consumer of callees.get(name) ?? []) reachAsync(consumer);
    for (let head = 0; head < asyncQueue.length; head++) {
        const current = asyncQueue[head];
        for (const next of callees.get(current) ?? []) reachAsync(next);
        const store = byName.get(current)?.sessions;
        if (store?.mode === 'store' && store.store && byName.has(store.store)) reachAsync(store.store);
    }

    const pathTo = (name: string): string[] | undefined => {
        if (!previous.has(name)) return undefined;
        const path: string[] = [];
        // push + reverse: unshift made every call quadratic in the path's length (deep chains took minutes).
        for (let at: string | null | undefined = name; at != null; at = previous.get(at)) path.push(at);
        return path.reverse();
    };

    return {
        topology,
        node: name => byName.get(name),
        callees: name => callees.get(name) ?? [],
        callers: name => callers.get(name) ?? [],
        entries,
        onRequestPath,
        onAsyncPath,
        isAsyncSource,
        pathTo,
        balancersInFront: name =>
            (callers.get(name) ?? []).map(caller => byName.get(caller)!).filter(node => node.kind === 'balancer'),
        cycles: findCycles(topology.nodes.map(node => node.name), requestNextByEdges(topology.nodes, callees, isAsyncSource)),
        pipelines: findPipelines(topology, callees, isAsyncSource)
    };
}

/** The edges without those out of a queue: what a request follows. */
function requestNextByEdges(
    nodes: readonly TopologyNode[], callees: ReadonlyMap<string, readonly string[]>, isAsyncSource: (name: string) => boolean
): Map<string, readonly string[]> {
    const next = new Map<string, readonly string[]>();
    for (const node of nodes) if (!isAsyncSource(node.name)) next.set(node.name, callees.get(node.name) ?? []);
    return next;
}

/**
 * The cyclic components of all edges that are not synchronous cycles: each loop through a queue.
 * A component that also holds a synchronous cycle is left to `cycles` (its requests loop either way).
 */
function findPipelines(
    topology: Topology, callees: ReadonlyMap<string, readonly string[]>, isAsyncSource: (name: string) => boolean
): Pipeline[] {
    const names = topology.nodes.map(node => node.name);
    const order = new Map(names.map((name, i) => [name, i]));
    const synchronous = new Set(cyclicComponents(names, requestNextByEdges(topology.nodes, callees, isAsyncSource)).flat());
    return cyclicComponents(names, callees)
        .filter(component => component.some(isAsyncSource) && !component.some(name => synchronous.has(name)))
        .map(component => {
            const members = component.sort((a, b) => order.get(a)! - order.get(b)!);
            return { loop: traceLoop(members, callees), members, growing: growsWithoutBound(members, topology.edges) };
        })
        .sort((a, b) => order.get(a.loop[0])! - order.get(b.loop[0])!);
}

/**
 * Whether work fed around the component grows without bound: the spectral radius of its share matrix
 * P (P[i][j] = share of i's work sent to j) is ≥ 1. For a non-negative irreducible P, ρ(P) < 1 exactly
 * when (I − P)x = 1 has a finite solution with x > 0 (the Neumann series Σ Pᵏ·1 converges): solved, and
 * its answer checked.
 */
function growsWithoutBound(members: readonly string[], edges: Topology['edges']): boolean {
    const index = new Map(members.map((name, i) => [name, i]));
    const n = members.length;
    const matrix = Array.from({ length: n }, (_, i) => {
        const row = new Array<number>(n + 1).fill(0);
        row[i] = 1;
        row[n] = 1;
        return row;
    });
    // Row j of (I − Pᵀ): what j receives from each member i, per unit of i's work.
    for (const edge of edges) {
        const from = index.get(edge.from);
        const to = index.get(edge.to);
        if (from === undefined || to === undefined) continue;
        matrix[to][from] -= edge.share;
    }
    const solution = solveLinearSystem(matrix);
    return !solution || solution.some(x => !Number.isFinite(x) || x <= 0);
}

/**
 * One cycle per strongly connected component with a cycle in it, traced as a concrete loop through the
 * component's first node in declaration order.
 */
function findCycles(names: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[][] {
    const order = new Map(names.map((name, i) => [name, i]));
    return cyclicComponents(names, next)
        .map(component => traceLoop(component.sort((a, b) => order.get(a)! - order.get(b)!), next))
        .sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

/**
 * The strongly connected components that hold a cycle (more than one member, or one that leads to
 * itself), by Tarjan's algorithm, iterative so that deep graphs cannot overflow the stack. Nodes
 * reached only through `next` count too. Also used by test/architecture/ to find import cycles.
 */
export function cyclicComponents(names: Iterable<string>, next: ReadonlyMap<string, readonly string[]>): string[][] {
    const index = new Map<string, number>();
    const lowLink = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const components: string[][] = [];
    let counter = 0;

    for (const root of names) {
        if (index.has(root)) continue;
        const work: { name: string; child: number }[] = [{ name: root, child: 0 }];
        index.set(root, counter); lowLink.set(root, counter); counter++;
        stack.push(root); onStack.add(root);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const children = next.get(frame.name) ?? [];
            if (frame.child < children.length) {
                const child = children[frame.child++];
                if (!index.has(child)) {
                    index.set(child, counter); lowLink.set(child, counter); counter++;
                    stack.push(child); onStack.add(child);
                    work.push({ name: child, child: 0 });
                } else if (onStack.has(child)) {
                    lowLink.set(frame.name, Math.min(lowLink.get(frame.name)!, index.get(child)!));
                }
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].name;
                lowLink.set(parent, Math.min(lowLink.get(parent)!, lowLink.get(frame.name)!));
            }
            if (lowLink.get(frame.name) === index.get(frame.name)) {
                const component: string[] = [];
                let member: string;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    component.push(member);
                } while (member !== frame.name);
                const selfLoop = component.length === 1 && (next.get(member) ?? []).includes(member);
                if (component.length > 1 || selfLoop) components.push(component);
            }
        }
    }
    return components;
}

/** A shortest loop from the component's first node back to itself, staying inside the component. */
function traceLoop(component: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[] {
    const inside = new Set(component);
    const start = component[0];
    const previous = new Map<string, string>();
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
        const current = queue[head];
        for (const child of next.get(current) ?? []) {
            if (!inside.has(child)) continue;
            if (child === start) {
                const loop = [current];
                while (loop[0] !== start) loop.unshift(previous.get(loop[0])!);
                return loop;
            }
            if (!previous.has(child)) {
                previous.set(child, current);
                queue.push(child);
            }
        }
    }
    return [...component];
}
