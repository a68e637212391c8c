/**
 * Load and latency of the version 2 constructs (ESTIMATES.md, "Load"), on small graphs worked out by
 * hand: clients as the sources of load, an edge's class (`reads` / `writes`), `Nx` and `each`, and a
 * cache that is the store. Parsed by the real parser.
 */
import { describe, expect, test } from 'vitest';
import { node, sim } from './simulated.js';
import { check, codes } from '../helpers.js';

describe('clients are the sources of load', () => {
    test('each at its own rate and read share, along its own edges; an edge of one class carries only it', async () => {
        const result = await sim(`system S {
  client a { peak 100 rps  reads 50% }
  client b { peak 300 rps  reads 100% }
  service api { instances 2 }
  database db
  cache c
  a -> api
  b -> api
  api -> db writes
  api -> c 30% reads
}`);
        // api: 100 (50 reads, 50 writes) + 300 reads.
        expect(node(result, 'api').loadRps).toBe(400);
        // db: the writes only, 50; c: 30% of the 350 reads.
        expect(node(result, 'db').loadRps).toBe(50);
        expect(node(result, 'c').loadRps).toBeCloseTo(105, 6);
    });

    test('a client without a peak gets traffic’s, split over the clients that declare none; reads from traffic', async () => {
        const result = await sim(`system S {
  traffic { peak 1000 rps  reads 80% }
  client silent_1
  client silent_2
  client loud { peak 200 rps }
  service api { instances 2 }
  silent_1 -> api
  silent_2 -> api
  loud -> api
}`);
        // 500 + 500 + 200.
        expect(node(result, 'api').loadRps).toBe(1200);
    });

    test('with clients, load enters only through them: a node no client reaches carries nothing and is unreachable', async () => {
        const text = `system S {
  traffic { peak 1000 rps }
  client web { peak 100 rps }
  service api { instances 2  health every 5s }
  service orphan { instances 2  health every 5s }
  web -> api
}`;
        const result = await sim(text);
        expect(node(result, 'api').loadRps).toBe(100);
        expect(node(result, 'orphan').loadRps).toBeNull();
        expect(await codes(text)).toContain('model-unreachable');
    });
});

