/**
 * Completion (arch-completion-provider.ts) through the real services: the
 * words the grammar allows at the cursor, names in scope after `->`, `store`,
 * `arbiter` (coordinators only), `zones`, `shard key` (the same table) and
 * `ref`; enum values; snippets for new nodes and a starter system, each of
 * which parses; and never an exception on half-typed text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { clearDocuments, expectCompletion } from 'langium/test';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { expandSnippet, NODE_SNIPPETS, SCENARIO_SNIPPET, SYSTEM_SNIPPET, TARGET_SNIPPET } from '../../server/src/lsp/completion-snippets.js';
import { fuzzCorpus, fuzzSources } from '../robustness/corpus.js';
import { check, services } from '../helpers.js';
import { parseText } from './format-helpers.js';

const MARK = '<|>';

/** The completion items at `<|>` in `text`. */
async function itemsAt(textWithMark: string): Promise<CompletionItem[]> {
    const offset = textWithMark.indexOf(MARK);
    if (offset < 0) throw new Error('no <|> in the text');
    const text = textWithMark.replace(MARK, '');
    const document = await parseText(text);
    const list = await services.Arch.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
    });
    return list?.items ?? [];
}

const labels = (items: CompletionItem[], kind?: CompletionItemKind): string[] =>
    items.filter(item => kind === undefined || item.kind === kind).map(item => item.label).sort();

const MODEL = (body: string): string => `system S {
  zone east
  zone west
  coordinator zk { instances 3 }
  coordinator etcd { instances 3 }
  cache sess { instances 2 }
  service web { instances 2 }
  database db {
    table users { id uuid  email text }
    table orders {
      id uuid
      buyer ref users
      placed timestamp
    }
  }
${body}
}
system Other {
  service elsewhere
}
`;

const NODES = ['db', 'etcd', 'sess', 'web', 'zk'];

describe('keywords', () => {
    test('an empty file: `system` and the starter system snippet', async () => {
        await expectCompletion(services.Arch)({
            text: '<|>', index: 0,
            assert: list => {
                expect(labels(list.items, CompletionItemKind.Keyword)).toEqual(['system']);
                const snippet = list.items.find(item => item.kind === CompletionItemKind.Snippet);
                expect(snippet).toMatchObject({ label: 'system', insertTextFormat: InsertTextFormat.Snippet });
            }
        });
    });

    test('inside a system: the members that may start, a snippet per node kind, the node names (an edge may start)', async () => {
        const items = await itemsAt(MODEL('  <|>'));
        const keywords = labels(items, CompletionItemKind.Keyword);
        for (const word of ['traffic', 'zone', 'dns', 'cdn', 'balancer', 'service', 'cache', 'queue', 'worker', 'database', 'coordinator', 'storage']) {
            expect(keywords).toContain(word);
        }
        expect(keywords).not.toContain('instances');
        expect(keywords).not.toContain('system');
        expect(labels(items, CompletionItemKind.Snippet)).toEqual([...Object.keys(NODE_SNIPPETS), 'scenario', 'target'].sort());
        expect(labels(items, CompletionItemKind.Class)).toEqual(NODES);
    });

    test('inside a node: the properties its kind takes; a word a name may reuse is not proposed as a keyword', async () => {
        const items = await itemsAt(MODEL('  balancer lb {\n    <|>\n  }'));
        const keywords = labels(items, CompletionItemKind.Keyword);
        for (const word of ['instances', 'capacity', 'algorithm', 'sticky', 'health', 'label', 'managed']) expect(keywords).toContain(word);
        // What a balancer does not take (LANGUAGE.md's node table): the validator would reject it.
        for (const word of ['autoscale', 'replication', 'table', 'policy', 'peak', 'uuid', 'service']) expect(keywords).not.toContain(word);
    });

    test('version 2: a client takes its own traffic only; a cache its policy', async () => {
        const client = labels(await itemsAt(MODEL('  client web {\n    <|>\n  }')), CompletionItemKind.Keyword);
        expect(client).toEqual(['keys', 'label', 'peak', 'reads', 'think']);
        const cache = labels(await itemsAt(MODEL('  cache c {\n    <|>\n  }')), CompletionItemKind.Keyword);
        for (const word of ['policy', 'hit', 'shards', 'replication', 'managed']) expect(cache).toContain(word);
        expect(cache).not.toContain('peak');
        const top = labels(await itemsAt(MODEL('  <|>')), CompletionItemKind.Keyword);
        for (const word of ['client', 'search', 'external']) expect(top).toContain(word);
    });

    test('a new name is typed after a node kind: no keywords', async () => {
        const items = await itemsAt(MODEL('  service <|>'));
        expect(labels(items, CompletionItemKind.Keyword)).toEqual([]);
    });

    test('each word carries its explanation', async () => {
        const items = await itemsAt(MODEL('  balancer lb { <|> }'));
        const health = items.find(item => item.label === 'health' && item.kind === CompletionItemKind.Keyword);
        expect(health?.documentation).toMatchObject({ kind: 'markdown' });
        expect(JSON.stringify(health?.documentation)).toContain('every D');
    });
});

