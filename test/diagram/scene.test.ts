/**
 * The positioned scene from real models: deterministic (snapshot of the shop
 * example), groups for replication and shards, badges that count the
 * findings, edges with their shares, requests flowing left to right, no two
 * boxes on top of each other; and the same scene from the layout worker thread.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { generateModel } from '../generate-model.js';
import { layoutScene } from '../../server/src/diagram/layout.js';
import { MAX_DRAWN_MEMBERS } from '../../server/src/diagram/scene-boxes.js';
import { SceneCache } from '../../server/src/diagram/scene-cache.js';
import type { Scene, SceneNode } from '../../server/src/diagram/scene.js';
import { LayoutThread } from '../../server/src/diagram/layout-thread.js';
import { diagramInput } from './scene-input.js';

const shop = readFileSync('examples/problems.arch', 'utf8');

function byId(scene: Scene, id: string): SceneNode {
    const node = scene.nodes.find(n => n.id === id);
    if (!node) throw new Error(`no box ${id} in ${scene.nodes.map(n => n.id).join(', ')}`);
    return node;
}

function overlaps(a: SceneNode, b: SceneNode): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('the scene of examples/problems.arch', async () => {
    const input = await diagramInput(shop);
    const scene = await layoutScene(input);

    test('is the same scene every time, and the snapshot', async () => {
        const again = await layoutScene(await diagramInput(shop));
        expect(JSON.stringify(again)).toBe(JSON.stringify(scene));
        // The drawing itself: where every box, group and edge goes and what it says. Findings, estimates and
        // the hash change with every reworded message or refined estimate, and have tests of their own.
        const drawing = {
            width: scene.width, height: scene.height,
            nodes: scene.nodes.map(({ id, title, instances, role, group, x, y, width, height }) => ({ id, title, instances, role, group, x, y, width, height })),
            groups: scene.groups.map(({ id, kind, title, x, y, width, height }) => ({ id, kind, title, x, y, width, height })),
            edges: scene.edges.map(({ id, from, to, kind, share, label, points, labelAt }) => ({ id, from, to, kind, share, label, points, labelAt }))
        };
        await expect(JSON.stringify(drawing, null, 1) + '\n').toMatchFileSnapshot('./__snapshots__/shop.scene.json');
    });

    test('draws every node: plain ones as one box, replicated and sharded ones as groups', () => {
        const drawn = new Set(scene.nodes.map(n => n.node));
        expect([...drawn].sort()).toEqual(input.topology.nodes.map(n => n.name).sort());
        const catalog = scene.groups.find(g => g.id === 'catalog')!;
        expect(catalog.kind).toBe('replication');
        expect(catalog.title).toContain('primary replica');
        expect(catalog.title).toContain('lag 200 ms');
        expect(scene.nodes.filter(n => n.group === 'catalog').map(n => `${n.role}:${n.title}`))
            .toEqual(['primary:primary', 'replica:replica 1', 'replica:replica 2', 'replica:replica 3']);
        const carts = scene.nodes.filter(n => n.group === 'carts');
        expect(carts.map(n => n.role)).toEqual(['master', 'master']);
        const shards = scene.nodes.filter(n => n.group === 'orders');
        expect(shards).toHaveLength(MAX_DRAWN_MEMBERS);
        expect(shards.every(n => n.role === 'shard')).toBe(true);
        expect(shards.at(-1)!.title).toBe('shard 4 … shard 16');
        expect(shards.at(-1)!.instances).toBe('+13 shards');
        expect(shards[0].instances).toBe('primary + 1 replica');
        expect(byId(scene, 'web').instances).toBe('3..20');
        expect(byId(scene, 'edge').instances).toBe('×2 active/passive');
        expect(byId(scene, 'front').instances).toBe('managed');
    });

    test('members sit inside their group, and no two boxes overlap', () => {
        for (const node of scene.nodes.filter(n => n.group)) {
            const group = scene.groups.find(g => g.id === node.group)!;
            expect(node.x).toBeGreaterThanOrEqual(group.x);
            expect(node.y).toBeGreaterThanOrEqual(group.y);
            expect(node.x + node.width).toBeLessThanOrEqual(group.x + group.width);
            expect(node.y + node.height).toBeLessThanOrEqual(group.y + group.height);
        }
        for (let i = 0; i < scene.nodes.length; i++) {
            for (let j = i + 1; j < scene.nodes.length; j++) {
                expect(overlaps(scene.nodes[i], scene.nodes[j]), `${scene.nodes[i].id} and ${scene.nodes[j].id}`).toBe(false);
            }
        }
        for (const node of scene.nodes) {
            expect(node.x + node.width).toBeLessThanOrEqual(scene.width);
            expect(node.y + node.height).toBeLessThanOrEqual(scene.height);
        }
    });

    test('requests flow left to right: every caller stands left of what it calls', () => {
        const left = (name: string): number => {
            const group = scene.groups.find(g => g.id === name);
            return group ? group.x : byId(scene, name).x;
        };
        for (const edge of input.topology.edges) {
            expect(left(edge.from), `${edge.from} -> ${edge.to}`).toBeLessThan(left(edge.to));
        }
    });

    test('badges count the findings of each node, on its box (or the first member of its group)', () => {
        const findingsOf = (node: string) => input.findings.filter(f => f.node === node);
        for (const name of ['web', 'orders', 'catalog', 'carts']) {
            const box = scene.nodes.find(n => n.node === name && (n.id === name || n.role === 'primary' || n.id.endsWith('-1')))!;
            const expected = findingsOf(name);
            expect(expected.length, `${name} has findings in the example`).toBeGreaterThan(0);
            for (const severity of ['error', 'warning', 'info'] as const) {
                expect(box.badges[severity], `${name} ${severity}`).toBe(expected.filter(f => f.severity === severity).length);
            }
            expect(box.findings.map(f => f.ruleId).sort()).toEqual(expected.map(f => f.ruleId).sort());
        }
        expect(byId(scene, 'web').findings[0].severity).toBe('error');
    });

    test('edges: calls with their share, sessions, the arbiter, replication inside groups, all routed', () => {
        const call = (from: string, to: string) => scene.edges.find(e => e.kind === 'call' && e.from === from && e.to === to);
        expect(call('web', 'orders')).toMatchObject({ share: 0.3 });
        expect(call('web', 'carts')).toMatchObject({ share: 0.2 });
        expect(call('edge', 'web')!.share).toBeUndefined();
        expect(scene.edges.find(e => e.kind === 'session')).toMatchObject({ from: 'web', to: 'session_cache' });
        expect(scene.edges.find(e => e.kind === 'arbiter')).toMatchObject({ from: 'zk', to: 'catalog' });
        expect(scene.edges.filter(e => e.kind === 'replication' && e.from === 'catalog#primary')).toHaveLength(3);
        for (const edge of scene.edges) {
            expect(edge.points.length, edge.id).toBeGreaterThanOrEqual(2);
            if (edge.share !== undefined || edge.label) expect(edge.labelAt, edge.id).toBeDefined();
        }
    });

    test('estimates and zones are carried for the renderers', () => {
        const web = byId(scene, 'web');
        expect(web.utilization).toBeCloseTo(1.5, 2);
        expect(web.estimates.some(line => line.startsWith('load 12,000 rps'))).toBe(true);
        expect(web.zones).toEqual(['us_east', 'us_west']);
        expect(scene.zones).toEqual(['us_east', 'us_west']);
        expect(byId(scene, 'edge').availability).toBeGreaterThan(0.99);
    });
});

describe('scene identity', () => {
    test('the hash follows the model: a changed share changes it, the same text does not', async () => {
        const a = await layoutScene(await diagramInput(shop));
        const b = await layoutScene(await diagramInput(shop.replace('web -> orders 30%', 'web -> orders 40%')));
        expect(b.hash).not.toBe(a.hash);
        expect(b.edges.find(e => e.from === 'web' && e.to === 'orders')!.share).toBe(0.4);
    });

    test('the cache lays out a model once per hash', async () => {
        let layouts = 0;
        const cache = new SceneCache(input => { layouts++; return layoutScene(input); });
        const input = await diagramInput(shop);
        const first = await cache.sceneOf(input);
        const second = await cache.sceneOf(await diagramInput(shop));
        expect(second).toBe(first);
        expect(layouts).toBe(1);
        await cache.sceneOf(await diagramInput(shop.replace('instances 3\n    capacity 50000', 'instances 4\n    capacity 50000')));
        expect(layouts).toBe(2);
    });

    test('a failed layout is not remembered', async () => {
        let calls = 0;
        const cache = new SceneCache(async input => { if (calls++ === 0) throw new Error('boom'); return layoutScene(input); });
        const input = await diagramInput(shop);
        await expect(cache.sceneOf(input)).rejects.toThrow('boom');
        await expect(cache.sceneOf(input)).resolves.toMatchObject({ system: 'Shop' });
    });
});

describe('the layout worker thread (out/layout-worker.cjs)', () => {
    test('gives the scene the main thread gives, for the example and a 300-node model', async () => {
        expect(existsSync('out/layout-worker.cjs'), 'run `npm run build` first').toBe(true);
        const thread = LayoutThread.beside('out')!;
        try {
            for (const text of [shop, generateModel(300).text]) {
                const input = await diagramInput(text);
                const [inWorker, inProcess] = await Promise.all([thread.layout(input), layoutScene(input)]);
                expect(JSON.stringify(inWorker)).toBe(JSON.stringify(inProcess));
            }
        } finally {
            thread.dispose();
        }
    });

    test('a layout that fails in the worker rejects, and the next one works', async () => {
        const thread = LayoutThread.beside('out')!;
        try {
            const input = await diagramInput(shop);
            // Structured clone drops nothing the layout needs; a broken input makes it throw inside the worker.
            await expect(thread.layout({ ...input, topology: { ...input.topology, nodes: null as never } })).rejects.toThrow();
            await expect(thread.layout(input)).resolves.toMatchObject({ system: 'Shop' });
        } finally {
            thread.dispose();
        }
    });
});
