/**
 * Holding the estimates to the cross-check: figure by figure, whether the closed forms' number lies
 * within the simulation's own error of the simulated one (docs/crosscheck.md, "Agreement"). The
 * estimates come in as plain numbers (`EstimateFigures`, which the estimates' result satisfies as it
 * is): this file reads no estimate code, so the two stay independent.
 *
 * A figure agrees when |estimate − simulated| ≤ 4 × error + tolerance (4 on the scale of Student's t
 * for an error estimated from batches: `sigmasFor`), with
 * - error: the simulated figure's standard error; for an availability, the error of a rare event
 *   (below);
 * - tolerance: where the estimates are a stated approximation of what the simulation models
 *   exactly, the approximation's known gap (Allen–Cunneen for round robin, the failover formula);
 *   where the run is too short to see a rare part of a figure, that part (every copy of a failover
 *   down at once); plus half a unit of the last digit the estimates round to.
 * A figure is not compared (agrees null) when one side has none, when the two do not measure the
 * same thing (the `note` says what), or when the run saw too few outages to say.
 */
import type { Topology, TopologyNode } from '../model/topology.js';
import type { CrossCheckNode, CrossCheckResult, Estimate } from './cross-check.js';
import { SIM_DEFAULTS, YEAR_MS } from './defaults.js';
import { studentT } from './statistics.js';

/**
 * Standard errors a figure may be off by sampling alone: 4, one chance in 16,000 of a false alarm for
 * a normal. A standard error estimated from B batches is itself uncertain, and the difference over it
 * follows Student's t with B − 1 degrees of freedom: held at the same level, that is 5.1 standard
 * errors for the request simulation's 20 batches and 4.5 for the failure simulation's 40
 * (`sigmasFor`).
 */
export const AGREEMENT_SIGMAS = 4;

/** AGREEMENT_SIGMAS on the scale of the figure's own degrees of freedom (Student's t at the normal's 4σ level). */
export function sigmasFor(estimate: Estimate): number {
    return estimate.degrees !== undefined && estimate.degrees >= 1 ? studentT(AGREEMENT_SIGMAS, estimate.degrees) : AGREEMENT_SIGMAS;
}

/** The estimates' figures the cross-check holds to its own (the estimates' result has this shape). */
export interface EstimateFigures {
    nodes: readonly {
        name: string;
        loadRps: number | null;
        utilization: number | null;
        latencyMs: { mean: number; p99: number } | null;
        availability: number | null;
        shardSkew: number | null;
        requestShare: number | null;
    }[];
    availability: { system: number | null; zoneLost: { zone: string; system: number } | null };
    latencyMs: { mean: number; p99: number } | null;
}

export interface FigureAgreement {
    estimate: number | null;
    /** The simulated figure (multiplied by the shard skew for a sharded node's utilization: `note` says so). */
    simulated: Estimate | null;
    /** The simulation's error the comparison uses: its standard error, or a rare event's (see `availabilityAgreement`). */
    error: number | null;
    /** Known approximation of the estimates, and their rounding, allowed on top of the error. */
    tolerance: number;
    /** sigmasFor(simulated) × error + tolerance. */
    allowed: number | null;
    /** null: not compared (`note` says why). */
    agrees: boolean | null;
    note?: string;
}

export interface NodeAgreement {
    name: string;
    kind: string;
    load: FigureAgreement;
    utilization: FigureAgreement;
    latencyMean: FigureAgreement;
    latencyP99: FigureAgreement;
    availability: FigureAgreement;
}

export interface Agreement {
    nodes: NodeAgreement[];
    system: FigureAgreement;
    zoneLost: FigureAgreement & {
        estimateZone: string | null;
        simulatedZone: string | null;
        /** The same zone, or the estimate's zone serves, in the simulation, within error of the worst. */
        zoneAgrees: boolean | null;
    };
    latencyMean: FigureAgreement;
    latencyP99: FigureAgreement;
}

/** Half a unit of the last digit each figure of the estimates is rounded to (estimates/simulate.ts). */
export const ESTIMATE_ROUNDING = { loadRps: 5e-4, utilization: 5e-5, latencyMs: 5e-3, availability: 5e-9 } as const;

/**
 * The estimates' end-to-end p99 is a seeded Monte Carlo of 10,000 requests: the 99th of 10,000 draws
 * of a tail about exponential (scale τ ≤ p99 / ln 100) is off by about τ·√(0.99 / (0.01 · 10,000)),
 * 2.2% of the p99; four of those are allowed.
 */
