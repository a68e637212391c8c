/**
 * The system-wide phrases every output shares (CLI text, hover, Markdown): how the availability was
 * computed, which tiers the peak overloads, and which nodes cost the most downtime (ESTIMATES.md,
 * "Availability": "the summary ranks nodes by the yearly downtime they cost").
 */
import type { SimulationResult } from '../estimates/simulate.js';
import { formatCount, formatMinutes, formatPercent } from './numbers.js';

/** "2.9x the peak (api reaches 100% first)": how far every client's peak can grow. */
export function breakingPointInWords(point: { factor: number; bottleneck: string }, name: (node: string) => string = node => node): string {
    const factor = point.factor >= 100 ? formatCount(point.factor) : point.factor >= 10 ? point.factor.toFixed(0) : point.factor.toFixed(point.factor < 1 ? 2 : 1);
    return `${factor}x the peak (${name(point.bottleneck)} reaches 100% first)`;
}

/** How many of the costliest nodes the summaries name. */
export const COSTLIEST_SHOWN = 5;

/**
 * "web at 150%, 33% of its requests unserved at the peak; mailer at 600%, 83% ..."; undefined when none is.
 * A tier on the request paths says what it sheds of the requests that still reach it (overload.ts: the
 * tiers in front shed first, and one fed less than its full load may shed none).
 */
export function overloadedInWords(result: SimulationResult, name: (node: string) => string = node => node): string | undefined {
    if (result.overloaded.length === 0) return undefined;
    const shed = new Map(result.overloadServed.byTier.map(tier => [tier.node, tier.shed]));
    const onPaths = new Set(result.nodes.filter(node => (node.requestShare ?? 0) > 0).map(node => node.name));
    return result.overloaded
        .map(o => {
            const share = onPaths.has(o.node) ? shed.get(o.node) ?? 0 : o.unservedShare;
            // None shed (the tiers in front shed first, or an aside cache whose callers read the store): its utilization alone.
            return share > 0
                ? `${name(o.node)} at ${formatPercent(o.utilization)}, ${formatPercent(share)} of its requests unserved at the peak`
                : `${name(o.node)} at ${formatPercent(o.utilization)}`;
        })
        .join('; ');
}

/** "web 830 h, orders 1.2 h, ... (and 4 more)": downtime a year, most first, at most COSTLIEST_SHOWN named; undefined when no node costs any. */
export function costliestInWords(result: SimulationResult, name: (node: string) => string = node => node): string | undefined {
    const ranked = result.availability.byNode;
    if (ranked.length === 0) return undefined;
    const shown = ranked.slice(0, COSTLIEST_SHOWN).map(entry => `${name(entry.node)} ${formatMinutes(entry.downtimeMinutesPerYear)}`);
    const more = ranked.length > COSTLIEST_SHOWN ? ` (and ${ranked.length - COSTLIEST_SHOWN} more)` : '';
    return `${shown.join(', ')}${more}`;
}

/** How the system's figure was reached, in words. */
export function availabilityMethodInWords(result: SimulationResult): string {
    const a = result.availability;
    switch (a.method) {
        case 'exact': return 'the share of requests served over the request paths (reads and writes apart), exact by recursion';
        case 'monte-carlo':
            return `the share of requests served over the request paths (reads and writes apart), by a seeded Monte Carlo over the nodes reached along several paths (± ${formatPercent(a.standardError ?? 0)})`;
        case 'per-group':
            return 'the share of requests served over the request paths (reads and writes apart), each arbiter group conditioned on alone (too many to enumerate together)';
    }
}
