/**
 * Each declared target checked in the base case and in every scenario (ESTIMATES.md, "Scenarios and
 * targets"); a scenario's own target replaces the system's same target there. What each measures:
 * availability = the share of all clients' synchronous requests served; p99 / mean = end to end over
 * them, missed when a tier on a path is overloaded (the latency is unbounded); utilization = the busiest
 * tier's, asynchronous consumers included; stale = the worst node's stale read after one's own write;
 * data_loss = the largest loss per failover over the replicated nodes. Alongside each figure, what costs
 * the most of it (the nodes of the downtime ranking, the slowest hop, the busiest tier, the worst node),
 * so the finding can say what to fix.
 */
import type { TargetName, Targets, Topology } from '../model/topology.js';
import type { ScenarioEstimate } from './scenarios.js';
import type { SimulationResult } from './simulate.js';

/** What costs the most of a figure: a node and its part (minutes a year, ms per request, a utilization, a share, seconds). */
export interface TargetCost {
    node: string;
    value: number;
}

export interface TargetCheck {
    target: TargetName;
    /** The scenario's name; null for the base case. */
    scenario: string | null;
    /** The figure, in the JSON's units (fractions, milliseconds, seconds); null when it cannot be estimated. */
    value: number | null;
    limit: number;
    met: boolean;
    /** Why the figure is null: a tier on the path is overloaded, no peak, no think time, ... */
    reason?: 'overloaded' | 'not-estimated';
    /** The nodes that cost the most of it, most first (at most three). */
    costs: TargetCost[];
    /** For availability: the overloaded tiers on request paths and the share of all requests each cannot serve. */
    overload?: TargetCost[];
}

function round(value: number, digits: number): number {
    const factor = 10 ** digits;
    return Math.round(value * factor) / factor;
}

/** The overloaded tiers on request paths, each with its utilization at the full peak. */
function overloadedOnPaths(estimates: SimulationResult): TargetCost[] {
    const reach = new Map(estimates.nodes.map(node => [node.name, node.requestShare ?? 0]));
    return estimates.overloaded.filter(o => (reach.get(o.node) ?? 0) > 0).map(o => ({ node: o.node, value: o.utilization }));
}

/** The targets in force: the system's, each replaced by the scenario's own where it has one. */
export function targetsIn(system: Targets | undefined, scenario: Targets | undefined): Partial<Record<TargetName, number>> {
    const pick = (name: TargetName, get: (t: Targets) => number | undefined): [TargetName, number][] => {
        const value = (scenario && get(scenario)) ?? (system && get(system));
        // 99.9% is 0.999, not 0.9990000000000001 (the percentage's division), in the JSON and in comparisons.
        return value === undefined ? [] : [[name, round(value, 12)]];
    };
    return Object.fromEntries([
        ...pick('availability', t => t.availability),
        ...pick('p99', t => t.p99Ms),
        ...pick('mean', t => t.meanMs),
        ...pick('utilization', t => t.utilization),
        ...pick('stale', t => t.stale),
        // Seconds, as in the JSON (ESTIMATES.md: units in `targets[]`).
        ...pick('data_loss', t => (t.dataLossMs === undefined ? undefined : t.dataLossMs / 1000))
    ]);
}

/** Whether the system or any scenario declares a target: only then are the scenarios needed for the check. */
export function declaresTargets(topology: Topology): boolean {
    return topology.targets !== undefined || topology.scenarios.some(scenario => scenario.targets !== undefined);
}

