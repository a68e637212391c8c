import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../server/src/estimates/random.js';
import { erlangC } from '../../server/src/estimates/erlang-c.js';
import {
    fanOutSlowShare,
    mmc,
    responseTimeQuantileMs,
    responseTimeTail,
    tierQueue,
    workersPerInstance,
    type BalancerAlgorithm,
    type QueueEstimate
} from '../../server/src/estimates/queueing.js';


const ALGORITHMS: BalancerAlgorithm[] = ['random', 'round_robin', 'least_connections', 'weighted', 'ip_hash'];

/** P(T > t) exactly as ESTIMATES.md writes it (per ms); it divides by θ − μ, so only for θ ≠ μ. */
function specTail(arrivalRps: number, serviceMs: number, servers: number, tMs: number): number {
    const mu = 1 / serviceMs;
    const lambda = arrivalRps / 1000;
    const c = erlangC(servers, lambda / mu);
    const theta = servers * mu - lambda;
    return (1 - c) * Math.exp(-mu * tMs) + (c * (theta * Math.exp(-mu * tMs) - mu * Math.exp(-theta * tMs))) / (theta - mu);
}

/** The θ = μ limit given in the brief: (1−C)e^{−μt} + C(1+μt)e^{−μt}. */
function limitTail(pWait: number, serviceMs: number, tMs: number): number {
    const mu = 1 / serviceMs;
    return (1 - pWait) * Math.exp(-mu * tMs) + pWait * (1 + mu * tMs) * Math.exp(-mu * tMs);
}

function relativeError(actual: number, expected: number): number {
    return Math.abs(actual - expected) / Math.abs(expected);
}

/** A tier whose instances hold exactly `workers` workers: latency 100 ms, capacity 10 rps per worker. */
function tier(arrivalRps: number, instances: number, workers: number, algorithm: BalancerAlgorithm): QueueEstimate {
    return tierQueue({ arrivalRps, instances, capacityPerInstanceRps: workers * 10, latencyMs: 100, algorithm });
}

function expectNoNaN(estimate: QueueEstimate): void {
    for (const [field, value] of Object.entries(estimate)) {
        if (typeof value === 'number') expect(Number.isNaN(value), field).toBe(false);
    }
}

describe('fanOutSlowShare: 1 − (1 − p)^N', () => {
    test('ESTIMATES.md oracle: 100-way fan-out, each part slow 1% of the time → 63.4% of requests slow', () => {
        expect((fanOutSlowShare(0.01, 100) * 100).toFixed(1)).toBe('63.4');
    });

    test('one part is as slow as the part; no parts or never slow is never slow; always slow is always slow', () => {
        expect(fanOutSlowShare(0.2, 1)).toBeCloseTo(0.2, 14);
        expect(fanOutSlowShare(0.2, 0)).toBe(0);
        expect(fanOutSlowShare(0, 1000)).toBe(0);
        expect(fanOutSlowShare(1, 3)).toBe(1);
        expect(fanOutSlowShare(0.5, 2)).toBeCloseTo(0.75, 14);
    });

    test('keeps its digits for a tiny p over many parts (≈ N·p)', () => {
        expect(relativeError(fanOutSlowShare(1e-15, 1000), 1e-12)).toBeLessThan(1e-9);
    });

    test('refuses probabilities outside [0, 1] and negative part counts', () => {
        expect(() => fanOutSlowShare(1.5, 2)).toThrow(RangeError);
        expect(() => fanOutSlowShare(-0.1, 2)).toThrow(RangeError);
        expect(() => fanOutSlowShare(0.1, -1)).toThrow(RangeError);
    });
});

describe('workersPerInstance: k = round(C × S), at least 1', () => {
    test('matches the language examples', () => {
        expect(workersPerInstance(400, 25)).toBe(10);
        expect(workersPerInstance(50, 80)).toBe(4);
        expect(workersPerInstance(2000, 3)).toBe(6);
    });

    test('rounds to the nearest whole worker, and never below one', () => {
        expect(workersPerInstance(100, 14)).toBe(1);
        expect(workersPerInstance(100, 16)).toBe(2);
        expect(workersPerInstance(3, 100)).toBe(1);
        expect(workersPerInstance(100, 0)).toBe(1);
    });

    test('refuses a capacity that is not positive', () => {
        expect(() => workersPerInstance(0, 100)).toThrow(RangeError);
        expect(() => workersPerInstance(-5, 100)).toThrow(RangeError);
        expect(() => workersPerInstance(100, -1)).toThrow(RangeError);
    });
});

