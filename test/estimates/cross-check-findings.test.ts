/**
 * What the cross-check found the estimates getting wrong (docs/crosscheck.md, "Estimate bugs the agreement
 * test found"), each on the smallest model that shows it, with the figure worked out by hand from
 * ESTIMATES.md and LANGUAGE.md. The agreement test compares them with the simulation on larger models;
 * these pin the formulas. a = 0.995 unless declared.
 */
import { describe, expect, test } from 'vitest';
import { mmc, serviceTimeMs, tierQueue } from '../../server/src/estimates/queueing.js';
import { simulate } from '../../server/src/estimates/simulate.js';
import { topologyOf } from '../helpers.js';
import { node, sim } from './simulated.js';

const a = 0.995;

describe('E5: a worker serves in k / C, not in the declared latency', () => {
    test('capacity 300 rps, latency 12ms: k = 4 workers of 13.33 ms; at 200 rps an M/M/4 of mean 17.12 ms', async () => {
        expect(serviceTimeMs(300, 12)).toBeCloseTo(4000 / 300, 12);
        const queue = tierQueue({ arrivalRps: 200, instances: 1, capacityPerInstanceRps: 300, latencyMs: 12, algorithm: 'random' });
        expect(queue.serviceMs).toBeCloseTo(13.333, 3);
        expect(queue).toEqual(mmc(200, 4000 / 300, 4));
        // docs/crosscheck.md, E5: 17.12 ms mean, 70.2 ms p99 (the cross-check simulated 17.18 ± 0.20 and 70.8 ± 1.2).
        expect(queue.meanResponseMs).toBeCloseTo(17.12, 2);
        expect(queue.p99ResponseMs).toBeCloseTo(70.2, 1);
        const api = node(await sim('system S {\n  traffic { peak 200 rps }\n  service api { capacity 300 rps latency 12ms }\n}'), 'api');
        expect(api.latencyMs!.mean).toBeCloseTo(17.12, 2);
    });

    test('where C × S is whole the two agree: 100 rps × 10 ms is one worker of 10 ms', () => {
        expect(serviceTimeMs(100, 10)).toBeCloseTo(10, 12);
        expect(serviceTimeMs(100, 0)).toBe(0);
    });
});

describe('E1: every replica applies every write', () => {
    test('primary_replica at 1,000 rps, 80% reads, 2 replicas of 1,000: a replica carries 400 + 200 = 60%', async () => {
        const db = node(await sim(`system S {
  traffic { peak 1000 rps reads 80% }
  database db { capacity 1000 rps latency 2ms replication primary_replica { replicas 2 } }
}`), 'db');
        expect(db.utilization).toBeCloseTo(0.6, 4);
    });

    test('the end-to-end latency sends reads to a replica and writes to the primary, each at its own load', async () => {
        const result = await sim(`system S {
  traffic { peak 1000 rps reads 80% }
  database db { capacity 1000 rps latency 2ms replication primary_replica { replicas 2 } }
}`);
        // k = 2 workers of 2 ms per member. Replica: 600 rps; primary: the 200 writes.
        const replica = mmc(600, 2, 2).meanResponseMs, primary = mmc(200, 2, 2).meanResponseMs;
        expect(result.latencyMs!.mean).toBeCloseTo(0.8 * replica + 0.2 * primary, 2);
        // The node's own figure stays its busiest member's.
        expect(node(result, 'db').latencyMs!.mean).toBeCloseTo(replica, 2);
    });

    test('mode sync: a write waits for a replica\'s apply too, queued at the replica', async () => {
        const result = await sim(`system S {
  traffic { peak 1000 rps reads 80% }
  database db { capacity 1000 rps latency 2ms replication primary_replica { replicas 2 mode sync } }
}`);
        const replica = mmc(600, 2, 2).meanResponseMs, primary = mmc(200, 2, 2).meanResponseMs;
        expect(result.latencyMs!.mean).toBeCloseTo(0.8 * replica + 0.2 * (primary + replica), 2);
    });
});

