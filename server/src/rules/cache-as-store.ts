/**
 * state-cache-as-store (RULES.md): a cache with `policy store` or `behind` and no replica. As the store it
 * holds data nothing else has; write-behind holds writes acknowledged but not yet flushed. Either way a
 * restart of an instance loses them. A managed cache is the provider's to keep (LANGUAGE.md, `managed`).
 */
import { isManaged, type TopologyNode } from '../model/topology.js';
import { fix, insertProperty } from './fixes.js';
import type { Rule, RuleFinding } from './rule.js';

function replicated(node: TopologyNode): boolean {
    return node.replication !== undefined && node.replication.replicas > 0;
}

export const stateCacheAsStore: Rule = {
    id: 'state-cache-as-store',
    family: 'Stateful tiers',
    defaultSeverity: 'warning',
    title: 'A cache that is the store (or writes behind) has no replica: a restart loses data.',
    check({ topology }) {
        return topology.nodes.flatMap((node): RuleFinding[] => {
            if (node.kind !== 'cache' || (node.policy !== 'store' && node.policy !== 'behind') || replicated(node) || isManaged(node)) return [];
            const what = node.policy === 'store'
                ? `${node.name} is the store of its data (\`policy store\`) and keeps no replica: when an instance restarts or fails, the data it held is gone, and nothing stands behind it to load it from again.`
                : `${node.name} acknowledges writes before they reach the store (\`policy behind\`) and keeps no replica: when an instance restarts or fails, the writes it had not yet flushed are lost.`;
            return [{
                node: node.name,
                range: node.props.policy ?? node.nameRange,
                message: what,
                fixes: [fix(`Keep a replica of ${node.name}`, insertProperty(node, 'replication primary_replica { replicas 1 }'))]
            }];
        });
    }
};
