/**
 * The language server under a stream of edits, as an editor drives it: the
 * built server (`node --expose-gc out/cli.cjs lsp --stdio`) over a real stdio
 * connection, one document edited 10,000 times with the fuzz corpus' seeded
 * mutations, plus a 5 MB paste of a valid design and a 5 MB paste of a log,
 * each undone. Every edit waits for its diagnostics; the time from sending the
 * edit to receiving them is what a user waits. The heap is read after a full
 * collection (a debug request that exists only under --expose-gc).
 *
 * Budgets (issue 9): no edit of a text under 1 MB over 1 s; the log paste
 * published in under 2 s; the heap after its undo within 50 MB of the start.
 */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { generateModel } from '../test/generate-model.js';
import { FUZZ_SEED, fuzzCorpus } from '../test/robustness/corpus.js';
import { startLsp, type LspSession } from '../test/lsp/connection.js';
import { quantile } from './stats.js';
import { mb, ms, type BenchTable } from './table.js';

/** `ARCHSCOPE_FUZZ_EDITS=500 npm run bench -- fuzz` for a quick run. */
const EDITS = Number(process.env.ARCHSCOPE_FUZZ_EDITS ?? 10_000);
const WARM_UP = 50;
const PASTE_BYTES = 5 * 1024 * 1024;
const HEAP_AFTER_GC_METHOD = 'archscope/debug/heapAfterGc';

/** A log of `bytes` characters: access-log lines, nothing of the .arch language but words and numbers. */
export function logText(bytes: number): string {
    const lines: string[] = [];
    let length = 0;
    for (let i = 0; length < bytes; i++) {
        const line = `2026-12-03T18:${String(i % 60).padStart(2, '0')}:07.123Z INFO [worker-${i % 7}] GET /api/v1/orders/${(i * 7919) % 100_000}?user=${i} 200 12ms "Mozilla/5.0 (X11; Linux x86_64)" #${i}`;
        lines.push(line);
        length += line.length + 1;
    }
    return lines.join('\n');
}

/** A generated valid design of at least `bytes` characters. */
function validDesign(bytes: number): string {
    let nodes = 20_000;
    for (;;) {
        const { text } = generateModel(nodes);
        if (text.length >= bytes) return text;
        nodes = Math.ceil(nodes * (bytes / text.length) * 1.02);
    }
}

interface Timed { ms: number; diagnostics: Diagnostic[] }

/** Replaces the document's text and waits for the diagnostics published after it. */
async function edit(s: LspSession, uri: string, text: string): Promise<Timed> {
    const before = s.published.get(uri)?.length ?? 0;
    const started = performance.now();
    await s.change(uri, text);
    const diagnostics = await s.diagnosticsWhere(uri, d => (s.published.get(uri) ?? []).indexOf(d) >= before, 'the edit is published');
    return { ms: performance.now() - started, diagnostics };
}

async function heapAfterGc(s: LspSession): Promise<number> {
    return (await s.connection.sendRequest<{ heapUsed: number }>(HEAP_AFTER_GC_METHOD)).heapUsed;
}

export async function lspEditsTables(): Promise<BenchTable[]> {
    const corpus = fuzzCorpus(EDITS);
    const design = validDesign(PASTE_BYTES);
    const log = logText(PASTE_BYTES);
    let crashes = 0;
    let s = await startLsp({ settings: () => ({}), nodeArgs: ['--expose-gc'] });
    let uri = await s.open('fuzz.arch', corpus[0].text);
    await s.diagnosticsWhere(uri, () => true, 'the first check');
    for (const entry of corpus.slice(0, WARM_UP)) await edit(s, uri, entry.text);
    // The text the pastes go into and come back to: a valid design, as a file being edited usually is
    // (while a text has syntax errors the diagram keeps its last good model, by design).
    const base = generateModel(60).text;
    await edit(s, uri, base);
    const heapStart = await heapAfterGc(s);

    const validPaste = await edit(s, uri, design);
    await edit(s, uri, base);
    const logPaste = await edit(s, uri, log);
    const logUndo = await edit(s, uri, base);
    const heapAfterUndo = await heapAfterGc(s);

    const times: number[] = [];
    let slowest = { ms: 0, index: 0 };
    for (const entry of corpus) {
        if (s.server.exitCode !== null || s.server.signalCode !== null) {
            crashes++;
            await s.close();
            s = await startLsp({ settings: () => ({}), nodeArgs: ['--expose-gc'] });
            uri = await s.open('fuzz.arch', entry.text);
            continue;
        }
        const run = await edit(s, uri, entry.text);
        times.push(run.ms);
        if (run.ms > slowest.ms) slowest = { ms: run.ms, index: entry.index };
    }
    const heapEnd = await heapAfterGc(s);
    await s.close();

    const mark = (ok: boolean): string => (ok ? '✓' : '✗');
    const maxMs = Math.max(...times);
    return [
        {
            title: `fuzz: ${EDITS.toLocaleString('en-US')} seeded edits over LSP (seed ${FUZZ_SEED}), time from the edit to its diagnostics`,
            columns: ['edits', 'crashes', 'p50 ms', 'p99 ms', 'max ms', 'budget: max < 1,000 ms'],
            rows: [[String(times.length), String(crashes), ms(quantile(times, 0.5)), ms(quantile(times, 0.99)), ms(maxMs), mark(maxMs < 1000)]],
            notes: [`Slowest: mutation #${slowest.index}. Each edit replaces the whole text (all under 1 MB) and waits for its publishDiagnostics.`]
        },
        {
            title: 'fuzz: 5 MB pastes over LSP, and the heap after a full GC',
            columns: ['what', 'ms to diagnostics', 'diagnostics', 'budget'],
            rows: [
                [`paste of a valid design (${mb(design.length)} MB)`, ms(validPaste.ms), String(validPaste.diagnostics.length), '—'],
                [`paste of a log (${mb(log.length)} MB)`, ms(logPaste.ms), String(logPaste.diagnostics.length), `< 2,000 ms ${mark(logPaste.ms < 2000)}`],
                ['undo of the log paste', ms(logUndo.ms), String(logUndo.diagnostics.length), '—'],
                [`heap: start ${mb(heapStart)} MB → after the undo ${mb(heapAfterUndo)} MB`, '', '', `within 50 MB ${mark(heapAfterUndo - heapStart < 50 * 1024 * 1024)}`],
                [`heap at the end (after the ${EDITS.toLocaleString('en-US')} edits)`, '', '', `${mb(heapEnd)} MB`]
            ]
        }
    ];
}
