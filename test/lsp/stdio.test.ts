/**
 * The language server as an editor sees it: `node out/cli.cjs lsp --stdio` in
 * a child process, spoken to over a real JSON-RPC connection on its stdin and
 * stdout. Diagnostics (codes, rule pages, ranges), re-validation on edits and
 * on settings changes, robustness against garbage, and a clean shutdown.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node.js';
import type { Diagnostic, DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, startLsp, type LspSession } from './connection.js';

const RULE_DOCS = join(ROOT, 'docs', 'rules');

/**
 * Known findings: `edge` balances over 2 instances without health checks
 * (spof-health-check), `api` keeps sessions local behind it (state-local-sessions),
 * `main` runs one instance (spof-single-instance), `ghost` is no node (link).
 */
const FINDINGS = `system Lsp {
  dns front
  balancer edge {
    instances 2
  }
  service api {
    instances 2
    sessions local
  }
  database main
  front -> edge -> api -> main
  api -> ghost
}
`;

/** The same design with the health check added and the edge to \`ghost\` gone. */
const FIXED = `system Lsp {
  dns front
  balancer edge {
    instances 2
    health every 5s
  }
  service api {
    instances 2
    sessions local
  }
  database main
  front -> edge -> api -> main
}
`;

/** A parse error: a second number after \`instances 2\`. */
const SYNTAX = `system Broken {
  dns front
  service api {
    instances 2 3
  }
  front -> api
}
`;

/** Deterministic "random" text: every byte value as a character, some of the BMP, and fragments of the language. */
function garbage(length: number, seed: number): string {
    let state = seed >>> 0;
    const next = (): number => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const fragments = ['system ', '{', '}', ' -> ', 'service ', 'instances ', '"', '/*', '//', '\n', '..', '%', 'replication ', 'table '];
    let text = '';
    while (text.length < length) {
        const pick = next();
        if (pick < 0.6) text += String.fromCharCode(Math.floor(next() * 256));
        else if (pick < 0.8) text += String.fromCharCode(0x100 + Math.floor(next() * (0xd7ff - 0x100)));
        else text += fragments[Math.floor(next() * fragments.length)];
    }
    return text;
}

/** One line of about a megabyte: a valid system with a thousand nodes, a long label and a long comment, no newline anywhere. */
function hugeOneLine(): string {
    const nodes = Array.from({ length: 1000 }, (_, i) => `service s${i} { instances ${i % 2 === 0 ? 2 : 1} label "${'x'.repeat(200)}" }`).join(' ');
    const chain = Array.from({ length: 1000 }, (_, i) => `s${i}`).join(' -> ');
    return `system Huge { dns front ${nodes} front -> ${chain} /* ${'y'.repeat(500_000)} */ service tail { label "${'z'.repeat(200_000)}" } }`;
}

let session: LspSession;
let connection: MessageConnection;
/** What the server answers to `workspace/configuration` for the section `archscope`. */
let settings: { rules: Record<string, string> } = { rules: {} };

