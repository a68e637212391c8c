/**
 * The cross-check on the example and on a generated model: every node's measured load and
 * utilization within error of what the routing gives; every tier that is k-of-n by ESTIMATES.md's
 * rule within error of the binomial sum; same seed, same output; another seed, figures within
 * error of the first. (The estimates themselves are held to these runs once their rewrite lands:
 * the cross-check cannot import them yet without reading code that is being replaced.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { crossCheck, type CrossCheckResult, type Estimate } from '../../server/src/crosscheck/cross-check.js';
import type { Topology, TopologyNode } from '../../server/src/model/topology.js';
import { generateModel } from '../generate-model.js';
import { topologyOf } from '../helpers.js';
import { expectWithinError } from './expect-estimate.js';
import { meanWait } from './queueing-oracles.js';

/** Enough for errors of a few percent on the busy figures, small enough for both models in under 10 s on two cores. */
const RUN = { requests: 40_000, unitEvents: 200_000 };
const SHOP = readFileSync(new URL('../../examples/problems.arch', import.meta.url), 'utf8');

describe.each([
    ['examples/problems.arch', () => topologyOf(SHOP)],
    ['a generated model of 40 nodes', () => topologyOf(generateModel(40).text)]
])('%s', (_, load) => {
    let topology: Topology;
    let result: CrossCheckResult;

    test('runs', async () => {
        topology = await load();
        const started = performance.now();
        result = crossCheck(topology, RUN);
        expect(performance.now() - started).toBeLessThan(6000);
        expect(result.nodes).toHaveLength(topology.nodes.length);
    });

    test('every node\'s measured load is within error of the routing\'s expected load', () => {
        for (const node of result.nodes) {
            if (node.expectedLoadRps === 0) {
                expect(node.loadRps!.value, node.name).toBe(0);
                continue;
            }
            expectWithinError(node.loadRps, node.expectedLoadRps!, { label: `${node.name} load`, sigmas: 4.5 });
        }
    });

    test('every measured utilization is within error of λ / capacity of its busiest role', () => {
        const measured = result.nodes.filter(node => node.expectedUtilization !== null && node.expectedLoadRps! > 0);
        expect(measured.length).toBeGreaterThan(3);
        for (const node of measured) expectWithinError(node.utilization, node.expectedUtilization!, { label: `${node.name} utilization`, sigmas: 4.5 });
    });

    test('every k-of-n tier\'s availability is within error of the binomial sum (a for a tier whose balancer has no health check)', () => {
        let checked = 0;
        for (const node of topology.nodes) {
            const simulated = result.nodes.find(n => n.name === node.name)!;
            const exact = poolAvailability(topology, node, simulated.expectedLoadRps);
            if (exact === undefined) continue;
            // Outages a run of this length should see: departures from the state where one more failure is too many.
            const expectedOutages = exact.outagesPerYear * result.failureRun!.years;
            if (expectedOutages >= 30) {
                checked++;
                expectWithinError(simulated.availability, exact.availability, { label: `${node.name} availability`, sigmas: 4.5 });
            }
            // Too rare to measure here (three caches of 99.5% with one enough): the count of outages seen must
            // still fit a Poisson count of that mean.
            expect(Math.abs(simulated.outages! - expectedOutages), `${node.name}: ${simulated.outages} outages, ${expectedOutages} expected`)
                .toBeLessThanOrEqual(5 * Math.sqrt(expectedOutages) + 3);
        }
        expect(checked).toBeGreaterThanOrEqual(2);
    });

    test('the system figures are shares with an error, and a lost zone never serves more than all zones up', () => {
        const { system, zoneLost, byZone } = result.availability!;
        expect(system.value).toBeGreaterThan(0);
        expect(system.value).toBeLessThanOrEqual(1);
        expect(Number.isFinite(system.standardError)).toBe(true);
        expect(byZone.map(zone => zone.zone)).toEqual(topology.zones.map(zone => zone.name));
        for (const zone of byZone) expect(zone.system.value).toBeLessThanOrEqual(system.value + 4 * system.standardError);
        expect(zoneLost!.system.value).toBe(Math.min(...byZone.map(zone => zone.system.value)));
    });

    test('the same seed gives the same output', () => {
        const small = { requests: 5000, years: 2 };
        expect(crossCheck(topology, { ...small, seed: 7 })).toEqual(crossCheck(topology, { ...small, seed: 7 }));
    });

    test('another seed gives figures within error of the first', () => {
        const other = crossCheck(topology, { ...RUN, seed: 2 });
        const agree = (a: Estimate | null, b: Estimate | null, label: string): void => {
            if (a === null || b === null) {
                expect(a === null && b === null, label).toBe(true);
                return;
            }
            const allowed = 4.5 * Math.hypot(a.standardError, b.standardError);
            expect(Math.abs(a.value - b.value), `${label}: ${a.value} ± ${a.standardError} against ${b.value} ± ${b.standardError}`).toBeLessThanOrEqual(allowed);
        };
        agree(result.availability!.system, other.availability!.system, 'system availability');
        agree(result.latencyMs?.mean ?? null, other.latencyMs?.mean ?? null, 'end-to-end mean');
        result.nodes.forEach((node, i) => {
            if (node.expectedLoadRps! > 0) agree(node.loadRps, other.nodes[i].loadRps, `${node.name} load`);
            agree(node.availability, other.nodes[i].availability, `${node.name} availability`);
        });
    });
});

