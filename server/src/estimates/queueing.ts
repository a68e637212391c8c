/**
 * Queueing estimates of one tier (ESTIMATES.md, "Capacity and latency"):
 * workers per instance, M/M/c waits and response times, how a balancer pools
 * its instances, and fan-out. Pure math: times in ms, rates in requests per second.
 */
import { erlangC } from './erlang-c.js';

export type BalancerAlgorithm = 'random' | 'round_robin' | 'least_connections' | 'weighted' | 'ip_hash';

export interface QueueEstimate {
    /** Workers serving the tier in total (instances × workers per instance). */
    servers: number;
    /** Independent queues the tier is computed as: 1 when pooled (least_connections), one per instance when split. */
    queues: number;
    /** Workers of the queue a request joins. */
    serversPerQueue: number;
    /** The figure is an approximation (round robin: Allen–Cunneen), not the exact M/M/c. */
    approximation: 'allen-cunneen' | null;
    arrivalRps: number;
    /** Mean service time of one worker, in ms: k / C (`serviceTimeMs`), which the declared latency rounds to. */
    serviceMs: number;
    /** Offered load over the workers, A / c; 1 or more when the queue cannot keep up. */
    utilization: number;
    /** Probability that a request waits for a worker (Erlang C of the queue it joins). */
    pWait: number;
    meanWaitMs: number;
    meanResponseMs: number;
    p99ResponseMs: number;
    stable: boolean;
    /**
     * A request that waits waits an exponential time of this rate (per ms):
     * θ = cμ − λ of the queue it joins (one instance's under random splits),
     * divided by the Allen–Cunneen factor under round_robin. 0 when unstable.
     * With `pWait` and the service time it gives the whole response-time distribution.
     */
    waitRatePerMs: number;
}

/**
 * Workers one instance holds: k = round(C × S), at least 1, with C the
 * capacity in requests per second and S the mean service time in seconds
 * (ESTIMATES.md, "Capacity and latency"). By Little's law (L = λW) an instance
 * that completes C requests per second, each in service for S seconds, has
 * C × S requests in service at once, i.e. that many busy workers at capacity.
 */
export function workersPerInstance(capacityPerInstanceRps: number, latencyMs: number): number {
    if (!Number.isFinite(capacityPerInstanceRps) || capacityPerInstanceRps <= 0) {
        throw new RangeError(`workersPerInstance needs a positive capacity, got ${capacityPerInstanceRps}`);
    }
    checkServiceMs('workersPerInstance', latencyMs);
    return Math.max(1, Math.round(capacityPerInstanceRps * (latencyMs / 1000)));
}

/**
 * The mean service time of one of an instance's k workers, in ms: k / C, each worker serving at
 * μ = C / k, so that the instance's capacity is exactly C (ESTIMATES.md, "Capacity and latency").
 * It is the declared latency S rounded to what k whole workers give: `capacity 300 rps latency 12ms`
 * holds k = 4 workers of 13.3 ms. A latency of 0 is instant service, whatever k.
 */
export function serviceTimeMs(capacityPerInstanceRps: number, latencyMs: number): number {
    if (latencyMs === 0) return 0;
    return (workersPerInstance(capacityPerInstanceRps, latencyMs) / capacityPerInstanceRps) * 1000;
}

/**
 * An M/M/c queue: Poisson arrivals at λ = `arrivalRps`, exponential service of
 * mean S = `serviceMs`, c = `servers` workers (ESTIMATES.md, "Capacity and latency").
 *
 * Formulas (Kleinrock, Queueing Systems Vol. 1, §3.5): μ = 1/S, A = λ/μ,
 * utilization A/c, P_wait = Erlang C(c, A), mean wait W_q = P_wait / (cμ − λ),
 * mean response W_q + S; p99 from `responseTimeQuantileMs`. When A ≥ c the
 * queue grows without bound: waits and response times are Infinity and `stable` is false.
 */
