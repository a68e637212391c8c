/**
 * Hover (arch-hover-provider.ts) through the real language services: a node's
 * name, where it is declared or named, shows the numbers `simulate` computes
 * for it with its inputs marked declared or default; the system's name shows
 * the system summary; a word of the language shows what it means; and text
 * from the file is escaped, never read as Markdown.
 */
import { describeDefault, describeNote } from '../../server/src/present/assumptions.js';
import { describe, expect, test } from 'vitest';
import { escapeInlineKeepingCode } from '../../server/src/present/markdown.js';
import { expectHover } from 'langium/test';
import type { Hover } from 'vscode-languageserver';
import { formatAvailability, formatMinutes, formatRate } from '../../server/src/present/numbers.js';
import { explainAvailability } from '../../server/src/present/explain.js';
import { simulate, type SimulationResult } from '../../server/src/estimates/simulate.js';
import { keywordDoc } from '../../server/src/lsp/keyword-docs.js';
import { buildTopology } from '../../server/src/language/topology/build-topology.js';
import { check, services } from '../helpers.js';
import { node } from '../estimates/simulated.js';

/**
 * 900 rps at `edge`, the only entry: `web` (3 × 400 rps) runs at 900 / 1200 = 75%,
 * its sessions in `sess`; `db` (primary + 2 replicas, failover by `zk`) takes
 * 90% reads spread over the replicas. `zk` is on no request path.
 */
const MODEL = `system Shop {
  traffic { peak 900 rps  reads 90% }
  zone a
  zone b
  balancer edge {
    instances 2
    health every 5s
    algorithm least_connections
    zones a, b
  }
  service web {
    instances 3
    capacity 400 rps
    latency 25ms
    availability 99.9%
    sessions store sess
    zones a, b
  }
  cache sess { instances 2 capacity 5000 rps }
  coordinator zk { instances 3 }
  database db {
    capacity 2000 rps
    latency 5ms
    replication primary_replica { replicas 2 failover arbiter zk }
  }
  edge -> web -> db
}
`;

/** The hover at the start of the `occurrence`-th (0-based) appearance of `word` in `text`. */
async function hoverAt(text: string, word: string, occurrence = 0, withValidation = true): Promise<string | undefined> {
    const { document } = await check(text);
    if (!withValidation) document.diagnostics = undefined;
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = text.indexOf(word, index + 1);
        if (index < 0) throw new Error(`"${word}" occurs fewer than ${occurrence + 1} times`);
    }
    const hover: Hover | undefined = await services.Arch.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(index)
    });
    if (!hover) return undefined;
    expect(hover.contents).toMatchObject({ kind: 'markdown' });
    return (hover.contents as { value: string }).value;
}

async function estimates(text: string): Promise<SimulationResult> {
    const { document } = await check(text);
    return simulate(buildTopology(document.parseResult.value.systems[0], text));
}

