/**
 * Quick fixes over a real stdio connection to the built server: the editor
 * sends back the diagnostics it was given, the server answers quickfix code
 * actions whose edits, applied, clear the finding.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { applyEdits } from '../apply-edits.js';
import { startLsp, type LspSession } from './connection.js';

const TEXT = 'system S {\n  service web {\n    capacity 100 rps\n  }\n}\n';

let session: LspSession;
beforeAll(async () => { session = await startLsp({ settings: () => ({ rules: {} }) }); });
afterAll(() => session.close());

async function actions(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return (await session.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] }
    })) ?? [];
}

test('spof-single-instance: the fix and the @allow, each clearing the finding when applied', async () => {
    const uri = await session.open('fix.arch', TEXT);
    const published = await session.diagnosticsWhere(uri, d => d.some(x => x.code === 'spof-single-instance'), 'spof-single-instance is reported');
    const diagnostic = published.find(d => d.code === 'spof-single-instance')!;
    const offered = await actions(uri, diagnostic);
    expect(offered.map(a => a.kind)).toEqual(offered.map(() => 'quickfix'));
    for (const title of ['Run 2 instances of web', 'Suppress spof-single-instance here with an @allow comment']) {
        const action = offered.find(a => a.title === title);
        expect(action, title).toBeDefined();
        const fixed = applyEdits(TEXT, action!.edit!.changes![uri]);
        // Only publications after each change count: earlier ones describe the text before it.
        const later = (): ((d: Diagnostic[]) => boolean) => {
            const after = session.published.get(uri)!.length;
            return d => session.published.get(uri)!.indexOf(d) >= after;
        };
        const afterFix = later();
        await session.change(uri, fixed);
        await session.diagnosticsWhere(uri, d => afterFix(d) && !d.some(x => x.code === 'spof-single-instance') && d.every(x => x.code !== 'syntax'), `${title} cleared it`);
        const afterUndo = later();
        await session.change(uri, TEXT);
        await session.diagnosticsWhere(uri, d => afterUndo(d) && d.some(x => x.code === 'spof-single-instance'), 'the finding is back');
    }
});
