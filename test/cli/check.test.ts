/**
 * `archscope check` as a user runs it: the built bundle `out/cli.cjs` in a
 * child process, on `.arch` files written to a fresh temporary folder.
 * The contract is ARCHITECTURE.md, "CLI contract": exit codes, the text line
 * format, the JSON shape; SARIF is validated against the official schema.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator, type Schema } from 'jsonschema';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'out', 'cli.cjs');
const SARIF_SCHEMA = join(ROOT, 'test', 'fixtures', 'cli', 'sarif-schema-2.1.0.json');

/** No finding at all: redundant everywhere, health-checked, arbiter failover over an odd coordinator group, no traffic (no estimates). */
const CLEAN = `// A design with no findings at all.
system Clean {
  dns front

  balancer edge {
    instances 2
    health every 5s
  }

  service api {
    instances 2
    sessions cookie
  }

  coordinator zk {
    instances 3
  }

  database main {
    replication primary_backup {
      replicas 1
      mode sync
      failover arbiter zk
    }
  }

  front -> edge -> api -> main
}
`;

/** Warnings only: a balancer over 4 instances without health checks, and autoscaling down to 1. */
const WARNINGS = `system Warn {
  dns front

  balancer edge {
    instances 2
  }

  service api {
    autoscale 1..4
  }

  front -> edge -> api
}
`;

/** One error: \`api\` runs one instance on the request path. */
const ERROR = `system Err {
  dns front
  balancer edge {
    instances 2
    health every 5s
  }
  service api
  front -> edge -> api
}
`;

/** A parse error: a second number after \`instances 2\`. */
const SYNTAX = `system Broken {
  dns front
  service api {
    instances 2 3
  }
  front -> api
}
`;

const TEXT_LINE = /^(.+):(\d+):(\d+): (error|warning|info) ([a-z0-9-]+): .+$/;

interface Run { code: number | null; stdout: string; stderr: string }

function archscope(args: readonly string[], cwd: string): Run {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 50_000, killSignal: 'SIGKILL' });
    if (result.error) throw result.error;
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Position { line: number; character: number }
interface JsonDiagnostic {
    code: string;
    severity: string;
    message: string;
    node: string | null;
    range: { start: Position; end: Position };
}
interface JsonReport { files: { path: string; diagnostics: JsonDiagnostic[] }[] }

interface TextLine { path: string; line: number; column: number; severity: string; code: string; text: string }

function textLines(stdout: string): TextLine[] {
    const lines = stdout.split('\n');
    expect(lines.pop(), 'output ends with a newline').toBe('');
    return lines.map(text => {
        const match = TEXT_LINE.exec(text);
        expect(match, `"${text}" is a path:line:col: severity code: message line`).not.toBeNull();
        const [, path, line, column, severity, code] = match!;
        return { path, line: Number(line), column: Number(column), severity, code, text };
    });
}

/** The source text at a 1-based line and column. */
function textAt(source: string, line: number, column: number): string {
    return source.split('\n')[line - 1].slice(column - 1);
}

/** The source text a 0-based LSP range covers (single-line ranges). */
function textIn(source: string, range: JsonDiagnostic['range']): string {
    expect(range.end.line).toBe(range.start.line);
    return source.split('\n')[range.start.line].slice(range.start.character, range.end.character);
}

let dir: string;

