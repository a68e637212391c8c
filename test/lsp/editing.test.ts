/**
 * Editing features answered by the built server over stdio, as an editor asks
 * for them: completion after `->`, go to definition, rename (and a refused
 * rename as a request error with its message), whole-document formatting,
 * document symbols and semantic tokens announced and answered.
 */
import type {
    CompletionList, DocumentSymbol, InitializeResult, Location, LocationLink, SemanticTokens, TextEdit, WorkspaceEdit
} from 'vscode-languageserver-protocol';
import { ResponseError } from 'vscode-jsonrpc';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyEdits } from '../apply-edits.js';
import { startLsp, type LspSession } from './connection.js';

const MODEL = `system Shop {
    coordinator zk { instances 3 }
  cache sess {instances 2}
  service web { instances 2  sessions store sess }
  database db { replication primary_replica { failover arbiter zk } }
  web->sess
  web -> db
}
`;

const FORMATTED = `system Shop {
  coordinator zk { instances 3 }
  cache sess { instances 2 }
  service web { instances 2  sessions store sess }
  database db {
    replication primary_replica { failover arbiter zk }
  }
  web -> sess
  web -> db
}
`;

let session: LspSession;
let uri: string;

function at(text: string, word: string): { line: number; character: number } {
    const index = text.indexOf(word);
    if (index < 0) throw new Error(`no ${word}`);
    const before = text.slice(0, index).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

beforeAll(async () => {
    session = await startLsp({ settings: () => ({ rules: {} }) });
    uri = await session.open('problems.arch', MODEL);
    await session.diagnosticsWhere(uri, () => true, 'the document is built');
});

afterAll(async () => {
    await session?.close();
});

describe('editing over stdio', () => {
    test('the server announces completion, definition, references, rename, formatting, symbols, folding and semantic tokens', () => {
        const capabilities = (session.initializeResult as InitializeResult).capabilities;
        expect(capabilities.completionProvider).toBeTruthy();
        expect(capabilities.definitionProvider).toBeTruthy();
        expect(capabilities.referencesProvider).toBeTruthy();
        expect(capabilities.renameProvider).toBeTruthy();
        expect(capabilities.documentFormattingProvider).toBeTruthy();
        expect(capabilities.documentSymbolProvider).toBeTruthy();
        expect(capabilities.foldingRangeProvider).toBeTruthy();
        expect(capabilities.semanticTokensProvider).toBeTruthy();
    });

    test('completion after `->`: the nodes of the system', async () => {
        const position = { ...at(MODEL, 'db\n}'), character: at(MODEL, 'db\n}').character };
        const list = await session.connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
        const labels = (list?.items ?? []).map(item => item.label);
        expect(labels).toEqual(expect.arrayContaining(['db', 'sess', 'web', 'zk']));
    });

    test('go to definition: from the arbiter to the coordinator', async () => {
        const result = await session.connection.sendRequest<Location[] | LocationLink[] | null>('textDocument/definition', {
            textDocument: { uri }, position: at(MODEL, 'zk }')
        });
        const first = result?.[0] as LocationLink | undefined;
        expect(first?.targetUri).toBe(uri);
        expect(first?.targetSelectionRange).toEqual({ start: at(MODEL, 'zk {'), end: { ...at(MODEL, 'zk {'), character: at(MODEL, 'zk {').character + 2 } });
    });

    test('rename: every reference and the declaration; a taken name is refused with its message', async () => {
        const edit = await session.connection.sendRequest<WorkspaceEdit | null>('textDocument/rename', {
            textDocument: { uri }, position: at(MODEL, 'sess {'), newName: 'session_store'
        });
        const renamed = applyEdits(MODEL, edit?.changes?.[uri] ?? []);
        expect(renamed).toContain('cache session_store {instances 2}');
        expect(renamed).toContain('sessions store session_store }');
        expect(renamed).toContain('web->session_store\n');

        const refused = session.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: at(MODEL, 'sess {'), newName: 'web' });
        await expect(refused).rejects.toBeInstanceOf(ResponseError);
        await expect(refused).rejects.toThrow('`web` is already the name of the service node in system Shop');
    });

    test('formatting the whole document, whatever tab size the editor asks', async () => {
        const edits = await session.connection.sendRequest<TextEdit[] | null>('textDocument/formatting', {
            textDocument: { uri }, options: { tabSize: 4, insertSpaces: true }
        });
        expect(applyEdits(MODEL, edits ?? [])).toBe(FORMATTED);
    });

    test('document symbols and semantic tokens', async () => {
        const symbols = await session.connection.sendRequest<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
        expect(symbols?.[0].name).toBe('Shop');
        expect(symbols?.[0].children?.map(s => [s.name, s.detail])).toEqual([['zk', 'coordinator'], ['sess', 'cache'], ['web', 'service'], ['db', 'database']]);
        const tokens = await session.connection.sendRequest<SemanticTokens | null>('textDocument/semanticTokens/full', { textDocument: { uri } });
        expect(tokens?.data.length).toBeGreaterThan(0);
        expect(tokens!.data.length % 5).toBe(0);
    });
});
