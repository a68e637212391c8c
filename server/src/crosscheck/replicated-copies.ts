/**
 * Which nodes keep their data as a primary and copies (docs/crosscheck.md, Q1): every database with
 * `replication`, and a cache, queue, search or storage node with `replication` and no `shards` (the user
 * declared a primary, its replicas and how it fails over; its copies are 1 + replicas, as a database's).
 * With `shards` those kinds spread each shard's copies over their instances instead (availability-model.ts).
 */
import type { TopologyNode } from '../model/topology.js';

export function keepsReplicatedCopies(node: TopologyNode): boolean {
    if (!node.replication) return false;
    return node.kind === 'database' || !(node.shards && node.shards.count > 1);
}
