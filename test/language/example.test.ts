import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { check, topologyOf } from '../helpers.js';
import { simulate } from '../../server/src/estimates/simulate.js';

describe('examples/problems.arch (the whole example of LANGUAGE.md)', () => {
    const text = readFileSync('examples/problems.arch', 'utf8');

    test('parses and links with no syntax or link error', async () => {
        const { document, diagnostics } = await check(text);
        expect(document.parseResult.lexerErrors).toEqual([]);
        expect(document.parseResult.parserErrors).toEqual([]);
        expect(diagnostics.filter(d => d.code === 'syntax' || d.code === 'link')).toEqual([]);
    });

    test('builds the topology the text describes', async () => {
        const topology = await topologyOf(text);
        expect(topology.name).toBe('Shop');
        expect(topology.zones.map(z => z.name)).toEqual(['us_east', 'us_west']);
        expect(topology.traffic).toMatchObject({ peakRps: 12000, readShare: 0.9, keys: 2_000_000, zipf: 1.1, thinkMs: 2000 });
        expect(topology.nodes.map(n => n.name)).toEqual([
            'front', 'assets', 'edge', 'web', 'session_cache', 'product_cache', 'zk', 'catalog', 'orders', 'carts', 'jobs', 'mailer'
        ]);
        const web = topology.nodes.find(n => n.name === 'web')!;
        expect(web.instances).toEqual({ min: 3, max: 20, autoscale: true, mode: 'active_active', declared: true });
        expect(web).toMatchObject({ capacityPerInstanceRps: 400, latencyMs: 25, sessions: { mode: 'store', store: 'session_cache' }, zones: ['us_east', 'us_west'] });
        const edge = topology.nodes.find(n => n.name === 'edge')!;
        expect(edge).toMatchObject({ algorithm: 'least_connections', sticky: false, healthEveryMs: 5000 });
        expect(edge.instances.mode).toBe('active_passive');
        const catalog = topology.nodes.find(n => n.name === 'catalog')!;
        expect(catalog.replication).toMatchObject({
            topology: 'primary_replica', replicas: 3, lagMs: 200, mode: 'async', failover: { method: 'arbiter', arbiter: 'zk', declared: true }
        });
        expect(catalog.tables[0].fields.map(f => [f.name, f.type])).toEqual([['id', 'uuid'], ['name', 'text'], ['stock', 'counter']]);
        const orders = topology.nodes.find(n => n.name === 'orders')!;
        expect(orders.shards).toMatchObject({ count: 16, strategy: 'hash' });
        expect(orders.tables.map(t => [t.name, t.shardKey, t.global])).toEqual([['orders', 'user_id', false], ['countries', undefined, true]]);
        expect(topology.nodes.find(n => n.name === 'carts')!.tables[0].kind).toBe('session');
        expect(topology.edges.map(e => `${e.from}->${e.to}:${e.share}`)).toEqual([
            'front->assets:1', 'front->edge:1', 'edge->web:1', 'web->session_cache:1', 'web->product_cache:1',
            'product_cache->catalog:1', 'web->orders:0.3', 'web->carts:0.2', 'web->jobs:0.05', 'jobs->mailer:1'
        ]);
    });
});

describe('examples/shop.arch: the healthy design a newcomer meets first', () => {
    const text = readFileSync('examples/shop.arch', 'utf8');

    test('no finding at all: every tier redundant over three zones, with headroom for a zone lost', async () => {
        const { diagnostics } = await check(text);
        expect(diagnostics.map(d => `${String(d.code)}: ${d.message}`)).toEqual([]);
    });

    test('figures a designer believes: every tier with a latency, a redundant design above one server, no overload', async () => {
        const result = simulate(await topologyOf(text));
        for (const node of result.nodes) {
            const managed = node.name === 'front';
            if (!managed && node.kind !== 'coordinator') expect(node.latencyMs, `${node.name} has a latency`).not.toBeNull();
            if (node.availability !== null) expect(node.availability, `${node.name}`).toBeGreaterThan(0.999);
        }
        expect(result.overloaded).toEqual([]);
        const system = result.availability.system!;
        // Redundant at every tier: far above one 99.5% server, and bounded by the managed DNS and CDN (99.99% each).
        expect(system).toBeGreaterThan(0.9995);
        expect(system).toBeLessThan(0.9999);
        expect(result.availability.zoneLost!.system).toBeGreaterThan(0.99);
        expect(result.availability.zoneLost!.down).toEqual([]);
        expect(result.latencyMs!.p99).toBeLessThan(500);
        // The ranking of what costs the most downtime starts with what the provider runs.
        expect(result.availability.byNode.slice(0, 2).map(entry => entry.node).sort()).toEqual(['assets', 'front']);
    });
});

describe('examples/problems.arch: the same shop with the problems the rules find', () => {
    test('the findings a reviewer would raise', async () => {
        const { diagnostics } = await check(readFileSync('examples/problems.arch', 'utf8'));
        const codes = new Set(diagnostics.map(d => String(d.code)));
        for (const id of ['cap-overload', 'shard-auto-increment', 'lag-read-your-writes', 'lag-failover-data-loss', 'lag-counter-on-replica', 'spof-single-zone']) {
            expect(codes, id).toContain(id);
        }
    });
});
