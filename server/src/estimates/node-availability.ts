/**
 * Availability of one node (ESTIMATES.md, "Availability"), for reads and for
 * writes apart:
 * - k-of-n: a node of n instances whose callers leave a dead one out (behind a
 *   balancer with `health every`, with `health every` of its own, or reached
 *   directly) is up while at least k are up, k = the fewest that carry the peak;
 * - behind a balancer without health checks a dead instance keeps its share: A ≈ a;
 * - an overloaded node (even all n cannot carry the peak) is cap-overload's finding;
 *   as a failure figure it serves in proportion to the instances up (a × up / n), the
 *   share 1 − 1/ρ it cannot serve being counted apart (docs/estimates.md: the spec's
 *   k = n counted one lost instance of fifty as the whole tier down);
 * - failover (active_passive, replicated primaries): unavailability ≈
 *   (1/MTBF) × promotion time + the chance too few copies are up for a write;
 * - writes of a primary failed over by an arbiter group need the group's quorum;
 * - `mode sync`: a write needs the primary and one synchronous replica;
 * - coordinators are quorums, k = ⌊n/2⌋+1 of n; managed dns and cdn are the
 *   provider's whole service.
 * Choices where the spec is silent are in docs/estimates.md.
 */
import type { TopologyGraph } from '../model/graph.js';
import { isManaged, isWholeService, shardCopies, spreadsShards, type FailoverMethod, type TopologyNode } from '../model/topology.js';
import { atLeastKOfN, instancesNeeded } from './availability.js';
import { ACTIVE_PASSIVE_PROMOTION_MINUTES, DEFAULT_EXTERNAL_AVAILABILITY, DEFAULT_INSTANCE_AVAILABILITY, DEFAULT_MANAGED_AVAILABILITY, DEFAULT_MTBF_MINUTES, PROMOTION_MINUTES } from './defaults.js';
import { DECLARED, DEFAULT, DERIVED, type AvailabilityExplanation, type AvailabilityFormula, type ExplainedInput } from './explanation.js';
import { total, type Flow } from './load.js';
import { servingInstances } from './tier-load.js';

export interface NodeAvailability {
    /** The node's figure: reads and writes mixed by its load (what the hover and the JSON show). */
    availability: number;
    /** Chance it serves a read. */
    reads: number;
    /** Chance it serves a write (never above `reads`: a node that takes writes serves reads). */
    writes: number;
    /** Chance it serves any request at all, when that differs from `reads` (served-share.ts, DNS health checks). */
    any?: number;
    /** A node that spreads its shards over its instances: the chance every shard has a copy up (`each`). */
    everyShard?: number;
    /** The formula used and its inputs (present/explain.ts puts it in words). */
    explanation: AvailabilityExplanation;
}

/** The availability of one instance, as declared (where) or the default. */
function aInput(node: TopologyNode, a: number): ExplainedInput {
    return { name: 'a', value: a, from: node.availability !== undefined ? DECLARED(node.props.availability) : DEFAULT };
}

function result(formula: AvailabilityFormula, reads: number, writes: number, inputs: ExplainedInput[], readShare: number): NodeAvailability {
    const availability = readShare * reads + (1 - readShare) * writes;
    return { availability, reads, writes, explanation: { formula, inputs, result: availability } };
}

function same(formula: AvailabilityFormula, availability: number, inputs: ExplainedInput[]): NodeAvailability {
    return { availability, reads: availability, writes: availability, explanation: { formula, inputs, result: availability } };
}

export interface AvailabilityContext {
    graph: TopologyGraph;
    /** Load arriving at the node, when known (k-of-n needs it; the read/write mix). */
    load?: Flow;
    /** Chance the node's arbiter group holds a quorum, when it fails over by arbiter. */
    arbiterAvailability?: number;
    /** Instances (or copies) lost, e.g. with a zone down. */
    lost?: number;
}

export function instanceAvailability(node: TopologyNode): number {
    return node.availability ?? DEFAULT_INSTANCE_AVAILABILITY;
}

/** The default availability of a whole service: a provider's (99.99%) or a third party's (99.9%) (ESTIMATES.md, defaults). */
export function wholeServiceDefault(node: TopologyNode): number {
    return node.kind === 'external' ? DEFAULT_EXTERNAL_AVAILABILITY : DEFAULT_MANAGED_AVAILABILITY;
}

/**
 * Whether the callers of `node` leave a dead instance out: true unless a balancer without health checks
 * routes to it and the node has no `health every` of its own. A node reached directly (a cache, queue or
 * storage cluster, a service found by client-side discovery) is left out by its callers' clients.
 */
