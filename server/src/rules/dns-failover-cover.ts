/**
 * Nodes another path covers (RULES.md, "A node is a single point of failure only if losing it fails
 * requests"): behind a `dns` with `routing failover` (or any routing with `health every`), the targets of one
 * kind are copies of a stack, and a target whose stack fails sends its clients to the others. A node in
 * exactly one copy's stack, which no request reaches except through that DNS, is covered: losing it (or
 * its zone) loses that copy, and the DNS serves every request it served from another.
 */
import type { TopologyGraph } from '../model/graph.js';
import { dnsLeavesDeadTargets } from '../model/topology.js';

export function coveredByDnsFailover(graph: TopologyGraph): ReadonlySet<string> {
    const covered = new Set<string>();
    for (const dns of graph.topology.nodes) {
        if (dns.kind !== 'dns' || !graph.onRequestPath.has(dns.name)) continue;
        if (!dnsLeavesDeadTargets(dns)) continue;
        const byKind = new Map<string, string[]>();
        for (const target of graph.callees(dns.name)) {
            const kind = graph.node(target)!.kind;
            byKind.set(kind, [...(byKind.get(kind) ?? []), target]);
        }
        // Reached without passing through this dns: such a node serves requests no failover protects.
        const elsewhere = reachable(graph, graph.entries.filter(entry => entry !== dns.name), dns.name);
        for (const targets of byKind.values()) {
            if (targets.length < 2) continue;
            const stacks = targets.map(target => reachable(graph, [target], dns.name));
            for (const [i, stack] of stacks.entries()) {
                for (const name of stack) {
                    if (elsewhere.has(name)) continue;
                    if (stacks.some((other, j) => j !== i && other.has(name))) continue;
                    covered.add(name);
                }
            }
        }
    }
    return covered;
}

/** Nodes reachable from `from` along request paths (edges not out of a queue, session stores), never through `avoid`. */
function reachable(graph: TopologyGraph, from: readonly string[], avoid: string): Set<string> {
    const seen = new Set<string>();
    const queue = from.filter(name => name !== avoid);
    for (const name of queue) seen.add(name);
    for (let head = 0; head < queue.length; head++) {
        const current = queue[head];
        if (graph.isAsyncSource(current)) continue;
        const node = graph.node(current);
        const next = [...graph.callees(current)];
        if (node?.sessions?.mode === 'store' && node.sessions.store) next.push(node.sessions.store);
        for (const child of next) {
            if (child === avoid || seen.has(child)) continue;
            seen.add(child);
            queue.push(child);
        }
    }
    return seen;
}
