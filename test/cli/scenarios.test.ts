/**
 * Targets and scenarios through the built CLI (issue 13): `simulate` prints the base case and each
 * scenario side by side, `--scenario NAME` shows one, the JSON carries `breakingPoint`, `targets` and
 * `scenarios` (ESTIMATES.md, version 2 fields); `check` exits 1 on a missed target, and SARIF carries it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'out', 'cli.cjs');

interface Run { code: number | null; stdout: string; stderr: string }

function archscope(args: readonly string[]): Run {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 50_000, killSignal: 'SIGKILL' });
    if (result.error) throw result.error;
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Meets its targets in the base case; `rush` (3× the peak) overloads web and misses them. */
const MISSED = `system R {
  traffic { peak 1000 rps  reads 80% }
  balancer lb { instances 2  capacity 10000 rps  health every 5s }
  service web { instances 4  capacity 500 rps  latency 20ms  health every 5s }
  database db { managed  capacity 5000 rps  latency 5ms }
  lb -> web -> db
  target { utilization 75%  p99 500ms }
  scenario rush { peak 3x }
}
`;

let dir: string;

beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
    dir = mkdtempSync(join(tmpdir(), 'archscope-scenarios-'));
    copyFileSync(join(ROOT, 'examples', 'feed.arch'), join(dir, 'feed.arch'));
    writeFileSync(join(dir, 'missed.arch'), MISSED);
    writeFileSync(join(dir, 'met.arch'), MISSED.replace('peak 3x', 'peak 1.4x'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('archscope check gates on targets', () => {
    test('a missed target: exit 1, the finding names the scenario, the figure and the target', () => {
        const run = archscope(['check', 'missed.arch']);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('missed.arch:8:12: error target-utilization: In scenario rush (peak 3x), a tier runs above the utilization target of 75%: web (150%)');
        expect(run.stdout).toContain('error target-latency: In scenario rush (peak 3x), the end-to-end p99 is unbounded');
    });

    test('targets met everywhere: exit 0 (the LANGUAGE.md example and a 1.4× rush)', () => {
        expect(archscope(['check', 'feed.arch']).code).toBe(0);
        expect(archscope(['check', 'met.arch']).code).toBe(0);
    });

    test('SARIF carries the target findings and the target rules', () => {
        const run = archscope(['check', 'missed.arch', '--format', 'sarif']);
        expect(run.code).toBe(1);
        const sarif = JSON.parse(run.stdout);
        const results = sarif.runs[0].results as { ruleId: string; level: string }[];
        expect(results.filter(r => r.ruleId.startsWith('target-')).map(r => [r.ruleId, r.level]).sort()).toEqual([['target-latency', 'error'], ['target-utilization', 'error']]);
        const rules = (sarif.runs[0].tool.driver.rules as { id: string }[]).map(r => r.id);
        for (const id of ['target-availability', 'target-latency', 'target-utilization', 'target-stale', 'target-data-loss']) expect(rules).toContain(id);
    });
});

describe('archscope simulate', () => {
    test('text: the node table, then the base case and each scenario side by side, then each target met or missed', () => {
        const run = archscope(['simulate', 'feed.arch']);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/breaks at {5}2\.9x the peak \(api reaches 100% first\)/);
        const cases = run.stdout.slice(run.stdout.indexOf('scenarios ('));
        for (const row of [/base\s+-\s+99\.985%/, /black_friday\s+peak 2x\s+99\.985%/, /east_down\s+fail us_east\s+99\.85%/, /cold_start\s+cold users_cache/]) expect(cases).toMatch(row);
        expect(cases).toContain('met     east_down     availability 99.85% (target ≥ 99.5%)');
        expect(cases).toContain('met     base          stale 1.96% (target ≤ 2%)');
        expect(cases).not.toContain('MISSED');
    });

    test('--scenario NAME: that scenario\'s node table, and only it beside the base case', () => {
        const run = archscope(['simulate', 'missed.arch', '--scenario', 'rush']);
        expect(run.code).toBe(0);
        expect(run.stdout.startsWith('system R, scenario rush\n')).toBe(true);
        expect(run.stdout).toMatch(/web\s+service\s+4\s+3,000 rps\s+2,000 rps\s+150%/);
        expect(run.stdout).toContain('MISSED  rush  utilization 150% (target ≤ 75%)');
        const unknown = archscope(['simulate', 'missed.arch', '--scenario', 'nope']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain('missed.arch has no scenario nope; its scenarios: rush');
    });

    test('JSON: breakingPoint, targets (fractions, ms, s; scenario null for the base case) and scenarios in the base case\'s shape', () => {
        const json = JSON.parse(archscope(['simulate', 'feed.arch', '--format', 'json']).stdout);
        expect(json.breakingPoint).toEqual({ factor: 2.8571, bottleneck: 'api' });
        expect(json.targets[0]).toEqual({ target: 'availability', scenario: null, value: json.availability.system, limit: 0.9995, met: true });
        expect(json.targets.find((t: { target: string }) => t.target === 'data_loss')).toMatchObject({ value: 0.1, limit: 1 });
        expect(json.targets).toHaveLength(20);
        expect(json.scenarios.map((s: { name: string }) => s.name)).toEqual(['black_friday', 'east_down', 'cold_start']);
        for (const scenario of json.scenarios) {
            for (const field of ['name', 'availability', 'latencyMs', 'overloaded', 'nodes', 'breakingPoint']) expect(scenario).toHaveProperty(field);
            expect(Object.keys(scenario.nodes[0])).toEqual(Object.keys(json.nodes[0]));
        }
        expect(json.scenarios[0].peakFactor).toBe(2);
        expect(json.scenarios[1].availability.system).toBeGreaterThan(0.998);
        expect(json.scenarios[1].availability.system).toBeLessThan(0.999);
    });
});
