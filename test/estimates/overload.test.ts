/**
 * What the overloaded tiers let through (overload.ts), on hand-worked models: a tier at ρ ≥ 1 serves 1/ρ
 * of what reaches it and passes on only that, so the tiers behind it see less; the share of requests
 * served is the failure figure times what the overloads let through. And the failure figure of an
 * overloaded tier is the mean share of its capacity up, a, not aⁿ (one of fifty instances lost is not
 * the whole tier down).
 */
import { describe, expect, test } from 'vitest';
import { simulate } from '../../server/src/estimates/simulate.js';
import { simulateScenario } from '../../server/src/estimates/scenarios.js';
import { checkAllTargets } from '../../server/src/estimates/targets.js';
import { PEAK_FACTORS, whatIf } from '../../server/src/estimates/what-if.js';
import { figuresAt } from '../../media/src/what-if-at.js';
import { topologyOf } from '../helpers.js';

async function estimates(text: string) {
    return simulate(await topologyOf(text));
}

const node = (result: ReturnType<typeof simulate>, name: string) => result.nodes.find(n => n.name === name)!;

describe('tiers in a chain', () => {
    const CHAIN = (apiCapacity: number) => `system S {
  traffic { peak 1200 rps }
  service web { instances 10  capacity 100 rps  health every 5s  availability 100% }
  service api { instances 10  capacity ${apiCapacity} rps  health every 5s  availability 100% }
  web -> api
}`;

    test('web at 120% sheds a sixth; api behind it, 120% of the full peak, is fed the rest and just keeps up: 1/1.2 served', async () => {
        const result = await estimates(CHAIN(100));
        expect(result.overloaded.map(o => o.node)).toEqual(['web', 'api']);
        expect(result.overloadServed.served).toBeCloseTo(1 / 1.2, 8);
        // Only web sheds: the product of the nominal shares, (1/1.2)², would say 69%.
        expect(result.overloadServed.byTier.map(t => t.node)).toEqual(['web']);
        expect(result.overloadServed.byTier[0].unserved).toBeCloseTo(1 - 1 / 1.2, 6);
        expect(result.requestsServed).toBeCloseTo(1 / 1.2, 7);
    });

    test('api still short after web sheds (150% of the full peak, 125% of what reaches it): the chain serves 1/1.5', async () => {
        const result = await estimates(CHAIN(80));
        expect(result.overloadServed.served).toBeCloseTo(1 / 1.5, 8);
        const api = result.overloadServed.byTier.find(t => t.node === 'api')!;
        expect(api.utilization).toBeCloseTo(1.25, 4);
        expect(api.shed).toBeCloseTo(0.2, 6);
        // web's loss and api's add up to what the narrowest lets through: 1/6 + (5/6)(1/5) = 1/3.
        expect(result.overloadServed.byTier.reduce((sum, t) => sum + t.unserved, 0)).toBeCloseTo(1 - 1 / 1.5, 5);
    });
});

describe('tiers side by side', () => {
    test('each request calls both: each sheds on its own, (1/1.5) × (1/2) served', async () => {
        const result = await estimates(`system S {
  traffic { peak 1000 rps }
  service front { availability 100% }
  service a { capacity 666.667 rps  availability 100% }
  service b { capacity 500 rps  availability 100% }
  front -> a
  front -> b
}`);
        expect(result.overloadServed.served).toBeCloseTo((666.667 / 1000) * 0.5, 5);
    });

    test('a tier half the requests reach, at 200%: a quarter of all requests unserved', async () => {
        const result = await estimates(`system S {
  traffic { peak 1000 rps }
  service front { availability 100% }
  service a { capacity 250 rps  availability 100% }
  front -> a 50%
}`);
        expect(node(result, 'a').utilization).toBeCloseTo(2, 4);
        expect(result.overloadServed.served).toBeCloseTo(0.75, 8);
        expect(result.overloadServed.byTier).toEqual([{ node: 'a', unserved: 0.25, shed: 0.5, utilization: 2 }]);
    });

    test('nothing overloaded: everything let through, requests served = the failure figure', async () => {
        const result = await estimates(`system S {
  traffic { peak 100 rps }
  service api { instances 3  capacity 100 rps  health every 5s }
}`);
        expect(result.overloadServed).toEqual({ served: 1, byTier: [] });
        expect(result.requestsServed).toBe(result.availability.system);
    });
});

