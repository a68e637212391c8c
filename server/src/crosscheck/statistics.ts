/**
 * How the cross-check states its own error: every figure is the mean of B batch figures (equal
 * stretches of simulated time, after a warm-up), and its standard error the batches' standard
 * deviation over √B. Batches long against the process's memory are nearly independent, which is
 * what batch means rest on; the 95% interval uses Student's t with B − 1 degrees of freedom.
 */

export interface Estimate {
    value: number;
    standardError: number;
    /** The 95% confidence interval. */
    low: number;
    high: number;
    /**
     * Degrees of freedom of the standard error: batches − 1 where it was estimated from batches (its
     * own uncertainty then makes Student's t, not the normal, the scale to hold a difference to);
     * absent where it is not estimated from batches.
     */
    degrees?: number;
}

/** The estimate from per-batch figures (NaN batches, where nothing was measured, are left out). */
export function batchEstimate(batchValues: readonly number[]): Estimate {
    const values = batchValues.filter(v => !Number.isNaN(v));
    const n = values.length;
    if (n === 0) return { value: NaN, standardError: NaN, low: NaN, high: NaN };
    const mean = values.reduce((sum, v) => sum + v, 0) / n;
    if (n === 1) return { value: mean, standardError: NaN, low: NaN, high: NaN };
    const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
    const standardError = Math.sqrt(variance / n);
    const half = studentT975(n - 1) * standardError;
    return { value: mean, standardError, low: mean - half, high: mean + half, degrees: n - 1 };
}

/**
 * The estimate with its standard error raised to at least `floor`: the error the same figure would have
 * from independent samples (√N / T for a count of Poisson arrivals, σ / √n for a mean, √(q(1 − q) / n)
 * for a share). Samples of a queue are positively correlated, so their true error is never below that;
 * batch means estimate it from a handful of batches, and when the batches hold few samples each their
 * spread can fall well short of it by chance (a node visited 5 times a second, 110 visits in a run).
 */
export function withFloor(estimate: Estimate, floor: number, batches: number): Estimate {
    if (!(floor > estimate.standardError) || !Number.isFinite(estimate.value)) return estimate;
    const half = studentT975(Math.max(1, batches - 1)) * floor;
    return { value: estimate.value, standardError: floor, low: estimate.value - half, high: estimate.value + half, degrees: Math.max(1, batches - 1) };
}

/** Student's t 97.5% quantile: the Cornish–Fisher expansion around the normal's 1.96 (within 0.3% from 4 degrees of freedom up, 0.001% from 19: the batch counts used). */
export function studentT975(degrees: number): number {
    return studentT(1.959964, degrees);
}

/**
 * Student's t quantile with `degrees` degrees of freedom at the level where the normal's quantile is
 * `z`, by the Cornish–Fisher expansion (Abramowitz and Stegun 26.7.5). At z = 4 (a two-sided
 * 6.3·10⁻⁵): 5.10 for 19 degrees (exact 5.102), 4.48 for 39 (4.481).
 */
export function studentT(z: number, degrees: number): number {
    if (!Number.isFinite(degrees)) return z;
    const d = degrees;
    return z + (z ** 3 + z) / (4 * d) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * d * d) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * d ** 3);
}

/** The q-quantile of `values` (sorted in place), by the nearest rank. */
export function quantileInPlace(values: Float64Array | number[], q: number): number {
    if (values.length === 0) return NaN;
    values.sort((a, b) => a - b);
    return values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))];
}

/**
 * Time averages of many piecewise-constant quantities, per batch: each quantity is told its new value
 * when it changes, and the time it held the old one is added to the batches that time falls in.
 * Time before `start` (the warm-up) counts nowhere.
 */
export class TimeAverages {
    private readonly values: Float64Array;
    private readonly since: Float64Array;
    private readonly sums: Float64Array;
    private readonly batchLength: number;

