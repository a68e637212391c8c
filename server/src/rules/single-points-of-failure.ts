/** Single points of failure (RULES.md): spof-*. */
import { DEFAULT_INSTANCE_AVAILABILITY } from '../estimates/defaults.js';
import { failoverDowntimeMinutesPerYear } from '../estimates/failover.js';
import { isWholeService, type TopologyNode } from '../model/topology.js';
import { fix, insertReplicationProperty, insertProperty, setProperty } from './fixes.js';
import { formatAvailability, formatMinutes, formatPercent } from '../present/numbers.js';
import { coveredByDnsFailover } from './dns-failover-cover.js';
import type { Rule, RuleFinding } from './rule.js';

// A managed node's redundancy, zones, failover and health checks are the provider's, and an external
// one's the third party's (LANGUAGE.md, `managed`, `external`): no finding here is about them (isWholeService).

function runsOneInstance(node: TopologyNode): boolean {
    return node.instances.max === 1 && !node.replication;
}

const FAMILY = 'Single points of failure';

/** A request path for a message; a long one keeps its ends, so a deep chain cannot make every message as long as the model. */
function showPath(path: readonly string[]): string {
    const shown = path.length <= 8 ? path : [...path.slice(0, 3), `… ${path.length - 6} more …`, ...path.slice(-3)];
    return shown.join(' → ');
}

export const spofSingleInstance: Rule = {
    id: 'spof-single-instance',
    family: FAMILY,
    defaultSeverity: 'error',
    title: 'A node on a request path runs one instance and has no replication.',
    check({ topology, graph }) {
        const covered = coveredByDnsFailover(graph);
        return topology.nodes
            .filter(node => (graph.onRequestPath.has(node.name) || graph.onAsyncPath.has(node.name))
                && runsOneInstance(node) && !isWholeService(node) && !covered.has(node.name))
            .map((node): RuleFinding => {
                const availability = node.availability ?? DEFAULT_INSTANCE_AVAILABILITY;
                // Behind a queue its failure delays work, it fails no request (RULES.md): a warning, in those words.
                const consumer = graph.onAsyncPath.has(node.name);
                const path = graph.pathTo(node.name);
                const on = path && path.length > 1 ? ` on ${showPath(path)}` : ', where requests enter';
                const message = consumer
                    ? `${node.name} runs one instance and has no replica: while it is down the work queued for it waits and the backlog grows (it is up ${formatAvailability(availability)} of the time); no request fails, but the work is delayed.`
                    : `${node.name} is a single point of failure${on}: one instance and no replica, so when it fails every request through it fails; it caps availability at ${formatAvailability(availability)}.`;
                return {
                    node: node.name,
                    range: node.nameRange,
                    ...(consumer ? { severity: 'warning' as const } : {}),
                    message,
                    // `autoscale 1..1` must be raised in place: adding `instances 2` next to it is a syntax error.
                    fixes: [fix(`Run 2 instances of ${node.name}`, node.instances.autoscale
                        ? setProperty(node, 'autoscale', 'autoscale 2..2')
                        : setProperty(node, 'instances', 'instances 2'))]
                };
            });
    }
};

export const spofManualFailover: Rule = {
    id: 'spof-manual-failover',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'A replicated primary fails over by hand: writes stop until someone promotes a replica.',
    check({ topology }) {
        const coordinators = topology.nodes.filter(node => node.kind === 'coordinator');
        return topology.nodes.flatMap((node): RuleFinding[] => {
            const replication = node.replication;
            if (!replication || replication.topology === 'multi_master' || replication.failover.method !== 'manual' || isWholeService(node)) return [];
            const downtime = failoverDowntimeMinutesPerYear('manual');
            const how = replication.failover.declared ? 'failover manual' : 'no failover (manual by default)';
            const arbiter = coordinators[0];
            const property = arbiter ? `failover arbiter ${arbiter.name}` : undefined;
            const fixes = !arbiter || !property ? []
                : [fix(`Fail over by arbiter ${arbiter.name}`, replication.failover.range
                    ? { range: replication.failover.range, newText: property }
                    : insertReplicationProperty(replication, property))];
            return [{
                node: node.name,
                range: replication.failover.range ?? replication.range,
                message: `${node.name} has ${how}: when its primary fails, writes stop until someone promotes a replica by hand, about ${formatMinutes(downtime)} of write downtime a year (a failure every 30 days, 30 min to promote).`,
                fixes
            }];
        });
    }
};

