/**
 * What can fail, and what each node needs to be up: the Topology turned into failing units (one per
 * instance or copy, each in a zone) and, per node, the rule that says how much of its requests it
 * serves given which of its units are up. The failure simulation drives the units and reads the
 * rules; this file holds no time and no randomness.
 */
import { isWholeService, type TopologyNode } from '../model/topology.js';
import { SIM_DEFAULTS } from './defaults.js';
import { heldInstances, type HeldDown } from './held-down.js';
import { READ, WRITE, type Routing } from './request-paths.js';
import { keepsReplicatedCopies } from './replicated-copies.js';

/** One instance (or database copy) that fails and is repaired on its own. */
export interface Unit {
    node: number;
    availability: number;
    mtbfMs: number;
    /** The zones whose loss takes this unit down (one zone, every zone, or none). */
    lostWith: readonly string[];
}

/**
 * Up while at least `need` of its units are up; a dead unit keeps its share for callers that cannot leave it out.
 * `proportional`: the peak overloads it even whole, so it serves in proportion to its units up (each carries
 * its capacity and sheds the rest), up / units.
 */
export interface PoolRule {
    kind: 'pool';
    units: number[];
    need: number;
    proportional?: boolean;
    /** What `proportional` divides by: the units not held down (all of them outside a scenario). */
    of?: number;
}

/** Copies with one primary: a failed primary is replaced after `promotionMs` by an up copy (see failure-sim.ts). */
export interface FailoverGroup {
    node: number;
    /** Units, the initial primary first. */
    copies: number[];
    promotionMs: number;
    /** The coordinator node whose quorum the primary needs (`failover arbiter`). */
    arbiter?: number;
    /** primary_replica: reads are served while any copy is up; otherwise reads follow the primary. */
    readsFromAnyCopy: boolean;
    /** `mode sync`: a write needs the primary and one more copy up. */
    syncWrites: boolean;
}

/** A database's shard groups (one group when not sharded): the node serves the mean of its groups. */
export interface FailoverRule {
    kind: 'failover';
    groups: FailoverGroup[];
}

/** Multi-master shard groups: each group is up while enough of its masters are up. */
export interface MastersRule {
    kind: 'masters';
    groups: { units: number[]; need: number }[];
    /** The peak overloads each group even whole (or more are held down than it can spare): a group serves in proportion to its masters up. */
    proportional?: boolean;
    /** What `proportional` divides by: the masters not held down (all of a group outside a scenario). */
    of?: number;
}

/** Shards held by copies spread over the node's instances: a key's shard is up while any copy is. */
export interface ShardsRule {
    kind: 'shards';
    units: number[];
    /** For each shard, the units holding its copies. */
    shards: number[][];
}

export type NodeRule = PoolRule | FailoverRule | MastersRule | ShardsRule;

export interface AvailabilityModel {
    units: Unit[];
    /** One per node, in the Topology's order. */
    rules: NodeRule[];
    /** The system's zones, in declaration order. */
    zones: string[];
    /** Nodes the peak overloads even whole: they serve in proportion to their units up. */
    overloaded: Set<number>;
    /** Why a figure rests on an assumption the model did not state. */
    notes: string[];
}

const SHARDS_ON_INSTANCES = new Set(['cache', 'search', 'storage', 'queue']);

