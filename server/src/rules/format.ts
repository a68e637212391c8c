/** How numbers read in messages: "99.5%", "6.1 h", "52.6 min". */

/** A fraction as a percentage with up to `digits` decimals, trailing zeros dropped. */
export function formatPercent(fraction: number, digits = 2): string {
    const fixed = (fraction * 100).toFixed(digits);
    const text = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
    return `${text}%`;
}

/** A duration in minutes, in the unit that reads best. */
export function formatDuration(minutes: number): string {
    if (minutes >= 120) return `${(minutes / 60).toFixed(1)} h`;
    if (minutes >= 1) return `${minutes.toFixed(1)} min`;
    return `${(minutes * 60).toFixed(1)} s`;
}

/** A request rate: whole requests per second from 100 up, one decimal below, two significant digits under 1 ("12000 rps", "62.5 rps", "0.05 rps"). */
export function formatRps(rps: number): string {
    const text = rps >= 100 ? String(Math.round(rps)) : rps >= 1 ? String(Number(rps.toFixed(1))) : String(Number(rps.toPrecision(2)));
    return `${text} rps`;
}
