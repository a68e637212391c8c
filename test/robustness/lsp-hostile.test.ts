/**
 * A hostile client, seeded: the built language server over stdio gets the
 * fuzz corpus' mutations as a burst of edits (nothing waits for
 * diagnostics), mixed with malformed notifications, malformed and
 * well-formed requests at random positions, incremental edits with ranges
 * inside and past the end of the text, and documents of other languages.
 * The server must stay up, answer every request (a result or an error),
 * never publish `internal-error`, and end with the diagnostics that
 * `archscope check` gives for the final text.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, expect, test } from 'vitest';
import { CLI, startLsp, type LspSession } from '../lsp/connection.js';
import { fuzzCorpus } from './corpus.js';
import { mulberry32 } from './mutate.js';

const SEED = 0x0b5e55ed;
const EDITS = 400;
const SEVERITY = ['', 'error', 'warning', 'info', 'info'] as const;

/** How long without a new publication counts as the server having caught up with the burst. */
const QUIET_MS = 3000;

let session: LspSession | undefined;
afterAll(async () => { await session?.close(); });

/** The diagnostics as comparable lines: position, severity, code, message. */
function lines(diagnostics: readonly { range: Diagnostic['range']; code?: unknown; message: string; severity?: unknown }[]): string[] {
    return diagnostics.map(d => {
        const severity = typeof d.severity === 'number' ? SEVERITY[d.severity] : String(d.severity);
        return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${severity} ${String(d.code)}: ${d.message}`;
    }).sort();
}

/** The last diagnostics published for `uri` once no new ones have come for `quietMs`. */
async function lastPublicationOnceQuiet(s: LspSession, uri: string, quietMs: number, timeoutMs: number): Promise<Diagnostic[]> {
    const started = Date.now();
    let count = -1;
    let since = Date.now();
    while (Date.now() - started < timeoutMs) {
        const now = s.published.get(uri)?.length ?? 0;
        if (now !== count) {
            count = now;
            since = Date.now();
        } else if (Date.now() - since >= quietMs) {
            return s.published.get(uri)!.at(-1)!;
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`the server kept publishing for ${timeoutMs / 1000} s`);
}

test(`${EDITS} seeded edits mixed with hostile messages (seed ${SEED}): the server stays up and ends where archscope check ends`, async () => {
    const random = mulberry32(SEED);
    const corpus = fuzzCorpus(EDITS, SEED);
    session = await startLsp({ settings: () => ({}) });
    const s = session;
    const uri = await s.open('hostile.arch', corpus[0].text);
    const answers: Promise<unknown>[] = [];
    const ask = (method: string, params: unknown): void => {
        // Any answer is fine, a result or an error; a request that is never answered fails the test below.
        answers.push(s.connection.sendRequest(method, params).then(() => 'result', () => 'error'));
    };
    const position = (): { line: number; character: number } => ({ line: Math.floor(random() * 80), character: Math.floor(random() * 40) });
    let version = 1000;

    for (const entry of corpus) {
        await s.change(uri, entry.text);
        const roll = random();
        if (roll < 0.1) {
            await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: s.uriOf('x.arch'), languageId: 'arch', version: 1, text: random() < 0.5 ? null : 42 } });
        } else if (roll < 0.2) {
            await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: undefined, range: 'all' }] });
        } else if (roll < 0.3) {
            const start = position();
            await s.connection.sendNotification('textDocument/didChange', {
                textDocument: { uri, version: ++version }, contentChanges: [{ range: { start, end: { line: start.line + Math.floor(random() * 3), character: 0 } }, text: random() < 0.5 ? '}' : ' -> ' }]
            });
        } else if (roll < 0.4) {
            ask('textDocument/hover', { textDocument: { uri } });
        } else if (roll < 0.5) {
            ask('textDocument/hover', { textDocument: { uri }, position: position() });
        } else if (roll < 0.6) {
            ask('textDocument/completion', { textDocument: { uri }, position: position() });
        } else if (roll < 0.65) {
            ask('textDocument/rename', { textDocument: { uri }, position: position(), newName: random() < 0.5 ? 'renamed' : '' });
        } else if (roll < 0.7) {
            ask('arch/scene', random() < 0.5 ? { uri } : undefined);
        } else if (roll < 0.75) {
            ask('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
        } else if (roll < 0.8) {
            await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: s.uriOf(`notes-${version}.txt`), languageId: 'plaintext', version: 1, text: 'not arch' } });
        } else if (roll < 0.84) {
            // The simulation panel's requests, with what a broken client could send.
            ask('arch/whatIf', random() < 0.5 ? { uri, case: { scenario: random() < 0.5 ? 42 : 'nope', fail: [null, 'web', 7], cold: 'all' } } : { uri: 5 });
        } else if (roll < 0.87) {
            ask('arch/saveScenario', { uri, name: random() < 0.5 ? '1 bad' : 'ok_name', peakFactor: random() < 0.5 ? 'x' : -3, fail: 'no', cold: [null] });
        }
    }
    const final = corpus.at(-1)!.text;
    await s.change(uri, final);

    // What archscope check says of the final text.
    const file = join(s.dir, 'final.arch');
    writeFileSync(file, final);
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', file], { encoding: 'utf8' });
    expect(run.status === 0 || run.status === 1, run.stderr).toBe(true);
    const expected = lines((JSON.parse(run.stdout) as { files: { diagnostics: Diagnostic[] }[] }).files[0].diagnostics);

    // The burst is still being worked through when the last edit is sent (each edit cancels the build
    // before it): the server's answer is what it publishes last, once it has been quiet for a while.
    const last = await lastPublicationOnceQuiet(s, uri, QUIET_MS, 90_000);
    expect(lines(last)).toEqual(expected);

    const settled = await Promise.race([Promise.all(answers), new Promise(resolve => setTimeout(() => resolve('timeout'), 30_000))]);
    expect(settled, 'every request was answered').not.toBe('timeout');
    expect(s.server.exitCode).toBeNull();
    expect([...s.published.values()].flat(2).some(d => d.code === 'internal-error')).toBe(false);
    expect(s.stderr()).not.toMatch(/TypeError|RangeError/);
}, 150_000);
