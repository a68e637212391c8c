/**
 * The inputs a node's estimates rest on, each marked as declared in the model
 * or taken by default (ESTIMATES.md "Defaults", docs/estimates.md), so a reader
 * can disagree with an input rather than with the math.
 */
import { ACTIVE_PASSIVE_PROMOTION_MINUTES, DEFAULT_INSTANCE_AVAILABILITY, DEFAULT_MTBF_MINUTES, PROMOTION_MINUTES } from '../estimates/defaults.js';
import { wholeServiceDefault } from '../estimates/node-availability.js';
import { isWholeService } from '../model/topology.js';
import { DEFAULT_ALGORITHM } from '../estimates/simulate.js';
import { servingInstances } from '../estimates/tier-load.js';
import { clientsAt, keyPopularityAt } from '../estimates/client-mix.js';
import { describePopularity } from '../estimates/key-popularity.js';
import { overallReadShare, readsDeclared, systemPeak } from '../estimates/load.js';
import type { TopologyGraph } from '../model/graph.js';
import type { Topology, TopologyNode } from '../model/topology.js';
import { formatAvailability, formatDuration, formatMinutes, formatPercent, formatRate } from './numbers.js';
import { instanceCount } from './size.js';

export type InputSource = 'declared' | 'default' | 'not given';

export interface EstimateInput {
    /** What the input is, in words ("availability of one instance"). */
    what: string;
    /** Its value as shown; empty when not given. */
    value: string;
    source: InputSource;
    /** What the default or the absence means for the estimates. */
    effect?: string;
}

function instancesInput(node: TopologyNode): EstimateInput {
    const { instances } = node;
    if (isWholeService(node)) {
        return { what: 'instances', value: 'managed by the provider', source: 'default', effect: 'its availability is the whole service\'s' };
    }
    if (!instances.declared) return { what: 'instances', value: '1', source: 'default' };
    if (instances.autoscale) {
        return { what: 'instances', value: `autoscale ${instanceCount(node)}`, source: 'declared', effect: `estimated at the maximum, ${instances.max}` };
    }
    if (instances.mode === 'active_passive' && instances.max > 1) {
        return { what: 'instances', value: `${instances.max} active_passive`, source: 'declared', effect: 'one serves, the others stand by' };
    }
    return { what: 'instances', value: String(instances.max), source: 'declared' };
}

/** The balancer algorithm matters where a tier of several instances queues (capacity and latency known, not replicated). */
function algorithmInput(node: TopologyNode, graph: TopologyGraph): EstimateInput | undefined {
    const queues = node.capacityPerInstanceRps !== undefined && node.latencyMs !== undefined && !node.replication && !(node.shards && node.shards.count > 1);
    if (!queues || servingInstances(node) <= 1) return undefined;
    const balancer = graph.balancersInFront(node.name).find(b => b.algorithm);
    if (balancer) return { what: 'balancer algorithm', value: `${balancer.algorithm}, on ${balancer.name}`, source: 'declared' };
    return { what: 'balancer algorithm', value: DEFAULT_ALGORITHM, source: 'default' };
}

function replicationInputs(node: TopologyNode): EstimateInput[] {
    const replication = node.replication;
    if (!replication) return [];
    const declared = replication.declared;
    const inputs: EstimateInput[] = [{ what: 'replication', value: replication.topology, source: 'declared' }];
    inputs.push({
        what: replication.topology === 'multi_master' ? 'masters' : 'replicas',
        value: String(replication.replicas),
        source: declared.replicas ? 'declared' : 'default'
    });
    inputs.push({ what: 'replication mode', value: replication.mode, source: declared.mode ? 'declared' : 'default' });
    inputs.push(replication.lagMs !== undefined
        ? { what: 'replication lag', value: formatDuration(replication.lagMs), source: 'declared' }
        : { what: 'replication lag', value: '', source: 'not given', effect: 'no stale-read estimate' });
    if (replication.topology !== 'multi_master') {
        const failover = replication.failover;
        const how = failover.method === 'arbiter' && failover.arbiter ? `arbiter ${failover.arbiter}` : failover.method;
        inputs.push({ what: 'failover', value: how, source: failover.declared ? 'declared' : 'default' });
        const promotion = failover.method === 'arbiter'
            ? `${formatMinutes(PROMOTION_MINUTES.arbiter)} while the arbiter keeps its quorum, ${formatMinutes(PROMOTION_MINUTES.manual)} by hand when not`
            : formatMinutes(PROMOTION_MINUTES[failover.method]);
        inputs.push({ what: 'promotion time', value: promotion, source: 'default' });
    }
    return inputs;
}