describe('node hover', () => {
    test('shows the load, utilization, latency and availability simulate computes, each with its formula', async () => {
        const web = node(await estimates(MODEL), 'web');
        // By hand: all 900 rps reach web; 900 / (3 × 400) = 75%; with one lost 900 / 800.
        expect(web.loadRps).toBe(900);
        expect(web.utilization).toBeCloseTo(0.75, 10);
        expect(web.utilizationOneLost).toBeCloseTo(1.125, 10);
        expect(web.latencyMs).not.toBeNull();

        const hover = (await hoverAt(MODEL, 'web {'))!;
        expect(hover).toContain('**web** · service · 3 instances\n');
        expect(hover).toContain('- **load**: 900 rps — peak 900 rps × 1:');
        expect(hover).toContain(`- **capacity**: ${formatRate(web.capacityRps!)} — load / utilization`);
        expect(formatRate(web.capacityRps!)).toBe('1,200 rps');
        expect(hover).toContain('- **utilization**: 75% — ρ = λ / capacity of one member: 300 rps on the busiest of 3 member(s), each sustaining 400 rps');
        expect(hover).toContain('- **utilization with one lost**: 113%');
        expect(hover).toMatch(new RegExp(`- \\*\\*latency\\*\\*: mean ${web.latencyMs!.mean.toFixed(1)} ms · p99 \\d+(\\.\\d)? ms — one pooled M/M/c queue with c = 30 workers`));
        expect(hover).toContain(`- **availability**: ${formatAvailability(web.availability!)} — ${escapeInlineKeepingCode(explainAvailability(web.explanation.availability!))}`);
        expect(web.explanation.availability?.formula).toBe('k-of-n');
        expect(explainAvailability(web.explanation.availability!)).toMatch(/^at least 3 of 3 instances up/);
        expect(hover).toContain('`A = Σ_{i=k..n} C(n,i) aⁱ(1−a)^{n−i}`');
    });

    test('with clients, the inputs are theirs: the peak, who reaches the node, the read share and the mixed keys', async () => {
        const model = `system S {
  client web { peak 300 rps  reads 100%  keys 1000 }
  client crawler { peak 100 rps  reads 100%  keys 10 zipf 1 }
  service app { instances 2 }
  database db { capacity 1000 rps shards 4 by hash table t { shard key id  id uuid } }
  web -> app
  crawler -> app
  app -> db
}`;
        const db = (await hoverAt(model, 'db {'))!;
        expect(db).toContain('- peak (clients) 400 rps, from web, crawler (declared)');
        expect(db).toContain('- reads (clients) 100% (declared)');
        expect(db).toContain('- keys (clients) keys 1000 (75%), keys 10 zipf 1 (25%) (declared)');
        expect(db).not.toContain('(traffic)');
    });

    test('marks each input declared or default', async () => {
        const web = (await hoverAt(MODEL, 'web {'))!;
        expect(web).toContain('- instances 3 (declared)');
        expect(web).toContain('- capacity of one instance 400 rps (declared)');
        expect(web).toContain('- service time (`latency`) 25 ms (declared)');
        expect(web).toContain('- availability of one instance 99.9% (declared)');
        expect(web).toContain('- balancer algorithm least_connections, on edge (declared)');
        expect(web).toContain('- peak (traffic) 900 rps (declared)');
        expect(web).toContain('- reads (traffic) 90% (declared)');

        const sess = (await hoverAt(MODEL, 'sess {'))!;
        expect(sess).toContain('- availability of one instance 99.5% (default)');
        expect(sess).toContain('- hit 0% (default): passes every request on');
        expect(sess).toContain('- service time (`latency`) (not given): no latency');
        // Two instances with capacity and latency unknown: no queue, so no balancer algorithm either.
        expect(sess).not.toContain('balancer algorithm');

        const db = (await hoverAt(MODEL, 'db {'))!;
        expect(db).toContain('- replication primary_replica (declared)');
        expect(db).toContain('- replicas 2 (declared)');
        expect(db).toContain('- replication mode async (default)');
        expect(db).toContain('- replication lag (not given): no stale-read estimate');
        expect(db).toContain('- failover arbiter zk (declared)');
        expect(db).toContain('- promotion time 30 s while the arbiter keeps its quorum, 30 min by hand when not (default)');
        expect(db).toContain('- mean time between failures of one instance 30 days (default)');
        // A replicated database counts copies: no "instances 1 (default)".
        expect(db).not.toContain('- instances');
    });

    test('a reference to a node, in an edge, a `sessions store` or a `failover arbiter`, shows the same as its declaration', async () => {
        const declared = await hoverAt(MODEL, 'web {');
        expect(await hoverAt(MODEL, 'web -> db')).toBe(declared);
        expect(await hoverAt(MODEL, 'sess', 1)).toBe(await hoverAt(MODEL, 'sess {'));
        expect(await hoverAt(MODEL, 'store sess')).not.toBe(await hoverAt(MODEL, 'sess {'));
        const zk = await hoverAt(MODEL, 'zk {');
        expect(await hoverAt(MODEL, 'arbiter zk')).not.toBe(zk);
        expect(await hoverAt(MODEL, 'zk', 1)).toBe(zk);
    });

    test('a node on no request path: its availability, and no load', async () => {
        const zk = node(await estimates(MODEL), 'zk');
        const hover = (await hoverAt(MODEL, 'zk {'))!;
        expect(hover).toContain('**zk** · coordinator · 3 instances\n');
        expect(hover).toContain(`- **availability**: ${formatAvailability(zk.availability!)} — quorum: at least 2 of 3 members up`);
        expect(hover).toContain('Not on a request path');
        expect(hover).not.toContain('**load**');
        expect(hover).not.toContain('peak (traffic)');
    });

    test('counts the findings reported on the node', async () => {
        // One database instance without replication: spof-single-instance on `main`.
        const text = `system S {\n  service api { instances 2 }\n  database main\n  api -> main\n}\n`;
        const { diagnostics } = await check(text);
        const onMain = diagnostics.filter(d => (d.data as { node?: string } | undefined)?.node === 'main').length;
        expect(onMain).toBeGreaterThan(0);
        expect(await hoverAt(text, 'main\n')).toContain(`${onMain} finding${onMain === 1 ? '' : 's'} on this node (see Problems).`);
        expect(await hoverAt(text, 'main\n', 0, false)).not.toContain('on this node (see Problems)');
    });

    test('without a peak: the share of requests, no load', async () => {
        const text = `system S {\n  balancer lb { instances 2 health every 5s }\n  service api { instances 2 }\n  lb -> api 50%\n}\n`;
        const hover = (await hoverAt(text, 'api {'))!;
        expect(hover).toContain('- **share of the requests**: 50%');
        expect(hover).toContain('- peak (traffic) (not given): no load, utilization or latency');
        expect(hover).not.toContain('**load**');
        expect(hover).toContain('**Estimates**\n');
    });

    test('a second declaration of a name: the estimates belong to the first', async () => {
        const text = `system S {\n  service web { instances 2 }\n  service web { instances 5 }\n}\n`;
        expect(await hoverAt(text, 'web {', 0)).toContain('- instances 2 (declared)');
        const second = (await hoverAt(text, 'web {', 1))!;
        expect(second).toContain('**web** · service');
        expect(second).toContain('Declared again: the estimates belong to the first declaration of this name.');
        expect(second).not.toContain('**Inputs**');
    });

    test('a node called by a word of the language hovers as the node', async () => {
        const text = `system S {\n  service queue { instances 2 }\n  balancer lb { instances 2 health every 5s }\n  lb -> queue\n}\n`;
        const hover = (await hoverAt(text, 'queue', 1))!;
        expect(hover).toContain('**queue** · service · 2 instances\n');
        expect(hover).not.toBe(keywordDoc('queue'));
    });
});

