/**
 * `simulate` end to end on small models parsed by the real parser: per-node
 * utilization, availability (node, system, one zone lost), queueing and
 * end-to-end latency, staleness and shard rows, determinism. Every expected
 * value is worked out by hand in the comments from ESTIMATES.md and the
 * choices documented in docs/estimates.md (a = 0.995 by default, MTBF 30 days
 * = 43,200 min, promotion: manual 30 min, arbiter 30 s, interconnect 10 s).
 */
import { inputValue } from '../../server/src/estimates/explanation.js';
import { simulationJson } from '../../server/src/present/simulation-json.js';
import { explainLatency } from '../../server/src/present/explain.js';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { NodeEstimate } from '../../server/src/estimates/simulate.js';
import { node, sim } from './simulated.js';

const a = 0.995;
/** Availabilities come out rounded to 8 decimals: derived quantities are compared to 7 (|Δ| < 5e-8). */
const MTBF = 30 * 24 * 60;

/** The model of one database (or service) as the only entry, at `peak` with `reads`. */
function alone(body: string, traffic = 'peak 1200 rps reads 90%'): string {
    return `system S {\n  traffic { ${traffic} }\n  ${body}\n}`;
}

describe('utilization: ρ = load on the busiest member / capacity of one member', () => {
    test('plain tier: λ / (n × C) with autoscale at MAX; one lost: n − 1', async () => {
        const result = await sim(alone('service api { autoscale 2..4 capacity 500 rps }'));
        const api = node(result, 'api');
        expect(api.instances).toEqual({ min: 2, max: 4 });
        expect(api.loadRps).toBe(1200);
        // 1200 / (4 × 500) = 0.6; capacity 4 × 500 = 2000; one lost: 1200 / (3 × 500) = 0.8.
        expect(api.utilization).toBeCloseTo(0.6, 4);
        expect(api.capacityRps).toBeCloseTo(2000, 1);
        expect(api.utilizationOneLost).toBeCloseTo(0.8, 4);
    });

    test('fixed instances: λ / (n × C); one instance lost from a single instance leaves nothing (null)', async () => {
        const three = node(await sim(alone('service api { instances 3 capacity 500 rps }')), 'api');
        // 1200 / 1500 = 0.8; one lost: 1200 / 1000 = 1.2.
        expect(three.utilization).toBeCloseTo(0.8, 4);
        expect(three.utilizationOneLost).toBeCloseTo(1.2, 4);
        const one = node(await sim(alone('service api { capacity 2000 rps }')), 'api');
        expect(one.utilization).toBeCloseTo(0.6, 4);
        expect(one.utilizationOneLost).toBeNull();
    });

    test('active_passive serves from one instance: λ / C, and losing the standby changes nothing', async () => {
        const api = node(await sim(alone('service api { instances 2 active_passive capacity 1000 rps }', 'peak 600 rps')), 'api');
        // 600 / 1000 = 0.6, not 600 / 2000.
        expect(api.utilization).toBeCloseTo(0.6, 4);
        expect(api.capacityRps).toBeCloseTo(1000, 1);
        expect(api.utilizationOneLost).toBeCloseTo(0.6, 4);
    });

    test('primary_backup: everything on the primary', async () => {
        const db = node(await sim(alone('database db { capacity 1000 rps replication primary_backup { replicas 2 } }', 'peak 600 rps reads 90%')), 'db');
        expect(db.utilization).toBeCloseTo(0.6, 4);
        expect(db.utilizationOneLost).toBeCloseTo(0.6, 4);
    });

    test('primary_replica: a replica serves reads / R and applies every write; the primary takes the writes alone', async () => {
        const readHeavy = node(await sim(alone('database db { capacity 1000 rps replication primary_replica { replicas 3 } }')), 'db');
        // 1200 rps at 90% reads: writes 120, a replica 1080 / 3 + 120 = 480 → ρ = 0.48; capacity at this mix 1200 / 0.48 = 2500.
        expect(readHeavy.utilization).toBeCloseTo(0.48, 4);
        expect(readHeavy.capacityRps).toBeCloseTo(2500, 1);
        // One replica lost: 1080 / 2 + 120 = 660 → 0.66.
        expect(readHeavy.utilizationOneLost).toBeCloseTo(0.66, 4);

        const writeHeavy = node(await sim(alone('database db { capacity 1000 rps replication primary_replica { replicas 3 } }', 'peak 1200 rps reads 50%')), 'db');
        // A replica: 600 / 3 + 600 = 800 → 0.8, busier than the primary's 600 writes; losing a replica: 300 + 600 → 0.9.
        expect(writeHeavy.utilization).toBeCloseTo(0.8, 4);
        expect(writeHeavy.utilizationOneLost).toBeCloseTo(0.9, 4);
    });

    test('multi_master: each master takes reads / m and applies every write', async () => {
        const db = node(await sim(alone('database db { capacity 1000 rps replication multi_master { replicas 3 } }')), 'db');
        // 1080 / 3 + 120 = 480 → 0.48; one master lost: 1080 / 2 + 120 = 660 → 0.66.
        expect(db.utilization).toBeCloseTo(0.48, 4);
        expect(db.utilizationOneLost).toBeCloseTo(0.66, 4);
    });

    test('multi_master availability: k is the fewest masters with reads / k + writes under capacity', async () => {
        const a = 0.995;
        const k = (estimate: NodeEstimate): unknown => estimate.explanation.availability?.inputs.find(input => input.name === 'k')?.value;
        // 1080 reads, 120 writes, capacity 450: 1080 / k + 120 < 450 → k = 4 of 4 (the total alone, 1200 / k < 450, would give 3).
        const four = node(await sim(alone('database db { capacity 450 rps replication multi_master { replicas 4 } }')), 'db');
        expect(k(four)).toBe(4);
        expect(four.availability).toBeCloseTo(a ** 4, 8);
        // Capacity 500: 1080 / k + 120 < 500 → k = 3: 3-of-4.
        const three = node(await sim(alone('database db { capacity 500 rps replication multi_master { replicas 4 } }')), 'db');
        expect(k(three)).toBe(3);
        expect(three.availability).toBeCloseTo(4 * a ** 3 * (1 - a) + a ** 4, 8);
        // The writes alone reach capacity: no count of masters carries them; overloaded, it serves what the masters up
        // carry, a on average (the overload's own share is counted apart).
        const writeBound = node(await sim(alone('database db { capacity 100 rps replication multi_master { replicas 4 } }')), 'db');
        expect(writeBound.explanation.availability?.formula).toBe('overloaded');
        expect(writeBound.availability).toBeCloseTo(a, 8);
    });

    test('sharded, keys uniform: every group carries the mean (no `keys`: exactly; 10⁶ uniform keys: within 1%)', async () => {
        const exact = node(await sim(alone('database db { capacity 1000 rps shards 4 by hash }', 'peak 2000 rps')), 'db');
        // 2000 / 4 = 500 per group → 0.5.
        expect(exact.utilization).toBeCloseTo(0.5, 4);
        expect(exact.shardSkew).toBe(1);
        const keyed = node(await sim(alone('database db { capacity 1000 rps shards 4 by hash }', 'peak 2000 rps keys 1000000')), 'db');
        expect(keyed.shardSkew!).toBeGreaterThanOrEqual(1);
        expect(keyed.shardSkew!).toBeLessThan(1.01);
        expect(keyed.utilization!).toBeGreaterThanOrEqual(0.5);
        expect(keyed.utilization!).toBeLessThan(0.505);
    });

    test.each([
        ['range', 'id auto_increment'],
        ['date', 'id timestamp'],
        ['range', 'id snowflake']
    ])('sharded by %s on a growing key (%s): every insert on one shard, writes busiest/mean = N', async (strategy, field) => {
        const result = await sim(alone(`database db {
    capacity 1000 rps
    shards 4 by ${strategy}
    table t { shard key id  ${field} }
    table lookup { global }
  }`, 'peak 2000 rps reads 50%'));
        const db = node(result, 'db');
        // Per group: reads 1000 / 4 = 250 (× 1), writes 1000 / 4 × 4 = 1000 → busiest 1250 → ρ = 1.25.
        expect(db.utilization).toBeCloseTo(1.25, 4);
        expect(db.shardSkew).toBe(4);
        // One row, for the split table (the global one is copied, never split); a new range or date shard takes
        // new keys and moves no row (seed 004).
        expect(result.shards).toEqual([
            { database: 'db', node: 'db', table: 't', strategy, shards: 4, busiestOverMean: 4, topKeyShare: null, reshardMovedShare: 0 }
        ]);
    });

    test('a growing key under hash placement is spread: no write skew', async () => {
        const db = node(await sim(alone(`database db {
    capacity 1000 rps
    shards 4 by hash
    table t { shard key id  id auto_increment }
  }`, 'peak 2000 rps reads 50%')), 'db');
        expect(db.utilization).toBeCloseTo(0.5, 4);
        expect(db.shardSkew).toBe(1);
    });
});

