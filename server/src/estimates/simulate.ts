/**
 * The estimates of one system (ESTIMATES.md): load per tier, utilization,
 * queueing latency, availability (and with one zone lost), end-to-end latency,
 * stale reads and shard skew. Every number carries the inputs it rests on:
 * what the model did not say is listed in `defaults`, what could not be
 * estimated is `null` with the reason in `notes`.
 */
import { DefaultsUsed, type DefaultUsed, type EstimateNote } from './assumptions.js';
import { buildGraph, type TopologyGraph } from '../model/graph.js';
import { isWholeService, type Edge, type Table, type Topology, type TopologyNode } from '../model/topology.js';
import { downtimeMinutesPerYear, nines } from './availability.js';
import { DEFAULT_INSTANCE_AVAILABILITY, DEFAULT_LAG_MS, DEFAULT_MTBF_MINUTES, MINUTES_PER_YEAR } from './defaults.js';
import { DECLARED, DEFAULT, DERIVED, type AvailabilityExplanation, type LatencyExplanation, type LoadExplanation } from './explanation.js';
import { endToEndLatency, type Hop, type NodeTiming } from './end-to-end-latency.js';
import { failoverDataLoss } from './data-loss.js';
import { clientSources, passedOnInRequest, propagateLoad, systemPeak, total, usablePeak, type Flow } from './load.js';
import { nodeAvailability, wholeServiceDefault, type NodeAvailability } from './node-availability.js';
import { callsPerTake, edgeTaken } from './edge-calls.js';
import { overloadServed, type OverloadServed } from './overload.js';
import { requestPaths, servedLostByNode, servedShare, type NodeUp, type RequestPaths, type ServedShare } from './served-share.js';
import { arbiterGates } from './arbiter-gates.js';
import { keyPopularityAt, thinkTimesAt } from './client-mix.js';
import { keyShare } from './key-popularity.js';
import { consistentHashMovedShare, hashModMovedShare, monotonicBusiestOverMean } from './shards.js';
import { conflictWindowOver, staleReadAfterWrite } from './staleness.js';
import { replicatedTiming } from './replicated-timing.js';
import { busiestMember, reportedLoadRps, reportedUtilization } from './tier-utilization.js';
import { queueFor, reportedQueueLatency, serviceTimeLatency, TOO_LARGE } from './tier-queue.js';
import { roundTo as round } from './round.js';
import { lostInZones, type Conditions, type Lost } from './scenario-conditions.js';
import {
    busiestGroup, isMonotonicPlacement, memberLoad, servingInstances, shardedTables, shardSkew, usableCapacityRps, usableLatencyMs, utilization, type ShardSkew
} from './tier-load.js';

export { DEFAULT_ALGORITHM, type Algorithm } from './tier-queue.js';

export interface NodeEstimate {
    name: string;
    kind: string;
    instances: { min: number; max: number };
    /** Requests per second arriving at the node at the peak. */
    loadRps: number | null;
    /** The same by class: its reads and its writes (an edge of one class, a cache's hits, change the mix). */
    loadByClass: { reads: number; writes: number } | null;
    /** What the tier carries at this load mix: load / utilization (n × capacity for a plain tier). */
    capacityRps: number | null;
    /** Peak utilization of the busiest member. */
    utilization: number | null;
    /** Utilization with one instance (or replica, or master) lost. */
    utilizationOneLost: number | null;
    latencyMs: { mean: number; p99: number } | null;
    availability: number | null;
    /** Busiest shard group / mean, for sharded databases. */
    shardSkew: number | null;
    /**
     * How each number was reached: the formula, its inputs and where they came from
     * (present/explain.ts words it; the JSON's `basis` sentences are made from it).
     */
    explanation: { load?: LoadExplanation; latency?: LatencyExplanation; availability?: AvailabilityExplanation };
    /** Share of all requests that reach this node (0..1). */
    requestShare: number | null;
    /**
     * A consumer behind a queue (ESTIMATES.md, "Availability": asynchronous work has its own figures): how fast
     * its backlog grows when the peak overloads it, and how long the backlog of one mean outage takes to drain.
     */
    queued: { backlogGrowthRps: number | null; drainMinutesAfterOutage: number | null; outageMinutes: number } | null;
}

export interface ZoneLoss {
    zone: string;
    system: number;
    nines: number;
    downtimeMinutesPerYear: number;
    /** Nodes that lose every instance with this zone. */
    down: string[];
    /** Nodes whose instances left cannot carry the peak with this zone down (cap-failure-headroom's finding). */
    overloaded: string[];
}