/** Everything a failover estimate rests on beyond the replication block: the time between failures. */
function failsOver(node: TopologyNode): boolean {
    if (node.replication) return node.replication.topology !== 'multi_master';
    return node.instances.mode === 'active_passive' && node.instances.max > 1;
}

function trafficInputs(graph: TopologyGraph, node: TopologyNode): EstimateInput[] {
    const topology = graph.topology;
    const traffic = topology.traffic;
    const inputs: EstimateInput[] = [];
    if (topology.clients.length > 0) {
        // With clients the load is theirs: the ones whose requests reach the node, each with its peak.
        const reaching = clientsAt(graph, node.name, 'requests').map(({ client }) => client.name);
        const peak = systemPeak(topology);
        inputs.push(peak !== undefined
            ? { what: 'peak (clients)', value: `${formatRate(peak)}${reaching.length > 0 ? `, from ${reaching.join(', ')}` : ''}`, source: 'declared' }
            : { what: 'peak (clients)', value: '', source: 'not given', effect: 'no load, utilization or latency' });
    } else {
        inputs.push(traffic?.peakRps !== undefined
            ? { what: 'peak (traffic)', value: formatRate(traffic.peakRps), source: 'declared' }
            : { what: 'peak (traffic)', value: '', source: 'not given', effect: 'no load, utilization or latency' });
    }
    if (systemPeak(topology) !== undefined) {
        const share = overallReadShare(topology);
        inputs.push(readsDeclared(topology)
            ? { what: topology.clients.length > 0 ? 'reads (clients)' : 'reads (traffic)', value: formatPercent(share), source: 'declared' }
            : { what: 'reads (traffic)', value: '100%', source: 'default' });
    }
    if (node.shards && node.shards.count > 1) {
        const keys = keyPopularityAt(graph, node.name);
        const owner = topology.clients.some(client => client.keys !== undefined || client.zipf !== undefined) ? 'clients' : 'traffic';
        inputs.push(keys !== undefined
            ? { what: `keys (${owner})`, value: describePopularity(keys), source: 'declared' }
            : { what: `keys (${owner})`, value: 'uniform', source: 'default' });
    }
    return inputs;
}

export function estimateInputs(topology: Topology, graph: TopologyGraph, node: TopologyNode): EstimateInput[] {
    // A replicated node counts copies (replicas), not instances, unless it says both.
    const inputs: EstimateInput[] = node.replication && !node.instances.declared ? [] : [instancesInput(node)];
    inputs.push(node.capacityPerInstanceRps !== undefined
        ? { what: 'capacity of one instance', value: formatRate(node.capacityPerInstanceRps), source: 'declared' }
        : { what: 'capacity of one instance', value: '', source: 'not given', effect: 'no utilization or queueing' });
    inputs.push(node.latencyMs !== undefined
        ? { what: 'service time (`latency`)', value: formatDuration(node.latencyMs), source: 'declared' }
        : { what: 'service time (`latency`)', value: '', source: 'not given', effect: 'no latency' });
    const availabilityOf = isWholeService(node) ? 'availability of the whole service' : 'availability of one instance';
    const defaultAvailability = isWholeService(node) ? wholeServiceDefault(node) : DEFAULT_INSTANCE_AVAILABILITY;
    inputs.push(node.availability !== undefined
        ? { what: availabilityOf, value: formatAvailability(node.availability), source: 'declared' }
        : { what: availabilityOf, value: formatAvailability(defaultAvailability), source: 'default' });
    if (node.kind === 'cache' || node.kind === 'cdn') {
        inputs.push(node.hit !== undefined
            ? { what: 'hit', value: formatPercent(node.hit), source: 'declared' }
            : { what: 'hit', value: '0%', source: 'default', effect: 'passes every request on' });
    }
    if (node.shards && node.shards.count > 1) {
        inputs.push({ what: 'shards', value: `${node.shards.count} by ${node.shards.strategy}`, source: 'declared' });
    }
    inputs.push(...replicationInputs(node));
    if (failsOver(node)) {
        inputs.push({ what: 'mean time between failures of one instance', value: `${DEFAULT_MTBF_MINUTES / 1440} days`, source: 'default' });
        if (!node.replication) inputs.push({ what: 'promotion time (heartbeat)', value: formatMinutes(ACTIVE_PASSIVE_PROMOTION_MINUTES), source: 'default' });
    }
    const algorithm = algorithmInput(node, graph);
    if (algorithm) inputs.push(algorithm);
    // Off the request paths no traffic arrives: the traffic is no input there.
    if (graph.onRequestPath.has(node.name)) inputs.push(...trafficInputs(graph, node));
    return inputs;
}
