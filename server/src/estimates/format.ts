/** How estimates read in the CLI, hovers, code lenses and the diagram: "12k rps", "99.95%", "4.4 h", "41 ms", "78%". */

export function formatRps(rps: number): string {
    if (rps >= 10_000) return `${Number((rps / 1000).toFixed(1))}k rps`;
    return `${Number(rps.toFixed(rps < 10 ? 2 : 0))} rps`;
}

/** An availability with enough decimals to show its nines: 99.5%, 99.95%, 99.9993%. */
export function formatAvailability(availability: number): string {
    if (availability >= 1) return '100%';
    if (availability <= 0) return '0%';
    const nines = -Math.log10(1 - availability);
    const digits = Math.min(8, Math.max(1, Math.ceil(nines) - 1));
    const text = (availability * 100).toFixed(digits);
    return `${text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text}%`;
}

export function formatMinutesPerYear(minutes: number): string {
    if (minutes >= 120) return `${(minutes / 60).toFixed(1)} h`;
    if (minutes >= 1) return `${minutes.toFixed(1)} min`;
    return `${(minutes * 60).toFixed(1)} s`;
}

/** Trailing zeros dropped: 2.50 → 2.5, 3.0 → 3. */
function trim(value: number, digits: number): string {
    return String(Number(value.toFixed(digits)));
}

/** 0.85 ms, 41 ms, 31.2 ms, 1.25 s, 2.5 min. */
export function formatMs(ms: number): string {
    if (!Number.isFinite(ms)) return '∞';
    if (ms >= 120_000) return `${trim(ms / 60_000, 1)} min`;
    if (ms >= 1000) return `${trim(ms / 1000, 2)} s`;
    if (ms >= 100) return `${Math.round(ms)} ms`;
    return `${trim(ms, ms >= 10 ? 1 : 2)} ms`;
}

/** A fraction as a percentage with the digits that matter: 78%, 4.5%, 0.37%. */
export function formatPercent(fraction: number): string {
    const percent = fraction * 100;
    if (!Number.isFinite(percent)) return '∞%';
    if (Math.abs(percent) >= 10 || percent === 0) return `${Math.round(percent)}%`;
    return `${trim(percent, Math.abs(percent) >= 1 ? 1 : 2)}%`;
}
