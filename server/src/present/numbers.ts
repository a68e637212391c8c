/**
 * The one place a number becomes text (issue 10: the hover, the rule messages and the CLI
 * used to show the same rate as `12k rps`, `12000 rps` and the same availability as
 * `99.999%` and `100%`). One formatter per kind, each chosen for reading:
 * rates `12,000 rps` · `62.5 rps` · `0.05 rps`; percentages `78%` · `4.5%` · `0.37%`;
 * availabilities with their nines `99.999%`; durations `0.85 ms` · `41 ms` · `1.2 s` · `30 min` · `6.1 h`.
 * Pure: no Langium, no Node, no LSP (test/architecture/layers.ts).
 */

/** Trailing zeros dropped: 2.50 → 2.5, 3.0 → 3. */
function trim(value: number, digits: number): string {
    return String(Number(value.toFixed(digits)));
}

/** Two significant digits, never in exponent form for the small values shown here (0.05, 0.0012). */
function significant(value: number, digits = 2): string {
    const text = String(Number(value.toPrecision(digits)));
    if (!text.includes('e')) return text;
    const decimals = digits - 1 - Math.floor(Math.log10(Math.abs(value)));
    // Past 20 decimals a fixed form is a row of zeros to count: the exponent form (1e-298) reads better.
    if (decimals > 20) return text;
    return value.toFixed(Math.max(0, decimals)).replace(/0+$/, '').replace(/\.$/, '');
}

/** A whole number with thousands separators: 12,000; 3; 2,000,000. */
export function formatCount(value: number): string {
    if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : 'NaN';
    // Past 10^21 toLocaleString-like grouping of the fixed form would need BigInt; a double this large reads as well in exponent form.
    if (Math.abs(value) >= 1e21) return value.toPrecision(3);
    const rounded = Math.round(value);
    const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${rounded < 0 ? '-' : ''}${digits}`;
}

/**
 * A number as read in a sentence: whole with separators from 100 up (exact enough for
 * requests, rows and keys), one decimal below, two significant digits under 1.
 */
export function formatNumber(value: number): string {
    if (!Number.isFinite(value)) return formatCount(value);
    const magnitude = Math.abs(value);
    if (magnitude >= 100) return formatCount(value);
    if (magnitude >= 1) return trim(value, 1);
    if (value === 0) return '0';
    return significant(value);
}

/** A request rate: `12,000 rps`, `250 rps`, `62.5 rps`, `0.05 rps`. */
export function formatRate(rps: number): string {
    return `${formatNumber(rps)} rps`;
}

/**
 * A fraction as a percentage with the digits that matter: whole from 10% up (`78%`, `150%`),
 * one decimal from 1% (`4.5%`), two significant digits below (`0.37%`). A share that is not
 * exactly 0 or 1 never reads `0%` or `100%`: digits are added until it differs (`99.96%`, `0.0001%`).
 */
export function formatPercent(fraction: number): string {
    const percent = fraction * 100;
    if (!Number.isFinite(percent)) return percent > 0 ? '∞%' : percent < 0 ? '−∞%' : 'NaN%';
    if (percent === 0) return '0%';
    const magnitude = Math.abs(percent);
    let text = magnitude >= 10 ? String(Math.round(percent)) : magnitude >= 1 ? trim(percent, 1) : significant(percent);
    if (text === '100' || text === '-100') {
        // 99.96% is not 100%: show digits until it is told apart from the whole.
        for (let digits = 1; digits <= 15 && Number(text) !== percent && Math.abs(Number(text)) === 100; digits++) text = trim(percent, digits);
    }
    return `${text}%`;
}

/**
 * An availability with the digits that show its nines: `99.5%`, `99.95%`, `99.999%`,
 * `99.9993%`. Only exactly 1 reads `100%` and only exactly 0 reads `0%`.
 */
export function formatAvailability(availability: number): string {
    if (Number.isNaN(availability)) return 'NaN%';
    if (availability >= 1) return '100%';
    if (availability <= 0) return '0%';
    const nines = -Math.log10(1 - availability);
    const digits = Math.min(100, Math.max(1, Math.ceil(nines) - 1));
    let text = trim(availability * 100, digits);
    // Nearer 0 than its first decimal: two significant digits instead of `0%`.
    if (Number(text) === 0) text = significant(availability * 100);
    // 1 − 10⁻¹⁶ and nearer are 1 in a double already; in between, one more digit keeps `100%` out.
    if (Number(text) === 100) text = trim(availability * 100, digits + 1);
    return `${text}%`;
}

/**
 * A duration in the unit that reads best: `0.85 ms`, `31.2 ms`, `241 ms`, `1.2 s`,
 * `30 min`, `52.6 min`, `6.1 h`. Latencies, promotion times and downtime all read this way.
 */
export function formatDuration(ms: number): string {
    if (!Number.isFinite(ms)) return ms > 0 || Number.isNaN(ms) ? '∞' : '−∞';
    const magnitude = Math.abs(ms);
    if (magnitude < 1000) return `${magnitude >= 100 ? String(Math.round(ms)) : trim(ms, magnitude >= 10 ? 1 : 2)} ms`;
    if (magnitude < 120_000) return `${trim(ms / 1000, 1)} s`;
    if (magnitude < 120 * 60_000) return `${trim(ms / 60_000, 1)} min`;
    return `${formatNumber(Number((ms / 3_600_000).toFixed(1)))} h`;
}

/** A duration given in minutes (downtime a year, promotion times). */
export function formatMinutes(minutes: number): string {
    return formatDuration(minutes * 60_000);
}

/** A ratio such as busiest shard / mean: `1.85`. */
export function formatRatio(value: number): string {
    return Number.isFinite(value) ? value.toFixed(2) : formatCount(value);
}

/** Nines of an availability: `3.30`. */
export function formatNines(nines: number): string {
    return nines.toFixed(2);
}