export const END_TO_END_P99_MONTE_CARLO = 4 * 0.022;

/**
 * Round robin: the estimates' Allen–Cunneen wait (c_a² = 1/n) is an approximation whose error the spec
 * does not bound; the simulation hands arrivals out in turn, as round robin does. Measured (n = 2..5
 * instances, k = 1..4 workers, ρ = 0.3..0.9), real round robin waits between 0.14 and 0.98 of the
 * approximation on average, never more than a random split (which is 2n / (n + 1) times it): the whole
 * estimated mean wait is allowed. The waiting part of the p99 (p99 − S·ln 100) came within 0.67..1.08
 * of the approximation's wherever it was more than noise: 35% of it is allowed.
 */
export const ROUND_ROBIN_P99_SHARE = 0.35;

export function figureAgreement(estimate: number | null | undefined, simulated: Estimate | null | undefined, tolerance = 0, note?: string): FigureAgreement {
    const est = estimate ?? null;
    const sim = simulated ?? null;
    if (est === null || sim === null || !Number.isFinite(sim.value)) {
        return { estimate: est, simulated: sim, error: null, tolerance, allowed: null, agrees: null, note: note ?? (est === null ? 'no estimate' : 'not simulated') };
    }
    // A figure without a finite error (one batch, or a p99 from too few samples to bound it) says nothing about the estimate.
    if (!Number.isFinite(sim.standardError)) return { estimate: est, simulated: sim, error: null, tolerance, allowed: null, agrees: null, note: note ?? 'too few samples for an error' };
    const error = sim.standardError;
    const allowed = sigmasFor(sim) * error + tolerance;
    return { estimate: est, simulated: sim, error, tolerance, allowed, agrees: Math.abs(est - sim.value) <= allowed, ...(note ? { note } : {}) };
}

/**
 * An availability's agreement. Its error comes from the outages the run saw: the unavailability
 * U = 1 − A is a sum over them, so its relative error is at least 1/√N for N outages, whatever the
 * batches say (with few outages most batches see none and their spread understates the error). The
 * relative error, the batches' or 1/√N, whichever is larger, is applied to the larger of the two
 * unavailabilities: the error the simulation would have if the estimate were right. The count itself
 * is held to the estimate too: an unavailability U means at least U × years / the bound on an
 * outage's mean length of them in the run; with that at 10 or more, a count below a quarter of it
 * (overlapping failures make longer outages than the bound, so fewer of them) and 4 of its standard
 * deviations below it disagrees (the relative error alone would let an estimate 100 times too
 * pessimistic pass against a run that saw 2 outages). With no outage seen, the figure is 1 ± 0 and says only that
 * the run was short for it: it disagrees when the estimate means 10 outages or more (Poisson(10) gives
 * none once in 22,000 runs), and is not compared otherwise.
 */
