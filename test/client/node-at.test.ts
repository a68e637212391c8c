/** The cursor → node lookup behind the panel's highlight, on the shop example and its real scene. */
import { beforeAll, describe, expect, it } from 'vitest';
import { indexNodes, type NodeIndex } from '../../server/src/diagram/node-at.js';
import { layoutScene } from '../../server/src/diagram/layout.js';
import { SHOP } from '../diagram/input-of.js';
import { diagramInput } from '../diagram/scene-input.js';

let index: NodeIndex;
const lines = SHOP.split('\n');

/** The position of the first `needle` on the first line holding `lineHolding`, plus `offset` characters. */
function at(lineHolding: string, needle: string, offset = 0): { line: number; character: number } {
    const line = lines.findIndex(l => l.includes(lineHolding));
    expect(line).toBeGreaterThanOrEqual(0);
    return { line, character: lines[line].indexOf(needle) + offset };
}

beforeAll(async () => {
    const scene = await layoutScene(await diagramInput(SHOP));
    index = indexNodes(scene.sources);
});

describe('nodeAt', () => {
    it('finds the node whose name the cursor is on', () => {
        expect(index.nodeAt(at('service web {', 'web', 1))).toBe('web');
        expect(index.nodeAt(at('database catalog {', 'catalog'))).toBe('catalog');
    });

    it('finds the node a name refers to (edges, sessions store, arbiter)', () => {
        expect(index.nodeAt(at('web -> orders 30%', 'orders', 2))).toBe('orders');
        expect(index.nodeAt(at('sessions store session_cache', 'session_cache', 3))).toBe('session_cache');
        expect(index.nodeAt(at('failover arbiter zk', 'zk'))).toBe('zk');
    });

    it('finds the node whose block holds the cursor, nested blocks included', () => {
        expect(index.nodeAt(at('capacity 400 rps', 'capacity'))).toBe('web');
        expect(index.nodeAt(at('lag 200ms', 'lag'))).toBe('catalog');
        expect(index.nodeAt(at('stock counter', 'counter'))).toBe('catalog');
        expect(index.nodeAt(at("table countries { global }", 'global'))).toBe('orders');
    });

    it('is null outside every node', () => {
        expect(index.nodeAt(at('peak 12000 rps', 'peak'))).toBeNull();
        expect(index.nodeAt(at('zone us_east', 'zone'))).toBeNull();
        expect(index.nodeAt({ line: 0, character: 3 })).toBeNull();
    });

    it('a declaration without a block holds only its name', () => {
        const cdn = at('cdn assets', 'assets');
        expect(index.nodeAt(cdn)).toBe('assets');
        expect(index.nodeAt({ line: cdn.line + 1, character: 0 })).toBeNull();
    });
});

describe('nodeAt with hyphenated names (the grammar allows `-` inside a name, not before `>`)', () => {
    const TEXT = [
        'system Hyphens {',
        '  service web-api { instances 2 }',
        '  database order-db',
        '  web-api -> order-db',
        '}'
    ].join('\n');
    let hyphens: NodeIndex;
    beforeAll(async () => {
        hyphens = indexNodes((await layoutScene(await diagramInput(TEXT))).sources);
    });
    const pos = (line: number, character: number): { line: number; character: number } => ({ line, character });

    it('finds each end of an edge line, on any character of its name', () => {
        expect(hyphens.nodeAt(pos(3, 2))).toBe('web-api');
        expect(hyphens.nodeAt(pos(3, 5))).toBe('web-api');
        expect(hyphens.nodeAt(pos(3, 13))).toBe('order-db');
        expect(hyphens.nodeAt(pos(3, 18))).toBe('order-db');
        expect(hyphens.nodeAt(pos(3, 10))).toBeNull(); // on the arrow
    });

    it('finds the declaration the cursor is in', () => {
        expect(hyphens.nodeAt(pos(1, 12))).toBe('web-api');
        expect(hyphens.nodeAt(pos(1, 25))).toBe('web-api');
        expect(hyphens.nodeAt(pos(2, 14))).toBe('order-db');
    });
});
