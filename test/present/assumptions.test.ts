/** The defaults and notes of the estimates in words: one sentence each, its numbers in the one format of present/numbers.ts. */
import { describe, expect, test } from 'vitest';
import { describeDefault, describeNote } from '../../server/src/present/assumptions.js';

describe('defaults in words', () => {
    test('each default with its value and the nodes it was used for', () => {
        expect(describeDefault({ input: 'instance-availability', availability: 0.995, nodes: ['web', 'orders'] }))
            .toBe('availability of one instance: 99.5% (web, orders)');
        expect(describeDefault({ input: 'mtbf', minutes: 30 * 1440, nodes: ['db'] })).toBe('mean time between failures of one instance: 30 days (db)');
        expect(describeDefault({ input: 'mtbf', minutes: 90, nodes: [] })).toBe('mean time between failures of one instance: 90 min');
        expect(describeDefault({ input: 'read-share', readShare: 1, nodes: [] })).toBe('reads: 100% of requests (the traffic gives no `reads`)');
        expect(describeDefault({ input: 'entry-split', entries: ['a', 'b'], nodes: [] })).toBe('the peak is split evenly over the 2 entry nodes (a, b)');
        expect(describeDefault({ input: 'balancer-algorithm', algorithm: 'round_robin', nodes: ['api'] })).toBe('balancer algorithm: round_robin (api)');
    });
});

describe('notes in words', () => {
    test('numbers in a note are formatted as everywhere else: separators, one unit form, ∞ for what a double cannot hold', () => {
        expect(describeNote({ kind: 'unusable-peak', peakRps: Infinity })).toBe('the `peak` is not a usable rate (∞ rps): loads, utilization and latency are not estimated');
        expect(describeNote({ kind: 'unusable-capacity', node: 's', capacityRps: Infinity })).toBe('s: its `capacity` is not a usable number (∞ rps), so no utilization or latency');
        expect(describeNote({ kind: 'overloaded', node: 'api', utilization: 12.345 }))
            .toBe('api: overloaded at the peak (1235%), so its latency is unbounded (none given), and so is the end-to-end latency');
        expect(describeNote({ kind: 'no-latency', nodes: ['front', 'edge'] })).toBe('no `latency`, so each visit counts 0 ms in the end-to-end latency: front, edge');
        expect(describeNote({ kind: 'no-capacity', node: 'c', serviceTimeOnly: true })).toBe('c: no `capacity`, so no utilization, and its latency is its service time alone (no queueing)');
        expect(describeNote({ kind: 'cycle-stops-load', nodes: ['a', 'b'] })).toBe('a cycle stops load propagation: no estimates for a, b');
    });
});
