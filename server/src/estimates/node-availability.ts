/**
 * Availability of one node (ESTIMATES.md, "Availability"):
 * - k-of-n: a node of n active instances with health checks is up while at
 *   least k are up, k = the fewest instances that carry the peak;
 * - no health checks: a dead instance keeps its share of requests, A ≈ a;
 * - failover (active_passive, replicated primaries): unavailability ≈
 *   (1/MTBF) × promotion time + the chance every copy is down;
 * - arbiter groups (coordinators) are quorums, k = ⌊n/2⌋+1 of n.
 * Choices where the spec is silent are in docs/estimates.md.
 */
import type { TopologyGraph } from '../model/graph.js';
import type { FailoverMethod, TopologyNode } from '../model/topology.js';
import { atLeastKOfN, failoverUnavailability, instancesNeeded, quorumAvailability } from './availability.js';
import { DEFAULT_INSTANCE_AVAILABILITY, PROMOTION_MINUTES } from './defaults.js';
import { DECLARED, DEFAULT, DERIVED, type AvailabilityExplanation, type AvailabilityFormula, type ExplainedInput } from './explanation.js';
import { total, type Flow } from './load.js';
import { servingInstances } from './tier-load.js';

/** dns and cdn without `instances` are managed services: modelled as 3 redundant copies, any one of which serves. */
export const MANAGED_COPIES = 3;

export interface NodeAvailability {
    availability: number;
    /** The formula used and its inputs (present/explain.ts puts it in words). */
    explanation: AvailabilityExplanation;
}

/** The availability of one instance, as declared (where) or the default. */
function aInput(node: TopologyNode, a: number): ExplainedInput {
    return { name: 'a', value: a, from: node.availability !== undefined ? DECLARED(node.props.availability) : DEFAULT };
}

function result(formula: AvailabilityFormula, availability: number, inputs: ExplainedInput[]): NodeAvailability {
    return { availability, explanation: { formula, inputs, result: availability } };
}

/** The failover method's inputs: how, declared or by default, and the promotion time it takes. */
function failoverInputs(node: TopologyNode, promotion: number): ExplainedInput[] {
    const failover = node.replication!.failover;
    return [
        { name: 'method', value: failover.method, from: failover.declared ? DECLARED(failover.range) : DEFAULT },
        { name: 'promotionMinutes', value: promotion, from: DEFAULT }
    ];
}

export interface AvailabilityContext {
    graph: TopologyGraph;
    /** Load arriving at the node, when known (k-of-n needs it; read/write mix of replicated nodes). */
    load?: Flow;
    /** Availability of the node's arbiter, when it fails over by arbiter. */
    arbiterAvailability?: number;
    /** Instances (or copies) lost, e.g. with a zone down. */
    lost?: number;
}

export function instanceAvailability(node: TopologyNode): number {
    return node.availability ?? DEFAULT_INSTANCE_AVAILABILITY;
}

/** A node has health checks when every balancer routing to it has `health every` (and at least one does). */
export function hasHealthChecks(node: TopologyNode, graph: TopologyGraph): boolean {
    const balancers = graph.balancersInFront(node.name);
    return balancers.length > 0 && balancers.every(balancer => balancer.healthEveryMs !== undefined);
}

/**
 * Promotion time of a failover: an arbiter promotes in 30 s while its quorum
 * holds; when the quorum is lost, someone promotes by hand (30 min).
 */
export function promotionMinutes(method: FailoverMethod, arbiterAvailability = 1): number {
    if (method !== 'arbiter') return PROMOTION_MINUTES[method];
    return arbiterAvailability * PROMOTION_MINUTES.arbiter + (1 - arbiterAvailability) * PROMOTION_MINUTES.manual;
}

/**
 * A primary with standbys: 1 − ((1/MTBF) × promotion + (1 − a)^{standbys+1}) (availability.ts), but never
 * below the primary alone (a). When a promotion takes longer than a repair (say a declared 99.95% per
 * copy, a repair every 30 days taking 22 min, and a 30-minute manual promotion) nobody waits for the
 * promotion: the primary comes back first. Without this floor adding a standby lowered availability.
 */
function failoverAvailability(a: number, standbys: number, promotionMinutes: number): number {
    return 1 - Math.min(1 - a, failoverUnavailability({ instanceAvailability: a, standbys, promotionMinutes }));
}

/**
 * The k of k-of-n for the load arriving at the node (instancesNeeded). A load summed past the largest
 * double (peaks of 300 digits over several callers) is more than any count of instances carries:
 * k = Infinity, so the tier is overloaded (instancesNeeded itself refuses a load that is not finite).
 */
function needed(load: Flow | undefined, capacityPerInstanceRps: number | undefined): number {
    const rps = load ? total(load) : 0;
    if (Number.isFinite(rps)) return instancesNeeded(rps, capacityPerInstanceRps);
    return capacityPerInstanceRps !== undefined && capacityPerInstanceRps > 0 && Number.isFinite(capacityPerInstanceRps) ? Infinity : 1;
}

