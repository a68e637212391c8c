/**
 * The Node server computes the simulation panel's what-ifs in a worker thread (out/what-if-worker.cjs
 * beside the server bundle), so a what-if never holds up diagnostics, completion or a layout; run from
 * sources (no worker bundle), in this thread.
 */
import type { WhatIf } from '../estimates/what-if.js';
import { WorkerThread } from '../threads/worker-thread.js';
import { computeWhatIfHere, type ComputeWhatIf, type WhatIfComputation } from './what-if-queue.js';

/** Longer than any what-if takes (1,000 nodes: a few seconds); past it the worker is ended and the panel gets none. */
export const WHAT_IF_LIMIT_MS = 30_000;

export class WhatIfThread {
    private readonly thread: WorkerThread<WhatIfComputation, WhatIf> | undefined;

    constructor(folder: string | undefined, limitMs = WHAT_IF_LIMIT_MS) {
        this.thread = folder === undefined ? undefined
            : WorkerThread.beside<WhatIfComputation, WhatIf>(folder, 'what-if-worker.cjs', limitMs, () => new Error(`the what-if took longer than ${limitMs / 1000} s`));
    }

    readonly compute: ComputeWhatIf = computation => this.thread ? this.thread.request(computation) : computeWhatIfHere(computation);

    dispose(): void {
        this.thread?.dispose();
    }
}
