/**
 * Lays out scenes in a worker thread (out/layout-worker.cjs beside the
 * server bundle), one at a time, so the thread that answers the editor never
 * waits on elkjs. A layout that crashes the worker or runs past the time
 * limit ends that worker; the next request starts a fresh one.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DiagramInput } from './diagram-input.js';
import type { Scene } from './scene.js';
import type { LayoutReply, LayoutRequest } from './layout-worker.js';

/**
 * Longer than any model a person writes takes (1,000 nodes: about 2.5 s on two cores). The server's
 * limit and the CLI's default (`archscope export --layout-timeout` raises it).
 */
export const LAYOUT_LIMIT_MS = 60_000;

/** Lays out `input`; `hash` is its sceneHash when the caller computed it already (it is not computed twice). */
export type LayoutFunction = (input: DiagramInput, hash?: string) => Promise<Scene>;

/** A layout that ran past the limit (told apart from a crash: the CLI says how to raise the limit). */
export class LayoutTimeoutError extends Error {
    constructor(readonly limitMs: number) {
        super(`the layout took longer than ${limitMs / 1000} s`);
    }
}

export class LayoutThread {
    private worker: Worker | undefined;
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (scene: Scene) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();

    constructor(private readonly script: string, private readonly limitMs = LAYOUT_LIMIT_MS) {}

    /** The worker bundle beside the running bundle, or undefined when there is none (run from sources). */
    static beside(folder: string, limitMs = LAYOUT_LIMIT_MS): LayoutThread | undefined {
        const script = resolve(folder, 'layout-worker.cjs');
        return existsSync(script) ? new LayoutThread(script, limitMs) : undefined;
    }

    readonly layout: LayoutFunction = (input, hash) => new Promise<Scene>((resolve, reject) => {
        const worker = this.start();
        const id = this.nextId++;
        const timer = setTimeout(() => this.fail(new LayoutTimeoutError(this.limitMs)), this.limitMs);
        this.pending.set(id, { resolve, reject, timer });
        worker.postMessage({ id, input, hash } satisfies LayoutRequest);
    });

    dispose(): void {
        void this.worker?.terminate();
        this.worker = undefined;
    }

    private start(): Worker {
        if (this.worker) return this.worker;
        const worker = new Worker(this.script);
        worker.unref();
        worker.on('message', (reply: LayoutReply) => {
            const waiting = this.pending.get(reply.id);
            if (!waiting) return;
            this.pending.delete(reply.id);
            clearTimeout(waiting.timer);
            if ('scene' in reply) waiting.resolve(reply.scene);
            else waiting.reject(new Error(reply.error));
        });
        worker.on('error', error => this.fail(error));
        worker.on('exit', code => { if (this.worker === worker) this.fail(new Error(`the layout worker exited (${code})`)); });
        this.worker = worker;
        return worker;
    }

    /** Ends the worker and every layout waiting on it. */
    private fail(error: Error): void {
        const worker = this.worker;
        this.worker = undefined;
        void worker?.terminate();
        for (const [id, waiting] of this.pending) {
            clearTimeout(waiting.timer);
            waiting.reject(error);
            this.pending.delete(id);
        }
    }
}
