/**
 * Lays out scenes in a worker thread (out/layout-worker.cjs beside the
 * server bundle), one at a time, so the thread that answers the editor never
 * waits on elkjs. A layout that crashes the worker or runs past the time
 * limit ends that worker; the next request starts a fresh one (threads/worker-thread.ts).
 */
import { WorkerThread } from '../threads/worker-thread.js';
import { LAYOUT_LIMIT_MS, layoutTookTooLong, type LayoutFunction } from './layout-function.js';
import type { Scene } from './scene.js';
import type { LayoutRequest } from './layout-worker.js';

/** A layout that ran past the limit (told apart from a crash: the CLI says how to raise the limit). */
export class LayoutTimeoutError extends Error {
    constructor(readonly limitMs: number) {
        super(layoutTookTooLong(limitMs));
    }
}

export class LayoutThread {
    private constructor(private readonly thread: WorkerThread<LayoutRequest, Scene>) {}

    /** The worker bundle beside the running bundle, or undefined when there is none (run from sources). */
    static beside(folder: string, limitMs = LAYOUT_LIMIT_MS): LayoutThread | undefined {
        const thread = WorkerThread.beside<LayoutRequest, Scene>(folder, 'layout-worker.cjs', limitMs, () => new LayoutTimeoutError(limitMs));
        return thread ? new LayoutThread(thread) : undefined;
    }

    readonly layout: LayoutFunction = (input, hash) => this.thread.request({ input, hash });

    dispose(): void {
        this.thread.dispose();
    }
}