export function availabilityAgreement(
    estimate: number | null | undefined,
    simulated: Estimate | null | undefined,
    run: { outages: number | null; years: number; outageBoundMs: number | null; lossFloor?: number },
    tolerance = 0
): FigureAgreement {
    const plain = figureAgreement(estimate, simulated, tolerance);
    if (plain.agrees === null || run.outages === null) return plain;
    const unavailableSim = Math.max(0, 1 - plain.simulated!.value);
    const unavailableEst = Math.max(0, 1 - plain.estimate!);
    // Outages the estimate means in this run, at least: each lasts at most the bound on average.
    const bound = run.outageBoundMs ?? 0;
    // Above the floor: what nodes held down for the whole run cost is one loss that never ends, not outages.
    const expected = bound > 0 ? (Math.max(0, unavailableEst - (run.lossFloor ?? 0) - tolerance) * run.years * YEAR_MS) / bound : 0;
    if (run.outages === 0) {
        if (unavailableEst <= tolerance) return { ...plain, error: 0, allowed: tolerance, agrees: true };
        // Down the whole run (held down by a scenario), as the estimate says: one outage that never ends.
        if (plain.simulated!.value === 0 && plain.estimate === 0) return { ...plain, error: 0, allowed: tolerance, agrees: true, note: 'down the whole run' };
        if (expected >= 10) return { ...plain, error: 0, allowed: tolerance, agrees: false, note: `no outage seen where the estimate means ${formatWhole(expected)} or more` };
        return { ...plain, error: null, allowed: null, agrees: null, note: 'no outage seen: too rare for this run' };
    }
    // Far fewer outages than the estimate means: below a quarter of the least it means (overlapping failures merge
    // into longer outages than the bound, so the count can fall short of it: 5% short for the example's web, 20
    // instances of 99.5%), and 4 standard deviations of a Poisson count below it.
    if (expected >= 10 && run.outages < expected / 4 && run.outages + 0.5 < expected - AGREEMENT_SIGMAS * Math.sqrt(expected)) {
        return { ...plain, error: plain.error, allowed: tolerance, agrees: false, note: `${run.outages} outages seen where the estimate means ${formatWhole(expected)} or more` };
    }
    // The outages' part only: above the floor that nodes held down for the whole run cost.
    const floor = run.lossFloor ?? 0;
    const aboveSim = Math.max(0, unavailableSim - floor), aboveEst = Math.max(0, unavailableEst - floor);
    const relative = Math.max(aboveSim > 0 ? plain.error! / aboveSim : 0, 1 / Math.sqrt(run.outages));
    const error = Math.max(plain.error!, relative * Math.max(aboveSim, aboveEst));
    const allowed = sigmasFor(plain.simulated!) * error + tolerance;
    return { ...plain, error, allowed, agrees: Math.abs(plain.estimate! - plain.simulated!.value) <= allowed };
}

/** A count in a note, as a whole number (this file turns no other number into text). */
function formatWhole(value: number): string {
    return Number.isFinite(value) ? String(Math.floor(value)) : 'any number';
}

export function agreement(topology: Topology, estimates: EstimateFigures, simulated: CrossCheckResult): Agreement {
    const byName = new Map(estimates.nodes.map(node => [node.name, node]));
    const peak = topology.traffic?.peakRps;
    const years = simulated.failureRun?.years ?? 0;
    const seconds = simulated.requestRun?.simulatedSeconds ?? 0;
    const gaps = new Map<string, number>();
    const batched = batchedQueues(topology);

    const nodes = simulated.nodes.map((sim, index): NodeAgreement => {
        const node = topology.nodes[index];
        const est = byName.get(sim.name);
        const gap = failoverGap(node) + unseenAllCopiesDown(node, years);
        gaps.set(node.name, gap);
        return {
            name: sim.name,
            kind: sim.kind,
            load: countAgreement(figureAgreement(est?.loadRps, sim.loadRps, ESTIMATE_ROUNDING.loadRps), est?.loadRps ?? null, seconds, 1),
            utilization: countAgreement(utilizationAgreement(node, est?.utilization, est?.shardSkew ?? null, sim), est?.loadRps ?? null, seconds, 2),
            latencyMean: latencyAgreement(topology, node, est?.latencyMs ?? null, sim, 'mean', batched),
            latencyP99: latencyAgreement(topology, node, est?.latencyMs ?? null, sim, 'p99', batched),
            availability: availabilityAgreement(est?.availability, sim.availability, { outages: sim.outages, years, outageBoundMs: sim.outageBoundMs }, gap + ESTIMATE_ROUNDING.availability)
        };
    });

    // The system's tolerance: each failover's gap, weighted by the share of requests that reach the node.
    const systemGap = topology.nodes.reduce((sum, node) => sum + (byName.get(node.name)?.requestShare ?? 1) * (gaps.get(node.name) ?? 0), 0);
    const run = simulated.failureRun;
    const system = availabilityAgreement(
        estimates.availability.system, simulated.availability?.system,
        { outages: run?.outageEpisodes ?? null, years, outageBoundMs: run?.outageBoundMs ?? null, lossFloor: run?.lossFloor },
        systemGap + ESTIMATE_ROUNDING.availability
    );

    const estZone = estimates.availability.zoneLost;
    const simZone = simulated.availability?.zoneLost ?? null;
    const sameZone = estZone ? simulated.availability?.byZone.find(zone => zone.zone === estZone.zone) : undefined;
    const zoneFigure = figureAgreement(estZone?.system, simZone?.system, systemGap + ESTIMATE_ROUNDING.availability + 1e-12);
    const zoneAgrees = estZone && simZone && sameZone
        ? estZone.zone === simZone.zone || sameZone.system.value - simZone.system.value <= sigmasFor(sameZone.system) * Math.hypot(sameZone.system.standardError, simZone.system.standardError) + 1e-12
        : null;

    // End to end: the round-robin tiers on the way add their allowance, weighted by their visits per request.
    let meanTolerance = ESTIMATE_ROUNDING.latencyMs, p99Tolerance = ESTIMATE_ROUNDING.latencyMs + END_TO_END_P99_MONTE_CARLO * (estimates.latencyMs?.p99 ?? 0);
    if (peak !== undefined && peak > 0) {
        simulated.nodes.forEach((sim, index) => {
            const node = topology.nodes[index];
            const est = byName.get(sim.name)?.latencyMs;
            if (!est || sim.carries === 'jobs' || sim.carries === 'none' || !isRoundRobin(topology, node)) return;
            const visits = (sim.expectedLoadRps ?? 0) / peak;
            const service = meanServiceMs(node);
            meanTolerance += visits * Math.max(0, est.mean - service);
            p99Tolerance += Math.min(1, visits) * ROUND_ROBIN_P99_SHARE * Math.max(0, est.p99 - service * Math.log(100));
        });
    }
    return {
        nodes,
        system,
        zoneLost: { ...zoneFigure, estimateZone: estZone?.zone ?? null, simulatedZone: simZone?.zone ?? null, zoneAgrees },
        latencyMean: endToEndAgreement(estimates.latencyMs?.mean, simulated.latencyMs?.mean, meanTolerance, simulated, batched),
        latencyP99: endToEndAgreement(estimates.latencyMs?.p99, simulated.latencyMs?.p99, p99Tolerance, simulated, batched)
    };
}

