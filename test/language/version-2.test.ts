/**
 * Version 2 of the language (LANGUAGE.md, "Real architectures"), as far as it is built: `client`,
 * `managed`, `external` and `search`, a cache's `policy`, `shards` on more kinds, and an edge step's
 * `[Nx | each] [reads | writes]`. Parsed, linked and validated by the real language services; what
 * reaches the Topology; what the rules and the estimates make of managed and external nodes.
 */
import { describe, expect, test } from 'vitest';
import { simulate } from '../../server/src/estimates/simulate.js';
import { check, codes, line, topologyOf } from '../helpers.js';

const V2 = `system Feed {
  traffic { reads 95%  think 5s }
  client browsers { peak 20000 rps }
  client mobile { peak 8000 rps  reads 90%  keys 1000000 zipf 1.0  label "iOS and Android" }
  client nightly
  dns front { routing failover  health every 30s }
  balancer lb { managed }
  service api { instances 4  capacity 9000 rps  latency 20ms  health every 5s }
  cache timelines { instances 6  capacity 50000 rps  latency 2ms  policy store  shards 3 by consistent_hash }
  search posts_index { instances 3  capacity 2000 rps  latency 30ms  shards 3 by hash }
  storage media { managed  availability 99.99%  latency 20ms }
  queue jobs { managed }
  worker fanout { instances 2  capacity 500 rps  latency 50ms }
  external payments { availability 99.9%  latency 300ms }
  browsers -> front -> lb -> api
  mobile -> front
  nightly -> jobs
  api -> timelines reads
  api -> posts_index 2% each reads
  api -> media 30% reads
  api -> jobs writes
  jobs -> fanout -> timelines 20x
  api -> payments 1% writes
}`;

describe('version 2 parses, links and validates', () => {
    test('a system with clients, managed, external and search nodes, a cache policy and edge words: no syntax or link error', async () => {
        const { diagnostics } = await check(V2);
        const errors = diagnostics.filter(d => d.code === 'syntax' || d.code === 'link');
        expect(errors.map(d => `${line(d) + 1}: ${d.message}`)).toEqual([]);
    });

    test('what reaches the Topology: clients apart from nodes, with their own traffic and edges', async () => {
        const topology = await topologyOf(V2);
        expect(topology.clients.map(c => c.name)).toEqual(['browsers', 'mobile', 'nightly']);
        expect(topology.nodes.map(n => n.name)).not.toContain('browsers');
        const mobile = topology.clients[1];
        expect(mobile).toMatchObject({ peakRps: 8000, readShare: 0.9, keys: 1_000_000, zipf: 1, label: 'iOS and Android' });
        expect(mobile.edges.map(e => `${e.from}->${e.to}`)).toEqual(['mobile->front']);
        expect(topology.clients[0].edges.map(e => `${e.from}->${e.to}`)).toEqual(['browsers->front']);
        // The rest of the chain is between nodes.
        expect(topology.edges.some(e => e.from === 'front' && e.to === 'lb')).toBe(true);
        expect(topology.edges.some(e => e.from === 'browsers')).toBe(false);
    });

    test('edge words: the share, then Nx or each, then reads or writes', async () => {
        const topology = await topologyOf(V2);
        const edge = (from: string, to: string) => topology.edges.find(e => e.from === from && e.to === to)!;
        expect(edge('api', 'timelines')).toMatchObject({ share: 1, carries: 'reads' });
        expect(edge('api', 'posts_index')).toMatchObject({ share: 0.02, fanOut: 'each', carries: 'reads' });
        expect(edge('fanout', 'timelines')).toMatchObject({ share: 1, fanOut: 20 });
        expect(edge('fanout', 'timelines').carries).toBeUndefined();
        expect(edge('api', 'payments')).toMatchObject({ share: 0.01, carries: 'writes' });
    });

    test('managed, external, search and policy in the Topology', async () => {
        const topology = await topologyOf(V2);
        const node = (name: string) => topology.nodes.find(n => n.name === name)!;
        expect(node('lb').managed).toBe(true);
        expect(node('api').managed).toBe(false);
        expect(node('payments').kind).toBe('external');
        expect(node('posts_index')).toMatchObject({ kind: 'search', shards: { count: 3, strategy: 'hash' } });
        expect(node('timelines')).toMatchObject({ policy: 'store', shards: { count: 3, strategy: 'consistent_hash' } });
    });

    test('the old language means what it meant: names that are now words still work', async () => {
        const text = `system S {
  traffic { peak 100 rps }
  service search { instances 2 }
  cache managed { instances 2 }
  service x { instances 2 }
  search -> managed
  search -> x
}`;
        const { diagnostics } = await check(text);
        expect(diagnostics.filter(d => d.code === 'syntax' || d.code === 'link')).toEqual([]);
        const topology = await topologyOf(text);
        expect(topology.edges.map(e => `${e.from}->${e.to}`)).toEqual(['search->managed', 'search->x']);
    });
});