/** A tier the peak overloads (ρ ≥ 1): overload is not downtime, and is reported apart (ESTIMATES.md, "Capacity and latency"). */
export interface Overload {
    node: string;
    utilization: number;
    /** Share of its requests the peak cannot serve: 1 − 1/ρ. */
    unservedShare: number;
}

/** Replication lag on one node (ESTIMATES.md, "Replication lag"); `database` is the same as `node`, kept for compatibility. */
export interface Staleness {
    node: string;
    database: string;
    /** Chance a user's read right after their own write is stale: a share of such reads, not of all requests. */
    staleReadAfterWrite: number | null;
    /** Chance a read decides on a row another user changed within the lag. */
    conflictWindow: number | null;
    /** Seconds of acknowledged writes one failover loses (async replication); 0 when sync. */
    dataLossSeconds: number | null;
    /** Writes one failover loses at the peak: λ_w × lag. */
    dataLossWrites: number | null;
}

export interface ShardSummary {
    database: string;
    node: string;
    table: string | null;
    strategy: string;
    shards: number;
    busiestOverMean: number;
    /** Share of requests the most popular key takes (Zipf: 1 / H_{K,s}), when the traffic gives keys. */
    topKeyShare: number | null;
    reshardMovedShare: number;
}

export interface SimulationResult {
    system: string;
    /** Defaults used where the model is silent (present/assumptions.ts words them). */
    defaults: DefaultUsed[];
    /** What could not be estimated, and why. */
    notes: EstimateNote[];
    nodes: NodeEstimate[];
    availability: {
        system: number | null;
        nines: number | null;
        downtimeMinutesPerYear: number | null;
        /** The worst single zone to lose, when zones are declared. */
        zoneLost: ZoneLoss | null;
        /** Exact, or a seeded Monte Carlo (same input, same output) whose standard error is given. */
        method: 'exact' | 'monte-carlo' | 'per-group';
        standardError: number | null;
        /** The yearly downtime each node's failures cost the system, most first (what to fix first); nodes that cost none left out. */
        byNode: { node: string; downtimeMinutesPerYear: number }[];
    };
    /** Tiers the peak overloads, in declaration order. */
    overloaded: Overload[];
    /**
     * Requests served: the failure figure (availability.system) times the share the overloaded tiers let
     * through (overload.ts); what the availability target measures. Null without a failure figure.
     */
    requestsServed: number | null;
    /** What the overloaded tiers let through, each shedding at the load that still reaches it (overload.ts). */
    overloadServed: OverloadServed;
    latencyMs: { mean: number; p99: number } | null;
    staleness: Staleness[];
    shards: ShardSummary[];
    /**
     * How far every client's peak can grow before the first tier reaches 100% (ESTIMATES.md, "Capacity and
     * latency"): utilization is linear in the peak, so the factor is 1 / the highest utilization, and that
     * tier is the bottleneck. Below 1 when the peak is already past it; null when no tier has a utilization.
     */
    breakingPoint: { factor: number; bottleneck: string } | null;
}

interface Context {
    topology: Topology;
    graph: TopologyGraph;
    defaults: DefaultsUsed;
    notes: EstimateNote[];
}

function finiteOrNull(value: number | undefined, digits: number): number | null {
    return value === undefined || !Number.isFinite(value) ? null : round(value, digits);
}

/** How many values a table's shard key can take: a `bool` two; any other type more than any shard count. */
function shardKeyValues(table: Table): number {
    const field = table.fields.find(f => f.name === table.shardKey);
    return field?.type === 'bool' ? 2 : Infinity;
}

function reshardMovedShare(strategy: string, shards: number): number {
    // hash mod N moves N/(N+1); consistent hashing and a directory move only what goes to the new shard, 1/(N+1).
    if (strategy === 'hash') return hashModMovedShare(shards);
    // Seed 004: a new range or date shard takes new keys; no existing row moves.
    if (strategy === 'range' || strategy === 'date') return 0;
    return consistentHashMovedShare(shards);
}

/**
 * All estimates of one system. `graph` is the Topology's graph when the caller has built it already (the
 * rules have). `conditions` are a scenario's losses (scenario-conditions.ts): each node then carries the
 * load and has the availability of what it has left, a node down serves nothing, and the zone-lost figure
 * (a base-case figure) is not computed.
 */