const BATCHED_NOTE = 'fan-out: its calls arrive several at once, where the estimate\'s queue takes them as Poisson arrivals';

/** The end-to-end figures: not compared when a request's fan-out queues its calls together somewhere (`batchedQueues`). */
function endToEndAgreement(estimate: number | null | undefined, simulated: Estimate | null | undefined, tolerance: number, result: CrossCheckResult, batched: ReadonlySet<string>): FigureAgreement {
    const onRequests = result.nodes.some(node => batched.has(node.name) && (node.carries === 'requests' || node.carries === 'both'));
    if (onRequests) return { ...figureAgreement(null, simulated ?? null), estimate: estimate ?? null, note: BATCHED_NOTE };
    return figureAgreement(estimate, simulated, tolerance);
}

/**
 * Nodes that queue (capacity and latency) and that a fan-out (`Nx`, `each`) reaches, at its callee or
 * below it (a queue's consumers too: N messages enqueued at once start N jobs): the N calls of one
 * request arrive there together (or close together), a batch, where ESTIMATES.md's M/M/c takes
 * arrivals as Poisson and the slowest of N as N independent draws. The simulation queues the batch as
 * it comes, so their latencies (and the end-to-end figures over them) differ by what the spec's
 * approximation leaves out: not compared.
 */
export function batchedQueues(topology: Topology): Set<string> {
    const byName = new Map(topology.nodes.map(node => [node.name, node]));
    const fansOut = (edge: Topology['edges'][number]): boolean => {
        const callee = byName.get(edge.to);
        if (edge.fanOut === undefined || !callee) return false;
        return edge.fanOut === 'each' ? (callee.shards && callee.shards.count > 1 ? callee.shards.count : callee.instances.max) > 1 : edge.fanOut > 1;
    };
    const reached = new Set<string>();
    const stack = [...topology.edges, ...topology.clients.flatMap(client => client.edges)].filter(fansOut).map(edge => edge.to);
    while (stack.length > 0) {
        const name = stack.pop()!;
        if (reached.has(name)) continue;
        reached.add(name);
        for (const edge of topology.edges) if (edge.from === name) stack.push(edge.to);
    }
    return new Set([...reached].filter(name => {
        const node = byName.get(name)!;
        return node.capacityPerInstanceRps !== undefined && node.capacityPerInstanceRps > 0 && (node.latencyMs ?? 0) > 0;
    }));
}

/**
 * Loads and utilizations are counts of visits (and sums of their service times) over the run: if the
 * estimate is right, a node it gives λ visits a second gets about N = λ·T of them, and the figure's
 * relative error is at least √(c / N) (c = 1 for a Poisson count, 2 for a Poisson sum of exponential
 * service times). A lightly visited node (a few visits in the run) can see none, and its batches then
 * say 0 ± 0: the error under the estimate's hypothesis is what the comparison uses there.
 */