describe('availability of one node', () => {
    test('a single instance is available a (the default 99.5%, or the declared one)', async () => {
        expect(node(await sim(alone('service api')), 'api').availability).toBe(a);
        expect(node(await sim(alone('service api { availability 99.9% }')), 'api').availability).toBeCloseTo(0.999, 12);
        const result = await sim(alone('service api'));
        expect(result.defaults).toContainEqual({ input: 'instance-availability', availability: 0.995, nodes: ['api'] });
    });

    const behindBalancer = (health: string, api: string, peak: number): string => `system S {
  traffic { peak ${peak} rps }
  balancer lb { instances 2 ${health} }
  service api { ${api} }
  lb -> api
}`;

    test('k-of-n with health checks: k = the fewest instances that carry the peak', async () => {
        // 800 rps on instances of 500: k = 2 (800 < 2 × 500). P(≥ 2 of 3 up) = 3a²(1−a) + a³ = 3a² − 2a³ = 0.99992525.
        const k2 = node(await sim(behindBalancer('health every 5s', 'instances 3 capacity 500 rps', 800)), 'api');
        expect(k2.availability).toBeCloseTo(3 * a ** 2 - 2 * a ** 3, 8);
        expect(k2.availability).toBeCloseTo(0.99992525, 8);
        // 400 rps: k = 1, any one of 3: 1 − (1 − a)³ = 1 − 1.25e-7.
        const k1 = node(await sim(behindBalancer('health every 5s', 'instances 3 capacity 500 rps', 400)), 'api');
        expect(k1.availability).toBeCloseTo(1 - 0.005 ** 3, 8);
        // No capacity: k = 1 too.
        const unknown = node(await sim(behindBalancer('health every 5s', 'instances 3', 800)), 'api');
        expect(unknown.availability).toBeCloseTo(1 - 0.005 ** 3, 8);
        // Exactly at capacity (1000 = 2 × 500) is not below it: k = 3, all three up: a³.
        const edge = node(await sim(behindBalancer('health every 5s', 'instances 3 capacity 500 rps', 1000)), 'api');
        expect(edge.availability).toBeCloseTo(a ** 3, 8);
    });

    test('behind a balancer without health checks a dead instance keeps its share: A ≈ a', async () => {
        const noHealth = node(await sim(behindBalancer('', 'instances 3 capacity 500 rps', 800)), 'api');
        expect(noHealth.availability).toBe(a);
        // Its own `health every`: its callers leave a dead instance out, k-of-n (800 rps needs 2 of 3).
        const ownHealth = node(await sim(behindBalancer('', 'instances 3 capacity 500 rps health every 5s', 800)), 'api');
        expect(ownHealth.availability).toBeCloseTo(a ** 3 + 3 * a ** 2 * (1 - a), 10);
    });

    test('reached directly (no balancer in front), callers leave a dead instance out: k-of-n', async () => {
        // Two caches of 99.5%, either one enough (ESTIMATES.md oracle): 1 − 0.005² = 99.9975%.
        const caches = node(await sim(alone('cache c { instances 2 }', 'peak 100 rps')), 'c');
        expect(caches.availability).toBeCloseTo(0.999975, 10);
        const bare = node(await sim(alone('service api { instances 3 capacity 500 rps }', 'peak 800 rps')), 'api');
        expect(bare.availability).toBeCloseTo(a ** 3 + 3 * a ** 2 * (1 - a), 10);
        // The balancer's own instances, active_active: its callers move to a live one.
        expect(node(await sim(behindBalancer('health every 5s', 'instances 3', 800)), 'lb').availability).toBeCloseTo(1 - 0.005 ** 2, 10);
    });

    test('health checks count only when every balancer in front has them', async () => {
        // front sends 400 through each balancer: api gets 800 (k = 2 of 3 with health checks everywhere).
        const result = await sim(`system S {
  traffic { peak 400 rps }
  dns front
  balancer one { instances 2 health every 5s }
  balancer two { instances 2 }
  service api { instances 3 capacity 500 rps }
  front -> one -> api
  front -> two -> api
}`);
        expect(node(result, 'api').availability).toBe(a);
    });

    test('managed dns and cdn (no `instances`): the whole service at 99.99% (or as declared)', async () => {
        const result = await sim(`system S {
  traffic { peak 100 rps }
  dns front
  cdn assets { availability 99.9% hit 90% }
  front -> assets
}`);
        expect(node(result, 'front').availability).toBe(0.9999);
        expect(node(result, 'front').explanation.availability?.formula).toBe('managed');
        expect(node(result, 'assets').availability).toBe(0.999);
        expect(result.defaults).toContainEqual({ input: 'managed-availability', availability: 0.9999, nodes: ['front'] });
    });

    test('a coordinator is a quorum: 2 of 3 at 0.995 → 3a² − 2a³ = 0.999925; 3 of 5 likewise', async () => {
        const result = await sim(`system S {
  traffic { peak 100 rps }
  service api
  coordinator zk { instances 3 }
  coordinator big { instances 5 }
}`);
        expect(node(result, 'zk').availability).toBeCloseTo(0.999925, 6);
        expect(node(result, 'zk').availability).toBeCloseTo(3 * a ** 2 - 2 * a ** 3, 8);
        // P(≥ 3 of 5) = a⁵ + 5a⁴(1−a) + 10a³(1−a)².
        const five = a ** 5 + 5 * a ** 4 * (1 - a) + 10 * a ** 3 * (1 - a) ** 2;
        expect(node(result, 'big').availability).toBeCloseTo(five, 8);
        // Coordinators are not on the request path: the system is api alone.
        expect(result.availability.system).toBe(a);
    });

    test('failover: manual promotion costs (1/MTBF) × 30 min more than an arbiter', async () => {
        const model = (failover: string): string => `system S {
  traffic { peak 100 rps reads 90% }
  service api { availability 100% }
  coordinator zk { instances 3 }
  database db { replication primary_backup { replicas 1 ${failover} } }
  api -> db
}`;
        const manual = node(await sim(model('')), 'db').availability!;
        const explicitManual = node(await sim(model('failover manual')), 'db').availability!;
        const arbiter = node(await sim(model('failover arbiter zk')), 'db');
        // Manual: 30 / 43200 + (1 − a)² = 6.9444e-4 + 2.5e-5 = 7.1944e-4, capped at the primary alone (1 − a).
        expect(manual).toBe(explicitManual);
        expect(1 - manual).toBeCloseTo(Math.min(0.005, 30 / MTBF + 0.005 ** 2), 7);
        // Arbiter zk: 30 s to promote, and writes need zk's quorum (Aq = 3a² − 2a³ = 0.99992525): without it the
        // primary cannot hold its role (seed 003). Reads (10%) need only the primary's failover.
        const quorum = 3 * a ** 2 - 2 * a ** 3;
        const failover = 1 - (0.5 / MTBF + 0.005 ** 2);
        expect(arbiter.explanation.availability?.formula).toBe('arbiter-gated');
        expect(arbiter.availability!).toBeCloseTo(0.9 * failover + 0.1 * failover * quorum, 7);
        // Manual has more downtime than an arbiter that holds its quorum.
        expect(manual).toBeLessThan(arbiter.availability!);
        // The system counts the database (share 1) and the (100% available) api.
        expect((await sim(model(''))).availability.system).toBeCloseTo(manual, 8);
    });

    test('other failover methods: probe 60 s, interconnect 10 s', async () => {
        const db = async (failover: string): Promise<number> =>
            node(await sim(alone(`database db { replication primary_backup { replicas 2 failover ${failover} } }`, 'peak 10 rps')), 'db').availability!;
        // 1/43200 + (1 − a)³ and (1/6)/43200 + (1 − a)³.
        expect(1 - await db('probe')).toBeCloseTo(1 / MTBF + 0.005 ** 3, 7);
        expect(1 - await db('interconnect')).toBeCloseTo(10 / 60 / MTBF + 0.005 ** 3, 7);
    });

    test('primary_replica weighs reads (any copy up) and writes (failover) by the read share', async () => {
        const db = node(await sim(alone('database db { replication primary_replica { replicas 2 failover probe } }', 'peak 100 rps reads 75%')), 'db');
        // reads: 1 − (1 − a)³; writes: 1 − (1/43200 + (1 − a)³); A = 0.75 reads + 0.25 writes.
        const reads = 1 - 0.005 ** 3;
        const writes = 1 - (1 / MTBF + 0.005 ** 3);
        expect(db.availability).toBeCloseTo(0.75 * reads + 0.25 * writes, 8);
    });

    test('active_passive fails over by heartbeat (10 s)', async () => {
        const lb = node(await sim(alone('balancer lb { instances 2 active_passive }', 'peak 100 rps')), 'lb');
        // (10/60) / 43200 + (1 − a)² = 3.858e-6 + 2.5e-5.
        expect(1 - lb.availability!).toBeCloseTo(10 / 60 / MTBF + 0.005 ** 2, 7);
    });

    test('overload is not downtime: listed with its unserved share, and as a failure figure it serves the mean share of its capacity up, a', async () => {
        const result = await sim(behindBalancer('health every 5s', 'instances 3 capacity 500 rps', 2000));
        const api = node(result, 'api');
        // 2000 rps needs k = 5 instances of 500 (2000 < 5 × 500): more than the 3 it has.
        expect(api.utilization).toBeCloseTo(2000 / 1500, 4);
        // Not a³: one of three down leaves two that carry their 1000 rps, the 1500 of all three being 75% of the peak.
        expect(api.availability).toBeCloseTo(a, 9);
        expect(api.explanation.availability?.formula).toBe('overloaded');
        expect(api.latencyMs).toBeNull();
        // 1 − 1/ρ = 1 − 1500/2000 = 25% of its requests the peak cannot serve.
        expect(result.overloaded).toEqual([{ node: 'api', utilization: 1.3333, unservedShare: 0.25 }]);
        expect(result.availability.system).toBeGreaterThan(0.98);
    });

    test('overloaded whatever the front: one instance, no health checks, an active_passive pair', async () => {
        // 800 rps on one instance of 500 (needs 2): overloaded; as a failure figure its one instance, a.
        const one = await sim(behindBalancer('health every 5s', 'capacity 500 rps', 800));
        expect(node(one, 'api').availability).toBe(a);
        expect(one.overloaded.map(entry => entry.node)).toEqual(['api']);
        const two = node(await sim(behindBalancer('health every 5s', 'instances 2 capacity 500 rps', 800)), 'api');
        expect(two.availability).toBe(0.990025);
        // Without health checks, overloaded too: each serves its share while up, a.
        expect(node(await sim(behindBalancer('', 'instances 3 capacity 500 rps', 2000)), 'api').availability).toBeCloseTo(a, 9);
        // active_passive serves from one instance: 800 rps on one of 500 is overloaded however many stand by.
        const pair = await sim(alone('service api { instances 3 active_passive capacity 500 rps }', 'peak 800 rps'));
        expect(node(pair, 'api').explanation.availability?.formula).toBe('overloaded');
        expect(pair.overloaded.map(entry => entry.node)).toEqual(['api']);
        // A single instance that carries the peak is simply a.
        expect(node(await sim(behindBalancer('health every 5s', 'capacity 1000 rps', 800)), 'api').availability).toBe(a);
    });

    test('a sharded database is overloaded only when one shard group cannot carry its share', async () => {
        // 2000 rps over 4 groups: 500 per group on nodes of 1000 → fine, a; at 5000: 1250 per group → 0.
        expect(node(await sim(alone('database db { capacity 1000 rps shards 4 by hash }', 'peak 2000 rps')), 'db').availability).toBe(a);
        const overloaded = await sim(alone('database db { capacity 1000 rps shards 4 by hash }', 'peak 5000 rps'));
        expect(node(overloaded, 'db').explanation.availability?.formula).toBe('overloaded');
        expect(overloaded.overloaded.map(entry => entry.node)).toEqual(['db']);
    });

    test('a standby never lowers availability: a failover slower than a repair is capped at the copy alone', async () => {
        // a = 99.95%: the spec formula gives 30 / 43200 + 0.0005² = 6.947e-4 > 1 − a = 5e-4 with a manual promotion.
        const db = node(await sim(alone('database db { availability 99.95% replication primary_backup { replicas 1 } }', 'peak 10 rps')), 'db');
        expect(db.availability).toBeCloseTo(0.9995, 12);
        // With a probe (1 min): 1 / 43200 + 2.5e-7 = 2.340e-5 < 5e-4: the formula applies.
        const probe = node(await sim(alone('database db { availability 99.95% replication primary_backup { replicas 1 failover probe } }', 'peak 10 rps')), 'db');
        expect(1 - probe.availability!).toBeCloseTo(1 / MTBF + 0.0005 ** 2, 7);
    });
});

