/**
 * The simulation of the version-2 constructs (LANGUAGE.md, "Real architectures") against figures
 * worked out by hand from the spec, each within the simulation's own error: clients with their own
 * rates and read shares, edges of one class, fan-out (`Nx`, `each`), cache policies, managed and
 * external services. The same models are held to the estimates in agreement.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { crossCheck, type CrossCheckResult } from '../../server/src/crosscheck/cross-check.js';
import { topologyOf } from '../helpers.js';
import { expectWithinError } from './expect-estimate.js';
import { CLASSES, CLIENTS, EACH_SHARED_INSTANCES, FAN_OUT, POLICIES, SERVICES, SHARDS_ONE_COPY } from './version2-models.js';

const RUN = { seed: 1, unitEvents: 150_000, requests: 40_000 };

async function run(text: string, options: Parameters<typeof crossCheck>[1] = RUN): Promise<CrossCheckResult> {
    return crossCheck(await topologyOf(text), options);
}

function node(result: CrossCheckResult, name: string) {
    const found = result.nodes.find(n => n.name === name);
    expect(found, name).toBeDefined();
    return found!;
}

/** The expected load is exact (the routing's rates), the measured one within its error. */
function expectLoad(result: CrossCheckResult, name: string, rps: number): void {
    expect(node(result, name).expectedLoadRps, `${name} expected load`).toBeCloseTo(rps, 6);
    expectWithinError(node(result, name).loadRps, rps, { label: `${name} load` });
}

/** The slowest of n exponentials of mean m: mean m·H_n. */
const slowestMean = (n: number, mean: number): number => mean * Array.from({ length: n }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);

describe('clients', () => {
    test('each client at its own rate and read share; one without peak gets traffic\'s; availability weighs them by rate', async () => {
        const result = await run(CLIENTS);
        expect(result.notes.join('\n')).not.toMatch(/not simulated yet/);
        expectLoad(result, 'api', 1600);
        expectLoad(result, 'blobs', 300);
        expectLoad(result, 'db', 1040);
        // api: 2 of 2 needed (1,600 rps over 1,500 each); db 98%; blobs 97%.
        const api = 0.99 * 0.99, toDb = 0.6 + 0.4 * 0.98;
        const web = api * toDb, app = api * toDb * (0.5 + 0.5 * 0.97), batch = 0.98;
        expectWithinError(result.availability!.system, (1000 * web + 600 * app + 400 * batch) / 2000, { label: 'system' });
    });

    test('a client without a rate, and traffic without a peak: no load simulated, the clients weigh alike', async () => {
        const result = await run(`
system Silent {
  client a { reads 100% }
  client b { peak 100 rps  reads 0% }
  service api { availability 90% }
  database db { availability 80% }
  a -> api
  b -> db
}
`);
        expect(result.requestRun).toBeNull();
        expect(result.notes.join('\n')).toMatch(/no rate for a/);
        expectWithinError(result.availability!.system, (0.9 + 0.8) / 2, { label: 'system' });
    });
});

describe('edges of one class', () => {
    test('reads take the cache, writes the database and the queue: each class only its edges', async () => {
        const result = await run(CLASSES);
        expectLoad(result, 'c', 700);
        // 140 read misses, 300 writes from api, 150 from the worker.
        expectLoad(result, 'db', 590);
        expectLoad(result, 'q', 150);
        expectLoad(result, 'w', 150);
        // Reads: c (99%) and, for the 20% that miss, db (98%); with c down (an aside cache) every read goes to db.
        // Writes: db, and half of them the managed queue (99.99%).
        const reads = 0.99 * (0.8 + 0.2 * 0.98) + 0.01 * 0.98, writes = 0.98 * (0.5 + 0.5 * 0.9999);
        expectWithinError(result.availability!.system, 0.995 * (0.7 * reads + 0.3 * writes), { label: 'system' });
    });
});

