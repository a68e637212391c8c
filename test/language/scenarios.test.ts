/**
 * `target` and `scenario` blocks (LANGUAGE.md, "Real architectures"; issue 13): parsed, linked (`fail`
 * takes zones and nodes, `cold` caches and cdns), validated with clear errors, in the Topology, and
 * supported in the editor like every other block (completion, hover, outline, rename, formatting,
 * highlighting).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { expectSemanticToken, highlightHelper } from 'langium/test';
import { CompletionItemKind, SemanticTokenTypes, SymbolKind, type CompletionItem, type DocumentSymbol } from 'vscode-languageserver';
import { applyEdits } from '../apply-edits.js';
import { check, line, services, topologyOf } from '../helpers.js';
import { formatted, parseText } from './format-helpers.js';

const FEED = readFileSync('examples/feed.arch', 'utf8');

const SMALL = `system S {
  traffic { peak 1000 rps  reads 90%  think 5s }
  zone east
  zone west
  client web
  client app { peak 500 rps }
  balancer lb { managed }
  service api { instances 4  capacity 600 rps  latency 20ms  health every 5s  zones east, west }
  cache c { instances 2  capacity 5000 rps  latency 1ms  hit 90%  zones east, west }
  cache sessions { instances 2  policy store  replication primary_replica { }  zones east, west }
  database db { capacity 2000 rps  latency 5ms  replication primary_replica { replicas 1  failover probe }  zones east, west }
  web -> lb -> api -> c -> db
  app -> lb
  api -> sessions
  target { availability 99.9%  p99 300ms  mean 50ms  utilization 75%  stale 1%  data_loss 2s }
  scenario rush { peak 3x }
  scenario total { peak 4500 rps  fail east, api  cold c  target { availability 99%  p99 1s } }
}
`;

async function errorsOf(text: string): Promise<string[]> {
    const { diagnostics } = await check(text);
    return diagnostics.filter(d => d.code === 'syntax' || d.code === 'link').map(d => `${line(d) + 1}: ${d.message}`);
}

describe('the LANGUAGE.md example (examples/feed.arch, verbatim)', () => {
    test('parses and links with no syntax or link error', async () => {
        const { document } = await check(FEED);
        expect(document.parseResult.lexerErrors).toEqual([]);
        expect(document.parseResult.parserErrors).toEqual([]);
        expect(await errorsOf(FEED)).toEqual([]);
    });

    test('its target and its three scenarios reach the Topology', async () => {
        const topology = await topologyOf(FEED);
        expect(topology.targets).toMatchObject({ availability: 0.9995, p99Ms: 400, utilization: 0.75, stale: 0.02, dataLossMs: 1000 });
        expect(topology.targets?.meanMs).toBeUndefined();
        expect(topology.scenarios.map(s => ({ name: s.name, peak: s.peak, failedZones: s.failedZones, failedNodes: s.failedNodes, cold: s.cold, targets: s.targets && { ...s.targets, ranges: undefined, range: undefined } })))
            .toEqual([
                { name: 'black_friday', peak: { factor: 2 }, failedZones: [], failedNodes: [], cold: [], targets: undefined },
                { name: 'east_down', peak: undefined, failedZones: ['us_east'], failedNodes: [], cold: [], targets: { availability: 0.995, ranges: undefined, range: undefined } },
                { name: 'cold_start', peak: undefined, failedZones: [], failedNodes: [], cold: ['users_cache'], targets: { p99Ms: 2000, ranges: undefined, range: undefined } }
            ]);
    });
});

describe('what a scenario says', () => {
    test('a total peak, zones and nodes down, cold caches and targets of its own', async () => {
        const topology = await topologyOf(SMALL);
        const total = topology.scenarios.find(s => s.name === 'total')!;
        expect(total).toMatchObject({ peak: { totalRps: 4500 }, failedZones: ['east'], failedNodes: ['api'], cold: ['c'], targets: { availability: 0.99, p99Ms: 1000 } });
        expect(topology.scenarios[0]).toMatchObject({ name: 'rush', peak: { factor: 3 } });
        expect(topology.targets).toMatchObject({ p99Ms: 300, meanMs: 50, utilization: 0.75, stale: 0.01, dataLossMs: 2000 });
        expect(topology.targets!.availability).toBeCloseTo(0.999, 12);
        // Each target keeps where it was written, for the finding to point at.
        expect(topology.targets!.ranges.p99!.start.line).toBe(14);
    });

    test('a decimal factor: `peak 2.5x`', async () => {
        const topology = await topologyOf(SMALL.replace('peak 3x', 'peak 2.5x'));
        expect(topology.scenarios[0].peak).toEqual({ factor: 2.5 });
        expect(await errorsOf(SMALL.replace('peak 3x', 'peak 2.5x'))).toEqual([]);
    });

    test('the small model is clean of syntax and link errors', async () => {
        expect(await errorsOf(SMALL)).toEqual([]);
    });
});

describe('messages a user meets', () => {
    const cases: [string, string, string][] = [
        ['a peak with neither x nor a unit', 'scenario rush { peak 3x }', "scenario rush { peak 3 }"],
        ['a peak in the wrong unit', 'scenario rush { peak 3x }', 'scenario rush { peak 3 hours }'],
        ['a word for a peak', 'scenario rush { peak 3x }', 'scenario rush { peak lots }'],
        ['no peak at 0x', 'scenario rush { peak 3x }', 'scenario rush { peak 0x }'],
        ['a client cannot fail', 'scenario rush { peak 3x }', 'scenario rush { fail web }'],
        ['an unknown name after fail', 'scenario rush { peak 3x }', 'scenario rush { fail eastt }'],
        ['cold on a service', 'scenario rush { peak 3x }', 'scenario rush { cold api }'],
        ['cold on a cache that is the store', 'scenario rush { peak 3x }', 'scenario rush { cold sessions }'],
        ['an unknown word in a scenario', 'scenario rush { peak 3x }', 'scenario rush { peak 3x  flubber }'],
        ['fail twice', 'scenario rush { peak 3x }', 'scenario rush { fail east  fail west }'],
        ['an unknown target', 'mean 50ms', 'mean 50ms  latency 10ms'],
        ['a target twice', 'mean 50ms', 'mean 50ms  p99 1s'],
        ['a target with a bad unit', 'mean 50ms', 'mean 50 parsecs'],
        ['utilization of 0%', 'utilization 75%', 'utilization 0%'],
        ['a second target block', '  scenario rush', '  target { p99 1s }\n  scenario rush'],
        ['a scenario name twice', '  scenario rush { peak 3x }', '  scenario rush { peak 3x }\n  scenario rush { peak 2x }']
    ];
    const expected: Record<string, string[]> = {
        'a peak with neither x nor a unit': ["16: A scenario's `peak` needs `x` or a unit: `peak 3x` (every client's peak times 3) or `peak 3 rps` (all clients together)."],
        'a peak in the wrong unit': ["16: `hours` is not a rate unit: a scenario's `peak` is in requests per second (`peak 3 rps`) or a factor (`peak 3x`)."],
        'a word for a peak': ["16: `lots` is not a peak: a scenario's `peak` is a total rate (`peak 30000 rps`) or a factor of every client's peak (`peak 2x`)."],
        'no peak at 0x': ['16: `peak 0x` must be more than 0x.'],
        'a client cannot fail': ['16: web is a client, a source of requests: it cannot fail. To take its load away, give the scenario a lower `peak`.'],
        'an unknown name after fail': ['16: `eastt` is not a zone or node of system S. Did you mean `east`?'],
        'cold on a service': ['16: `cold` takes a cache or a cdn (restarted empty), not service api. To take it down, write `fail api`.'],
        'cold on a cache that is the store': ['16: sessions is `policy store`: it holds the data itself and has nothing to warm from, so it cannot be cold. To take it down, write `fail sessions`.'],
        'an unknown word in a scenario': ['16: `flubber` is not part of a scenario: it takes `peak`, `fail`, `cold` and `target { ... }`.'],
        'fail twice': ['16: Scenario rush declares `fail` twice: keep one (list them after one `fail`, separated by commas).'],
        'an unknown target': ['15: `latency` is not a target: a target block takes `availability`, `p99`, `mean`, `utilization`, `stale` or `data_loss`.'],
        'a target twice': ['15: This target block declares `p99` twice: keep one.'],
        'a target with a bad unit': ['15: `parsecs` is not a duration unit: use ms, s, m or h (`mean 50ms`).'],
        'utilization of 0%': ['15: `utilization` is 0%, but must be more than 0% and at most 100%.'],
        'a second target block': ['16: System S already has a target block: merge the two.'],
        'a scenario name twice': ['17: Scenario `rush` is already declared in system S: scenario names are unique.']
    };
    for (const [what, from, to] of cases) {
        test(what, async () => {
            expect(SMALL).toContain(from);
            expect(await errorsOf(SMALL.replace(from, to))).toEqual(expected[what]);
        });
    }

    test('an error in one scenario leaves the rest of the file as written', async () => {
        const broken = SMALL.replace('scenario rush { peak 3x }', 'scenario rush { peak 3x  flubber 7 }');
        const topology = await topologyOf(broken);
        expect(topology.scenarios.map(s => s.name)).toEqual(['rush', 'total']);
        expect(topology.edges.length).toBe((await topologyOf(SMALL)).edges.length);
    });
});

async function itemsAt(textWithMark: string): Promise<CompletionItem[]> {
    const offset = textWithMark.indexOf('<|>');
    const document = await parseText(textWithMark.replace('<|>', ''));
    const list = await services.Arch.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
    });
    return list?.items ?? [];
}

const labelsOf = (items: CompletionItem[], kind: CompletionItemKind): string[] => items.filter(i => i.kind === kind).map(i => i.label).sort();

describe('the editor', () => {
    test('completion: `fail` proposes zones and nodes but no client, `cold` the caches that warm from something', async () => {
        const failed = await itemsAt(SMALL.replace('scenario rush { peak 3x }', 'scenario rush { fail <|> }'));
        expect(failed.map(i => i.label).sort()).toEqual(['api', 'c', 'db', 'east', 'lb', 'sessions', 'west']);
        const cold = await itemsAt(SMALL.replace('scenario rush { peak 3x }', 'scenario rush { cold <|> }'));
        expect(cold.map(i => i.label)).toEqual(['c']);
    });

    test('completion: the words of a scenario and of a target block, and their snippets where a member starts', async () => {
        const inScenario = labelsOf(await itemsAt(SMALL.replace('scenario rush { peak 3x }', 'scenario rush { <|> }')), CompletionItemKind.Keyword);
        expect(inScenario).toEqual(['cold', 'fail', 'peak', 'target']);
        const inTarget = labelsOf(await itemsAt(SMALL.replace('mean 50ms', 'mean 50ms  <|>')), CompletionItemKind.Keyword);
        expect(inTarget).toEqual(['availability', 'data_loss', 'mean', 'p99', 'stale', 'utilization']);
        const snippets = labelsOf(await itemsAt(SMALL.replace('  scenario rush', '  <|>\n  scenario rush')), CompletionItemKind.Snippet);
        expect(snippets).toContain('scenario');
        expect(snippets).toContain('target');
    });

    test('hover: `availability` in a target block is the system\'s, in a node one instance\'s', async () => {
        const hover = async (word: string, occurrence: number): Promise<string> => {
            const { document } = await check(SMALL);
            let index = -1;
            for (let i = 0; i <= occurrence; i++) index = SMALL.indexOf(word, index + 1);
            const result = await services.Arch.lsp.HoverProvider!.getHoverContent(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(index)
            });
            return (result?.contents as { value: string } | undefined)?.value ?? '';
        };
        expect(await hover('availability 99.9%', 0)).toContain('share of all clients\' requests served');
        for (const word of ['target {', 'scenario rush', 'p99', 'data_loss', 'fail east', 'cold c']) expect(await hover(word, 0)).not.toBe('');
        expect(await hover('peak 3x', 0)).toContain('multiplies every client');
    });

    test('outline: the target block and each scenario with what it changes', async () => {
        const document = await parseText(SMALL);
        const symbols = (await services.Arch.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } })) as DocumentSymbol[];
        const members = symbols[0].children!;
        expect(members.filter(s => s.name === 'target').map(s => [s.kind, s.detail])).toEqual([[SymbolKind.Constant, 'availability, p99, mean, utilization, stale, data_loss']]);
        const scenarios = members.filter(s => s.kind === SymbolKind.Event && s.name !== 'traffic');
        expect(scenarios.map(s => [s.name, s.detail])).toEqual([['rush', 'scenario · peak 3x'], ['total', 'scenario · peak 4500 rps · fail east, api · cold c']]);
        expect(scenarios[1].children?.map(s => s.name)).toEqual(['target']);
    });

    test('rename: a node renamed where a scenario fails it, a cache from where a scenario cools it, and a scenario renamed', async () => {
        const rename = async (at: string, newName: string): Promise<string> => {
            const document = await parseText(SMALL);
            const edit = await services.Arch.lsp.RenameProvider!.rename(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(SMALL.indexOf(at)), newName
            });
            return applyEdits(SMALL, edit?.changes?.[document.uri.toString()] ?? []);
        };
        const api = await rename('api {', 'backend');
        expect(api).toContain('fail east, backend');
        expect(api).not.toMatch(/\bapi\b/);
        // From the name after `cold`: the cache's declaration and every use of it change together.
        const cache = await rename('c  target', 'hot_cache');
        expect(cache).toContain('cache hot_cache {');
        expect(cache).toContain('cold hot_cache  target');
        expect(cache).toContain('api -> hot_cache -> db');
        expect(await rename('rush', 'stampede')).toContain('scenario stampede { peak 3x }');
    });

    test('formatting: idempotent, `peak 3x` stays one word, a one-line scenario keeps its target block on its line', async () => {
        const messy = SMALL.replace('scenario rush { peak 3x }', 'scenario   rush {peak 3 x}').replace('target { availability 99%  p99 1s }', 'target {availability 99 %   p99 1s}');
        const once = await formatted(messy);
        expect(once).toContain('  scenario rush { peak 3x }');
        expect(once).toContain('cold c  target { availability 99%  p99 1s } }');
        expect(await formatted(once)).toBe(once);
        expect(await formatted(FEED)).toContain('  scenario east_down { fail us_east  target { availability 99.5% } }  // a zone');
    });

    test('highlighting: a scenario\'s name is a declaration, a zone after fail a namespace, a node a variable, `3x` a number', async () => {
        const text = 'system S {\n  zone east\n  cache c { hit 90% }\n  service api\n  scenario <|rush|> { peak <|3|><|x|>  fail <|east|>, <|api|>  cold <|c|> }\n}';
        const tokens = await highlightHelper(services.Arch)(text);
        const expected = [SemanticTokenTypes.namespace, SemanticTokenTypes.number, SemanticTokenTypes.number, SemanticTokenTypes.namespace, SemanticTokenTypes.variable, SemanticTokenTypes.variable];
        expect(tokens.ranges.length).toBe(expected.length);
        expected.forEach((tokenType, rangeIndex) => expectSemanticToken(tokens, { rangeIndex, tokenType }));
    });
});
