import { describe, expect, test } from 'vitest';
import { mulberry32 as seeded } from '../../server/src/estimates/random.js';
import {
    atLeastKOfN,
    downtimeMinutesPerYear,
    failoverUnavailability,
    instancesNeeded,
    nines,
    parallelAvailability,
    quorumAvailability,
    tierCapacityRps,
    unavailabilityAtLeastKOfN
} from '../../server/src/estimates/availability.js';
import { DEFAULT_MTBF_MINUTES, PROMOTION_MINUTES } from '../../server/src/estimates/defaults.js';


/** Instance availabilities to check: the edges, the default, values near 1, and seeded ones. */
function availabilityGrid(seed: number, count: number): number[] {
    const random = seeded(seed);
    const grid = [0, 1, 0.5, 0.9, 0.99, 0.995, 0.999, 0.999999];
    for (let i = 0; i < count; i++) grid.push(random());
    // Seeded values close to 1 too, where the unavailability is what matters.
    for (let i = 0; i < count; i++) grid.push(1 - Math.pow(10, -1 - 7 * random()));
    return grid;
}

/** The terms of Binomial(n, a), with C(n, i) from Pascal's triangle (exact in doubles for n ≤ 50). */
function bruteForceTerms(n: number, a: number): number[] {
    let row = [1];
    for (let m = 1; m <= n; m++) row = [1, ...row.slice(1).map((c, i) => c + row[i]), 1];
    return row.map((c, i) => c * Math.pow(a, i) * Math.pow(1 - a, n - i));
}

/** An independent reference for large n: every term in log space (log C(n,i) by a running sum), then log-sum-exp. */
function logSpaceTails(n: number, k: number, a: number): { atLeast: number; below: number } {
    const logTerms: number[] = [];
    let logC = 0;
    for (let i = 0; i <= n; i++) {
        if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
        logTerms.push(logC + i * Math.log(a) + (n - i) * Math.log1p(-a));
    }
    const max = Math.max(...logTerms);
    let up = 0;
    let down = 0;
    logTerms.forEach((t, i) => {
        if (i >= k) up += Math.exp(t - max);
        else down += Math.exp(t - max);
    });
    return { atLeast: up / (up + down), below: down / (up + down) };
}

function expectRelativelyClose(actual: number, expected: number, relative: number): void {
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected) + 1e-300);
}

describe('ESTIMATES.md oracles', () => {
    test('99.9% / 99.99% / 99.999% per year → 8.76 h / 52.56 min / 5.26 min of downtime', () => {
        expect((downtimeMinutesPerYear(0.999) / 60).toFixed(2)).toBe('8.76');
        expect(downtimeMinutesPerYear(0.9999).toFixed(2)).toBe('52.56');
        expect(downtimeMinutesPerYear(0.99999).toFixed(2)).toBe('5.26');
    });

    test('two redundant subsystems of 99% each, in parallel → 99.99%', () => {
        const a = parallelAvailability([0.99, 0.99]);
        expect((a * 100).toFixed(2)).toBe('99.99');
        expect(a).toBeCloseTo(0.9999, 12);
    });

    test('a server that handles 100 users, doubled behind a balancer → 200 users', () => {
        expect(tierCapacityRps(2, 100)).toBe(200);
    });
});

describe('nines and downtime', () => {
    test('nines = −log10(1 − A): 99.9% is 3 nines, 99.99% is 4; A = 1 has infinitely many', () => {
        expect(nines(0.999)).toBeCloseTo(3, 10);
        expect(nines(0.9999)).toBeCloseTo(4, 10);
        expect(nines(0.9)).toBeCloseTo(1, 12);
        expect(nines(1)).toBe(Infinity);
        expect(nines(0)).toBe(0);
    });

    test('downtime is (1 − A) × 525,600 minutes: none at A = 1, the whole year at A = 0', () => {
        expect(downtimeMinutesPerYear(1)).toBe(0);
        expect(downtimeMinutesPerYear(0)).toBe(525_600);
        expect(downtimeMinutesPerYear(0.5)).toBe(262_800);
    });

    test('refuses availabilities outside [0, 1]', () => {
        expect(() => nines(1.01)).toThrow(RangeError);
        expect(() => downtimeMinutesPerYear(-0.1)).toThrow(RangeError);
        expect(() => nines(Number.NaN)).toThrow(RangeError);
    });
});

