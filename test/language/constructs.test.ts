/** Every construct of LANGUAGE.md parses and means what the page says. */
import { describe, expect, test } from 'vitest';
import { check, topologyOf } from '../helpers.js';

async function expectClean(text: string): Promise<void> {
    const { document, diagnostics } = await check(text);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    expect(diagnostics.filter(d => d.code === 'syntax' || d.code === 'link').map(d => d.message)).toEqual([]);
}

describe('nodes', () => {
    test('every node kind, with and without a body', async () => {
        const kinds = ['dns', 'cdn', 'balancer', 'service', 'cache', 'queue', 'worker', 'database', 'coordinator', 'storage'];
        const text = `system S {\n${kinds.map((k, i) => `  ${k} n${i}${i % 2 ? ' { instances 2 }' : ''}`).join('\n')}\n}`;
        await expectClean(text);
        const topology = await topologyOf(text);
        expect(topology.nodes.map(n => n.kind)).toEqual(kinds);
        expect(topology.nodes.map(n => n.instances.max)).toEqual(kinds.map((_, i) => (i % 2 ? 2 : 1)));
        expect(topology.nodes[0].instances.declared).toBe(false);
    });

    test('instances with a mode, autoscale, capacity, latency, availability', async () => {
        const text = `system S {
  service a { instances 4 active_passive capacity 250.5 rps latency 1.5s availability 99.95% }
  worker b { autoscale 2..8 latency 3m }
  service c { instances 2 active_active latency 2h }
}`;
        await expectClean(text);
        const [a, b, c] = (await topologyOf(text)).nodes;
        expect(a.instances).toEqual({ min: 4, max: 4, autoscale: false, mode: 'active_passive', declared: true });
        expect(a.capacityPerInstanceRps).toBe(250.5);
        expect(a.latencyMs).toBe(1500);
        expect(a.availability).toBeCloseTo(0.9995, 10);
        expect(b.instances).toEqual({ min: 2, max: 8, autoscale: true, mode: 'active_active', declared: true });
        expect(b.latencyMs).toBe(180_000);
        expect(c.latencyMs).toBe(7_200_000);
    });

    test('balancer and dns properties', async () => {
        const text = `system S {
  dns d1 { routing geo }
  dns d2 { routing round_robin }
  dns d3 { routing failover }
  balancer b1 { algorithm random sticky on health every 500ms }
  balancer b2 { algorithm round_robin sticky off }
  balancer b3 { algorithm least_connections }
  balancer b4 { algorithm weighted }
  balancer b5 { algorithm ip_hash }
}`;
        await expectClean(text);
        const nodes = (await topologyOf(text)).nodes;
        expect(nodes.map(n => n.routing ?? n.algorithm)).toEqual(['geo', 'round_robin', 'failover', 'random', 'round_robin', 'least_connections', 'weighted', 'ip_hash']);
        expect(nodes[3]).toMatchObject({ sticky: true, healthEveryMs: 500 });
        expect(nodes[4].sticky).toBe(false);
        expect(nodes[4].healthEveryMs).toBeUndefined();
    });

    test('sessions, hit, engine and label (strings are unescaped)', async () => {
        const text = `system S {
  cache store1
  service a { sessions none }
  service b { sessions local }
  worker c { sessions cookie }
  service d { sessions store store1 }
  cdn e { hit 85% engine cloudfront }
  database f { engine "Aurora MySQL 8" label "Orders \\"primary\\" \\\\ <b>" }
}`;
        await expectClean(text);
        const nodes = (await topologyOf(text)).nodes;
        expect(nodes.slice(1, 5).map(n => n.sessions?.mode)).toEqual(['none', 'local', 'cookie', 'store']);
        expect(nodes[4].sessions?.store).toBe('store1');
        expect(nodes[5]).toMatchObject({ hit: 0.85, engine: 'cloudfront' });
        expect(nodes[6]).toMatchObject({ engine: 'Aurora MySQL 8', label: 'Orders "primary" \\ <b>' });
    });

    test('zones', async () => {
        const text = 'system S {\n  zone a\n  zone b\n  service w { zones a, b }\n  service v { zones b }\n}';
        await expectClean(text);
        const topology = await topologyOf(text);
        expect(topology.zones.map(z => z.name)).toEqual(['a', 'b']);
        expect(topology.nodes.map(n => n.zones)).toEqual([['a', 'b'], ['b']]);
    });
});

describe('replication', () => {
    test('every topology, mode and failover', async () => {
        const text = `system S {
  coordinator zk { instances 3 }
  database a { replication primary_backup { replicas 1 lag 10ms mode sync failover manual } }
  database b { replication primary_replica { replicas 2 failover interconnect } }
  database c { replication primary_replica { failover probe mode async } }
  database d { replication primary_replica { failover arbiter zk } }
  database e { replication multi_master { replicas 3 lag 300ms } }
  cache f { replication primary_replica }
  queue g { replication primary_backup { replicas 2 } }
}`;
        await expectClean(text);
        const nodes = (await topologyOf(text)).nodes.slice(1);
        expect(nodes.map(n => n.replication?.topology)).toEqual([
            'primary_backup', 'primary_replica', 'primary_replica', 'primary_replica', 'multi_master', 'primary_replica', 'primary_backup'
        ]);
        expect(nodes.map(n => n.replication?.failover.method)).toEqual(['manual', 'interconnect', 'probe', 'arbiter', 'manual', 'manual', 'manual']);
        expect(nodes.map(n => n.replication?.failover.declared)).toEqual([true, true, true, true, false, false, false]);
        expect(nodes[3].replication?.failover.arbiter).toBe('zk');
        expect(nodes[0].replication).toMatchObject({ replicas: 1, lagMs: 10, mode: 'sync' });
        expect(nodes[2].replication).toMatchObject({ replicas: 1, mode: 'async' }); // defaults
        expect(nodes[4].replication).toMatchObject({ replicas: 3, lagMs: 300 });
        expect(nodes[6].replication?.replicas).toBe(2);
    });
});

