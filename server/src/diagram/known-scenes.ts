/**
 * Layouts made before they are asked for: the playground's site is built with the scene of each
 * bundled example (`examples/scenes.HASH.json`, laid out at build time by the same code), so opening the
 * page draws its example without waiting for elkjs to start in the browser (about 1.5 s of a busy
 * core). A scene is found by the hash of the whole input it was laid out from (scene-hash.ts), and
 * the same input always gives the same scene (layout.ts), so a known scene is exactly the one the
 * layout would make; any other input, an edit included, is laid out as before.
 */
import type { LayoutFunction } from './layout-function.js';
import { sceneHash } from './scene-hash.js';
import type { Scene } from './scene.js';

/** The scenes of `data` (a parsed scenes file) by hash; what is not a scene with a hash is left out. */
export function knownScenesOf(data: unknown): Map<string, Scene> {
    const scenes = new Map<string, Scene>();
    if (!Array.isArray(data)) return scenes;
    for (const scene of data as unknown[]) {
        if (isScene(scene)) scenes.set(scene.hash, scene);
    }
    return scenes;
}

function isScene(value: unknown): value is Scene {
    if (typeof value !== 'object' || value === null) return false;
    const scene = value as Partial<Record<keyof Scene, unknown>>;
    return typeof scene.hash === 'string' && typeof scene.system === 'string' && typeof scene.width === 'number' && typeof scene.height === 'number'
        && Array.isArray(scene.nodes) && Array.isArray(scene.groups) && Array.isArray(scene.edges) && Array.isArray(scene.zones) && Array.isArray(scene.sources);
}

/**
 * `layout`, answering from `known` first. `known` is awaited (it may still be loading when the first
 * scene is asked for), so whether a scene is known never depends on which arrives first; it must
 * resolve, to an empty map when the scenes could not be loaded.
 */
export function withKnownScenes(layout: LayoutFunction, known: Promise<ReadonlyMap<string, Scene>>): LayoutFunction {
    return async (input, hash = sceneHash(input)) => {
        const scene = (await known).get(hash);
        // The hash is FNV-1a, not made to resist collisions: a scene of another system is never shown.
        return scene && scene.system === input.topology.name ? scene : layout(input, hash);
    };
}
