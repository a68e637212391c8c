/**
 * The failure simulation against the rules of ESTIMATES.md's "Availability" section one at a time,
 * on models small enough to work the figure out by hand, each within the simulation's own standard
 * error (expect-estimate.ts).
 */
import { describe, expect, test } from 'vitest';
import { crossCheck } from '../../server/src/crosscheck/cross-check.js';
import { buildTopology } from './builder.js';
import { expectPreciseWithin, expectWithinError } from './expect-estimate.js';

const failuresOnly = { skipRequests: true } as const;
const MTBF_HOURS = 30 * 24;

describe('the rules of "Availability"', () => {
    test('a tier behind a balancer without health checks keeps about a: a dead instance keeps its share', () => {
        const result = crossCheck(buildTopology({
            nodes: [
                { name: 'lb', kind: 'balancer', availability: 1 },
                { name: 'app', kind: 'service', instances: 3, availability: 0.995 }
            ],
            edges: [['lb', 'app']]
        }), failuresOnly);
        expectPreciseWithin(result.availability!.system, 0.995, 0.0005, 'system');
        expectWithinError(result.nodes[1].availability, 0.995, { label: 'the tier' });
    });

    test('the same tier with health checks of its own (service discovery) is up while one instance is', () => {
        const result = crossCheck(buildTopology({
            nodes: [
                { name: 'lb', kind: 'balancer', availability: 1 },
                { name: 'app', kind: 'service', instances: 2, availability: 0.995, healthEveryMs: 5000 }
            ],
            edges: [['lb', 'app']]
        }), failuresOnly);
        expectWithinError(result.availability!.system, 1 - 0.005 ** 2, { label: 'system' });
    });

    test('k is the fewest instances that keep ρ < 1: 4 instances of 100 rps at 250 rps need 3 (binomial 3-of-4)', () => {
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 250 },
            nodes: [{ name: 'app', kind: 'service', instances: 4, capacityPerInstanceRps: 100, availability: 0.99 }]
        }), failuresOnly);
        const a = 0.99;
        const exact = a ** 4 + 4 * a ** 3 * (1 - a);
        expectPreciseWithin(result.availability!.system, exact, 0.05 * (1 - exact), 'system');
    });

    test('an overloaded tier serves in proportion to its instances up: a on average, not aⁿ (and is reported as overloaded)', () => {
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 500 },
            nodes: [{ name: 'app', kind: 'service', instances: 4, capacityPerInstanceRps: 100, availability: 0.99 }]
        }), failuresOnly);
        expectWithinError(result.availability!.system, 0.99, { label: 'system' });
        expect(result.overloaded).toEqual([{ node: 'app', utilization: 1.25, unservedShare: 0.19999999999999996 }]);
    });

    test('queue consumers are not on the request path: a worker that is down half the time fails jobs, not requests', () => {
        const result = crossCheck(buildTopology({
            nodes: [
                { name: 'api', kind: 'service', availability: 1 },
                { name: 'jobs', kind: 'queue', availability: 1 },
                { name: 'mailer', kind: 'worker', availability: 0.5 }
            ],
            edges: [['api', 'jobs'], ['jobs', 'mailer']]
        }), { ...failuresOnly, years: 200 });
        expect(result.availability!.system.value).toBe(1);
        expect(result.availability!.system.standardError).toBe(0);
        expectWithinError(result.queues[0].jobAvailability, 0.5, { label: 'jobs' });
        expect(result.nodes.find(node => node.name === 'mailer')!.carries).toBe('jobs');
    });

    test('an arbiter group is a quorum: without 2 of its 3 the primary cannot take writes (reads go on)', () => {
        const arbiterSystem = (readShare: number) => crossCheck(buildTopology({
            traffic: { readShare },
            nodes: [
                { name: 'app', kind: 'service', availability: 1 },
                { name: 'zk', kind: 'coordinator', instances: 3, availability: 0.995 },
                { name: 'db', kind: 'database', availability: 1, replication: { topology: 'primary_replica', replicas: 1, failover: { method: 'arbiter', arbiter: 'zk' } } }
            ],
            edges: [['app', 'db']]
        }), { ...failuresOnly, unitEvents: 1_000_000 });
        const a = 0.995;
        const noQuorum = 3 * (1 - a) ** 2 * a + (1 - a) ** 3;
        expectPreciseWithin(arbiterSystem(0).availability!.system, 1 - noQuorum, 0.1 * noQuorum, 'writes');
        expect(arbiterSystem(1).availability!.system.value).toBe(1);
    });

    test('mode sync: a write needs the primary and a synchronous replica up', () => {
        const result = crossCheck(buildTopology({
            traffic: { readShare: 0 },
            nodes: [
                { name: 'app', kind: 'service', availability: 1 },
                { name: 'db', kind: 'database', replication: { topology: 'primary_replica', replicas: 1, mode: 'sync' } }
            ],
            edges: [['app', 'db']]
        }), failuresOnly);
        // Both copies at the default 99.5%. Writes are down while either is down, and after the primary
        // fails until the replica is promoted (manual: 30 min) or the primary is back; a promoted replica
        // needs the old primary back as its own synchronous replica, so what counts is both up.
        const a = 0.995;
        expect(result.availability!.system.value).toBeLessThan(a);
        expectWithinError(result.availability!.system, a * a, { label: 'writes', slack: 0.0002 });
    });

    test('manual failover: a failed primary costs the promotion time (30 min) unless it is back sooner', () => {
        const result = crossCheck(buildTopology({
            traffic: { readShare: 0 },
            nodes: [
                { name: 'app', kind: 'service', availability: 1 },
                { name: 'db', kind: 'database', replication: { topology: 'primary_backup', replicas: 1 } }
            ],
            edges: [['app', 'db']]
        }), { ...failuresOnly, unitEvents: 1_000_000 });
        const a = 0.995;
        const repairHours = (MTBF_HOURS * (1 - a)) / a;
        // The primary fails once per cycle of MTBF + R hours (a/MTBF per hour); each failure costs min(30 min,
        // its repair), R(1 − e^(−P/R)) on average; the chance both are down is second order. ESTIMATES.md's "(1/MTBF) × promotion time" is
        // the first term with min(P, R) ≈ P: 6.6% higher here, as a primary back before the promotion resumes.
        const perFailureHours = repairHours * (1 - Math.exp(-0.5 / repairHours));
        expect(repairHours).toBeCloseTo(3.6, 1);
        expect(1 - perFailureHours / 0.5).toBeCloseTo(0.066, 3);
        const exact = perFailureHours / (MTBF_HOURS + repairHours) + (1 - a) ** 2;
        expectWithinError(result.availability!.system, 1 - exact, { label: 'writes', slack: 0.05 * exact });
        const specApproximation = 0.5 / MTBF_HOURS + (1 - a) ** 2;
        expect(1 - result.availability!.system.value).toBeLessThan(specApproximation);
    });

    test('probe failover promotes in 60 s: the outage per primary failure shrinks in proportion', () => {
        const result = crossCheck(buildTopology({
            traffic: { readShare: 0 },
            nodes: [
                { name: 'app', kind: 'service', availability: 1 },
                { name: 'db', kind: 'database', replication: { topology: 'primary_backup', replicas: 1, failover: { method: 'probe' } } }
            ],
            edges: [['app', 'db']]
        }), { ...failuresOnly, unitEvents: 1_000_000 });
        const a = 0.995;
        const exact = (a / MTBF_HOURS) * (60 / 3600) + (1 - a) ** 2;
        expectWithinError(result.availability!.system, 1 - exact, { label: 'writes', slack: 0.05 * exact });
    });

    test('zones: a node that declares no zones in a system that declares some is lost with either zone', () => {
        const result = crossCheck(buildTopology({
            zones: ['east', 'west'],
            nodes: [
                { name: 'app', kind: 'service', instances: 2, availability: 1, zones: ['east', 'west'] },
                { name: 'db', kind: 'database', availability: 1 }
            ],
            edges: [['app', 'db']]
        }), { ...failuresOnly, years: 50 });
        for (const { system } of result.availability!.byZone) expect(system.value).toBeCloseTo(0, 12);
        expect(result.availability!.system.value).toBe(1);
    });

    test('zones: instances spread ⌈n/m⌉ in the first zones; the worst zone is named', () => {
        // 3 instances over 2 zones, 2 needed (capacity): east holds 2 of them, west 1.
        const result = crossCheck(buildTopology({
            traffic: { peakRps: 150 },
            zones: ['east', 'west'],
            nodes: [{ name: 'app', kind: 'service', instances: 3, capacityPerInstanceRps: 100, availability: 0.99, zones: ['east', 'west'] }]
        }), failuresOnly);
        const [east, west] = result.availability!.byZone;
        expect(east.system.value).toBeCloseTo(0, 12); // one instance left, two needed
        expectWithinError(west.system, 0.99 ** 2, { label: 'west lost' });
        expect(result.availability!.zoneLost!.zone).toBe('east');
    });
});
