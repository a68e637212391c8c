/**
 * The language server survives anything a client sends (issue 9), tested on
 * the built server over a real stdio connection: malformed notifications are
 * dropped and every open document stays; malformed requests are answered
 * with InvalidParams; a corrupt stream ends the process with a message
 * instead of a mute server; an open document outlives its file on disk;
 * closed files of the workspace are validated at start-up; a huge paste of
 * text that is not `.arch` publishes a bounded list.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { startLsp, WAIT_MS, type LspSession } from './connection.js';

const SPOF = 'system S {\n  service web\n}\n';
const HEALTHY = 'system S {\n  service web { instances 2 }\n  database db { instances 2  replication primary_replica { replicas 1 } }\n  web -> db\n}\n';

let session: LspSession | undefined;
afterEach(async () => {
    await session?.close();
    session = undefined;
});

const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map(d => String(d.code)).sort();

/** Rejects with the server's ResponseError (code and message), or resolves with the result. */
async function request(s: LspSession, method: string, params?: unknown): Promise<{ code?: number; message?: string; result?: unknown }> {
    try {
        return { result: await (params === undefined ? s.connection.sendRequest(method) : s.connection.sendRequest(method, params)) };
    } catch (error) {
        const { code, message } = error as { code: number; message: string };
        return { code, message };
    }
}

/** Resolves with the exit of the process, or 'running' after `ms`. */
function exitWithin(s: LspSession, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'running'> {
    return Promise.race([s.exited, new Promise<'running'>(resolve => setTimeout(() => resolve('running'), ms))]);
}

describe('malformed notifications are dropped, and the server keeps every open document', () => {
    test.each([
        ['text: null', { languageId: 'arch', text: null }],
        ['text: 42', { languageId: 'arch', text: 42 }],
        ['no version', { languageId: 'arch', text: SPOF, version: undefined }],
        ['a plaintext .txt document', { languageId: 'plaintext', text: 'hello', name: 'notes.txt' }]
    ])('didOpen with %s', async (_what, fields) => {
        session = await startLsp({ settings: () => ({}) });
        const s = session;
        const good = await s.open('good.arch', SPOF);
        await s.diagnosticsWhere(good, d => codes(d).includes('spof-single-instance'), 'the open file is checked');
        const { name = 'bad.arch', ...rest } = fields as { name?: string } & Record<string, unknown>;
        await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: s.uriOf(name), version: 1, ...rest } });
        // The open document still answers, and a document opened later is checked.
        const hover = await s.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: good }, position: { line: 1, character: 11 } });
        expect(JSON.stringify(hover?.contents)).toContain('web');
        const later = await s.open('later.arch', SPOF);
        await s.diagnosticsWhere(later, d => codes(d).includes('spof-single-instance'), 'a file opened after the bad one is checked');
        expect(await exitWithin(s, 200)).toBe('running');
        expect(s.stderr()).not.toMatch(/TypeError|at .*cli\.cjs/);
        if (name.endsWith('.arch')) expect(s.published.has(s.uriOf(name))).toBe(false);
    });

    test('didChange with contentChanges that are not text changes, and a range past the end', async () => {
        session = await startLsp({ settings: () => ({}) });
        const s = session;
        const uri = await s.open('a.arch', SPOF);
        await s.diagnosticsWhere(uri, d => codes(d).includes('spof-single-instance'), 'checked');
        await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 7 }, contentChanges: [{ text: null }] });
        await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 8 }, contentChanges: 'oops' });
        await s.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 9 }, contentChanges: [{ range: { start: { line: 99, character: 0 }, end: { line: 99, character: 5 } }, text: '\n' }]
        });
        await s.change(uri, HEALTHY);
        await s.diagnosticsWhere(uri, d => !codes(d).includes('spof-single-instance'), 'the next good edit is checked');
        expect(await exitWithin(s, 200)).toBe('running');
    });
});

describe('malformed requests are answered with InvalidParams (-32602), naming the field', () => {
    test.each([
        ['textDocument/hover', 'no position', (uri: string) => ({ textDocument: { uri } }), 'params.position'],
        ['textDocument/hover', 'a position of strings', (uri: string) => ({ textDocument: { uri }, position: { line: '1', character: 0 } }), 'params.position.line'],
        ['textDocument/completion', 'no text document', () => ({ position: { line: 0, character: 0 } }), 'params.textDocument'],
        ['textDocument/rename', 'no new name', (uri: string) => ({ textDocument: { uri }, position: { line: 1, character: 11 } }), 'params.newName'],
        ['textDocument/codeAction', 'no context', (uri: string) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }), 'params.context'],
        ['arch/scene', 'no parameters', () => undefined, 'params'],
        ['arch/scene', 'an array', () => [null], 'params'],
        ['arch/export', 'no parameters', () => undefined, 'params'],
        ['arch/export', 'no format', (uri: string) => ({ uri }), 'params.format']
    ])('%s with %s', async (method, _what, params, field) => {
        session = await startLsp({ settings: () => ({}) });
        const s = session;
        const uri = await s.open('a.arch', SPOF);
        await s.diagnosticsWhere(uri, () => true, 'checked');
        const answer = await request(s, method, params(uri));
        expect(answer.code).toBe(-32602);
        expect(answer.message).toContain(`${method}: ${field} must be`);
        // And the server still answers a good request.
        const symbols = await s.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        expect(symbols.map(symbol => symbol.name)).toEqual(['S']);
    });
});

