/**
 * Which clients' requests reach a node, and so whose keys and think time apply there (ESTIMATES.md, details
 * table: "several clients with different keys/zipf" mix by each client's write rate). Each client's own
 * `keys`, `zipf` and `think` fall back to `traffic`'s. Where no client declares its own, the traffic's
 * settings hold everywhere and no per-client propagation is run.
 */
import type { TopologyGraph } from '../model/graph.js';
import type { Client } from '../model/topology.js';
import { mixedKeys, zipfKeys, type KeyPopularity } from './key-popularity.js';
import { propagateLoad, total, type Flow } from './load.js';
import { usableZipf } from './tier-load.js';

export type Weighing = 'requests' | 'reads' | 'writes';

/** Each client's share of the requests at each node (peak 1 over all clients), per graph. */
const perClient = new WeakMap<TopologyGraph, ReadonlyMap<string, ReadonlyMap<string, Flow>>>();

function clientFlows(graph: TopologyGraph): ReadonlyMap<string, ReadonlyMap<string, Flow>> {
    let flows = perClient.get(graph);
    if (!flows) {
        flows = new Map(graph.topology.clients.map(client => [client.name, propagateLoad(graph, 1, client.name).arriving]));
        perClient.set(graph, flows);
    }
    return flows;
}

/** The clients whose requests reach `node`, each with its weight (requests, reads or writes there). */
export function clientsAt(graph: TopologyGraph, node: string, weighing: Weighing): { client: Client; weight: number }[] {
    const flows = clientFlows(graph);
    return graph.topology.clients.flatMap(client => {
        const flow = flows.get(client.name)?.get(node);
        const weight = !flow ? 0 : weighing === 'requests' ? total(flow) : flow[weighing];
        return weight > 0 ? [{ client, weight }] : [];
    });
}

/**
 * The popularity of the keys requested at `node`: the traffic's `keys`/`zipf`, or the mixture of the clients'
 * that reach it. Undefined when a client that reaches it has no keys (neither its own nor the traffic's).
 */
export function keyPopularityAt(graph: TopologyGraph, node: string, weighing: Weighing = 'requests'): KeyPopularity | undefined {
    const { topology } = graph;
    const traffic = topology.traffic;
    const own = (client: Client): boolean => client.keys !== undefined || client.zipf !== undefined;
    if (!topology.clients.some(own)) return traffic?.keys ? zipfKeys(traffic.keys, usableZipf(traffic.zipf) ?? 0) : undefined;
    const parts = clientsAt(graph, node, weighing).map(({ client, weight }) => ({
        weight, keys: client.keys ?? traffic?.keys, zipf: usableZipf(client.zipf ?? traffic?.zipf) ?? 0
    }));
    if (parts.some(part => part.keys === undefined)) return undefined;
    return mixedKeys(parts.map(part => ({ ...part, keys: part.keys! })));
}

/**
 * The think times of the users whose reads reach `node`, each with its share of those reads. Undefined when
 * one of them has none (neither its own `think` nor the traffic's).
 */
export function thinkTimesAt(graph: TopologyGraph, node: string): { thinkMs: number; weight: number }[] | undefined {
    const { topology } = graph;
    const traffic = topology.traffic;
    if (!topology.clients.some(client => client.thinkMs !== undefined)) {
        return traffic?.thinkMs === undefined ? undefined : [{ thinkMs: traffic.thinkMs, weight: 1 }];
    }
    const readers = clientsAt(graph, node, 'reads');
    const sum = readers.reduce((s, reader) => s + reader.weight, 0);
    if (readers.length === 0 || !(sum > 0)) return traffic?.thinkMs === undefined ? undefined : [{ thinkMs: traffic.thinkMs, weight: 1 }];
    const times = readers.map(({ client, weight }) => ({ thinkMs: client.thinkMs ?? traffic?.thinkMs, weight: weight / sum }));
    return times.every(time => time.thinkMs !== undefined) ? times as { thinkMs: number; weight: number }[] : undefined;
}