test('on a generated model, every tier that is one M/M/k queue (pooled, or random per instance) has the mean response Erlang C gives', async () => {
    const topology = await topologyOf(generateModel(60).text);
    const result = crossCheck(topology, { skipFailures: true, requests: 60_000 });
    let checked = 0;
    for (const node of topology.nodes) {
        const simulated = result.nodes.find(n => n.name === node.name)!;
        const capacity = node.capacityPerInstanceRps, latency = node.latencyMs;
        if (capacity === undefined || !latency || node.replication || node.shards || simulated.overloaded || node.instances.mode === 'active_passive') continue;
        const balancer = topology.nodes.find(other => other.kind === 'balancer' && topology.edges.some(edge => edge.from === other.name && edge.to === node.name));
        const algorithm = balancer ? balancer.algorithm ?? 'round_robin' : 'random';
        if (algorithm !== 'least_connections' && algorithm !== 'random') continue; // round robin: no closed form to hold it to
        const n = node.instances.max;
        const k = Math.max(1, Math.floor((capacity * latency) / 1000 + 0.5));
        const mu = capacity / k; // per worker, per second
        const load = simulated.expectedLoadRps!;
        const wait = algorithm === 'least_connections' ? meanWait(load, mu, n * k) : meanWait(load / n, mu, k);
        checked++;
        expectWithinError(simulated.latencyMs!.mean, (1 / mu + wait) * 1000, { label: `${node.name} mean response`, sigmas: 4.5 });
    }
    expect(checked).toBeGreaterThanOrEqual(10);
});

test('the example: web and mailer are overloaded, so there is no end-to-end latency; web serves in proportion to its instances up', async () => {
    const result = crossCheck(await topologyOf(SHOP), { requests: 20_000, unitEvents: 100_000 });
    expect(result.overloaded.map(o => o.node)).toEqual(['web', 'mailer']);
    expect(result.overloaded[0].utilization).toBeCloseTo(1.5, 9);
    expect(result.latencyMs).toBeNull();
    // Each of its 20 instances carries its share and sheds the rest: the mean share up is a, not a²⁰ (one lost
    // instance of twenty taken as the whole tier down).
    expectWithinError(result.nodes.find(node => node.name === 'web')!.availability, 0.995, { label: 'web' });
    // us_east lost takes every copy of zk, the caches, catalog, orders and carts with it: nothing is served.
    expect(result.availability!.zoneLost!.system.value).toBeCloseTo(0, 9);
    expect(result.queues.map(q => [q.queue, q.consumers])).toEqual([['jobs', ['mailer']]]);
});

/**
 * A node's availability by ESTIMATES.md's k-of-n rule, for the nodes it covers directly (no
 * replication, shards or standby), and how often it goes down: each of the k up instances fails at
 * 1 / MTBF while exactly k are up (any of the n while all are, for a tier that keeps dead instances'
 * shares). Undefined for the other nodes.
 */
function poolAvailability(topology: Topology, node: TopologyNode, load: number | null): { availability: number; outagesPerYear: number } | undefined {
    if (node.replication || node.shards || (node.instances.mode === 'active_passive' && node.instances.max > 1)) return undefined;
    const managed = (node.kind === 'dns' || node.kind === 'cdn') && !node.instances.declared;
    const a = node.availability ?? (managed ? 0.9999 : 0.995);
    const n = Math.max(1, node.instances.max);
    const behindUncheckedBalancer = node.healthEveryMs === undefined && topology.edges.some(edge => {
        const caller = topology.nodes.find(other => other.name === edge.from)!;
        return edge.to === node.name && caller.kind === 'balancer' && caller.healthEveryMs === undefined;
    });
    const failuresPerYear = 365 / 30;
    if (behindUncheckedBalancer) return { availability: a, outagesPerYear: a ** n * n * failuresPerYear };
    let k = 1;
    if (node.kind === 'coordinator') k = Math.floor(n / 2) + 1;
    else if (node.capacityPerInstanceRps !== undefined && load !== null) k = Math.floor(load / node.capacityPerInstanceRps) + 1;
    // Overloaded even whole: it serves in proportion to its instances up, a on average; an outage starts at
    // the first failure from all up, as for a tier whose dead keep their share.
    if (k > n) return { availability: a, outagesPerYear: a ** n * n * failuresPerYear };
    let sum = 0;
    for (let i = k; i <= n; i++) sum += binomial(n, i) * a ** i * (1 - a) ** (n - i);
    return { availability: sum, outagesPerYear: binomial(n, k) * a ** k * (1 - a) ** (n - k) * k * failuresPerYear };
}

function binomial(n: number, k: number): number {
    let value = 1;
    for (let i = 1; i <= k; i++) value = (value * (n - k + i)) / i;
    return value;
}