/** `down`: zones and nodes held down for the whole run (a scenario's `fail`): their units are never up. */
export function buildAvailabilityModel(routing: Routing, down?: HeldDown): AvailabilityModel {
    const { topology } = routing;
    const zones = topology.zones.map(zone => zone.name);
    const units: Unit[] = [];
    const notes: string[] = [];
    const overloaded = new Set<number>();
    const heldUnits = new Set<number>();

    const addUnits = (index: number, node: TopologyNode, count: number): number[] => {
        const managed = isWholeService(node);
        const availability = node.availability
            ?? (node.kind === 'external' ? SIM_DEFAULTS.externalAvailability : managed ? SIM_DEFAULTS.managedAvailability : SIM_DEFAULTS.instanceAvailability);
        const created: number[] = [];
        const held = heldInstances(node, count, down, zones);
        for (let i = 0; i < count; i++) {
            if (held[i]) heldUnits.add(units.length);
            created.push(units.length);
            units.push({ node: index, availability: held[i] ? 0 : availability, mtbfMs: SIM_DEFAULTS.mtbfMs, lostWith: lostWith(node, i, zones, managed) });
        }
        return created;
    };

    const rules: NodeRule[] = routing.nodes.map(({ node, index }) => {
        const load = routing.rates.total[READ][index] + routing.rates.total[WRITE][index];
        const readLoad = routing.rates.total[READ][index];
        const capacity = routing.peakRps !== undefined ? node.capacityPerInstanceRps : undefined;
        const replication = node.replication;
        const shardCount = Math.max(1, node.shards?.count ?? 1);

        // A managed or external service is one unit, the provider's (or third party's) whole service, up
        // or down as a whole whatever it declares of instances, shards or replication.
        if (isWholeService(node)) return { kind: 'pool', units: addUnits(index, node, 1), need: 1 };

        if ((node.kind === 'database' && node.shards) || keepsReplicatedCopies(node)) {
            const copies = replication ? (replication.topology === 'multi_master' ? Math.max(1, replication.replicas) : 1 + replication.replicas) : 1;
            if (replication?.topology === 'multi_master') {
                // Every master takes its part of the reads and applies every write of its group.
                const groupReads = readLoad / shardCount, groupWrites = (load - readLoad) / shardCount;
                // Masters held down (a scenario's zone) leave the group fewer: short of what it needs, it serves in proportion.
                const left = copies - heldInstances(node, copies, down, zones).filter(Boolean).length;
                const need = capacity === undefined ? 1 : fewestMasters(groupReads, groupWrites, capacity, copies);
                const overloads = capacity !== undefined && groupReads / copies + groupWrites >= capacity;
                if (overloads) overloaded.add(index);
                const proportional = overloads || (left > 0 && need > left);
                return { kind: 'masters', groups: range(shardCount).map(() => ({ units: addUnits(index, node, copies), need })), proportional, ...(proportional ? { of: Math.max(1, left) } : {}) };
            }
            const method = replication?.failover.method ?? 'manual';
            const arbiterName = replication?.failover.method === 'arbiter' ? replication.failover.arbiter : undefined;
            const arbiter = arbiterName !== undefined ? routing.indexOf.get(arbiterName) : undefined;
            return {
                kind: 'failover',
                groups: range(shardCount).map(() => ({
                    node: index,
                    copies: addUnits(index, node, copies),
                    promotionMs: SIM_DEFAULTS.promotionMs[method],
                    arbiter,
                    readsFromAnyCopy: replication?.topology === 'primary_replica',
                    syncWrites: replication?.mode === 'sync'
                }))
            };
        }

        const count = Math.max(1, node.instances.max);
        if (node.shards && SHARDS_ON_INSTANCES.has(node.kind)) {
            const nodeUnits = addUnits(index, node, count);
            const copies = Math.min(count, 1 + (replication ? (replication.topology === 'multi_master' ? Math.max(0, replication.replicas - 1) : replication.replicas) : 0));
            // Copy j of shard s goes to slot s·copies + j, over the instances in order; instance i sits in
            // zone i mod m, so the copies of one shard land on neighbouring instances in different zones.
            const shards = range(shardCount).map(s => range(copies).map(j => nodeUnits[(s * copies + j) % count]));
            return { kind: 'shards', units: nodeUnits, shards };
        }

        if (node.instances.mode === 'active_passive' && count > 1) {
            return {
                kind: 'failover',
                groups: [{ node: index, copies: addUnits(index, node, count), promotionMs: SIM_DEFAULTS.activePassivePromotionMs, readsFromAnyCopy: false, syncWrites: false }]
            };
        }

        const nodeUnits = addUnits(index, node, count);
        if (node.kind === 'coordinator') return { kind: 'pool', units: nodeUnits, need: Math.floor(count / 2) + 1 };
        if (capacity === undefined || capacity <= 0) return { kind: 'pool', units: nodeUnits, need: 1 };
        // The fewest instances that keep ρ = λ / (k·C) below 1; an overloaded tier serves what its live units carry.
        const need = Math.floor(load / capacity) + 1;
        // Held down for the run (a scenario's zone): the instances left are all it has; short of what the peak
        // needs, it serves in proportion to those up (the shortfall is the overload's, counted apart).
        const left = count - heldInstances(node, count, down, zones).filter(Boolean).length;
        if (need > count) {
            overloaded.add(index);
            return { kind: 'pool', units: nodeUnits, need: count, proportional: true, of: Math.max(1, left) };
        }
        if (left > 0 && need > left) return { kind: 'pool', units: nodeUnits, need, proportional: true, of: left };
        return { kind: 'pool', units: nodeUnits, need };
    });

    if (units.some((unit, i) => !heldUnits.has(i) && unit.availability < 1 && !(unit.availability > 0))) notes.push('an availability of 0 is taken as a unit that is never up');
    return { units, rules, zones, overloaded, notes };
}

/**
 * The zones whose loss takes instance `i` down: its own zone (instances spread over the declared zones
 * in order, i mod m, so the first zones get ⌈n/m⌉); every zone for a node that declares none in a
 * system that declares some; a managed node only when every zone it names is lost (with one zone lost
 * at a time: only when it names that one zone alone); none for an autoscaled tier spread over zones,
 * which regrows in the others.
 */
function lostWith(node: TopologyNode, i: number, zones: readonly string[], managed: boolean): string[] {
    if (zones.length === 0) return [];
    const declared = [...new Set(node.zones)];
    if (managed) return declared.length === 1 ? declared : [];
    if (declared.length === 0) return [...zones];
    // An autoscaled tier (no replication) with another zone relaunches there what a zone takes: held down
    // for the zone-lost view, it would stay down, where the spec's readers expect it back (docs/estimates.md).
    if (node.instances.autoscale && !node.replication && declared.length > 1) return [];
    return [declared[i % declared.length]];
}

/** The fewest masters m ≤ n with reads / m + writes < capacity (each master applies every write); n when none is enough. */
function fewestMasters(reads: number, writes: number, capacity: number, n: number): number {
    for (let m = 1; m <= n; m++) if (reads / m + writes < capacity) return m;
    return n;
}

function range(n: number): number[] {
    return Array.from({ length: n }, (_, i) => i);
}