describe('clear errors', () => {
    test('a client says only peak, reads, think, keys and label', async () => {
        const { diagnostics } = await check('system S {\n  client web { peak 10 rps  capacity 5 rps }\n}');
        const error = diagnostics.find(d => d.code === 'syntax')!;
        expect(error.message).toBe('`capacity` does not apply to client web: a client is a source of load and says only `peak`, `reads`, `think`, `keys` and `label`.');
        expect(line(error)).toBe(1);
    });

    test('a client is never the target of an edge', async () => {
        const { diagnostics } = await check('system S {\n  client web\n  service api\n  web -> api\n  api -> web\n}');
        const error = diagnostics.find(d => d.code === 'link')!;
        expect(error.message).toBe('web is a client, a source of requests: it is never the target of an edge. Point the edge at the node that serves it.');
        expect(line(error)).toBe(4);
    });

    test.each([
        ['service api { policy store }', '`policy` applies to caches, not to service api.'],
        ['service api { peak 10 rps }', '`peak` applies to clients, not to service api.'],
        ['worker w { shards 2 by hash }', '`shards` applies to databases, caches, searches, storages or queues, not to worker w.']
    ])('%s', async (node, message) => {
        const { diagnostics } = await check(`system S {\n  ${node}\n}`);
        expect(diagnostics.map(d => d.message)).toContain(message);
    });

    test('messages a new user hits: an engine of several words, an unknown property, an unknown edge suffix', async () => {
        const engine = await check('system S {\n  database db { engine MySQL 8 }\n}');
        expect(engine.diagnostics.filter(d => d.code === 'syntax').map(d => d.message)).toEqual(['An engine of several words needs quotes: `engine "MySQL 8"`.']);

        // One unknown word in a node: one error, and the edges after it still mean what they say.
        const unknown = await check('system S {\n  traffic { peak 10 rps }\n  storage s3 { flubber }\n  service a { instances 2 }\n  service b { instances 2 }\n  a -> s3\n  a -> b\n}');
        const syntax = unknown.diagnostics.filter(d => d.code === 'syntax' || d.code === 'link');
        expect(syntax.map(d => d.message)).toEqual(['`flubber` is not a property of storage s3: it takes `instances`, `capacity`, `latency`, `availability`, `zones`, `health`, `managed`, `label`, `engine`, `replication` or `shards`.']);
        const topology = await topologyOf('system S {\n  storage s3 { flubber }\n  service a\n  a -> s3\n}');
        expect(topology.edges.map(e => `${e.from}->${e.to}`)).toEqual(['a->s3']);

        // A node's name where a property belongs: an edge inside a block left open.
        const open = await check('system S {\n  service web {\n    instances 2\n  web -> web\n}\n');
        expect(open.diagnostics.map(d => d.message))
            .toContain('`web` reads as a property of service web: is the block of web missing its closing `}`?');

        const suffix = await check('system S {\n  service a\n  service b\n  a -> b 10y\n}');
        expect(suffix.diagnostics.filter(d => d.code === 'syntax')[0].message)
            .toBe('After an edge\'s target may come, in this order: a share (`30%`), a fan-out (`20x` or `each`), and `reads` or `writes`: found `10y`.');
    });

    test('shards on a cache, a search index, storage and a queue are allowed', async () => {
        expect(await codes('system S {\n  cache c { shards 4 by hash }\n  search s { shards 2 by hash }\n  storage b { shards 2 by range }\n  queue q { shards 8 by hash }\n}'))
            .not.toContain('syntax');
    });
});

describe('managed and external nodes: the provider\'s redundancy is not ours to fix', () => {
    const text = `system S {
  traffic { peak 100 rps }
  zone a
  zone b
  balancer lb { managed }
  service api { instances 2  health every 5s  zones a, b }
  storage s3 { managed }
  queue sqs { managed }
  external payments
  lb -> api
  api -> s3
  api -> sqs
  api -> payments 10%
}`;

    test('no single-point-of-failure finding on them', async () => {
        const { diagnostics } = await check(text);
        const spof = diagnostics.filter(d => String(d.code).startsWith('spof-'));
        expect(spof.map(d => `${d.code} ${d.message}`)).toEqual([]);
        // The same storage not managed is one instance in no zone: two findings.
        const ours = await codes(text.replace('storage s3 { managed }', 'storage s3'));
        expect(ours).toContain('spof-single-instance');
        expect(ours).toContain('spof-single-zone');
    });

    test('availability: the whole service, 99.99% for a managed one and 99.9% for an external one by default', async () => {
        const result = simulate(await topologyOf(text));
        const node = (name: string) => result.nodes.find(n => n.name === name)!;
        expect(node('s3').availability).toBe(0.9999);
        expect(node('lb').availability).toBe(0.9999);
        expect(node('payments').availability).toBe(0.999);
        expect(node('s3').explanation.availability?.formula).toBe('managed');
        expect(result.defaults.find(d => d.input === 'external-availability')?.nodes).toEqual(['payments']);
        // A managed balancer checks its targets: api is k-of-n, 1 of 2 enough at 100 rps without capacity.
        expect(node('api').availability).toBeCloseTo(1 - 0.005 ** 2, 10);
    });
});

describe('a managed database fails over the provider\'s way', () => {
    test('no lag-failover-data-loss or spof-manual-failover on it; the same database of ours gets both', async () => {
        const text = `system S {
  traffic { peak 100 rps  reads 80% }
  service api { instances 2  health every 5s }
  database rds { managed  replication primary_replica { replicas 2 } }
  api -> rds
}`;
        const managed = await codes(text);
        expect(managed).not.toContain('lag-failover-data-loss');
        expect(managed).not.toContain('spof-manual-failover');
        const ours = await codes(text.replace('managed  ', ''));
        expect(ours).toContain('lag-failover-data-loss');
        expect(ours).toContain('spof-manual-failover');
    });
});