export function simulate(topology: Topology, graph: TopologyGraph = buildGraph(topology), conditions?: Conditions): SimulationResult {
    const context: Context = { topology, graph, defaults: new DefaultsUsed(), notes: [] };
    const peak = systemPeak(topology);
    const load = propagateLoad(graph);
    // Shares of the requests reaching each node: the same propagation at a peak of 1.
    const shares = propagateLoad(graph, 1);
    if (peak === undefined) context.notes.push({ kind: 'no-peak' });
    else if (usablePeak(peak) === undefined) context.notes.push({ kind: 'unusable-peak', peakRps: peak });
    for (const assumption of load.assumptions) context.defaults.use(assumption);
    if (load.blocked.size > 0) context.notes.push({ kind: 'cycle-stops-load', nodes: [...load.blocked] });

    const skews = new Map<string, ShardSkew>();
    const nodes: NodeEstimate[] = [];
    const timing = new Map<string, NodeTiming | undefined>();
    const availabilities = new Map<string, NodeAvailability>();
    const overloaded: Overload[] = [];

    // Coordinators first: the availability of an arbiter feeds the failover of what it arbitrates.
    const ordered = [...topology.nodes].sort((a, b) => Number(b.kind === 'coordinator') - Number(a.kind === 'coordinator'));
    for (const node of ordered) {
        const onPath = graph.onRequestPath.has(node.name);
        const flow = load.arriving.get(node.name);
        const lostHere: Lost = conditions?.lost.get(node.name) ?? 0;
        const down = lostHere === 'all';
        const lost = down ? 0 : lostHere;
        // The share of requests reaching it: only request paths carry requests (a consumer carries the enqueue rate).
        const shareFlow = onPath ? shares.arriving.get(node.name) : undefined;
        const requestShare = shareFlow ? Math.min(1, total(shareFlow)) : null;
        const skew = shardSkew(node, keyPopularityAt(graph, node.name));
        skews.set(node.name, skew);
        const estimate: NodeEstimate = {
            name: node.name,
            kind: node.kind,
            instances: { min: node.instances.min, max: node.instances.max },
            loadRps: reportedLoadRps(flow),
            loadByClass: flow ? { reads: round(flow.reads, 3), writes: round(flow.writes, 3) } : null,
            capacityRps: null,
            utilization: null,
            utilizationOneLost: null,
            latencyMs: null,
            availability: null,
            shardSkew: node.shards && node.shards.count > 1 ? round(Math.max(skew.reads, skew.writes), 4) : null,
            explanation: {},
            requestShare: requestShare === null ? null : round(requestShare, 6),
            queued: null
        };

        if (flow && !down) {
            const { member, rho } = busiestMember(node, flow, skew, lost);
            if (rho !== undefined) {
                // Infinity when no member is left to serve (`multi_master { replicas 0 }`): null, as in the JSON.
                estimate.utilization = reportedUtilization(rho);
                estimate.capacityRps = rho > 0 ? round(total(flow) / rho, 1) : round(servingInstances(node) * node.capacityPerInstanceRps!, 1);
                const oneLost = memberLoad(node, flow, skew, 1);
                estimate.utilizationOneLost = finiteOrNull(utilization(oneLost, node.capacityPerInstanceRps), 4);
                // ρ = busiest member's load / what one member sustains (tier-load.ts).
                estimate.explanation.load = {
                    formula: 'busiest-member',
                    inputs: [
                        { name: 'busiestRps', value: member.busiestRps, from: DERIVED },
                        { name: 'members', value: member.members, from: DERIVED },
                        { name: 'capacityPerInstanceRps', value: node.capacityPerInstanceRps!, from: DECLARED(node.props.capacity) }
                    ],
                    result: estimate.utilization
                };
            } else if (onPath && !isWholeService(node)) {
                // A managed dns or cdn scales with the provider: no capacity of its own to miss.
                context.notes.push(node.capacityPerInstanceRps === undefined
                    ? { kind: 'no-capacity', node: node.name, serviceTimeOnly: usableLatencyMs(node.latencyMs) !== undefined }
                    : { kind: 'unusable-capacity', node: node.name, capacityRps: node.capacityPerInstanceRps });
            }
            const capacityPerInstanceRps = usableCapacityRps(node.capacityPerInstanceRps);
            const latencyMs = usableLatencyMs(node.latencyMs);
            if (node.latencyMs !== undefined && latencyMs === undefined && onPath) {
                context.notes.push({ kind: 'unusable-latency', node: node.name, latencyMs: node.latencyMs });
            }
            const queue = capacityPerInstanceRps !== undefined && latencyMs !== undefined
                ? queueFor(lost > 0 ? withoutLost(node, lost) : node, flow, member.busiestRps, capacityPerInstanceRps, latencyMs, graph, context.defaults) : undefined;
            if (queue === TOO_LARGE) {
                context.notes.push({ kind: 'queue-too-large', node: node.name });
                // Unknown, so the end-to-end latency through it is unknown too (null).
                timing.set(node.name, { serviceMs: latencyMs!, pWait: 1, thetaPerMs: 0, meanResponseMs: Infinity });
            } else if (queue) {
                estimate.latencyMs = reportedQueueLatency(queue);
                // M/M/c (queueing.ts); unstable when arrivals exceed what the workers serve.
                // Named as computed: one pooled M/M/c, an M/M/c per instance, or that with Allen–Cunneen's correction.
                const formula = queue.approximation === 'allen-cunneen' ? 'allen-cunneen' : queue.queues > 1 ? 'mm-c-per-instance' : 'mm-c';
                estimate.explanation.latency = queue.stable
                    ? {
                        formula,
                        inputs: [
                            { name: 'workers', value: queue.serversPerQueue, from: DERIVED },
                            { name: 'serviceMs', value: queue.serviceMs, from: DERIVED },
                            { name: 'queues', value: queue.queues, from: DERIVED },
                            { name: 'pWait', value: queue.pWait, from: DERIVED }
                        ],
                        result: estimate.latencyMs?.mean ?? null
                    }
                    : { formula: 'unbounded-queue', inputs: [{ name: 'workers', value: queue.servers, from: DERIVED }], result: null };
                const serviceMs = queue.serviceMs;
                // θ of the queue a request joins (one instance's queue in a split tier), from queueing.ts;
                // a replicated database's visits meet the queue of the member they go to (replicated-timing.ts).
                const replicated = queue.stable && total(flow) > 0
                    ? replicatedTiming(node, busiestGroup(node, flow, skew), flow.reads / total(flow), capacityPerInstanceRps!, latencyMs!) : undefined;
                timing.set(node.name, replicated ?? (queue.stable
                    ? { serviceMs, pWait: queue.pWait, thetaPerMs: queue.waitRatePerMs, meanResponseMs: queue.meanResponseMs }
                    : { serviceMs, pWait: 1, thetaPerMs: 0, meanResponseMs: Infinity }));
            } else if (latencyMs !== undefined) {
                // No capacity: the service time alone, without queueing.
                estimate.latencyMs = serviceTimeLatency(latencyMs);
                // Exponential service time alone: p99 = S·ln 100.
                estimate.explanation.latency = {
                    formula: 'service-time',
                    inputs: [{ name: 'capacity', value: node.capacityPerInstanceRps === undefined ? 'missing' : 'unusable', from: DERIVED }],
                    result: latencyMs
                };
                timing.set(node.name, { serviceMs: latencyMs, pWait: 0, thetaPerMs: 0, meanResponseMs: latencyMs });
            }
        }

        if (onPath || graph.onAsyncPath.has(node.name) || node.kind === 'coordinator') {
            if (node.availability === undefined) {
                context.defaults.use(isWholeService(node)
                    ? { input: node.kind === 'external' ? 'external-availability' : 'managed-availability', availability: wholeServiceDefault(node), nodes: [] }
                    : { input: 'instance-availability', availability: DEFAULT_INSTANCE_AVAILABILITY, nodes: [] }, node.name);
            }
            const arbiter = node.replication?.failover.arbiter;
            const computed: NodeAvailability = down
                ? { availability: 0, reads: 0, writes: 0, explanation: { formula: 'none-left', inputs: [], result: 0 } }
                : nodeAvailability(node, { graph, load: flow, lost: lost > 0 ? lost : undefined, arbiterAvailability: arbiter ? availabilities.get(arbiter)?.writes : undefined });
            const result = conditions ? everyOneLeftNeeded(node, computed) : computed;
            // Every failover rests on the time between failures: replicated primaries, and active_passive tiers (node-availability.ts).
            const failsOver = node.replication
                ? node.replication.topology !== 'multi_master'
                : node.instances.mode === 'active_passive' && node.instances.max > 1;
            if (failsOver) context.defaults.use({ input: 'mtbf', minutes: DEFAULT_MTBF_MINUTES, nodes: [] }, node.name);
            availabilities.set(node.name, result);
            estimate.availability = round(result.availability, 8);
            estimate.explanation.availability = result.explanation;
        }
        if (graph.onAsyncPath.has(node.name)) estimate.queued = queuedWork(node, estimate);
        if (estimate.utilization !== null && estimate.utilization >= 1 && flow) {
            overloaded.push({ node: node.name, utilization: estimate.utilization, unservedShare: round(1 - 1 / estimate.utilization, 4) });
            if (onPath) context.notes.push({ kind: 'overloaded', node: node.name, utilization: estimate.utilization });
        }
        nodes.push(estimate);
    }
    // Back to declaration order.
    const position = new Map(topology.nodes.map((node, i) => [node.name, i]));
    nodes.sort((a, b) => position.get(a.name)! - position.get(b.name)!);

    const paths = requestPaths(graph, load.blocked);
    const upOf = (name: string): NodeUp => availabilities.get(name) ?? ALWAYS_UP;
    const ungated = (name: string): NodeUp => {
        const lostThere = conditions?.lost.get(name) ?? 0;
        if (lostThere === 'all') return { reads: 0, writes: 0 };
        return nodeAvailability(graph.node(name)!, { graph, load: load.arriving.get(name), lost: lostThere > 0 ? lostThere : undefined, arbiterAvailability: 1 });
    };
    // The system's availability is the costly part (served-share.ts); the panel's peak grid asks without it.
    const system = paths.entries.length > 0 && !conditions?.withoutSystemAvailability ? systemServed(topology, paths, availabilities, ungated) : undefined;
    const byNode = system ? [...servedLostByNode(paths, upOf)]
        .map(([name, lost]) => ({ node: name, downtimeMinutesPerYear: round(lost * MINUTES_PER_YEAR, 2) }))
        .filter(entry => entry.downtimeMinutesPerYear > 0)
        .sort((a, b) => b.downtimeMinutesPerYear - a.downtimeMinutesPerYear || position.get(a.node)! - position.get(b.node)!) : [];
    const systemAvailability = system?.served;
    overloaded.sort((a, b) => position.get(a.node)! - position.get(b.node)!);
    const overloadedNow = new Map(nodes.filter(node => node.utilization !== null && node.utilization > 1).map(node => [node.name, node.utilization!]));
    const letThrough = overloadServed(graph, paths, shares, overloadedNow);
    const latencyMs = systemLatency(topology, graph, shares.arriving, timing);
    if (latencyMs) {
        // A hop without `latency` counts 0 ms (ESTIMATES.md, details): say which, once.
        const silent = topology.nodes.filter(node => graph.onRequestPath.has(node.name) && total(shares.arriving.get(node.name) ?? { reads: 0, writes: 0 }) > 0
            && usableLatencyMs(node.latencyMs) === undefined).map(node => node.name);
        if (silent.length > 0) context.notes.push({ kind: 'no-latency', nodes: silent });
    }

    return {
        system: topology.name,
        defaults: context.defaults.list(),
        notes: context.notes,
        nodes,
        availability: {
            system: finiteOrNull(systemAvailability, 8),
            nines: finiteOrNull(systemAvailability === undefined ? undefined : nines(systemAvailability), 2),
            downtimeMinutesPerYear: finiteOrNull(systemAvailability === undefined ? undefined : downtimeMinutesPerYear(systemAvailability), 1),
            zoneLost: conditions ? null : worstZoneLoss(topology, graph, load.arriving, paths, availabilities),
            method: system?.method ?? 'exact',
            standardError: system && system.method === 'monte-carlo' ? round(system.standardError, 10) : null,
            byNode
        },
        overloaded,
        requestsServed: finiteOrNull(systemAvailability === undefined ? undefined : systemAvailability * letThrough.served, 8),
        overloadServed: { served: round(letThrough.served, 8), byTier: letThrough.byTier.map(tier => ({ ...tier, unserved: round(tier.unserved, 6), shed: round(tier.shed, 6), utilization: round(tier.utilization, 4) })) },
        latencyMs,
        staleness: staleness(topology, load.arriving, context),
        shards: shardSummaries(graph, skews),
        breakingPoint: breakingPoint(nodes)
    };
}

