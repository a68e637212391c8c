/**
 * What an edge step asks of its callee (LANGUAGE.md, "Real architectures"; ESTIMATES.md, "Load"): an edge
 * marked `reads` or `writes` carries only that class; a share is of that class; `Nx` makes N calls in
 * parallel, `each` one call per shard of the callee (one per instance when it has no shards).
 */
import type { TopologyGraph } from '../model/graph.js';
import type { Edge } from '../model/topology.js';
import type { Flow } from './load.js';

/** The calls one request at the caller makes along the edge, per class (for load): taken × calls. */
export function edgeCalls(graph: TopologyGraph, edge: Edge): Flow {
    const taken = edgeTaken(graph, edge);
    const calls = callsPerTake(graph, edge);
    return { reads: taken.reads * calls, writes: taken.writes * calls };
}

/** The chance one request at the caller takes the edge at all, per class (for availability and latency). */
export function edgeTaken(graph: TopologyGraph, edge: Edge): Flow {
    const share = routedShare(graph, edge);
    return { reads: edge.carries === 'writes' ? 0 : share, writes: edge.carries === 'reads' ? 0 : share };
}

/** Parallel calls each time the edge is taken: N for `Nx`, the callee's shards (or instances) for `each`, else 1. */
export function callsPerTake(graph: TopologyGraph, edge: Edge): number {
    if (edge.fanOut === undefined) return 1;
    if (edge.fanOut !== 'each') return edge.fanOut;
    const callee = graph.node(edge.to);
    if (!callee) return 1;
    return callee.shards && callee.shards.count > 1 ? callee.shards.count : Math.max(1, callee.instances.max);
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