describe('enum values', () => {
    const cases: [string, string, string[]][] = [
        ['balancer algorithms', '  balancer lb { algorithm <|> }', ['ip_hash', 'least_connections', 'random', 'round_robin', 'weighted']],
        ['dns routing', '  dns front { routing <|> }', ['failover', 'geo', 'round_robin']],
        ['replication topologies', '  database d2 { replication <|> }', ['multi_master', 'primary_backup', 'primary_replica']],
        ['replication modes', '  database d2 { replication primary_replica { mode <|> } }', ['async', 'sync']],
        ['failover methods', '  database d2 { replication primary_replica { failover <|> } }', ['arbiter', 'interconnect', 'manual', 'probe']],
        ['shard strategies', '  database d2 { shards 4 by <|> }', ['consistent_hash', 'date', 'directory', 'hash', 'range']],
        ['table kinds', '  database d2 { table t { kind <|> } }', ['draft', 'entity', 'log', 'session']],
        ['sessions modes', '  service api { sessions <|> }', ['cookie', 'local', 'none', 'store']],
        ['instances modes', '  service api { instances 2 <|> }', ['active_active', 'active_passive']],
        ['sticky', '  balancer lb { sticky <|> }', ['off', 'on']]
    ];
    for (const [what, body, expected] of cases) {
        test(what, async () => {
            expect(labels(await itemsAt(MODEL(body)), CompletionItemKind.EnumMember)).toEqual(expected);
        });
    }

    test('field types', async () => {
        const items = await itemsAt(MODEL('  database d2 { table t {\n    id <|>\n  } }'));
        expect(labels(items, CompletionItemKind.EnumMember)).toEqual(['auto_increment', 'bool', 'counter', 'number', 'ref', 'snowflake', 'text', 'timestamp', 'uuid']);
    });
});