describe('system availability', () => {
    const CHAIN = `system S {
  traffic { peak 1000 rps }
  service a
  service b { availability 99% }
  a -> b 40%
}`;

    test('Π (1 − s_i (1 − A_i)) on a two-node chain, with nines and downtime', async () => {
        const result = await sim(CHAIN);
        expect(node(result, 'b').requestShare).toBeCloseTo(0.4, 6);
        // (1 − 1 × 0.005) × (1 − 0.4 × 0.01) = 0.995 × 0.996 = 0.99102.
        expect(result.availability.system).toBeCloseTo(0.99102, 8);
        // 1 − A = 0.00898: nines = −log10(0.00898) = 2.0467 → 2.05; downtime 0.00898 × 525600 = 4719.888 → 4719.9 min.
        expect(result.availability.nines).toBeCloseTo(2.05, 2);
        expect(result.availability.downtimeMinutesPerYear).toBeCloseTo(4719.9, 1);
    });

    test('is the same without a peak (it needs only the shares)', async () => {
        const result = await sim(CHAIN.replace('traffic { peak 1000 rps }', ''));
        expect(result.availability.system).toBeCloseTo(0.99102, 8);
    });

    test('a cache hit spares the database: s_db counts only what the cache passes on', async () => {
        const result = await sim(`system S {
  traffic { reads 90% }
  service api { availability 100% }
  cache c { hit 80% availability 100% }
  database db { availability 90% }
  api -> c -> db
}`);
        // s_db = 0.1 + 0.2 × 0.9 = 0.28: 1 − 0.28 × 0.1 = 0.972.
        expect(node(result, 'db').requestShare).toBeCloseTo(0.28, 6);
        expect(result.availability.system).toBeCloseTo(0.972, 8);
    });
});

