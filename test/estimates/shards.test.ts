import { describe, expect, test } from 'vitest';
import { EXACT_HARMONIC_TERMS, generalizedHarmonic, harmonicEulerMaclaurin, harmonicExact } from '../../server/src/estimates/power-sums.js';
import {
    MAX_DENSE_SHARDS,
    busiestShardOverMean,
    consistentHashLoadCv,
    consistentHashMovedShare,
    hashModMovedShare,
    monotonicBusiestOverMean,
    zipfTopKeyShare
} from '../../server/src/estimates/shards.js';
import { mulberry32 } from '../../server/src/estimates/random.js';

/** Euler's constant γ. */
const EULER_GAMMA = 0.5772156649015329;
/** E[max of 16 independent standard normals] (tables of normal order statistics, e.g. Harter 1961). */
const EXPECTED_MAX_OF_16_NORMALS = 1.76599;

describe('ESTIMATES.md oracles', () => {
    test('Zipf s = 1 over 10⁶ keys: the top key takes 6.95% of requests', () => {
        expect((zipfTopKeyShare(1_000_000, 1) * 100).toFixed(2)).toBe('6.95');
    });

    test('hash mod resharding 64 → 65: 98.46% of rows move', () => {
        expect((hashModMovedShare(64) * 100).toFixed(2)).toBe('98.46');
    });
});

describe('generalizedHarmonic: H_{K,s} = Σ_{i=1..K} i^{−s}', () => {
    test('small sums by hand', () => {
        expect(generalizedHarmonic(1, 1.3)).toBe(1);
        expect(generalizedHarmonic(3, 1)).toBeCloseTo(1 + 1 / 2 + 1 / 3, 15);
        expect(generalizedHarmonic(4, 2)).toBeCloseTo(1 + 1 / 4 + 1 / 9 + 1 / 16, 15);
        expect(generalizedHarmonic(7, 0)).toBe(7);
    });

    test('exact summation and Euler–Maclaurin agree to 1e-9 relative around the switch-over, for s = 1 and s ≠ 1', () => {
        for (const s of [0, 0.5, 1, 1 + 1e-9, 1.1, 2, 3.5]) {
            for (const keys of [EXACT_HARMONIC_TERMS, EXACT_HARMONIC_TERMS + 1]) {
                const exact = harmonicExact(keys, s);
                const approximation = harmonicEulerMaclaurin(keys, s);
                expect(Math.abs(approximation - exact)).toBeLessThanOrEqual(1e-9 * exact);
            }
        }
    });

    test('switches method at EXACT_HARMONIC_TERMS without a step: H_{K+1} − H_K = (K+1)^{−s} across it', () => {
        const K = EXACT_HARMONIC_TERMS;
        for (const s of [0.5, 1, 1.1]) {
            const step = generalizedHarmonic(K + 1, s) - generalizedHarmonic(K, s);
            // The step is ~1e-6 of the sum: this holds only if both methods are right to ~1e-15.
            expect(Math.abs(step - Math.pow(K + 1, -s))).toBeLessThanOrEqual(1e-3 * Math.pow(K + 1, -s));
        }
    });

    test('far beyond exact summation it matches the known asymptotics: ln K + γ + 1/(2K) for s = 1, ζ(2) − 1/K for s = 2', () => {
        const K = 1e12;
        expect(generalizedHarmonic(K, 1)).toBeCloseTo(Math.log(K) + EULER_GAMMA + 1 / (2 * K), 12);
        expect(generalizedHarmonic(K, 2)).toBeCloseTo(Math.PI ** 2 / 6 - 1 / K, 14);
        expect(generalizedHarmonic(K, 0)).toBe(K);
    });

    test('refuses no keys, fractional keys and a negative exponent', () => {
        expect(() => generalizedHarmonic(0, 1)).toThrow(RangeError);
        expect(() => generalizedHarmonic(2.5, 1)).toThrow(RangeError);
        expect(() => generalizedHarmonic(10, -1)).toThrow(RangeError);
    });
});

describe('zipfTopKeyShare: 1 / H_{K,s}', () => {
    test('uniform keys (s = 0): each key, the top one included, gets 1/K', () => {
        expect(zipfTopKeyShare(1000, 0)).toBe(1 / 1000);
        expect(zipfTopKeyShare(1, 0)).toBe(1);
    });

    test('grows with the skew and shrinks with the keys', () => {
        expect(zipfTopKeyShare(10_000, 1.2)).toBeGreaterThan(zipfTopKeyShare(10_000, 1));
        expect(zipfTopKeyShare(100_000, 1)).toBeLessThan(zipfTopKeyShare(10_000, 1));
    });
});