describe('the failure figure of an overloaded tier', () => {
    test('fifty instances at 120%: a, so 3× the peak reads about 83% served, not 0.995⁵⁰ / 1.2 = 65%', async () => {
        const topology = await topologyOf(`system S {
  traffic { peak 2000 rps }
  service web { instances 50  capacity 100 rps  health every 5s }
  scenario rush { peak 3x }
  target { availability 99% }
}`);
        const base = simulate(topology);
        const rush = simulateScenario(topology, topology.scenarios[0]).estimates;
        expect(node(rush, 'web').utilization).toBeCloseTo(1.2, 4);
        expect(node(rush, 'web').availability).toBeCloseTo(0.995, 9);
        expect(rush.requestsServed).toBeCloseTo(0.995 / 1.2, 7);
        const [atBase, atRush] = checkAllTargets(topology, base, [{ scenario: topology.scenarios[0], estimates: rush, peakFactor: 3 }]);
        expect(atBase.met).toBe(true);
        expect(atRush).toMatchObject({ scenario: 'rush', met: false });
        expect(atRush.value).toBeCloseTo(0.995 / 1.2, 7);
        expect(atRush.overload).toEqual([{ node: 'web', value: 0.166667 }]);
    });

    test('a zone lost from a tier overloaded even whole: it serves a × the share of its instances left', async () => {
        const result = await estimates(`system S {
  traffic { peak 1500 rps }
  zone east
  zone west
  service web { instances 4  capacity 250 rps  health every 5s  zones east, west }
}`);
        expect(node(result, 'web').utilization).toBeCloseTo(1.5, 4);
        // East takes two of four: web serves half its capacity's worth, a × 2/4 (not 0: the zone-lost figure).
        expect(result.availability.zoneLost?.system).toBeCloseTo(0.995 * 0.5, 6);
    });
});

describe('the simulation panel at any factor (what-if.ts grid, media/src/what-if-at.ts)', () => {
    test('web and api both at 100% of the peak: at ×3.98 web sheds, api behind it sheds nothing, 1/3.98 served', async () => {
        const topology = await topologyOf(`system S {
  traffic { peak 1000 rps }
  service web { instances 10  capacity 100 rps  health every 5s  availability 100% }
  service api { instances 10  capacity 100 rps  health every 5s  availability 100% }
  web -> api
}`);
        const figures = whatIf(topology, { scenario: null, fail: [], cold: [] });
        const factor = PEAK_FACTORS[15];
        expect(factor).toBeCloseTo(3.9764, 3);
        const at = figuresAt(figures, factor);
        expect(at.served).toBeCloseTo(1 / factor, 6);
        expect(at.tiers.find(t => t.node === 'web')!.unserved).toBeCloseTo(1 - 1 / factor, 6);
        expect(at.tiers.find(t => t.node === 'api')!.unserved).toBe(0);
        expect(at.p99Ms).toBeNull();
        // Up to the breaking point (×1) nothing sheds, though the grid's next point past it does.
        expect(figuresAt(figures, 0.99).served).toBe(1);
        expect(figuresAt(figures, 0.99).tiers.every(t => t.unserved === 0)).toBe(true);
    });
});

describe('an aside cache', () => {
    const ASIDE = (capacity: number) => `system S {
  traffic { peak 1000 rps }
  service api { availability 100% }
  cache c { capacity ${capacity} rps  hit 80%  availability 99% }
  database db { availability 90% }
  api -> c -> db
  scenario cache_gone { fail c }
}`;

    test('overloaded, sheds nothing: what it cannot answer its callers read from the store (its overload is cap-overload\'s)', async () => {
        const result = await estimates(ASIDE(500));
        expect(node(result, 'c').utilization).toBeCloseTo(2, 4);
        expect(result.overloadServed).toEqual({ served: 1, byTier: [] });
        expect(result.requestsServed).toBe(result.availability.system);
    });

    test('failed in a scenario: every read goes on to the store, which carries them and decides what is served', async () => {
        const topology = await topologyOf(ASIDE(5000));
        const base = simulate(topology);
        // Up: 0.99 × (0.8 + 0.2 × 0.9); down: every read from db, 0.9.
        expect(base.availability.system).toBeCloseTo(0.99 * (0.8 + 0.2 * 0.9) + 0.01 * 0.9, 7);
        const gone = simulateScenario(topology, topology.scenarios[0]).estimates;
        expect(gone.availability.system).toBeCloseTo(0.9, 7);
        expect(node(gone, 'db').loadRps).toBe(1000);
        expect(gone.availability.system!).toBeLessThan(base.availability.system!);
    });
});