describe('one zone lost', () => {
    const ZONES = `system S {
  traffic { peak 100 rps }
  zone z1
  zone z2
  dns front { zones z1, z2 }
  service a { instances 2 zones z1, z2 }
  service b { instances 2 zones z1 }
  service c { instances 2 }
  front -> a
  a -> b 50%
  a -> c 50%
}`;

    test('a zone takes its instances from every node in it at once; a node without zones is lost with any zone; the worst zone is named', async () => {
        const result = await sim(ZONES);
        // Healthy: front is managed (99.99%, the whole service); a, b, c: 2 instances reached directly, either one
        // enough: 1 − 0.005². A request calls a, then b and c with 50% each, independently.
        const two = 1 - 0.005 ** 2;
        const healthy = 0.9999 * two * (0.5 + 0.5 * two) ** 2;
        expect(result.availability.system).toBeCloseTo(healthy, 7);
        expect(result.availability.method).toBe('exact');
        // Lose z1: front stays (it also declares z2); `a` keeps 1 instance: a; b (only in z1) is down, and so is c
        // (no zones in a zoned system: it is lost with any zone). 0.9999 × 0.995 × 0.5 × 0.5.
        // Lose z2: `a` keeps 1; b keeps both; c down: 0.9999 × 0.995 × (0.5 + 0.5 × two) × 0.5. So z1 is the worst.
        const zoneLost = result.availability.zoneLost!;
        expect(zoneLost.zone).toBe('z1');
        expect(zoneLost.down).toEqual(['b', 'c']);
        const served = 0.9999 * 0.995 * 0.25;
        expect(zoneLost.system).toBeCloseTo(served, 7);
        expect(zoneLost.nines).toBeCloseTo(-Math.log10(1 - served), 2);
        expect(zoneLost.downtimeMinutesPerYear).toBeCloseTo((1 - served) * 525600, 0);
    });

    test('the worst zone follows the damage: move b to z2', async () => {
        const result = await sim(ZONES.replace('service b { instances 2 zones z1 }', 'service b { instances 2 zones z2 }'));
        expect(result.availability.zoneLost!.zone).toBe('z2');
        expect(result.availability.zoneLost!.down).toEqual(['b', 'c']);
    });

    test('an autoscaled tier relaunches in its other zone what the lost zone took; fixed instances do not', async () => {
        const model = (web: string) => `system S {
  traffic { peak 3000 rps }
  zone za
  zone zb
  service web { ${web} capacity 600 rps zones za, zb }
}`;
        // 12 over two zones: 6 left need all 6 (5 × 600 = 3,000 is ρ = 1): 0.995⁶ while they stay 6.
        const fixed = await sim(model('instances 12'));
        expect(fixed.availability.zoneLost!.system).toBeCloseTo(0.995 ** 6, 7);
        // autoscale 2..12 regrows to 12 in the zone left: 6 of 12 (k-of-n), the healthy figure.
        const scaled = await sim(model('autoscale 2..12'));
        expect(scaled.availability.zoneLost!.system).toBeCloseTo(scaled.availability.system!, 8);
        // In one zone only, nothing is left to regrow in.
        const oneZone = await sim(model('autoscale 2..12').replace('zones za, zb', 'zones za'));
        expect(oneZone.availability.zoneLost!.system).toBe(0);
    });

    test('no zones declared (or one): no zone-loss estimate', async () => {
        expect((await sim(alone('service api { instances 2 }'))).availability.zoneLost).toBeNull();
    });
});

