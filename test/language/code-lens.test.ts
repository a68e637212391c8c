/**
 * Code lenses (arch-code-lens-provider.ts) through the real language services:
 * one above each node on a request path and one above the system, showing only
 * what is known; none when `archscope.codeLens.enabled` is false; and a new
 * text gives new numbers, through the same document the editor edits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument, URI, type LangiumDocument } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import type { CodeLens } from 'vscode-languageserver';
import { formatAvailability, formatDuration, formatMinutes } from '../../server/src/present/numbers.js';
import { simulate, type SimulationResult } from '../../server/src/estimates/simulate.js';
import { SHOW_ESTIMATES_COMMAND } from '../../server/src/lsp/arch-code-lens-provider.js';
import { buildTopology } from '../../server/src/language/topology/build-topology.js';
import { check, services } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * 900 rps at `edge`: `web` (3 × 400 rps) at 75%, `db` (primary + 1 replica, 2000 rps each).
 * `zk` is named only as the arbiter: on no request path.
 */
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
    latency 5ms
    replication primary_replica { replicas 1  failover arbiter zk }
  }
  edge -> web -> db
}
`;

async function lensesOf(document: LangiumDocument): Promise<CodeLens[]> {
    return (await services.Arch.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } })) ?? [];
}

async function lenses(text: string): Promise<{ lenses: CodeLens[]; result: SimulationResult; document: LangiumDocument }> {
    const { document } = await check(text);
    const result = simulate(buildTopology(document.parseResult.value.systems[0], text));
    return { lenses: await lensesOf(document), result, document };
}

/** Title of the lens whose command names `name`. */
function titleFor(list: CodeLens[], name: string): string | undefined {
    return list.find(lens => lens.command?.arguments?.[0] === name)?.command?.title;
}

afterEach(() => {
    services.Arch.editorSettings.update({});
});

describe('lenses above nodes and the system', () => {
    test('a node with capacity, latency and a peak: size × capacity · utilization · p99 · availability', async () => {
        const { lenses: list, result } = await lenses(MODEL);
        const web = result.nodes.find(n => n.name === 'web')!;
        expect(web.utilization).toBeCloseTo(0.75, 10);
        const title = titleFor(list, 'web')!;
        expect(title).toBe(`3×400 rps · 75% · p99 ${formatDuration(web.latencyMs!.p99)} · ${formatAvailability(web.availability!)}`);
        // 900 rps need all 3 instances up (k = 3 of 3 with health checks): 0.995³ = 98.5%.
        expect(title).toMatch(/^3×400 rps · 75% · p99 \d+(\.\d)? ms · 98\.5%$/);

        // db: 90% reads over 1 replica, 10% writes on the primary; the replica also applies the writes: (810 + 90) / 2000.
        const db = result.nodes.find(n => n.name === 'db')!;
        expect(db.utilization).toBeCloseTo(0.45, 10);
        expect(titleFor(list, 'db')).toBe(`2 copies × 2,000 rps · 45% · p99 ${formatDuration(db.latencyMs!.p99)} · ${formatAvailability(db.availability!)}`);
    });

    test('where the mix of reads and writes differs from the system\'s, the lens says the node\'s own', async () => {
        const { lenses: list } = await lenses(`system S {
  client web { peak 100 rps  reads 80% }
  service api { instances 2 }
  cache c { instances 2  hit 50% }
  database db { instances 2 }
  database log { instances 2 }
  web -> api
  api -> c reads
  c -> db
  api -> log writes
}
`);
        // api: the system's 80% reads, nothing said; c: reads only; db: c's 40 misses; log: writes only.
        expect(titleFor(list, 'api')).toMatch(/^2 instances · [\d.]+%$/);
        expect(titleFor(list, 'c')).toMatch(/^2 instances · [\d.]+% · reads only$/);
        expect(titleFor(list, 'db')).toMatch(/^2 instances · [\d.]+% · reads only$/);
        expect(titleFor(list, 'log')).toMatch(/^2 instances · [\d.]+% · writes only$/);
    });

    test('only what is known: no capacity, no utilization or latency', async () => {
        const { lenses: list, result } = await lenses(MODEL);
        const edge = result.nodes.find(n => n.name === 'edge')!;
        expect(titleFor(list, 'edge')).toBe(`2 instances · ${formatAvailability(edge.availability!)}`);
    });

    test('a dns without `instances` is managed: the provider\'s whole service, 99.99% by default', async () => {
        const { lenses: list } = await lenses(`system M {\n  dns front\n  service api { instances 2 }\n  front -> api\n}\n`);
        expect(titleFor(list, 'front')).toBe('managed · 99.99%');
    });

    test('without a peak: instances and availability, e.g. 2 instances · 99.9975%', async () => {
        const text = `system S {\n  balancer lb { instances 2 health every 5s }\n  service api { instances 2 }\n  lb -> api\n}\n`;
        const { lenses: list, result } = await lenses(text);
        // At least 1 of 2 up, each 99.5%: 1 − 0.005² = 99.9975%.
        expect(result.nodes.find(n => n.name === 'api')!.availability).toBeCloseTo(1 - 0.005 ** 2, 12);
        expect(titleFor(list, 'api')).toBe('2 instances · 99.9975%');
        expect(titleFor(list, 'S')).toBe(`${formatAvailability(result.availability.system!)} · ${formatMinutes(result.availability.downtimeMinutesPerYear!)}/yr down`);
    });

    test('the system: availability · downtime a year · p99 end to end', async () => {
        const { lenses: list, result } = await lenses(MODEL);
        const a = result.availability;
        expect(titleFor(list, 'Shop')).toBe(`${formatAvailability(a.system!)} · ${formatMinutes(a.downtimeMinutesPerYear!)}/yr down · p99 ${formatDuration(result.latencyMs!.p99)}`);
    });

    test('one lens per node on a request path, none for the others, each above its name', async () => {
        const { lenses: list, document } = await lenses(MODEL);
        expect(list.map(lens => lens.command?.arguments?.[0])).toEqual(['Shop', 'edge', 'web', 'db']);
        const text = document.textDocument;
        for (const lens of list) {
            expect(text.getText(lens.range)).toBe(lens.command!.arguments![0]);
            expect(lens.command!.command).toBe(SHOW_ESTIMATES_COMMAND);
            expect(lens.command!.arguments).toEqual([lens.command!.arguments![0], document.uri.toString(), lens.range]);
        }
        expect(titleFor(list, 'zk')).toBeUndefined();
    });

    test('the example shop: autoscale, overload, replicated and sharded databases', async () => {
        const { lenses: list, result } = await lenses(readFileSync(join(ROOT, 'examples', 'problems.arch'), 'utf8'));
        const web = result.nodes.find(n => n.name === 'web')!;
        // 12000 rps over at most 20 × 400 rps: 150%, as in the spec's JSON example.
        expect(web.utilization).toBeCloseTo(1.5, 10);
        expect(titleFor(list, 'web')).toBe(`3..20×400 rps · 150% overloaded · ${formatAvailability(web.availability!)}`);
        expect(titleFor(list, 'orders')).toMatch(/^16 shards × 2 copies × 2,000 rps · \d+% · 99\.\d+%$/);
        // Behind the cache its mix is no longer the system's 90% reads.
        expect(titleFor(list, 'catalog')).toMatch(/^4 copies × 3,000 rps · \d+% · 99\.\d+% · \d+% reads$/);
        expect(titleFor(list, 'carts')).toMatch(/^2 masters · 99\.\d+%$/);
        expect(titleFor(list, 'zk')).toBeUndefined();
    });

    test('nothing known, nothing shown: an empty system has no lens', async () => {
        const { document } = await check('system Empty {\n}\n');
        expect(await lensesOf(document)).toEqual([]);
    });

    test('one set per system in a file with two', async () => {
        const text = `${MODEL}\nsystem Other {\n  service solo { instances 2 }\n}\n`;
        const { lenses: list } = await lenses(text);
        expect(list.map(lens => lens.command?.arguments?.[0])).toEqual(['Shop', 'edge', 'web', 'db', 'Other', 'solo']);
    });
});

describe('the setting archscope.codeLens.enabled', () => {
    test('false: no lenses; true again: lenses', async () => {
        const { document } = await check(MODEL);
        expect((await lensesOf(document)).length).toBe(4);
        expect(services.Arch.editorSettings.update({ codeLens: { enabled: false } })).toBe(true);
        expect(await lensesOf(document)).toEqual([]);
        expect(services.Arch.editorSettings.update({ codeLens: { enabled: false }, rules: {} })).toBe(false);
        expect(services.Arch.editorSettings.update({ codeLens: { enabled: true } })).toBe(true);
        expect((await lensesOf(document)).length).toBe(4);
    });

    test('the flat key, and anything but false keeps them on', async () => {
        const { document } = await check(MODEL);
        services.Arch.editorSettings.update({ 'codeLens.enabled': false });
        expect(await lensesOf(document)).toEqual([]);
        for (const section of [undefined, null, 'off', { codeLens: 'no' }, { codeLens: { enabled: 'false' } }, { codeLens: { enabled: 0 } }]) {
            services.Arch.editorSettings.update(section);
            expect((await lensesOf(document)).length, JSON.stringify(section)).toBe(4);
        }
    });
});

describe('an edit changes the lens', () => {
    test('doubling the instances of web halves its utilization, in the same document', async () => {
        const { shared } = services;
        const uri = URI.file('/virtual/code-lens-edit.arch');
        // What the server does on didOpen and didChange: the text into TextDocuments, then an update of the URI.
        shared.workspace.TextDocuments.set(TextDocument.create(uri.toString(), 'arch', 1, MODEL));
        await shared.workspace.DocumentBuilder.update([uri], []);
        const document = shared.workspace.LangiumDocuments.getDocument(uri)!;
        try {
            expect(titleFor(await lensesOf(document), 'web')).toMatch(/^3×400 rps · 75% · /);

            shared.workspace.TextDocuments.set(TextDocument.create(uri.toString(), 'arch', 2, MODEL.replace('instances 3\n    capacity', 'instances 6\n    capacity')));
            await shared.workspace.DocumentBuilder.update([uri], []);
            expect(shared.workspace.LangiumDocuments.getDocument(uri)).toBe(document);
            expect(titleFor(await lensesOf(document), 'web')).toMatch(/^6×400 rps · 38% · /);
        } finally {
            shared.workspace.TextDocuments.delete(uri.toString());
            shared.workspace.LangiumDocuments.deleteDocument(uri);
        }
    });
});
