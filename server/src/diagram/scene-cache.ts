/**
 * Scenes remembered by the hash of the input they were laid out from: the
 * panel asks again after every edit, and most edits (or a reopened panel, or
 * an export after a look) change nothing a layout depends on.
 */
import type { DiagramInput } from './diagram-input.js';
import { sceneHash } from './scene-hash.js';
import type { Scene } from './scene.js';

export class SceneCache {
    /** Insertion order is use order: the first key is the least recently used. */
    private readonly scenes = new Map<string, Promise<Scene>>();

    constructor(private readonly layout: (input: DiagramInput, hash: string) => Promise<Scene>, private readonly capacity = 16) {}

    sceneOf(input: DiagramInput): Promise<Scene> {
        const hash = sceneHash(input);
        let scene = this.scenes.get(hash);
        if (scene) {
            this.scenes.delete(hash);
        } else {
            scene = this.layout(input, hash); // hashed once: the layout reuses it as the scene's hash
            // A failed layout is not remembered: the next request tries again.
            scene.catch(() => this.scenes.delete(hash));
        }
        this.scenes.set(hash, scene);
        while (this.scenes.size > this.capacity) this.scenes.delete(this.scenes.keys().next().value!);
        return scene;
    }
}
