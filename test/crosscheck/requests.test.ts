/**
 * The request simulation against queueing figures that can be worked out by hand (queueing-oracles.ts)
 * and against the load rules of ESTIMATES.md, each within the simulation's own standard error.
 */
import { describe, expect, test } from 'vitest';
import { crossCheck } from '../../server/src/crosscheck/cross-check.js';
import type { BalancerAlgorithm } from '../../server/src/model/topology.js';
import { buildTopology } from './builder.js';
import { expectPreciseWithin, expectWithinError } from './expect-estimate.js';
import { erlangC, meanWait, responseP99, twoDelaysP99 } from './queueing-oracles.js';

const requestsOnly = { skipFailures: true } as const;

describe('queueing', () => {
    test('Erlang C: 10 Erlangs over 14 servers waits with P 0.174 at occupancy 0.714 (one node, 14 workers)', () => {
        // 1,000 requests per second, 10 ms each: 10 Erlangs; capacity 1,400 rps × 10 ms = 14 workers of 100 per second.
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 1000 },
            nodes: [{ name: 'agents', kind: 'service', capacityPerInstanceRps: 1400, latencyMs: 10 }]
        }), { ...requestsOnly, requests: 400_000 });
        const agents = result.nodes[0];
        expect(erlangC(14, 10)).toBeCloseTo(0.174, 3);
        expectPreciseWithin(agents.waitedShare, erlangC(14, 10), 0.004, 'P_wait');
        expectPreciseWithin(agents.utilization, 10 / 14, 0.003, 'occupancy');
        expect(agents.utilization!.value).toBeCloseTo(0.714, 2);
        expectWithinError(agents.waitMs!.mean, meanWait(1000, 100, 14) * 1000, { label: 'mean wait' });
        // The wait's tail: P(W > t) = P_wait·e^(−(cμ − λ)t). Its p99 here; the oracle's "88.8% answered within
        // 0.33 min" (3-min calls) is the same law at t = 0.11 of a service time (1.1 ms here).
        expect(1 - erlangC(14, 10) * Math.exp(-(1400 - 1000) * 0.0011)).toBeCloseTo(0.888, 3);
        expectWithinError(agents.waitMs!.p99, (Math.log(100 * erlangC(14, 10)) / (1400 - 1000)) * 1000, { label: 'p99 wait' });
        expectWithinError(agents.latencyMs!.mean, 10 + meanWait(1000, 100, 14) * 1000, { label: 'mean response' });
        expectWithinError(agents.latencyMs!.p99, responseP99(1000, 100, 14) * 1000, { label: 'p99 response' });
    });

    const tier = (algorithm: BalancerAlgorithm) => crossCheck(buildTopology({
        traffic: { peakRps: 320 },
        nodes: [
            { name: 'lb', kind: 'balancer', algorithm, healthEveryMs: 1000 },
            // 100 rps × 20 ms: 2 workers per instance, 50 per second each; 320 rps over 4 instances: ρ = 0.8.
            { name: 'app', kind: 'service', instances: 4, capacityPerInstanceRps: 100, latencyMs: 20 }
        ],
        edges: [['lb', 'app']]
    }), { ...requestsOnly, requests: 200_000 }).nodes[1];

    test('least_connections pools the workers: one M/M/8 queue', () => {
        const app = tier('least_connections');
        expectWithinError(app.waitMs!.mean, meanWait(320, 50, 8) * 1000, { label: 'mean wait' });
        expectWithinError(app.latencyMs!.p99, responseP99(320, 50, 8) * 1000, { label: 'p99' });
        expectWithinError(app.utilization, 0.8, { label: 'utilization' });
    });

    test('random: 4 independent M/M/2 queues at a quarter of the load each', () => {
        const app = tier('random');
        expectWithinError(app.waitMs!.mean, meanWait(80, 50, 2) * 1000, { label: 'mean wait' });
        expectWithinError(app.latencyMs!.p99, responseP99(80, 50, 2) * 1000, { label: 'p99' });
    });

    test('round_robin hands arrivals out in turn: smoother than random, so less waiting (modelled as it happens, not by Allen–Cunneen)', () => {
        const robin = tier('round_robin');
        const random = meanWait(80, 50, 2) * 1000;
        const pooled = meanWait(320, 50, 8) * 1000;
        const wait = robin.waitMs!.mean;
        expect(wait.value + 4 * wait.standardError).toBeLessThan(random);
        expect(wait.value - 4 * wait.standardError).toBeGreaterThan(pooled);
        // Allen–Cunneen scales the random wait by (c_a² + c_s²) / 2 = (1/4 + 1) / 2: an approximation the
        // simulation need not meet exactly; measured, it waits less still.
        expect(wait.value).toBeLessThan(0.625 * random);
    });
});

