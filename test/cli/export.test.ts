/**
 * `archscope export` as a user runs it: the built bundle `out/cli.cjs` in a child process, on the
 * shop example and small models in a fresh temporary folder. Each format to stdout and to `--out`;
 * the SVG parsed as XML by Chromium; the PNG's signature and size; the Markdown's parts; atomic
 * writes (a file replaced whole, no temporary file left, nothing written when the write fails, stale
 * temporary files of killed runs swept, a signal's exit code); an input never overwritten, under
 * any name; a link at --out replaced, not written through; the layout's time limit; usage errors
 * with exit 2 and one line on stderr.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replaceFile, rewriteFile } from '../../server/src/cli/atomic-write.js';
import { generateModel } from '../generate-model.js';
import { launchChromium } from '../browser/chromium.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'out', 'cli.cjs');
const SHOP_NAMES = ['front', 'assets', 'edge', 'web', 'session_cache', 'product_cache', 'zk', 'catalog', 'orders', 'carts', 'jobs', 'mailer'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A parse error (a second number after `instances 2`), and a node after it that still parses. */
const SYNTAX = `system Broken {
  dns front
  service api {
    instances 2 3
  }
  database main
  front -> api -> main
}
`;

interface Run { code: number | null; stdout: Buffer; stderr: string }

