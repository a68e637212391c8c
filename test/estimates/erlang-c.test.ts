import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../server/src/estimates/random.js';
import { erlangB, erlangBPoisson, erlangC, MAX_RECURRENCE_LOAD, MAX_RECURRENCE_STEPS } from '../../server/src/estimates/erlang-c.js';


/** The ESTIMATES.md formula as written, with factorials, in plain floating point (fine for small c). */
function naiveErlangC(c: number, a: number): number {
    const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
    let sum = 0;
    for (let k = 0; k < c; k++) sum += a ** k / factorial(k);
    const top = (a ** c / factorial(c)) * (c / (c - a));
    return top / (sum + top);
}

/**
 * The same formula in exact rational arithmetic, for A = p/q: every term is
 * multiplied by q^c · c! · (cq − p) so that all are integers. Returns a double
 * rounded from the exact quotient.
 */
function exactErlangC(c: number, p: number, q = 1): number {
    const C = BigInt(c);
    const P = BigInt(p);
    const Q = BigInt(q);
    // Σ_{k<c} p^k · q^{c−k} · c!/k!, from k = c − 1 down to 0.
    let sum = 0n;
    let cOverK = 1n;
    let pPower = P ** (C - 1n);
    let qPower = Q;
    for (let k = C - 1n; k >= 0n; k--) {
        cOverK *= k + 1n;
        sum += pPower * qPower * cOverK;
        if (k > 0n) {
            pPower /= P;
            qPower *= Q;
        }
    }
    // The term of c: A^c/c! · c/(c − A), scaled the same way.
    const top = P ** C * C * Q;
    return bigRatio(top, (C * Q - P) * sum + top);
}

/** num/den as a double, from an integer quotient with about 80 significant bits. */
function bigRatio(num: bigint, den: bigint): number {
    const shift = 80 + den.toString(2).length - num.toString(2).length;
    const scaled = shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
    return Number(scaled) * 2 ** -shift;
}

function relativeError(actual: number, expected: number): number {
    return Math.abs(actual - expected) / Math.abs(expected);
}

describe('erlangC: the ESTIMATES.md oracle', () => {
    // 100 arrivals per 30 min, 3 min each: λ = 100/30 per min, μ = 1/3 per min, A = λ/μ = 10 Erlangs, 14 servers.
    const lambda = 100 / 30;
    const mu = 1 / 3;
    const servers = 14;
    const a = lambda / mu;

    test('10 Erlangs over 14 servers: P_wait 0.174', () => {
        expect(a).toBeCloseTo(10, 12);
        expect(erlangC(servers, a).toFixed(3)).toBe('0.174');
    });

    test('88.8% answered within 0.33 min (service level 1 − C·e^{−(cμ−λ)t})', () => {
        const serviceLevel = 1 - erlangC(servers, a) * Math.exp(-(servers * mu - lambda) * 0.33);
        expect((serviceLevel * 100).toFixed(1)).toBe('88.8');
    });

    test('occupancy A / c = 0.714', () => {
        expect((a / servers).toFixed(3)).toBe('0.714');
    });
});

describe('erlangC agrees with the formula of ESTIMATES.md', () => {
    test('matches the factorial formula in floating point to 1e-9 for c ≤ 30, A < c', () => {
        let checked = 0;
        for (let c = 1; c <= 30; c++) {
            for (const fraction of [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99, 0.999]) {
                const a = c * fraction;
                const expected = naiveErlangC(c, a);
                expect(relativeError(erlangC(c, a), expected), `c = ${c}, A = ${a}`).toBeLessThan(1e-9);
                checked++;
            }
        }
        expect(checked).toBe(270);
    });

    test('matches exact rational arithmetic to 1e-12 relative, up to c = 2,000 and A within 1e-6 of c', () => {
        const cases: [number, number, number][] = [
            [14, 10, 1], [1, 1, 2], [2, 3, 2], [50, 45, 1], [100, 999, 10], [200, 150, 1],
            [400, 3996, 10], [400, 100, 1], [300, 2999, 10], [37, 73, 2], [2000, 1990, 1], [2000, 19_998, 10],
            // A within 1e-6 of c: the queue a hair from saturation.
            [100, 99_999_999, 1_000_000], [3, 2_999_999, 1_000_000]
        ];
        for (const [c, p, q] of cases) {
            const expected = exactErlangC(c, p, q);
            expect(relativeError(erlangC(c, p / q), expected), `c = ${c}, A = ${p}/${q}`).toBeLessThan(1e-12);
        }
    });

    test('M/M/1 and M/M/2 closed forms: C(1, A) = A, C(2, A) = A² / (2 + A)', () => {
        for (const a of [0.05, 0.5, 0.9]) expect(erlangC(1, a)).toBeCloseTo(a, 14);
        for (const a of [0.1, 1, 1.9]) expect(erlangC(2, a)).toBeCloseTo((a * a) / (2 + a), 14);
    });

    test('erlangB: B(1, A) = A/(1+A) and B(2, A) = (A²/2)/(1 + A + A²/2)', () => {
        expect(erlangB(0, 5)).toBe(1);
        expect(erlangB(1, 3)).toBeCloseTo(0.75, 14);
        expect(erlangB(2, 2)).toBeCloseTo(2 / 5, 14);
    });
});