describe('names in scope', () => {
    test('after `->`: the nodes of this system only', async () => {
        await expectCompletion(services.Arch)({
            text: MODEL('  web -> <|>'), index: 0,
            assert: list => expect(labels(list.items, CompletionItemKind.Class)).toEqual(NODES)
        });
        const items = await itemsAt(MODEL('  web -> s<|>'));
        expect(items.find(item => item.label === 'sess')?.detail).toBe('cache');
        expect(labels(items)).not.toContain('elsewhere');
    });

    test('after `failover arbiter`: coordinators only', async () => {
        const items = await itemsAt(MODEL('  database d2 { replication primary_replica { failover arbiter <|> } }'));
        expect(labels(items, CompletionItemKind.Class)).toEqual(['etcd', 'zk']);
    });

    test('after `sessions store`: the other nodes', async () => {
        const items = await itemsAt(MODEL('  service api { sessions store <|> }'));
        expect(labels(items, CompletionItemKind.Class)).toEqual(NODES);
        const own = await itemsAt(MODEL('').replace('service web { instances 2 }', 'service web { instances 2 sessions store <|> }'));
        expect(labels(own, CompletionItemKind.Class)).toEqual(['db', 'etcd', 'sess', 'zk']);
    });

    test('after `zones` and after a comma: the zones', async () => {
        expect(labels(await itemsAt(MODEL('  service api { zones <|> }')), CompletionItemKind.Module)).toEqual(['east', 'west']);
        expect(labels(await itemsAt(MODEL('  service api { zones east, <|> }')), CompletionItemKind.Module)).toEqual(['east', 'west']);
    });

    test('after `shard key`: the fields of the same table', async () => {
        const text = MODEL('').replace('placed timestamp\n', 'placed timestamp\n      shard key <|>\n');
        expect(labels(await itemsAt(text), CompletionItemKind.Field)).toEqual(['buyer', 'id', 'placed']);
        expect(labels(await itemsAt(MODEL('').replace('placed timestamp\n', 'placed timestamp\n      shard <|>\n')), CompletionItemKind.Keyword)).toContain('key');
    });

    test('after `ref`: the tables of the system', async () => {
        const text = MODEL('').replace('placed timestamp', 'placed timestamp\n      other ref <|>');
        expect(labels(await itemsAt(text), CompletionItemKind.Struct)).toEqual(['orders', 'users']);
    });
});

describe('snippets', () => {
    test('each node snippet and the starter system, with their defaults, parse and link without an error', async () => {
        for (const [kind, snippet] of [...Object.entries(NODE_SNIPPETS), ['scenario', SCENARIO_SNIPPET], ['target', TARGET_SNIPPET]] as const) {
            expect(snippet.body.startsWith(`${kind} `)).toBe(true);
            const text = `system S {\n${expandSnippet(snippet.body)}\n}\n`;
            const { diagnostics } = await check(text);
            expect(diagnostics.filter(d => d.code === 'syntax' || d.code === 'link'), `${kind}: ${text}`).toEqual([]);
        }
        const { diagnostics } = await check(expandSnippet(SYSTEM_SNIPPET.body));
        expect(diagnostics.filter(d => d.severity === 1)).toEqual([]);
    });

    test('the system snippet is offered only where a system may start', async () => {
        expect(labels(await itemsAt(MODEL('  <|>')), CompletionItemKind.Snippet)).not.toContain('system');
        expect(labels(await itemsAt(MODEL('') + '<|>'), CompletionItemKind.Snippet)).toEqual(['system']);
    });
});

describe('half-typed text', () => {
    test('never throws: every few characters of the example and of broken versions of it', async () => {
        const shop = readFileSync('examples/problems.arch', 'utf8');
        // Mutations of the example: a `}` too many, swapped tokens... (the generated 60-node model is left out: slow to parse 100 times).
        const broken = fuzzCorpus(12 * fuzzSources().length).filter(entry => entry.source === 'examples/problems.arch').slice(0, 12).map(entry => entry.text);
        expect(broken.length).toBe(12);
        let asked = 0;
        for (const text of [shop, ...broken]) {
            const step = text === shop ? 5 : 41;
            for (let offset = 0; offset <= text.length; offset += step) {
                // The text up to the cursor, as while typing, and the whole text with the cursor inside.
                for (const [body, at] of [[text.slice(0, offset), offset], [text, offset]] as const) {
                    const document = await parseText(body);
                    await services.Arch.lsp.CompletionProvider!.getCompletion(document, {
                        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(at)
                    });
                    await clearDocuments(services.shared, [document]);
                    asked++;
                }
            }
        }
        expect(asked).toBeGreaterThan(2000);
    }, 120_000);
});
