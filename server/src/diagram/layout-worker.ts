/**
 * Entry point of the layout worker thread (out/layout-worker.cjs): elkjs is
 * synchronous and takes seconds on large graphs, so the language server lays
 * out here and its main thread keeps answering diagnostics and completion.
 * One message in (`{ id, input }`), one out (`{ id, scene }` or `{ id, error }`).
 * elkjs itself is out/layout.cjs, shared with the server and the CLI (loaded on the first message).
 */
import { parentPort } from 'node:worker_threads';
import type { DiagramInput } from './diagram-input.js';
import { layoutSceneOnDemand } from './layout-on-demand.js';

export interface LayoutRequest {
    id: number;
    input: DiagramInput;
    /** The input's sceneHash, when the server has it already. */
    hash?: string;
}

export type LayoutReply = { id: number; scene: import('./scene.js').Scene } | { id: number; error: string };

parentPort?.on('message', (request: LayoutRequest) => {
    layoutSceneOnDemand(request.input, request.hash).then(
        scene => parentPort!.postMessage({ id: request.id, scene } satisfies LayoutReply),
        (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies LayoutReply)
    );
});
