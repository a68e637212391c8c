import { describe, expect, test } from 'vitest';
import { conflictWindow, staleReadAfterWrite } from '../../server/src/estimates/staleness.js';

describe('staleReadAfterWrite: P = f_replica · m / (m + Z)', () => {
    test('reproduces the catalog figure of the ESTIMATES.md JSON example (90% reads, lag 200ms, think 2s → 0.082)', () => {
        expect(staleReadAfterWrite(0.9, 200, 2000).toFixed(3)).toBe('0.082');
    });

    test('grows with the lag and shrinks with the think time', () => {
        expect(staleReadAfterWrite(1, 1000, 1000)).toBe(0.5);
        expect(staleReadAfterWrite(1, 3000, 1000)).toBe(0.75);
        expect(staleReadAfterWrite(1, 1000, 3000)).toBe(0.25);
    });

    test('no reads on replicas, or no lag, gives no stale reads', () => {
        expect(staleReadAfterWrite(0, 200, 2000)).toBe(0);
        expect(staleReadAfterWrite(0.9, 0, 2000)).toBe(0);
        expect(staleReadAfterWrite(0.9, 0, 0)).toBe(0);
    });
});

describe('conflictWindow: P = Σ p_k (1 − e^{−λ_w p_k m})', () => {
    test('ESTIMATES.md oracle: one write every 0.858 s, 90 s window, 100,000 rooms, uniform → 0.1048% exact (0.1049% linear)', () => {
        const p = conflictWindow(1 / 0.858, 90_000, 100_000);
        expect((p * 100).toFixed(4)).toBe('0.1048');
        expect(((1 / 0.858) * 90 / 100_000 * 100).toFixed(4)).toBe('0.1049');
    });

    test('uniform keys: 1 − e^{−λ_w m / K}, about λ_w m / K while small', () => {
        expect(conflictWindow(10, 1000, 100)).toBeCloseTo(1 - Math.exp(-0.1), 12);
        expect(conflictWindow(0.01, 1000, 100)).toBeCloseTo(1e-4, 8);
        expect(conflictWindow(1000, 1000, 10)).toBeCloseTo(1, 12);
        expect(conflictWindow(1000, 1000, 10)).toBeLessThanOrEqual(1);
    });

    test('Zipf keys: the hot keys raise it; the tail expansion past the first keys matches a key-by-key sum', () => {
        const brute = (writes: number, lagSeconds: number, keys: number, s: number): number => {
            let norm = 0;
            for (let k = keys; k >= 1; k--) norm += k ** -s;
            let sum = 0;
            for (let k = keys; k >= 1; k--) {
                const p = k ** -s / norm;
                sum += p * -Math.expm1(-writes * lagSeconds * p);
            }
            return sum;
        };
        // The last: a heavy write rate keeps x ≥ 10⁻³ for about two million keys, summed past the first 10,000 in blocks.
        for (const [writes, lag, keys, s] of [[50, 0.5, 300_000, 1.1], [5, 2, 50_000, 0.8], [500, 0.1, 1_000_000, 1.3], [200_000, 0.3, 3_000_000, 0.9]]) {
            expect(conflictWindow(writes, lag * 1000, keys, s) / brute(writes, lag, keys, s)).toBeCloseTo(1, 6);
        }
        expect(conflictWindow(50, 500, 300_000, 1.1)).toBeGreaterThan(conflictWindow(50, 500, 300_000, 0));
    });

    test('refuses a key space with no keys', () => {
        expect(() => conflictWindow(1, 1000, 0)).toThrow(RangeError);
    });
});