describe('atLeastKOfN: Σ_{i=k..n} C(n,i) aⁱ(1−a)^{n−i}', () => {
    test('matches the brute-force sum for every n ≤ 25 and k, over a seeded grid of availabilities', () => {
        for (const a of availabilityGrid(7, 6)) {
            for (let n = 0; n <= 25; n++) {
                const terms = bruteForceTerms(n, a);
                for (let k = -1; k <= n + 1; k++) {
                    const up = terms.slice(Math.max(0, k)).reduce((x, y) => x + y, 0);
                    const down = terms.slice(0, Math.max(0, k)).reduce((x, y) => x + y, 0);
                    // Both tails to relative precision: the small one is not 1 minus the big one.
                    expectRelativelyClose(atLeastKOfN(n, k, a), up, 1e-12);
                    expectRelativelyClose(unavailabilityAtLeastKOfN(n, k, a), down, 1e-10);
                }
            }
        }
    });

    test('the edges: k ≤ 0 is always met, k > n never, and a = 1 / a = 0 are certain', () => {
        expect(atLeastKOfN(5, 0, 0.3)).toBe(1);
        expect(atLeastKOfN(5, 6, 0.999)).toBe(0);
        expect(atLeastKOfN(0, 1, 0.999)).toBe(0);
        expect(atLeastKOfN(5, 5, 1)).toBe(1);
        expect(atLeastKOfN(5, 1, 0)).toBe(0);
        expect(atLeastKOfN(1, 1, 0.995)).toBe(0.995);
    });

    test('a tiny unavailability is kept, not rounded to 0: 1 of 2 at a = 1 − 10⁻⁶ is down 10⁻¹² of the time', () => {
        const a = 1 - 1e-6;
        const q = 1 - a; // exactly the double's distance from 1
        expectRelativelyClose(unavailabilityAtLeastKOfN(2, 1, a), q * q, 1e-12);
        expect(1 - atLeastKOfN(2, 1, a)).toBeGreaterThan(0);
        // Three copies: 10⁻¹⁸, far below what 1 − A can show, still there on its own.
        expectRelativelyClose(unavailabilityAtLeastKOfN(3, 1, a), q * q * q, 1e-12);
    });

    test('n = 2,000 stays in [0, 1], its two tails add up to 1, and it matches a log-space reference', () => {
        const n = 2000;
        for (const a of [0.5, 0.9, 0.995, 0.999, 0.999999]) {
            for (const k of [1, 2, 500, 1000, 1500, 1980, 1990, 1995, 1999, 2000]) {
                const up = atLeastKOfN(n, k, a);
                const down = unavailabilityAtLeastKOfN(n, k, a);
                expect(up).toBeGreaterThanOrEqual(0);
                expect(up).toBeLessThanOrEqual(1);
                expect(Number.isFinite(down)).toBe(true);
                expect(up + down).toBeCloseTo(1, 14);
                const reference = logSpaceTails(n, k, a);
                expectRelativelyClose(up, reference.atLeast, 1e-9);
                expectRelativelyClose(down, reference.below, 1e-9);
            }
        }
    });

    test('the k of the default instance: at least 1990 of 2000 at a = 0.995 is a coin toss, 1900 is near certain', () => {
        // Mean up = 1990, standard deviation √(2000 · 0.995 · 0.005) ≈ 3.2.
        expect(atLeastKOfN(2000, 1990, 0.995)).toBeGreaterThan(0.5);
        expect(atLeastKOfN(2000, 1990, 0.995)).toBeLessThan(0.65);
        expect(unavailabilityAtLeastKOfN(2000, 1900, 0.995)).toBeLessThan(1e-50);
    });

    test('more instances for the same k never lower availability; a higher k never raises it (seeded grid)', () => {
        for (const a of availabilityGrid(11, 8)) {
            for (let n = 1; n <= 40; n++) {
                for (let k = 1; k <= n; k++) {
                    const here = atLeastKOfN(n, k, a);
                    const downHere = unavailabilityAtLeastKOfN(n, k, a);
                    expect(atLeastKOfN(n + 1, k, a)).toBeGreaterThanOrEqual(here - 1e-15);
                    expect(unavailabilityAtLeastKOfN(n + 1, k, a)).toBeLessThanOrEqual(downHere * (1 + 1e-9));
                    expect(atLeastKOfN(n, k + 1, a)).toBeLessThanOrEqual(here + 1e-15);
                    expect(unavailabilityAtLeastKOfN(n, k + 1, a)).toBeGreaterThanOrEqual(downHere * (1 - 1e-9));
                }
            }
        }
    });

    test('refuses inputs that are not counts or probabilities', () => {
        expect(() => atLeastKOfN(2.5, 1, 0.9)).toThrow(RangeError);
        expect(() => atLeastKOfN(-1, 1, 0.9)).toThrow(RangeError);
        expect(() => atLeastKOfN(3, 1.5, 0.9)).toThrow(RangeError);
        expect(() => atLeastKOfN(3, 1, 1.2)).toThrow(RangeError);
    });

    test('past 10^12 instances the normal approximation takes over, continuous with the exact sum at the switch', () => {
        const a = 0.995;
        for (const offset of [-2e5, -5e4, 0, 5e4, 2e5]) {
            const exactN = 1e12;
            const approxN = 1e12 + 2;
            const k = (n: number): number => Math.round(n * a + offset);
            const exact = atLeastKOfN(exactN, k(exactN), a);
            const approx = atLeastKOfN(approxN, k(approxN), a);
            expect(Math.abs(exact - approx)).toBeLessThan(1e-4);
            expect(approx + unavailabilityAtLeastKOfN(approxN, k(approxN), a)).toBeCloseTo(1, 9);
        }
        // A quorum of 10^20 members at 99.5% each is up, and the answer comes back (it once looped forever).
        expect(quorumAvailability(1e20, a)).toBe(1);
        expect(atLeastKOfN(1e20, 1e20, a)).toBe(0);
    });
});

