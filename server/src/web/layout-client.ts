/**
 * The browser's server's side of its layout worker (layout-worker.ts): layouts are asked for by message
 * and answered by message; elkjs never runs in the server's worker (its bundle is a third of the size
 * without it, `npm run bench -- web`).
 *
 * Where the layout worker comes from, the first found:
 * - the page started it and handed this worker one end of a MessageChannel (`{ archscopeLayoutPort }`,
 *   sent before `initialize`): the playground (web/src/server-worker-start.ts), so that elkjs starts
 *   while this worker's bundle is still being evaluated; a later port replaces it (the page started a
 *   new one after a crash);
 * - the client's `layoutWorker` at `initialize` (VS Code for the Web: a blob: URL, BrowserServerOptions);
 * - `layout-worker.js` beside this script, at `initialize`.
 * A worker started here is started again on the next request after a crash.
 */
import type { LayoutFunction } from '../diagram/layout-function.js';
import type { Scene } from '../diagram/scene.js';
import type { BrowserServerOptions } from '../protocol.js';

declare const self: DedicatedWorkerGlobalScope;

/** The message that hands this worker a layout worker's port (web/src/server-worker-start.ts sends it). */
export interface LayoutPortMessage {
    archscopeLayoutPort: MessagePort;
}

export function isLayoutPortMessage(data: unknown): data is LayoutPortMessage {
    return typeof data === 'object' && data !== null && (data as Partial<LayoutPortMessage>).archscopeLayoutPort instanceof MessagePort;
}

interface Pending {
    resolve: (scene: Scene) => void;
    reject: (error: Error) => void;
}

type Answer = MessageEvent<{ id: number; result?: Scene; error?: string }>;

export class LayoutClient {
    private readonly pending = new Map<number, Pending>();
    private next = 1;
    private port: MessagePort | undefined;
    private url: URL | undefined;
    private worker: Worker | undefined;
    private failed: Error | undefined;
    private known!: () => void;
    /** Settled once a port or a script is known. */
    private readonly ready = new Promise<void>(resolve => { this.known = resolve; });

    /** A port from the page: used from now on; what was asked of a previous one fails (its worker is gone). */
    usePort(port: MessagePort): void {
        if (this.port) this.failAll('the layout worker failed, and was replaced');
        this.port = port;
        port.addEventListener('message', (event: Answer) => this.answered(event));
        port.start();
        this.known();
    }

    /** At `initialize`: without a port, the script the client names, or `layout-worker.js` beside this one. */
    onInitialize(options: BrowserServerOptions | undefined): void {
        if (!this.port) {
            const script = options?.layoutWorker ?? 'layout-worker.js';
            try {
                this.url = new URL(script, self.location.href);
                this.start();
            } catch {
                this.failed = new Error(`no layout worker: \`${script}\` is not a script this worker can start`);
            }
        }
        this.known();
    }

    readonly layout: LayoutFunction = async (input, hash) => {
        await this.ready;
        if (this.failed) throw this.failed;
        const to = this.port ?? this.start();
        return new Promise<Scene>((resolve, reject) => {
            const id = this.next++;
            this.pending.set(id, { resolve, reject });
            to.postMessage({ id, input, hash });
        });
    };

    private answered(event: Answer): void {
        const waiting = this.pending.get(event.data.id);
        if (!waiting) return;
        this.pending.delete(event.data.id);
        if (event.data.result) waiting.resolve(event.data.result);
        else waiting.reject(new Error(event.data.error ?? 'the layout failed'));
    }

    private failAll(reason: string): void {
        for (const waiting of this.pending.values()) waiting.reject(new Error(reason));
        this.pending.clear();
    }

    private start(): Worker {
        if (this.worker) return this.worker;
        if (!this.url) throw new Error('no layout worker');
        const started = new Worker(this.url);
        started.addEventListener('message', (event: Answer) => this.answered(event));
        started.addEventListener('error', event => {
            this.failAll(`the layout worker failed: ${event.message}`);
            started.terminate();
            if (this.worker === started) this.worker = undefined;
        });
        this.worker = started;
        return started;
    }
}