export const spofArbiter: Rule = {
    id: 'spof-arbiter',
    family: FAMILY,
    defaultSeverity: 'error',
    title: 'A failover arbiter group has fewer than 3 members or an even count.',
    check({ topology, graph }) {
        return topology.nodes.flatMap((node): RuleFinding[] => {
            // multi_master has no primary to elect: its `failover` is ignored (and the validator says so).
            if (!node.replication || node.replication.topology === 'multi_master' || isWholeService(node)) return [];
            const failover = node.replication.failover;
            if (failover.method !== 'arbiter' || !failover.arbiter) return [];
            const arbiter = graph.node(failover.arbiter);
            // An arbiter that is not a coordinator is a `link` error already; counting its instances would only add noise.
            if (!arbiter || arbiter.kind !== 'coordinator') return [];
            const count = arbiter.instances.max;
            if (count >= 3 && count % 2 === 1) return [];
            const quorum = Math.floor(count / 2) + 1;
            const why = count < 3
                ? `it runs ${count} instance${count === 1 ? '' : 's'}, so one failure leaves no majority`
                : `it runs an even ${count}, which survives no more failures than ${count - 1} (a majority is ${quorum})`;
            const suggested = count < 3 ? 3 : count + 1;
            return [{
                node: node.name,
                range: failover.range ?? node.nameRange,
                message: `${node.name} fails over by arbiter ${arbiter.name}, but ${why}: when the arbiter loses its quorum, ${node.name} cannot elect a new primary and writes stop.`,
                fixes: [fix(`Run ${suggested} instances of ${arbiter.name}`, setProperty(arbiter, 'instances', `instances ${suggested}`))]
            }];
        });
    }
};

export const spofSplitBrain: Rule = {
    id: 'spof-split-brain',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'Failover by interconnect: a broken heartbeat channel leaves two primaries.',
    check({ topology }) {
        return topology.nodes.flatMap((node): RuleFinding[] => {
            // multi_master has no primary to elect: its `failover` is ignored (and the validator says so).
            if (!node.replication || node.replication.topology === 'multi_master' || isWholeService(node)) return [];
            const failover = node.replication.failover;
            if (failover.method !== 'interconnect') return [];
            return [{
                node: node.name,
                range: failover.range ?? node.nameRange,
                message: `${node.name} fails over by interconnect: if the heartbeat link between its nodes breaks while both run, each believes the other is dead and both take writes (split brain), and the two copies diverge.`
            }];
        });
    }
};

export const spofSingleZone: Rule = {
    id: 'spof-single-zone',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'With two or more zones declared, a node on a request path sits in fewer than two.',
    check({ topology, graph }) {
        if (topology.zones.length < 2) return [];
        const covered = coveredByDnsFailover(graph);
        return topology.nodes
            .filter(node => graph.onRequestPath.has(node.name) && !isWholeService(node) && node.zones.length < 2 && !covered.has(node.name))
            .map((node): RuleFinding => {
                const where = node.zones.length === 1
                    ? `runs only in zone ${node.zones[0]}: losing ${node.zones[0]} takes it down`
                    : `declares no zones although the system has ${topology.zones.length}: nothing says it survives losing a zone`;
                return {
                    node: node.name,
                    range: node.props.zones ?? node.nameRange,
                    message: `${node.name} ${where}, and every request through it fails with it.`,
                    fixes: [fix(`Spread ${node.name} over ${topology.zones.map(z => z.name).join(', ')}`,
                        setProperty(node, 'zones', `zones ${topology.zones.map(z => z.name).join(', ')}`))]
                };
            });
    }
};

export const spofHealthCheck: Rule = {
    id: 'spof-health-check',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'A balancer in front of more than one instance has no health checks.',
    check({ topology, graph }) {
        return topology.nodes
            // A managed balancer checks its targets (ESTIMATES.md, details).
            .filter(node => node.kind === 'balancer' && node.healthEveryMs === undefined && !isWholeService(node))
            .flatMap((balancer): RuleFinding[] => {
                // A tier with its own `health every` is left out by its callers already (LANGUAGE.md).
                const behind = graph.callees(balancer.name).map(name => graph.node(name)!).filter(node => node.healthEveryMs === undefined);
                const instances = behind.reduce((sum, node) => sum + node.instances.max, 0);
                if (instances <= 1) return [];
                const share = formatPercent(1 / instances);
                return [{
                    node: balancer.name,
                    range: balancer.nameRange,
                    message: `${balancer.name} balances over ${instances} instances (${behind.map(n => n.name).join(', ')}) without health checks: a dead instance keeps getting its share, about ${share} of requests each, and those requests fail.`,
                    fixes: [fix(`Add health checks every 5s to ${balancer.name}`, insertProperty(balancer, 'health every 5s'))]
                }];
            });
    }
};

export const spofAutoscaleMinOne: Rule = {
    id: 'spof-autoscale-min-one',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'Autoscaling down to one instance: at the low point one instance serves everything.',
    check({ topology }) {
        return topology.nodes
            .filter(node => node.instances.autoscale && node.instances.min === 1 && !isWholeService(node))
            .map((node): RuleFinding => ({
                node: node.name,
                range: node.props.autoscale ?? node.nameRange,
                message: `${node.name} autoscales down to 1 instance: at quiet times a single failure takes it down, and the next burst waits for new instances to start.`,
                fixes: [fix(`Keep at least 2 instances of ${node.name}`,
                    setProperty(node, 'autoscale', `autoscale 2..${Math.max(2, node.instances.max)}`))]
            }));
    }
};

export const SINGLE_POINT_OF_FAILURE_RULES: readonly Rule[] = [
    spofSingleInstance, spofManualFailover, spofArbiter, spofSplitBrain, spofSingleZone, spofHealthCheck, spofAutoscaleMinOne
];
