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
        }), { ...failuresOnly, years: 40_000 });
        const exact = 1 - 0.001 ** 2;
        expect(exact).toBeCloseTo(0.999999, 12);
        // About 0.024 outages a year (either copy failing while the other is down): some 1,000 in 40,000 years.
        expect(result.failureRun!.outageEpisodes).toBeGreaterThan(500);
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
        }), { ...failuresOnly, years: 150_000 });
        const exact = 1 - 0.005 ** 3;
        // Three instances down at once: about 0.0009 times a year, so some 130 outages in 150,000 years.
        expect(result.failureRun!.outageEpisodes).toBeGreaterThan(60);
        expectPreciseWithin(result.availability!.system, exact, 0.25 * (1 - exact), 'system');
    });
});

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