function countAgreement(figure: FigureAgreement, estimatedRps: number | null, seconds: number, c: number): FigureAgreement {
    if (figure.agrees === null || figure.agrees || estimatedRps === null || !(estimatedRps > 0) || !(seconds > 0)) return figure;
    const expected = estimatedRps * seconds;
    const error = Math.max(figure.error!, figure.estimate! * Math.sqrt(c / expected));
    const allowed = sigmasFor(figure.simulated!) * error + figure.tolerance;
    return { ...figure, error, allowed, agrees: Math.abs(figure.estimate! - figure.simulated!.value) <= allowed };
}

/**
 * The estimates give the busiest shard group's utilization (key popularity skews it); the simulation
 * spreads keys evenly over the groups, so its figure is the mean group's: it is multiplied by the
 * estimates' busiest/mean factor before the comparison. A table whose range or date key grows
 * (auto_increment, snowflake, timestamp) puts every insert on one shard: reads and writes are then
 * skewed apart, no one factor applies, and the figure is not compared.
 */
function utilizationAgreement(node: TopologyNode, estimate: number | null | undefined, shardSkew: number | null, sim: CrossCheckNode): FigureAgreement {
    const sharded = node.shards !== undefined && node.shards.count > 1;
    if (!sharded || sim.utilization === null) return figureAgreement(estimate, sim.utilization, ESTIMATE_ROUNDING.utilization);
    if (hasGrowingShardKey(node)) return { ...figureAgreement(null, sim.utilization), estimate: estimate ?? null, note: 'inserts on one shard: reads and writes skewed apart' };
    const skew = shardSkew ?? 1;
    const scaled: Estimate = {
        value: sim.utilization.value * skew, standardError: sim.utilization.standardError * skew, low: sim.utilization.low * skew, high: sim.utilization.high * skew
    };
    return figureAgreement(estimate, scaled, ESTIMATE_ROUNDING.utilization, skew !== 1 ? `simulated × the shard skew ${round(skew)}` : undefined);
}

function latencyAgreement(topology: Topology, node: TopologyNode, estimate: { mean: number; p99: number } | null, sim: CrossCheckNode, which: 'mean' | 'p99', batched: ReadonlySet<string>): FigureAgreement {
    const simulated = sim.latencyMs?.[which] ?? null;
    if (batched.has(node.name)) return { ...figureAgreement(null, simulated), estimate: estimate?.[which] ?? null, note: BATCHED_NOTE };
    // A replicated database's estimate is the queue at its busiest member; the simulation's the mix of its visits (reads at replicas, writes at the primary).
    if (node.replication?.topology === 'primary_replica' && node.replication.replicas > 0) {
        return { ...figureAgreement(null, simulated), estimate: estimate?.[which] ?? null, note: 'the estimate is its busiest member\'s queue' };
    }
    if (node.shards && node.shards.count > 1 && (hasGrowingShardKey(node) || (topology.traffic?.keys !== undefined && topology.traffic.keys > 0))) {
        return { ...figureAgreement(null, simulated), estimate: estimate?.[which] ?? null, note: 'the estimate is its busiest shard group\'s queue' };
    }
    let tolerance = ESTIMATE_ROUNDING.latencyMs;
    let note: string | undefined;
    if (estimate && isRoundRobin(topology, node)) {
        const service = meanServiceMs(node);
        tolerance += which === 'mean' ? Math.max(0, estimate.mean - service) : ROUND_ROBIN_P99_SHARE * Math.max(0, estimate.p99 - service * Math.log(100));
        note = 'round robin: Allen–Cunneen allowed for';
    }
    return figureAgreement(estimate?.[which], simulated, tolerance, note);
}

/** A worker's mean service time as ESTIMATES.md defines it: k / C with k = max(1, ⌊C·S + 0.5⌋), or S without a capacity. */
function meanServiceMs(node: TopologyNode): number {
    const latency = node.latencyMs ?? 0, capacity = node.capacityPerInstanceRps;
    if (capacity === undefined || !(capacity > 0) || latency === 0) return latency;
    return (Math.max(1, Math.floor((capacity * latency) / 1000 + 0.5)) / capacity) * 1000;
}

