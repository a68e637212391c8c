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
    return { value: mean, standardError, low: mean - half, high: mean + half };
}

/** Student's t 97.5% quantile: the Cornish–Fisher expansion around the normal's 1.96 (within 0.3% from 4 degrees of freedom up, 0.001% from 19: the batch counts used). */
export function studentT975(degrees: number): number {
    const z = 1.959964;
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
 * every sample. Its error is the spread of the quantiles of groups of consecutive batches, each
 * group with at least `perGroup` samples so that its quantile means something; with fewer than 5
 * such groups, the distribution-free interval of the order statistics (ranks nq ± 1.96·√(nq(1 − q)))
 * stands in, which takes the samples as independent and so understates the error of a queue's.
 */
export function quantileEstimate(batches: readonly number[][], q: number, perGroup = 200): Estimate {
    const all = batches.flat();
    const n = all.length;
    if (n === 0) return { value: NaN, standardError: NaN, low: NaN, high: NaN };
    const sorted = Float64Array.from(all).sort();
    const at = (rank: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil(rank) - 1))];
    const value = at(q * n);
    const groupCount = Math.min(batches.length, Math.floor(n / perGroup));
    if (groupCount >= 5) {
        const groups: number[][] = Array.from({ length: groupCount }, () => []);
        batches.forEach((batch, b) => groups[Math.min(groupCount - 1, Math.floor((b * groupCount) / batches.length))].push(...batch));
        const spread = batchEstimate(groups.map(group => quantileInPlace(group, q)));
        return { value, standardError: spread.standardError, low: value - (spread.value - spread.low), high: value + (spread.high - spread.value) };
    }
    const half = 1.959964 * Math.sqrt(n * q * (1 - q));
    const low = at(n * q - half), high = at(n * q + half + 1);
    return { value, standardError: (high - low) / (2 * 1.959964), low, high };
}