export function callersLeaveDeadOut(node: TopologyNode, graph: TopologyGraph): boolean {
    if (node.healthEveryMs !== undefined) return true;
    // A managed balancer checks its targets by default (ESTIMATES.md, details).
    return graph.balancersInFront(node.name).every(balancer => balancer.healthEveryMs !== undefined || isManaged(balancer));
}

/**
 * Unavailability of a primary with standbys: (1/MTBF) × promotion, the share of time spent promoting,
 * plus the chance fewer than `needed` of the copies are up (1: the primary; 2 with `mode sync`: the
 * primary and a synchronous replica). For asynchronous copies never above the primary alone (1 − a):
 * when a promotion takes longer than a repair, nobody waits for it (docs/estimates.md).
 */
function failoverUnavailability(a: number, copies: number, promotionMinutes: number, needed: 1 | 2): number {
    if (copies <= 1) return needed === 1 && copies === 1 ? 1 - a : 1;
    const tooFew = 1 - atLeastKOfN(copies, needed, a);
    const unavailability = Math.min(1, promotionMinutes / DEFAULT_MTBF_MINUTES + tooFew);
    return needed === 1 ? Math.min(1 - a, unavailability) : unavailability;
}

/**
 * The k of k-of-n for the load arriving at the node (instancesNeeded). A load summed past the largest
 * double is more than any count of instances carries: k = Infinity.
 */
function needed(load: Flow | undefined, capacityPerInstanceRps: number | undefined): number {
    const rps = load ? total(load) : 0;
    if (Number.isFinite(rps)) return instancesNeeded(rps, capacityPerInstanceRps);
    return capacityPerInstanceRps !== undefined && capacityPerInstanceRps > 0 && Number.isFinite(capacityPerInstanceRps) ? Infinity : 1;
}

/**
 * The masters a multi-master group needs: each takes reads / k and applies every write (ESTIMATES.md,
 * "Load"), so k is the fewest with reads / k + writes < C; none suffice when the writes alone reach C.
 */
function mastersNeeded(load: Flow | undefined, capacityPerInstanceRps: number | undefined): number {
    const capacity = capacityPerInstanceRps;
    if (!load || capacity === undefined || !(capacity > 0) || !Number.isFinite(capacity)) return needed(load, capacity);
    if (!(load.writes < capacity)) return Infinity;
    return needed({ reads: load.reads, writes: 0 }, capacity - load.writes);
}

/**
 * Up while at least k of the n up are up. `full` is n before any loss (a zone's): fewer than k left of a
 * tier whose full count carries the peak serves nothing (ESTIMATES.md, k-of-n; the zone-lost figure lists
 * it as overloaded). A tier that even at full count cannot (k > full) is overloaded: it serves what its
 * live instances can, so as a failure figure it serves the mean share of its full capacity that is up,
 * a × n / full; the overload's 1 − 1/ρ is counted apart (`overloaded`, targets.ts), and the product is
 * exactly the mean served share E[min(1, X·C/λ)] = a·n·C/λ for X live of n. ESTIMATES.md's k = n (aⁿ)
 * counted the loss of one instance of fifty as the whole tier down, and with the overload on top, a
 * tier at 120% as serving 0.995⁵⁰ / 1.2 = 65% (docs/estimates.md).
 */
function kOfN(n: number, node: TopologyNode, load: Flow | undefined, a: number, k = needed(load, node.capacityPerInstanceRps), full = n): NodeAvailability {
    if (n <= 0) return same('none-left', 0, []);
    const inputs: ExplainedInput[] = [{ name: 'k', value: Math.min(k, n), from: DERIVED }, { name: 'n', value: n, from: DERIVED }, aInput(node, a)];
    if (k > n && k <= full) return same('too-few-left', 0, [{ name: 'k', value: Math.min(k, full), from: DERIVED }, { name: 'n', value: n, from: DERIVED }]);
    // A DNS that checks its targets sees it down only when every instance is (`any`), as a tier without checks.
    if (k > n) return { ...same('overloaded', (a * n) / full, [...inputs, { name: 'full', value: full, from: DERIVED }]), any: 1 - Math.pow(1 - a, n) };
    return same('k-of-n', atLeastKOfN(n, k, a), inputs);
}

/** The read share of the node's own load (the traffic's when it has none). */
function readShareOf(load: Flow | undefined, graph: TopologyGraph): number {
    return load && total(load) > 0 ? load.reads / total(load) : graph.topology.traffic?.readShare ?? 1;
}

