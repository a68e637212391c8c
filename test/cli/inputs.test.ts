/**
 * Every bad input path gets one `archscope: ...` line and exit 2, from every
 * command, as a user runs it (the built bundle `out/cli.cjs` in a child
 * process): a file that is not a `.arch` file, something that is not a
 * regular file (a device, a FIFO: they must not hang the CLI), a file over
 * the 50 MB cap; and a `.archscope.json` that cannot be read says why.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cannotReadConfig } from '../../server/src/language/workspace/rule-settings-node.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'out', 'cli.cjs');

interface Run { code: number | null; stdout: string; stderr: string }

/** Killed after 20 s: a CLI that hangs on a FIFO or /dev/zero fails the test instead of blocking it. */
function archscope(args: readonly string[], cwd = dir, prefix: readonly string[] = []): Run {
    const [command, ...rest] = [...prefix, process.execPath, CLI, ...args];
    const result = spawnSync(command, rest, { cwd, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    if (result.error) throw result.error;
    expect(result.signal, `${args.join(' ')} was killed: it hung`).toBeNull();
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Exit 2, nothing on stdout, exactly the one line (no stack trace). */
function expectOneLine(run: Run, line: string): void {
    expect(run.stderr).toBe(`archscope: ${line}\n`);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
}

/** Each command, ready to take one path. */
const COMMANDS: [string, (path: string) => string[]][] = [
    ['check', path => ['check', path]],
    ['simulate', path => ['simulate', path]],
    ['format', path => ['format', path]],
    ['format --check', path => ['format', '--check', path]],
    ['export', path => ['export', path, '--format', 'mermaid']]
];

let dir: string;

beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (the CLI is tested as the built bundle).`);
    dir = mkdtempSync(join(tmpdir(), 'archscope-inputs-'));
    copyFileSync(join(ROOT, 'examples', 'problems.arch'), join(dir, 'problems.arch'));
    writeFileSync(join(dir, 'README.md'), '# not a design\n');
    spawnSync('mkfifo', [join(dir, 'pipe.arch')]);
    // Sparse: 60 MB long, nothing on disk.
    writeFileSync(join(dir, 'huge.arch'), '');
    truncateSync(join(dir, 'huge.arch'), 60 * 1024 * 1024);
});

afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a path that is not a .arch file: one line, exit 2, for every command', () => {
    test.each(COMMANDS)('%s README.md', (_, args) => {
        expectOneLine(archscope(args('README.md')), 'README.md is not a .arch file');
    });

    test.each(COMMANDS)('%s /dev/null', (_, args) => {
        expectOneLine(archscope(args('/dev/null')), '/dev/null is not a regular file');
    });
});

describe('what is not a regular file is refused, never read (it would hang)', () => {
    test.each(COMMANDS)('%s /dev/zero', (_, args) => {
        expectOneLine(archscope(args('/dev/zero')), '/dev/zero is not a regular file');
    });

    test.each(COMMANDS)('%s on a FIFO named .arch', (_, args) => {
        expect(existsSync(join(dir, 'pipe.arch'))).toBe(true);
        expectOneLine(archscope(args('pipe.arch')), 'pipe.arch is not a regular file');
    });

    test('under a folder, a FIFO and a link to /dev/zero are skipped, the designs checked', () => {
        const folder = join(dir, 'project');
        mkdirSync(folder);
        copyFileSync(join(ROOT, 'examples', 'problems.arch'), join(folder, 'problems.arch'));
        spawnSync('mkfifo', [join(folder, 'pipe.arch')]);
        symlinkSync('/dev/zero', join(folder, 'zero.arch'));
        const run = archscope(['check', 'project', '--format', 'json']);
        expect(run.code).toBe(1); // the shop has errors by design
        expect((JSON.parse(run.stdout) as { files: { path: string }[] }).files.map(f => f.path)).toEqual([join('project', 'problems.arch')]);
    });
});

describe('files over 50 MB', () => {
    test.each(COMMANDS)('%s: the size and the cap in one line', (_, args) => {
        expectOneLine(archscope(args('huge.arch')), 'huge.arch is 60 MB; archscope reads files up to 50 MB');
    });

    test('under a folder too (a regular .arch file is read, so it is said)', () => {
        const folder = join(dir, 'with-huge');
        mkdirSync(folder);
        writeFileSync(join(folder, 'big.arch'), '');
        truncateSync(join(folder, 'big.arch'), 50 * 1024 * 1024 + 1);
        expectOneLine(archscope(['check', 'with-huge']), `${join('with-huge', 'big.arch')} is 50.1 MB; archscope reads files up to 50 MB`);
    });

    test('50 MB exactly is not refused for its size', () => {
        const folder = mkdtempSync(join(dir, 'cap-'));
        // A comment of 50 MB: read and parsed (no system in it: the export says so, not the size).
        writeFileSync(join(folder, 'at-cap.arch'), `//${'x'.repeat(50 * 1024 * 1024 - 3)}\n`);
        expectOneLine(archscope(['export', 'at-cap.arch', '--format', 'mermaid'], folder), 'at-cap.arch holds no system to draw');
    });
});

describe('.archscope.json that cannot be read: a `config` warning saying why', () => {
    /** The `config` findings of `check --format json` on a copy of the shop beside `setup`'s settings. */
    function configFindings(setup: (folder: string) => void, prefix: readonly string[] = []): string[] {
        const folder = mkdtempSync(join(dir, 'config-'));
        chmodSync(folder, 0o755);
        copyFileSync(join(ROOT, 'examples', 'problems.arch'), join(folder, 'problems.arch'));
        chmodSync(join(folder, 'problems.arch'), 0o644);
        setup(join(folder, '.archscope.json'));
        const run = archscope(['check', 'problems.arch', '--format', 'json'], folder, prefix);
        expect(run.stderr).toBe('');
        const files = (JSON.parse(run.stdout) as { files: { diagnostics: { code: string; message: string }[] }[] }).files;
        return files[0].diagnostics.filter(d => d.code === 'config').map(d => d.message.replace(folder, '<folder>'));
    }

    test('a folder named .archscope.json is reported, not skipped', () => {
        expect(configFindings(path => mkdirSync(path))).toEqual(['<folder>/.archscope.json is a folder, not a file.']);
    });

    test('a link that loops: the reason in words', () => {
        expect(configFindings(path => symlinkSync('.archscope.json', path))).toEqual(['Cannot read <folder>/.archscope.json: too many levels of symbolic links.']);
    });

    test('a FIFO is reported, never read (it would hang)', () => {
        expect(configFindings(path => spawnSync('mkfifo', [path]))).toEqual(['<folder>/.archscope.json is not a regular file.']);
    });

    test('a file without read permission: "permission denied", not "is not valid JSON"', () => {
        const unreadable = (path: string): void => {
            writeFileSync(path, '{"rules": {}}');
            chmodSync(path, 0o000);
        };
        // Root reads any file whatever its mode: then the CLI runs as nobody (setpriv), for a real EACCES.
        const asRoot = process.getuid?.() === 0;
        const prefix = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : [];
        if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) {
            expect(cannotReadConfig('x/.archscope.json', Object.assign(new Error('EACCES'), { code: 'EACCES' }))).toBe('Cannot read x/.archscope.json: permission denied.');
            return;
        }
        chmodSync(dir, 0o755);
        expect(configFindings(unreadable, prefix)).toEqual(['Cannot read <folder>/.archscope.json: permission denied.']);
    });
});