export function mmc(arrivalRps: number, serviceMs: number, servers: number): QueueEstimate {
    checkQueue('mmc', arrivalRps, serviceMs, servers);
    const queue = queueOf(arrivalRps, serviceMs, servers);
    return estimate(servers, arrivalRps, serviceMs, queue, 1, { queues: 1, serversPerQueue: servers, approximation: null });
}

/**
 * The `quantile` (e.g. 0.99) of the response time (wait + service) of an
 * M/M/c queue, in ms; Infinity when the queue is unstable.
 *
 * Formula (ESTIMATES.md): solve P(T > t) = 1 − quantile by bisection, with
 * P(T > t) = (1−C)e^{−μt} + C(θe^{−μt} − μe^{−θt})/(θ−μ), θ = cμ − λ:
 * an arrival waits with probability C, and then an exponential time of rate θ
 * (the M/M/c waiting time, P(W > t) = C·e^{−θt}), before an exponential
 * service of rate μ; the formula is the tail of that mixture. See
 * `responseTimeTail` for how θ = μ is handled.
 */
export function responseTimeQuantileMs(arrivalRps: number, serviceMs: number, servers: number, quantile: number): number {
    checkQueue('responseTimeQuantileMs', arrivalRps, serviceMs, servers);
    if (!(quantile > 0 && quantile < 1)) {
        throw new RangeError(`responseTimeQuantileMs needs a quantile strictly between 0 and 1, got ${quantile}`);
    }
    const queue = queueOf(arrivalRps, serviceMs, servers);
    return queue ? tailQuantile(serviceMs, queue.pWait, queue.waitRatePerMs, quantile) : Infinity;
}

/**
 * P(T > t): the share of requests of an M/M/c queue slower than `thresholdMs`
 * (wait + service); 1 when the queue is unstable.
 *
 * Formula (ESTIMATES.md): P(T > t) = (1−C)e^{−μt} + C(θe^{−μt} − μe^{−θt})/(θ−μ),
 * θ = cμ − λ. As written it divides by θ − μ, which vanishes when θ = μ and
 * loses digits near it; it is evaluated in the equivalent form
 * e^{−μt} + C·μt·e^{−min(μ,θ)t}·g(|θ−μ|t), with g(x) = (1 − e^{−x})/x and
 * g(0) = 1 (the limit, which gives (1−C)e^{−μt} + C(1+μt)e^{−μt} at θ = μ).
 * Every term is positive, so nothing cancels.
 */
export function responseTimeTail(arrivalRps: number, serviceMs: number, servers: number, thresholdMs: number): number {
    checkQueue('responseTimeTail', arrivalRps, serviceMs, servers);
    if (Number.isNaN(thresholdMs)) throw new RangeError('responseTimeTail needs a threshold, got NaN');
    const queue = queueOf(arrivalRps, serviceMs, servers);
    return queue ? tail(Math.max(0, thresholdMs), serviceMs, queue.pWait, queue.waitRatePerMs) : 1;
}

/**
 * The queue a tier of `instances` instances forms behind its balancer
 * (ESTIMATES.md, "Capacity and latency"). Each instance holds
 * k = workersPerInstance(capacity, latency) workers, each serving a request in
 * k / C on average (`serviceTimeMs`, ≈ the declared latency), so an instance serves exactly its capacity:
 * - least_connections: a request goes to an idle worker anywhere, so the tier
 *   is one M/M/(n·k) queue at λ;
 * - random: n independent M/M/k queues at λ/n (a random split of a Poisson
 *   stream is Poisson);
 * - round_robin: the same queues with smoother arrivals (every n-th request:
 *   an Erlang-n interarrival time, c_a² = 1/n), by the Allen–Cunneen
 *   approximation W_q ≈ W_q(M/M/k) × (c_a² + c_s²)/2 with c_s² = 1
 *   (Allen, Probability, Statistics, and Queueing Theory with Computer
 *   Science Applications, 2nd ed., 1990: the Allen–Cunneen approximation).
 *   P_wait is left at the M/M/k value, and the same factor scales the mean of
 *   the wait of a request that waits, which scales the waiting part of the
 *   p99 accordingly: an approximation, the exact G/M/k tail is not used.
 * - weighted and ip_hash: as random. A tier has one `capacity`, so the weights
 *   are equal in effect, and the scheduler behind them (weighted random, or a
 *   smooth weighted round robin) is not known: the Poisson split is the
 *   cautious end. ip_hash splits by client, not by request: one client's
 *   bursts all land on one instance, so its arrivals are at least as bursty as
 *   a random split; the random split is the best case of it.
 */
