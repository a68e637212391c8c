/**
 * lag-failover-data-loss (RULES.md, "Replication lag"): async replication loses,
 * at each failover, the writes the primary acknowledged within the lag. The
 * figure is estimates/data-loss.ts's (ESTIMATES.md, "Replication lag"), with
 * λ_w the writes reaching the node at the peak as the capacity rules work it
 * out (capacity-load.ts).
 */
import { failoverDataLoss, losesWritesAtFailover, type FailoverDataLoss } from '../estimates/data-loss.js';
import { readsDeclared, systemPeak, usablePeak } from '../estimates/load.js';
import { isWholeService, type Failover, type Topology, type TopologyNode } from '../model/topology.js';
import { formatCount, formatDuration, formatNumber, formatRate } from '../present/numbers.js';
import { arrivingLoad } from './capacity-load.js';
import { fix, insertReplicationProperty, replaceRange } from './fixes.js';
import type { Rule, RuleContext, RuleFinding } from './rule.js';

const FAMILY = 'Replication lag';

/** The copy that becomes the primary, and how it is chosen (RULES.md: the message says how the failover happens). */
function newPrimary(failover: Failover): string {
    switch (failover.method) {
        case 'manual':
            return `the replica promoted by hand (${failover.declared ? 'failover manual' : 'no failover given: manual by default'})`;
        case 'probe':
            return 'the replica that promotes itself when its probes find the primary dead (failover probe)';
        case 'interconnect':
            return 'the replica that takes over when the interconnect heartbeat stops (failover interconnect)';
        case 'arbiter':
            return failover.arbiter
                ? `the replica arbiter ${failover.arbiter} promotes (failover arbiter ${failover.arbiter})`
                : 'the replica the arbiter promotes (failover arbiter)';
    }
}

/** λ_w at the node: the writes reaching it at the peak, or why the model does not give them. */
function writeRate(topology: Topology, context: RuleContext, node: TopologyNode): { rps: number } | { missing: string } {
    if (usablePeak(systemPeak(topology)) === undefined) return { missing: topology.clients.length > 0 ? 'a client gives no `peak`' : 'the traffic gives no `peak`' };
    // Without `reads` the load counts every request as a read: the writes are not known, not zero.
    if (!readsDeclared(topology)) return { missing: topology.clients.length > 0 ? 'a client gives no `reads` share' : 'the traffic gives no `reads` share' };
    const flow = arrivingLoad(context.graph).get(node.name);
    if (!flow) return { missing: `no load reaches ${node.name} in the model` };
    return { rps: flow.writes };
}

function lagText(loss: FailoverDataLoss): string {
    return `${formatDuration(loss.lagMs)}${loss.lagDefaulted ? ' (default lag)' : ''}`;
}

function writesText(writes: number): string {
    if (writes < 1) return `less than one write on average (${formatNumber(writes)})`;
    const count = formatCount(writes);
    return `about ${count} write${count === '1' ? '' : 's'}`;
}

export const lagFailoverDataLoss: Rule = {
    id: 'lag-failover-data-loss',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'Async replication with failover: each failover loses the writes acknowledged within the lag.',
    check(context) {
        const { topology } = context;
        // With `target data_loss` the team has said how much is acceptable: target-data-loss judges it (ESTIMATES.md).
        if (topology.targets?.dataLossMs !== undefined) return [];
        return topology.nodes.flatMap((node): RuleFinding[] => {
            const replication = node.replication;
            // A managed database fails over the provider's way (RDS Multi-AZ promotes a synchronous standby):
            // the failover is not the model's to judge (LANGUAGE.md, `managed`).
            if (!losesWritesAtFailover(replication) || isWholeService(node)) return [];
            const rate = writeRate(topology, context, node);
            const loss = failoverDataLoss(node, 'rps' in rate ? rate.rps : undefined)!;
            // `lag 0ms` claims replicas that never fall behind; no write reaching the node at the peak (`reads 100%`)
            // leaves nothing to lose: either way the loss is zero, and a finding would only say so.
            if (loss.secondsLost <= 0 || loss.writesLost === 0) return [];
            const groups = loss.shardGroups > 1 ? ` to one of its ${formatCount(loss.shardGroups)} shard groups` : '';
            // A write rate past what a double holds (a peak of 300 digits through `Nx` edges) is no rate either.
            const missing = 'missing' in rate ? rate.missing : 'the write rate at the peak is too large to estimate';
            const what = loss.writesLost !== undefined && loss.groupWriteRps !== undefined
                ? `loses ${writesText(loss.writesLost)} at each failover (the last ${lagText(loss)} of writes${groups}, at ${formatRate(loss.groupWriteRps)} of writes${groups ? ' each' : ''} at the peak)`
                : `loses the last ${lagText(loss)} of writes${groups} at each failover (${missing}, so how many writes that is is not estimated)`;
            const replicas = replication.replicas === 1
                ? 'its async replica lags'
                : `its ${formatCount(replication.replicas)} async replicas lag`;
            const property = 'mode sync';
            return [{
                node: node.name,
                range: replication.declared.mode ?? node.props.replication ?? replication.range,
                message: `${node.name} ${what}: ${replicas} behind the primary, so ${newPrimary(replication.failover)} lacks those writes, although users were told they were saved.`,
                fixes: [fix(`Replicate ${node.name} synchronously (mode sync: no acknowledged write is lost; each write waits for a replica)`,
                    replication.declared.mode
                        ? replaceRange(replication.declared.mode, property)
                        : insertReplicationProperty(replication, property))]
            }];
        });
    }
};
