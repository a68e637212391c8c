/** The cross-check's own random numbers and error arithmetic, on cases with known answers. */
import { expect, test } from 'vitest';
import { createRandom } from '../../server/src/crosscheck/random.js';
import { batchEstimate, quantileEstimate, studentT975, TimeAverages } from '../../server/src/crosscheck/statistics.js';

test('the generator is seeded: same seed and stream, same numbers; another stream, other numbers', () => {
    const draw = (seed: number, stream: number) => Array.from({ length: 5 }, createRandom(seed, stream).uniform);
    expect(draw(1, 0)).toEqual(draw(1, 0));
    expect(draw(1, 0)).not.toEqual(draw(1, 1));
    expect(draw(1, 0)).not.toEqual(draw(2, 0));
});

test('uniforms are in [0, 1) with mean 1/2; exponentials have their mean and a variance of mean²', () => {
    const random = createRandom(9);
    const n = 200_000;
    let sum = 0, min = 1, max = 0, expSum = 0, expSquares = 0;
    for (let i = 0; i < n; i++) {
        const u = random.uniform();
        sum += u;
        min = Math.min(min, u);
        max = Math.max(max, u);
        const x = random.exponential(3);
        expSum += x;
        expSquares += x * x;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Standard errors: uniform mean √(1/12/n) ≈ 0.00065; exponential mean 3/√n ≈ 0.0067.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(expSum / n - 3)).toBeLessThan(4 * 3 / Math.sqrt(n));
    expect(expSquares / n - (expSum / n) ** 2).toBeCloseTo(9, 0);
});

test('batch means: mean, standard error over √B, Student\'s t interval', () => {
    const estimate = batchEstimate([1, 2, 3, 4, 5]);
    expect(estimate.value).toBe(3);
    expect(estimate.standardError).toBeCloseTo(Math.sqrt(2.5 / 5), 12);
    // Tables: t(4) = 2.776445, t(19) = 2.093024, t(39) = 2.022691.
    expect(Math.abs(studentT975(4) / 2.776445 - 1)).toBeLessThan(0.003);
    expect(Math.abs(studentT975(19) / 2.093024 - 1)).toBeLessThan(0.00001);
    expect(Math.abs(studentT975(39) / 2.022691 - 1)).toBeLessThan(0.00001);
    expect(estimate.high - estimate.value).toBeCloseTo(studentT975(4) * estimate.standardError, 12);
});

test('time averages split a constant stretch over the batches it spans, and leave out the warm-up', () => {
    // From 10 to 50 in 4 batches of 10; a value of 1 held from 5 (in the warm-up) to 25, then 0.5 to the end.
    const averages = new TimeAverages(1, 10, 50, 4, [1]);
    averages.set(0, 0.5, 25);
    expect(Array.from(averages.finish()[0])).toEqual([1, 0.75, 0.5, 0.5]);
});

test('a p99 over batches: the quantile of all samples; with few samples, no error', () => {
    const batches = Array.from({ length: 10 }, (_, b) => Array.from({ length: 1000 }, (_, i) => b * 1000 + i + 1));
    const estimate = quantileEstimate(batches, 0.99);
    expect(estimate.value).toBe(9900);
    expect(estimate.standardError).toBeGreaterThan(0);
    const few = quantileEstimate([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], 0.5);
    expect(few.value).toBe(5);
    expect(few.low).toBeLessThan(5);
    expect(few.high).toBeGreaterThan(5);
});
