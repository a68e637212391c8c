/**
 * The layout, loaded on its first use. elkjs is 3.4 MB of the 5.2 MB CLI and server bundles, and
 * compiling it was about a quarter of every `archscope check` (0.28 → 0.21 s for the example without
 * it), though only an export or a diagram needs it. In the bundles this import is `out/layout.cjs`,
 * a file of its own (scripts/bundle.mjs); run from sources it is the module itself.
 */
import type { DiagramInput } from './diagram-input.js';
import type { Scene } from './scene.js';

export async function layoutSceneOnDemand(input: DiagramInput, hash?: string): Promise<Scene> {
    const { layoutScene } = await import('./layout.js');
    return layoutScene(input, hash);
}
