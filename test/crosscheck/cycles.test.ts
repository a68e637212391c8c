/**
 * Cycles: a synchronous one is cut where it turns back (ESTIMATES.md: "reported and stops
 * propagation"); one through a queue is a pipeline with the rate its shares give, simulated as it
 * runs; a pipeline whose shares multiply to 100% or more has no finite rate and is left out.
 */
import { expect, test } from 'vitest';
import { crossCheck } from '../../server/src/crosscheck/cross-check.js';
import { buildTopology } from './builder.js';
import { expectWithinError } from './expect-estimate.js';

test('a synchronous cycle is cut at the edge that turns back, and said so', () => {
    const result = crossCheck(buildTopology({
        traffic: { peakRps: 100 },
        nodes: [{ name: 'a', kind: 'service' }, { name: 'b', kind: 'service' }],
        edges: [['a', 'b'], ['b', 'a']]
    }), { requests: 5000, years: 20 });
    // Neither node has another caller, so neither is an entry by the graph's rule: nothing enters.
    expect(result.nodes.map(node => node.expectedLoadRps)).toEqual([0, 0]);
    const entered = crossCheck(buildTopology({
        traffic: { peakRps: 100 },
        nodes: [{ name: 'front', kind: 'balancer' }, { name: 'a', kind: 'service' }, { name: 'b', kind: 'service' }],
        edges: [['front', 'a'], ['a', 'b'], ['b', 'a']]
    }), { requests: 5000, years: 20 });
    expect(entered.notes).toContain('b -> a closes a synchronous cycle: requests do not follow it');
    expect(entered.nodes.map(node => node.expectedLoadRps)).toEqual([100, 100, 100]);
});

test('a pipeline through a queue that sends half its jobs back carries twice the enqueue rate, measured as it runs', () => {
    const result = crossCheck(buildTopology({
        traffic: { peakRps: 200 },
        nodes: [
            { name: 'api', kind: 'service' },
            { name: 'jobs', kind: 'queue' },
            { name: 'worker', kind: 'worker', latencyMs: 5 }
        ],
        edges: [['api', 'jobs'], ['jobs', 'worker'], ['worker', 'jobs', 0.5]]
    }), { skipFailures: true, requests: 40_000 });
    const worker = result.nodes[2];
    expect(worker.expectedLoadRps).toBeCloseTo(400, 6);
    expectWithinError(worker.loadRps, 400, { label: 'worker load' });
    expect(result.queues[0].enqueueRps).toBeCloseTo(400, 6);
});

test('a pipeline whose shares multiply to 100% has no finite rate: its consumers are not simulated, and the notes say why', () => {
    const result = crossCheck(buildTopology({
        traffic: { peakRps: 200 },
        nodes: [
            { name: 'api', kind: 'service' },
            { name: 'jobs', kind: 'queue' },
            { name: 'worker', kind: 'worker', latencyMs: 5 }
        ],
        edges: [['api', 'jobs'], ['jobs', 'worker'], ['worker', 'jobs']]
    }), { requests: 5000, years: 20 });
    expect(result.notes).toContain('jobs: its jobs come back at 100% or more (a pipeline loop with no finite rate): its consumers are not simulated');
    expect(result.nodes[2].expectedLoadRps).toBe(0);
    expect(result.nodes[2].loadRps!.value).toBe(0);
});
