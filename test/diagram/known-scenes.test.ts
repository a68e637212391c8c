/**
 * Scenes laid out before they are asked for (server/src/diagram/known-scenes.ts): the playground's examples,
 * laid out when its site is built (scripts/lay-out-examples.ts). A known scene is answered without a layout,
 * and only for the very input it was laid out from.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { knownScenesOf, withKnownScenes } from '../../server/src/diagram/known-scenes.js';
import { layoutScene } from '../../server/src/diagram/layout.js';
import type { LayoutFunction } from '../../server/src/diagram/layout-function.js';
import { sceneHash } from '../../server/src/diagram/scene-hash.js';
import { layOutExamples } from '../../scripts/lay-out-examples.js';
import { inputOf, SHOP } from './input-of.js';

/** A layout that counts its calls and lays out for real. */
function counted(): { layout: LayoutFunction; calls: () => number } {
    let calls = 0;
    return { layout: (input, hash) => { calls++; return layoutScene(input, hash); }, calls: () => calls };
}

describe('known scenes', () => {
    test('the scene of an input laid out before is answered without a layout, and is the one a layout makes', async () => {
        const input = await inputOf(SHOP);
        const laidOut = await layoutScene(input);
        const { layout, calls } = counted();
        const known = withKnownScenes(layout, Promise.resolve(knownScenesOf(JSON.parse(JSON.stringify([laidOut])))));
        expect(await known(input)).toEqual(laidOut);
        expect(await known(input, sceneHash(input))).toEqual(laidOut);
        expect(calls()).toBe(0);
    });

    test('any other input is laid out: one word changed is another scene', async () => {
        const input = await inputOf(SHOP);
        const { layout, calls } = counted();
        const known = withKnownScenes(layout, Promise.resolve(knownScenesOf([await layoutScene(input)])));
        const edited = await inputOf(SHOP.replace(/instances (\d+)/, (_, n: string) => `instances ${Number(n) + 1}`));
        const scene = await known(edited);
        expect(calls()).toBe(1);
        expect(scene.hash).toBe(sceneHash(edited));
        expect(scene.hash).not.toBe(sceneHash(input));
    });

    test('a scene filed under the input\'s hash but of another system is not shown (the hash resists no collision)', async () => {
        const input = await inputOf(SHOP);
        const { layout, calls } = counted();
        const impostor = { ...(await layoutScene(input)), system: 'another' };
        const known = withKnownScenes(layout, Promise.resolve(knownScenesOf([impostor])));
        expect((await known(input)).system).toBe(input.topology.name);
        expect(calls()).toBe(1);
    });

    test('the scenes are awaited: a layout asked for before they loaded still finds its scene', async () => {
        const input = await inputOf(SHOP);
        const laidOut = await layoutScene(input);
        let loaded!: (scenes: ReadonlyMap<string, typeof laidOut>) => void;
        const { layout, calls } = counted();
        const known = withKnownScenes(layout, new Promise(resolve => { loaded = resolve; }));
        const asked = known(input);
        loaded(knownScenesOf([laidOut]));
        expect(await asked).toEqual(laidOut);
        expect(calls()).toBe(0);
    });

    test('what is not a scene with a hash is left out of a scenes file', () => {
        const scene = { system: 's', hash: 'abc', width: 1, height: 1, zones: [], nodes: [], groups: [], edges: [], sources: [] };
        expect([...knownScenesOf([scene, null, 3, 'x', { ...scene, hash: 7 }, { ...scene, hash: 'def', nodes: 'no' }]).keys()]).toEqual(['abc']);
        expect(knownScenesOf({ hash: 'abc' }).size).toBe(0);
        expect(knownScenesOf(undefined).size).toBe(0);
    });

    test('the build lays out each example from the input the rules and estimates give for it, findings included (the browser\'s own is tested in test/web)', async () => {
        const shop = readFileSync('examples/shop.arch', 'utf8');
        const [scene] = await layOutExamples([shop]);
        expect(scene.system).toBe('Shop');
        expect(scene.nodes.length).toBeGreaterThan(5);
        expect(scene.hash).toBe(sceneHash(await inputOf(shop)));
    });
});
