/**
 * From the load arriving at a tier to the load on its busiest member
 * (ESTIMATES.md, "Load" and "Capacity and latency"): instances share the load;
 * a replicated primary takes the writes and its replicas the reads, each
 * replica also applying every write (primary_replica), or the primary takes
 * everything (primary_backup); multi-master nodes share the reads and each
 * applies every write; shard groups split the load and the
 * busiest group gets the skewed share. Utilization ρ = busiest member load / capacity.
 */
import { spreadsShards, type Shards, type Table, type TopologyNode } from '../model/topology.js';
import { total, type Flow } from './load.js';
import { popularityId, type KeyPopularity } from './key-popularity.js';
import { busiestShardOverMean, monotonicBusiestOverMean } from './shards.js';

/** Shard placement is deterministic: the same model always gives the same skew. */
export const SHARD_SKEW_SEED = 1;

const MONOTONIC_TYPES = new Set(['auto_increment', 'snowflake', 'timestamp']);

export interface ShardSkew {
    /** Busiest shard group / mean shard group, for reads and for writes. */
    reads: number;
    writes: number;
    /** The table that sets the skew, when one does. */
    table?: string;
}

export interface MemberLoad {
    /** Members that serve: instances, or the nodes of one shard group's replication. */
    members: number;
    /** Requests per second on the busiest member. */
    busiestRps: number;
}

/** Tables that are split over the shards (not `global`). */
export function shardedTables(node: TopologyNode): Table[] {
    return node.shards && node.shards.count > 1 ? node.tables.filter(table => !table.global) : [];
}

/** Does this table's shard key put every insert on the newest shard? */
export function isMonotonicPlacement(shards: Shards, table: Table): boolean {
    if (shards.strategy !== 'range' && shards.strategy !== 'date') return false;
    const key = table.fields.find(field => field.name === table.shardKey);
    return !!key && MONOTONIC_TYPES.has(key.type);
}

/**
 * A Zipf exponent the estimates can use: finite and ≥ 0, else undefined, which is as if the traffic gave
 * none (uniform). `zipf` of 400 digits parses to Infinity, which the harmonic sums refuse.
 */
export function usableZipf(zipf: number | undefined): number | undefined {
    return zipf !== undefined && zipf >= 0 && Number.isFinite(zipf) ? zipf : undefined;
}

/**
 * busiestShardOverMean is a seeded Monte Carlo of some 30 ms, and deterministic:
 * the same inputs (the sharded databases of one model share the traffic's keys,
 * and every keystroke re-checks them) are worked out once. Bounded: the oldest goes first.
 */
const popularityCache = new Map<string, number>();
const POPULARITY_CACHE_SIZE = 2048;

function popularitySkew(popularity: KeyPopularity, shards: number): number {
    const key = `${popularityId(popularity)}|${shards}`;
    let skew = popularityCache.get(key);
    if (skew === undefined) {
        skew = busiestShardOverMean({ popularity, shards, seed: SHARD_SKEW_SEED });
        if (popularityCache.size >= POPULARITY_CACHE_SIZE) popularityCache.delete(popularityCache.keys().next().value!);
        popularityCache.set(key, skew);
    }
    return skew;
}

/**
 * Busiest shard / mean shard. Reads follow key popularity (Zipf over the
 * traffic's keys, or the clients' mixed: client-mix.ts; placed by hash: seeded Monte Carlo in shards.ts); writes too,
 * except on a monotonic range/date key, where all inserts land on one shard (= N).
 * The worst table sets the skew of the database.
 */
export function shardSkew(node: TopologyNode, popularity: KeyPopularity | undefined): ShardSkew {
    const shards = node.shards;
    if (!shards || shards.count <= 1) return { reads: 1, writes: 1 };
    const spread = popularity ? popularitySkew(popularity, shards.count) : 1;
    let skew: ShardSkew = { reads: spread, writes: spread };
    for (const table of shardedTables(node)) {
        if (isMonotonicPlacement(shards, table)) {
            const writes = monotonicBusiestOverMean(shards.count);
            if (writes > skew.writes) skew = { reads: spread, writes, table: table.name };
        } else if (!skew.table) {
            skew = { ...skew, table: table.name };
        }
    }
    return skew;
}