describe('busiestShardOverMean: seeded Monte Carlo over hash placement', () => {
    test('is deterministic: the same input and seed give the same number', () => {
        const input = { keys: 50_000, zipf: 0.9, shards: 16, seed: 42 };
        expect(busiestShardOverMean(input)).toBe(busiestShardOverMean({ ...input }));
        expect(busiestShardOverMean({ ...input, seed: 43 })).not.toBe(busiestShardOverMean(input));
    });

    test('one shard holds everything: exactly 1', () => {
        expect(busiestShardOverMean({ keys: 1_000_000, zipf: 1.1, shards: 1 })).toBe(1);
    });

    test('one key: its shard takes all the load, N times the mean', () => {
        expect(busiestShardOverMean({ keys: 1, zipf: 1, shards: 8, seed: 5 })).toBeCloseTo(8, 12);
    });

    test('two uniform keys on two shards: they share a shard half the time, so the expected ratio is 1.5', () => {
        expect(busiestShardOverMean({ keys: 2, zipf: 0, shards: 2, seed: 9, trials: 4000 })).toBeCloseTo(1.5, 1);
    });

    test('lies in [1, N] over a seeded grid of keys, skews and shards', () => {
        const random = mulberry32(2024);
        for (let i = 0; i < 30; i++) {
            const keys = 1 + Math.floor(random() * 20_000);
            const zipf = random() * 2.5;
            const shards = 1 + Math.floor(random() * 64);
            const ratio = busiestShardOverMean({ keys, zipf, shards, seed: i, trials: 20 });
            expect(ratio).toBeGreaterThanOrEqual(1);
            expect(ratio).toBeLessThanOrEqual(shards);
        }
    });

    test('grows with the skew s', () => {
        let previous = 0;
        for (const zipf of [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2]) {
            const ratio = busiestShardOverMean({ keys: 10_000, zipf, shards: 16, seed: 1 });
            expect(ratio).toBeGreaterThan(previous);
            previous = ratio;
        }
    });

    test('uniform keys, K = 10⁶ ≫ N = 16: close to 1, as the normal limit 1 + E[max of 16 normals]·√(N/K) says', () => {
        const keys = 1_000_000;
        const shards = 16;
        const ratio = busiestShardOverMean({ keys, zipf: 0, shards, seed: 1 });
        expect(ratio).toBeGreaterThan(1);
        expect(ratio).toBeLessThan(1.03);
        // Each shard's count is Binomial(K, 1/N): mean K/N, sd √(K/N · (1 − 1/N)); the counts sum to K.
        expect(Math.abs(ratio - (1 + EXPECTED_MAX_OF_16_NORMALS * Math.sqrt(shards / keys)))).toBeLessThan(5e-4);
    });

    test('one dominant key (s = 2): the busiest shard holds at least the top key, so busiest/mean ≥ topShare × N', () => {
        const keys = 50;
        const shards = 8;
        const bound = zipfTopKeyShare(keys, 2) * shards;
        for (let seed = 0; seed < 10; seed++) {
            expect(busiestShardOverMean({ keys, zipf: 2, shards, seed, trials: 50 })).toBeGreaterThanOrEqual(bound);
        }
    });

    test('placing the light keys as a normal aggregate matches placing every key one by one', () => {
        for (const [keys, zipf, shards] of [[20_000, 0.8, 16], [20_000, 0.3, 8], [5_000, 1.1, 32]] as const) {
            const aggregate = busiestShardOverMean({ keys, zipf, shards, seed: 3, trials: 2000, simulatedKeys: 200 });
            const individual = busiestShardOverMean({ keys, zipf, shards, seed: 4, trials: 400, simulatedKeys: keys });
            expect(Math.abs(aggregate - individual)).toBeLessThan(0.02 * individual);
        }
    });

    test('refuses no shards, no keys, a negative skew and zero trials', () => {
        expect(() => busiestShardOverMean({ keys: 10, zipf: 1, shards: 0 })).toThrow(RangeError);
        expect(() => busiestShardOverMean({ keys: 0, zipf: 1, shards: 4 })).toThrow(RangeError);
        expect(() => busiestShardOverMean({ keys: 10, zipf: -1, shards: 4 })).toThrow(RangeError);
        expect(() => busiestShardOverMean({ keys: 10, zipf: 1, shards: 4, trials: 0 })).toThrow(RangeError);
    });
});

describe('monotonic range/date keys: every insert on one shard', () => {
    test('busiest/mean for writes is N', () => {
        expect(monotonicBusiestOverMean(1)).toBe(1);
        expect(monotonicBusiestOverMean(16)).toBe(16);
    });
});