describe('shards, tables and fields', () => {
    test('every strategy, table kind and field type', async () => {
        const strategies = ['range', 'hash', 'consistent_hash', 'directory', 'date'];
        const text = `system S {
${strategies.map((s, i) => `  database d${i} { shards ${i + 2} by ${s} table t${i} { shard key k  k uuid } }`).join('\n')}
  database all {
    table e1 { kind entity  id auto_increment }
    table e2 { kind session  id uuid unique }
    table e3 { kind log  id snowflake  at timestamp }
    table e4 { kind draft  n number  b bool  c counter  t text  parent ref e1 }
    table lookup { global }
    table empty
  }
}`;
        await expectClean(text);
        const nodes = (await topologyOf(text)).nodes;
        expect(nodes.slice(0, 5).map(n => [n.shards?.strategy, n.shards?.count])).toEqual(strategies.map((s, i) => [s, i + 2]));
        expect(nodes[0].tables[0].shardKey).toBe('k');
        const tables = nodes[5].tables;
        expect(tables.map(t => t.kind)).toEqual(['entity', 'session', 'log', 'draft', 'entity', 'entity']);
        expect(tables.flatMap(t => t.fields.map(f => f.type))).toEqual([
            'auto_increment', 'uuid', 'snowflake', 'timestamp', 'number', 'bool', 'counter', 'text', 'ref'
        ]);
        expect(tables[1].fields[0].unique).toBe(true);
        expect(tables[3].fields[4].refTable).toBe('e1');
        expect(tables[4].global).toBe(true);
        expect(tables[5].fields).toEqual([]);
    });

    test('ref reaches a table of another database of the same system', async () => {
        await expectClean('system S {\n  database a { table users { id uuid } }\n  database b { table orders { buyer ref users } }\n}');
    });
});

describe('edges and traffic', () => {
    test('chains with shares become one edge per arrow', async () => {
        const text = 'system S {\n  service a\n  queue b\n  worker c\n  database d\n  a -> b 5% -> c -> d 12.5%\n}';
        await expectClean(text);
        expect((await topologyOf(text)).edges.map(e => [e.from, e.to, e.share])).toEqual([['a', 'b', 0.05], ['b', 'c', 1], ['c', 'd', 0.125]]);
    });

    test('`a->b` without spaces, and names with dashes', async () => {
        const text = 'system S {\n  service api-gw\n  service orders-v2\n  api-gw->orders-v2 50%\n}';
        await expectClean(text);
        expect((await topologyOf(text)).edges.map(e => [e.from, e.to, e.share])).toEqual([['api-gw', 'orders-v2', 0.5]]);
    });

    test('traffic: all properties, across lines or on one line', async () => {
        const text = 'system S {\n  traffic { peak 12000 rps reads 90% keys 2000000 zipf 1.1 think 2s }\n}';
        await expectClean(text);
        expect((await topologyOf(text)).traffic).toMatchObject({ peakRps: 12000, readShare: 0.9, keys: 2_000_000, zipf: 1.1, thinkMs: 2000 });
        const uniform = await topologyOf('system S {\n  traffic {\n    keys 10\n  }\n}');
        expect(uniform.traffic?.keys).toBe(10);
        expect(uniform.traffic?.zipf).toBeUndefined();
        expect(uniform.traffic?.peakRps).toBeUndefined();
    });
});

describe('lexical structure', () => {
    test('line and block comments anywhere', async () => {
        await expectClean('/* head */ system S { // end of line\n  service /* inline */ a { /* x */ instances 2 }\n  /* multi\n line */\n}\n// tail');
    });

    test('language words may be used as names', async () => {
        const text = 'system S {\n  service queue\n  database db { table text { key text  kind session  date timestamp  global_id uuid } }\n  queue -> db\n}';
        await expectClean(text);
        const topology = await topologyOf(text);
        expect(topology.nodes.map(n => n.name)).toEqual(['queue', 'db']);
        expect(topology.nodes[1].tables[0]).toMatchObject({ name: 'text', kind: 'session' });
        expect(topology.nodes[1].tables[0].fields.map(f => f.name)).toEqual(['key', 'date', 'global_id']);
    });

    test('an empty file and an empty system are fine', async () => {
        await expectClean('');
        await expectClean('system Empty {}');
    });
});

describe('names resolve inside their own system', () => {
    test('two files may declare the same names; a name of another file is not found', async () => {
        await expectClean('system A {\n  service web\n  database db\n  web -> db\n}');
        await expectClean('system B {\n  service web\n  database db\n  web -> db\n}');
        const { diagnostics } = await check('system C {\n  service web\n  web -> db\n}');
        expect(diagnostics.filter(d => d.code === 'link').map(d => d.message)).toEqual(['`db` is not a node of system C.']);
    });
});
