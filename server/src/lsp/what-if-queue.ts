/**
 * The simulation panel's what-ifs, one at a time: a request that waits behind another for the same
 * document and is overtaken by a newer one is answered null without being computed (the panel asks
 * again on every click and keeps only its latest answer). Where they are computed is the caller's: in
 * a worker thread in the Node server (what-if-thread.ts), in the browser's server worker itself, in
 * this thread when run from sources.
 */
import { whatIf, type WhatIf, type WhatIfCase } from '../estimates/what-if.js';
import type { Topology } from '../model/topology.js';

export interface WhatIfComputation {
    topology: Topology;
    case: WhatIfCase;
}

export type ComputeWhatIf = (computation: WhatIfComputation) => Promise<WhatIf>;

/** In the calling thread. */
export const computeWhatIfHere: ComputeWhatIf = async computation => whatIf(computation.topology, computation.case);

export class WhatIfQueue {
    private queue: Promise<unknown> = Promise.resolve();
    private readonly latest = new Map<string, number>();
    private ticket = 0;

    constructor(private readonly computeWhatIf: ComputeWhatIf = computeWhatIfHere) {}

    /** The what-if for document `key`; null when a newer request for it came in while this one waited. */
    compute(key: string, computation: WhatIfComputation): Promise<WhatIf | null> {
        const ticket = ++this.ticket;
        this.latest.set(key, ticket);
        const run = this.queue.then(async () => {
            if (this.latest.get(key) !== ticket) return null;
            try {
                return await this.computeWhatIf(computation);
            } finally {
                // Forget the document once its newest request is answered (one entry per open panel at most).
                if (this.latest.get(key) === ticket) this.latest.delete(key);
            }
        });
        this.queue = run.catch(() => undefined);
        return run;
    }
}