describe('mmc: M/M/c', () => {
    test('the ESTIMATES.md Erlang C oracle through mmc: P_wait 0.174, 88.8% within 20 s, occupancy 0.714', () => {
        // 100 arrivals per 30 min, 3 min each, 14 servers.
        const queue = mmc(100 / 1800, 180_000, 14);
        expect(queue.pWait.toFixed(3)).toBe('0.174');
        expect(queue.utilization.toFixed(3)).toBe('0.714');
        // P(W > t) = C·e^{−θt}, θ = cμ − λ.
        const answeredWithin20s = 1 - queue.pWait * Math.exp(-queue.waitRatePerMs * 20_000);
        expect((answeredWithin20s * 100).toFixed(1)).toBe('88.8');
    });

    test('M/M/1: mean response 1/(μ − λ), mean wait ρ/(μ − λ), p99 ln(100)/(μ − λ)', () => {
        for (const [arrivalRps, serviceMs] of [[1, 100], [5, 100], [9.9, 100], [0.3, 2000], [900, 1]] as const) {
            const mu = 1000 / serviceMs;
            const gapPerMs = (mu - arrivalRps) / 1000;
            const queue = mmc(arrivalRps, serviceMs, 1);
            expect(queue.stable).toBe(true);
            expect(relativeError(queue.meanResponseMs, 1 / gapPerMs)).toBeLessThan(1e-6);
            expect(relativeError(queue.meanWaitMs, (arrivalRps / mu) / gapPerMs)).toBeLessThan(1e-6);
            expect(relativeError(queue.p99ResponseMs, Math.log(100) / gapPerMs)).toBeLessThan(1e-6);
            expect(relativeError(queue.pWait, arrivalRps / mu)).toBeLessThan(1e-12);
        }
    });

    test('no load: no wait, mean response S, p99 S·ln 100', () => {
        const queue = mmc(0, 40, 8);
        expect(queue.pWait).toBe(0);
        expect(queue.meanWaitMs).toBe(0);
        expect(queue.meanResponseMs).toBe(40);
        expect(relativeError(queue.p99ResponseMs, 40 * Math.log(100))).toBeLessThan(1e-12);
        expect(queue.utilization).toBe(0);
    });

    test('mean wait is P_wait / (cμ − λ) and mean response adds S', () => {
        const queue = mmc(450, 20, 10); // A = 9, c = 10
        const c = erlangC(10, 9);
        const thetaPerMs = 10 / 20 - 450 / 1000;
        expect(relativeError(queue.meanWaitMs, c / thetaPerMs)).toBeLessThan(1e-12);
        expect(relativeError(queue.meanResponseMs, c / thetaPerMs + 20)).toBeLessThan(1e-12);
        expect(queue.utilization).toBeCloseTo(0.9, 12);
        expect(queue.servers).toBe(10);
        expect(queue.arrivalRps).toBe(450);
    });

    test('instant service: nothing waits and nothing takes time', () => {
        const queue = mmc(1000, 0, 1);
        expect(queue).toMatchObject({ stable: true, utilization: 0, pWait: 0, meanWaitMs: 0, meanResponseMs: 0, p99ResponseMs: 0 });
    });

    test('refuses negative load, negative service time, and fractional or missing servers', () => {
        expect(() => mmc(-1, 10, 1)).toThrow(RangeError);
        expect(() => mmc(1, -10, 1)).toThrow(RangeError);
        expect(() => mmc(1, 10, 0)).toThrow(RangeError);
        expect(() => mmc(1, 10, 1.5)).toThrow(RangeError);
        expect(() => mmc(Number.NaN, 10, 1)).toThrow(RangeError);
    });
});