describe('fan-out', () => {
    test('Nx makes N calls per request that takes the edge; each, one per shard (per instance without shards)', async () => {
        const result = await sim(`system S {
  traffic { peak 100 rps  reads 50% }
  service api { instances 2 }
  cache timelines { instances 3 }
  search index { instances 6  shards 4 by hash }
  storage blobs { instances 3 }
  api -> timelines 20x
  api -> index 10% each reads
  api -> blobs each
}`);
        expect(node(result, 'timelines').loadRps).toBe(2000);
        // 10% of the 50 reads, times 4 shards.
        expect(node(result, 'index').loadRps).toBeCloseTo(20, 6);
        // No shards: one call per instance.
        expect(node(result, 'blobs').loadRps).toBe(300);
    });

    test('the request waits for the slowest of N parallel calls: 10 calls of 10 ms mean, exponential → mean 10 × H₁₀ = 29.3 ms, p99 69.0 ms (ESTIMATES.md oracle)', async () => {
        const result = await sim(`system S {
  client c { peak 1 rps }
  service api
  service s { latency 10ms }
  c -> api
  api -> s 10x
}`);
        const harmonic10 = Array.from({ length: 10 }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
        const exactP99 = -10 * Math.log(1 - 0.99 ** (1 / 10));
        expect(exactP99).toBeCloseTo(69.0, 1);
        // A seeded Monte Carlo of 10,000 requests: the mean within 1.5%, the p99 within 4% (about 100 draws past it).
        expect(result.latencyMs!.mean).toBeGreaterThan(10 * harmonic10 * 0.985);
        expect(result.latencyMs!.mean).toBeLessThan(10 * harmonic10 * 1.015);
        expect(result.latencyMs!.p99).toBeGreaterThan(exactP99 * 0.96);
        expect(result.latencyMs!.p99).toBeLessThan(exactP99 * 1.04);
    });
});

describe('cache policy', () => {
    test('a cache that is the store passes nothing on, and needs no hit', async () => {
        const text = `system S {
  traffic { peak 1000 rps  reads 90% }
  service api { instances 2 }
  cache timelines { instances 3  policy store }
  database db
  api -> timelines
  timelines -> db
}`;
        const result = await sim(text);
        expect(node(result, 'timelines').loadRps).toBe(1000);
        expect(node(result, 'db').loadRps).toBe(0);
        // aside (the default) passes its read misses and its writes on: hit 0% without `hit`.
        const aside = await sim(text.replace('  policy store', ''));
        expect(node(aside, 'db').loadRps).toBe(1000);
        // cap-missing-input asks an aside cache for its hit ratio, never a store.
        const hitMessages = async (model: string) => (await check(model)).diagnostics.filter(d => d.message.includes('gives no `hit`'));
        expect(await hitMessages(text)).toEqual([]);
        expect(await hitMessages(text.replace('  policy store', ''))).toHaveLength(1);
    });
});

describe('a `behind` cache acknowledges writes itself', () => {
    const model = (policy: string) => `system S {
  client c { peak 100 rps  reads 0% }
  service api { instances 2  health every 5s  capacity 1000 rps  latency 1ms }
  cache wb { instances 3  policy ${policy}  capacity 10000 rps  latency 1ms }
  database db { availability 90%  capacity 1000 rps  latency 50ms }
  c -> api
  api -> wb
  wb -> db
}`;

    test('the store still takes every write, but a write neither waits for it nor fails with it', async () => {
        const behind = await sim(model('behind'));
        const through = await sim(model('through'));
        // Every write reaches the store either way: flushed later, or written through.
        expect(node(behind, 'db').loadRps).toBe(100);
        expect(node(through, 'db').loadRps).toBe(100);
        // Served: api (2 of 2 behind a health check: 1 of 2 needed) × wb (1 of 3) × db only when written through.
        const api = 1 - 0.005 ** 2;
        const wb = 1 - 0.005 ** 3;
        expect(behind.availability.system!).toBeCloseTo(api * wb, 7);
        expect(through.availability.system!).toBeCloseTo(api * wb * 0.9, 7);
        // End to end: the 50 ms store is on a written-through request's path only.
        expect(through.latencyMs!.mean - behind.latencyMs!.mean).toBeGreaterThan(45);
        expect(behind.latencyMs!.mean).toBeLessThan(5);
    });
});

describe('availability follows the classes and the clients', () => {
    test('scatter-gather needs every shard: each over 4 database shard groups of availability A is served A⁴ of the time', async () => {
        const model = (edge: string) => `system S {
  client c { peak 100 rps  reads 100% }
  service api { instances 2  health every 5s }
  database index { availability 99%  shards 4 by hash }
  c -> api
  api -> index${edge}
}`;
        const result = await sim(model(' each'));
        const api = 1 - 0.005 ** 2;
        const group = node(result, 'index').availability!;
        expect(group).toBeCloseTo(0.99, 8);
        expect(result.availability.system!).toBeCloseTo(api * group ** 4, 7);
        // One call (no `each`) needs one group: A.
        expect((await sim(model(''))).availability.system!).toBeCloseTo(api * 0.99, 7);
    });

    test('a search node keeps its 4 shards on its one instance: each needs that instance, A (not A⁴)', async () => {
        const result = await sim(`system S {
  client c { peak 100 rps  reads 100% }
  service api { instances 2  health every 5s }
  search index { availability 99%  shards 4 by hash }
  c -> api
  api -> index each
}`);
        expect(result.availability.system!).toBeCloseTo((1 - 0.005 ** 2) * 0.99, 7);
    });

    test('a database only writes reach fails only the writes: served = reads + writes × A', async () => {
        const result = await sim(`system S {
  client c { peak 100 rps  reads 80% }
  service api { instances 2  health every 5s }
  database db { availability 90% }
  c -> api
  api -> db writes
}`);
        const api = 1 - 0.005 ** 2;
        expect(result.availability.system!).toBeCloseTo(api * (0.8 + 0.2 * 0.9), 7);
    });

    test('two clients weigh by their rates: the one that calls a weak node more loses more', async () => {
        const result = await sim(`system S {
  client heavy { peak 300 rps }
  client light { peak 100 rps }
  external slow { availability 90% }
  external fast { availability 99% }
  heavy -> slow
  light -> fast
}`);
        expect(result.availability.system!).toBeCloseTo(0.75 * 0.9 + 0.25 * 0.99, 7);
    });
});

describe('a node one request reaches twice is conditioned on where the request splits', () => {
    test('twelve services each writing to their database directly and through a cache: exact, with no Monte Carlo', async () => {
        const domains = Array.from({ length: 12 }, (_, i) => `
  service api_${i} { instances 2  health every 5s }
  cache cache_${i} { hit 50%  availability 99% }
  database db_${i} { availability 90% }
  c -> api_${i} ${i === 0 ? 12 : 8}%
  api_${i} -> cache_${i}
  api_${i} -> db_${i} writes
  cache_${i} -> db_${i}`).join('');
        const result = await sim(`system S {
  client c { peak 100 rps  reads 50% }${domains}
}`);
        // One domain: a write calls db twice with one state (cache passes writes on): api × db, not × db²; the
        // cache is aside, so writes never need it. A read: api × (cache up: a miss calls db, 0.5 + 0.5 × 0.9;
        // cache down: every read is a miss, 0.9). Each domain is taken by its share.
        const api = 1 - 0.005 ** 2;
        const read = api * (0.99 * (0.5 + 0.5 * 0.9) + 0.01 * 0.9);
        const write = api * 0.9;
        const served = (q: number, f: number) => 1 - q + q * f;
        let reads = 1;
        let writes = 1;
        for (let i = 0; i < 12; i++) {
            const q = i === 0 ? 0.12 : 0.08;
            reads *= served(q, read);
            writes *= served(q, write);
        }
        expect(result.availability.method).toBe('exact');
        expect(result.availability.system!).toBeCloseTo(0.5 * reads + 0.5 * writes, 7);
    });
});

describe('`Nx`: each call carries its own key', () => {
    test('10 calls through a 50% cache to 4 shard groups of 99%: a group is hit with 1 − (1 − 0.5/4)¹⁰, and must be up', async () => {
        const model = (fanOut: string) => `system S {
  client c { peak 100 rps  reads 100% }
  service api { availability 100% }
  cache lookups { availability 100%  hit 50% }
  database people { availability 99%  shards 4 by hash }
  c -> api
  api -> lookups${fanOut}
  lookups -> people
}`;
        const hit = 1 - (1 - 0.5 / 4) ** 10;
        expect((await sim(model(' 10x'))).availability.system!).toBeCloseTo((1 - hit * 0.01) ** 4, 7);
        // One call: its key's group, half the time: 1 − 0.5 × 0.01.
        expect((await sim(model(''))).availability.system!).toBeCloseTo(1 - 0.5 * 0.01, 7);
    });

    test('to an unsharded node the N calls share its state: counted once', async () => {
        const result = await sim(`system S {
  client c { peak 100 rps  reads 100% }
  service api { availability 100% }
  database db { availability 99% }
  c -> api
  api -> db 10x
}`);
        expect(result.availability.system!).toBeCloseTo(0.99, 7);
    });
});