export function tierQueue(input: {
    arrivalRps: number;
    instances: number;
    capacityPerInstanceRps: number;
    latencyMs: number;
    algorithm: BalancerAlgorithm;
}): QueueEstimate {
    const { arrivalRps, instances, capacityPerInstanceRps, latencyMs, algorithm } = input;
    if (!Number.isInteger(instances) || instances < 1) {
        throw new RangeError(`tierQueue needs a whole number of instances (1 or more), got ${instances}`);
    }
    const k = workersPerInstance(capacityPerInstanceRps, latencyMs);
    const serviceMs = serviceTimeMs(capacityPerInstanceRps, latencyMs);
    if (algorithm === 'least_connections') return mmc(arrivalRps, serviceMs, instances * k);
    checkQueue('tierQueue', arrivalRps, serviceMs, k);
    const perInstance = queueOf(arrivalRps / instances, serviceMs, k);
    const roundRobin = algorithm === 'round_robin' && instances > 1;
    const factor = roundRobin ? allenCunneenFactor(1 / instances, 1) : 1;
    return estimate(instances * k, arrivalRps, serviceMs, perInstance, factor,
        { queues: instances, serversPerQueue: k, approximation: roundRobin ? 'allen-cunneen' : null });
}

/**
 * Share of requests that are slow when each touches `parts` nodes (or makes
 * `parts` parallel calls and waits for all), each slow with probability `slowProbability`
 * independently. Formula (ESTIMATES.md, "Fan-out"): 1 − (1 − p)^N
 * (Dean & Barroso, "The Tail at Scale", CACM 56(2), 2013: 100 parts slow 1%
 * of the time each → 63% of requests slow). Computed as −expm1(N·log1p(−p))
 * so that a tiny p over many parts keeps its digits.
 */
export function fanOutSlowShare(slowProbability: number, parts: number): number {
    if (!(slowProbability >= 0 && slowProbability <= 1)) {
        throw new RangeError(`fanOutSlowShare needs a probability between 0 and 1, got ${slowProbability}`);
    }
    if (!Number.isFinite(parts) || parts < 0) {
        throw new RangeError(`fanOutSlowShare needs a non-negative number of parts, got ${parts}`);
    }
    if (parts === 0) return 0;
    if (slowProbability === 1) return 1;
    return -Math.expm1(parts * Math.log1p(-slowProbability));
}

/** What a stable queue adds to its service time: P_wait, and the rate θ (per ms) of the exponential wait. */
interface Waiting {
    pWait: number;
    waitRatePerMs: number;
}

/** Erlang C and θ = cμ − λ of one M/M/c queue, or undefined when it is unstable (A ≥ c). */
function queueOf(arrivalRps: number, serviceMs: number, servers: number): Waiting | undefined {
    // Instant service: nothing ever waits (the limit S → 0).
    if (serviceMs === 0) return { pWait: 0, waitRatePerMs: Infinity };
    const offered = (arrivalRps / 1000) * serviceMs;
    if (offered >= servers) return undefined;
    // θ = cμ − λ written as (c − A)/S: for A > c/2, where it matters, c − A is exact (Sterbenz), while cμ − λ would round twice first.
    return { pWait: erlangC(servers, offered), waitRatePerMs: (servers - offered) / serviceMs };
}

/**
 * Builds the estimate from the waiting of the queue a request joins (the
 * whole tier's, or one instance's when the tier is split); `servers` counts
 * every worker of the tier. `factor` scales the wait (Allen–Cunneen; 1 for M/M/c).
 */