describe('a corrupt input stream ends the server with a message (the editor restarts it)', () => {
    test.each([
        ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}', /Content-Length value must be a number/],
        ['a header without Content-Length', 'Content-Type: application/json\r\n\r\n{}', /Content-Length/],
        ['random bytes after a header', `Content-Length: 12\r\n\r\n${'\u0000\u00ff#!*'.repeat(3)}`, /cannot be read/]
    ])('%s', async (_what, bytes, reason) => {
        session = await startLsp({ settings: () => ({}) });
        const s = session;
        const uri = await s.open('a.arch', SPOF);
        await s.diagnosticsWhere(uri, () => true, 'checked');
        s.server.stdin.write(bytes);
        const exit = await exitWithin(s, WAIT_MS);
        expect(exit).not.toBe('running');
        expect(exit === 'running' ? undefined : exit.code).toBe(1);
        expect(s.stderr()).toMatch(reason);
        expect(s.stderr()).toContain('the server exits');
    });
});

describe('an open document is the editor\'s', () => {
    test('deleting an open, unsaved file on disk keeps its text, diagnostics, symbols and hover until the editor closes it', async () => {
        session = await startLsp({ settings: () => ({}), files: { 'design.arch': SPOF } });
        const s = session;
        const uri = await s.open('design.arch', SPOF);
        await s.change(uri, SPOF.replace('web', 'shop'));
        await s.diagnosticsWhere(uri, d => d.some(x => x.message.includes('shop')), 'the unsaved text is checked');
        const publishedBefore = s.published.get(uri)!.length;

        rmSync(join(s.dir, 'design.arch'));
        await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
        // Give a wrong removal time to happen; then the document must still be there.
        await new Promise(resolve => setTimeout(resolve, 500));
        expect(s.published.get(uri)!.slice(publishedBefore).some(d => d.length === 0)).toBe(false);
        const symbols = await s.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        expect(JSON.stringify(symbols)).toContain('shop');
        const hover = await s.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 11 } });
        expect(JSON.stringify(hover?.contents)).toContain('shop');

        // Closed, the file is gone: its diagnostics are cleared.
        await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        await s.diagnosticsWhere(uri, d => d.length === 0, 'diagnostics cleared after closing a deleted file');
    });

    test('closing an editor with unsaved changes reads the file on disk again', async () => {
        session = await startLsp({ settings: () => ({}), files: { 'design.arch': HEALTHY } });
        const s = session;
        const uri = await s.open('design.arch', HEALTHY);
        await s.change(uri, SPOF);
        await s.diagnosticsWhere(uri, d => codes(d).includes('spof-single-instance'), 'the unsaved text is checked');
        await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        await s.diagnosticsWhere(uri, d => !codes(d).includes('spof-single-instance') && !d.some(x => x.message.includes('web runs one')), 'the file on disk is checked again');
    });
});

describe('closed files of the workspace are validated at start-up', () => {
    test('every file gets its diagnostics without being opened', async () => {
        session = await startLsp({ settings: () => ({}), files: { 'one.arch': SPOF, 'two.arch': SPOF.replace('S', 'T'), 'fine.arch': HEALTHY } });
        const s = session;
        for (const name of ['one.arch', 'two.arch']) {
            await s.diagnosticsWhere(s.uriOf(name), d => codes(d).includes('spof-single-instance'), `${name} is checked without being opened`);
        }
        await s.diagnosticsWhere(s.uriOf('fine.arch'), d => !codes(d).includes('spof-single-instance'), 'fine.arch is checked');
    });
});

describe('a huge paste of text that is not .arch', () => {
    test('publishes at most 1,000 diagnostics and a summary, and the next edit is checked as usual', async () => {
        session = await startLsp({ settings: () => ({}) });
        const s = session;
        const uri = await s.open('a.arch', SPOF);
        await s.diagnosticsWhere(uri, d => codes(d).includes('spof-single-instance'), 'checked');
        const line = (i: number): string => `2026-12-03T18:00:07.123Z INFO [worker-${i % 7}] GET /api/v1/orders/${i}?user=${i} 200 12ms "Mozilla/5.0"`;
        const log = Array.from({ length: 20_000 }, (_, i) => line(i)).join('\n');
        await s.change(uri, log);
        const published = await s.diagnosticsWhere(uri, d => d.some(x => x.message.startsWith('Reading stopped here')), 'the summary of a log paste');
        expect(published.length).toBe(1001);
        expect(published.every(d => d.code === 'syntax')).toBe(true);
        await s.change(uri, SPOF);
        await s.diagnosticsWhere(uri, d => codes(d).join() === 'spof-single-instance', 'the undo is checked as usual');
    });
});
