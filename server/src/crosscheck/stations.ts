/**
 * Where the request simulation queues: each node's instances as servers. One instance with
 * `capacity C` and `latency S` holds k = max(1, ⌊C·S + 0.5⌋) workers, each with an exponential
 * service time of mean k / C (so the instance serves exactly C per second). A balancer's algorithm
 * says how a tier's instances share arrivals: `least_connections` pools every worker behind one
 * queue; `round_robin` (and `weighted`, all weights equal) hands arrivals to the instances in turn;
 * `random` (and `ip_hash`, and a tier with no balancer in front) picks one at random. A node without
 * capacity is a pure delay (its `latency`, exponential, or nothing); a tier whose expected load is
 * at or over its capacity is overloaded: it is simulated as a delay (its queue would grow without
 * bound), so that the tiers behind it still see their load, and reported as overloaded.
 */
import type { TopologyNode } from '../model/topology.js';
import { READ, WRITE, type Routing } from './request-paths.js';
import { keepsReplicatedCopies } from './replicated-copies.js';

export interface Station {
    node: number;
    /** Workers; Infinity for a delay. */
    workers: number;
    /** Mean service time of one request, milliseconds (0: passes at once). */
    meanServiceMs: number;
}

export type Assignment = 'pooled' | 'round_robin' | 'random';

/** A set of like stations that share a node's work: a tier's instances, a database's primaries or replicas. */
export interface Role {
    name: 'instances' | 'primary' | 'replicas' | 'masters' | 'backup';
    /** Per shard group (one group when not sharded), the stations of this role. */
    stations: number[][];
    assignment: Assignment;
    /** Expected utilization at the peak (undefined without capacity or peak). */
    expectedUtilization?: number;
    /** What the role's stations sustain together, requests per second (undefined without capacity). */
    capacityRps?: number;
    /** Workers of all its instances (k per instance), what 100% utilization is measured against. */
    workers: number;
}

export interface NodeStations {
    node: number;
    /** How the node's requests are spread: a tier, or a database with copies. */
    layout: 'tier' | 'primary_replica' | 'primary_backup' | 'multi_master' | 'single';
    roles: Role[];
    /** `mode sync`: a write waits for one replica's apply. */
    syncWrites: boolean;
    overloaded: boolean;
    /** The role whose expected utilization is the node's (the busiest). */
    reported?: Role;
}

export interface StationPlan {
    stations: Station[];
    nodes: NodeStations[];
}

export function planStations(routing: Routing): StationPlan {
    const stations: Station[] = [];
    const nodes = routing.nodes.map(({ node, index }) => planNode(routing, node, index, stations));
    return { stations, nodes };
}

function planNode(routing: Routing, node: TopologyNode, index: number, stations: Station[]): NodeStations {
    const capacity = node.capacityPerInstanceRps !== undefined && node.capacityPerInstanceRps > 0 ? node.capacityPerInstanceRps : undefined;
    const latency = node.latencyMs ?? 0;
    const reads = routing.rates.total[READ][index], writes = routing.rates.total[WRITE][index];
    const hasPeak = routing.peakRps !== undefined;
    const replication = node.replication;
    const shardGroups = Math.max(1, node.shards?.count ?? 1);

    // Per instance: workers and mean service time, or a delay when the capacity is unknown.
    const workersPerInstance = capacity !== undefined ? Math.max(1, Math.floor((capacity * latency) / 1000 + 0.5)) : Infinity;
    const serviceMs = capacity !== undefined && latency > 0 ? (workersPerInstance / capacity) * 1000 : latency;

    const makeRole = (name: Role['name'], perGroup: number, assignment: Assignment, loadPerGroup: number, groups: number): Role => {
        const utilization = capacity !== undefined && hasPeak ? loadPerGroup / (perGroup * capacity) : undefined;
        const overloaded = utilization !== undefined && utilization >= 1;
        const pooled = assignment === 'pooled' && perGroup > 1;
        const stationGroups = Array.from({ length: groups }, () => {
            const count = pooled ? 1 : perGroup;
            return Array.from({ length: count }, () => {
                stations.push({
                    node: index,
                    workers: overloaded || capacity === undefined || latency === 0 ? Infinity : workersPerInstance * (pooled ? perGroup : 1),
                    meanServiceMs: serviceMs
                });
                return stations.length - 1;
            });
        });
        return {
            name, stations: stationGroups, assignment, expectedUtilization: utilization,
            capacityRps: capacity !== undefined ? capacity * perGroup * groups : undefined,
            workers: capacity !== undefined ? workersPerInstance * perGroup * groups : Infinity
        };
    };

    let layout: NodeStations['layout'];
    let roles: Role[];
    if (replication && keepsReplicatedCopies(node)) {
        const groups = shardGroups;
        const perGroupReads = reads / groups, perGroupWrites = writes / groups;
        if (replication.topology === 'multi_master') {
            const masters = Math.max(1, replication.replicas);
            layout = 'multi_master';
            // Each master takes its part of the reads and writes, and applies every other master's writes.
            roles = [makeRole('masters', masters, 'random', perGroupReads + perGroupWrites * masters, groups)];
        } else if (replication.topology === 'primary_replica' && replication.replicas > 0) {
            layout = 'primary_replica';
            roles = [
                makeRole('primary', 1, 'random', perGroupWrites, groups),
                makeRole('replicas', replication.replicas, 'random', perGroupReads + perGroupWrites * replication.replicas, groups)
            ];
        } else {
            layout = 'primary_backup';
            roles = [makeRole('primary', 1, 'random', perGroupReads + perGroupWrites, groups)];
            if (replication.replicas > 0) roles.push(makeRole('backup', replication.replicas, 'random', perGroupWrites * replication.replicas, groups));
        }
    } else if (node.kind === 'database' && node.shards) {
        layout = 'single';
        roles = [makeRole('primary', 1, 'random', (reads + writes) / shardGroups, shardGroups)];
    } else {
        layout = 'tier';
        // active_passive: one instance serves while the others stand by.
        const serving = node.instances.mode === 'active_passive' ? 1 : Math.max(1, node.instances.max);
        // A sharded tier (cache, search, storage, queue) spreads its shards over all its instances: one group.
        roles = [makeRole('instances', serving, assignmentOf(routing, node), reads + writes, 1)];
    }
    const withUtilization = roles.filter(role => role.expectedUtilization !== undefined);
    const reported = withUtilization.length > 0 ? withUtilization.reduce((a, b) => (b.expectedUtilization! > a.expectedUtilization! ? b : a)) : undefined;
    return {
        node: index,
        layout,
        roles,
        syncWrites: replication?.mode === 'sync' && layout !== 'multi_master',
        overloaded: roles.some(role => (role.expectedUtilization ?? 0) >= 1),
        reported
    };
}

/** The algorithm of the first balancer in front (declaration order), or random without one. */
function assignmentOf(routing: Routing, node: TopologyNode): Assignment {
    const index = routing.indexOf.get(node.name)!;
    for (const routed of routing.nodes) {
        if (routed.node.kind !== 'balancer') continue;
        if (!routed.calls.some(call => call.kind === 'call' && call.to === index)) continue;
        const algorithm = routed.node.algorithm ?? 'round_robin';
        return algorithm === 'least_connections' ? 'pooled' : algorithm === 'random' || algorithm === 'ip_hash' ? 'random' : 'round_robin';
    }
    return 'random';
}