describe('erlangC at large c', () => {
    test('c = 10,000 at A = 9,900 is finite and in (0, 1)', () => {
        const c = erlangC(10_000, 9_900);
        expect(Number.isFinite(c)).toBe(true);
        expect(c).toBeGreaterThan(0);
        expect(c).toBeLessThan(1);
        // exactErlangC(10_000, 9_900), which takes seconds in BigInt arithmetic, so computed once and kept here.
        // (Halfin–Whitt agrees: β = (c − A)/√A ≈ 1.005, C ≈ [1 + β·Φ(β)/φ(β)]^{−1} ≈ 0.22.)
        expect(relativeError(c, 0.22277692886414824)).toBeLessThan(1e-12);
    });

    test('c = 50,000 runs and stays a probability at every load', () => {
        for (const a of [0, 1_000, 49_000, 49_990, 49_999.999]) {
            const c = erlangC(50_000, a);
            expect(c).toBeGreaterThanOrEqual(0);
            expect(c).toBeLessThanOrEqual(1);
        }
        expect(erlangC(50_000, 49_999.999)).toBeGreaterThan(0.99);
    });
});

describe('erlangC edges', () => {
    test('no load: nobody waits; load at or over capacity: everybody waits', () => {
        expect(erlangC(5, 0)).toBe(0);
        expect(erlangC(5, 5)).toBe(1);
        expect(erlangC(5, 7.5)).toBe(1);
        expect(erlangC(0, 0)).toBe(1);
    });

    test('refuses fractional or negative servers and negative or non-finite load', () => {
        expect(() => erlangC(2.5, 1)).toThrow(RangeError);
        expect(() => erlangC(-1, 1)).toThrow(RangeError);
        expect(() => erlangC(3, -1)).toThrow(RangeError);
        expect(() => erlangC(3, Number.NaN)).toThrow(RangeError);
        expect(() => erlangB(3, Infinity)).toThrow(RangeError);
    });
});

describe('erlangC monotonicity over a seeded grid', () => {
    const random = mulberry32(20240611);
    const grid = Array.from({ length: 300 }, () => {
        const c = 1 + Math.floor(random() * 400);
        return { c, a: random() * c };
    });

    // Strictly monotone in exact arithmetic; a tiny load over many servers underflows to 0, where only ≤ can hold.
    test('more servers at the same load: lower P_wait', () => {
        let strict = 0;
        for (const { c, a } of grid) {
            const fewer = erlangC(c, a);
            const more = erlangC(c + 1, a);
            expect(more, `c = ${c}, A = ${a}`).toBeLessThanOrEqual(fewer);
            if (more > 0) {
                expect(more, `c = ${c}, A = ${a}`).toBeLessThan(fewer);
                strict++;
            }
        }
        expect(strict).toBeGreaterThan(200);
    });

    test('more load on the same servers: higher P_wait', () => {
        let strict = 0;
        for (const { c, a } of grid) {
            const heavier = a + (c - a) * 0.25;
            const light = erlangC(c, a);
            const heavy = erlangC(c, heavier);
            expect(heavy, `c = ${c}, A = ${a} → ${heavier}`).toBeGreaterThanOrEqual(light);
            if (light > 0) {
                expect(heavy, `c = ${c}, A = ${a} → ${heavier}`).toBeGreaterThan(light);
                strict++;
            }
        }
        expect(strict).toBeGreaterThan(200);
    });
});

describe('erlangB past the recurrence budget (c and A both large): the Poisson form', () => {
    test('agrees with the recurrence where both still run, to 1e-4 relative', () => {
        // Inside the recurrence's budget, so erlangB is the exact recurrence.
        for (const [c, a] of [[MAX_RECURRENCE_STEPS, 999_000], [MAX_RECURRENCE_STEPS, 990_000], [600_000, 599_000], [600_000, 598_500]]) {
            const exact = erlangB(c, a);
            expect(relativeError(erlangBPoisson(c, a), exact), `c = ${c}, A = ${a}`).toBeLessThan(1e-4);
        }
    });

    test('is used beyond the budget, and gives Halfin–Whitt at c = A + √A for A = 10^20', () => {
        const c = MAX_RECURRENCE_STEPS * 2;
        const a = c - 1000;
        expect(a).toBeGreaterThan(MAX_RECURRENCE_LOAD);
        expect(erlangB(c, a)).toBe(erlangBPoisson(c, a));
        // β = (c − A)/√A = 1: C ≈ [1 + β·Φ(β)/φ(β)]^{−1} = [1 + 0.841345/0.241971]^{−1} = 0.22336 (Halfin & Whitt 1981).
        expect(erlangC(1e20, 1e20 - 1e10)).toBeCloseTo(0.22336, 4);
    });

    test('`latency 100000000ms` sizes: 4·10^10 workers at 0.9 utilization, answered at once', () => {
        const started = performance.now();
        const c = erlangC(4e10, 3.6e10);
        const near = erlangC(4294967297, 4294967297 - 65_536);
        expect(performance.now() - started).toBeLessThan(50);
        expect(c).toBe(0);
        // β = 65,536/65,536 = 1 again.
        expect(near).toBeCloseTo(0.22336, 3);
    });

    test('refuses what the recurrence does better', () => {
        expect(() => erlangBPoisson(10, 5)).toThrow(RangeError);
        expect(() => erlangBPoisson(1e7, 0)).toThrow(RangeError);
    });
});