/**
 * During a scenario, a tier whose instances left cannot carry its load still serves what they can: its
 * figures are taken with the instances left (`withoutLost`), so the overload's share 1 − 1/ρ is counted
 * apart (`overloaded`, and the availability target: targets.ts), and as a failure figure it serves the
 * mean share of those left that is up, a. "Nothing served" (the zone-lost figure's reading) would report
 * a tier at 125% as serving 0% of requests; a × left / full would count the lost instances twice.
 */
function everyOneLeftNeeded(node: TopologyNode, computed: NodeAvailability): NodeAvailability {
    const formula = computed.explanation.formula;
    if (formula !== 'too-few-left' && formula !== 'overloaded') return computed;
    const left = Number(computed.explanation.inputs.find(input => input.name === 'n')?.value ?? 0);
    const a = node.availability ?? DEFAULT_INSTANCE_AVAILABILITY;
    const value = left > 0 ? a : 0;
    return {
        availability: value, reads: value, writes: value, any: left > 0 ? 1 - Math.pow(1 - a, left) : 0,
        explanation: {
            formula: 'overloaded',
            inputs: [{ name: 'n', value: left, from: DERIVED }, { name: 'full', value: left, from: DERIVED }, { name: 'a', value: a, from: node.availability !== undefined ? DECLARED(node.props.availability) : DEFAULT }],
            result: value
        }
    };
}

