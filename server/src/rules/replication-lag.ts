/** Replication lag (RULES.md): lag-*. */
import { staleReadAfterWrite } from '../estimates/staleness.js';
import { DEFAULT_LAG_MS } from '../estimates/defaults.js';
import type { Traffic, TopologyNode } from '../model/topology.js';
import { formatDuration, formatPercent } from '../present/numbers.js';
import type { Rule, RuleFinding } from './rule.js';

const FAMILY = 'Replication lag';

/** primary_replica with async replication and at least one replica: replicas serve reads that may lag the primary. */
function lagsOnReads(node: TopologyNode): boolean {
    const replication = node.replication;
    return replication?.topology === 'primary_replica' && replication.mode === 'async' && replication.replicas >= 1;
}

function replicasServing(node: TopologyNode): string {
    const replicas = node.replication!.replicas;
    const lag = node.replication!.lagMs;
    return `${node.name} serves reads from ${replicas} async replica${replicas === 1 ? '' : 's'} that ${replicas === 1 ? 'lags' : 'lag'} behind its primary (${lag === undefined ? 'no `lag` given' : `lag ${formatDuration(lag)}`})`;
}

/**
 * The estimate of ESTIMATES.md with its inputs, or why it cannot be made: P = f_replica · m / (m + Z), a share
 * of the reads that follow the user's own write (replicas serve every read of primary_replica, f_replica = 1),
 * never multiplied by the traffic's read share. The lag defaults to 100 ms.
 */
function staleShare(node: TopologyNode, traffic: Traffic | undefined): string {
    const declaredLag = node.replication!.lagMs;
    const lagMs = declaredLag ?? DEFAULT_LAG_MS;
    const thinkMs = traffic?.thinkMs;
    if (thinkMs === undefined) return 'The share of stale reads can\'t be estimated: the traffic gives no `think` time (the time between one user\'s requests).';
    const share = staleReadAfterWrite(1, lagMs, thinkMs);
    const lag = `${formatDuration(lagMs)}${declaredLag === undefined ? ' (default lag)' : ''}`;
    return `About ${formatPercent(share)} of the reads a user makes right after their own write are stale (${lag} / (${lag} + think ${formatDuration(thinkMs)})).`;
}

export const lagReadYourWrites: Rule = {
    id: 'lag-read-your-writes',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'Async replicas serve reads while the traffic writes: users may not see their own writes.',
    check({ topology }) {
        // With `target stale` the team has said how much is acceptable: target-stale judges the figure (ESTIMATES.md).
        if (topology.targets?.stale !== undefined) return [];
        const traffic = topology.traffic;
        const readShare = traffic?.readShare;
        // All reads: nobody writes, so nothing is stale. No reads: no replica serves anything.
        if (readShare !== undefined && (readShare >= 1 || readShare <= 0)) return [];
        const writes = readShare === undefined
            ? 'the traffic gives no `reads` share, so writes are assumed'
            : `${formatPercent(1 - readShare)} of requests write`;
        return topology.nodes.filter(lagsOnReads).map((node): RuleFinding => ({
            node: node.name,
            range: node.props.replication ?? node.replication!.range,
            message: `${replicasServing(node)}, and ${writes}: a user who saves something and reads it back can land on a replica that has not caught up, and their change seems lost. ${staleShare(node, traffic)}`
        }));
    }
};

export const lagCounterOnReplica: Rule = {
    id: 'lag-counter-on-replica',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'A counter in an async primary_replica database: decisions read it from a lagging replica.',
    check({ topology }) {
        return topology.nodes.filter(lagsOnReads).flatMap(node => node.tables.flatMap(table => table.fields
            .filter(field => field.type === 'counter')
            .map((field): RuleFinding => ({
                node: node.name,
                range: field.range,
                target: { node: node.name, table: table.name, field: field.name },
                message: `${table.name}.${field.name} in ${node.name} is a counter, and ${replicasServing(node)}: a decision made on the ${field.name} a replica returns (how much stock is left, a balance) misses the latest updates, so two buyers can both get the last item or a balance is spent twice.`
            }))));
    }
};

export const REPLICATION_LAG_RULES: readonly Rule[] = [lagReadYourWrites, lagCounterOnReplica];
