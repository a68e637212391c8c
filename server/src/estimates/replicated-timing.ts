/**
 * Where a visit to a replicated database queues, for the end-to-end latency (ESTIMATES.md, "Load" and
 * "Capacity and latency"): `primary_replica` reads queue at a replica, which also applies every write
 * (reads / r + writes), and writes at the primary (the writes alone); `mode sync` makes a write wait for
 * one more copy's apply too ("adds one replica's apply time to every write"), queued at that copy.
 * Each member is one instance of k workers (queueing.ts): an M/M/k per member, at its own load.
 */
import type { TopologyNode } from '../model/topology.js';
import type { Flow } from './load.js';
import type { NodeTiming, QueueTiming } from './end-to-end-latency.js';
import { mmc, serviceTimeMs, workersPerInstance } from './queueing.js';

interface Stage extends QueueTiming {
    meanResponseMs: number;
}

/**
 * The visits of a replicated node split by what they are, each part the queues it passes; undefined where
 * every visit meets the same queue (no replication, a `primary_backup` or `multi_master` without `mode
 * sync`, no replica) or a member cannot keep up (the node's own latency is then unbounded already).
 * `group` is the load on the busiest shard group, `readShare` the share of visits that are reads.
 */
export function replicatedTiming(
    node: TopologyNode, group: Flow, readShare: number, capacityPerInstanceRps: number, latencyMs: number
): NodeTiming | undefined {
    const replication = node.replication;
    if (!replication) return undefined;
    const workers = workersPerInstance(capacityPerInstanceRps, latencyMs);
    const serviceMs = serviceTimeMs(capacityPerInstanceRps, latencyMs);
    const stage = (arrivalRps: number): Stage | undefined => {
        const queue = mmc(arrivalRps, serviceMs, workers);
        return queue.stable ? { serviceMs, pWait: queue.pWait, thetaPerMs: queue.waitRatePerMs, meanResponseMs: queue.meanResponseMs } : undefined;
    };
    const sync = replication.mode === 'sync';
    let reads: (Stage | undefined)[], writes: (Stage | undefined)[];
    switch (replication.topology) {
        case 'primary_replica': {
            if (replication.replicas < 1) return undefined;
            const replica = stage(group.reads / replication.replicas + group.writes);
            const primary = stage(group.writes);
            reads = [replica];
            writes = sync ? [primary, replica] : [primary];
            break;
        }
        case 'primary_backup': {
            if (!sync || replication.replicas < 1) return undefined;
            const primary = stage(group.reads + group.writes);
            reads = [primary];
            writes = [primary, stage(group.writes)];
            break;
        }
        case 'multi_master': {
            if (!sync || replication.replicas < 2) return undefined;
            const master = stage(group.reads / replication.replicas + group.writes);
            reads = [master];
            writes = [master, master];
            break;
        }
    }
    if (reads.some(s => !s) || writes.some(s => !s)) return undefined;
    const parts = [
        { share: readShare, stages: reads as Stage[] },
        { share: 1 - readShare, stages: writes as Stage[] }
    ].filter(part => part.share > 0);
    const meanResponseMs = parts.reduce((sum, part) => sum + part.share * part.stages.reduce((s, st) => s + st.meanResponseMs, 0), 0);
    const first = parts[0].stages[0];
    return { serviceMs: first.serviceMs, pWait: first.pWait, thetaPerMs: first.thetaPerMs, meanResponseMs, parts };
}