/** The checks of one case (the base case when `scenario` is null). */
export function checkTargets(limits: Partial<Record<TargetName, number>>, estimates: SimulationResult, scenario: string | null): TargetCheck[] {
    const checks: TargetCheck[] = [];
    const overloaded = overloadedOnPaths(estimates);
    const shedding = estimates.overloadServed.byTier.map(({ node, unserved }) => ({ node, value: unserved }));
    // An overloaded tier on a request path makes the latency unbounded, whether or not it declares a `latency`.
    const unbounded = (estimates.latencyMs === null && estimates.overloaded.length > 0) || overloaded.length > 0;
    for (const [name, limit] of Object.entries(limits) as [TargetName, number][]) {
        switch (name) {
            case 'availability': {
                const value = estimates.requestsServed;
                const costs = estimates.availability.byNode.slice(0, 3).map(entry => ({ node: entry.node, value: entry.downtimeMinutesPerYear }));
                checks.push({ ...check(name, scenario, value, limit, value !== null && value >= limit, costs), ...(shedding.length > 0 ? { overload: shedding } : {}) });
                break;
            }
            case 'p99':
            case 'mean': {
                const value = estimates.latencyMs && !unbounded ? (name === 'p99' ? estimates.latencyMs.p99 : estimates.latencyMs.mean) : null;
                const costs = unbounded ? overloaded : slowestHops(estimates);
                checks.push({ ...check(name, scenario, value, limit, value !== null && value <= limit, costs.slice(0, 3)), ...(value === null ? { reason: unbounded ? 'overloaded' : 'not-estimated' } : {}) });
                break;
            }
            case 'utilization': {
                const tiers = estimates.nodes.filter(node => node.utilization !== null && node.loadRps).sort((a, b) => b.utilization! - a.utilization!);
                const value = tiers.length > 0 ? tiers[0].utilization : null;
                const costs = tiers.filter(node => node.utilization! > limit).map(node => ({ node: node.name, value: node.utilization! }));
                checks.push(check(name, scenario, value, limit, value === null || value <= limit, costs.length > 0 ? costs : tiers.slice(0, 1).map(node => ({ node: node.name, value: node.utilization! }))));
                break;
            }
            case 'stale': {
                const known = estimates.staleness.filter(s => s.staleReadAfterWrite !== null).sort((a, b) => b.staleReadAfterWrite! - a.staleReadAfterWrite!);
                const unknown = estimates.staleness.some(s => s.staleReadAfterWrite === null);
                const value = unknown ? null : (known[0]?.staleReadAfterWrite ?? 0);
                const costs = known.slice(0, 3).map(s => ({ node: s.node, value: s.staleReadAfterWrite! }));
                checks.push({ ...check(name, scenario, value, limit, value !== null && value <= limit, costs), ...(value === null ? { reason: 'not-estimated' } : {}) });
                break;
            }
            case 'data_loss': {
                const losses = estimates.staleness.filter(s => s.dataLossSeconds !== null).sort((a, b) => b.dataLossSeconds! - a.dataLossSeconds!);
                const value = losses[0]?.dataLossSeconds ?? 0;
                checks.push(check(name, scenario, value, limit, value <= limit, losses.slice(0, 3).map(s => ({ node: s.node, value: s.dataLossSeconds! }))));
                break;
            }
        }
    }
    return checks;
}

function check(target: TargetName, scenario: string | null, value: number | null, limit: number, met: boolean, costs: TargetCost[]): TargetCheck {
    return { target, scenario, value, limit, met, costs };
}

/** The hops that add the most to the mean end-to-end time: the share of requests reaching each times its mean response. */
function slowestHops(estimates: SimulationResult): TargetCost[] {
    return estimates.nodes
        .filter(node => node.latencyMs !== null && node.requestShare !== null && node.requestShare > 0)
        .map(node => ({ node: node.name, value: Math.round(node.requestShare! * node.latencyMs!.mean * 100) / 100 }))
        .filter(cost => cost.value > 0)
        .sort((a, b) => b.value - a.value)
        .slice(0, 3);
}

/** Every target of the system in the base case and in each scenario, in that order. */
export function checkAllTargets(topology: Topology, base: SimulationResult, scenarios: readonly ScenarioEstimate[]): TargetCheck[] {
    return [
        ...checkTargets(targetsIn(topology.targets, undefined), base, null),
        ...scenarios.flatMap(({ scenario, estimates }) => checkTargets(targetsIn(topology.targets, scenario.targets), estimates, scenario.name))
    ];
}
