/**
 * A target checked in a case, in words (RULES.md, "Targets"): the case, the figure, the target and what
 * costs the most of it. "In scenario east_down (fail us_east), 99.2% of requests are served, below the
 * target of 99.95%: what costs the most is users (11 h of downtime a year), front (52 min)."
 */
import type { TargetCheck, TargetCost } from '../estimates/targets.js';
import type { Scenario } from '../model/topology.js';
import { formatAvailability, formatDuration, formatMinutes, formatNumber, formatPercent } from './numbers.js';

/** `peak 2x · fail us_east · cold users_cache`: what a scenario changes, as written. */
export function scenarioChanges(scenario: Scenario): string {
    const parts: string[] = [];
    if (scenario.peak) parts.push(scenario.peak.factor !== undefined ? `peak ${formatNumber(scenario.peak.factor)}x` : `peak ${formatNumber(scenario.peak.totalRps)} rps`);
    const failed = [...scenario.failedZones, ...scenario.failedNodes];
    if (failed.length > 0) parts.push(`fail ${failed.join(', ')}`);
    if (scenario.cold.length > 0) parts.push(`cold ${scenario.cold.join(', ')}`);
    return parts.join(' · ');
}

/** "At the peak" for the base case, "In scenario east_down (fail us_east)" for a scenario. */
function where(check: TargetCheck, scenario: Scenario | undefined): string {
    if (check.scenario === null) return 'At the peak';
    const changes = scenario ? scenarioChanges(scenario) : '';
    return `In scenario ${check.scenario}${changes ? ` (${changes})` : ''}`;
}

function list(costs: readonly TargetCost[], each: (cost: TargetCost) => string): string {
    return costs.map(cost => `${cost.node} (${each(cost)})`).join(', ');
}

/**
 * The figure a target measures, in words, as the JSON's `value` holds it. Beside its limit (`against`), a
 * figure that reads the same as the limit but is not gets more digits: 1.96% under a target of 2%, not 2%.
 */
export function formatTargetValue(check: Pick<TargetCheck, 'target'>, value: number, against?: number): string {
    const text = formatTarget(check, value);
    if (against === undefined || value === against || text !== formatTarget(check, against)) return text;
    if (check.target === 'stale' || check.target === 'utilization') return `${Number((value * 100).toPrecision(4))}%`;
    return text;
}

function formatTarget(check: Pick<TargetCheck, 'target'>, value: number): string {
    switch (check.target) {
        case 'availability': return formatAvailability(value);
        case 'p99':
        case 'mean': return formatDuration(value);
        case 'data_loss': return formatDuration(value * 1000);
        case 'utilization': return formatPercent(value);
        case 'stale': return stalePercent(value);
    }
}

/** Stale reads are a few percent at most, and a target sits close: three significant digits (1.96%, not 2%). */
function stalePercent(fraction: number): string {
    return fraction === 0 ? '0%' : `${Number((fraction * 100).toPrecision(3))}%`;
}

/** The message of a missed (or unchecked) target. */
export function targetMessage(check: TargetCheck, scenario: Scenario | undefined): string {
    const at = where(check, scenario);
    const limit = formatTargetValue(check, check.limit);
    const value = check.value === null ? undefined : formatTargetValue(check, check.value, check.limit);
    switch (check.target) {
        case 'availability': {
            if (value === undefined) return `${at}, the share of requests served cannot be estimated (no request path reaches a node), so the availability target of ${limit} is not shown to be met.`;
            const overload = check.overload && check.overload.length > 0
                ? `: ${list(check.overload, c => `${formatPercent(c.value)} of all requests`)} cannot keep up and ${check.overload.length === 1 ? 'leaves' : 'leave'} them unserved`
                : '';
            const costs = check.costs.length > 0 ? `${overload ? '; failures cost the most at' : ': what costs the most is'} ${list(check.costs, c => `${formatMinutes(c.value)} of downtime a year`)}` : '';
            return `${at}, ${value} of requests are served, below the target of ${limit}${overload}${costs}.`;
        }
        case 'p99':
        case 'mean': {
            const what = check.target === 'p99' ? 'end-to-end p99' : 'mean end-to-end time';
            if (check.reason === 'overloaded') {
                return `${at}, the ${what} is unbounded, above the target of ${limit}: ${list(check.costs, c => `at ${formatPercent(c.value)}`)} cannot keep up, so requests through ${check.costs.length === 1 ? 'it' : 'them'} queue without end.`;
            }
            if (value === undefined) return `${at}, the ${what} cannot be estimated (no peak, or no \`latency\` on the request path), so the target of ${limit} is not shown to be met.`;
            const costs = check.costs.length > 0 ? `: the slowest hops are ${list(check.costs, c => `${formatDuration(c.value)} per request`)}` : '';
            return `${at}, the ${what} is ${value}, above the target of ${limit}${costs}.`;
        }
        case 'utilization': {
            const tiers = list(check.costs, c => formatPercent(c.value));
            return `${at}, ${check.costs.length === 1 ? 'a tier runs' : 'tiers run'} above the utilization target of ${limit}: ${tiers}; past it queues, and latency, grow steeply.`;
        }
        case 'stale': {
            if (value === undefined) return `${at}, stale reads after one's own write cannot be estimated (a client or \`traffic\` needs \`think\`: the time between a user's requests), so the target of ${limit} is not shown to be met.`;
            return `${at}, ${value} of the reads a user makes right after their own write are stale, above the target of ${limit}: ${list(check.costs, c => stalePercent(c.value))}.`;
        }
        case 'data_loss':
            return `${at}, a failover may lose the last ${value} of acknowledged writes, above the target of ${limit}: ${list(check.costs, c => formatDuration(c.value * 1000))}.`;
    }
}
