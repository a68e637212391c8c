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

describe('conflictWindow: P = λ_w × m / K', () => {
    test('ESTIMATES.md oracle: one write every 0.858 s, 90 s window, 100,000 rooms, uniform → 0.1049%', () => {
        const p = conflictWindow(1 / 0.858, 90_000, 100_000);
        expect((p * 100).toFixed(4)).toBe('0.1049');
    });

    test('is linear in the write rate and the lag, inverse in the keys', () => {
        expect(conflictWindow(10, 1000, 100)).toBeCloseTo(0.1, 12);
        expect(conflictWindow(20, 1000, 100)).toBeCloseTo(0.2, 12);
        expect(conflictWindow(10, 2000, 100)).toBeCloseTo(0.2, 12);
        expect(conflictWindow(10, 1000, 200)).toBeCloseTo(0.05, 12);
    });

    test('is a probability: capped at 1 when every key changes within a window', () => {
        expect(conflictWindow(1000, 1000, 10)).toBe(1);
    });

    test('refuses a key space with no keys', () => {
        expect(() => conflictWindow(1, 1000, 0)).toThrow(RangeError);
    });
});