describe('latency', () => {
    test('one M/M/1 instance (capacity 10 rps, latency 100 ms → k = 1): mean 1/(μ − λ), p99 ln(100)/(μ − λ)', async () => {
        const result = await sim(alone('service q { capacity 10 rps latency 100ms }', 'peak 5 rps'));
        const q = node(result, 'q');
        // μ = 10/s, λ = 5/s: mean 1/5 s = 200 ms; M/M/1 response is Exp(μ − λ): p99 = ln 100 / 5 s = 921.03 ms.
        expect(q.latencyMs!.mean).toBeCloseTo(200, 2);
        expect(q.latencyMs!.p99).toBeCloseTo(1000 * Math.log(100) / 5, 1);
        expect(q.explanation.latency?.formula).toBe('mm-c');
        expect(inputValue(q.explanation.latency!, 'workers')).toBe(1);
        // At λ = 8: mean 1/2 s = 500 ms, p99 ln 100 / 2 s = 2302.59 ms.
        const busy = node(await sim(alone('service q { capacity 10 rps latency 100ms }', 'peak 8 rps')), 'q');
        expect(busy.latencyMs!.mean).toBeCloseTo(500, 2);
        expect(busy.latencyMs!.p99).toBeCloseTo(1000 * Math.log(100) / 2, 1);
        // End to end (the queue is the whole request): the same mean; the Monte Carlo p99 within 5% of the closed form.
        expect(result.latencyMs!.mean).toBeCloseTo(200, 2);
        expect(Math.abs(result.latencyMs!.p99 / 921.034 - 1)).toBeLessThan(0.05);
    });

    test('an overloaded queue has no latency (null) and no end-to-end latency', async () => {
        const result = await sim(alone('service q { capacity 10 rps latency 100ms }', 'peak 12 rps'));
        expect(node(result, 'q').latencyMs).toBeNull();
        expect(result.latencyMs).toBeNull();
    });

    const CHAIN = `system S {
  traffic { peak 100 rps reads 90% }
  service a { latency 10ms }
  service b { latency 20ms }
  cache c { hit 80% latency 1ms }
  database d { latency 30ms }
  a -> b 50% -> c 40% -> d
}`;

    test('end-to-end mean: the sum along the chain weighted by the chance of each call', async () => {
        const result = await sim(CHAIN);
        // A cache calls on for writes + misses: 0.1 + 0.2 × 0.9 = 0.28 of its requests.
        // T = 10 + 0.5 × (20 + 0.4 × (1 + 0.28 × 30)) = 10 + 0.5 × (20 + 0.4 × 9.4) = 10 + 0.5 × 23.76 = 21.88 ms.
        expect(result.latencyMs!.mean).toBeCloseTo(21.88, 2);
        // No capacity: the service time alone, exponential: p99 = S ln 100.
        expect(node(result, 'd').latencyMs).toEqual({ mean: 30, p99: Number((30 * Math.log(100)).toFixed(2)) });
    });

    test('a session lookup is one more call per request', async () => {
        const result = await sim(`system S {
  traffic { peak 100 rps }
  service web { latency 10ms sessions store sc }
  cache sc { latency 2ms }
}`);
        // 10 + 1 × 2 = 12 ms.
        expect(result.latencyMs!.mean).toBeCloseTo(12, 2);
    });

    test('two entries weigh their paths by their share of the peak', async () => {
        const result = await sim(`system S {
  traffic { peak 100 rps }
  service x { latency 10ms }
  service y { latency 30ms }
}`);
        // 0.5 × 10 + 0.5 × 30 = 20 ms.
        expect(result.latencyMs!.mean).toBeCloseTo(20, 2);
    });

    const SERIES = `system S {
  traffic { peak 100 rps }
  service a { latency 10ms }
  service b { latency 20ms }
  service c { latency 30ms }
  a -> b -> c
}`;

    test('the Monte Carlo p99 is deterministic and at least the largest single-node p99 on the chain', async () => {
        const first = await sim(SERIES);
        const second = await sim(SERIES);
        expect(second.latencyMs).toEqual(first.latencyMs);
        const largest = Math.max(...first.nodes.map(n => n.latencyMs!.p99));
        expect(largest).toBeCloseTo(30 * Math.log(100), 1);
        expect(first.latencyMs!.p99).toBeGreaterThanOrEqual(largest);
        expect(first.latencyMs!.mean).toBeCloseTo(60, 2);
    });

    test('the p99 of a chain of exponential stages matches the hypoexponential closed form within 5%', async () => {
        const result = await sim(SERIES);
        // T = Exp(1/10) + Exp(1/20) + Exp(1/30) (ms): P(T > t) = Σ_i e^{−λ_i t} Π_{j≠i} λ_j / (λ_j − λ_i),
        // coefficients 0.5, −4, 4.5 for λ = 1/10, 1/20, 1/30. Solve P(T > t) = 0.01 by bisection.
        const rates = [1 / 10, 1 / 20, 1 / 30];
        const tail = (t: number): number => rates.reduce((sum, li, i) =>
            sum + Math.exp(-li * t) * rates.reduce((p, lj, j) => (j === i ? p : p * (lj / (lj - li))), 1), 0);
        expect(tail(0)).toBeCloseTo(1, 12);
        let lo = 0;
        let hi = 2000;
        for (let i = 0; i < 100; i++) {
            const mid = (lo + hi) / 2;
            if (tail(mid) > 0.01) lo = mid; else hi = mid;
        }
        expect(Math.abs(result.latencyMs!.p99 / lo - 1)).toBeLessThan(0.05);
    });
});