describe('system hover', () => {
    test('availability with its nines and downtime, the worst zone lost, the end-to-end latency, the defaults and the notes', async () => {
        const result = await estimates(MODEL);
        const a = result.availability;
        expect(a.system).not.toBeNull();
        expect(a.zoneLost).not.toBeNull();
        expect(result.latencyMs).not.toBeNull();
        expect(result.defaults.length).toBeGreaterThan(0);
        expect(result.notes.length).toBeGreaterThan(0);

        const hover = (await hoverAt(MODEL, 'Shop'))!;
        expect(hover).toContain('**system Shop**');
        expect(hover).toContain(`- **availability**: ${formatAvailability(a.system!)} · ${a.nines!.toFixed(2)} nines · ${formatMinutes(a.downtimeMinutesPerYear!)}/yr down`);
        expect(hover).toContain('the share of requests served over the request paths (reads and writes apart), exact by recursion');
        expect(hover).not.toContain('Π (1 − s_i');
        // The nodes ranked by the downtime they cost, the first one named first.
        expect(a.byNode.length).toBeGreaterThan(0);
        expect(hover).toMatch(new RegExp(`- \\*\\*downtime a year each node costs, most first\\*\\*: ${a.byNode[0].node} `));
        expect(hover).toContain(`- **with zone ${a.zoneLost!.zone} lost**: ${formatAvailability(a.zoneLost!.system)} · ${a.zoneLost!.nines.toFixed(2)} nines`);
        expect(hover).toContain(`- **end-to-end latency**: mean ${result.latencyMs!.mean.toFixed(1)} ms`);
        expect(hover).toContain('**Defaults used** (the model does not say)');
        for (const d of result.defaults) expect(hover).toContain(`- ${escapeInlineKeepingCode(describeDefault(d))}`);
        expect(hover).toContain('**Notes**');
        for (const n of result.notes) expect(hover).toContain(`- ${escapeInlineKeepingCode(describeNote(n))}`);
    });

    test('lists the time between failures an active_passive failover rests on', async () => {
        const text = `system F {\n  balancer edge { instances 2 active_passive }\n  service api { instances 2 }\n  edge -> api\n}\n`;
        const result = await estimates(text);
        expect(node(result, 'edge').explanation.availability?.formula).toBe('active-passive');
        expect(explainAvailability(node(result, 'edge').explanation.availability!)).toMatch(/^active_passive: heartbeat failover/);
        expect(result.defaults).toContainEqual({ input: 'mtbf', minutes: 30 * 1440, nodes: ['edge'] });
        expect(await hoverAt(text, 'F {')).toContain('- mean time between failures of one instance: 30 days (edge)');
        expect(await hoverAt(text, 'edge {')).toContain('- mean time between failures of one instance 30 days (default)');
    });

    test('nines as simulate computes them: −log10(1 − A)', async () => {
        const result = await estimates(MODEL);
        const a = result.availability;
        expect(a.nines!).toBeCloseTo(-Math.log10(1 - a.system!), 2);
        await expectHover(services.Arch)({ text: `${MODEL.replace('system Shop', 'system <|>Shop')}`, index: 0, hover: new RegExp(`${a.nines!.toFixed(2)} nines`), disposeAfterCheck: true });
    });
});

