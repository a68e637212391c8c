/**
 * The simulation panel's figures (issue 13): one what-if (a scenario, or the base case, with more zones
 * and nodes failed and caches cold) over a grid of peak factors, so that the panel's peak control moves
 * without asking again. Utilization is linear in the peak (ESTIMATES.md, "Capacity and latency"), so each
 * tier's utilization at factor 1 is enough for the heat colours, the overloads, the bottleneck and the
 * breaking point at any factor; the end-to-end latency, the requests served and each tier's latency are
 * not linear and are computed at each factor of the grid (the panel interpolates between them).
 */
import type { Scenario, TargetName, Topology } from '../model/topology.js';
import { peakFactor } from './scenario-conditions.js';
import { simulateScenario } from './scenarios.js';
import { checkTargets, targetsIn, type TargetCheck } from './targets.js';

/** What the panel asks for: a scenario (null: the base case) and what-if failures and cold caches on top. */
export interface WhatIfCase {
    scenario: string | null;
    /** Zones and nodes failed on top of the scenario's. */
    fail: string[];
    /** Caches and cdns cold on top of the scenario's. */
    cold: string[];
}

/** The peak factors (of the base case's peak) the grid is computed at: ×0.25 to ×10, evenly on a log scale. */
export const PEAK_FACTORS: readonly number[] = Array.from({ length: 21 }, (_, i) => Math.round(0.25 * 40 ** (i / 20) * 10000) / 10000);

export interface WhatIfNode {
    node: string;
    /** Utilization at factor 1 in this case (× the factor at any other); null when it has no capacity or load. */
    utilizationAtOne: number | null;
    /** Share of all requests that reach it. */
    requestShare: number | null;
    /** Failed in this case (a zone took every instance, or it was named). */
    down: boolean;
    /** Its mean response time at each factor of the grid; null where it cannot keep up (or has no latency). */
    meanMs: (number | null)[];
    /**
     * The share of what reaches it that it cannot serve at each factor of the grid (overload.ts: tiers in
     * front shed first, so a tier behind one may see less than its full load); absent when it never sheds.
     */
    shed?: number[];
}

/** The end-to-end latency at one factor: null when unbounded (an overloaded tier on a request path) or not estimated. */
export interface WhatIfPoint {
    factor: number;
    p99Ms: number | null;
    meanMs: number | null;
    /** The share of requests the overloaded tiers let through at this factor (overload.ts). */
    letThrough: number;
}

export interface WhatIf {
    case: WhatIfCase;
    /** The scenario's own peak factor (1 for the base case or a scenario without `peak`): where the control starts. */
    peakFactor: number;
    zones: string[];
    scenarios: { name: string; peakFactor: number; fail: string[]; cold: string[] }[];
    nodes: WhatIfNode[];
    /**
     * The failure figure (availability.system) at the case's own peak; the panel multiplies in what the tiers
     * overloaded at its factor let through (the grid's `letThrough`; k of n is taken as it stands at the case's
     * own peak).
     */
    failures: number | null;
    grid: WhatIfPoint[];
    /** Downtime a year each node costs, at the scenario's own factor, most first. */
    byNode: { node: string; downtimeMinutesPerYear: number }[];
    /** The targets in force in this case (the scenario's own replacing the system's). */
    limits: Partial<Record<TargetName, number>>;
    /** The targets checked at the scenario's own factor (stale and data_loss do not move with the peak). */
    targets: TargetCheck[];
}

/** The panel's figures for one what-if. Unknown names in `fail` and `cold` are left out. */
export function whatIf(topology: Topology, request: WhatIfCase): WhatIf {
    const named = request.scenario === null ? undefined : topology.scenarios.find(s => s.name === request.scenario);
    const zones = new Set(topology.zones.map(zone => zone.name));
    const nodes = new Set(topology.nodes.map(node => node.name));
    const caches = new Set(topology.nodes.filter(node => (node.kind === 'cache' || node.kind === 'cdn') && node.policy !== 'store').map(node => node.name));
    const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];
    const base: Scenario = {
        name: named?.name ?? 'what-if',
        failedZones: union(named?.failedZones ?? [], request.fail.filter(name => zones.has(name))),
        failedNodes: union(named?.failedNodes ?? [], request.fail.filter(name => nodes.has(name) && !zones.has(name))),
        cold: union(named?.cold ?? [], request.cold.filter(name => caches.has(name))),
        targets: named?.targets,
        range: named?.range ?? topology.range,
        nameRange: named?.nameRange ?? topology.nameRange
    };
    const own = named ? peakFactor(topology, named) : 1;
    // The grid: load and latency only (the system's availability is the costly part); the case's own factor in full.
    const runs = PEAK_FACTORS.map(factor => simulateScenario(topology, { ...base, peak: { factor } }, true));
    const atOwn = simulateScenario(topology, { ...base, peak: { factor: own } }).estimates;
    const atOne = own === 1 ? atOwn : simulateScenario(topology, { ...base, peak: { factor: 1 } }, true).estimates;
    const limits = targetsIn(topology.targets, named?.targets);
    const failures = atOwn.availability.system;
    const down = new Set(atOwn.nodes.filter(node => node.availability === 0 && node.explanation.availability?.formula === 'none-left').map(node => node.name));
    return {
        case: { scenario: named?.name ?? null, fail: request.fail.filter(name => zones.has(name) || nodes.has(name)), cold: request.cold.filter(name => caches.has(name)) },
        peakFactor: own,
        zones: topology.zones.map(zone => zone.name),
        scenarios: topology.scenarios.map(s => ({ name: s.name, peakFactor: peakFactor(topology, s), fail: [...s.failedZones, ...s.failedNodes], cold: s.cold })),
        nodes: atOne.nodes.map((node, i) => {
            const shed = runs.map(run => run.estimates.overloadServed.byTier.find(tier => tier.node === node.name)?.shed ?? 0);
            return {
                node: node.name,
                utilizationAtOne: node.utilization,
                requestShare: node.requestShare,
                down: down.has(node.name),
                meanMs: runs.map(run => run.estimates.nodes[i]?.latencyMs?.mean ?? null),
                ...(shed.some(share => share > 0) ? { shed } : {})
            };
        }),
        failures,
        grid: runs.map((run, i) => {
            // An overloaded tier on a request path leaves the end-to-end latency unbounded (targets.ts).
            const [p99, mean] = checkTargets({ p99: Infinity, mean: Infinity }, run.estimates, null);
            return { factor: PEAK_FACTORS[i], p99Ms: p99.value, meanMs: mean.value, letThrough: run.estimates.overloadServed.served };
        }),
        byNode: atOwn.availability.byNode,
        limits,
        targets: checkTargets(limits, atOwn, named?.name ?? null)
    };
}
