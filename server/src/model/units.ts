/** Units of the .arch language, shared by the builder and the validator. */

export const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
export const RATE_UNITS: Readonly<Record<string, number>> = { rps: 1 };

/** Milliseconds for `value unit`, or undefined when the unit is missing or unknown. */
export function durationMs(value: number | undefined, unit: string | undefined): number | undefined {
    if (value === undefined || unit === undefined) return undefined;
    const factor = DURATION_UNITS[unit];
    return factor === undefined ? undefined : value * factor;
}

/** Requests per second for `value unit`, or undefined when the unit is missing or unknown. */
export function rateRps(value: number | undefined, unit: string | undefined): number | undefined {
    if (value === undefined || unit === undefined) return undefined;
    const factor = RATE_UNITS[unit];
    return factor === undefined ? undefined : value * factor;
}

/** A percentage as a fraction, or undefined outside 0..100. */
export function percentShare(value: number | undefined): number | undefined {
    if (value === undefined || !(value >= 0 && value <= 100)) return undefined;
    return value / 100;
}