/**
 * Up while at least k of n are up. When even all n cannot carry the peak
 * (k > n) the tier is never up in this sense: availability 0, and
 * cap-overload says why. (Capping k at n instead would make availability fall
 * as instances are added to an overloaded tier.)
 */
function kOfN(n: number, node: TopologyNode, load: Flow | undefined, a: number): NodeAvailability {
    const k = needed(load, node.capacityPerInstanceRps);
    const inputs: ExplainedInput[] = [{ name: 'k', value: k, from: DERIVED }, { name: 'n', value: n, from: DERIVED }, aInput(node, a)];
    if (k > n) return result('overloaded', 0, inputs);
    return result('k-of-n', atLeastKOfN(n, k, a), inputs);
}

export function nodeAvailability(node: TopologyNode, context: AvailabilityContext): NodeAvailability {
    const a = instanceAvailability(node);
    const lost = context.lost ?? 0;
    if ((node.kind === 'dns' || node.kind === 'cdn') && !node.instances.declared) {
        const copies = Math.max(0, MANAGED_COPIES - lost);
        return result('managed-copies', atLeastKOfN(copies, 1, a), [{ name: 'copies', value: MANAGED_COPIES, from: DEFAULT }, aInput(node, a)]);
    }
    if (node.kind === 'coordinator') {
        const n = node.instances.max;
        const up = Math.max(0, n - lost);
        // The quorum is counted over the group's full size: members in a lost zone still count as members.
        const availability = lost === 0 ? quorumAvailability(n, a) : atLeastKOfN(up, Math.floor(n / 2) + 1, a);
        return result('quorum', availability, [
            { name: 'k', value: Math.floor(n / 2) + 1, from: DERIVED },
            { name: 'n', value: n, from: node.instances.declared ? DECLARED(node.props.instances) : DEFAULT },
            aInput(node, a)
        ]);
    }

    const replication = node.replication;
    if (replication) {
        if (replication.topology === 'multi_master') {
            const masters = Math.max(0, replication.replicas - lost);
            return kOfN(masters, node, perShardGroup(node, context.load), a);
        }
        const copies = Math.max(0, replication.replicas - lost);
        const promotion = promotionMinutes(replication.failover.method, context.arbiterAvailability);
        const writes = failoverAvailability(a, copies, promotion);
        if (replication.topology === 'primary_backup' || copies === 0) {
            return result('failover', writes, [{ name: 'copies', value: copies + 1, from: DERIVED }, ...failoverInputs(node, promotion), aInput(node, a)]);
        }
        // primary_replica: reads are served while any copy is up; writes wait for a failover.
        const reads = 1 - Math.pow(1 - a, copies + 1);
        const load = context.load;
        const readFraction = load && total(load) > 0 ? load.reads / total(load) : context.graph.topology.traffic?.readShare ?? 1;
        return result('reads-writes', readFraction * reads + (1 - readFraction) * writes,
            [{ name: 'copies', value: copies + 1, from: DERIVED }, ...failoverInputs(node, promotion), aInput(node, a)]);
    }

    const n = servingInstances(node);
    const activePassive = node.instances.mode === 'active_passive' && node.instances.max > 1;
    const up = activePassive ? Math.min(1, node.instances.max - lost) : Math.max(0, n - lost);
    // Too few serving instances to carry the peak even with all of them up: never fully up at the peak, with or
    // without health checks and however few instances (a lone instance, or an active_passive pair, too). Checking
    // this only for health-checked tiers of 2 or more made a second instance, or a second master, lower availability.
    const load = perShardGroup(node, context.load);
    if (up >= 1 && needed(load, node.capacityPerInstanceRps) > up) return kOfN(up, node, load, a);
    if (activePassive) {
        const standbys = Math.max(0, node.instances.max - 1 - lost);
        const promotion = PROMOTION_MINUTES.interconnect;
        return result('active-passive', failoverAvailability(a, standbys, promotion), [
            { name: 'n', value: standbys + 1, from: DERIVED },
            { name: 'promotionMinutes', value: promotion, from: DEFAULT },
            aInput(node, a)
        ]);
    }
    if (up <= 1) return up === 1 ? result('single', a, [aInput(node, a)]) : result('none-left', 0, []);
    if (!hasHealthChecks(node, context.graph)) {
        // Without health checks a dead instance keeps receiving its share of requests: A ≈ a.
        return result('no-health-checks', a, [{ name: 'n', value: up, from: DERIVED }, aInput(node, a)]);
    }
    return kOfN(up, node, load, a);
}

/** Each request of a sharded database reaches one shard group: k-of-n is counted within a group. */
function perShardGroup(node: TopologyNode, load: Flow | undefined): Flow | undefined {
    const groups = node.shards && node.shards.count > 1 ? node.shards.count : 1;
    return load ? { reads: load.reads / groups, writes: load.writes / groups } : undefined;
}
