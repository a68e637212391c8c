/**
 * `archscope format` as a user runs it: the built bundle `out/cli.cjs` in a
 * child process, on files in a fresh temporary folder. Files are rewritten in
 * place (permissions kept, no temporary file left), the changed ones listed
 * on stderr; through a symbolic link the file it points to is rewritten and
 * the link kept; `--check` writes nothing and exits 1 when a file would change;
 * a file that does not parse is left alone, its error said with its position,
 * exit 2, as for bad usage and unreadable files.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'out', 'cli.cjs');

const UGLY = 'system S {\n    cache c {instances 2}\n  service web\n        web->c\n}';
const TIDY = 'system S {\n  cache c { instances 2 }\n  service web\n  web -> c\n}\n';
const BROKEN = 'system S {\n  service web {\n    instances 2\n  web ->\n}\n';

let dir: string;
let work: string;
let run = 0;

function archscope(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd: work, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, text: string): string {
    const path = join(work, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
}

beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/bundle.mjs\` first (the CLI is tested as the built bundle).`);
    dir = mkdtempSync(join(tmpdir(), 'archscope-format-'));
});

beforeEach(() => {
    work = join(dir, `run-${++run}`);
    mkdirSync(work);
});

afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
});

describe('archscope format', () => {
    test('rewrites the files that change, in place, lists them on stderr, exit 0', () => {
        const ugly = write('ugly.arch', UGLY);
        const tidy = write('tidy.arch', TIDY);
        chmodSync(ugly, 0o640);
        const result = archscope('format', 'ugly.arch', 'tidy.arch');
        expect(result.status).toBe(0);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe('ugly.arch: formatted\n1 file of 2 reformatted\n');
        expect(readFileSync(ugly, 'utf8')).toBe(TIDY);
        expect(readFileSync(tidy, 'utf8')).toBe(TIDY);
        expect(statSync(ugly).mode & 0o777).toBe(0o640);
        expect(readdirSync(work).sort()).toEqual(['tidy.arch', 'ugly.arch']);
        // Formatting is idempotent: a second run changes nothing.
        expect(archscope('format', '.')).toMatchObject({ status: 0, stderr: '0 files of 2 reformatted\n' });
    });

    test('a file named through a symbolic link: the file it points to is rewritten, the link kept', () => {
        const real = write('designs/real.arch', UGLY);
        chmodSync(real, 0o640);
        symlinkSync(join('designs', 'real.arch'), join(work, 'link.arch'));
        const result = archscope('format', 'link.arch');
        expect(result).toMatchObject({ status: 0, stderr: 'link.arch: formatted\n1 file of 1 reformatted\n' });
        expect(lstatSync(join(work, 'link.arch')).isSymbolicLink()).toBe(true);
        expect(readlinkSync(join(work, 'link.arch'))).toBe(join('designs', 'real.arch'));
        expect(readFileSync(real, 'utf8')).toBe(TIDY);
        expect(statSync(real).mode & 0o777).toBe(0o640);
        expect(readdirSync(work).sort()).toEqual(['designs', 'link.arch']);
        expect(readdirSync(join(work, 'designs'))).toEqual(['real.arch']);
    });

    test('a folder: every .arch file under it', () => {
        write('a/one.arch', UGLY);
        write('a/b/two.arch', UGLY);
        write('a/notes.txt', UGLY);
        const result = archscope('format', 'a');
        expect(result.status).toBe(0);
        expect(result.stderr).toBe('a/b/two.arch: formatted\na/one.arch: formatted\n2 files of 2 reformatted\n');
        expect(readFileSync(join(work, 'a/notes.txt'), 'utf8')).toBe(UGLY);
    });

    test('--check writes nothing, lists what would change, exit 1; exit 0 when all are formatted', () => {
        const ugly = write('ugly.arch', UGLY);
        write('tidy.arch', TIDY);
        const result = archscope('format', '--check', '.');
        expect(result.status).toBe(1);
        expect(result.stderr).toBe('ugly.arch: would be reformatted\n1 file of 2 would be reformatted\n');
        expect(readFileSync(ugly, 'utf8')).toBe(UGLY);
        expect(archscope('format', 'tidy.arch', '--check')).toMatchObject({ status: 0, stderr: '0 files of 1 would be reformatted\n' });
    });

    test('a file with a syntax error is not formatted: its position and message, exit 2; the others are formatted', () => {
        const broken = write('broken.arch', BROKEN);
        const ugly = write('ugly.arch', UGLY);
        const result = archscope('format', 'broken.arch', 'ugly.arch');
        expect(result.status).toBe(2);
        // The edge line inside the unclosed block reads as an unknown property `web`; the parser then stops at `->`.
        expect(result.stderr).toMatch(/^broken\.arch:4:7: syntax error, not formatted: Expected `}` after `web`, found `->`\.\nugly\.arch: formatted\n1 file of 2 reformatted; 1 file not formatted\n$/);
        expect(readFileSync(broken, 'utf8')).toBe(BROKEN);
        expect(readFileSync(ugly, 'utf8')).toBe(TIDY);
        expect(archscope('format', '--check', 'broken.arch').status).toBe(2);
    });

    test('bad usage and missing files: exit 2 with one line', () => {
        expect(archscope('format')).toMatchObject({ status: 2, stderr: 'archscope: format needs at least one FILE or DIR\n' });
        expect(archscope('format', 'missing.arch')).toMatchObject({ status: 2, stderr: 'archscope: no such file or folder: missing.arch\n' });
        expect(archscope('format', '--fix', 'x.arch')).toMatchObject({ status: 2, stderr: 'archscope: unknown option --fix\n' });
        mkdirSync(join(work, 'empty'));
        expect(archscope('format', 'empty')).toMatchObject({ status: 2, stderr: 'archscope: no .arch files in empty\n' });
    });

    test('the usage text lists the command', () => {
        expect(archscope('--help').stdout).toContain('archscope format FILE|DIR... [--check]');
    });
});