const diagnosticsWhere = (uri: string, accept: (diagnostics: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> =>
    session.diagnosticsWhere(uri, accept, what);

const codesOf = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map(d => String(d.code)).sort();
const has = (code: string) => (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some(d => d.code === code);

/** The source text a (single-line) range covers. */
function textIn(source: string, range: Diagnostic['range']): string {
    expect(range.end.line).toBe(range.start.line);
    return source.split('\n')[range.start.line].slice(range.start.character, range.end.character);
}

const open = (name: string, text: string): Promise<string> => session.open(name, text);

beforeAll(async () => {
    session = await startLsp({ settings: () => settings });
    connection = session.connection;
    expect(session.initializeResult.capabilities.textDocumentSync).toBeDefined();
});

afterAll(async () => {
    await session?.close();
});

describe('diagnostics over stdio', () => {
    let findingsUri: string;
    let diagnostics: Diagnostic[];

    beforeAll(async () => {
        findingsUri = await open('findings.arch', FINDINGS);
        diagnostics = await diagnosticsWhere(findingsUri,
            d => has('spof-single-instance')(d) && has('state-local-sessions')(d) && has('spof-health-check')(d) && has('link')(d),
            'the four known findings are reported');
    });

    test('the server asks for the `archscope` settings section', () => {
        expect(session.configurationRequests.flatMap(p => p.items.map(i => i.section))).toContain('archscope');
    });

    test('every diagnostic has source `archscope` and a code', () => {
        expect(codesOf(diagnostics)).toEqual(['link', 'spof-health-check', 'spof-single-instance', 'state-local-sessions']);
        for (const d of diagnostics) {
            expect(d.source).toBe('archscope');
            expect(typeof d.code).toBe('string');
            expect(d.message.length).toBeGreaterThan(0);
        }
    });

    test('codeDescription.href is the rule page, a file that exists, whenever the page exists', () => {
        let linked = 0;
        for (const d of diagnostics) {
            const page = join(RULE_DOCS, `${d.code}.md`);
            if (!existsSync(page)) {
                expect(d.codeDescription, `${d.code} has no page, so no link`).toBeUndefined();
                continue;
            }
            linked++;
            const href = d.codeDescription?.href;
            expect(href, `${d.code} links its page`).toBeDefined();
            expect(href!.endsWith(`docs/rules/${d.code}.md`)).toBe(true);
            expect(href!.startsWith('file:')).toBe(true);
            expect(existsSync(fileURLToPath(href!))).toBe(true);
        }
        // state-local-sessions has a page (docs/rules/state-local-sessions.md): the check above is not vacuous.
        expect(existsSync(join(RULE_DOCS, 'state-local-sessions.md'))).toBe(true);
        expect(linked).toBeGreaterThanOrEqual(1);
    });

    test('a finding covers the node name and carries its rule, node and fixes in data', () => {
        const single = diagnostics.find(d => d.code === 'spof-single-instance')!;
        expect(single.severity).toBe(1);
        expect(textIn(FINDINGS, single.range)).toBe('main');
        expect(single.message).toMatch(/\bmain\b/);
        expect(single.data).toMatchObject({ ruleId: 'spof-single-instance', node: 'main' });
        expect(Array.isArray((single.data as { fixes: unknown }).fixes)).toBe(true);

        const health = diagnostics.find(d => d.code === 'spof-health-check')!;
        expect(health.severity).toBe(2);
        expect(textIn(FINDINGS, health.range)).toBe('edge');
        expect(health.data).toMatchObject({ ruleId: 'spof-health-check', node: 'edge' });

        const sessions = diagnostics.find(d => d.code === 'state-local-sessions')!;
        expect(textIn(FINDINGS, sessions.range)).toBe('sessions local');
        expect(sessions.data).toMatchObject({ ruleId: 'state-local-sessions', node: 'api' });
    });

    test('an unknown node is a `link` error naming it, on the name', () => {
        const link = diagnostics.find(d => d.code === 'link')!;
        expect(link.severity).toBe(1);
        expect(link.message).toMatch(/\bghost\b/);
        expect(textIn(FINDINGS, link.range)).toBe('ghost');
    });

    test('a syntax error has code `syntax` and a message in the language\'s terms, on the offending token', async () => {
        const uri = await open('syntax.arch', SYNTAX);
        const got = await diagnosticsWhere(uri, has('syntax'), 'a syntax error is reported');
        const syntax = got.filter(d => d.code === 'syntax');
        expect(syntax).toHaveLength(1);
        expect(syntax[0].severity).toBe(1);
        expect(syntax[0].source).toBe('archscope');
        expect(textIn(SYNTAX, syntax[0].range)).toBe('3');
        // Says what was found, not the parser's internals.
        expect(syntax[0].message).toMatch(/\b3\b/);
        expect(syntax[0].message).not.toMatch(/Exception|token of type|EOF|\bRULE\b/);
    });

    test('editing the document to fix the problems re-publishes without them', async () => {
        await session.change(findingsUri, FIXED);
        const fixed = await diagnosticsWhere(findingsUri,
            d => !has('link')(d) && !has('spof-health-check')(d) && has('spof-single-instance')(d),
            'the link error and the health-check warning are gone');
        expect(codesOf(fixed)).toEqual(['spof-single-instance', 'state-local-sessions']);
        expect(textIn(FIXED, fixed.find(d => d.code === 'spof-single-instance')!.range)).toBe('main');
    });

    test('a settings change re-validates open documents: a rule set off disappears, and comes back', async () => {
        const before = session.published.get(findingsUri)!.length;
        settings = { rules: { 'spof-single-instance': 'off' } };
        await connection.sendNotification('workspace/didChangeConfiguration', { settings: { archscope: settings } });
        const off = await diagnosticsWhere(findingsUri,
            d => !has('spof-single-instance')(d) && has('state-local-sessions')(d),
            'spof-single-instance is off');
        expect(codesOf(off)).toEqual(['state-local-sessions']);
        expect(session.published.get(findingsUri)!.length).toBeGreaterThan(before);

        settings = { rules: { 'spof-single-instance': 'warning' } };
        await connection.sendNotification('workspace/didChangeConfiguration', { settings: { archscope: settings } });
        const back = await diagnosticsWhere(findingsUri,
            d => d.some(x => x.code === 'spof-single-instance' && x.severity === 2),
            'spof-single-instance is back as a warning');
        expect(codesOf(back)).toEqual(['spof-single-instance', 'state-local-sessions']);
    });
});

describe('robustness and shutdown', () => {
    test('garbage documents get diagnostics and the server keeps answering', async () => {
        const randomUri = await open('random.arch', garbage(20_000, 42));
        const huge = hugeOneLine();
        expect(huge).not.toMatch(/\n/);
        expect(huge.length).toBeGreaterThan(700_000);
        const hugeUri = await open('huge.arch', huge);

        const random = await diagnosticsWhere(randomUri, d => d.length > 0, 'the random bytes are diagnosed');
        expect(random.some(d => d.code === 'syntax')).toBe(true);
        for (const d of random) expect(d.source).toBe('archscope');

        const big = await diagnosticsWhere(hugeUri, has('spof-single-instance'), 'the huge line is checked');
        expect(big.every(d => d.range.start.line === 0)).toBe(true);
        expect(big.some(d => d.code === 'syntax' || d.code === 'link')).toBe(false);

        // Still answering requests, on a small document opened afterwards.
        const laterUri = await open('later.arch', FIXED);
        await diagnosticsWhere(laterUri, has('spof-single-instance'), 'a document opened afterwards is checked');
        const symbols = await connection.sendRequest<(DocumentSymbol | SymbolInformation)[] | null>('textDocument/documentSymbol', { textDocument: { uri: laterUri } });
        const names = JSON.stringify(symbols);
        for (const name of ['front', 'edge', 'api', 'main']) expect(names).toContain(`"${name}"`);
        expect(session.server.exitCode).toBeNull();
    });

    test('shutdown then exit ends the process with code 0', async () => {
        const result = await connection.sendRequest('shutdown');
        expect(result).toBeNull();
        await connection.sendNotification('exit');
        const { code, signal } = await session.exited;
        expect(signal).toBeNull();
        expect(code).toBe(0);
    });
});