describe('quorumAvailability: ⌊n/2⌋+1 of n', () => {
    test('a quorum of 3 at a = 0.995 is 3a² − 2a³ ≈ 0.999925', () => {
        const a = 0.995;
        expect(quorumAvailability(3, a)).toBeCloseTo(3 * a * a - 2 * a * a * a, 14);
        expect(quorumAvailability(3, a).toFixed(6)).toBe('0.999925');
    });

    test('needs a strict majority: 2 of 3, 3 of 4, 3 of 5; one member must be up', () => {
        const a = 0.97;
        expect(quorumAvailability(3, a)).toBe(atLeastKOfN(3, 2, a));
        expect(quorumAvailability(4, a)).toBe(atLeastKOfN(4, 3, a));
        expect(quorumAvailability(5, a)).toBe(atLeastKOfN(5, 3, a));
        expect(quorumAvailability(1, a)).toBeCloseTo(a, 15);
        // An even member adds no tolerance: 4 members are less available than 3.
        expect(quorumAvailability(4, a)).toBeLessThan(quorumAvailability(3, a));
    });
});

describe('failoverUnavailability: (1/MTBF) × promotion + (1 − a)^{standbys+1}', () => {
    test('one standby, probe failover, the defaults: 1 min / 30 days + 0.005²', () => {
        const u = failoverUnavailability({ instanceAvailability: 0.995, standbys: 1, promotionMinutes: PROMOTION_MINUTES.probe });
        expect(u).toBeCloseTo(1 / DEFAULT_MTBF_MINUTES + 0.005 * 0.005, 15);
    });

    test('the failover term scales with the promotion time and inversely with the MTBF', () => {
        const base = { instanceAvailability: 1, standbys: 1 };
        expect(failoverUnavailability({ ...base, promotionMinutes: 30, mtbfMinutes: 43_200 })).toBeCloseTo(30 / 43_200, 15);
        expect(failoverUnavailability({ ...base, promotionMinutes: 30, mtbfMinutes: 86_400 })).toBeCloseTo(15 / 43_200, 15);
        expect(failoverUnavailability({ ...base, promotionMinutes: 0 })).toBe(0);
    });

    test('more standbys shrink the all-down term; none at all leaves the primary alone (1 − a)', () => {
        const input = { instanceAvailability: 0.99, promotionMinutes: 0 };
        expect(failoverUnavailability({ ...input, standbys: 1 })).toBeCloseTo(1e-4, 15);
        expect(failoverUnavailability({ ...input, standbys: 2 })).toBeCloseTo(1e-6, 17);
        expect(failoverUnavailability({ ...input, standbys: 0, promotionMinutes: 30 })).toBeCloseTo(0.01, 15);
    });

    test('is a probability: capped at 1 when promotions take longer than the time between failures', () => {
        expect(failoverUnavailability({ instanceAvailability: 0.5, standbys: 1, promotionMinutes: 100, mtbfMinutes: 10 })).toBe(1);
    });

    test('refuses a non-positive MTBF, a negative promotion time and fractional standbys', () => {
        expect(() => failoverUnavailability({ instanceAvailability: 0.99, standbys: 1, promotionMinutes: 1, mtbfMinutes: 0 })).toThrow(RangeError);
        expect(() => failoverUnavailability({ instanceAvailability: 0.99, standbys: 1, promotionMinutes: -1 })).toThrow(RangeError);
        expect(() => failoverUnavailability({ instanceAvailability: 0.99, standbys: 1.5, promotionMinutes: 1 })).toThrow(RangeError);
    });
});