function archscope(args: readonly string[], cwd: string = dir): Run {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, timeout: 50_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    return { code: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** A usage error: exit 2, nothing on stdout, one `archscope: ...` line on stderr. */
function expectUsageError(run: Run, pattern: RegExp): void {
    expect(run.stdout.length, run.stdout.toString()).toBe(0);
    expect(run.stderr).toMatch(/^archscope: [^\n]+\n$/);
    expect(run.stderr).toMatch(pattern);
    expect(run.code).toBe(2);
}

let dir: string;
let browser: Browser | undefined;

/** Chromium's XML parser on `svg`: the parser error if any, the text of every <text>. */
async function parseSvg(svg: string): Promise<{ error: string | null; root: string; texts: string[] }> {
    browser ??= await launchChromium();
    const page = await browser.newPage();
    try {
        return await page.evaluate(`(text => {
            const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
            const error = doc.querySelector('parsererror');
            return {
                error: error ? error.textContent : null,
                root: doc.documentElement.localName,
                texts: [...doc.querySelectorAll('text')].map(e => e.textContent)
            };
        })(${JSON.stringify(svg)})`) as { error: string | null; root: string; texts: string[] };
    } finally {
        await page.close();
    }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function svgSize(svg: string): { width: number; height: number } {
    const match = /^<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    expect(match, svg.slice(0, 200)).not.toBeNull();
    return { width: Number(match![1]), height: Number(match![2]) };
}

/** The folder's entries besides the ones a test expects: temporary files must not be left behind. */
function entries(folder: string): string[] {
    return readdirSync(folder).sort();
}

beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (the CLI is tested as the built bundle).`);
    dir = mkdtempSync(join(tmpdir(), 'archscope-export-'));
    copyFileSync(join(ROOT, 'examples', 'problems.arch'), join(dir, 'problems.arch'));
    writeFileSync(join(dir, 'syntax.arch'), SYNTAX);
    writeFileSync(join(dir, 'empty.arch'), '// nothing here\n');
});

afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('to stdout', () => {
    test('mermaid: the flowchart, every node, exit 0 although the design has errors', () => {
        const run = archscope(['export', 'problems.arch', '--format', 'mermaid']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const text = run.stdout.toString('utf8');
        expect(text.startsWith('flowchart LR\n')).toBe(true);
        for (const name of SHOP_NAMES) expect(text).toContain(`"${name}<br>`);
        expect(text).toMatch(/^ {2}class [n\d,]+ finding_error$/m);
    });

    test('markdown: the title, the mermaid block, the findings and estimates tables, the assumptions', () => {
        const run = archscope(['export', 'problems.arch', '--format=markdown']);
        expect(run.code).toBe(0);
        const text = run.stdout.toString('utf8');
        expect(text.startsWith('## Shop architecture\n\n```mermaid\nflowchart LR\n')).toBe(true);
        expect(text).toContain('\n| Severity | Rule | Node | Message |\n');
        expect(text).toContain('\n| Node | Kind | Instances | Load | Capacity | Utilization | Mean latency | p99 latency | Availability |\n');
        expect(text).toContain('[cap-overload](docs/rules/cap-overload.md)');
        expect(text).toContain('\n### Assumptions\n');
        expect(text).toMatch(/^\| web \| service \| 3\.\.20 \| 12,000 rps \| 8,000 rps \| 150% \|/m);
    });

    test('markdown: rule links to ARCHSCOPE_DOCS_BASE when it is set', () => {
        const result = spawnSync(process.execPath, [CLI, 'export', 'problems.arch', '--format', 'markdown'], {
            cwd: dir, env: { ...process.env, ARCHSCOPE_DOCS_BASE: 'https://example.com/archscope/docs/rules' }, timeout: 50_000
        });
        expect(result.status).toBe(0);
        expect(result.stdout.toString('utf8')).toContain('[cap-overload](https://example.com/archscope/docs/rules/cap-overload.md)');
    });

    test('svg: well-formed XML with every node name, the light theme by default', async () => {
        const run = archscope(['export', 'problems.arch', '--format', 'svg']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const svg = run.stdout.toString('utf8');
        const parsed = await parseSvg(svg);
        expect(parsed.error).toBeNull();
        expect(parsed.root).toBe('svg');
        // A box says its name; a replication group's title starts with it ("catalog · primary replica ...").
        for (const name of SHOP_NAMES) expect(parsed.texts.some(t => t === name || t.startsWith(`${name} `)), name).toBe(true);
        const size = svgSize(svg);
        expect(size.width).toBeGreaterThan(200);
        expect(size.height).toBeGreaterThan(100);
    });

    test('svg --theme dark is another drawing', () => {
        const light = archscope(['export', 'problems.arch', '--format', 'svg', '--theme', 'light']).stdout.toString('utf8');
        const dark = archscope(['export', 'problems.arch', '--format', 'svg', '--theme', 'dark']);
        expect(dark.code).toBe(0);
        expect(dark.stdout.toString('utf8')).not.toBe(light);
        expect(light).toBe(archscope(['export', 'problems.arch', '--format', 'svg']).stdout.toString('utf8'));
    });

    test('png piped: the image bytes', () => {
        const run = archscope(['export', 'problems.arch', '--format', 'png']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    });

    test('png to a terminal: refused, since image bytes on a screen help nobody', () => {
        // `script` runs the CLI with its stdout on a pseudo-terminal (and returns its exit code).
        const result = spawnSync('script', ['-qec', `${process.execPath} ${CLI} export problems.arch --format png`, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 50_000 });
        expect(result.status).toBe(2);
        expect(result.stdout.trim()).toBe('archscope: png is binary: give --out FILE.png, or redirect stdout to a file');
    });
});

describe('--out', () => {
    test('each format writes the file, the same bytes as on stdout, and prints nothing', () => {
        for (const format of ['svg', 'mermaid', 'markdown', 'png']) {
            const out = join(dir, `out-${format}.file`);
            const run = archscope(['export', 'problems.arch', '--format', format, '--out', out]);
            expect(run.stderr).toBe('');
            expect(run.stdout.length).toBe(0);
            expect(run.code).toBe(0);
            const stdout = archscope(['export', 'problems.arch', '--format', format]).stdout;
            expect(readFileSync(out).equals(stdout), format).toBe(true);
        }
    });

    test('png: twice the SVG size (2× scale), a sane image', () => {
        const out = join(dir, 'shop.png');
        expect(archscope(['export', 'problems.arch', '--format', 'png', '-o', out]).code).toBe(0);
        const png = pngSize(readFileSync(out));
        const svg = svgSize(archscope(['export', 'problems.arch', '--format', 'svg']).stdout.toString('utf8'));
        expect(png.width).toBe(Math.round(svg.width * 2));
        expect(png.height).toBe(Math.round(svg.height * 2));
        expect(png.width).toBeLessThanOrEqual(16_384);
    });

    test('the format follows the file extension when --format is not given', () => {
        for (const [name, start] of [['x.svg', '<svg'], ['x.md', '## Shop'], ['x.mmd', 'flowchart'], ['x.png', '\u0089PNG']] as const) {
            const folder = mkdtempSync(join(dir, 'ext-'));
            expect(archscope(['export', 'problems.arch', '--out', join(folder, name)]).code, name).toBe(0);
            expect(readFileSync(join(folder, name)).toString('latin1').startsWith(start), name).toBe(true);
        }
    });

    test('an existing file is replaced whole, keeps its permissions, and no temporary file is left', () => {
        const folder = mkdtempSync(join(dir, 'replace-'));
        const out = join(folder, 'diagram.mmd');
        writeFileSync(out, 'old contents, much longer than nothing\n'.repeat(2000));
        chmodSync(out, 0o640);
        const run = archscope(['export', 'problems.arch', '--format', 'mermaid', '--out', out]);
        expect(run.code).toBe(0);
        const expected = archscope(['export', 'problems.arch', '--format', 'mermaid']).stdout.toString('utf8');
        expect(readFileSync(out, 'utf8')).toBe(expected);
        expect(statSync(out).mode & 0o777).toBe(0o640);
        expect(entries(folder)).toEqual(['diagram.mmd']);
    });

    test('a symlink at --out is replaced by the file, never written through: what it pointed to is untouched', () => {
        const folder = mkdtempSync(join(dir, 'link-'));
        writeFileSync(join(folder, 'real.svg'), 'old');
        symlinkSync('real.svg', join(folder, 'link.svg'));
        expect(archscope(['export', 'problems.arch', '--out', join(folder, 'link.svg')]).code).toBe(0);
        expect(lstatSync(join(folder, 'link.svg')).isFile()).toBe(true);
        expect(readFileSync(join(folder, 'link.svg'), 'utf8').startsWith('<svg')).toBe(true);
        expect(readFileSync(join(folder, 'real.svg'), 'utf8')).toBe('old');
        expect(entries(folder)).toEqual(['link.svg', 'real.svg']);
        // A dangling link too: replaced by the file, nothing created where it pointed.
        symlinkSync(join(folder, 'nowhere', 'x.svg'), join(folder, 'dangling.svg'));
        expect(archscope(['export', 'problems.arch', '--out', join(folder, 'dangling.svg')]).code).toBe(0);
        expect(lstatSync(join(folder, 'dangling.svg')).isFile()).toBe(true);
        expect(entries(folder)).toEqual(['dangling.svg', 'link.svg', 'real.svg']);
    });

    test('into a folder that does not exist: exit 2, one line, nothing created', () => {
        const before = entries(dir);
        const run = archscope(['export', 'problems.arch', '--format', 'svg', '--out', join(dir, 'missing', 'x.svg')]);
        expectUsageError(run, /cannot write .*missing.*x\.svg: its folder does not exist/);
        expect(entries(dir)).toEqual(before);
    });

    test('onto a folder or onto the input: refused before anything is written', () => {
        const folder = mkdtempSync(join(dir, 'folder-'));
        expectUsageError(archscope(['export', 'problems.arch', '--format', 'svg', '--out', folder]), /is a folder/);
        expect(entries(folder)).toEqual([]);
        const shop = readFileSync(join(dir, 'problems.arch'), 'utf8');
        expectUsageError(archscope(['export', 'problems.arch', '--format', 'mermaid', '--out', './problems.arch']), /is the input file/);
        expect(readFileSync(join(dir, 'problems.arch'), 'utf8')).toBe(shop);
    });

    test('/proc/version: the true reason (no file can be made in /proc), not "its folder does not exist"', () => {
        expectUsageError(archscope(['export', 'problems.arch', '--format', 'mermaid', '--out', '/proc/version']), /^archscope: cannot write \/proc\/version: no new file can be made in \/proc\n$/);
    });

    test('a write that fails half-way (the file size limit, ulimit -f) leaves no temporary file and the old file untouched', () => {
        const folder = mkdtempSync(join(dir, 'fsize-'));
        writeFileSync(join(folder, 'diagram.png'), 'old');
        const result = spawnSync('bash', ['-c', `ulimit -f 4; exec "${process.execPath}" "${CLI}" export problems.arch --out "${join(folder, 'diagram.png')}"`], { cwd: dir, encoding: 'utf8', timeout: 50_000 });
        expect(result.stderr).toMatch(/^archscope: cannot write .*diagram\.png: the file is larger than this process may write\n$/);
        expect(result.status).toBe(2);
        expect(readFileSync(join(folder, 'diagram.png'), 'utf8')).toBe('old');
        expect(entries(folder)).toEqual(['diagram.png']);
    });
});

describe('--out never overwrites an input, under any name', () => {
    test.each([
        ['a symlink to the input', (folder: string) => symlinkSync('good.arch', join(folder, 'link.arch')), 'link.arch'],
        ['a symlink to the input, elsewhere', (folder: string) => symlinkSync(join(folder, 'good.arch'), join(folder, 'sub', 'other.mmd')), join('sub', 'other.mmd')],
        ['the input through a linked folder', (folder: string) => symlinkSync('.', join(folder, 'here')), join('here', 'good.arch')],
        ['a hard link to the input', (folder: string) => linkSync(join(folder, 'good.arch'), join(folder, 'hard.mmd')), 'hard.mmd']
    ])('%s: refused, the design untouched, exit 2', (_, make, out) => {
        const folder = mkdtempSync(join(dir, 'input-'));
        mkdirSync(join(folder, 'sub'));
        copyFileSync(join(dir, 'problems.arch'), join(folder, 'good.arch'));
        make(folder);
        const design = readFileSync(join(folder, 'good.arch'), 'utf8');
        const run = archscope(['export', 'good.arch', '--format', 'mermaid', '--out', out], folder);
        expectUsageError(run, new RegExp(`^archscope: --out ${out.replace(/[.]/g, '\\.')} is the input file good\\.arch under another name; name another file\n$`));
        expect(readFileSync(join(folder, 'good.arch'), 'utf8')).toBe(design);
    });

    test('the .archscope.json the export reads is an input too', () => {
        const folder = mkdtempSync(join(dir, 'settings-'));
        copyFileSync(join(dir, 'problems.arch'), join(folder, 'good.arch'));
        writeFileSync(join(folder, '.archscope.json'), '{"rules": {}}');
        expectUsageError(archscope(['export', 'good.arch', '--format', 'mermaid', '--out', '.archscope.json'], folder), /--out \.archscope\.json is .*\.archscope\.json, the settings the export reads/);
        expect(readFileSync(join(folder, '.archscope.json'), 'utf8')).toBe('{"rules": {}}');
    });
});

describe('temporary files', () => {
    /** The pid of a process that has ended. */
    function deadPid(): number {
        const pid = spawnSync(process.execPath, ['-e', '']).pid!;
        expect(() => process.kill(pid, 0)).toThrow();
        return pid;
    }

    test('a stale one from a killed run is removed by the next export to the same file; one of a running process is kept', () => {
        const folder = mkdtempSync(join(dir, 'stale-'));
        const stale = `.diagram.mmd.archscope-${deadPid()}-0badf00d.tmp`;
        const older = `.diagram.mmd.${deadPid()}.deadbeef.tmp`; // the name the previous version used
        const live = `.diagram.mmd.archscope-${process.pid}-12345678.tmp`; // this test runner is alive
        const other = `.other.mmd.archscope-${deadPid()}-0badf00d.tmp`; // another target's: not this write's business
        for (const name of [stale, older, live, other]) writeFileSync(join(folder, name), 'half a diagram');
        expect(archscope(['export', 'problems.arch', '--format', 'mermaid', '--out', join(folder, 'diagram.mmd')]).code).toBe(0);
        expect(entries(folder)).toEqual([live, other, 'diagram.mmd'].sort());
    });

    test('SIGTERM, SIGINT, SIGHUP during an export: exit 128+n, no file, no temporary file', async () => {
        const folder = mkdtempSync(join(dir, 'signal-'));
        writeFileSync(join(folder, 'big.arch'), generateModel(1000).text);
        for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const) {
            const child = spawn(process.execPath, [CLI, 'export', 'big.arch', '--format', 'svg', '--out', 'big.svg'], { cwd: folder, stdio: 'ignore' });
            // Well into the run (the 1,000-node layout takes seconds), then the signal.
            await new Promise(resolve => setTimeout(resolve, 1500));
            child.kill(signal);
            const [exitCode] = await new Promise<[number | null, string | null]>(resolve => child.on('exit', (c, s) => resolve([c, s])));
            expect(exitCode, signal).toBe(code);
            expect(entries(folder)).toEqual(['big.arch']);
        }
    }, 60_000);
});