describe('models the validator rejects but the parser reads', () => {
    // `archscope simulate` estimates what parsed even when the validator reports errors: these must not throw,
    // and every number must be finite or null.
    const bodies = [
        'service s { capacity 0 rps latency 10ms }',
        'database s { capacity 100 rps latency 10ms replication multi_master { replicas 0 } }',
        'database s { capacity 100 rps latency 10ms replication multi_master { replicas 1 } }',
        'database s { capacity 100 rps latency 10ms replication primary_replica { replicas 0 lag 1s } }',
        'service s { instances 0 capacity 100 rps latency 10ms }',
        'database s { capacity 100 rps latency 10ms shards 0 by hash }',
        'coordinator s { instances 0 }'
    ];

    function nonFinite(value: unknown, path = ''): string[] {
        if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
        if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
        if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
        return [];
    }

    test.each(bodies)('%s: no exception, no NaN or Infinity', async body => {
        const result = await sim(`system S {
  traffic { peak 50 rps }
  service front { latency 1ms }
  ${body}
  front -> s
}`);
        // Every number the JSON carries; an explanation's inputs may say k = Infinity (instances needed past any count), and do so in words.
        expect(nonFinite(simulationJson(result))).toEqual([]);
        expect(node(result, 's').loadRps).toBe(50);
    });

    test('capacity 0 counts as no capacity; no serving master means no utilization, no latency and no availability', async () => {
        const zero = node(await sim(alone('service s { capacity 0 rps latency 10ms }', 'peak 50 rps')), 's');
        expect(zero.utilization).toBeNull();
        expect(zero.latencyMs).toEqual({ mean: 10, p99: Number((10 * Math.log(100)).toFixed(2)) });
        const none = node(await sim(alone('database s { capacity 100 rps latency 10ms replication multi_master { replicas 0 } }', 'peak 50 rps')), 's');
        expect(none.utilization).toBeNull();
        expect(none.latencyMs).toBeNull();
        expect(none.availability).toBe(0);
    });
});

describe('numbers past what a double holds: no usable value, a note, never a throw or a hang', () => {
    /** 400 digits parse to Infinity. */
    const HUGE = '9'.repeat(400);

    test('capacity Infinity is no usable capacity: no utilization, the service time alone, a note', async () => {
        const result = await sim(alone(`service s { instances 2 capacity ${HUGE} rps latency 10ms }`, 'peak 50 rps'));
        const s = node(result, 's');
        expect(s.utilization).toBeNull();
        expect(s.capacityRps).toBeNull();
        expect(s.latencyMs).toEqual({ mean: 10, p99: Number((10 * Math.log(100)).toFixed(2)) });
        expect(s.explanation.latency?.formula).toBe('service-time');
        expect(inputValue(s.explanation.latency!, 'capacity')).toBe('unusable');
        expect(result.notes).toContainEqual({ kind: 'unusable-capacity', node: 's', capacityRps: Infinity });
    });

    test('latency Infinity is no usable service time: utilization still, no latency, a note', async () => {
        const result = await sim(alone(`service s { instances 2 capacity 100 rps latency ${HUGE}ms }`, 'peak 50 rps'));
        const s = node(result, 's');
        expect(s.utilization).toBeCloseTo(0.25, 4);
        expect(s.latencyMs).toBeNull();
        expect(result.latencyMs).toBeNull();
        expect(result.notes).toContainEqual({ kind: 'unusable-latency', node: 's', latencyMs: Infinity });
    });

    test('capacity × latency past a double (300 digits each): workers too many to count, latency null, a note', async () => {
        const big = '9'.repeat(300);
        const result = await sim(alone(`service s { instances 2 capacity ${big} rps latency ${big}ms }`, 'peak 50 rps'));
        expect(node(result, 's').latencyMs).toBeNull();
        expect(result.latencyMs).toBeNull();
        expect(result.notes).toContainEqual({ kind: 'queue-too-large', node: 's' });
    });

    test('peak Infinity is no usable peak: no loads, as without a peak, and a note that says why', async () => {
        const result = await sim(alone('service s { instances 2 capacity 100 rps latency 10ms }', `peak ${HUGE} rps`));
        expect(node(result, 's').loadRps).toBeNull();
        expect(node(result, 's').utilization).toBeNull();
        expect(result.notes).toContainEqual({ kind: 'unusable-peak', peakRps: Infinity });
    });

    test('a load summed past a double (two callers of 1.5e308 rps): more than any count of instances carries', async () => {
        const peak = '15' + '0'.repeat(307);
        const result = await sim(`system S {
  traffic { peak ${peak} rps }
  service front
  service a
  service b
  service s { instances 3 capacity 100 rps latency 10ms }
  front -> a
  front -> b
  a -> s
  b -> s
}`);
        const s = node(result, 's');
        expect(s.availability).toBeCloseTo(a, 9);
        expect(s.explanation.availability?.formula).toBe('overloaded');
        expect(s.latencyMs).toBeNull();
    });

    test('zipf Infinity is taken as no zipf (uniform) for the shard skew', async () => {
        const db = (zipf: string) => `system S {
  traffic { peak 100 rps keys 1000${zipf} }
  database db { capacity 100 rps shards 4 by hash table t { shard key id  id uuid } }
}`;
        const infinite = node(await sim(db(` zipf ${HUGE}`)), 'db');
        const uniform = node(await sim(db('')), 'db');
        expect(infinite.shardSkew).toBe(uniform.shardSkew);
    });

    test('`latency 100000000ms` over 400 rps instances (4·10^7 workers each at 10^9 Erlangs): estimated at once', async () => {
        const started = performance.now();
        const result = await sim(alone('service s { instances 3 capacity 400 rps latency 100000000ms }', 'peak 1000 rps'));
        expect(performance.now() - started).toBeLessThan(1000);
        const s = node(result, 's');
        expect(s.utilization).toBeCloseTo(1000 / 1200, 4);
        // 1.2·10^8 workers at 10^8 Erlangs: β = 2·10^7/10^4 = 2000, so nobody waits: the mean is S.
        expect(s.latencyMs!.mean).toBeCloseTo(1e8, -1);
    });

    test('`shards 4294967297`: a shard row with a finite skew, no typed array per shard', async () => {
        const result = await sim(`system S {
  traffic { peak 100 rps keys 2000000 zipf 1.1 }
  database db { capacity 100 rps shards 4294967297 by hash table t { shard key id  id uuid } }
}`);
        const row = result.shards.find(r => r.database === 'db')!;
        expect(Number.isFinite(row.busiestOverMean)).toBe(true);
        expect(row.busiestOverMean).toBeGreaterThan(1);
    });
});

