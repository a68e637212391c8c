/**
 * The failure simulation against ESTIMATES.md's availability oracles that the model can express,
 * each within the simulation's own standard error (expect-estimate.ts).
 */
import { describe, expect, test } from 'vitest';
import { crossCheck } from '../../server/src/crosscheck/cross-check.js';
import { buildTopology, type NodeSpec } from './builder.js';
import { expectPreciseWithin, expectWithinError } from './expect-estimate.js';

const failuresOnly = { skipRequests: true } as const;
/** The zone cases need no rare events: 150,000 failures and repairs give errors near 0.0001. */
const zoneRun = { ...failuresOnly, unitEvents: 150_000 };

describe('oracles of ESTIMATES.md', () => {
    test('two caches of 99.5% with no balancer in front, either one enough: 99.9975%', () => {
        const result = crossCheck(buildTopology({
            nodes: [
                { name: 'app', kind: 'service', availability: 1 },
                { name: 'sessions', kind: 'cache', instances: 2, availability: 0.995 }
            ],
            edges: [['app', 'sessions']]
        }), failuresOnly);
        const exact = 1 - 0.005 ** 2;
        expect(exact).toBeCloseTo(0.999975, 9);
        expectPreciseWithin(result.availability!.system, exact, 0.1 * (1 - exact), 'system');
        expectWithinError(result.nodes[1].availability, exact, { label: 'the cache tier' });
    });

    test('two copies of a stack of 99.9% each behind DNS failover with health checks (the DNS not counted): 99.9999%', () => {
        const result = crossCheck(buildTopology({
            nodes: [
                { name: 'front', kind: 'dns', routing: 'failover', healthEveryMs: 30_000, availability: 1 },
                { name: 'east', kind: 'service', availability: 0.999 },
                { name: 'west', kind: 'service', availability: 0.999 }
            ],
            edges: [['front', 'east'], ['front', 'west']]
        }), { ...failuresOnly, years: 30_000 });
        const exact = 1 - 0.001 ** 2;
        expect(exact).toBeCloseTo(0.999999, 12);
        // An outage starts when either copy fails (once per MTBF + repair) while the other is down: about
        // 0.024 a year, some 730 in 30,000 years.
        const outagesPerYear = 2 * failuresPerYear(0.999) * 0.001;
        expect(outagesPerYear).toBeCloseTo(0.024, 3);
        expectOutages(result.failureRun!.outageEpisodes, outagesPerYear * 30_000, 730);
        expectPreciseWithin(result.availability!.system, exact, 0.15 * (1 - exact), 'system');
    });

    test('the same two copies behind geo DNS without failover, one zone of two lost: 50% served (instance failures go on: 50% × 99.9%)', () => {
        const result = crossCheck(twoZoneStacks('geo', undefined), zoneRun);
        const zoneLost = result.availability!.zoneLost!;
        expectWithinError(zoneLost.system, 0.5 * 0.999, { label: 'zone lost' });
        expect(zoneLost.system.value).toBeCloseTo(0.5, 2);
        // Zones up, each copy takes half the clients and keeps them when it fails.
        expectWithinError(result.availability!.system, 0.999, { label: 'zones up' });
    });

    test('behind failover with health checks the clients of the lost zone move: close to 100% (the other copy\'s 99.9%)', () => {
        const result = crossCheck(twoZoneStacks('failover', 30_000), zoneRun);
        for (const { system } of result.availability!.byZone) expectWithinError(system, 0.999, { label: 'one zone lost' });
        expectWithinError(result.availability!.system, 1 - 0.001 ** 2, { label: 'zones up' });
    });

    test('geo with health checks moves the clients of a lost target too (ESTIMATES.md: "or geo with health every")', () => {
        const result = crossCheck(twoZoneStacks('geo', 30_000), zoneRun);
        for (const { system } of result.availability!.byZone) expectWithinError(system, 0.999, { label: 'one zone lost' });
    });

    test('a balancer with health checks in front of 3 instances of 99.5%, one enough: 1 − 0.005³', () => {
        const result = crossCheck(buildTopology({
            nodes: [
                { name: 'lb', kind: 'balancer', availability: 1, healthEveryMs: 5000 },
                { name: 'app', kind: 'service', instances: 3, availability: 0.995 }
            ],
            edges: [['lb', 'app']]
        }), { ...failuresOnly, years: 100_000 });
        const exact = 1 - 0.005 ** 3;
        // An outage starts when the one instance up of three fails (1 / MTBF while up): about 0.0009 times a
        // year, some 90 outages in 100,000 years.
        const outagesPerYear = 3 * 0.995 * 0.005 ** 2 * (365 / 30);
        expect(outagesPerYear).toBeCloseTo(0.0009, 4);
        expectOutages(result.failureRun!.outageEpisodes, outagesPerYear * 100_000, 90);
        expectPreciseWithin(result.availability!.system, exact, 0.25 * (1 - exact), 'system');
    });
});

/** Failures per year of one unit: one per cycle of an up time (MTBF, 30 days) and a repair (MTBF·(1 − a)/a). */
function failuresPerYear(a: number): number {
    return 365 / (30 + (30 * (1 - a)) / a);
}

/** The outages a run saw, against the expected count (a Poisson count: within 5 of its standard deviations), which is about `rounded`. */
function expectOutages(seen: number, expected: number, rounded: number): void {
    expect(Math.round(expected / 10) * 10).toBe(rounded);
    expect(Math.abs(seen - expected), `${seen} outages, ${expected} expected`).toBeLessThanOrEqual(5 * Math.sqrt(expected));
}

function twoZoneStacks(routing: 'geo' | 'failover', healthEveryMs: number | undefined) {
    const stack = (name: string, zone: string): NodeSpec => ({ name, kind: 'service', availability: 0.999, zones: [zone] });
    return buildTopology({
        zones: ['z1', 'z2'],
        nodes: [
            { name: 'front', kind: 'dns', routing, healthEveryMs, availability: 1 },
            stack('east', 'z1'),
            stack('west', 'z2')
        ],
        edges: [['front', 'east'], ['front', 'west']]
    });
}
