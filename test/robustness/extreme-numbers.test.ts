/**
 * Every number of the seed models, one at a time, replaced by an extreme
 * value: 0, a fraction, 10^8, 2^32 + 1, 10^20 and one that parses to Infinity.
 * Estimates loop over instances, shards and keys, so a count taken at face
 * value can hang or exhaust memory. Run through the built CLI in batches,
 * each a child process with a time limit, and the whole estimates of each
 * batch the same way (simulate-files.ts), so a hang fails the test (naming
 * the batch) instead of freezing the run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateModel } from '../generate-model.js';
import { seedFiles, tokenize } from './mutate.js';

const CLI = 'out/cli.cjs';
const EXTREMES = ['0', '0.5', '100000000', '4294967297', '99999999999999999999', '9'.repeat(400)];
const BATCH = 120;
const BATCH_TIMEOUT_MS = 60_000;

interface Variant {
    name: string;
    text: string;
    what: string;
}

function variants(): Variant[] {
    // The generated model's first 25 nodes include a sharded database, a multi-master one and traffic with keys and zipf.
    const sources = [...seedFiles().filter(s => s.path.startsWith('examples/')), { path: 'generated-25', text: generateModel(25).text }];
    const result: Variant[] = [];
    for (const source of sources) {
        const tokens = tokenize(source.text);
        tokens.forEach((token, at) => {
            if (!/^[0-9]/.test(token)) return;
            for (const extreme of EXTREMES) {
                const copy = [...tokens];
                copy[at] = extreme;
                const context = tokens.slice(Math.max(0, at - 4), at).join('').replace(/\s+/g, ' ').trim();
                result.push({
                    name: `extreme-${String(result.length).padStart(4, '0')}.arch`,
                    text: copy.join(''),
                    what: `${source.path}: \`${context} ${token}\` -> ${extreme.length > 24 ? `${extreme.slice(0, 6)}…(${extreme.length} digits)` : extreme}`
                });
            }
        });
    }
    return result;
}

interface Reported {
    path: string;
    diagnostics: { code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

describe('extreme numbers in every numeric slot, through the built CLI', () => {
    const folder = mkdtempSync(join(tmpdir(), 'archscope-extremes-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    const all = variants();

    test(`${all.length} variants: no hang, no crash, no internal error, ranges inside the file`, async () => {
        expect(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`).toBe(true);
        expect(all.length).toBeGreaterThan(100);
        const problems: string[] = [];
        for (let start = 0; start < all.length; start += BATCH) {
            // Let the worker answer vitest between batches: a minute of spawnSync in a row times out its messages.
            await new Promise(resolve => setImmediate(resolve));
            const batch = all.slice(start, start + BATCH);
            const dir = join(folder, `batch-${start}`);
            mkdirSync(dir);
            for (const variant of batch) writeFileSync(join(dir, variant.name), variant.text, 'utf8');
            const result = spawnSync(process.execPath, [CLI, 'check', dir, '--format', 'json'], {
                encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: BATCH_TIMEOUT_MS
            });
            if (result.error || result.signal || (result.status !== 0 && result.status !== 1)) {
                problems.push(`batch ${start}..${start + batch.length - 1} (${batch[0].what} … ${batch[batch.length - 1].what}): `
                    + `${result.signal ? `killed by ${result.signal} (timeout ${BATCH_TIMEOUT_MS} ms?)` : `exit ${result.status}`}; ${String(result.error ?? '')} ${result.stderr.slice(0, 1000)}`);
                continue;
            }
            // The whole estimates, which a check computes only for a declared target (docs/parsing.md).
            const simulated = spawnSync(process.execPath, ['--import', 'tsx', 'test/robustness/simulate-files.ts', dir], {
                encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: BATCH_TIMEOUT_MS
            });
            if (simulated.error || simulated.signal || simulated.status !== 0) {
                problems.push(`estimates of batch ${start}..${start + batch.length - 1}: ${simulated.signal ? `killed by ${simulated.signal} (timeout ${BATCH_TIMEOUT_MS} ms?)` : `exit ${simulated.status}`}; ${simulated.stderr.slice(0, 1000)}`);
            } else {
                const lines = simulated.stdout.trim().split('\n').map(line => JSON.parse(line) as { file: string; error?: string });
                if (lines.length !== batch.length) problems.push(`estimates of batch ${start}: ${lines.length} files of ${batch.length}`);
                for (const line of lines.filter(l => l.error)) problems.push(`estimates of ${line.file}: ${line.error!.slice(0, 300)}`);
            }
            const report = JSON.parse(result.stdout) as { files: Reported[] };
            const byName = new Map(batch.map(variant => [variant.name, variant]));
            expect(report.files.length).toBe(batch.length);
            for (const file of report.files) {
                const variant = byName.get(file.path.split(/[\\/]/).pop()!)!;
                const lines = variant.text.split(/\r\n|\r|\n/).map(line => line.length);
                for (const d of file.diagnostics) {
                    const inside = [d.range.start, d.range.end].every(p => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]);
                    if (d.code === 'internal-error' || !inside) problems.push(`${variant.what}: ${JSON.stringify(d).slice(0, 300)}`);
                }
            }
        }
        expect(problems.slice(0, 10)).toEqual([]);
    }, 600_000);
});
