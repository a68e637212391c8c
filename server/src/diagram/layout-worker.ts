/**
 * Entry point of the layout worker thread (out/layout-worker.cjs): elkjs is
 * synchronous and takes seconds on large graphs, so the language server lays
 * out here and its main thread keeps answering diagnostics and completion.
 * One message in (`{ id, input }`), one out (`{ id, result: scene }` or `{ id, error }`).
 * elkjs itself is out/layout.cjs, shared with the server and the CLI (loaded on the first message).
 */
import { parentPort } from 'node:worker_threads';
import { answerRequests } from '../threads/worker-thread.js';
import type { DiagramInput } from './diagram-input.js';
import { layoutSceneOnDemand } from './layout-on-demand.js';

export interface LayoutRequest {
    input: DiagramInput;
    /** The input's sceneHash, when the server has it already. */
    hash?: string;
}

answerRequests(parentPort, (request: LayoutRequest) => layoutSceneOnDemand(request.input, request.hash));
