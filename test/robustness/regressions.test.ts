/**
 * Inputs the mutation fuzzer found to hang the checker, reduced to the line
 * that mattered. They run through the built CLI (`check`, then `simulate`
 * for the whole estimates) with a time limit, so that a regression fails here
 * instead of freezing the test run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const CLI = 'out/cli.cjs';
const shop = readFileSync('examples/problems.arch', 'utf8');

describe('fuzzer finds that once hung the checker', () => {
    const folder = mkdtempSync(join(tmpdir(), 'archscope-regressions-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    function checkWithin(name: string, text: string): { codes: string[]; status: number | null } {
        expect(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`).toBe(true);
        const file = join(folder, name);
        writeFileSync(file, text);
        const result = spawnSync(process.execPath, [CLI, 'check', file, '--format', 'json'], { encoding: 'utf8', timeout: 30_000 });
        expect(result.signal, `the CLI did not finish ${name} within 30 s`).toBeNull();
        const report = JSON.parse(result.stdout) as { files: { diagnostics: { code: string }[] }[] };
        // A check computes only the estimates its rules read (docs/parsing.md): the whole estimates, where these
        // inputs once hung, are run by `simulate` as a hover, a code lens or the diagram run them.
        const simulated = spawnSync(process.execPath, [CLI, 'simulate', file, '--format', 'json'], { encoding: 'utf8', timeout: 30_000 });
        expect(simulated.signal, `the CLI did not simulate ${name} within 30 s`).toBeNull();
        expect([0, 1], `simulate exited ${simulated.status}: ${simulated.stderr.slice(0, 500)}`).toContain(simulated.status);
        expect(() => JSON.parse(simulated.stdout)).not.toThrow();
        return { codes: report.files[0].diagnostics.map(d => d.code), status: result.status };
    }

    // Mutation #277 (seed 0x5eeda7c4): 10^18 workers per instance made Erlang B loop 10^18 times.
    test('a capacity of 10^20 rps on an autoscaled service', () => {
        const text = shop.replace('capacity 400 rps', 'capacity 99999999999999999999 rps');
        expect(text).not.toBe(shop);
        const { codes, status } = checkWithin('huge-capacity.arch', text);
        expect([0, 1]).toContain(status);
        expect(codes).not.toContain('internal-error');
    });

    // Mutation #720 (seed 0x5eeda7c4): a quorum of 10^20 members walked the binomial one member at a time,
    // and past 2^53 a step no longer moved the counter.
    test('10^20 instances of the arbiter group', () => {
        const text = shop.replace(/instances 3(\s+\/\/ ZooKeeper)/, 'instances 99999999999999999999$1');
        expect(text).not.toBe(shop);
        const { codes, status } = checkWithin('huge-quorum.arch', text);
        expect([0, 1]).toContain(status);
        expect(codes).not.toContain('internal-error');
    });

    // `capacity 0 rps` on a sharded database with skewed keys left hot-key-overload without a utilization to compare.
    test('capacity 0 rps on a sharded database with zipf keys', () => {
        const text = shop.replace('capacity 2000 rps', 'capacity 0 rps');
        expect(text).not.toBe(shop);
        const { codes } = checkWithin('zero-capacity.arch', text);
        expect(codes).not.toContain('internal-error');
        expect(codes).not.toContain('hot-key-overload');
    });

    // Extreme numbers (extreme-numbers.test.ts), `peak 12000 rps` -> 10^20: instancesNeeded settled k by ±1 steps,
    // and at 2.5·10^17 instances k + 1 === k, so the settling never ended.
    test('a peak of 10^20 rps', () => {
        const text = shop.replace('peak 12000 rps', 'peak 99999999999999999999 rps');
        expect(text).not.toBe(shop);
        const { codes, status } = checkWithin('huge-peak.arch', text);
        expect([0, 1]).toContain(status);
        expect(codes).not.toContain('internal-error');
        expect(codes).toContain('cap-overload');
    });

    // Extreme numbers, `shards 16` -> 10^8: the shard-skew Monte Carlo kept a load per shard, 32 trials of 10^8
    // normal draws; 4294967297 shards threw on the typed array (mutation #488).
    test.each(['100000000', '4294967297'])('shards %s on the sharded database with zipf keys', count => {
        const text = shop.replace('shards 16 by hash', `shards ${count} by hash`);
        expect(text).not.toBe(shop);
        const { codes, status } = checkWithin(`huge-shards-${count}.arch`, text);
        expect([0, 1]).toContain(status);
        expect(codes).not.toContain('internal-error');
    });

    // Extreme numbers, the generated model's gateway `latency 5ms` -> 10^8 ms, 2^32 + 1 ms, 10^20 ms: behind a
    // least_connections balancer the tier is one M/M/(n·k) queue of 8·10^9 workers at 10^8 Erlangs or more, and
    // Erlang B's recurrence walked them one by one (stopping only once B underflowed, at k ≈ A + 39√A).
    test.each(['100000000', '4294967297', '99999999999999999999'])('latency %s ms on a pooled tier', latency => {
        const text = `system S {
  traffic { peak 1000 rps }
  balancer edge { instances 2 algorithm least_connections }
  service gateway { autoscale 4..40 capacity 2000 rps latency ${latency}ms }
  edge -> gateway
}
`;
        const { codes, status } = checkWithin(`huge-latency-${latency}.arch`, text);
        expect([0, 1]).toContain(status);
        expect(codes).not.toContain('internal-error');
    });
});
