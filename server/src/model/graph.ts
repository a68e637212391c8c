/**
 * Graph helpers over a Topology: entry nodes, request paths, reachability,
 * what sits behind each balancer, cycles. Definitions follow LANGUAGE.md
 * ("Traffic") and RULES.md ("On a request path").
 */
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
    /** Nodes on a request path: reachable from an entry along edges and `sessions store` references. */
    readonly onRequestPath: ReadonlySet<string>;
    /** A shortest request path from an entry to the node (inclusive), or undefined when none reaches it. */
    pathTo(name: string): readonly string[] | undefined;
    /** Balancers with an edge to this node. */
    balancersInFront(name: string): readonly TopologyNode[];
    /** Each cycle of the edges once, as the node names along it (the first name not repeated at the end). */
    readonly cycles: readonly (readonly string[])[];
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
    const requestNext = new Map<string, string[]>();
    const requestNextSeen = new Map<string, Set<string>>();
    const namedByReference = new Set<string>();
    for (const node of topology.nodes) {
        for (const callee of callees.get(node.name) ?? []) pushUnique(requestNext, requestNextSeen, node.name, callee);
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
    const entries = topology.nodes
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
        pathTo,
        balancersInFront: name =>
            (callers.get(name) ?? []).map(caller => byName.get(caller)!).filter(node => node.kind === 'balancer'),
        cycles: findCycles(topology.nodes.map(node => node.name), callees)
    };
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
