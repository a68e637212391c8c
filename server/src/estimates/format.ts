/** How estimates read in the CLI, hovers and code lenses: "12k rps", "99.95%", "4.4 h". */

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