/** The node as it stands with `lost` of its instances gone (for its queue: the ones left share the load). */
function withoutLost(node: TopologyNode, lost: number): TopologyNode {
    const max = Math.max(1, node.instances.max - lost);
    return { ...node, instances: { ...node.instances, max, min: Math.min(node.instances.min, max) } };
}

/** 1 / the highest utilization of a tier with load, and that tier (declaration order breaks ties). */
function breakingPoint(nodes: readonly NodeEstimate[]): SimulationResult['breakingPoint'] {
    let busiest: NodeEstimate | undefined;
    for (const node of nodes) {
        if (node.utilization === null || node.utilization <= 0 || !node.loadRps) continue;
        if (!busiest || node.utilization > busiest.utilization!) busiest = node;
    }
    return busiest ? { factor: round(1 / busiest.utilization!, 4), bottleneck: busiest.name } : null;
}

const ALWAYS_UP: NodeUp = { reads: 1, writes: 1 };

/**
 * A consumer's own figures: overloaded (ρ ≥ 1), its backlog grows by λ − μ = λ(1 − 1/ρ) per second and never
 * drains; otherwise the work of one mean outage (an instance's, MTBF × (1 − a)/a: ESTIMATES.md, "Defaults"),
 * λ × T, drains at μ − λ in λT / (μ − λ).
 */
