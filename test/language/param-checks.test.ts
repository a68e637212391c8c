/** The parameter checks of the server's guarded input (server/src/language/transport/param-checks.ts). */
import { describe, expect, test } from 'vitest';
import { CHECKED_METHODS, problemWithParams } from '../../server/src/lsp/transport/param-checks.js';

const uri = 'file:///w/a.arch';
const position = { line: 1, character: 4 };
const range = { start: position, end: { line: 2, character: 0 } };

describe('problemWithParams', () => {
    test.each(CHECKED_METHODS)('%s: params null, undefined, a number or an array is refused', method => {
        for (const params of [null, undefined, 42, []]) expect(problemWithParams(method, params)).toMatch(/^params must be an object/);
    });

    test.each([
        ['textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text: 'system S {}' } }],
        ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'x' }, { range, text: '' }] }],
        ['textDocument/hover', { textDocument: { uri }, position }],
        ['textDocument/rename', { textDocument: { uri }, position, newName: 'api' }],
        ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [{ range, message: 'm', code: 'x' }] } }],
        ['textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }],
        ['workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] }],
        ['arch/export', { uri, format: 'svg' }],
        ['initialize', { processId: null, rootUri: null, capabilities: {} }],
        ['textDocument/someFutureMethod', null]
    ])('%s: well-formed parameters (and more fields than it reads) pass', (method, params) => {
        expect(problemWithParams(method, params === null ? null : { ...params, extra: true })).toBeUndefined();
    });

    test.each([
        ['textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text: null } }, 'params.textDocument.text must be a string, not null'],
        ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'x' }, { text: 1 }] }, 'params.contentChanges[1].text must be a string, not number'],
        ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }, 'params.position.line must be between 0 and 2^31 − 1, not -1'],
        ['textDocument/hover', { textDocument: { uri }, position: { line: 1.5, character: 0 } }, 'params.position.line must be an integer, not 1.5'],
        ['workspace/didChangeWatchedFiles', { changes: [{ uri, type: 9 }] }, 'params.changes[0].type must be one of 1, 2, 3, not 9'],
        ['textDocument/codeAction', { textDocument: { uri }, range, context: {} }, 'params.context.diagnostics must be an array, not undefined']
    ])('%s: names the bad field', (method, params, problem) => {
        expect(problemWithParams(method, params)).toBe(problem);
    });
});