export function nodeAvailability(node: TopologyNode, context: AvailabilityContext): NodeAvailability {
    const a = instanceAvailability(node);
    const lost = context.lost ?? 0;
    if (isWholeService(node)) {
        const whole = node.availability ?? wholeServiceDefault(node);
        return same('managed', whole, [{ name: 'a', value: whole, from: node.availability !== undefined ? DECLARED(node.props.availability) : DEFAULT }]);
    }
    if (node.kind === 'coordinator') {
        const n = node.instances.max;
        // The quorum is counted over the group's full size: members in a lost zone still count as members.
        const k = Math.floor(n / 2) + 1;
        return same('quorum', atLeastKOfN(Math.max(0, n - lost), k, a), [
            { name: 'k', value: k, from: DERIVED },
            { name: 'n', value: n, from: node.instances.declared ? DECLARED(node.props.instances) : DEFAULT },
            aInput(node, a)
        ]);
    }

    if (spreadsShards(node)) return spreadShardsAvailability(node, context, a, lost);
    const replication = node.replication;
    const readShare = readShareOf(context.load, context.graph);
    if (replication) {
        if (replication.topology === 'multi_master') {
            const masters = Math.max(0, replication.replicas - lost);
            const group = perShardGroup(node, context.load);
            return kOfN(masters, node, group, a, mastersNeeded(group, node.capacityPerInstanceRps), replication.replicas);
        }
        const copies = Math.max(0, replication.replicas + 1 - lost);
        const method = replication.failover.method;
        const promotion = PROMOTION_MINUTES[method];
        const writesNeed = replication.mode === 'sync' ? 2 : 1;
        let writes = copies === 0 ? 0 : 1 - failoverUnavailability(a, copies, promotion, writesNeed);
        const inputs: ExplainedInput[] = [
            { name: 'copies', value: copies, from: DERIVED },
            { name: 'method', value: method, from: replication.failover.declared ? DECLARED(replication.failover.range) : DEFAULT },
            { name: 'promotionMinutes', value: promotion, from: DEFAULT },
            ...(replication.mode === 'sync' ? [{ name: 'syncCopies' as const, value: 2, from: DECLARED(replication.declared.mode) }] : []),
            aInput(node, a)
        ];
        // Reads: any copy that serves reads (primary_replica: every copy; the primary serves them when no
        // replica is left); primary_backup: the primary, by failover, as writes but needing no sync replica.
        const reads = copies === 0 ? 0 : replication.topology === 'primary_replica'
            ? 1 - Math.pow(1 - a, copies)
            : 1 - failoverUnavailability(a, copies, promotion, 1);
        // Without a quorum of its arbiter group the primary cannot hold its role (seed 003: both stand by).
        if (method === 'arbiter' && context.arbiterAvailability !== undefined) {
            writes *= context.arbiterAvailability;
            const gated = [...inputs, { name: 'arbiter' as const, value: replication.failover.arbiter ?? '', from: DECLARED(replication.failover.range) },
                { name: 'quorum' as const, value: context.arbiterAvailability, from: DERIVED }];
            return result('arbiter-gated', Math.max(reads, writes), writes, gated, readShare);
        }
        const formula: AvailabilityFormula = replication.topology === 'primary_replica' && copies > 0 ? 'reads-writes' : 'failover';
        return result(formula, Math.max(reads, writes), writes, inputs, readShare);
    }

    const n = servingInstances(node);
    const activePassive = node.instances.mode === 'active_passive' && node.instances.max > 1;
    const up = activePassive ? Math.min(1, node.instances.max - lost) : Math.max(0, n - lost);
    const load = perShardGroup(node, context.load);
    const unchecked = !activePassive && n > 1 && !callersLeaveDeadOut(node, context.graph);
    const k = needed(load, node.capacityPerInstanceRps);
    // Behind an unchecked balancer the dead keep their share and the live carry only theirs: a zone's loss
    // overloads none of them (below); only a tier the peak overloads at full count is counted as overloaded.
    if (up >= 1 && k > up && !(unchecked && k <= n)) return kOfN(up, node, load, a, k, activePassive ? 1 : n);
    if (activePassive) {
        const standbys = Math.max(0, node.instances.max - 1 - lost);
        const availability = 1 - failoverUnavailability(a, standbys + 1, ACTIVE_PASSIVE_PROMOTION_MINUTES, 1);
        return same('active-passive', availability, [
            { name: 'n', value: standbys + 1, from: DERIVED },
            { name: 'promotionMinutes', value: ACTIVE_PASSIVE_PROMOTION_MINUTES, from: DEFAULT },
            aInput(node, a)
        ]);
    }
    if (up === 0) return same('none-left', 0, []);
    // Behind a balancer without health checks a dead instance keeps receiving its share of requests: A ≈ a.
    if (unchecked) {
        // Each request fails with chance 1 − a, but the tier as a whole is down only when all `up` are.
        // Instances lost with a zone keep their share too: a request reaches a live one with chance up / n.
        const served = (up / n) * a;
        return { ...same('no-health-checks', served, [{ name: 'n', value: up, from: DERIVED }, aInput(node, a)]), any: 1 - Math.pow(1 - a, up) };
    }
    if (up === 1) return same('single', a, [aInput(node, a)]);
    return kOfN(up, node, load, a, k, n);
}