function queuedWork(node: TopologyNode, estimate: NodeEstimate): NodeEstimate['queued'] {
    const a = node.availability ?? DEFAULT_INSTANCE_AVAILABILITY;
    const outageMinutes = a > 0 && a < 1 ? DEFAULT_MTBF_MINUTES * (1 - a) / a : 0;
    const rho = estimate.utilization;
    const load = estimate.loadRps;
    if (rho === null || load === null) return { backlogGrowthRps: null, drainMinutesAfterOutage: null, outageMinutes: round(outageMinutes, 1) };
    if (rho >= 1) return { backlogGrowthRps: round(load * (1 - 1 / rho), 3), drainMinutesAfterOutage: null, outageMinutes: round(outageMinutes, 1) };
    // λT / (μ − λ) with μ = λ / ρ: T × ρ / (1 − ρ).
    return { backlogGrowthRps: 0, drainMinutesAfterOutage: round(outageMinutes * rho / (1 - rho), 2), outageMinutes: round(outageMinutes, 1) };
}

/**
 * The share of requests served with the nodes' `figures`, conditioned on the arbiter groups that gate the
 * writes of several nodes on the paths (arbiter-gates.ts); `ungated` gives such a node's figure without its group.
 */
function systemServed(
    topology: Topology, paths: RequestPaths, figures: ReadonlyMap<string, NodeUp>, ungated: (name: string) => NodeUp
): ServedShare {
    const gates = arbiterGates(topology, new Set(paths.order), name => figures.get(name)?.writes);
    const withoutGate = new Map(gates.flatMap(gate => gate.gated).map(name => [name, ungated(name)]));
    return servedShare(paths, name => withoutGate.get(name) ?? figures.get(name) ?? ALWAYS_UP, { gates });
}

/**
 * A zone's loss takes the instances (or copies) in it, spread over each node's zones in declaration order,
 * ⌈n/m⌉ in the first ones, so every tier in the zone loses them at once; a node that declares no zone, in a
 * system that declares some, is lost with any zone, except a managed dns or cdn (the provider's). An
 * autoscaled tier with another zone regrows there. The worst zone is the one whose loss serves the fewest requests.
 */
