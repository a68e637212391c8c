import type { DiagramInput } from './diagram-input.js';
import type { Scene } from './scene.js';

/**
 * Lays out `input`; `hash` is its sceneHash when the caller computed it already (it is not computed twice).
 * In a worker thread in the Node server (layout-thread.ts), in a Web Worker of its own in the browser
 * (web/layout-worker.ts).
 */
export type LayoutFunction = (input: DiagramInput, hash?: string) => Promise<Scene>;

/**
 * How long a layout may take before it fails with that reason and its worker is ended (the next layout
 * gets a fresh one): longer than any model a person writes takes (1,000 nodes: about 2.5 s on two cores).
 * The Node server's limit, the browser's, and the CLI's default (`archscope export --layout-timeout` raises it).
 */
export const LAYOUT_LIMIT_MS = 60_000;

/** The reason a layout past its limit fails with. */
export function layoutTookTooLong(limitMs: number): string {
    return `the layout took longer than ${limitMs / 1000} s`;
}
