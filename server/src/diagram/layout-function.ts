import type { DiagramInput } from './diagram-input.js';
import type { Scene } from './scene.js';

/**
 * Lays out `input`; `hash` is its sceneHash when the caller computed it already (it is not computed twice).
 * In a worker thread in the Node server (layout-thread.ts), in a Web Worker of its own in the browser
 * (web/layout-worker.ts).
 */
export type LayoutFunction = (input: DiagramInput, hash?: string) => Promise<Scene>;