function worstZoneLoss(
    topology: Topology, graph: TopologyGraph, arriving: ReadonlyMap<string, Flow>,
    paths: RequestPaths, healthy: ReadonlyMap<string, NodeAvailability>
): ZoneLoss | null {
    if (topology.zones.length < 2 || paths.entries.length === 0) return null;
    let worst: ZoneLoss | null = null;
    // Coordinators first, sorted once for all zones: an arbiter group's quorum feeds what it arbitrates.
    const ordered = [...topology.nodes].sort((a, b) => Number(b.kind === 'coordinator') - Number(a.kind === 'coordinator'));
    const zoneNames = topology.zones.map(z => z.name);
    for (const zone of topology.zones) {
        const down: string[] = [];
        const overloaded: string[] = [];
        const lostAvailability = new Map<string, NodeUp>();
        for (const node of ordered) {
            const before = healthy.get(node.name);
            if (!before) continue;
            const lost = lostInZones(node, [zone.name], zoneNames);
            if (lost === 0) {
                lostAvailability.set(node.name, before);
                continue;
            }
            if (lost === 'all') {
                down.push(node.name);
                lostAvailability.set(node.name, { reads: 0, writes: 0 });
                continue;
            }
            const arbiter = node.replication?.failover.arbiter;
            const after = nodeAvailability(node, {
                graph, load: arriving.get(node.name), lost, arbiterAvailability: arbiter ? lostAvailability.get(arbiter)?.writes : undefined
            });
            if (after.explanation.formula === 'overloaded' || after.explanation.formula === 'too-few-left') overloaded.push(node.name);
            lostAvailability.set(node.name, after);
        }
        const system = systemServed(topology, paths, lostAvailability, name => {
            const node = graph.node(name)!;
            const lost = lostInZones(node, [zone.name], zoneNames);
            if (lost === 'all') return { reads: 0, writes: 0 };
            return nodeAvailability(node, { graph, load: arriving.get(name), lost: lost === 0 ? undefined : lost, arbiterAvailability: 1 });
        }).served;
        if (!worst || system < worst.system) {
            worst = {
                zone: zone.name, system: round(system, 8), nines: round(nines(system), 2),
                downtimeMinutesPerYear: round(downtimeMinutesPerYear(system), 1), down, overloaded
            };
        }
    }
    return worst;
}

function systemLatency(
    topology: Topology, graph: TopologyGraph, shares: ReadonlyMap<string, Flow>, timing: ReadonlyMap<string, NodeTiming | undefined>
): { mean: number; p99: number } | null {
    if (timing.size === 0) return null;
    const hops = new Map<string, Hop[]>();
    const add = (from: string, hop: Hop): void => {
        if (!shares.has(from) || !shares.has(hop.to)) return;
        const list = hops.get(from) ?? [];
        list.push(hop);
        hops.set(from, list);
    };
    // The edges out of each node, in source order, indexed once: filtering all edges per node was
    // quadratic (a 1,000-node model's simulate went from ~31 ms to ~26 ms; `npm run bench -- simulate` times it).
    const edgesFrom = new Map<string, Edge[]>();
    for (const edge of topology.edges) {
        const list = edgesFrom.get(edge.from);
        if (list) list.push(edge);
        else edgesFrom.set(edge.from, [edge]);
    }
    for (const node of topology.nodes) {
        const here = shares.get(node.name);
        // A request ends at a queue: what the queue feeds is not part of its latency.
        if (!here || total(here) === 0 || graph.isAsyncSource(node.name) || !graph.onRequestPath.has(node.name)) continue;
        // A cache calls on only for what it passes on within the request (misses, and writes unless it is
        // `behind`); an edge of one class only for that class: the chance a request here takes the edge,
        // over the mix of requests that reach the node.
        const passes = passedOnInRequest(node, here);
        for (const edge of edgesFrom.get(node.name) ?? []) {
            // A dns's targets of one kind are alternatives: one answer per request (routedShare).
            const choice = node.kind === 'dns' ? graph.node(edge.to)?.kind : undefined;
            const taken = edgeTaken(graph, edge);
            const probability = (passes.reads * taken.reads + passes.writes * taken.writes) / total(here);
            const parallel = callsPerTake(graph, edge);
            add(node.name, { to: edge.to, probability, ...(choice ? { choice } : {}), ...(parallel > 1 ? { parallel } : {}) });
        }
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        if (store) add(node.name, { to: store, probability: 1 });
    }
    // Topological order of the nodes with load (callers first).
    const order: string[] = [];
    const seen = new Set<string>();
    // Post-order pushed, then reversed: the same order as prepending each name, without the
    // quadratic cost of `unshift` on a long array.
    const visit = (name: string): void => {
        if (seen.has(name)) return;
        seen.add(name);
        for (const hop of hops.get(name) ?? []) visit(hop.to);
        order.push(name);
    };
    // With clients, each is a root that makes its own calls (not an entry node of its own): a request comes
    // from one client, with that client's weight.
    const roots = topology.clients.length > 0
        ? clientSources(topology, 1).map(source => {
            const root = `\u0000client ${source.client.name}`;
            hops.set(root, source.client.edges.filter(edge => shares.has(edge.to)).map(edge => {
                const taken = edgeTaken(graph, edge);
                const parallel = callsPerTake(graph, edge);
                const probability = source.readShare * taken.reads + (1 - source.readShare) * taken.writes;
                return { to: edge.to, probability, ...(parallel > 1 ? { parallel } : {}) };
            }));
            return { name: root, share: source.peakRps };
        })
        : graph.entries.filter(e => shares.has(e)).map(name => ({ name, share: total(shares.get(name)!) }));
    for (const root of roots) visit(root.name);
    order.reverse();
    const entries = roots;
    const result = endToEndLatency(entries, hops, timing, order);
    return result ? { mean: round(result.meanMs, 2), p99: round(result.p99Ms, 2) } : null;
}