describe('the layout time limit', () => {
    test('--layout-timeout passed: one line, exit 2, nothing written', () => {
        const folder = mkdtempSync(join(dir, 'timeout-'));
        for (const format of ['svg', 'png']) {
            const run = archscope(['export', 'problems.arch', '--format', format, '--out', join(folder, `x.${format}`), '--layout-timeout', '0.001']);
            expectUsageError(run, /^archscope: the layout of problems\.arch took longer than 0\.001 s; raise it with --layout-timeout SECONDS\n$/);
        }
        expect(entries(folder)).toEqual([]);
        // Mermaid and Markdown need no layout: the limit does not apply.
        expect(archscope(['export', 'problems.arch', '--format', 'mermaid', '--layout-timeout', '0.001']).code).toBe(0);
    });

    test('the process ends when the limit is hit, not when the layout would have finished', () => {
        const folder = mkdtempSync(join(dir, 'timeout-'));
        writeFileSync(join(folder, 'big.arch'), generateModel(1000).text);
        const started = Date.now();
        const run = archscope(['export', 'big.arch', '--format', 'svg', '--layout-timeout', '0.5'], folder);
        const elapsed = Date.now() - started;
        expectUsageError(run, /took longer than 0\.5 s/);
        const full = Date.now();
        expect(archscope(['export', 'big.arch', '--format', 'svg', '--layout-timeout=600'], folder).code).toBe(0);
        expect(elapsed).toBeLessThan((Date.now() - full) - 1000);
    }, 60_000);

    test.each(['0', '-1', 'abc', '', '1e9'])('--layout-timeout %j: a usage error', value => {
        expectUsageError(archscope(['export', 'problems.arch', '--format', 'svg', '--layout-timeout', value]), /^archscope: --layout-timeout takes a number of seconds above 0 and up to 2147483, not /);
    });
});

