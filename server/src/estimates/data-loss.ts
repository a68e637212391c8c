/**
 * Data loss at failover (ESTIMATES.md, "Replication lag"). Pure math over the
 * model: times in ms, rates in requests per second.
 *
 * Formula: async replication loses, at each failover (automatic or a replica
 * promoted by hand), the writes the primary acknowledged within the lag:
 * about λ_w × m writes, m of time, with λ_w the writes per second reaching the
 * primary at the peak and m the mean replication `lag` (100 ms when the model
 * gives none, ESTIMATES.md "Defaults"). Synchronous replication loses none.
 *
 * A sharded node (`shards N`, N ≥ 2) is N shard groups, each a primary with its
 * own replicas (ESTIMATES.md, "instances N with shards M"): a failover is one
 * group's, so it loses that group's writes, λ_w / N × m for the mean group.
 * Example: 120 writes/s, lag 100 ms → 12 writes (0.1 s of writes) per failover.
 */
import type { Replication, TopologyNode } from '../model/topology.js';
import { DEFAULT_LAG_MS } from './defaults.js';

export interface FailoverDataLoss {
    /** The mean lag the loss rests on (m), in ms: as declared, or the default. */
    lagMs: number;
    /** True when the model gives no `lag` and the default was used. */
    lagDefaulted: boolean;
    /** Seconds of acknowledged writes one failover loses: m, in seconds. */
    secondsLost: number;
    /** Shard groups the node's writes are split over (1 when it is not sharded); one failover is one group's. */
    shardGroups: number;
    /** Writes per second reaching one shard group (all of them when not sharded); undefined without a write rate. */
    groupWriteRps?: number;
    /** Writes one failover loses, λ_w / groups × m; undefined without a write rate. */
    writesLost?: number;
}

/** λ_w × m: the writes acknowledged in the last `lagMs` at `writeRps` writes per second. */
export function writesLostPerFailover(writeRps: number, lagMs: number): number {
    return writeRps * (lagMs / 1000);
}

/**
 * Does this replication lose acknowledged writes when a replica is promoted?
 * A primary (`primary_backup`, `primary_replica`) with at least one async
 * replica. `multi_master` has no primary to promote; sync replicas hold every
 * acknowledged write; without a replica nothing is promoted.
 */
export function losesWritesAtFailover(replication: Replication | undefined): replication is Replication {
    return !!replication
        && (replication.topology === 'primary_backup' || replication.topology === 'primary_replica')
        && replication.mode === 'async'
        && replication.replicas >= 1;
}

/**
 * What one failover of `node` loses, or undefined when it loses nothing
 * (`losesWritesAtFailover`). `writeRps` is λ_w, the writes per second reaching
 * the node at the peak (all its shard groups together); without it only the
 * time window is known.
 */
export function failoverDataLoss(node: TopologyNode, writeRps?: number): FailoverDataLoss | undefined {
    const replication = node.replication;
    if (!losesWritesAtFailover(replication)) return undefined;
    const lagDefaulted = replication.lagMs === undefined;
    const lagMs = replication.lagMs ?? DEFAULT_LAG_MS;
    const shardGroups = node.shards && node.shards.count > 1 ? node.shards.count : 1;
    const result: FailoverDataLoss = { lagMs, lagDefaulted, secondsLost: lagMs / 1000, shardGroups };
    if (writeRps !== undefined && Number.isFinite(writeRps) && writeRps >= 0) {
        result.groupWriteRps = denoise(writeRps / shardGroups);
        result.writesLost = denoise(writesLostPerFailover(writeRps / shardGroups, lagMs));
    }
    return result;
}

/**
 * Rounded to 12 significant digits: a write rate reached through shares carries
 * float noise (12,000 × 30% × (1 − 90%) is 359.99999999999994), which must not tip
 * a count shown whole across a half (22.5 writes shown as 22 instead of 23).
 */
function denoise(value: number): number {
    return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(12)) : value;
}