/**
 * Stale reads after one's own write (P = f_replica · m / (m + Z), a share of reads right after the user's
 * own write, never of all traffic), the conflict window over the keys' popularity, and the data a failover
 * loses (ESTIMATES.md, "Replication lag"). The lag defaults to 100 ms.
 */
function staleness(topology: Topology, arriving: ReadonlyMap<string, Flow>, context: Context): Staleness[] {
    return topology.nodes
        .filter(node => node.replication && node.replication.topology !== 'multi_master' && node.replication.replicas >= 1)
        .map(node => {
            const replication = node.replication!;
            const async = replication.mode === 'async';
            if (async && replication.lagMs === undefined) context.defaults.use({ input: 'replication-lag', lagMs: DEFAULT_LAG_MS, nodes: [] }, node.name);
            const lagMs = async ? replication.lagMs ?? DEFAULT_LAG_MS : 0;
            // Replicas serve the reads of primary_replica; primary_backup keeps them on the primary.
            const fReplica = replication.topology === 'primary_replica' ? 1 : 0;
            // Each reader's own think time: P mixes the clients whose reads reach the database (client-mix.ts).
            const thinking = async ? thinkTimesAt(context.graph, node.name) : undefined;
            const afterWrite = !async ? 0 : thinking?.reduce((sum, { thinkMs, weight }) => sum + weight * staleReadAfterWrite(fReplica, lagMs, thinkMs), 0);
            if (afterWrite === undefined && fReplica > 0) context.notes.push({ kind: 'stale-needs-lag-and-think', node: node.name });
            const writes = arriving.get(node.name)?.writes;
            // The writers' keys, mixed by each client's write rate (ESTIMATES.md, details table).
            const keys = async && fReplica > 0 && writes !== undefined ? keyPopularityAt(context.graph, node.name, 'writes') : undefined;
            const window = keys && writes !== undefined ? conflictWindowOver(writes, lagMs, keys) : async ? undefined : 0;
            return {
                node: node.name,
                database: node.name,
                staleReadAfterWrite: finiteOrNull(afterWrite, 6),
                conflictWindow: finiteOrNull(window, 8),
                // One failover is one shard group's (data-loss.ts): λ_w / groups × m.
                dataLossSeconds: round(lagMs / 1000, 4),
                dataLossWrites: finiteOrNull(failoverDataLoss(node, writes)?.writesLost ?? (async ? undefined : 0), 2)
            };
        });
}

function shardSummaries(graph: TopologyGraph, skews: ReadonlyMap<string, ShardSkew>): SimulationResult['shards'] {
    const topology = graph.topology;
    return topology.nodes.filter(node => node.shards && node.shards.count > 1).flatMap(node => {
        const shards = node.shards!;
        const tables = shardedTables(node);
        const skew = skews.get(node.name)!;
        const keys = keyPopularityAt(graph, node.name);
        const topKey = keys ? keyShare(keys, 1) : null;
        const row = (table: Table | null): ShardSummary => {
            // Key popularity sets the skew, except where a growing range/date key puts every insert on one shard,
            // and a key with fewer values than shards fills only that many (busiest/mean ≥ N / values).
            const popularity = table && isMonotonicPlacement(shards, table) ? monotonicBusiestOverMean(shards.count) : skew.reads;
            const values = table ? shardKeyValues(table) : Infinity;
            const fewValues = values < shards.count ? shards.count / values : 1;
            return {
                database: node.name,
                node: node.name,
                table: table?.name ?? null,
                strategy: shards.strategy,
                shards: shards.count,
                busiestOverMean: round(Math.max(popularity, fewValues), 4),
                topKeyShare: topKey === null ? null : round(topKey, 6),
                reshardMovedShare: round(reshardMovedShare(shards.strategy, shards.count), 4)
            };
        };
        return tables.length > 0 ? tables.map(row) : [row(null)];
    });
}