describe('response-time tail and p99 by bisection', () => {
    const random = mulberry32(99);
    const grid = Array.from({ length: 200 }, () => {
        const servers = 1 + Math.floor(random() * 60);
        const serviceMs = 1 + random() * 500;
        const utilization = 0.02 + random() * 0.97;
        return { servers, serviceMs, arrivalRps: (utilization * servers * 1000) / serviceMs };
    });

    test('responseTimeTail equals the ESTIMATES.md formula away from θ = μ', () => {
        let compared = 0;
        for (const { servers, serviceMs, arrivalRps } of grid) {
            const theta = servers / serviceMs - arrivalRps / 1000;
            if (Math.abs(theta * serviceMs - 1) < 1e-3) continue;
            for (const multiple of [0, 0.5, 1, 3, 10]) {
                const t = multiple * serviceMs;
                const expected = specTail(arrivalRps, serviceMs, servers, t);
                expect(Math.abs(responseTimeTail(arrivalRps, serviceMs, servers, t) - expected), `c = ${servers}`).toBeLessThan(1e-9 * Math.max(expected, 1e-3));
                compared++;
            }
        }
        expect(compared).toBeGreaterThan(900);
    });

    test('the p99 solves P(T > t) = 0.01 of the ESTIMATES.md formula', () => {
        for (const { servers, serviceMs, arrivalRps } of grid) {
            const theta = servers / serviceMs - arrivalRps / 1000;
            if (Math.abs(theta * serviceMs - 1) < 1e-3) continue;
            const p99 = mmc(arrivalRps, serviceMs, servers).p99ResponseMs;
            expect(Math.abs(specTail(arrivalRps, serviceMs, servers, p99) - 0.01), `c = ${servers}, S = ${serviceMs}`).toBeLessThan(1e-9);
            expect(p99).toBe(responseTimeQuantileMs(arrivalRps, serviceMs, servers, 0.99));
        }
    });

    test('other quantiles solve P(T > t) = 1 − q too, and rise with q', () => {
        const [arrivalRps, serviceMs, servers] = [170, 50, 10]; // A = 8.5, θ = 1.5·μ
        let previous = 0;
        for (const q of [0.5, 0.9, 0.99, 0.999, 0.999999]) {
            const t = responseTimeQuantileMs(arrivalRps, serviceMs, servers, q);
            expect(Math.abs(specTail(arrivalRps, serviceMs, servers, t) - (1 - q))).toBeLessThan(1e-12);
            expect(t).toBeGreaterThan(previous);
            previous = t;
        }
        expect(() => responseTimeQuantileMs(arrivalRps, serviceMs, servers, 1)).toThrow(RangeError);
        expect(() => responseTimeQuantileMs(arrivalRps, serviceMs, servers, 0)).toThrow(RangeError);
    });

    test('θ = μ exactly (λ = (c − 1)μ): the limit (1−C)e^{−μt} + C(1+μt)e^{−μt}, no NaN', () => {
        // S = 1000 ms, 5 servers, 4 rps: A = 4, θ = (5 − 4)/1000 = μ exactly in floating point.
        const [arrivalRps, serviceMs, servers] = [4, 1000, 5];
        const queue = mmc(arrivalRps, serviceMs, servers);
        expect(queue.waitRatePerMs).toBe(1 / serviceMs);
        // The formula as written is 0/0 here.
        expect(Number.isNaN(specTail(arrivalRps, serviceMs, servers, 2000))).toBe(true);
        for (const t of [0, 100, 1000, 5000, 20_000]) {
            expect(relativeError(responseTimeTail(arrivalRps, serviceMs, servers, t), limitTail(queue.pWait, serviceMs, t))).toBeLessThan(1e-12);
        }
        expect(Number.isFinite(queue.p99ResponseMs)).toBe(true);
        expect(Math.abs(limitTail(queue.pWait, serviceMs, queue.p99ResponseMs) - 0.01)).toBeLessThan(1e-12);
    });

    test('θ next to μ: the tail and p99 run on continuously through the singularity', () => {
        const [serviceMs, servers] = [1000, 5];
        const atLimit = mmc(4, serviceMs, servers).p99ResponseMs;
        for (const offset of [-1e-6, -1e-9, -1e-12, 1e-12, 1e-9, 1e-6]) {
            const near = mmc(4 + offset, serviceMs, servers).p99ResponseMs;
            // dp99/dλ is of order S/μ here, so a shift of 1e-6 rps moves the p99 by about 1e-6 relative.
            expect(relativeError(near, atLimit), `offset ${offset}`).toBeLessThan(1e-5);
            if (Math.abs(offset) <= 1e-9) expect(relativeError(near, atLimit), `offset ${offset}`).toBeLessThan(1e-8);
        }
    });
});