describe('the shop example', () => {
    const SHOP = readFileSync(new URL('../../examples/problems.arch', import.meta.url), 'utf8');

    test('web: 12000 rps on 20 × 400 = 8000 → utilization 1.5', async () => {
        const web = node(await sim(SHOP), 'web');
        expect(web.loadRps).toBe(12000);
        expect(web.capacityRps).toBe(8000);
        expect(web.utilization).toBe(1.5);
    });

    test('catalog: 2820 rps through the product cache; a replica (1620 / 3 reads + 1200 writes) / 3000 = 0.58', async () => {
        const catalog = node(await sim(SHOP), 'catalog');
        // The cache passes on 1200 writes + 0.15 × 10800 reads = 2820.
        expect(catalog.loadRps).toBeCloseTo(2820, 3);
        expect(catalog.utilization).toBeCloseTo(0.58, 4);
    });

    test('staleness rows: after one’s own write m / (m + Z), a share of those reads (catalog 0.2 / 2.2, orders 1 / 3)', async () => {
        const result = await sim(SHOP);
        expect(result.staleness.map(s => s.node)).toEqual(['catalog', 'orders']);
        const [catalog, orders] = result.staleness;
        // Replicas serve every read of a primary_replica: f_replica = 1, never multiplied by the traffic's read share.
        expect(catalog.staleReadAfterWrite).toBeCloseTo(0.2 / 2.2, 6);
        expect(orders.staleReadAfterWrite).toBeCloseTo(1 / 3, 6);
        // Conflict window over the declared Zipf(1.1) keys: Σ p_k (1 − e^{−λ_w p_k m}), summed here key by key.
        const brute = (writes: number, lagSeconds: number): number => {
            const keys = 2_000_000;
            let norm = 0;
            for (let k = keys; k >= 1; k--) norm += k ** -1.1;
            let sum = 0;
            for (let k = keys; k >= 1; k--) {
                const p = k ** -1.1 / norm;
                sum += p * -Math.expm1(-writes * lagSeconds * p);
            }
            return sum;
        };
        expect(catalog.conflictWindow! / brute(1200, 0.2)).toBeCloseTo(1, 4);
        expect(orders.conflictWindow! / brute(360, 1)).toBeCloseTo(1, 4);
        // A failover loses the writes acknowledged within the lag: λ_w × m.
        expect(catalog.dataLossSeconds).toBe(0.2);
        expect(catalog.dataLossWrites).toBeCloseTo(1200 * 0.2, 6);
    });

    test('shards row: orders.orders by hash over 16, 16/17 of the rows move, Zipf 1.1 skew ≈ 1 + 15 / H(2·10⁶, 1.1)', async () => {
        const result = await sim(SHOP);
        expect(result.shards).toHaveLength(1);
        const [row] = result.shards;
        expect(row).toMatchObject({ database: 'orders', table: 'orders', strategy: 'hash', shards: 16 });
        expect(row.reshardMovedShare).toBeCloseTo(16 / 17, 4);
        expect(row.reshardMovedShare.toFixed(3)).toBe('0.941');
        // The top key alone takes p1 = 1/H = 0.1213 (H = Σ k^−1.1 over 2·10⁶ keys = 8.2408); its shard carries
        // at least p1 + (1 − p1)/16 on average, i.e. busiest/mean ≥ 1 + 15 p1 = 2.82 (more when other hot keys join it).
        expect(row.busiestOverMean).toBeGreaterThanOrEqual(2.8);
        expect(row.busiestOverMean).toBeLessThan(3.1);
        expect(node(result, 'orders').shardSkew).toBe(row.busiestOverMean);
    });

    test('determinism: simulate twice on the same text gives identical JSON', async () => {
        const first = JSON.stringify(await sim(SHOP));
        const second = JSON.stringify(await sim(SHOP));
        expect(second).toBe(first);
    });
});

describe('queues end the request', () => {
    const QUEUED = `system S {
  traffic { peak 10 rps reads 0% }
  service api { capacity 1000 rps latency 20ms availability 100% }
  queue jobs { instances 3 availability 100% }
  worker resize { capacity 10 rps latency 2s }
  api -> jobs
  jobs -> resize
}`;

    test('a 2 s worker behind a queue adds nothing to a 20 ms request, and its failures fail no request', async () => {
        const result = await sim(QUEUED);
        // api alone: one M/M/k instance of k = round(1000 × 0.02) = 20 workers at 10 rps, almost never waiting.
        expect(result.latencyMs!.mean).toBeCloseTo(20, 0);
        expect(result.latencyMs!.mean).toBeLessThan(25);
        // The worker has one instance (99.5%), yet every request is served: only api and the queue are on its path.
        expect(node(result, 'resize').availability).toBe(0.995);
        expect(result.availability.system).toBe(1);
        // The worker still carries the enqueue rate, and its own latency is its own.
        expect(node(result, 'resize').loadRps).toBeCloseTo(10, 6);
        expect(node(result, 'resize').requestShare).toBeNull();
        expect(result.availability.byNode.map(entry => entry.node)).not.toContain('resize');
    });
});