/**
 * A tier whose instances take turns (round_robin, and weighted with its equal weights), by the first
 * balancer in front, as the simulation assigns them: the one place the estimates use Allen–Cunneen.
 */
function isRoundRobin(topology: Topology, node: TopologyNode): boolean {
    if (node.replication || node.instances.mode === 'active_passive' || node.instances.max <= 1) return false;
    const balancer = topology.nodes.find(other => other.kind === 'balancer' && topology.edges.some(edge => edge.from === other.name && edge.to === node.name));
    if (!balancer) return false;
    const algorithm = balancer.algorithm ?? 'round_robin';
    return algorithm === 'round_robin' || algorithm === 'weighted';
}

/**
 * ESTIMATES.md's failover: unavailability ≈ (1/MTBF) × promotion time P, plus the chance every copy is
 * down. What the simulation models exactly differs from it by three known amounts, all allowed:
 * - a failed primary back before the promotion is done resumes: a failure costs R(1 − e^(−P/R)),
 *   R the mean repair, not P (6.6% less for 99.5% and a 30-minute manual promotion);
 * - a failure while the other copies are down is an outage of every copy, which the second term
 *   already counts: (P/MTBF) × (1 − a)^(copies − 1) is counted twice;
 * - with `mode sync` and two copies, a write needs both: the promotion window is inside "fewer than
 *   two up", counted twice too: P/MTBF.
 * 0 for a node with no failover.
 */
export function failoverGap(node: TopologyNode): number {
    const replication = node.replication;
    let promotionMs: number, copies: number, sync = false;
    if (replication && replication.topology !== 'multi_master') {
        promotionMs = SIM_DEFAULTS.promotionMs[replication.failover.method];
        copies = 1 + replication.replicas;
        sync = replication.mode === 'sync';
    } else if (!replication && node.instances.mode === 'active_passive' && node.instances.max > 1) {
        promotionMs = SIM_DEFAULTS.activePassivePromotionMs;
        copies = node.instances.max;
    } else {
        return 0;
    }
    if (copies <= 1) return 0;
    const a = node.availability ?? SIM_DEFAULTS.instanceAvailability;
    if (!(a > 0 && a < 1)) return 0;
    const mtbf = SIM_DEFAULTS.mtbfMs;
    const repair = (mtbf * (1 - a)) / a;
    const resumed = (promotionMs - repair * -Math.expm1(-promotionMs / repair)) / mtbf;
    const twice = (promotionMs / mtbf) * Math.pow(1 - a, copies - 1);
    return resumed + twice + (sync && copies === 2 ? promotionMs / mtbf : 0);
}

/**
 * A failover's unavailability mixes frequent short outages (promotions) with rare long ones (every
 * copy down at once, (1 − a)^copies of the time, each lasting about R / copies). A run that expects
 * fewer than 10 of the rare ones sees a few or none, and the batches, busy with the promotions, do not
 * show what is missing: the whole (1 − a)^copies is then allowed. 0 for a node with no failover, or
 * when the run expects 10 or more.
 */
export function unseenAllCopiesDown(node: TopologyNode, years: number): number {
    let copies: number;
    if (node.replication && node.replication.topology !== 'multi_master') copies = 1 + node.replication.replicas;
    else if (!node.replication && node.instances.mode === 'active_passive' && node.instances.max > 1) copies = node.instances.max;
    else return 0;
    const a = node.availability ?? SIM_DEFAULTS.instanceAvailability;
    if (!(a > 0 && a < 1) || copies < 1) return 0;
    const allDown = Math.pow(1 - a, copies);
    const repair = (SIM_DEFAULTS.mtbfMs * (1 - a)) / a;
    const expected = (allDown * years * YEAR_MS) / (repair / copies);
    return expected < 10 ? allDown : 0;
}

/** A `range` or `date` shard key of auto_increment, snowflake or timestamp: every insert on the newest shard (ESTIMATES.md, "Shards"). */
function hasGrowingShardKey(node: TopologyNode): boolean {
    const shards = node.shards;
    if (!shards || (shards.strategy !== 'range' && shards.strategy !== 'date')) return false;
    return node.tables.some(table => {
        if (table.global) return false;
        const key = table.fields.find(field => field.name === table.shardKey);
        return key !== undefined && (key.type === 'auto_increment' || key.type === 'snowflake' || key.type === 'timestamp');
    });
}

function round(value: number): number {
    return Math.round(value * 1000) / 1000;
}
