/**
 * `archscope simulate FILE --check [--seed N]` as a user runs it: the built bundle `out/cli.cjs` in a
 * child process (`npm run build` first). The estimates and the cross-check's simulation side by
 * side (docs/crosscheck.md, "The CLI"), in text and in JSON; bad usage exits 2 with one line.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'out', 'cli.cjs');
// The shop as first drawn (examples/problems.arch): web and mailer overloaded, the session store called twice.
const SHOP = join(ROOT, 'examples', 'problems.arch');

interface Run { code: number | null; stdout: string; stderr: string }

function archscope(args: readonly string[], cwd: string): Run {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 50_000, killSignal: 'SIGKILL' });
    if (result.error) throw result.error;
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A model small enough to simulate in a blink, where nothing a known estimate bug touches comes up (docs/crosscheck.md): everything agrees. */
const SMALL = `system Small {
  traffic { peak 400 rps  reads 80% }
  zone east
  zone west
  dns front
  balancer lb { instances 2  algorithm least_connections  health every 5s  zones east, west }
  service api { instances 6  capacity 150 rps  latency 20ms  zones east, west  availability 99% }
  database db {
    capacity 1000 rps  latency 2ms
    replication primary_backup { replicas 1  failover probe }
    zones east, west
    table t { id uuid }
  }
  front -> lb -> api
  api -> db 50%
}
`;

let dir: string;
let text: Run;
let jsonRun: Run;
let json: any;

beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (the CLI is tested as the built bundle).`);
    dir = mkdtempSync(join(tmpdir(), 'archscope-check-'));
    copyFileSync(SHOP, join(dir, 'shop.arch'));
    writeFileSync(join(dir, 'small.arch'), SMALL);
    text = archscope(['simulate', 'shop.arch', '--check'], dir);
    jsonRun = archscope(['simulate', 'shop.arch', '--check', '--format', 'json', '--seed', '3'], dir);
    json = JSON.parse(jsonRun.stdout);
});

afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every number anywhere in the document, with its path. */
function numbers(value: unknown, path = '$'): [string, number][] {
    if (typeof value === 'number') return [[path, value]];
    if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
    return [];
}

const FIGURE_FIELDS = ['estimate', 'simulated', 'standardError', 'low', 'high', 'error', 'tolerance', 'allowed', 'agrees'];

describe('text', () => {
    test('exit 0, nothing on stderr; what was simulated and the rule a figure is held to come first', () => {
        expect(text.code).toBe(0);
        expect(text.stderr).toBe('');
        const lines = text.stdout.split('\n');
        expect(lines[0]).toMatch(/^cross-check of Shop: seed 1; 100,000 requests over [\d.]+ s simulated; [\d,]+ years of failures \([\d,]+ failures and repairs\)$/);
        expect(lines[1]).toMatch(/within 4 standard errors/);
    });

    test('per node, each figure: the estimate, the simulation ± its error, and whether they agree', () => {
        const lines = text.stdout.split('\n');
        const header = lines.findIndex(line => /^node\s+figure\s+estimate\s+simulation\s+agrees\s+note$/.test(line));
        expect(header).toBeGreaterThan(0);
        const web = lines.findIndex(line => line.startsWith('web '));
        expect(lines[web]).toMatch(/^web\s+load\s+12,000 rps\s+[\d,]+ rps ± [\d.,]+ rps\s+yes/);
        expect(lines[web + 1]).toMatch(/^\s+utilization\s+150%\s+1\d\d% ± [\d.]+%\s+yes/);
        expect(lines[web + 2]).toMatch(/^\s+availability\s+99\.5%\s+99\.\d+% ± [\d.]+%\s+yes/);
        // session_cache: the sessions store's lookups and the edge to it are both calls (LANGUAGE.md), both ways.
        expect(text.stdout).toMatch(/\nsession_cache\s+load\s+24,000 rps\s+2\d,\d{3} rps ± [\d.,]+ rps\s+yes/);
        // A figure the run saw no outage for is not compared, and the note says why.
        expect(text.stdout).toMatch(/\njobs\s+load[^\n]*\n\s+availability\s+99\.999988%\s+100% ± 0%\s+-\s+no outage seen/);
        const agrees = lines.slice(header + 1).filter(line => /\s(yes|NO|-)(\s|$)/.test(line));
        expect(agrees.length).toBeGreaterThan(20);
    });

    test('the system: availability and the zone-lost figure side by side; the overloaded tiers; how many disagree', () => {
        expect(text.stdout).toMatch(/\nsystem\s+estimate\s+simulation\s+agrees\s+note\n/);
        expect(text.stdout).toMatch(/\navailability\s+99\.47%\s+99\.\d+% ± [\d.]+%\s+yes/);
        expect(text.stdout).toMatch(/\nzone lost\s+us_east: 0%\s+us_\w+: 0% ± 0%\s+yes\n/);
        expect(text.stdout).toMatch(/\noverloaded at the peak \(simulated as delays, no latency\): web \(150%\), mailer \(600%\)\n/);
        expect(text.stdout).toMatch(/\nevery figure compared agrees\n/);
    });

    test('a model where everything is compared: end-to-end latency lines, and every figure agrees', () => {
        const run = archscope(['simulate', 'small.arch', '--check'], dir);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/\napi\s+load\s+400 rps\s+[\d.]+ rps ± [\d.]+ rps\s+yes\n\s+utilization\s+44%\s+4\d% ± [\d.]+%\s+yes\n\s+mean\s+[\d.]+ ms\s+[\d.]+ ms ± [\d.]+ ms\s+yes\n/);
        expect(run.stdout).toMatch(/\nlatency mean\s+[\d.]+ ms\s+[\d.]+ ms ± [\d.]+ ms\s+yes\n/);
        expect(run.stdout).toMatch(/\nlatency p99\s+[\d.]+ ms\s+[\d.]+ ms ± [\d.]+ ms\s+yes\n/);
        expect(run.stdout).toMatch(/\nzone lost\s+(east|west): 96\.\d+%\s+(east|west): 96\.\d+% ± [\d.]+%\s+yes\n/);
        expect(run.stdout).toMatch(/\nevery figure compared agrees\n/);
        expect(run.stdout).not.toMatch(/\sNO\s/);
    });

    test('the same seed gives the same output; another seed, other draws', () => {
        const again = archscope(['simulate', 'small.arch', '--check', '--seed', '5'], dir);
        expect(archscope(['simulate', 'small.arch', '--check', '--seed=5'], dir).stdout).toBe(again.stdout);
        expect(again.stdout).toMatch(/^cross-check of Small: seed 5;/);
        expect(archscope(['simulate', 'small.arch', '--check', '--seed', '6'], dir).stdout).not.toBe(again.stdout);
    });
});

describe('--format json', () => {
    test('the estimates as without --check, and a crossCheck object beside them', () => {
        expect(jsonRun.code).toBe(0);
        expect(jsonRun.stderr).toBe('');
        const plain = JSON.parse(archscope(['simulate', 'shop.arch', '--format', 'json'], dir).stdout);
        const { crossCheck, ...estimates } = json;
        expect(estimates).toEqual(plain);
        expect(Object.keys(crossCheck)).toEqual([
            'seed', 'sigmas', 'requestRun', 'failureRun', 'nodes', 'availability', 'latencyMs', 'overloaded', 'disagreements', 'notes'
        ]);
        expect(crossCheck.seed).toBe(3);
        expect(crossCheck.sigmas).toBe(4);
        expect(Object.keys(crossCheck.requestRun)).toEqual(['requests', 'simulatedSeconds', 'warmUpSeconds']);
        expect(Object.keys(crossCheck.failureRun)).toEqual(['years', 'unitEvents', 'outageEpisodes']);
    });

    test('per node, each figure with both numbers, the error, the tolerance and the verdict', () => {
        const { crossCheck } = json;
        expect(crossCheck.nodes.map((node: any) => node.name)).toEqual(json.nodes.map((node: any) => node.name));
        for (const node of crossCheck.nodes) {
            expect(Object.keys(node)).toEqual(['name', 'kind', 'carries', 'expectedLoadRps', 'outages', 'load', 'utilization', 'latencyMean', 'latencyP99', 'availability']);
            for (const figure of ['load', 'utilization', 'latencyMean', 'latencyP99', 'availability']) {
                for (const field of FIGURE_FIELDS) expect(Object.keys(node[figure]), `${node.name}.${figure}.${field}`).toContain(field);
                const { agrees, estimate, simulated, allowed } = node[figure];
                expect(agrees === null || typeof agrees === 'boolean').toBe(true);
                if (agrees !== null) expect(agrees).toBe(Math.abs(estimate - simulated) <= allowed);
            }
        }
        const web = crossCheck.nodes.find((node: any) => node.name === 'web');
        expect(web.load.estimate).toBe(12000);
        expect(web.load.agrees).toBe(true);
        const sessions = crossCheck.nodes.find((node: any) => node.name === 'session_cache');
        expect(sessions.load.estimate).toBe(24000);
        expect(sessions.load.agrees).toBe(true);
    });

    test('the system figures; numbers finite (an error the run cannot tell is null), fractions fractions', () => {
        const { crossCheck } = json;
        expect(crossCheck.availability.system.estimate).toBe(json.availability.system);
        expect(crossCheck.availability.system.agrees).toBe(true);
        expect(crossCheck.availability.zoneLost).toMatchObject({ estimateZone: 'us_east', zoneAgrees: true });
        expect(crossCheck.availability.byZone.map((zone: any) => zone.zone)).toEqual(['us_east', 'us_west']);
        expect(crossCheck.latencyMs.mean.estimate).toBeNull();
        expect(crossCheck.overloaded.map((o: any) => o.node)).toEqual(['web', 'mailer']);
        expect(crossCheck.disagreements).toBe(0);
        expect(jsonRun.stdout).not.toMatch(/NaN|Infinity/);
        for (const [path, value] of numbers(crossCheck)) expect(Number.isFinite(value), path).toBe(true);
        for (const node of crossCheck.nodes) {
            const { simulated } = node.availability;
            if (simulated !== null) expect(simulated >= 0 && simulated <= 1, node.name).toBe(true);
        }
    });
});

describe('bad usage: one line, exit 2', () => {
    test.each([
        [['simulate', 'shop.arch', '--check', '--seed', 'abc'], /^archscope: --seed takes a whole number from 0 to 4294967295, got abc\n$/],
        [['simulate', 'shop.arch', '--check', '--seed', '-1'], /^archscope: --seed takes a whole number from 0 to 4294967295, got -1\n$/],
        [['simulate', 'shop.arch', '--check', '--seed', '1.5'], /^archscope: --seed takes a whole number/],
        [['simulate', 'shop.arch', '--check', '--seed'], /^archscope: --seed needs a value\n$/],
        [['simulate', 'shop.arch', '--seed', '2'], /^archscope: --seed goes with --check\n$/],
        [['simulate', 'shop.arch', '--chek'], /^archscope: unknown option --chek\n$/],
        [['check', 'shop.arch', '--check'], /^archscope: unknown option --check\n$/]
    ])('%j', (args, message) => {
        const run = archscope(args, dir);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(message);
    });

    test('--help shows --check and --seed', () => {
        const help = archscope(['--help'], dir);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('archscope simulate FILE --check [--seed N] [--format text|json]');
    });
});