describe('keyword hover', () => {
    test.each([
        ['replication', 'replication primary_replica'],
        ['primary_replica', 'primary_replica {'],
        ['failover', 'failover arbiter'],
        ['sticky', 'sticky off'],
        ['autoscale', 'autoscale 2..6'],
        ['shards', 'shards 4 by hash'],
        ['zipf', 'zipf 1.1'],
        ['health', 'health every']
    ])('`%s` shows its explanation', async (word, where) => {
        const text = `system K {
  traffic { peak 100 rps  keys 1000 zipf 1.1 }
  coordinator zk { instances 3 }
  balancer lb { instances 2  health every 5s  sticky off }
  service api { autoscale 2..6 }
  database db {
    shards 4 by hash
    replication primary_replica { replicas 1  failover arbiter zk }
  }
  lb -> api -> db
}
`;
        const doc = keywordDoc(word)!;
        expect(doc.length).toBeGreaterThan(20);
        expect(await hoverAt(text, where)).toBe(doc);
    });

    test('a word with two meanings explains the one in place', async () => {
        const text = `system R {\n  dns front { routing failover }\n  service api { instances 2 }\n  database db { replication primary_backup { failover probe } }\n  front -> api -> db\n}\n`;
        const routing = await hoverAt(text, 'failover }');
        const replication = await hoverAt(text, 'failover probe');
        expect(routing).toBe(keywordDoc('failover', 'Routing'));
        expect(routing).toMatch(/DNS routing/);
        expect(replication).toBe(keywordDoc('failover'));
        expect(replication).toMatch(/new primary/);
        expect(routing).not.toBe(replication);
    });

    test('with langium/test expectHover', async () => {
        await expectHover(services.Arch)({
            text: 'system Z { service api { <|>autoscale 2..4 } }',
            index: 0,
            hover: keywordDoc('autoscale'),
            disposeAfterCheck: true
        });
    });

    test('white space, punctuation and numbers have no hover', async () => {
        expect(await hoverAt(MODEL, ' 900 rps')).toBeUndefined();
        expect(await hoverAt(MODEL, '{ peak')).toBeUndefined();
    });
});

describe('text from the file is escaped', () => {
    const text = `system E {
  traffic { peak 100 rps }
  service _web_ {
    instances 2
    label "**bold** <img src=x> [link](https://example.com) \`code\` _i_ # h | t ~~s~~ &amp; \\\\"
    engine "<script>alert(1)</script> *x*"
  }
  _web_ -> _web_2
  service _web_2
}
`;

    test('labels and engines read as typed: no emphasis, HTML, link or code', async () => {
        const hover = (await hoverAt(text, '_web_ {'))!;
        const label = hover.split('\n').find(line => line.startsWith('label: '))!;
        expect(label).toBe(
            'label: \\*\\*bold\\*\\* &lt;img src=x&gt; \\[link\\](https\\://example.com) \\`code\\` \\_i\\_ \\# h \\| t \\~\\~s\\~\\~ &amp;amp; \\\\'
            + ' · engine: &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\*'
        );
        expect(hover).not.toMatch(/(^|[^\\])<(img|script)/);
        expect(hover).not.toMatch(/(^|[^\\])\*\*bold/);
    });

    test('names inside generated sentences are escaped too', async () => {
        const hover = (await hoverAt(text, '_web_ {'))!;
        expect(hover).toContain('**\\_web\\_** · service · 2 instances\n');
        const system = (await hoverAt(text, 'E {'))!;
        // "availability of one instance: 99.5% (_web_, _web_2)" would make "web_, _" italic.
        expect(system).toContain('(\\_web\\_, \\_web_2)');
    });
});

describe('per-class load (issue 12)', () => {
    test('a node whose mix differs from the system\'s shows its reads and writes; one with the system\'s mix does not', async () => {
        const text = `system S {
  client c { peak 100 rps  reads 80% }
  service api { instances 2 }
  database db
  c -> api
  api -> db writes
}`;
        const db = (await hoverAt(text, 'db', 0))!;
        expect(db).toContain('- **by class**: 0 rps reads · 20 rps writes');
        const api = (await hoverAt(text, 'api', 0))!;
        expect(api).not.toContain('**by class**');
    });
});
