/**
 * The simulation panel's figures at any position of the peak control, from one what-if's grid (server/src/
 * estimates/what-if.ts), without asking the server again: utilization is linear in the peak, so each tier's
 * utilization at factor 1 gives it at any factor (heat, overloads, the bottleneck, the breaking point);
 * requests served are the failure figure times what the overloaded tiers let through, and each tier's
 * shed share, read off the grid as the end-to-end latency is, between two of its points on a log scale
 * (the server computes them with the tiers in front shedding first: overload.ts).
 */
import type { WhatIf } from '../../server/src/protocol.js';

export interface TierAt {
    node: string;
    utilization: number | null;
    /** The share of what reaches it that it cannot serve (tiers in front shed first), else 0. */
    unserved: number;
    down: boolean;
}

export interface FiguresAt {
    factor: number;
    tiers: TierAt[];
    served: number | null;
    /** Null when unbounded (an overloaded tier on a request path) or not estimated. */
    p99Ms: number | null;
    meanMs: number | null;
    /** The factor (of the base case's peak) at which the first tier reaches 100%, and which. */
    breakingPoint: { factor: number; bottleneck: string } | null;
    targets: { target: string; value: number | null; limit: number; met: boolean }[];
}

/** The control's position (0..1000) ↔ the factor (×0.25..×10, a log scale). */
export const SLIDER_STEPS = 1000;
export function factorAt(position: number): number {
    return 0.25 * 40 ** (Math.min(SLIDER_STEPS, Math.max(0, position)) / SLIDER_STEPS);
}
export function positionOf(factor: number): number {
    return Math.round((Math.log(Math.min(10, Math.max(0.25, factor)) / 0.25) / Math.log(40)) * SLIDER_STEPS);
}

/** The grid's value at `factor`, log-linear between the two points around it; null when either is. */
export function interpolate(whatIf: WhatIf, factor: number, value: (i: number) => number | null): number | null {
    const grid = whatIf.grid;
    if (grid.length === 0) return null;
    if (factor <= grid[0].factor) return value(0);
    for (let i = 1; i < grid.length; i++) {
        if (factor > grid[i].factor) continue;
        const a = value(i - 1);
        const b = value(i);
        if (a === null || b === null) return null;
        const t = Math.log(factor / grid[i - 1].factor) / Math.log(grid[i].factor / grid[i - 1].factor);
        return a + (b - a) * t;
    }
    return value(grid.length - 1);
}

export function figuresAt(whatIf: WhatIf, factor: number): FiguresAt {
    let busiest: { node: string; rho: number } | undefined;
    let overloadedOnPath = false;
    const tiers = whatIf.nodes.map((node): TierAt => {
        const utilization = node.utilizationAtOne === null ? null : node.utilizationAtOne * factor;
        const shed = node.shed;
        // Exact below its own 100% (the grid's points around it would read a little shed there).
        const unserved = shed && !node.down && utilization !== null && utilization > 1 ? Math.max(0, interpolate(whatIf, factor, i => shed[i]) ?? 0) : 0;
        if (node.utilizationAtOne !== null && node.utilizationAtOne > 0 && !node.down && (!busiest || node.utilizationAtOne > busiest.rho)) {
            busiest = { node: node.node, rho: node.utilizationAtOne };
        }
        // A saturated tier on a request path leaves the latency unbounded, even when the tiers in front shed for it.
        if (!node.down && node.requestShare && utilization !== null && utilization >= 1) overloadedOnPath = true;
        return { node: node.node, utilization, unserved, down: node.down };
    });
    // Below the breaking point nothing sheds: exactly 1, not a reading between a grid point below it and one past it.
    const letThrough = overloadedOnPath ? interpolate(whatIf, factor, i => whatIf.grid[i].letThrough) ?? 1 : 1;
    const served = whatIf.failures === null ? null : whatIf.failures * Math.min(1, letThrough);
    const p99Ms = overloadedOnPath ? null : interpolate(whatIf, factor, i => whatIf.grid[i].p99Ms);
    const meanMs = overloadedOnPath ? null : interpolate(whatIf, factor, i => whatIf.grid[i].meanMs);
    const top = tiers.reduce((max, tier) => (tier.utilization !== null && !tier.down && tier.utilization > max ? tier.utilization : max), 0);
    const targets = Object.entries(whatIf.limits).map(([target, limit]) => {
        const value = target === 'availability' ? served
            : target === 'p99' ? p99Ms
                : target === 'mean' ? meanMs
                    : target === 'utilization' ? top
                        : whatIf.targets.find(t => t.target === target)?.value ?? null;
        const met = value !== null && (target === 'availability' ? value >= limit! : value <= limit!);
        return { target, value, limit: limit!, met };
    });
    return {
        factor, tiers, served, p99Ms, meanMs,
        breakingPoint: busiest ? { factor: 1 / busiest.rho, bottleneck: busiest.node } : null,
        targets
    };
}
