/** `value` to `digits` decimals, as the estimates report their figures; Infinity and NaN as they are. */
export function roundTo(value: number, digits: number): number {
    if (!Number.isFinite(value)) return value;
    const factor = 10 ** digits;
    return Math.round(value * factor) / factor;
}
