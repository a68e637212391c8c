/**
 * Scenario estimates on hand-checked models (ESTIMATES.md, "Scenarios and targets"; issue 13): a zone
 * down with and without DNS failover, three times the peak overloading exactly one tier, a cold cache,
 * a total peak shared in proportion, and the breaking point.
 */
import { describe, expect, test } from 'vitest';
import { simulateScenario } from '../../server/src/estimates/scenarios.js';
import { simulate } from '../../server/src/estimates/simulate.js';
import { topologyOf } from '../helpers.js';

const ZONES = (routing: string) => `system Z {
  traffic { peak 1000 rps }
  zone east
  zone west
  dns front { ${routing} }
  balancer lb_east { managed  zones east }
  balancer lb_west { managed  zones west }
  service api { instances 4  capacity 600 rps  health every 5s  zones east, west  availability 99.9% }
  front -> lb_east
  front -> lb_west
  lb_east -> api
  lb_west -> api
  scenario east_down { fail east }
}`;

async function scenario(text: string, name: string) {
    const topology = await topologyOf(text);
    return simulateScenario(topology, topology.scenarios.find(s => s.name === name)!);
}

const node = (result: ReturnType<typeof simulate>, name: string) => result.nodes.find(n => n.name === name)!;

describe('a zone down', () => {
    test('with DNS failover: every request goes west, where api has 2 of its 4 instances and needs both', async () => {
        const { estimates } = await scenario(ZONES('routing failover'), 'east_down');
        // dns (managed, 99.99%) × lb_west (managed, 99.99%) × api: 1000 rps on 2 × 600 rps, both needed: 0.999².
        expect(estimates.availability.system).toBeCloseTo(0.9999 * 0.9999 * 0.999 ** 2, 7);
        expect(node(estimates, 'lb_east')).toMatchObject({ loadRps: 0, availability: 0 });
        expect(node(estimates, 'lb_west').loadRps).toBe(1000);
        expect(node(estimates, 'api').utilization).toBeCloseTo(1000 / 1200, 4);
        // The base-case figure is about instances, not zones: east's balancer is not down there.
        expect(node(simulate(await topologyOf(ZONES('routing failover'))), 'lb_east').availability).toBeCloseTo(0.9999, 8);
    });

    test('without failover: DNS keeps answering with the dead balancer, and half the requests fail', async () => {
        const { estimates } = await scenario(ZONES('routing round_robin'), 'east_down');
        // Half the answers name lb_east (down); the other half reach api's 2 west instances at 500 rps: 1 of 2 enough.
        expect(estimates.availability.system).toBeCloseTo(0.9999 * 0.5 * 0.9999 * (1 - 0.001 ** 2), 7);
        expect(node(estimates, 'api').loadRps).toBe(500);
    });

    test('a managed node fails with its zones only when every one of them is down', async () => {
        const text = ZONES('routing failover').replace('balancer lb_east { managed  zones east }', 'balancer lb_east { managed  zones east, west }');
        const { estimates } = await scenario(text, 'east_down');
        expect(node(estimates, 'lb_east').availability).toBeCloseTo(0.9999, 8);
    });

    test('a node named after `fail` is down; its callees get nothing from it and stay where they are in the graph', async () => {
        const text = `system N {
  traffic { peak 100 rps }
  service web { instances 2  capacity 100 rps  health every 5s }
  service mailer { instances 2  capacity 100 rps }
  web -> mailer
  scenario mail_down { fail web }
}`;
        const { estimates } = await scenario(text, 'mail_down');
        expect(estimates.availability.system).toBe(0);
        expect(node(estimates, 'mailer').loadRps).toBe(0);
    });
});

const RUSH = `system R {
  traffic { peak 1000 rps  reads 80% }
  balancer lb { instances 2  capacity 10000 rps  health every 5s }
  service web { instances 4  capacity 500 rps  latency 20ms }
  cache c { instances 2  capacity 20000 rps  latency 1ms  hit 90% }
  database db { capacity 5000 rps  latency 5ms }
  lb -> web -> c -> db
  scenario rush { peak 3x }
  scenario cold_start { cold c }
  scenario total { peak 2500 rps }
}`;

describe('another peak', () => {
    test('3× the peak overloads exactly one tier, web, at 150%: a third of its requests unserved', async () => {
        const base = simulate(await topologyOf(RUSH));
        expect(base.overloaded).toEqual([]);
        expect(node(base, 'web').utilization).toBeCloseTo(0.5, 6);
        const { estimates, peakFactor } = await scenario(RUSH, 'rush');
        expect(peakFactor).toBe(3);
        expect(estimates.overloaded).toEqual([{ node: 'web', utilization: 1.5, unservedShare: 0.3333 }]);
        // Every tier's load triples; the others stay under 100%: lb 3000/20000, c 3000/40000, db (200 misses + ... ) × 3.
        expect(node(estimates, 'lb').utilization).toBeCloseTo(3 * node(base, 'lb').utilization!, 6);
        expect(node(estimates, 'db').loadRps).toBeCloseTo(3 * node(base, 'db').loadRps!, 6);
        expect(estimates.latencyMs).toBeNull();
    });

    test('the breaking point: 1 / the highest utilization, and the tier that reaches 100% first', async () => {
        const base = simulate(await topologyOf(RUSH));
        expect(base.breakingPoint).toEqual({ factor: 2, bottleneck: 'web' });
        const { estimates } = await scenario(RUSH, 'rush');
        // Below 1 when the scenario's peak is already past it.
        expect(estimates.breakingPoint).toEqual({ factor: 0.6667, bottleneck: 'web' });
    });

    test('a total peak: every client scaled in proportion so that they total it', async () => {
        const text = `system T {
  client a { peak 600 rps }
  client b { peak 400 rps }
  service api { instances 10  capacity 1000 rps }
  a -> api
  b -> api
  scenario total { peak 2500 rps }
}`;
        const { estimates, peakFactor } = await scenario(text, 'total');
        expect(peakFactor).toBe(2.5);
        expect(node(estimates, 'api').loadRps).toBe(2500);
        const { peakFactor: rushFactor } = await scenario(RUSH, 'total');
        expect(rushFactor).toBe(2.5);
    });
});

describe('a cold cache', () => {
    test('hit 0%: every read goes on to the database', async () => {
        const base = simulate(await topologyOf(RUSH));
        // 800 reads × 10% misses + 200 writes.
        expect(node(base, 'db').loadRps).toBeCloseTo(280, 6);
        const { estimates } = await scenario(RUSH, 'cold_start');
        expect(node(estimates, 'db').loadRps).toBeCloseTo(1000, 6);
        expect(node(estimates, 'db').utilization).toBeCloseTo(1000 / 5000, 4);
        expect(node(estimates, 'c').loadRps).toBe(1000);
    });
});