function write(relativePath: string, text: string, root = dir): string {
    const path = join(root, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
}

beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (the CLI is tested as the built bundle).`);
    dir = mkdtempSync(join(tmpdir(), 'archscope-cli-'));
    write('clean.arch', CLEAN);
    write('warnings.arch', WARNINGS);
    write('error.arch', ERROR);
    write('syntax.arch', SYNTAX);
    mkdirSync(join(dir, 'empty', 'sub'), { recursive: true });
    write('empty/notes.txt', 'no designs here\n');
});

afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('exit codes', () => {
    test('0 for a clean design, with no output on stdout', () => {
        const run = archscope(['check', 'clean.arch'], dir);
        expect(run.stdout).toBe('');
        expect(run.code).toBe(0);
    });

    test('0 for warnings only, and the warnings are reported', () => {
        const run = archscope(['check', 'warnings.arch'], dir);
        expect(run.code).toBe(0);
        const lines = textLines(run.stdout);
        expect(lines.map(l => l.code).sort()).toEqual(['spof-autoscale-min-one', 'spof-health-check']);
        expect(lines.every(l => l.severity === 'warning')).toBe(true);
    });

    test('1 when a finding is an error', () => {
        const run = archscope(['check', 'error.arch'], dir);
        expect(run.code).toBe(1);
        expect(textLines(run.stdout).map(l => [l.severity, l.code])).toEqual([['error', 'spof-single-instance']]);
    });

    test('1 for a syntax error, reported with the code `syntax` on its line', () => {
        const run = archscope(['check', 'syntax.arch'], dir);
        expect(run.code).toBe(1);
        const lines = textLines(run.stdout);
        const syntax = lines.filter(l => l.code === 'syntax');
        expect(syntax).toHaveLength(1);
        expect(syntax[0].severity).toBe('error');
        expect(textAt(SYNTAX, syntax[0].line, syntax[0].column)).toMatch(/^3\b/);
    });

    test('1 when any of several files has an error, and every file is reported', () => {
        const run = archscope(['check', 'clean.arch', 'warnings.arch', 'error.arch'], dir);
        expect(run.code).toBe(1);
        const paths = new Set(textLines(run.stdout).map(l => l.path));
        expect([...paths].sort()).toEqual(['error.arch', 'warnings.arch']);
    });

    const usage: [string, string[], RegExp?][] = [
        ['no arguments', []],
        ['an unknown command', ['frobnicate', 'clean.arch'], /frobnicate/],
        ['check without a path', ['check']],
        ['an unknown option', ['check', '--bogus', 'clean.arch'], /--bogus/],
        ['--format xml', ['check', 'clean.arch', '--format', 'xml'], /xml/],
        ['--format without a value', ['check', 'clean.arch', '--format']],
        ['a missing path', ['check', 'does-not-exist.arch'], /does-not-exist\.arch/],
        ['a missing path next to a good one', ['check', 'clean.arch', 'missing/folder'], /missing\/folder/],
        ['a folder with no .arch files', ['check', 'empty'], /empty/],
        ['lsp without a transport', ['lsp']]
    ];
    test.each(usage)('2 for %s, with one `archscope:` line on stderr', (_, args, names) => {
        const run = archscope(args, dir);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.endsWith('\n')).toBe(true);
        const lines = run.stderr.slice(0, -1).split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^archscope: \S/);
        if (names) expect(lines[0]).toMatch(names);
    });

    test('--version and --help exit 0', () => {
        const version = archscope(['--version'], dir);
        expect(version.code).toBe(0);
        expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
        const help = archscope(['--help'], dir);
        expect(help.code).toBe(0);
        expect(help.stdout).toMatch(/archscope check/);
        expect(help.stdout).toMatch(/--format/);
    });
});

describe('text format', () => {
    test('one compiler-style line per finding, 1-based, pointing at the finding, sorted by position', () => {
        const run = archscope(['check', 'warnings.arch', 'error.arch'], dir);
        expect(run.code).toBe(1);
        const lines = textLines(run.stdout);
        expect(lines.map(l => `${l.path} ${l.code}`)).toEqual([
            'warnings.arch spof-health-check',
            'warnings.arch spof-autoscale-min-one',
            'error.arch spof-single-instance'
        ]);
        const source: Record<string, string> = { 'warnings.arch': WARNINGS, 'error.arch': ERROR };
        const expectedAt: Record<string, string> = {
            'spof-health-check': 'edge {',
            'spof-autoscale-min-one': 'autoscale 1..4',
            'spof-single-instance': 'api'
        };
        for (const l of lines) {
            expect(l.line).toBeGreaterThanOrEqual(1);
            expect(l.column).toBeGreaterThanOrEqual(1);
            expect(textAt(source[l.path], l.line, l.column).startsWith(expectedAt[l.code]), l.text).toBe(true);
        }
        // `service api` on line 7 of ERROR: the name starts at column 11.
        expect(lines[2]).toMatchObject({ line: 7, column: 11 });
        // The node named in the message is the node at the position.
        expect(lines[0].text).toMatch(/: edge\b/);
        expect(lines[2].text).toMatch(/: api\b/);
    });

    test('several findings of one file come in source order', () => {
        const many = write('many.arch', `system Many {
  dns front
  service b
  service a
  balancer lb {
    instances 2
  }
  service c { instances 3 }
  front -> b
  front -> a
  front -> lb -> c
}
`);
        const run = archscope(['check', many], dir);
        expect(run.code).toBe(1);
        const lines = textLines(run.stdout);
        expect(lines.length).toBeGreaterThanOrEqual(3);
        const keys = lines.map(l => l.line * 10_000 + l.column);
        expect(keys).toEqual([...keys].sort((x, y) => x - y));
        expect(lines.filter(l => l.code === 'spof-single-instance').map(l => l.line)).toEqual([3, 4]);
    });

    test('a deep chain of single instances: one short line per finding, naming both ends of the path', () => {
        const count = 400;
        const nodes = Array.from({ length: count }, (_, i) => `  service s${i}`).join('\n');
        const chain = Array.from({ length: count }, (_, i) => `s${i}`).join(' -> ');
        const deep = write('deep.arch', `system Deep {\n  dns front\n${nodes}\n  front -> ${chain}\n}\n`);
        const run = archscope(['check', deep], dir);
        expect(run.code).toBe(1);
        const lines = textLines(run.stdout);
        expect(lines).toHaveLength(count);
        expect(lines.every(l => l.code === 'spof-single-instance')).toBe(true);
        expect(lines.map(l => l.line)).toEqual(Array.from({ length: count }, (_, i) => i + 3));
        // The message of the last node names the entry and the node, not all 400 hops between them.
        const last = lines[count - 1].text;
        expect(last).toMatch(/\bfront\b/);
        expect(last).toMatch(/\bs399\b/);
        for (const l of lines) expect(l.text.length).toBeLessThan(600);
    });
});

describe('--format json', () => {
    function checkJson(args: string[]): { run: Run; report: JsonReport } {
        const run = archscope(['check', ...args, '--format', 'json'], dir);
        return { run, report: JSON.parse(run.stdout) as JsonReport };
    }

    function expectPosition(position: unknown): void {
        expect(Object.keys(position as object).sort()).toEqual(['character', 'line']);
        const { line, character } = position as Position;
        expect(Number.isInteger(line) && line >= 0).toBe(true);
        expect(Number.isInteger(character) && character >= 0).toBe(true);
    }

    function expectShape(report: JsonReport): void {
        expect(Object.keys(report)).toEqual(['files']);
        expect(Array.isArray(report.files)).toBe(true);
        for (const file of report.files) {
            expect(Object.keys(file).sort()).toEqual(['diagnostics', 'path']);
            expect(typeof file.path).toBe('string');
            expect(Array.isArray(file.diagnostics)).toBe(true);
            for (const d of file.diagnostics) {
                expect(Object.keys(d).sort()).toEqual(['code', 'message', 'node', 'range', 'severity']);
                expect(d.code).toMatch(/^[a-z0-9-]+$/);
                expect(['error', 'warning', 'info']).toContain(d.severity);
                expect(typeof d.message).toBe('string');
                expect(d.message.length).toBeGreaterThan(0);
                expect(d.node === null || typeof d.node === 'string').toBe(true);
                expect(Object.keys(d.range).sort()).toEqual(['end', 'start']);
                expectPosition(d.range.start);
                expectPosition(d.range.end);
            }
        }
    }

    test('the ARCHITECTURE.md shape, 0-based positions, `node` naming the node of a rule finding', () => {
        const { run, report } = checkJson(['warnings.arch', 'error.arch']);
        expect(run.code).toBe(1);
        expectShape(report);
        expect(report.files.map(f => f.path)).toEqual(['warnings.arch', 'error.arch']);

        const [warnings, error] = report.files;
        expect(error.diagnostics).toHaveLength(1);
        const single = error.diagnostics[0];
        expect(single).toMatchObject({ code: 'spof-single-instance', severity: 'error', node: 'api' });
        // `  service api` is line 7 (1-based), so line 6 and character 10 (0-based).
        expect(single.range).toEqual({ start: { line: 6, character: 10 }, end: { line: 6, character: 13 } });
        expect(textIn(ERROR, single.range)).toBe('api');
        expect(single.message).toMatch(/\bapi\b/);

        const health = warnings.diagnostics.find(d => d.code === 'spof-health-check')!;
        expect(health).toMatchObject({ severity: 'warning', node: 'edge' });
        expect(textIn(WARNINGS, health.range)).toBe('edge');
        const autoscale = warnings.diagnostics.find(d => d.code === 'spof-autoscale-min-one')!;
        expect(autoscale).toMatchObject({ severity: 'warning', node: 'api' });
        expect(textIn(WARNINGS, autoscale.range)).toMatch(/^autoscale 1\.\.4/);
    });

    test('a finding about a table or a field names it as a path: `db.users.id`', () => {
        writeFileSync(join(dir, 'field.arch'), 'system S {\n  service api { instances 2 }\n  database db {\n    replication multi_master { replicas 2 }\n    table users { id auto_increment }\n  }\n  api -> db\n}\n');
        const { report } = checkJson(['field.arch']);
        const finding = report.files[0].diagnostics.find(d => d.code === 'mm-auto-increment')!;
        expect(finding.node).toBe('db.users.id');
        // A finding about the node itself keeps its name alone.
        expect(report.files[0].diagnostics.filter(d => d.code.startsWith('spof-')).every(d => d.node === 'db' || d.node === 'api')).toBe(true);
    });

    test('a clean file is listed with no diagnostics; a syntax error has code `syntax`', () => {
        const { run, report } = checkJson(['clean.arch', 'syntax.arch']);
        expect(run.code).toBe(1);
        expectShape(report);
        expect(report.files).toEqual([
            { path: 'clean.arch', diagnostics: [] },
            expect.objectContaining({ path: 'syntax.arch' })
        ]);
        const syntax = report.files[1].diagnostics.filter(d => d.code === 'syntax');
        expect(syntax).toHaveLength(1);
        expect(syntax[0].severity).toBe('error');
        expect(textIn(SYNTAX, syntax[0].range)).toBe('3');
    });

    test('stdout is only the JSON document, whatever the findings', () => {
        const { run } = checkJson(['clean.arch']);
        expect(run.code).toBe(0);
        expect(() => JSON.parse(run.stdout)).not.toThrow();
        expect(JSON.parse(run.stdout)).toEqual({ files: [{ path: 'clean.arch', diagnostics: [] }] });
    });
});

describe('--format sarif', () => {
    /*
     * Both: validation against the official SARIF 2.1.0 JSON schema (vendored in
     * test/fixtures/cli from the npm package @microsoft/jest-sarif, see the README
     * there; validated with `jsonschema`, installed through langium-cli), and
     * structural assertions for what GitHub code scanning requires on top of it.
     */
    let sarif: any;
    let run: Run;
    let root: string;

    beforeAll(() => {
        root = mkdtempSync(join(tmpdir(), 'archscope-sarif-'));
        write('designs/warnings.arch', WARNINGS, root);
        write('designs/deep/er ror.arch', ERROR, root);
        write('designs/deep/syntax.arch', SYNTAX, root);
        run = archscope(['check', 'designs', '--format', 'sarif'], root);
        sarif = JSON.parse(run.stdout);
    });

    afterAll(() => {
        if (root) rmSync(root, { recursive: true, force: true });
    });

    test('exit code and schema validity', () => {
        expect(run.code).toBe(1);
        const schema = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as Schema;
        const result = new Validator().validate(sarif, schema);
        expect(result.errors.map(e => e.stack)).toEqual([]);
        // The validator does reject what the schema forbids (so the check above can fail).
        const broken = structuredClone(sarif);
        broken.runs[0].results[0].level = 'fatal';
        expect(new Validator().validate(broken, schema).errors.length).toBeGreaterThan(0);
    });

    test('what GitHub code scanning needs', () => {
        expect(sarif.version).toBe('2.1.0');
        expect(sarif.runs).toHaveLength(1);
        const [sarifRun] = sarif.runs;
        const driver = sarifRun.tool.driver;
        expect(driver.name).toBe('archscope');
        expect(Array.isArray(driver.rules)).toBe(true);
        const ids: string[] = driver.rules.map((r: any) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const rule of driver.rules) {
            expect(typeof rule.id).toBe('string');
            expect(typeof rule.shortDescription?.text).toBe('string');
            expect(rule.shortDescription.text.length).toBeGreaterThan(0);
        }
        for (const id of ['spof-single-instance', 'spof-health-check', 'spof-autoscale-min-one', 'syntax']) expect(ids).toContain(id);

        const results: any[] = sarifRun.results;
        expect(results.map(r => r.ruleId).sort()).toEqual(['spof-autoscale-min-one', 'spof-health-check', 'spof-single-instance', 'syntax']);
        for (const result of results) {
            expect(['error', 'warning', 'note']).toContain(result.level);
            expect(typeof result.message.text).toBe('string');
            expect(result.message.text.length).toBeGreaterThan(0);
            expect(Number.isInteger(result.ruleIndex)).toBe(true);
            expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
            const location = result.locations[0].physicalLocation;
            const uri: string = location.artifactLocation.uri;
            expect(uri).not.toMatch(/^[a-z]+:|^\/|\\/);
            expect(location.region.startLine).toBeGreaterThanOrEqual(1);
            expect(location.region.startColumn).toBeGreaterThanOrEqual(1);
        }
        const byRule = new Map(results.map(r => [r.ruleId, r]));
        expect(byRule.get('spof-single-instance').level).toBe('error');
        expect(byRule.get('spof-health-check').level).toBe('warning');
        const single = byRule.get('spof-single-instance').locations[0].physicalLocation;
        // Relative to the working directory, forward slashes, a valid URI reference (the space percent-encoded).
        expect(single.artifactLocation.uri).toBe('designs/deep/er%20ror.arch');
        expect(single.region).toMatchObject({ startLine: 7, startColumn: 11 });
        const health = byRule.get('spof-health-check').locations[0].physicalLocation;
        expect(health.artifactLocation.uri).toBe('designs/warnings.arch');
        expect(health.region).toMatchObject({ startLine: 4, startColumn: 12 });
    });
});

describe('folders and .archscope.json', () => {
    let root: string;

    beforeAll(() => {
        root = mkdtempSync(join(tmpdir(), 'archscope-folder-'));
        write('project/top.arch', WARNINGS, root);
        write('project/services/a/error.arch', ERROR, root);
        write('project/services/b/c/clean.arch', CLEAN, root);
        write('project/services/readme.txt', 'not a design', root);
        write('project/node_modules/dep/broken.arch', SYNTAX, root);
        write('configured/error.arch', ERROR, root);
        write('configured/warnings.arch', WARNINGS, root);
        write('stricter/warnings.arch', WARNINGS, root);
        write('stricter/.archscope.json', JSON.stringify({ rules: { 'spof-health-check': 'error' } }), root);
    });

    afterAll(() => {
        if (root) rmSync(root, { recursive: true, force: true });
    });

    test('a folder is searched recursively for .arch files, skipping node_modules', () => {
        const run = archscope(['check', 'project', '--format', 'json'], root);
        expect(run.code).toBe(1);
        const report = JSON.parse(run.stdout) as JsonReport;
        const paths = report.files.map(f => f.path.split('\\').join('/')).sort();
        expect(paths).toEqual(['project/services/a/error.arch', 'project/services/b/c/clean.arch', 'project/top.arch']);
        expect(run.stdout).not.toMatch(/node_modules/);
        const codes = report.files.flatMap(f => f.diagnostics.map(d => d.code)).sort();
        expect(codes).toEqual(['spof-autoscale-min-one', 'spof-health-check', 'spof-single-instance']);
    });

    test('folders and files together in one run', () => {
        const run = archscope(['check', 'project/services', 'configured/warnings.arch'], root);
        expect(run.code).toBe(1);
        const paths = new Set(textLines(run.stdout).map(l => l.path.split('\\').join('/')));
        expect([...paths].sort()).toEqual(['configured/warnings.arch', 'project/services/a/error.arch']);
    });

    test('a file named twice, or inside a folder also named, is checked once (it crashed on the second copy)', () => {
        const run = archscope(['check', 'project', 'project/services', 'project/top.arch', './project/top.arch', '--format', 'json'], root);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(1);
        const paths = (JSON.parse(run.stdout) as JsonReport).files.map(f => f.path.split('\\').join('/'));
        expect(paths).toEqual(['project/services/a/error.arch', 'project/services/b/c/clean.arch', 'project/top.arch']);
    });

    test('.archscope.json turning the only error off makes the exit code 0', () => {
        const before = archscope(['check', 'configured'], root);
        expect(before.code).toBe(1);
        write('configured/.archscope.json', JSON.stringify({ rules: { 'spof-single-instance': 'off' } }), root);
        try {
            const after = archscope(['check', 'configured', '--format', 'json'], root);
            expect(after.code).toBe(0);
            const codes = (JSON.parse(after.stdout) as JsonReport).files.flatMap(f => f.diagnostics.map(d => d.code));
            expect(codes).not.toContain('spof-single-instance');
            expect(codes).toContain('spof-health-check');
        } finally {
            rmSync(join(root, 'configured', '.archscope.json'));
        }
    });

    test('.archscope.json raising a warning to an error makes the exit code 1', () => {
        const run = archscope(['check', 'stricter', '--format', 'json'], root);
        expect(run.code).toBe(1);
        const diagnostics = (JSON.parse(run.stdout) as JsonReport).files[0].diagnostics;
        expect(diagnostics.find(d => d.code === 'spof-health-check')?.severity).toBe('error');
        expect(diagnostics.find(d => d.code === 'spof-autoscale-min-one')?.severity).toBe('warning');
        // The same file elsewhere, without the setting, passes.
        expect(archscope(['check', 'project/top.arch'], root).code).toBe(0);
    });
});