/**
 * A key's shard on a node that spreads its shards over its instances (ESTIMATES.md, "Availability"): up while
 * any of its c copies is, 1 − (1 − a)^c. The copies of one shard sit in different zones where zones allow, so
 * with one of m zones lost a shard has lost one copy with chance c / m (for c ≤ m; more copies than zones
 * lose ⌈c / m⌉ each). Its capacity is the instances', as for any tier.
 */
function spreadShardsAvailability(node: TopologyNode, context: AvailabilityContext, a: number, lost: number): NodeAvailability {
    const n = servingInstances(node);
    const up = Math.max(0, n - lost);
    const c = shardCopies(node);
    const inputs: ExplainedInput[] = [{ name: 'copies', value: c, from: DERIVED }, { name: 'n', value: up, from: DERIVED }, aInput(node, a)];
    if (up === 0) return same('none-left', 0, []);
    const k = needed(context.load, node.capacityPerInstanceRps);
    if (k > up) return kOfN(up, node, context.load, a, k, n);
    const anyOf = (copies: number): number => (copies <= 0 ? 0 : 1 - Math.pow(1 - a, copies));
    const m = Math.max(1, node.zones.length);
    const served = lost === 0 ? anyOf(c) : c <= m ? (c / m) * anyOf(c - 1) + (1 - c / m) * anyOf(c) : anyOf(c - Math.ceil(c / m));
    return { ...same('shard-copies', served, inputs), everyShard: everyShardUp(n, node.shards!.count, c, a, lost > 0 ? m : 0) };
}

/** Instances up to which `everyShardUp` enumerates every set of live instances (2^16 sets). */
const MAX_ENUMERATED_INSTANCES = 16;

/**
 * The chance every one of M shards has a copy up, copy j of shard s on instance (s·c + j) mod n (round robin,
 * so one shard's copies sit on different instances, and on different zones when instance i is in zone i mod m).
 * `lostZoneOf` m > 0: the instances of one zone (i mod m = 0) are down. Exact by enumeration up to 16
 * instances; beyond, 1 − Σ over the distinct sets of instances a shard sits on of (1 − a)^c (the union bound,
 * first order in the failures).
 */
function everyShardUp(n: number, shards: number, c: number, a: number, lostZoneOf: number): number {
    const sets = new Set<number | string>();
    const masks: number[][] = [];
    // Shard s's instances repeat with s every n shards: n of them say every set (`shards 100000000` stays n steps).
    for (let s = 0; s < Math.min(shards, n); s++) {
        const members = Array.from({ length: c }, (_, j) => (s * c + j) % n).sort((x, y) => x - y);
        const key = members.join(',');
        if (sets.has(key)) continue;
        sets.add(key);
        masks.push(members);
    }
    const down = (i: number): boolean => lostZoneOf > 0 && i % lostZoneOf === 0;
    if (n <= MAX_ENUMERATED_INSTANCES) {
        const bits = masks.map(members => members.reduce((mask, i) => mask | (1 << i), 0));
        let sum = 0;
        for (let live = 0; live < 1 << n; live++) {
            let chance = 1;
            for (let i = 0; i < n; i++) {
                const isUp = (live >> i) & 1;
                if (down(i) && isUp) { chance = 0; break; }
                if (!down(i)) chance *= isUp ? a : 1 - a;
            }
            if (chance === 0) continue;
            if (bits.every(mask => (mask & live) !== 0)) sum += chance;
        }
        return sum;
    }
    let failing = 0;
    for (const members of masks) {
        const alive = members.filter(i => !down(i)).length;
        failing += alive === 0 ? 1 : Math.pow(1 - a, alive);
    }
    return Math.max(0, 1 - failing);
}

/** Each request of a sharded database reaches one shard group: k-of-n is counted within a group. */
function perShardGroup(node: TopologyNode, load: Flow | undefined): Flow | undefined {
    const groups = node.shards && node.shards.count > 1 ? node.shards.count : 1;
    return load ? { reads: load.reads / groups, writes: load.writes / groups } : undefined;
}

/** The promotion time of a failover method, in minutes (defaults). */
export function promotionMinutes(method: FailoverMethod): number {
    return PROMOTION_MINUTES[method];
}
