/**
 * Robustness: broken, half-typed and hostile text must give diagnostics, never
 * an exception, a hang, an `internal-error` finding or a range outside the
 * document, both in-process (the editor's path) and through the built CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { afterAll, describe, expect, test } from 'vitest';
import { check, services } from '../helpers.js';
import { FUZZ_MUTATIONS as MUTATIONS, FUZZ_SEED as SEED, fuzzCorpus, fuzzSources } from './corpus.js';
import type { CorpusEntry } from './mutate.js';

const CLI_FILES = 300;
const CLI = 'out/cli.cjs';

const sources = fuzzSources();
const corpus = fuzzCorpus();

/** Line lengths as LSP counts them: lines end at \r\n, \r or \n. */
function lineLengths(text: string): number[] {
    return text.split(/\r\n|\r|\n/).map(line => line.length);
}

/** What is wrong with one diagnostic, or undefined when it is well formed. */
function problemOf(diagnostic: Diagnostic, lines: readonly number[]): string | undefined {
    if (typeof diagnostic.code !== 'string' || diagnostic.code === '') return `no string code: ${JSON.stringify(diagnostic.code)}`;
    if (diagnostic.code === 'internal-error') return 'internal-error';
    if (typeof diagnostic.message !== 'string' || diagnostic.message === '') return 'no message';
    const { start, end } = diagnostic.range;
    for (const [what, at] of [['start', start], ['end', end]] as const) {
        if (!Number.isInteger(at.line) || at.line < 0 || at.line >= lines.length) return `${what} line ${at.line} of ${lines.length}`;
        if (!Number.isInteger(at.character) || at.character < 0 || at.character > lines[at.line]) {
            return `${what} character ${at.character} on line ${at.line} of length ${lines[at.line]}`;
        }
    }
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'start after end';
    return undefined;
}

function describeEntry(entry: CorpusEntry): string {
    return `mutation #${entry.index} of ${entry.source} (seed ${SEED}): ${entry.steps.join('; ')}`;
}

describe(`${MUTATIONS} seeded mutations (seed ${SEED})`, () => {
    console.log(`robustness: seed ${SEED}, ${MUTATIONS} mutations of ${sources.map(s => s.path).join(', ')}`);

    test('every mutation gives well-formed diagnostics and no internal error, and its estimates compute, in-process', async () => {
        const failures: string[] = [];
        let slowest = { ms: 0, entry: corpus[0] };
        for (const entry of corpus) {
            const started = performance.now();
            try {
                const { document, diagnostics } = await check(entry.text);
                // The whole estimates, which a check no longer computes unless a target asks (docs/parsing.md), as a hover or the diagram computes them.
                for (const { context } of services.Arch.analysis.analyze(document.parseResult.value)) {
                    const estimates = context.estimates();
                    if (!Array.isArray(estimates.nodes)) failures.push(`${describeEntry(entry)}: the estimates have no nodes`);
                }
                const lines = lineLengths(document.textDocument.getText());
                if (!Array.isArray(diagnostics)) failures.push(`${describeEntry(entry)}: diagnostics is not an array`);
                for (const diagnostic of diagnostics) {
                    const problem = problemOf(diagnostic, lines);
                    if (problem) failures.push(`${describeEntry(entry)}: ${problem} in ${JSON.stringify(diagnostic).slice(0, 400)}`);
                }
                // Keep the workspace small: a thousand documents would slow every later build.
                await services.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
            } catch (error) {
                failures.push(`${describeEntry(entry)}: threw ${error instanceof Error ? error.stack : String(error)}`);
            }
            const ms = performance.now() - started;
            if (ms > slowest.ms) slowest = { ms, entry };
        }
        console.log(`robustness: slowest mutation ${slowest.ms.toFixed(1)} ms, ${describeEntry(slowest.entry)}`);
        expect(failures.slice(0, 10)).toEqual([]);
    }, 180_000);

    describe('through the built CLI, one process', () => {
        const folder = mkdtempSync(join(tmpdir(), 'archscope-fuzz-'));
        afterAll(() => rmSync(folder, { recursive: true, force: true }));

        test(`${CLI_FILES} mutated files: exit 0 or 1, valid JSON, one entry per file`, () => {
            expect(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`).toBe(true);
            const names: string[] = [];
            for (const entry of corpus.slice(0, CLI_FILES)) {
                const name = `mutation-${String(entry.index).padStart(4, '0')}.arch`;
                writeFileSync(join(folder, name), entry.text, 'utf8');
                names.push(name);
            }
            // Bytes that are not UTF-8 at all: a UTF-16 file with its BOM, and stray continuation bytes.
            writeFileSync(join(folder, 'raw-utf16.arch'), Buffer.from('\uFEFFsystem S { service a }', 'utf16le'));
            writeFileSync(join(folder, 'raw-invalid.arch'), Buffer.from([0x73, 0x79, 0xff, 0xfe, 0x80, 0x7b, 0x0a, 0xc3]));
            names.push('raw-utf16.arch', 'raw-invalid.arch');

            const result = spawnSync(process.execPath, [CLI, 'check', folder, '--format', 'json'], {
                encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 150_000
            });
            expect(result.error, String(result.error)).toBeUndefined();
            expect(result.signal, `the CLI was killed by ${result.signal}`).toBeNull();
            expect([0, 1], `exit ${result.status}; stderr: ${result.stderr.slice(0, 2000)}`).toContain(result.status);
            const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string }[] }[] };
            expect(report.files.map(file => file.path.split(/[\\/]/).pop()).sort()).toEqual([...names].sort());
            const internal = report.files.filter(file => file.diagnostics.some(d => d.code === 'internal-error' || typeof d.code !== 'string'));
            expect(internal.map(file => file.path)).toEqual([]);
        }, 180_000);
    });
});
