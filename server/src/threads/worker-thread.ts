/**
 * One worker thread that answers requests one at a time (`{ id, ...request }` in, `{ id, result }` or
 * `{ id, error }` out), so the thread that answers the editor never waits on a long computation: the
 * diagram's layout (elkjs is synchronous) and the simulation panel's what-if. A request that crashes the
 * worker or runs past the time limit ends that worker, and every request waiting on it; the next
 * request starts a fresh one.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/** What a worker entry point posts back for request `id`. */
export type WorkerReply<Result> = { id: number; result: Result } | { id: number; error: string };

export class WorkerThread<Request extends object, Result> {
    private worker: Worker | undefined;
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();

    /** `timeout`: the error a request past `limitMs` fails with (the worker is ended with it). */
    constructor(private readonly script: string, private readonly limitMs: number, private readonly timeout: () => Error) {}

    /** The worker bundle `name` beside the running bundle, or undefined when there is none (run from sources). */
    static beside<Request extends object, Result>(folder: string, name: string, limitMs: number, timeout: () => Error): WorkerThread<Request, Result> | undefined {
        const script = resolve(folder, name);
        return existsSync(script) ? new WorkerThread<Request, Result>(script, limitMs, timeout) : undefined;
    }

    request(request: Request): Promise<Result> {
        return new Promise<Result>((resolve, reject) => {
            const worker = this.start();
            const id = this.nextId++;
            const timer = setTimeout(() => this.fail(this.timeout()), this.limitMs);
            this.pending.set(id, { resolve, reject, timer });
            try {
                worker.postMessage({ ...request, id });
            } catch (error) {
                // Not cloneable: this request fails alone, and its timer must not end the worker later.
                clearTimeout(timer);
                this.pending.delete(id);
                reject(error instanceof Error ? error : new Error(String(error)));
            }
        });
    }

    dispose(): void {
        void this.worker?.terminate();
        this.worker = undefined;
    }

    private start(): Worker {
        if (this.worker) return this.worker;
        const worker = new Worker(this.script);
        worker.unref();
        worker.on('message', (reply: WorkerReply<Result>) => {
            const waiting = this.pending.get(reply.id);
            if (!waiting) return;
            this.pending.delete(reply.id);
            clearTimeout(waiting.timer);
            if ('result' in reply) waiting.resolve(reply.result);
            else waiting.reject(new Error(reply.error));
        });
        worker.on('error', error => { if (this.worker === worker) this.fail(error); });
        worker.on('exit', code => { if (this.worker === worker) this.fail(new Error(`the worker thread exited (${code})`)); });
        this.worker = worker;
        return worker;
    }

    /** Ends the worker and every request waiting on it. */
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

/** A worker entry point's loop: each request answered by `answer`, its result or its error posted back. */
export function answerRequests<Request extends object, Result>(port: { on(event: 'message', listener: (message: Request & { id: number }) => void): unknown; postMessage(message: WorkerReply<Result>): void } | null, answer: (request: Request) => Result | Promise<Result>): void {
    const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
    port?.on('message', request => {
        Promise.resolve()
            .then(() => answer(request))
            .then(result => port.postMessage({ id: request.id, result }))
            // An answer that throws, or a result that cannot be posted (not cloneable): the request's error.
            .catch((error: unknown) => port.postMessage({ id: request.id, error: message(error) }));
    });
}