describe('paths', () => {
    test('a path of two delays: the mean is the sum, the p99 that of the summed distribution (not the sum of p99s)', () => {
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 500 },
            nodes: [
                { name: 'api', kind: 'service', latencyMs: 20 },
                { name: 'db', kind: 'database', latencyMs: 5 }
            ],
            edges: [['api', 'db']]
        }), requestsOnly);
        expectWithinError(result.latencyMs!.mean, 25, { label: 'mean' });
        const p99 = twoDelaysP99(20, 5);
        expectWithinError(result.latencyMs!.p99, p99, { label: 'p99' });
        expect(p99).toBeLessThan((20 + 5) * Math.log(100));
    });

    test('queue consumers are not on the request path: a 2 s worker behind a queue does not add to a 20 ms request', () => {
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 200 },
            nodes: [
                { name: 'api', kind: 'service', latencyMs: 20 },
                { name: 'jobs', kind: 'queue' },
                { name: 'mailer', kind: 'worker', latencyMs: 2000 }
            ],
            edges: [['api', 'jobs'], ['jobs', 'mailer']]
        }), requestsOnly);
        expectWithinError(result.latencyMs!.mean, 20, { label: 'request mean' });
        expectWithinError(result.latencyMs!.p99, 20 * Math.log(100), { label: 'request p99' });
        expectWithinError(result.queues[0].jobLatencyMs!.mean, 2000, { label: 'job mean' });
        expectWithinError(result.nodes[2].loadRps, 200, { label: 'the worker still gets the enqueue rate' });
    });

    test('a cache with hit 80% passes on writes and a fifth of the reads', () => {
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 1000, readShare: 0.9 },
            nodes: [
                { name: 'api', kind: 'service' },
                { name: 'cache', kind: 'cache', hit: 0.8 },
                { name: 'db', kind: 'database' }
            ],
            edges: [['api', 'cache'], ['cache', 'db']]
        }), requestsOnly);
        expect(result.nodes[2].expectedLoadRps).toBeCloseTo(1000 * (0.1 + 0.9 * 0.2), 9);
        expectWithinError(result.nodes[2].loadRps, 280, { label: 'db load' });
    });

    test('edges are taken on their own: a 30% edge and a 50% edge from one node', () => {
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 1000 },
            nodes: [
                { name: 'api', kind: 'service' },
                { name: 'orders', kind: 'service', latencyMs: 10 },
                { name: 'search', kind: 'service', latencyMs: 30 }
            ],
            edges: [['api', 'orders', 0.3], ['api', 'search', 0.5]]
        }), requestsOnly);
        expectWithinError(result.nodes[1].loadRps, 300, { label: 'orders' });
        expectWithinError(result.nodes[2].loadRps, 500, { label: 'search' });
        expectWithinError(result.latencyMs!.mean, 0.3 * 10 + 0.5 * 30, { label: 'mean' });
    });

    test('a dns splits over same-kind targets by share, and takes a target of another kind besides', () => {
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 1000 },
            nodes: [
                { name: 'front', kind: 'dns', routing: 'geo' },
                { name: 'assets', kind: 'cdn' },
                { name: 'east', kind: 'balancer' },
                { name: 'west', kind: 'balancer' }
            ],
            edges: [['front', 'assets'], ['front', 'east', 0.7], ['front', 'west', 0.3]]
        }), requestsOnly);
        expectWithinError(result.nodes[1].loadRps, 1000, { label: 'assets' });
        expectWithinError(result.nodes[2].loadRps, 700, { label: 'east' });
        expectWithinError(result.nodes[3].loadRps, 300, { label: 'west' });
    });

    test('a replicated database: writes on the primary, reads over the replicas, every write applied on every replica', () => {
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 1000, readShare: 0.8 },
            nodes: [
                { name: 'api', kind: 'service' },
                { name: 'db', kind: 'database', capacityPerInstanceRps: 1000, latencyMs: 2, replication: { topology: 'primary_replica', replicas: 2 } }
            ],
            edges: [['api', 'db']]
        }), requestsOnly);
        const db = result.nodes[1];
        expectWithinError(db.loadRps, 1000, { label: 'load' });
        expectWithinError(db.applyRps, 2 * 200, { label: 'applies' });
        // The busiest role: each replica takes 400 reads and 200 applies a second, against 200 writes on the primary.
        expect(db.expectedUtilization).toBeCloseTo(0.6, 9);
        expectWithinError(db.utilization, 0.6, { label: 'replica utilization' });
    });

    test('mode sync: a write waits for one replica\'s apply', () => {
        const sync = (readShare: number) => crossCheck(buildTopology({
            traffic: { peakRps: 100, readShare },
            nodes: [{ name: 'db', kind: 'database', latencyMs: 5, replication: { topology: 'primary_replica', replicas: 1, mode: 'sync' } }]
        }), requestsOnly);
        expectWithinError(sync(0).latencyMs!.mean, 10, { label: 'writes' });
        expectWithinError(sync(1).latencyMs!.mean, 5, { label: 'reads' });
    });

    test('an overloaded tier is reported as overloaded, with no latency, and the tiers behind it still get their load', () => {
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 500 },
            nodes: [
                { name: 'web', kind: 'service', instances: 2, capacityPerInstanceRps: 200, latencyMs: 10 },
                { name: 'db', kind: 'database', latencyMs: 1 }
            ],
            edges: [['web', 'db']]
        }), requestsOnly);
        const web = result.nodes[0];
        expect(web.overloaded).toBe(true);
        expect(web.latencyMs).toBeNull();
        expect(result.latencyMs).toBeNull();
        expectWithinError(web.utilization, 1.25, { label: 'web utilization' });
        expectWithinError(result.nodes[1].loadRps, 500, { label: 'db load' });
        expect(result.overloaded).toEqual([{ node: 'web', utilization: 1.25, unservedShare: 0.19999999999999996 }]);
    });
});
