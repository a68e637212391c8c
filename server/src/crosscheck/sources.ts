/**
 * Where requests come from (ESTIMATES.md, "Load"; LANGUAGE.md, `client`): with clients, each client
 * at its own rate and read share along its own edges, and load enters only through them; without
 * clients, the entry nodes, each with an even part of `traffic`'s peak and its read share. A source is
 * not a node: it has no availability and no latency of its own, it only makes calls.
 */
import type { Edge, Topology, TopologyNode } from '../model/topology.js';
import { SIM_DEFAULTS } from './defaults.js';
import type { IndependentCall } from './request-paths.js';

export interface Source {
    /** The client's name, or the entry node's. */
    name: string;
    /** Its share of all requests (the weights sum to 1). */
    weight: number;
    readShare: number;
    /** What each of its requests calls, each call taken on its own (an entry node: itself, always). */
    calls: IndependentCall[];
}

export interface Sources {
    sources: Source[];
    /** The sources' rates summed; undefined when the model does not give every one. */
    peakRps?: number;
    /** Clients whose rate the model does not give (no `peak`, and `traffic` gives none to split). */
    withoutRate: string[];
}

export function buildSources(
    topology: Topology,
    entries: readonly string[],
    callOf: (edge: Edge, callee: TopologyNode) => IndependentCall,
    indexOf: ReadonlyMap<string, number>
): Sources {
    const trafficReads = topology.traffic?.readShare ?? SIM_DEFAULTS.readShare;
    if (topology.clients.length === 0) {
        return {
            sources: entries.map(name => ({
                name,
                weight: 1 / entries.length,
                readShare: trafficReads,
                calls: [{ kind: 'call', to: indexOf.get(name)!, share: 1, keepsShare: false, sessionLookup: false, parallel: 1, each: false }]
            })),
            peakRps: topology.traffic?.peakRps,
            withoutRate: []
        };
    }

    // A client without `peak` gets traffic's peak split evenly among the clients that declare none (ESTIMATES.md, "Details").
    const usable = (rate: number | undefined): number | undefined => (rate !== undefined && Number.isFinite(rate) && rate >= 0 ? rate : undefined);
    const silent = topology.clients.filter(client => usable(client.peakRps) === undefined).length;
    const trafficPeak = usable(topology.traffic?.peakRps);
    const rates = topology.clients.map(client => usable(client.peakRps) ?? (trafficPeak !== undefined ? trafficPeak / silent : undefined));
    const known = rates.every(rate => rate !== undefined);
    const total = known ? rates.reduce((sum: number, rate) => sum + rate!, 0) : undefined;
    // Without every rate (or with rates of 0 in all), the clients weigh alike: the availability still needs their mix.
    const weights = rates.map(rate => (total !== undefined && total > 0 ? rate! / total : 1 / rates.length));
    const byName = new Map(topology.nodes.map(node => [node.name, node]));
    return {
        sources: topology.clients.map((client, i) => ({
            name: client.name,
            weight: weights[i],
            readShare: client.readShare ?? trafficReads,
            calls: client.edges.filter(edge => indexOf.has(edge.to)).map(edge => callOf(edge, byName.get(edge.to)!))
        })),
        peakRps: total,
        withoutRate: topology.clients.filter((_, i) => rates[i] === undefined).map(client => client.name)
    };
}

/** The share of all requests that read: the sources' read shares weighted by their shares of the requests. */
export function overallReadShare(topology: Topology, sources: readonly Source[]): number {
    if (sources.length === 0) return topology.traffic?.readShare ?? SIM_DEFAULTS.readShare;
    return sources.reduce((sum, source) => sum + source.weight * source.readShare, 0);
}
