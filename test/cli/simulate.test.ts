/**
 * `archscope simulate` as a user runs it: the built bundle `out/cli.cjs` in a
 * child process. The contract is ESTIMATES.md, "JSON output" (field names,
 * fractions, null for what cannot be estimated) and ARCHITECTURE.md, "CLI
 * contract" (exit codes).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'out', 'cli.cjs');
const SHOP = join(ROOT, 'examples', 'problems.arch');

interface Run { code: number | null; stdout: string; stderr: string }

function archscope(args: readonly string[], cwd: string): Run {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 50_000, killSignal: 'SIGKILL' });
    if (result.error) throw result.error;
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The node fields of the contract, and the shape of the top level. */
const NODE_FIELDS = ['name', 'kind', 'instances', 'loadRps', 'capacityRps', 'utilization', 'latencyMs', 'availability'];
const TOP_FIELDS = ['system', 'defaults', 'nodes', 'availability', 'staleness', 'shards'];

let dir: string;
let json: any;
let jsonRun: Run;
let textRun: Run;

beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (the CLI is tested as the built bundle).`);
    dir = mkdtempSync(join(tmpdir(), 'archscope-simulate-'));
    copyFileSync(SHOP, join(dir, 'problems.arch'));
    writeFileSync(join(dir, 'other.arch'), 'system Other {\n  traffic { peak 10 rps }\n  service api\n}\n');
    jsonRun = archscope(['simulate', 'problems.arch', '--format', 'json'], dir);
    json = JSON.parse(jsonRun.stdout);
    textRun = archscope(['simulate', 'problems.arch'], dir);
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

function nodeNamed(name: string): any {
    const found = json.nodes.find((n: any) => n.name === name);
    expect(found, `node ${name}`).toBeDefined();
    return found;
}

describe('--format json on examples/problems.arch', () => {
    test('exit 0, stdout is one JSON document, nothing on stderr', () => {
        expect(jsonRun.code).toBe(0);
        expect(jsonRun.stderr).toBe('');
        expect(typeof json).toBe('object');
    });

    test('the contract\'s field names at the top level, with their types', () => {
        for (const field of TOP_FIELDS) expect(Object.keys(json), field).toContain(field);
        expect(json.system).toBe('Shop');
        expect(Array.isArray(json.defaults)).toBe(true);
        expect(json.defaults.length).toBeGreaterThan(0);
        for (const d of json.defaults) expect(typeof d).toBe('string');
        expect(Array.isArray(json.nodes)).toBe(true);
        for (const field of ['system', 'nines', 'downtimeMinutesPerYear']) expect(Object.keys(json.availability)).toContain(field);
        expect(Array.isArray(json.staleness)).toBe(true);
        for (const row of json.staleness) {
            for (const field of ['database', 'staleReadAfterWrite', 'conflictWindow']) expect(Object.keys(row)).toContain(field);
        }
        expect(Array.isArray(json.shards)).toBe(true);
        for (const row of json.shards) {
            for (const field of ['database', 'table', 'strategy', 'shards', 'busiestOverMean', 'reshardMovedShare']) expect(Object.keys(row)).toContain(field);
        }
    });

    test('every node of the file, in declaration order, with the contract\'s node fields', () => {
        expect(json.nodes.map((n: any) => n.name)).toEqual([
            'front', 'assets', 'edge', 'web', 'session_cache', 'product_cache', 'zk', 'catalog', 'orders', 'carts', 'jobs', 'mailer'
        ]);
        for (const node of json.nodes) {
            for (const field of NODE_FIELDS) expect(Object.keys(node), `${node.name}.${field}`).toContain(field);
            expect(typeof node.name).toBe('string');
            expect(typeof node.kind).toBe('string');
            expect(Object.keys(node.instances).sort()).toEqual(['max', 'min']);
            expect(Number.isInteger(node.instances.min) && Number.isInteger(node.instances.max)).toBe(true);
            expect(node.instances.min).toBeLessThanOrEqual(node.instances.max);
            for (const field of ['loadRps', 'capacityRps', 'utilization', 'availability']) {
                expect(node[field] === null || typeof node[field] === 'number', `${node.name}.${field}`).toBe(true);
            }
            if (node.latencyMs !== null) {
                expect(Object.keys(node.latencyMs).sort()).toEqual(['mean', 'p99']);
                expect(node.latencyMs.p99).toBeGreaterThanOrEqual(node.latencyMs.mean);
            }
        }
        expect(nodeNamed('web').instances).toEqual({ min: 3, max: 20 });
        expect(nodeNamed('web').kind).toBe('service');
    });

    test('numbers are finite (never NaN or Infinity, which JSON cannot hold), fractions are fractions', () => {
        expect(jsonRun.stdout).not.toMatch(/NaN|Infinity/);
        for (const [path, value] of numbers(json)) expect(Number.isFinite(value), path).toBe(true);
        for (const node of json.nodes) {
            if (node.availability !== null) {
                expect(node.availability).toBeGreaterThanOrEqual(0);
                expect(node.availability).toBeLessThanOrEqual(1);
            }
            if (node.utilization !== null) expect(node.utilization).toBeGreaterThanOrEqual(0);
            if (node.loadRps !== null) expect(node.loadRps).toBeGreaterThanOrEqual(0);
        }
        const system = json.availability.system;
        expect(system).toBeGreaterThanOrEqual(0);
        expect(system).toBeLessThanOrEqual(1);
        for (const row of json.staleness) {
            for (const p of [row.staleReadAfterWrite, row.conflictWindow]) {
                if (p !== null) {
                    expect(p).toBeGreaterThanOrEqual(0);
                    expect(p).toBeLessThanOrEqual(1);
                }
            }
        }
        for (const row of json.shards) {
            expect(row.reshardMovedShare).toBeGreaterThan(0);
            expect(row.reshardMovedShare).toBeLessThanOrEqual(1);
        }
    });

    test('web: 12000 rps at the peak on 20 instances of 400 rps: capacity 8000, utilization 1.5', () => {
        const web = nodeNamed('web');
        expect(web.loadRps).toBe(12000);
        expect(web.capacityRps).toBe(8000);
        expect(web.utilization).toBe(1.5);
        // Overloaded: its queue grows without bound (no latency); overload is reported apart from downtime:
        // 1 − 1/1.5 of its requests the peak cannot serve, and as a failure figure it serves the mean share of
        // its capacity up, a (not 0.995²⁰: one instance of twenty lost is not the whole tier down).
        expect(web.latencyMs).toBeNull();
        expect(web.availability).toBeCloseTo(0.995, 9);
        expect(json.overloaded).toContainEqual({ node: 'web', utilization: 1.5, unservedShare: 0.3333 });
    });

    test('system availability: a failure figure, apart from the overload (not "0%, the whole year down")', () => {
        expect(json.availability.system).toBeGreaterThan(0.99);
        expect(json.availability.system).toBeLessThan(0.996);
        expect(json.availability.method).toBe('exact');
        expect(json.availability.byNode[0].node).toBe('web');
        // Requests served: web lets 1/1.5 through (mailer is behind a queue, off the request paths).
        expect(json.overloadServed.served).toBeCloseTo(1 / 1.5, 6);
        expect(json.overloadServed.byTier).toEqual([{ node: 'web', unserved: 0.333333, shed: 0.333333, utilization: 1.5 }]);
        expect(json.requestsServed).toBeCloseTo(json.availability.system * (1 / 1.5), 7);
    });

    test('catalog: stale read after one\'s own write 0.2 / (0.2 + 2) ≈ 0.091, a share of those reads', () => {
        const catalog = json.staleness.find((s: any) => s.node === 'catalog');
        expect(catalog).toBeDefined();
        expect(catalog.database).toBe('catalog');
        expect(catalog.staleReadAfterWrite).toBeCloseTo(0.2 / 2.2, 6);
        expect(catalog.dataLossSeconds).toBe(0.2);
    });

    test('orders: one shards row, hash over 16, adding a shard moves 16/17 ≈ 0.941 of the rows', () => {
        const rows = json.shards.filter((s: any) => s.database === 'orders');
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ database: 'orders', table: 'orders', strategy: 'hash', shards: 16 });
        expect(rows[0].reshardMovedShare).toBeCloseTo(16 / 17, 4);
        expect(rows[0].reshardMovedShare.toFixed(3)).toBe('0.941');
        expect(rows[0].busiestOverMean).toBeGreaterThan(1);
    });

    test('the defaults used are listed with the nodes they apply to', () => {
        expect(json.defaults.some((d: string) => /^availability of one instance: 99\.5% \(.*\bweb\b.*\)$/.test(d))).toBe(true);
        expect(json.defaults.some((d: string) => /mean time between failures of one instance: 30 days/.test(d))).toBe(true);
    });

    test('the same file gives the same JSON every time', () => {
        expect(archscope(['simulate', 'problems.arch', '--format', 'json'], dir).stdout).toBe(jsonRun.stdout);
    });
});

describe('text format', () => {
    test('exit 0; a row per node, the system summary and the defaults used', () => {
        expect(textRun.code).toBe(0);
        const lines = textRun.stdout.split('\n');
        expect(lines[0]).toBe('system Shop');
        const header = lines.findIndex(l => /^node\s+kind\s+instances\s+load\s+capacity\s+util\s+mean\s+p99\s+availability$/.test(l));
        expect(header).toBeGreaterThan(0);
        // One row per node, right after the header, starting with its name and kind.
        const rows = lines.slice(header + 1, header + 1 + json.nodes.length);
        json.nodes.forEach((node: any, i: number) => {
            expect(rows[i]).toMatch(new RegExp(`^${node.name}\\s+${node.kind}\\s`));
        });
        expect(rows.find(r => r.startsWith('web '))).toMatch(/\s3\.\.20\s+12,000 rps\s+8,000 rps\s+150%\s/);
        expect(lines.some(l => /^availability\s+9\d(\.\d+)?% \(\d\.\d\d nines\)/.test(l))).toBe(true);
        expect(lines.some(l => /^zone lost\s+us_east: /.test(l))).toBe(true);
        // Overload apart from downtime, and the nodes ranked by the downtime they cost (ESTIMATES.md, "Availability").
        expect(lines).toContain('overloaded    web at 150%, 33% of its requests unserved at the peak; mailer at 600%, 83% of its requests unserved at the peak');
        const costs = lines.find(l => l.startsWith('costs most    downtime a year: '));
        expect(costs).toMatch(/^costs most {4}downtime a year: web [\d,.]+ h, \w+ [\d,.]+ (h|min|s)/);
        const ranked = json.availability.byNode.map((entry: any) => entry.node);
        for (const name of ranked.slice(0, 5)) expect(costs).toContain(` ${name} `);
        expect(costs!.endsWith(`(and ${ranked.length - 5} more)`)).toBe(ranked.length > 5);
        expect(lines.some(l => /^stale reads\s+catalog: 9\.1% after one's own write/.test(l))).toBe(true);
        expect(lines.some(l => /^shards\s+orders\.orders: 16 by hash, .*adding one moves 94% of rows/.test(l))).toBe(true);
        const defaults = lines.indexOf('defaults used (the model does not say):');
        expect(defaults).toBeGreaterThan(header);
        expect(lines[defaults + 1]).toMatch(/^ {2}- \S/);
        for (const d of json.defaults) expect(lines).toContain(`  - ${d}`);
    });

    test('--format text is the default', () => {
        expect(archscope(['simulate', 'problems.arch', '--format', 'text'], dir).stdout).toBe(textRun.stdout);
    });
});

describe('exit codes', () => {
    test('2 for no file, two files, a missing file, --format sarif: one `archscope:` line on stderr, nothing on stdout', () => {
        const cases: [string[], RegExp?][] = [
            [['simulate']],
            [['simulate', 'problems.arch', 'other.arch']],
            [['simulate', 'missing.arch'], /missing\.arch/],
            [['simulate', 'problems.arch', '--format', 'sarif'], /sarif/]
        ];
        for (const [args, names] of cases) {
            const run = archscope(args, dir);
            expect(run.code, args.join(' ')).toBe(2);
            expect(run.stdout, args.join(' ')).toBe('');
            expect(run.stderr).toMatch(/^archscope: \S.*\n$/);
            expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
            if (names) expect(run.stderr).toMatch(names);
        }
    });

    test('a file with a validation error is still estimated (exit 0) with a note, and does not crash', () => {
        writeFileSync(join(dir, 'zero.arch'), `system Zero {
  traffic { peak 50 rps }
  service api { capacity 0 rps latency 10ms }
  database db { capacity 100 rps latency 5ms replication multi_master { replicas 0 } }
  api -> db
}
`);
        const run = archscope(['simulate', 'zero.arch', '--format', 'json'], dir);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const result = JSON.parse(run.stdout);
        expect(result.notes[0]).toMatch(/zero\.arch has 2 syntax\/link error/);
        expect(result.nodes.map((n: any) => n.loadRps)).toEqual([50, 50]);
        for (const [path, value] of numbers(result)) expect(Number.isFinite(value), path).toBe(true);
    });
});
