/**
 * The Mermaid export as text, on the real parser, rules and estimates: structure (shapes by kind,
 * replication groups, shares, dotted references), findings kept (a class per node by its most severe
 * finding, the counts in the label), hostile strings escaped, determinism. That the real mermaid
 * renders it is test/browser/mermaid.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { mermaidText, SEVERITY_CLASS, toMermaid } from '../../server/src/diagram/mermaid.js';
import type { DiagramInput } from '../../server/src/diagram/diagram-input.js';
import type { Severity } from '../../server/src/diagram/scene.js';
import { HOSTILE, HOSTILE_DB_ENGINE, HOSTILE_DB_LABEL, HOSTILE_ENGINE, HOSTILE_LABEL, inputOf, SHOP } from './input-of.js';

/** A node statement: generated id, a shape's opening, one quoted label, the shape's closing. */
const NODE_LINE = /^ {2,4}(n\d+(?:m\d+)?)(\(\(|\(\[|\[\/|\[\[|\[\(|\{\{|\[|\(|>)"([^"]*)"(\)\)|\]\)|\\\]|\/\]|\]\]|\)\]|\}\}|\]|\))$/;
const SUBGRAPH_LINE = /^ {2}subgraph (n\d+)\["([^"]*)"\]$/;
/** An edge statement: a call (with its share), a dotted reference or replication link. */
const EDGE_LINE = /^ {2,4}[nc]\d+(m\d+)? (-->|-->\|"[^"]*"\||-\.->|-\.->\|"[^"]*"\||-\. "[^"]*" \.->|<-\. "[^"]*" \.->) n\d+(m\d+)?$/;

interface Box { id: string; open: string; label: string; close: string }

function boxes(text: string): Map<string, Box> {
    const found = new Map<string, Box>();
    for (const line of text.split('\n')) {
        const node = NODE_LINE.exec(line);
        if (node) found.set(node[1], { id: node[1], open: node[2], label: node[3], close: node[4] });
        const group = SUBGRAPH_LINE.exec(line);
        if (group) found.set(group[1], { id: group[1], open: 'subgraph', label: group[2], close: 'end' });
    }
    return found;
}

/** Mermaid's reading of a label: entity codes back to characters, `<br>` (ours) to a line break, word joiners (invisible) dropped. */
function decode(label: string): string {
    const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
    return label.split('<br>').map(line => line.replace(/\u2060/g, '').replace(/#(\w+);/g, (_, code: string) => /^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : named[code])).join('\n');
}

/** The id of each node, by the first label line (the label or the name). */
function idOf(text: string, input: DiagramInput, name: string): string {
    const index = input.topology.nodes.findIndex(n => n.name === name);
    expect(index, name).toBeGreaterThanOrEqual(0);
    const id = `n${index}`;
    const box = boxes(text).get(id);
    expect(box, `${name} is drawn as ${id}`).toBeDefined();
    expect(decode(box!.label).split('\n')[0]).toBe(input.topology.nodes[index].label ?? name);
    return id;
}

function classes(text: string): Map<string, string> {
    const byId = new Map<string, string>();
    for (const match of text.matchAll(/^ {2}class ([\w,]+) (\w+)$/gm)) for (const id of match[1].split(',')) byId.set(id, match[2]);
    return byId;
}

describe('the shop example', async () => {
    const input = await inputOf(SHOP);
    const text = toMermaid(input);
    const drawn = boxes(text);

    test('is a left-to-right flowchart whose every statement is one of ours', () => {
        const lines = text.split('\n');
        expect(lines[0]).toBe('flowchart LR');
        expect(lines.pop()).toBe('');
        for (const line of lines.slice(1)) {
            const known = NODE_LINE.test(line) || SUBGRAPH_LINE.test(line) || line === '  end'
                || EDGE_LINE.test(line)
                || /^ {2}classDef finding_(error|warning|info) [\w:#,.-]+$/.test(line)
                || /^ {2}class [n\d,m]+ finding_(error|warning|info)$/.test(line);
            expect(known, line).toBe(true);
        }
    });

    test('every node is drawn once, with a generated id and its name, kind and instances in the label', () => {
        for (const node of input.topology.nodes) {
            const id = idOf(text, input, node.name);
            const lines = decode(drawn.get(id)!.label).split('\n');
            expect(lines[1].startsWith(node.kind), `${node.name}: ${lines[1]}`).toBe(true);
        }
        expect(decode(drawn.get(idOf(text, input, 'web'))!.label)).toContain('autoscale 3..20');
        expect(decode(drawn.get(idOf(text, input, 'edge'))!.label)).toContain('×2 active/passive');
        expect(decode(drawn.get(idOf(text, input, 'edge'))!.label)).toContain('zones us_east, us_west');
        expect(decode(drawn.get(idOf(text, input, 'catalog'))!.label)).toContain('database · postgres');
    });

    test('shapes follow the kind', () => {
        const shape = (name: string): string => drawn.get(idOf(text, input, name))!.open;
        expect(shape('front')).toBe('((');
        expect(shape('assets')).toBe('([');
        expect(shape('edge')).toBe('[/');
        expect(shape('web')).toBe('[');
        expect(shape('session_cache')).toBe('(');
        expect(shape('zk')).toBe('{{');
        expect(shape('jobs')).toBe('>');
        expect(shape('mailer')).toBe('[[');
        // Replicated databases are groups of cylinders.
        expect(shape('catalog')).toBe('subgraph');
        expect(drawn.get(`${idOf(text, input, 'catalog')}m0`)!.open).toBe('[(');
    });

    test('a replicated database is a group: the primary, its replicas, dotted replication edges with the lag', () => {
        const id = idOf(text, input, 'catalog');
        const members = [0, 1, 2, 3].map(i => decode(drawn.get(`${id}m${i}`)!.label));
        expect(members).toEqual(['primary', 'replica 1', 'replica 2', 'replica 3']);
        expect(drawn.has(`${id}m4`)).toBe(false);
        for (const i of [1, 2, 3]) expect(text).toContain(`    ${id}m0 -. "async · lag 200 ms" .-> ${id}m${i}\n`);
        expect(decode(drawn.get(id)!.label)).toContain('primary_replica · async · failover arbiter zk');
        // The group holds exactly its members, then closes.
        const block = text.slice(text.indexOf(`subgraph ${id}[`), text.indexOf('  end\n', text.indexOf(`subgraph ${id}[`)));
        expect([...block.matchAll(/^ {4}(n\d+m\d+)\[\(/gm)].map(m => m[1])).toEqual([0, 1, 2, 3].map(i => `${id}m${i}`));
    });

    test('multi-master peers replicate both ways; shards are noted', () => {
        const carts = idOf(text, input, 'carts');
        expect(decode(drawn.get(`${carts}m0`)!.label)).toBe('master 1');
        expect(decode(drawn.get(`${carts}m1`)!.label)).toBe('master 2');
        expect(text).toContain(`    ${carts}m0 <-. "async · lag 300 ms" .-> ${carts}m1\n`);
        const orders = idOf(text, input, 'orders');
        expect(decode(drawn.get(orders)!.label)).toContain('16 shards by hash');
    });

    test('edges: a share below 100% is the label; into a queue, sessions store and failover arbiter dotted', () => {
        const [web, orders, carts, jobs, mailer, sessions, zk, catalog] =
            ['web', 'orders', 'carts', 'jobs', 'mailer', 'session_cache', 'zk', 'catalog'].map(n => idOf(text, input, n));
        expect(text).toContain(`  ${web} -->|"30#37;"| ${orders}\n`);
        expect(text).toContain(`  ${web} -->|"20#37;"| ${carts}\n`);
        // Into a queue the request ends at the enqueue: asynchronous, dotted.
        expect(text).toContain(`  ${web} -.->|"5#37;"| ${jobs}\n`);
        expect(text).toContain(`  ${jobs} --> ${mailer}\n`);
        expect(text).toContain(`  ${web} -. "sessions store" .-> ${sessions}\n`);
        expect(text).toContain(`  ${catalog} -. "failover arbiter" .-> ${zk}\n`);
        const calls = text.split('\n').filter(line => /^ {2}n\d+ (-->|-\.->)/.test(line));
        expect(calls).toHaveLength(input.topology.edges.length);
    });

    test('findings: each node with findings takes the class of its most severe one and shows the counts', () => {
        const rank: Severity[] = ['error', 'warning', 'info'];
        const byClass = classes(text);
        for (const node of input.topology.nodes) {
            const mine = input.findings.filter(f => f.node === node.name);
            const id = idOf(text, input, node.name);
            if (mine.length === 0) {
                expect(byClass.has(id), node.name).toBe(false);
                continue;
            }
            const worst = rank.find(s => mine.some(f => f.severity === s))!;
            expect(byClass.get(id), node.name).toBe(SEVERITY_CLASS[worst]);
            const label = decode(drawn.get(id)!.label);
            const count = (s: Severity): number => mine.filter(f => f.severity === s).length;
            if (count('error') > 0) expect(label).toContain(`✖ ${count('error')}`);
            if (count('warning') > 0) expect(label).toContain(`⚠ ${count('warning')}`);
            if (count('info') > 0) expect(label).toContain(`ℹ ${count('info')}`);
        }
        // The example has all three severities, and each class is defined.
        expect(new Set(byClass.values())).toEqual(new Set(Object.values(SEVERITY_CLASS)));
        for (const name of Object.values(SEVERITY_CLASS)) expect(text).toMatch(new RegExp(`^ {2}classDef ${name} `, 'm'));
        expect(byClass.get(idOf(text, input, 'web'))).toBe('finding_error');
    });

    test('deterministic: the same model, parsed again, gives the same text', async () => {
        expect(toMermaid(await inputOf(SHOP))).toBe(text);
        expect(toMermaid(input)).toBe(text);
    });
});

describe('hostile names', async () => {
    const input = await inputOf(HOSTILE);
    const text = toMermaid(input);

    test('labels and engines read back exactly as typed, from inside one quoted label each', () => {
        const drawn = boxes(text);
        const api = decode(drawn.get('n0')!.label).split('\n');
        expect(api[0]).toBe(HOSTILE_LABEL);
        expect(api[1]).toBe(`service api · ${HOSTILE_ENGINE}`);
        const db = decode(drawn.get('n1')!.label).split('\n');
        expect(db[0]).toBe(HOSTILE_DB_LABEL);
        expect(db[1]).toBe(`database db · ${HOSTILE_DB_ENGINE}`);
        expect(decode(drawn.get('n2')!.label).split('\n')[0]).toBe('50% | 100%');
    });

    test('nothing of them is markup, a statement, a directive or a Markdown string', () => {
        // Every line is a known statement (no injected `click`, edge or `end`).
        const statements = text.split('\n').filter(Boolean).slice(1);
        for (const line of statements) {
            expect(NODE_LINE.test(line) || SUBGRAPH_LINE.test(line) || line === '  end' || EDGE_LINE.test(line)
                || /^ {2}class(Def)? /.test(line), line).toBe(true);
        }
        expect(text).not.toMatch(/<(?!br>|-\. )/);
        expect(text).not.toContain('`');
        expect(text).not.toContain('%');
        expect(text).not.toMatch(/^\s*click/m);
        // Mermaid's own entity placeholders, which it would decode after the entities.
        expect(text).not.toMatch(/ﬂ°|¶ß/);
        // Quotes only open and close labels: an even number on every line.
        for (const line of statements) expect((line.match(/"/g) ?? []).length % 2, line).toBe(0);
    });

    test('ids stay generated whatever the names', () => {
        for (const match of text.matchAll(/^ {2,4}(\S+?)(?=[[({>]| -| <-)/gm)) expect(match[1]).toMatch(/^(n\d+(m\d+)?|subgraph|class|classDef)$/);
    });
});

describe('mermaidText', () => {
    test('line breaks and control characters become one space: a label stays on its line', () => {
        expect(mermaidText('a\nb\r\n\tc\u2028d')).toBe('a b c d');
    });

    test('plain names and words pass unchanged', () => {
        expect(mermaidText('session_cache · Aurora MySQL 8.0 · ×3 · 東京')).toBe('session_cache · Aurora MySQL 8.0 · ×3 · 東京');
    });
});

describe('replication shapes', () => {
    test('many replicas: two drawn, the rest folded into one box', async () => {
        const input = await inputOf(`system S {
  service api { instances 2 }
  database big { replication primary_replica { replicas 10 lag 50ms } }
  database peers { replication multi_master { replicas 5 } }
  database standby { replication primary_backup { replicas 1 mode sync } }
  api -> big
  api -> peers
  api -> standby
}`);
        const text = toMermaid(input);
        const drawn = boxes(text);
        expect(['n1m0', 'n1m1', 'n1m2', 'n1m3'].map(id => decode(drawn.get(id)!.label))).toEqual(['primary', 'replica 1', 'replica 2', 'replicas 3..10']);
        expect(drawn.has('n1m4')).toBe(false);
        expect(['n2m0', 'n2m1', 'n2m2'].map(id => decode(drawn.get(id)!.label))).toEqual(['master 1', 'master 2', 'masters 3..5']);
        expect(drawn.has('n2m3')).toBe(false);
        expect(text).toContain('    n2m0 <-. "async" .-> n2m1\n    n2m1 <-. "async" .-> n2m2\n');
        expect(['n3m0', 'n3m1'].map(id => decode(drawn.get(id)!.label))).toEqual(['primary', 'standby 1']);
        expect(text).toContain('    n3m0 -. "sync" .-> n3m1\n');
    });
});