function estimate(
    servers: number, arrivalRps: number, serviceMs: number, waiting: Waiting | undefined, factor: number,
    shape: Pick<QueueEstimate, 'queues' | 'serversPerQueue' | 'approximation'>
): QueueEstimate {
    const utilization = serviceMs === 0 ? 0 : ((arrivalRps / 1000) * serviceMs) / servers;
    if (!waiting) {
        return {
            servers, ...shape, arrivalRps, serviceMs, utilization, pWait: 1,
            meanWaitMs: Infinity, meanResponseMs: Infinity, p99ResponseMs: Infinity,
            stable: false, waitRatePerMs: 0
        };
    }
    const waitRatePerMs = waiting.waitRatePerMs / factor;
    // pWait / Infinity is 0: instant service never waits.
    const meanWaitMs = waiting.pWait === 0 ? 0 : waiting.pWait / waitRatePerMs;
    return {
        servers, ...shape, arrivalRps, serviceMs, utilization,
        pWait: waiting.pWait,
        meanWaitMs,
        meanResponseMs: meanWaitMs + serviceMs,
        p99ResponseMs: tailQuantile(serviceMs, waiting.pWait, waitRatePerMs, 0.99),
        stable: true,
        waitRatePerMs
    };
}

/** (c_a² + c_s²) / 2: how much a G/G/c wait differs from the M/M/c one (1 for Poisson arrivals and exponential service). */
function allenCunneenFactor(arrivalScv: number, serviceScv: number): number {
    return (arrivalScv + serviceScv) / 2;
}

/** P(T > t) for service of mean S and a wait that is 0 with probability 1 − C and Exp(θ) with probability C. */
function tail(tMs: number, serviceMs: number, pWait: number, thetaPerMs: number): number {
    if (serviceMs === 0) return 0;
    const mu = 1 / serviceMs;
    const service = Math.exp(-mu * tMs);
    if (pWait === 0) return service;
    const slower = Math.min(mu, thetaPerMs);
    const gap = Math.abs(thetaPerMs - mu) * tMs;
    // g(x) = (1 − e^{−x})/x, computed with expm1 so that a small gap keeps its digits; g(0) = 1 is the θ = μ limit.
    const g = gap === 0 ? 1 : -Math.expm1(-gap) / gap;
    return service + pWait * mu * tMs * Math.exp(-slower * tMs) * g;
}

/**
 * Solves P(T > t) = 1 − quantile by bisection: P(T > t) falls strictly from 1
 * at t = 0, so doubling from S brackets the root and halving then closes in
 * to the resolution of a double (about 60 steps).
 */
function tailQuantile(serviceMs: number, pWait: number, thetaPerMs: number, quantile: number): number {
    if (serviceMs === 0) return 0;
    const target = 1 - quantile;
    let lo = 0;
    let hi = serviceMs;
    while (tail(hi, serviceMs, pWait, thetaPerMs) > target) {
        lo = hi;
        hi *= 2;
        // A wait rate so close to 0 that the root is beyond any double.
        if (!Number.isFinite(hi)) return Infinity;
    }
    for (;;) {
        const mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi) return hi;
        if (tail(mid, serviceMs, pWait, thetaPerMs) > target) lo = mid;
        else hi = mid;
    }
}

function checkServiceMs(name: string, serviceMs: number): void {
    if (!Number.isFinite(serviceMs) || serviceMs < 0) {
        throw new RangeError(`${name} needs a finite, non-negative service time, got ${serviceMs}`);
    }
}

function checkQueue(name: string, arrivalRps: number, serviceMs: number, servers: number): void {
    if (!Number.isFinite(arrivalRps) || arrivalRps < 0) {
        throw new RangeError(`${name} needs a finite, non-negative arrival rate, got ${arrivalRps}`);
    }
    checkServiceMs(name, serviceMs);
    if (!Number.isInteger(servers) || servers < 1) {
        throw new RangeError(`${name} needs a whole number of servers (1 or more), got ${servers}`);
    }
}
