/**
 * spof-probe-failover (RULES.md, "Single points of failure"): a replica that
 * judges the primary by its own probes decides on thin evidence.
 */
import { isWholeService, type TopologyNode } from '../model/topology.js';
import { fix, replaceRange } from './fixes.js';
import type { Fix, Rule, RuleFinding } from './rule.js';

const FAMILY = 'Single points of failure';

/**
 * The coordinator to offer as the arbiter: the first that can keep a quorum
 * through a failure (an odd count of 3 or more, so spof-arbiter stays quiet),
 * else the first coordinator at all (spof-arbiter then says how to grow it).
 */
function arbiterFor(nodes: readonly TopologyNode[]): TopologyNode | undefined {
    const coordinators = nodes.filter(node => node.kind === 'coordinator');
    return coordinators.find(node => node.instances.max >= 3 && node.instances.max % 2 === 1) ?? coordinators[0];
}

export const spofProbeFailover: Rule = {
    id: 'spof-probe-failover',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'Failover by probe: a replica that judges the primary by its own probes may promote itself wrongly.',
    check({ topology }) {
        const arbiter = arbiterFor(topology.nodes);
        return topology.nodes.flatMap((node): RuleFinding[] => {
            const replication = node.replication;
            // multi_master has no primary to elect: its `failover` is ignored (and the validator says so).
            // Without a replica there is nobody to promote, right or wrong.
            // A managed node's failover is the provider's.
            if (!replication || replication.topology === 'multi_master' || replication.replicas < 1 || isWholeService(node)) return [];
            const failover = replication.failover;
            if (failover.method !== 'probe' || !failover.range) return [];
            const fixes: Fix[] = arbiter
                ? [fix(`Fail over by arbiter ${arbiter.name}`, replaceRange(failover.range, `failover arbiter ${arbiter.name}`))]
                : [];
            const replicas = replication.replicas === 1 ? 'its replica decides' : 'each of its replicas decides';
            return [{
                node: node.name,
                range: failover.range,
                message: `${node.name} fails over by probe: ${replicas} on its own probes whether the primary is dead, so a slow or broken network path between them looks like a dead primary. The replica then promotes itself while the primary may still take writes: two primaries whose copies diverge, and the writes one of them took are lost or merged by hand.`,
                fixes
            }];
        });
    }
};
