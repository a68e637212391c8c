import { describe, expect, test } from 'vitest';
import { DEFAULT_LAG_MS } from '../../server/src/estimates/defaults.js';
import { failoverDataLoss, losesWritesAtFailover, writesLostPerFailover } from '../../server/src/estimates/data-loss.js';
import type { Replication, TopologyNode } from '../../server/src/model/topology.js';

const RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function replication(overrides: Partial<Replication> = {}): Replication {
    return {
        topology: 'primary_replica', replicas: 1, mode: 'async',
        failover: { method: 'manual', declared: false }, declared: {}, range: RANGE, ...overrides
    };
}

function node(repl: Replication | undefined, shards?: number): TopologyNode {
    return {
        name: 'db', kind: 'database', instances: { min: 1, max: 1, autoscale: false, mode: 'active_active', declared: false },
        zones: [], sticky: false, managed: false, tables: [], range: RANGE, nameRange: RANGE, props: {},
        replication: repl, shards: shards === undefined ? undefined : { count: shards, strategy: 'hash', range: RANGE }
    };
}

describe('writesLostPerFailover: λ_w × m', () => {
    test('120 writes/s over the default 100 ms lag lose 12 writes', () => {
        expect(DEFAULT_LAG_MS).toBe(100);
        expect(writesLostPerFailover(120, 100)).toBeCloseTo(12, 12);
    });

    test('is linear in the write rate and the lag', () => {
        expect(writesLostPerFailover(1200, 200)).toBeCloseTo(240, 9);
        expect(writesLostPerFailover(2400, 200)).toBeCloseTo(480, 9);
        expect(writesLostPerFailover(1200, 400)).toBeCloseTo(480, 9);
        expect(writesLostPerFailover(0, 1000)).toBe(0);
        expect(writesLostPerFailover(1000, 0)).toBe(0);
    });
});

describe('failoverDataLoss', () => {
    test('async primary with a replica: the lag in seconds, and the writes with a write rate', () => {
        expect(failoverDataLoss(node(replication({ lagMs: 200 })), 1200)).toEqual({
            lagMs: 200, lagDefaulted: false, secondsLost: 0.2, shardGroups: 1, groupWriteRps: 1200, writesLost: 240
        });
    });

    test('without a lag the default of ESTIMATES.md is used and marked', () => {
        const loss = failoverDataLoss(node(replication()), 120)!;
        expect(loss.lagDefaulted).toBe(true);
        expect(loss.lagMs).toBe(100);
        expect(loss.secondsLost).toBe(0.1);
        expect(loss.writesLost).toBeCloseTo(12, 12);
    });

    test('without a write rate only the time window is known', () => {
        const loss = failoverDataLoss(node(replication({ lagMs: 1000, topology: 'primary_backup' })))!;
        expect(loss.secondsLost).toBe(1);
        expect(loss.writesLost).toBeUndefined();
        expect(loss.groupWriteRps).toBeUndefined();
        expect(failoverDataLoss(node(replication({ lagMs: 1000 })), Number.NaN)!.writesLost).toBeUndefined();
    });

    test('a sharded node loses one shard group\'s writes at a failover', () => {
        const loss = failoverDataLoss(node(replication({ lagMs: 1000 }), 16), 360)!;
        expect(loss.shardGroups).toBe(16);
        expect(loss.groupWriteRps).toBeCloseTo(22.5, 12);
        expect(loss.writesLost).toBeCloseTo(22.5, 12);
        expect(failoverDataLoss(node(replication({ lagMs: 1000 }), 1), 360)!.writesLost).toBeCloseTo(360, 9);
    });

    test.each([
        ['sync replication', replication({ mode: 'sync' })],
        ['multi_master', replication({ topology: 'multi_master', replicas: 2 })],
        ['no replica', replication({ replicas: 0 })],
        ['no replication', undefined]
    ])('%s loses nothing at failover', (_name, repl) => {
        expect(losesWritesAtFailover(repl)).toBe(false);
        expect(failoverDataLoss(node(repl), 1000)).toBeUndefined();
    });

    test('float noise of the shares does not tip a count across a half: 12,000 × 30% × (1 − 90%) / 16 × 1 s is 22.5', () => {
        const writeRps = 12000 * 0.3 * (1 - 0.9);
        expect(writeRps).not.toBe(360);
        const loss = failoverDataLoss(node(replication({ lagMs: 1000 }), 16), writeRps)!;
        expect(loss.writesLost).toBe(22.5);
        expect(loss.groupWriteRps).toBe(22.5);
    });

    test('any failover method loses the same writes', () => {
        for (const method of ['manual', 'probe', 'interconnect', 'arbiter'] as const) {
            expect(failoverDataLoss(node(replication({ lagMs: 500, failover: { method, declared: true } })), 100)!.writesLost).toBeCloseTo(50, 9);
        }
    });
});