describe('resharding N → N+1', () => {
    test('hash mod moves N/(N+1): counted key by key over one period of N(N+1) keys', () => {
        for (const shards of [1, 2, 7, 64]) {
            const period = shards * (shards + 1);
            let moved = 0;
            for (let key = 0; key < period; key++) if (key % shards !== key % (shards + 1)) moved++;
            expect(hashModMovedShare(shards)).toBeCloseTo(moved / period, 15);
        }
    });

    test('consistent hashing moves only what the new node takes: 1/(N+1)', () => {
        expect(consistentHashMovedShare(1)).toBe(0.5);
        expect(consistentHashMovedShare(64)).toBe(1 / 65);
    });
});

describe('consistentHashLoadCv: √((N−1)/(Nv+1))', () => {
    test('one node owns the whole ring: no variation', () => {
        expect(consistentHashLoadCv(1, 100)).toBe(0);
    });

    test('two nodes, one point each: a share uniform on [0, 1] has CV (1/√12)/(1/2) = 1/√3', () => {
        expect(consistentHashLoadCv(2, 1)).toBeCloseTo(1 / Math.sqrt(3), 15);
    });

    test('more virtual nodes smooth the load', () => {
        expect(consistentHashLoadCv(16, 100)).toBeLessThan(consistentHashLoadCv(16, 10));
        expect(consistentHashLoadCv(16, 100)).toBeCloseTo(Math.sqrt(15 / 1601), 15);
    });

    test('matches a seeded simulation of rings with N·v random points', () => {
        const shards = 8;
        const virtualNodes = 4;
        const random = mulberry32(77);
        const shares: number[] = [];
        for (let ring = 0; ring < 3000; ring++) {
            const points = Array.from({ length: shards * virtualNodes }, (_, i) => ({ at: random(), node: i % shards }));
            points.sort((x, y) => x.at - y.at);
            const owned = new Array<number>(shards).fill(0);
            // Each point owns the arc from the previous point up to itself (the first one wraps around).
            points.forEach((point, i) => {
                const previous = i === 0 ? points[points.length - 1].at - 1 : points[i - 1].at;
                owned[point.node] += point.at - previous;
            });
            shares.push(...owned);
        }
        const mean = shares.reduce((x, y) => x + y, 0) / shares.length;
        const variance = shares.reduce((x, y) => x + (y - mean) ** 2, 0) / shares.length;
        const cv = Math.sqrt(variance) / mean;
        expect(mean).toBeCloseTo(1 / shards, 12);
        expect(Math.abs(cv - consistentHashLoadCv(shards, virtualNodes))).toBeLessThan(0.03 * cv);
    });
});

describe('busiestShardOverMean past MAX_DENSE_SHARDS: only the shards that hold a placed key are kept', () => {
    test('agrees with the dense trial across the boundary (within the Monte Carlo error)', () => {
        for (const [keys, zipf] of [[2_000_000, 1.1], [1000, 0], [2_000_000, 0], [50_000, 0.5]]) {
            const dense = busiestShardOverMean({ keys, zipf, shards: MAX_DENSE_SHARDS, seed: 1 });
            const sparse = busiestShardOverMean({ keys, zipf, shards: MAX_DENSE_SHARDS + 1, seed: 1 });
            expect(Math.abs(sparse - dense) / dense, `keys ${keys} zipf ${zipf}`).toBeLessThan(0.02);
        }
    });

    test('`shards 4294967297` (past the largest typed array) and 10^20: no array per shard, the top key\'s shard', () => {
        for (const shards of [4294967297, 1e20]) {
            const started = performance.now();
            const ratio = busiestShardOverMean({ keys: 2_000_000, zipf: 1.1, shards, seed: 1 });
            expect(performance.now() - started).toBeLessThan(2000);
            // With far more shards than keys, every heavy key has a shard of its own: the busiest holds the
            // top key, 1/H_{K,s} of the load, against a mean of 1/N: N / H_{K,s}.
            expect(ratio / (shards * zipfTopKeyShare(2_000_000, 1.1))).toBeCloseTo(1, 3);
            expect(ratio).toBeLessThanOrEqual(shards);
        }
    });

    test('uniform keys over 10^8 shards: about N/K with a few collisions, never below 1', () => {
        // 1000 keys over 10^8 shards: collisions are rare (≈ K²/2N = 0.5%), so the busiest holds one key: N/K.
        const ratio = busiestShardOverMean({ keys: 1000, zipf: 0, shards: 1e8, seed: 1 });
        expect(ratio / (1e8 / 1000)).toBeGreaterThan(1 - 1e-9);
        expect(ratio / (1e8 / 1000)).toBeLessThan(1.05);
    });
});
