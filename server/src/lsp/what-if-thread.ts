/**
 * Computes the simulation panel's what-ifs in a worker thread (out/what-if-worker.cjs beside the server
 * bundle), so a what-if never holds up diagnostics, completion or a layout; run from sources (no worker
 * bundle), in this thread. One at a time: a request that waits behind another for the same document and
 * is overtaken by a newer one is answered null without being computed (the panel asks again on every
 * click and keeps only its latest answer).
 */
import { whatIf, type WhatIf, type WhatIfCase } from '../estimates/what-if.js';
import type { Topology } from '../model/topology.js';
import { WorkerThread } from '../threads/worker-thread.js';

export interface WhatIfComputation {
    topology: Topology;
    case: WhatIfCase;
}

/** Longer than any what-if takes (1,000 nodes: a few seconds); past it the worker is ended and the panel gets none. */
export const WHAT_IF_LIMIT_MS = 30_000;

export class WhatIfThread {
    private readonly thread: WorkerThread<WhatIfComputation, WhatIf> | undefined;
    private queue: Promise<unknown> = Promise.resolve();
    private readonly latest = new Map<string, number>();
    private ticket = 0;

    constructor(folder: string | undefined, limitMs = WHAT_IF_LIMIT_MS) {
        this.thread = folder === undefined ? undefined
            : WorkerThread.beside<WhatIfComputation, WhatIf>(folder, 'what-if-worker.cjs', limitMs, () => new Error(`the what-if took longer than ${limitMs / 1000} s`));
    }

    /** Whether it computes in a worker thread (false: in this one). */
    get threaded(): boolean {
        return this.thread !== undefined;
    }

    /** The what-if for document `key`; null when a newer request for it came in while this one waited. */
    compute(key: string, computation: WhatIfComputation): Promise<WhatIf | null> {
        const ticket = ++this.ticket;
        this.latest.set(key, ticket);
        const run = this.queue.then(async () => {
            if (this.latest.get(key) !== ticket) return null;
            try {
                return await (this.thread ? this.thread.request(computation) : whatIf(computation.topology, computation.case));
            } finally {
                // Forget the document once its newest request is answered (one entry per open panel at most).
                if (this.latest.get(key) === ticket) this.latest.delete(key);
            }
        });
        this.queue = run.catch(() => undefined);
        return run;
    }

    dispose(): void {
        this.thread?.dispose();
    }
}