describe('fan-out', () => {
    test('10 parallel calls of 10 ms (exponential, no queueing): the slowest of 10, p99 69.0 ms, mean 10·H₁₀ (ESTIMATES.md, "Oracles")', async () => {
        const result = await run(`
system Ten {
  traffic { peak 200 rps }
  service api
  service parts { latency 10ms }
  api -> parts 10x
}
`, { ...RUN, requests: 100_000, skipFailures: true });
        expectLoad(result, 'parts', 2000);
        // P(max ≤ t) = (1 − e^(−t/10))^10 = 0.99: t = −10·ln(1 − 0.99^(1/10)) = 69.0 ms.
        const p99 = -10 * Math.log(1 - Math.pow(0.99, 1 / 10));
        expect(p99).toBeCloseTo(69.0, 1);
        expectWithinError(result.latencyMs!.p99, p99, { label: 'p99' });
        expectWithinError(result.latencyMs!.mean, slowestMean(10, 10), { label: 'mean' });
    });

    test('Nx multiplies the load and takes each call\'s availability N times; each calls every shard group and needs them all', async () => {
        const result = await run(FAN_OUT);
        expectLoad(result, 'parts', 2000);
        expectLoad(result, 'db', 80);
        expectWithinError(result.latencyMs!.mean, slowestMean(10, 10) + 0.1 * slowestMean(4, 2), { label: 'end-to-end mean' });
        expectWithinError(result.availability!.system, 0.995 * 0.999 * (0.9 + 0.1 * Math.pow(0.99, 4)), { label: 'system' });
    });

    test('Nx over shards: each call finds its own key\'s shard (the share of shards up, to the Nth power)', async () => {
        const result = await run(`
system Keys {
  service api { availability 100% }
  database db { availability 90%  shards 4 by hash  table t { shard key id  id uuid } }
  api -> db 3x
}
`);
        // E[(U/4)³] with U ~ Binomial(4, 0.9): the state is the same for the three calls, their keys are not.
        let expected = 0;
        for (let up = 0; up <= 4; up++) expected += binomial(4, up) * Math.pow(0.9, up) * Math.pow(0.1, 4 - up) * Math.pow(up / 4, 3);
        expectWithinError(result.availability!.system, expected, { label: 'system' });
    });

    test('each over shards spread on shared instances: all shards up while at most one instance is down', async () => {
        const result = await run(EACH_SHARED_INSTANCES);
        expectLoad(result, 'idx', 600);
        const a = 0.98;
        expectWithinError(result.availability!.system, a ** 3 + 3 * a * a * (1 - a), { label: 'system' });
    });

    test('each over a tier that is not sharded: one call to every instance', async () => {
        const result = await run(`
system Every {
  traffic { peak 100 rps }
  service api
  service replicas_of_all { instances 4  latency 5ms }
  api -> replicas_of_all each
}
`, { ...RUN, skipFailures: true });
        expectLoad(result, 'replicas_of_all', 400);
        expectWithinError(result.latencyMs!.mean, slowestMean(4, 5), { label: 'mean' });
    });

    test('a sharded search without replication: its instances hold the shards, a key\'s shard on one of them', async () => {
        const result = await run(SHARDS_ONE_COPY);
        expectWithinError(node(result, 'idx').utilization, 0.1, { label: 'utilization' });
        expectWithinError(node(result, 'idx').availability, 0.98, { label: 'availability' });
    });
});

describe('cache policies', () => {
    test('aside and through pass misses and writes on, behind its misses now and its writes later, store nothing', async () => {
        const result = await run(POLICIES);
        for (const db of ['db1', 'db2', 'db3']) expectLoad(result, db, 70);
        expect(node(result, 'db_unused').expectedLoadRps).toBe(0);
        expect(node(result, 'db3').carries).toBe('both');
        // Per cache, reads (80%) need the store on a miss (10%), writes need it except behind the `behind` cache; store_c 99%.
        const reads = 0.9 + 0.1 * 0.98;
        // The aside cache down is a miss for every read (its caller reads db1 itself), and its writes never needed it.
        const aside = 0.8 * (0.995 * reads + 0.005 * 0.98) + 0.2 * 0.98;
        const through = 0.995 * (0.8 * reads + 0.2 * 0.98), behind = 0.995 * (0.8 * reads + 0.2), store = 0.99;
        expectWithinError(result.availability!.system, 0.995 * (aside + through + behind + store) / 4, { label: 'system' });
        expect(result.notes.join('\n')).not.toMatch(/store_c: no hit ratio/);
    });

    test('a write through a behind cache is acknowledged there; through a through cache it waits for the store', async () => {
        const writes = (policy: string) => `
system Writes {
  traffic { peak 100 rps  reads 0% }
  service api
  cache c { policy ${policy}  latency 1ms }
  database db { latency 100ms }
  api -> c -> db
}
`;
        const behind = await run(writes('behind'), { ...RUN, skipFailures: true });
        const through = await run(writes('through'), { ...RUN, skipFailures: true });
        expectLoad(behind, 'db', 100);
        expect(node(behind, 'db').carries).toBe('jobs');
        expectWithinError(behind.latencyMs!.mean, 1, { label: 'behind' });
        expectWithinError(through.latencyMs!.mean, 101, { label: 'through' });
    });
});

describe('managed and external services', () => {
    test('one whole service each, at the declared or default availability; a managed balancer checks its targets', async () => {
        const result = await run(SERVICES);
        expectWithinError(node(result, 'media').availability, 0.999, { label: 'media' });
        expectWithinError(node(result, 'q').availability, 0.9999, { label: 'q' });
        expectWithinError(node(result, 'pay').availability, 0.999, { label: 'pay' });
        // With a zone lost, api keeps 2 of 4 instances, both needed (500 rps over 300 each); the managed services stay up.
        const rest = 0.6 * (0.5 + 0.5 * 0.999) + 0.4 * (0.8 + 0.2 * 0.9999) * (0.9 + 0.1 * 0.999);
        for (const zone of result.availability!.byZone) expectWithinError(zone.system, 0.9999 * 0.99 * 0.99 * rest, { label: zone.zone });
    });
});

function binomial(n: number, k: number): number {
    let result = 1;
    for (let i = 1; i <= k; i++) result = (result * (n - i + 1)) / i;
    return result;
}