describe('E3: a session lookup and an edge to the store both call it', () => {
    test('sessions store sess plus web -> sess: 2,000 rps at 1,000 rps of traffic', async () => {
        const sess = node(await sim(`system S {
  traffic { peak 1000 rps }
  service web { instances 2 capacity 1000 rps latency 10ms sessions store sess }
  cache sess { instances 2 capacity 5000 rps }
  web -> sess
}`), 'sess');
        expect(sess.loadRps).toBeCloseTo(2000, 6);
        expect(sess.utilization).toBeCloseTo(0.2, 4);
    });
});

describe('E7: a dns with health checks stops answering with a dead target, whatever its routing', () => {
    test.each(['round_robin', 'geo'])('%s with health every 10s over two 99%% services: 99.99% × (1 − 0.01²)', async routing => {
        const result = await sim(`system S {
  traffic { peak 100 rps }
  dns front { routing ${routing} health every 10s }
  service a { availability 99% }
  service b { availability 99% }
  front -> a
  front -> b
}`);
        expect(result.availability.system).toBeCloseTo(0.9999 * (1 - 0.01 ** 2), 7);
    });

    test('without health checks a dead target keeps its half: 99.99% × 99%', async () => {
        const result = await sim(`system S {
  traffic { peak 100 rps }
  dns front { routing round_robin }
  service a { availability 99% }
  service b { availability 99% }
  front -> a
  front -> b
}`);
        expect(result.availability.system).toBeCloseTo(0.9999 * 0.99, 7);
    });
});

describe('zone lost (E8, E9)', () => {
    test('E8: behind a balancer without health checks, the instances in the lost zone keep their share: 50% × a × a', async () => {
        const result = await sim(`system S {
  traffic { peak 100 rps }
  zone z1
  zone z2
  balancer lb { instances 2 zones z1, z2 }
  service api { instances 4 zones z1, z2 }
  lb -> api
}`);
        const zoneLost = result.availability.zoneLost!;
        expect(zoneLost.system).toBeCloseTo(0.5 * a * a, 7);
    });

    test('E9: a zone\'s loss that leaves fewer than the k instances the peak needs serves nothing, and names the tier', async () => {
        const result = await sim(`system S {
  traffic { peak 250 rps }
  zone z1
  zone z2
  service api { instances 4 capacity 100 rps health every 5s zones z1, z2 }
}`);
        // k = 3 of 4; a zone takes 2.
        const zoneLost = result.availability.zoneLost!;
        expect(zoneLost.system).toBe(0);
        expect(zoneLost.overloaded).toEqual(['api']);
        // With 6 instances a zone leaves 3 = k: 3-of-3.
        const six = await sim(`system S {
  traffic { peak 250 rps }
  zone z1
  zone z2
  service api { instances 6 capacity 100 rps health every 5s zones z1, z2 }
}`);
        expect(six.availability.zoneLost!.system).toBeCloseTo(a ** 3, 7);
        expect(six.availability.zoneLost!.overloaded).toEqual([]);
    });
});

describe('E10: one arbiter group gating two databases counts once', () => {
    const text = `system S {
  traffic { peak 100 rps reads 0% }
  coordinator zk { instances 3 availability 90% }
  service api { instances 2 health every 5s }
  database one { replication primary_replica { replicas 1 failover arbiter zk } }
  database two { replication primary_replica { replicas 1 failover arbiter zk } }
  api -> one
  api -> two
}`;

    test('every write needs both databases and one quorum: P(quorum) × W₁ × W₂, not P(quorum)² × W₁ × W₂', async () => {
        const result = await sim(text);
        const quorum = 0.9 ** 3 + 3 * 0.9 ** 2 * 0.1;
        // Each database alone: failover over 2 copies (arbiter, 30 s), before the quorum.
        const failover = 1 - Math.min(1 - a, 0.5 / 43200 + (1 - a) ** 2);
        const api = 1 - (1 - a) ** 2;
        expect(node(result, 'one').availability).toBeCloseTo(failover * quorum, 7);
        expect(result.availability.system).toBeCloseTo(api * quorum * failover * failover, 7);
    });
});