describe('parallelAvailability: 1 − Π (1 − A_i)', () => {
    test('is up while any one is up', () => {
        expect(parallelAvailability([0.9, 0.8, 0.5])).toBeCloseTo(1 - 0.1 * 0.2 * 0.5, 15);
        expect(parallelAvailability([0.995])).toBe(0.995);
        expect(parallelAvailability([0, 1])).toBe(1);
    });

    test('no subsystem serves nothing', () => {
        expect(parallelAvailability([])).toBe(0);
    });
});

describe('instancesNeeded: the smallest k with load < k × capacity', () => {
    test('1 when the capacity is unknown or there is no load', () => {
        expect(instancesNeeded(5000, undefined)).toBe(1);
        expect(instancesNeeded(0, 100)).toBe(1);
        expect(instancesNeeded(5000, 0)).toBe(1);
    });

    test('keeps ρ strictly below 1: exactly at capacity needs one more instance', () => {
        expect(instancesNeeded(99, 100)).toBe(1);
        expect(instancesNeeded(100, 100)).toBe(2);
        expect(instancesNeeded(150, 100)).toBe(2);
        expect(instancesNeeded(200, 100)).toBe(3);
        expect(instancesNeeded(12_000, 8000)).toBe(2);
    });

    test('is the smallest such k over a seeded grid of loads and capacities', () => {
        const random = seeded(3);
        for (let i = 0; i < 2000; i++) {
            const capacity = 0.1 + random() * 1000;
            const load = random() < 0.2 ? capacity * Math.floor(random() * 50) : random() * 50_000;
            const k = instancesNeeded(load, capacity);
            expect(load).toBeLessThan(k * capacity);
            if (k > 1) expect(load).toBeGreaterThanOrEqual((k - 1) * capacity);
        }
    });

    test('refuses a negative or infinite load', () => {
        expect(() => instancesNeeded(-1, 100)).toThrow(RangeError);
        expect(() => instancesNeeded(Infinity, 100)).toThrow(RangeError);
    });

    test('past 2^53 instances returns the rounded count at once (k ± 1 no longer moves k)', () => {
        // `peak 99999999999999999999 rps` over 400 rps instances: 2.5·10^17, where doubles are 32 apart.
        expect(instancesNeeded(99_999_999_999_999_999_999, 400)).toBe(Math.floor(99_999_999_999_999_999_999 / 400) + 1);
        // The division overflows: more instances than any count.
        expect(instancesNeeded(1e300, 1e-10)).toBe(Infinity);
        // Just below the guard, still settled exactly.
        const k = instancesNeeded(2 ** 52 * 100, 100);
        expect(k).toBe(2 ** 52 + 1);
    });
});

describe('tierCapacityRps: n × C', () => {
    test('is linear in the instances', () => {
        expect(tierCapacityRps(0, 400)).toBe(0);
        expect(tierCapacityRps(3, 400)).toBe(1200);
        expect(tierCapacityRps(20, 8000)).toBe(160_000);
    });
});