describe('the latency explanation names the queue as computed', () => {
    const tier = (front: string): string => `system S {
  traffic { peak 1000 rps }
  ${front}
  service api { instances 2 capacity 800 rps latency 25ms }
}`;

    test('least_connections pools the workers; round robin is per instance and an approximation; no balancer is per instance', async () => {
        const pooled = node(await sim(tier('balancer lb { instances 2 health every 5s algorithm least_connections }\n  lb -> api')), 'api');
        expect(pooled.explanation.latency?.formula).toBe('mm-c');
        expect(inputValue(pooled.explanation.latency!, 'workers')).toBe(40);
        const roundRobin = node(await sim(tier('balancer lb { instances 2 health every 5s algorithm round_robin }\n  lb -> api')), 'api');
        expect(roundRobin.explanation.latency?.formula).toBe('allen-cunneen');
        // 800 rps × 25 ms = 20 workers per instance, 2 instances: "M/M/20" twice, not "M/M/c with c = 40".
        expect(inputValue(roundRobin.explanation.latency!, 'workers')).toBe(20);
        expect(inputValue(roundRobin.explanation.latency!, 'queues')).toBe(2);
        expect(explainLatency(roundRobin.explanation.latency!)).toContain('an approximation');
        const direct = await sim(tier('service caller { instances 2 }\n  caller -> api'));
        expect(node(direct, 'api').explanation.latency?.formula).toBe('mm-c-per-instance');
        // No balancer in front: n independent queues, not a balancer default.
        expect(direct.defaults.some(d => d.input === 'balancer-algorithm' && d.nodes.includes('api'))).toBe(false);
    });
});

describe('ESTIMATES.md oracles of the system figure', () => {
    // Two copies of a stack, each one node of 99.9% in its own zone; the DNS itself counted as always up.
    const copies = (routing: string): string => `system S {
  traffic { peak 100 rps }
  zone east
  zone west
  dns front { ${routing} availability 100% }
  service app_east { availability 99.9% zones east }
  service app_west { availability 99.9% zones west }
  front -> app_east
  front -> app_west
}`;

    test('two copies of 99.9% behind DNS failover with health checks: 99.9999%', async () => {
        const failover = await sim(copies('routing failover'));
        expect(failover.availability.system).toBeCloseTo(1 - 0.001 ** 2, 10);
        expect(failover.availability.method).toBe('exact');
        const geoHealth = await sim(copies('routing geo health every 30s'));
        expect(geoHealth.availability.system).toBeCloseTo(1 - 0.001 ** 2, 10);
    });

    test('the same two copies behind geo DNS without failover, one zone of two lost: 50% served', async () => {
        const geo = await sim(copies('routing geo'));
        // Base case: each copy takes half the clients and fails them while down: 99.9%.
        expect(geo.availability.system).toBeCloseTo(0.999, 10);
        expect(geo.availability.zoneLost!.system).toBeCloseTo(0.5 * 0.999, 10);
        // With failover the lost zone's clients go to the other copy.
        const failover = await sim(copies('routing failover'));
        expect(failover.availability.zoneLost!.system).toBeCloseTo(0.999, 10);
    });

    test('a design redundant at every tier scores above the same design with one instance per tier', async () => {
        const design = (instances: number, health: string): string => `system S {
  traffic { peak 1000 rps reads 90% }
  balancer lb { instances ${instances} ${health} }
  service web { instances ${instances} capacity 2000 rps latency 20ms }
  cache c { instances ${instances} hit 80% capacity 20000 rps }
  database db { capacity 5000 rps ${instances > 1 ? 'replication primary_replica { replicas 1 failover probe }' : ''} }
  lb -> web -> c -> db
}`;
        const single = (await sim(design(1, ''))).availability.system!;
        const redundant = (await sim(design(2, 'health every 5s'))).availability.system!;
        expect(single).toBeLessThan(0.99);
        expect(redundant).toBeGreaterThan(0.9999);
        expect(redundant).toBeGreaterThan(single);
    });

    test('a node reached along two paths is counted once per request: exact by conditioning on it', async () => {
        // api → cache (50% of reads miss) → db, and api → db for writes: db is on both paths of one request.
        const result = await sim(`system S {
  traffic { peak 100 rps reads 50% }
  service api { availability 100% }
  cache c { availability 100% hit 50% }
  database db { availability 99% }
  api -> c -> db
  api -> db 50%
}`);
        // A read: c passes it on with 50%, and api calls db directly with 50%, independently: it needs db with
        // 1 − 0.5 × 0.5 = 75%; a write needs db whenever it is called (via c always, so 100%). Given db up all
        // is served; given db down a read is served 25% of the time, a write never.
        const reads = 0.99 + 0.01 * 0.25;
        const writes = 0.99;
        expect(result.availability.system).toBeCloseTo(0.5 * reads + 0.5 * writes, 10);
        expect(result.availability.method).toBe('exact');
    });
});

describe('a consumer behind a queue has figures of its own', () => {
    const worker = (capacity: number): string => `system S {
  traffic { peak 100 rps reads 0% }
  service api { instances 2 }
  queue jobs { instances 3 }
  worker mailer { instances 2 capacity ${capacity} rps latency 50ms }
  api -> jobs -> mailer
}`;

    test('carrying the peak: the backlog of one mean outage drains in T × ρ / (1 − ρ)', async () => {
        const mailer = node(await sim(worker(100)), 'mailer');
        // ρ = 100 / 200 = 0.5; a mean outage T = 30 days × 0.005 / 0.995 = 217.1 min; drains in T × 0.5 / 0.5 = T.
        const outage = 30 * 1440 * 0.005 / 0.995;
        expect(mailer.queued!.outageMinutes).toBeCloseTo(outage, 1);
        expect(mailer.queued!.drainMinutesAfterOutage).toBeCloseTo(outage, 1);
        expect(mailer.queued!.backlogGrowthRps).toBe(0);
    });

    test('overloaded: the backlog grows by λ − μ and never drains', async () => {
        const result = await sim(worker(20));
        const mailer = node(result, 'mailer');
        // μ = 2 × 20 = 40 rps against λ = 100: grows by 60 rps.
        expect(mailer.queued!.backlogGrowthRps).toBeCloseTo(60, 6);
        expect(mailer.queued!.drainMinutesAfterOutage).toBeNull();
        expect(node(result, 'api').queued).toBeNull();
    });
});
