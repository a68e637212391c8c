/**
 * What an edge step asks of its callee (LANGUAGE.md, "Real architectures"; ESTIMATES.md, "Load"): an edge
 * marked `reads` or `writes` carries only that class; a share is of that class; `Nx` makes N calls in
 * parallel, `each` one call per shard of the callee (one per instance when it has no shards).
 */
import type { TopologyGraph } from '../model/graph.js';
import type { Edge } from '../model/topology.js';
import type { Flow } from './load.js';
import { routedShare } from './load.js';

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
