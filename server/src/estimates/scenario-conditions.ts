/**
 * What a scenario changes before the estimates run (ESTIMATES.md, "Scenarios and targets"): the peak,
 * the zones and nodes down for its whole length, and the caches restarted empty. The result is the
 * system as it stands during the scenario: a Topology with the peaks scaled and the cold caches at hit
 * 0%, and the instances (or copies) each node has lost. Pure: the caller runs the estimates on it.
 */
import { dnsLeavesDeadTargets, isWholeService, type Edge, type Scenario, type Topology, type TopologyNode } from '../model/topology.js';
import { systemPeak } from './load.js';

/** Instances (or copies) a node has lost for the whole case, or 'all' when it is down. */
export type Lost = number | 'all';

export interface Conditions {
    /** By node name; a node not listed has lost nothing. */
    lost: ReadonlyMap<string, Lost>;
    /** Leave out the system's availability and the downtime ranking (null, []): the load and latency only. */
    withoutSystemAvailability?: boolean;
}

export interface ScenarioSystem {
    topology: Topology;
    conditions: Conditions;
    /** What every client's peak was multiplied by (1 when the scenario keeps the peak). */
    peakFactor: number;
}

/**
 * How many of a node's instances (or copies) a zone's loss takes: 0, a count, or 'all'. Spread in
 * declaration order, ⌈n/m⌉ in the first zones, so every tier in the zone loses them at once; a node that
 * declares no zone, in a system that declares some, is lost with any zone, except a whole service (managed
 * or external), which fails only when every zone it declares is down. An autoscaled tier with another
 * zone regrows there (docs/estimates.md).
 */
export function lostInZones(node: TopologyNode, zones: readonly string[], systemZones: readonly string[]): Lost {
    if (zones.length === 0) return 0;
    if (isWholeService(node)) return node.zones.length > 0 && node.zones.every(z => zones.includes(z)) ? 'all' : 0;
    // No zones of its own in a system that declares some: it is somewhere, and any zone may be that place.
    if (node.zones.length === 0) return systemZones.length > 0 ? 'all' : 0;
    const down = node.zones.filter(zone => zones.includes(zone));
    if (down.length === 0) return 0;
    // An autoscaled tier relaunches what the zones took in its other zones, back to MAX (an AWS Auto Scaling
    // group rebalances across its Availability Zones): the figure is the state once it has.
    if (node.instances.autoscale && !node.replication && down.length < node.zones.length) return 0;
    const copies = node.replication
        ? node.replication.replicas + (node.replication.topology === 'multi_master' ? 0 : 1)
        : node.instances.max;
    const m = node.zones.length;
    const base = Math.floor(copies / m);
    let lost = 0;
    for (const zone of down) {
        const index = node.zones.indexOf(zone);
        lost += base + (index < copies - base * m ? 1 : 0);
    }
    return lost >= copies ? 'all' : lost;
}

/** A cache its callers set aside when it is down (`policy aside`, the default, with something behind it). */
function fallsBackWhenDown(node: TopologyNode, topology: Topology): boolean {
    return node.kind === 'cache' && (node.policy === undefined || node.policy === 'aside') && topology.edges.some(edge => edge.from === node.name);
}

/** The factor a scenario's peak multiplies every client's peak by: `peak Nx` → N, `peak N rps` → N / today's total. */
export function peakFactor(topology: Topology, scenario: Scenario): number {
    if (!scenario.peak) return 1;
    if (scenario.peak.factor !== undefined) return scenario.peak.factor;
    const today = systemPeak(topology);
    return today !== undefined && today > 0 ? scenario.peak.totalRps / today : 1;
}

/**
 * The system during `scenario`. A node down passes nothing on (its callers' requests fail there), so its
 * outgoing edges carry no load (share 0); a dns that checks its targets (`routing failover` or `health every`) stops
 * answering with a dead one while another of the same kind lives, so the live ones take its share.
 */
export function scenarioSystem(topology: Topology, scenario: Scenario): ScenarioSystem {
    const factor = peakFactor(topology, scenario);
    const systemZones = topology.zones.map(zone => zone.name);
    const lost = new Map<string, Lost>();
    for (const node of topology.nodes) {
        const inZones = lostInZones(node, scenario.failedZones, systemZones);
        const value: Lost = scenario.failedNodes.includes(node.name) ? 'all' : inZones;
        if (value !== 0) lost.set(node.name, value);
    }
    const dead = new Set([...lost].filter(([, value]) => value === 'all').map(([name]) => name));
    const cold = new Set(scenario.cold);
    const byName = new Map(topology.nodes.map(node => [node.name, node]));
    // Edges keep their place in the graph (a node's callers and callees stay what they are: removing an
    // edge would make its callee an entry point with a share of the peak); a share of 0 carries nothing.
    const leavesDead = (edge: Edge): boolean => {
        const from = byName.get(edge.from);
        if (from?.kind !== 'dns' || !dead.has(edge.to) || !dnsLeavesDeadTargets(from)) return false;
        // Only while a live alternative of the same kind remains to answer with.
        const kind = byName.get(edge.to)?.kind;
        return topology.edges.some(other => other.from === edge.from && other.to !== edge.to && !dead.has(other.to) && byName.get(other.to)?.kind === kind);
    };
    const rerouted = topology.edges.map(leavesDead);
    // An aside cache that is down is set aside, not a wall: its callers read the store themselves, so every read
    // goes on to the store (hit 0) along its edges (served-share.ts `fallsBack`).
    const setAside = new Set([...dead].filter(name => fallsBackWhenDown(byName.get(name)!, topology)));
    const carried = topology.edges.map((edge, i) => ((dead.has(edge.from) && !setAside.has(edge.from)) || rerouted[i] ? { ...edge, share: 0 } : edge));
    // `routing failover` answers with the first target of a kind: a dead one moves behind the live ones.
    const edges = [...carried.filter((_, i) => !rerouted[i]), ...carried.filter((_, i) => rerouted[i])];
    const scaled: Topology = {
        ...topology,
        traffic: topology.traffic && { ...topology.traffic, peakRps: topology.traffic.peakRps === undefined ? undefined : topology.traffic.peakRps * factor },
        clients: topology.clients.map(client => ({ ...client, peakRps: client.peakRps === undefined ? undefined : client.peakRps * factor })),
        nodes: topology.nodes.map(node => (cold.has(node.name) || setAside.has(node.name) ? { ...node, hit: 0 } : node)),
        edges
    };
    return { topology: scaled, conditions: { lost }, peakFactor: factor };
}