describe('replaceFile and rewriteFile', () => {
    test('when the rename fails, the target is untouched and the temporary file removed', async () => {
        const folder = mkdtempSync(join(dir, 'atomic-'));
        // A non-empty folder where the file should go: the bytes are written, the rename over it fails.
        mkdirSync(join(folder, 'target', 'inside'), { recursive: true });
        await expect(replaceFile(join(folder, 'target'), 'new contents')).rejects.toThrow();
        await expect(rewriteFile(join(folder, 'target'), 'new contents')).rejects.toThrow();
        expect(entries(folder)).toEqual(['target']);
        expect(entries(join(folder, 'target'))).toEqual(['inside']);
    });

    test('write a new file and replace an old one', async () => {
        const folder = mkdtempSync(join(dir, 'atomic-'));
        await replaceFile(join(folder, 'a.txt'), 'one');
        await replaceFile(join(folder, 'a.txt'), Buffer.from('two'));
        await rewriteFile(join(folder, 'a.txt'), 'three');
        expect(readFileSync(join(folder, 'a.txt'), 'utf8')).toBe('three');
        expect(entries(folder)).toEqual(['a.txt']);
    });

    test('a symlink: replaceFile replaces the link; rewriteFile rewrites what it points to and keeps the link', async () => {
        const folder = mkdtempSync(join(dir, 'atomic-'));
        writeFileSync(join(folder, 'real.txt'), 'real');
        chmodSync(join(folder, 'real.txt'), 0o600);
        symlinkSync('real.txt', join(folder, 'link.txt'));
        await rewriteFile(join(folder, 'link.txt'), 'rewritten');
        expect(readlinkSync(join(folder, 'link.txt'))).toBe('real.txt');
        expect(readFileSync(join(folder, 'real.txt'), 'utf8')).toBe('rewritten');
        expect(statSync(join(folder, 'real.txt')).mode & 0o777).toBe(0o600);
        await replaceFile(join(folder, 'link.txt'), 'replaced');
        expect(lstatSync(join(folder, 'link.txt')).isFile()).toBe(true);
        expect(readFileSync(join(folder, 'link.txt'), 'utf8')).toBe('replaced');
        expect(readFileSync(join(folder, 'real.txt'), 'utf8')).toBe('rewritten');
        expect(entries(folder)).toEqual(['link.txt', 'real.txt']);
    });
});

