/**
 * Hover and code lenses answered by the built server over stdio, as VS Code
 * asks for them: `textDocument/hover` on a node and on the system,
 * `textDocument/codeLens` before and after an edit, and the setting
 * `archscope.codeLens.enabled` switched off and on, with the server asking the
 * client to refresh its lenses each time.
 */
import type { CodeLens, Hover, InitializeResult } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLsp, type LspSession } from './connection.js';

/** 900 rps at `edge`: `web` (3 × 400 rps) at 75%; `zk` is on no request path. */
const MODEL = `system Shop {
  traffic { peak 900 rps  reads 90% }
  balancer edge { instances 2  health every 5s }
  service web {
    instances 3
    capacity 400 rps
    latency 25ms
  }
  coordinator zk { instances 3 }
  database db {
    capacity 2000 rps
    replication primary_replica { replicas 1  failover arbiter zk }
  }
  edge -> web -> db
}
`;

let session: LspSession;
let settings: Record<string, unknown> = { rules: {} };
let uri: string;

/** Position of the first `word` in `text`. */
function at(text: string, word: string): { line: number; character: number } {
    const index = text.indexOf(word);
    const before = text.slice(0, index).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

async function codeLenses(): Promise<CodeLens[]> {
    return (await session.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } })) ?? [];
}

const titles = (lenses: CodeLens[]): Record<string, string> =>
    Object.fromEntries(lenses.map(lens => [String(lens.command?.arguments?.[0]), lens.command!.title]));

/** Waits for the diagnostics the server publishes after the current change (each build publishes once). */
async function published(after: number, what: string): Promise<void> {
    await session.diagnosticsWhere(uri, d => session.published.get(uri)!.indexOf(d) >= after, what);
}

beforeAll(async () => {
    session = await startLsp({ settings: () => settings, capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
    uri = await session.open('problems.arch', MODEL);
    await published(0, 'the document is built');
});

afterAll(async () => {
    await session?.close();
});

describe('estimates over stdio', () => {
    test('the server announces hover and code lenses', () => {
        const result: InitializeResult = session.initializeResult;
        expect(result.capabilities.hoverProvider).toBeTruthy();
        expect(result.capabilities.codeLensProvider).toEqual({ resolveProvider: false });
    });

    test('hover on a node: its estimates with their inputs', async () => {
        const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(MODEL, 'web {') });
        expect(hover?.contents).toMatchObject({ kind: 'markdown' });
        const value = (hover!.contents as { value: string }).value;
        expect(value).toContain('**web** · service');
        expect(value).toContain('- **utilization**: 75%');
        expect(value).toContain('- capacity of one instance 400 rps (declared)');
        expect(value).toContain('- availability of one instance 99.5% (default)');
        expect(hover!.range).toEqual({ start: at(MODEL, 'web {'), end: { ...at(MODEL, 'web {'), character: at(MODEL, 'web {').character + 3 } });
    });

    test('hover on the system: its availability in nines', async () => {
        const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(MODEL, 'Shop') });
        const value = (hover!.contents as { value: string }).value;
        expect(value).toContain('**system Shop**');
        expect(value).toMatch(/- \*\*availability\*\*: 9\d(\.\d+)?% · \d\.\d\d nines · /);
    });

    test('code lenses above the system and the nodes on request paths; an edit changes them', async () => {
        const before = titles(await codeLenses());
        expect(Object.keys(before)).toEqual(['Shop', 'edge', 'web', 'db']);
        expect(before.web).toMatch(/^3×400 rps · 75% · p99 \d+(\.\d)? ms · 98\.5%$/);

        const count = session.published.get(uri)!.length;
        await session.change(uri, MODEL.replace('instances 3\n    capacity', 'instances 6\n    capacity'));
        await published(count, 'the edit is built');
        const after = titles(await codeLenses());
        expect(after.web).toMatch(/^6×400 rps · 38% · /);
        expect(after.edge).toBe(before.edge);
    });

    test('archscope.codeLens.enabled false: the client is asked to refresh, and no lenses; true: they are back', async () => {
        expect((await codeLenses()).length).toBe(4);

        let refresh = session.nextServerRequest('workspace/codeLens/refresh');
        settings = { rules: {}, codeLens: { enabled: false } };
        await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { archscope: settings } });
        await refresh;
        expect(await codeLenses()).toEqual([]);

        refresh = session.nextServerRequest('workspace/codeLens/refresh');
        settings = { rules: {}, codeLens: { enabled: true } };
        await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { archscope: settings } });
        await refresh;
        expect((await codeLenses()).length).toBe(4);
    });
});