/** How many instances serve at the peak: autoscale at MAX; active_passive keeps one serving. */
export function servingInstances(node: TopologyNode, lost = 0): number {
    const count = node.instances.mode === 'active_passive' ? 1 : node.instances.max;
    return Math.max(0, count - lost);
}

/** The load on the busiest shard group (the whole node when it has no shards): 1/N of it, times the skew. */
export function busiestGroup(node: TopologyNode, arriving: Flow, skew: ShardSkew): Flow {
    const groups = node.shards && node.shards.count > 1 ? node.shards.count : 1;
    return { reads: (arriving.reads / groups) * skew.reads, writes: (arriving.writes / groups) * skew.writes };
}

/**
 * The load on the busiest member of a tier. `lost` members are taken away
 * first (for failure headroom): instances, then replicas, then masters.
 */
export function memberLoad(node: TopologyNode, arriving: Flow, skew: ShardSkew, lost = 0): MemberLoad {
    // A cache, search, storage or queue spreads its shards over all its instances: each request is served by
    // one copy of its key's shard, so the instances share the load; with M shards on N instances an instance
    // holds M / N of them, which dilutes the busiest shard's excess: 1 + (skew − 1) · min(1, N / M).
    if (spreadsShards(node)) {
        const members = servingInstances(node, node.instances.mode === 'active_passive' ? 0 : lost);
        const dilution = Math.min(1, node.instances.max / node.shards!.count);
        const factor = 1 + (Math.max(skew.reads, skew.writes) - 1) * dilution;
        return { members, busiestRps: members > 0 ? (total(arriving) / members) * factor : Infinity };
    }
    const group = busiestGroup(node, arriving, skew);
    const replication = node.replication;
    if (!replication) {
        const members = servingInstances(node, node.instances.mode === 'active_passive' ? 0 : lost);
        return { members, busiestRps: members > 0 ? total(group) / members : Infinity };
    }
    switch (replication.topology) {
        case 'primary_backup':
            // The standby takes no traffic; losing it changes nothing until the primary fails too.
            return { members: 1, busiestRps: total(group) };
        case 'primary_replica': {
            // A replica serves its share of the reads and applies every write (the replication load);
            // the primary takes the writes alone, so a replica is always the busiest.
            const replicas = Math.max(0, replication.replicas - lost);
            if (replicas === 0) return { members: 1, busiestRps: total(group) };
            return { members: 1 + replicas, busiestRps: group.reads / replicas + group.writes };
        }
        case 'multi_master': {
            // Each master takes its share of the reads and of the writes, and applies the others' writes: reads/m + writes.
            const masters = Math.max(0, replication.replicas - lost);
            return { members: masters, busiestRps: masters > 0 ? group.reads / masters + group.writes : Infinity };
        }
    }
}

/**
 * A capacity the estimates can use: finite and positive, else undefined (as if the model gave none).
 * `capacity 0 rps` (a validation error of its own) has no ρ; a number too large for a double (400 digits
 * parse to Infinity) would make ρ = 0 and a worker count of Infinity, which no queue formula accepts.
 */
export function usableCapacityRps(capacityPerInstanceRps: number | undefined): number | undefined {
    return capacityPerInstanceRps !== undefined && capacityPerInstanceRps > 0 && Number.isFinite(capacityPerInstanceRps) ? capacityPerInstanceRps : undefined;
}

/** A service time the estimates can use: finite and ≥ 0, else undefined (`latency` of 400 digits is Infinity). */
export function usableLatencyMs(latencyMs: number | undefined): number | undefined {
    return latencyMs !== undefined && latencyMs >= 0 && Number.isFinite(latencyMs) ? latencyMs : undefined;
}

/** ρ = busiest member load / what one member sustains; undefined when the capacity is unknown or unusable (`usableCapacityRps`). */
export function utilization(member: MemberLoad, capacityPerInstanceRps: number | undefined): number | undefined {
    const capacity = usableCapacityRps(capacityPerInstanceRps);
    if (capacity === undefined) return undefined;
    return member.busiestRps / capacity;
}