describe('tierQueue: how the balancer pools the instances', () => {
    test('one instance: every algorithm is the M/M/k queue of that instance', () => {
        const alone = mmc(70, 100, 8);
        for (const algorithm of ALGORITHMS) {
            expect(tier(70, 1, 8, algorithm), algorithm).toEqual(alone);
        }
    });

    test('least_connections is one M/M/(n·k) queue at λ', () => {
        expect(tier(300, 4, 10, 'least_connections')).toEqual(mmc(300, 100, 40));
    });

    test('random, weighted and ip_hash are n M/M/k queues at λ/n; round_robin scales their wait by (1/n + 1)/2', () => {
        const one = mmc(75, 100, 10);
        for (const algorithm of ['random', 'weighted', 'ip_hash'] as const) {
            const split = tier(300, 4, 10, algorithm);
            expect(split.servers).toBe(40);
            expect(split.arrivalRps).toBe(300);
            expect(split.pWait).toBe(one.pWait);
            expect(split.meanWaitMs).toBe(one.meanWaitMs);
            expect(split.meanResponseMs).toBe(one.meanResponseMs);
            expect(split.p99ResponseMs).toBe(one.p99ResponseMs);
            expect(split.utilization).toBeCloseTo(one.utilization, 14);
        }
        const smooth = tier(300, 4, 10, 'round_robin');
        const factor = (1 / 4 + 1) / 2;
        expect(smooth.pWait).toBe(one.pWait);
        expect(relativeError(smooth.meanWaitMs, one.meanWaitMs * factor)).toBeLessThan(1e-12);
        expect(relativeError(smooth.meanResponseMs, one.meanWaitMs * factor + 100)).toBeLessThan(1e-12);
        // The waiting part of the p99: the wait of a request that waits has its mean scaled by the same factor.
        expect(relativeError(smooth.waitRatePerMs, one.waitRatePerMs / factor)).toBeLessThan(1e-12);
        expect(smooth.p99ResponseMs).toBeLessThan(one.p99ResponseMs);
        expect(smooth.p99ResponseMs).toBeGreaterThan(100 * Math.log(100));
    });

    test('pooling order over a seeded grid: least_connections ≤ round_robin ≤ random, for mean wait and p99', () => {
        const random = mulberry32(4242);
        for (let i = 0; i < 300; i++) {
            const instances = 1 + Math.floor(random() * 20);
            const workers = 1 + Math.floor(random() * 30);
            const arrivalRps = random() * 0.999 * instances * workers * 10;
            const label = `λ = ${arrivalRps}, n = ${instances}, k = ${workers}`;
            const pooled = tier(arrivalRps, instances, workers, 'least_connections');
            const smooth = tier(arrivalRps, instances, workers, 'round_robin');
            const split = tier(arrivalRps, instances, workers, 'random');
            expect(pooled.meanWaitMs, label).toBeLessThanOrEqual(smooth.meanWaitMs * (1 + 1e-12));
            expect(smooth.meanWaitMs, label).toBeLessThanOrEqual(split.meanWaitMs * (1 + 1e-12));
            expect(pooled.p99ResponseMs, label).toBeLessThanOrEqual(smooth.p99ResponseMs * (1 + 1e-12));
            expect(smooth.p99ResponseMs, label).toBeLessThanOrEqual(split.p99ResponseMs * (1 + 1e-12));
            // All three see the same offered load per worker.
            expect(pooled.utilization).toBeCloseTo(split.utilization, 12);
        }
    });

    test('more load never lowers utilization, mean response or p99 (seeded grid, every algorithm)', () => {
        const random = mulberry32(777);
        for (let i = 0; i < 200; i++) {
            const instances = 1 + Math.floor(random() * 12);
            const workers = 1 + Math.floor(random() * 20);
            const capacity = instances * workers * 10;
            // Loads from idle to 30% past capacity, sorted: the last few are unstable.
            const loads = Array.from({ length: 6 }, () => random() * 1.3 * capacity).sort((a, b) => a - b);
            for (const algorithm of ALGORITHMS) {
                let previous: QueueEstimate | undefined;
                for (const arrivalRps of loads) {
                    const queue = tier(arrivalRps, instances, workers, algorithm);
                    if (previous) {
                        const label = `${algorithm}, n = ${instances}, k = ${workers}, λ ${previous.arrivalRps} → ${arrivalRps}`;
                        expect(queue.utilization, label).toBeGreaterThanOrEqual(previous.utilization);
                        expect(queue.meanResponseMs, label).toBeGreaterThanOrEqual(previous.meanResponseMs);
                        expect(queue.p99ResponseMs, label).toBeGreaterThanOrEqual(previous.p99ResponseMs * (1 - 1e-12));
                    }
                    previous = queue;
                }
            }
        }
    });

    test('c in the thousands: least_connections over 100 instances × 50 workers', () => {
        const arrivalRps = 0.97 * 100 * 500;
        const pooled = tierQueue({ arrivalRps, instances: 100, capacityPerInstanceRps: 500, latencyMs: 100, algorithm: 'least_connections' });
        const split = tierQueue({ arrivalRps, instances: 100, capacityPerInstanceRps: 500, latencyMs: 100, algorithm: 'random' });
        expect(pooled.servers).toBe(5000);
        expect(pooled.stable).toBe(true);
        expect(pooled.utilization).toBeCloseTo(0.97, 12);
        expect(pooled.pWait).toBeGreaterThan(0);
        expect(pooled.pWait).toBeLessThan(split.pWait);
        expect(pooled.meanWaitMs).toBeGreaterThan(0);
        expect(pooled.meanWaitMs).toBeLessThan(split.meanWaitMs);
        expect(pooled.p99ResponseMs).toBeGreaterThanOrEqual(100 * Math.log(100));
        expect(Number.isFinite(pooled.p99ResponseMs)).toBe(true);
        expect(pooled.meanWaitMs).toBeCloseTo(erlangC(5000, 4850) / ((5000 - 4850) / 100), 9);
    });

    test('refuses a tier with no instances', () => {
        expect(() => tier(10, 0, 4, 'random')).toThrow(RangeError);
        expect(() => tier(10, 2.5, 4, 'least_connections')).toThrow(RangeError);
    });
});