describe('many arbiter groups: each conditioned on alone', () => {
    // Fourteen: past what the exact enumeration does at the Monte Carlo's cost (2¹⁴ states × 44 nodes), so per group.
    test('fourteen groups of 90% members, each gating two databases called apart: the exact enumeration of the 2¹⁴ states', async () => {
        const { buildGraph } = await import('../../server/src/model/graph.js');
        const { requestPaths, servedShare } = await import('../../server/src/estimates/served-share.js');
        const { propagateLoad } = await import('../../server/src/estimates/load.js');
        const { nodeAvailability } = await import('../../server/src/estimates/node-availability.js');
        const groups = Array.from({ length: 14 }, (_, i) => i);
        const text = `system S {
  traffic { peak 100 rps reads 50% }
  service api { instances 2 health every 5s }
${groups.map(i => `  coordinator zk${i} { instances 3 availability 90% }
  database a${i} { replication primary_replica { replicas 1 failover arbiter zk${i} } }
  database b${i} { replication primary_replica { replicas 1 failover arbiter zk${i} } }
  api -> a${i} 20%
  api -> b${i} 20%`).join('\n')}
}`;
        const topology = await topologyOf(text);
        const result = simulate(topology);
        expect(result.availability.method).toBe('per-group');

        // The exact figure: every one of the 2⁹ states of the groups, each database without its group's factor.
        const graph = buildGraph(topology);
        const paths = requestPaths(graph);
        const load = propagateLoad(graph);
        const quorum = 0.9 ** 3 + 3 * 0.9 ** 2 * 0.1;
        const ungated = new Map(topology.nodes.map(node => [node.name, nodeAvailability(node, { graph, load: load.arriving.get(node.name), arbiterAvailability: 1 })]));
        let exact = 0;
        for (let state = 0; state < 2 ** groups.length; state++) {
            const lost = groups.filter(i => (state >> i) & 1);
            const chance = groups.reduce((p, i) => p * (lost.includes(i) ? 1 - quorum : quorum), 1);
            const served = servedShare(paths, name => {
                const own = ungated.get(name)!;
                const group = /^[ab](\d+)$/.exec(name)?.[1];
                return group !== undefined && lost.includes(Number(group)) ? { reads: own.reads, writes: 0 } : own;
            }).served;
            exact += chance * served;
        }
        // The groups gate separate calls of api: their corrections combine exactly (to the 8 digits kept).
        expect(result.availability.system!).toBeCloseTo(exact, 7);
        // Multiplying each group in once per database (the figure before, E10) is off by far more.
        const product = servedShare(paths, name => {
            const own = ungated.get(name)!;
            return /^[ab]\d+$/.test(name) ? { reads: own.reads, writes: own.writes * quorum } : own;
        }).served;
        expect(Math.abs(result.availability.system! - exact)).toBeLessThan(Math.abs(product - exact) / 10);
    });
});

describe('E11–E13: a cache, search, storage or queue holds its shards on its instances', () => {
    const model = (extra: string, edge = '') => `system S {
  traffic { peak 300 rps  reads 100% }
  service api { availability 100% }
  search idx { instances 3  capacity 1000 rps  latency 2ms  availability 98%  shards 6 by hash${extra} }
  api -> idx${edge}
}`;

    test('E11: the instances share the load, 300 rps over 3: 100 rps and 10% each, with or without replicas', async () => {
        expect(node(await sim(model('')), 'idx').utilization).toBeCloseTo(0.1, 6);
        expect(node(await sim(model('  replication primary_replica { replicas 1 }')), 'idx').utilization).toBeCloseTo(0.1, 6);
    });

    test('E12: one copy of each shard, on one instance: a key is served while its instance is up, 98%', async () => {
        const result = await sim(model(''));
        expect(node(result, 'idx').availability).toBeCloseTo(0.98, 8);
        expect(result.availability.system).toBeCloseTo(0.98, 8);
        // Two copies: either up, 1 − 0.02².
        expect(node(await sim(model('  replication primary_replica { replicas 1 }')), 'idx').availability).toBeCloseTo(1 - 0.02 ** 2, 8);
    });

    test('E13: `each` needs every shard; 12 copies on 3 instances, every pair sharing a shard: up while at most one instance is down', async () => {
        const result = await sim(model('  replication primary_replica { replicas 1 }', ' each'));
        expect(result.availability.system).toBeCloseTo(0.98 ** 3 + 3 * 0.98 ** 2 * 0.02, 8);
        // One copy each: every instance holds a shard, so all 3 must be up (not 0.98⁶).
        expect((await sim(model('', ' each'))).availability.system).toBeCloseTo(0.98 ** 3, 8);
    });
});