describe('what parsed', () => {
    test('a file with syntax errors still exports, and says so on stderr', () => {
        const run = archscope(['export', 'syntax.arch', '--format', 'mermaid']);
        expect(run.code).toBe(0);
        expect(run.stderr).toMatch(/^archscope: syntax\.arch has \d+ syntax\/link error\(s\) \(first: line 4: [^\n]+\); the export shows what parsed\n$/);
        const text = run.stdout.toString('utf8');
        for (const name of ['front', 'api', 'main']) expect(text).toContain(`"${name}<br>`);
    });

    test('a file with no system: exit 2', () => {
        expectUsageError(archscope(['export', 'empty.arch', '--format', 'mermaid']), /empty\.arch holds no system/);
    });
});

describe('usage errors: exit 2, one line on stderr', () => {
    test.each([
        [['export', 'problems.arch'], /export needs --format svg\|png\|mermaid\|markdown/],
        [['export', 'problems.arch', '--out', 'x.txt'], /export needs --format/],
        [['export', 'problems.arch', '--format', 'jpeg'], /unknown format jpeg: use svg, png, mermaid, markdown/],
        [['export', 'problems.arch', '--format', 'svg', '--theme', 'solarized'], /unknown theme solarized: use light, dark/],
        [['export', '--format', 'svg'], /export takes one FILE/],
        [['export', 'problems.arch', 'syntax.arch', '--format', 'svg'], /export takes one FILE/],
        [['export', 'nowhere.arch', '--format', 'svg'], /no such file or folder: nowhere\.arch/],
        [['export', 'problems.arch', '--format', 'svg', '--out'], /--out needs a value/],
        [['export', 'problems.arch', '--format', 'svg', '--out='], /--out needs a file name/],
        [['export', 'problems.arch', '--format', 'svg', '--scale', '3'], /unknown option --scale/],
        [['check', 'problems.arch', '--out', 'x.svg'], /unknown option --out/]
    ])('%j', (args, pattern) => {
        expectUsageError(archscope(args), pattern);
    });

    test('--help lists export', () => {
        const run = archscope(['--help']);
        expect(run.code).toBe(0);
        expect(run.stdout.toString('utf8')).toContain('archscope export FILE --format svg|png|mermaid|markdown [--out PATH] [--theme light|dark] [--layout-timeout SECONDS]');
        expect(run.stdout.toString('utf8')).toContain('stops after 60 s unless raised');
    });
});