describe('unstable queues', () => {
    test('at or past capacity: stable false, Infinity waits and response times, never NaN', () => {
        for (const algorithm of ALGORITHMS) {
            for (const arrivalRps of [400, 400.0001, 1000, 1e12]) {
                // 4 instances × 10 workers × 10 rps = 400 rps.
                const queue = tier(arrivalRps, 4, 10, algorithm);
                const label = `${algorithm} at ${arrivalRps} rps`;
                expect(queue.stable, label).toBe(false);
                expect(queue.utilization, label).toBeGreaterThanOrEqual(1);
                expect(queue.meanWaitMs, label).toBe(Infinity);
                expect(queue.meanResponseMs, label).toBe(Infinity);
                expect(queue.p99ResponseMs, label).toBe(Infinity);
                expect(queue.pWait, label).toBe(1);
                expectNoNaN(queue);
            }
        }
    });

    test('mmc past capacity, and the quantile and tail of an unstable queue', () => {
        const queue = mmc(30, 100, 2);
        expect(queue.stable).toBe(false);
        expect(queue.utilization).toBeCloseTo(1.5, 12);
        expectNoNaN(queue);
        expect(responseTimeQuantileMs(30, 100, 2, 0.99)).toBe(Infinity);
        expect(responseTimeTail(30, 100, 2, 1e9)).toBe(1);
    });

    test('just under capacity: stable, finite, and no NaN', () => {
        for (const algorithm of ALGORITHMS) {
            const queue = tier(399.9999, 4, 10, algorithm);
            expect(queue.stable, algorithm).toBe(true);
            expect(Number.isFinite(queue.p99ResponseMs), algorithm).toBe(true);
            expectNoNaN(queue);
        }
    });
});