    constructor(readonly count: number, readonly start: number, readonly end: number, readonly batches: number, initial: ArrayLike<number>) {
        this.values = Float64Array.from(initial);
        this.since = new Float64Array(count).fill(start);
        this.sums = new Float64Array(count * batches);
        this.batchLength = (end - start) / batches;
    }

    value(index: number): number {
        return this.values[index];
    }

    set(index: number, value: number, time: number): void {
        if (value === this.values[index]) return;
        this.accumulate(index, Math.min(time, this.end));
        this.values[index] = value;
    }

    /** Per quantity, its average in each batch. */
    finish(): Float64Array[] {
        const averages: Float64Array[] = [];
        for (let i = 0; i < this.count; i++) {
            this.accumulate(i, this.end);
            const row = new Float64Array(this.batches);
            for (let b = 0; b < this.batches; b++) row[b] = this.sums[b * this.count + i] / this.batchLength;
            averages.push(row);
        }
        return averages;
    }

    private accumulate(index: number, time: number): void {
        let from = this.since[index];
        if (time <= from) return;
        const value = this.values[index];
        this.since[index] = time;
        if (value === 0) return;
        let batch = Math.min(this.batches - 1, Math.max(0, Math.floor((from - this.start) / this.batchLength)));
        while (from < time) {
            const batchEnd = batch >= this.batches - 1 ? this.end : this.start + (batch + 1) * this.batchLength;
            if (batchEnd > from) {
                const to = Math.min(time, batchEnd);
                this.sums[batch * this.count + index] += value * (to - from);
                from = to;
            }
            // Also when rounding put `from` on the batch's end: the next batch takes the rest.
            if (from >= batchEnd) batch++;
        }
    }
}

/**
 * The q-quantile of samples gathered in time batches, with its error. The value is the quantile of
 * every sample. Its error comes from batch means on the share of samples above it (the quantile's
 * Bahadur representation: x̂ − x ≈ (p̂ − (1 − q)) / f(x)): the share above the value is measured per
 * batch, its standard error taken from the batches (so the samples' correlation within a busy queue
 * counts, as it does for a mean) and raised to at least independent samples' (`withFloor`), then
 * turned into the value's through the local slope of the sorted samples,
 * (x at rank q + δ − x at rank q − δ) / 2δ, with δ twice that standard error (at least half of 1 − q,
 * and 5 samples' worth). With fewer than 5 batches holding samples, or fewer than MIN_ABOVE samples
 * above the quantile, its error is not known (Infinity): the distribution-free interval of the order
 * statistics would take a queue's correlated samples as independent and understate it (measured: a
 * p99 from 750 samples of an M/M/1 at ρ = 0.4, 5 standard errors off that interval's).
 */
export function quantileEstimate(batches: readonly number[][], q: number): Estimate {
    const all = batches.flat();
    const n = all.length;
    if (n === 0) return { value: NaN, standardError: NaN, low: NaN, high: NaN };
    const sorted = Float64Array.from(all).sort();
    const at = (rank: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil(rank) - 1))];
    const value = at(q * n);
    const filled = batches.filter(batch => batch.length > 0);
    if (filled.length < 5 || n * (1 - q) < MIN_ABOVE) return { value, standardError: Infinity, low: -Infinity, high: Infinity };
    const above = batchEstimate(filled.map(batch => batch.reduce((count, v) => count + (v > value ? 1 : 0), 0) / batch.length));
    const shareError = Math.max(above.standardError, Math.sqrt((q * (1 - q)) / n));
    const delta = Math.min(q, 1 - q, Math.max(2 * shareError, 0.5 * (1 - q), 5 / n)) * 0.999;
    const slope = (at((q + delta) * n) - at((q - delta) * n)) / (2 * delta);
    const standardError = shareError * slope;
    const half = studentT975(filled.length - 1) * standardError;
    return { value, standardError, low: value - half, high: value + half, degrees: filled.length - 1 };
}

/** Samples above a quantile needed before its error is estimated (for a p99: 2,000 samples). */
export const MIN_ABOVE = 20;
