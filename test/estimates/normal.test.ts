import { describe, expect, test } from 'vitest';
import { erfc, normalQuantile } from '../../server/src/estimates/normal.js';

describe('normalQuantile: Φ⁻¹ (Acklam)', () => {
    test('known quantiles (tables of the standard normal)', () => {
        expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
        expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
        expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
        expect(normalQuantile(0.3)).toBeCloseTo(-0.524400513, 8);
    });

    test('is the inverse of Φ = erfc(−x/√2)/2 across both tails and the centre', () => {
        for (const p of [1e-300, 1e-20, 1e-6, 0.02, 0.02425, 0.1, 0.5, 0.9, 0.97575, 0.99, 1 - 1e-9]) {
            const x = normalQuantile(p);
            // erfc is good to 1.2e-7 relative.
            expect(Math.abs(0.5 * erfc(-x / Math.SQRT2) - p) / Math.min(p, 1 - p), `p = ${p}`).toBeLessThan(1e-6);
        }
    });

    test('upper: Φ⁻¹(1 − p) without forming 1 − p, so a tiny p keeps its digits', () => {
        expect(normalQuantile(1e-20, true)).toBeCloseTo(-normalQuantile(1e-20), 12);
        expect(normalQuantile(1e-20, true)).toBeCloseTo(9.262340, 5);
        expect(() => normalQuantile(0)).toThrow(RangeError);
        expect(() => normalQuantile(1)).toThrow(RangeError);
    });
});
