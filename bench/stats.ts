/** Summary statistics of timing samples. */

export function median(samples: readonly number[]): number {
    return quantile(samples, 0.5);
}

/** The q-quantile (0..1) by linear interpolation between the two nearest samples. */
export function quantile(samples: readonly number[], q: number): number {
    if (samples.length === 0) return NaN;
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (sorted.length - 1) * q;
    const low = Math.floor(at);
    const high = Math.ceil(at);
    return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}
