/**
 * How big a node is, in words: instance counts (`3`, `3..20`), copies and
 * shard groups (`16 shards × 2 copies`), as the hover, the code lens and the
 * diagram show them.
 */
import { isWholeService } from '../model/topology.js';
import type { TopologyNode } from '../model/topology.js';

/** The instance count as declared: `4`, `3..20`. */
export function instanceCount(node: TopologyNode): string {
    const { min, max, autoscale } = node.instances;
    return autoscale && min !== max ? `${min}..${max}` : String(max);
}

/**
 * How many of what serve: a bare count (`3`, `3..20`) for a plain tier; for a
 * replicated or sharded database its copies and shard groups (`4 copies`,
 * `16 shards × 2 copies`), since those are what the estimates count; a
 * dns or cdn without `instances` is `managed` (the provider runs it).
 */
export function nodeSize(node: TopologyNode): { text: string; bare: boolean } {
    // dns and cdn without `instances` are modelled as a managed service (node-availability.ts).
    if (isWholeService(node)) return { text: 'managed', bare: false };
    const parts: string[] = [];
    const sharded = !!node.shards && node.shards.count > 1;
    if (sharded) parts.push(`${node.shards!.count} shards`);
    const replication = node.replication;
    if (replication) {
        const multiMaster = replication.topology === 'multi_master';
        parts.push(`${multiMaster ? replication.replicas : replication.replicas + 1} ${multiMaster ? 'masters' : 'copies'}`);
    } else if (!sharded) {
        parts.push(instanceCount(node));
    } else if (node.instances.max > 1) {
        parts.push(`${instanceCount(node)} instances`);
    }
    return { text: parts.join(' × '), bare: !replication && !sharded };
}

/** The size in words: `1 instance`, `3..20 instances`, `4 copies`. */
export function sizeInWords(node: TopologyNode): string {
    const { text, bare } = nodeSize(node);
    return bare ? `${text} instance${text === '1' ? '' : 's'}` : text;
}
