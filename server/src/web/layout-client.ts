/**
 * The browser's server's side of its layout worker (layout-worker.ts): layouts are asked for by message
 * and answered by message; elkjs never runs in the server's worker (its bundle is a third of the size
 * without it, `npm run bench -- web`).
 *
 * Where the layout worker comes from, the first found:
 * - the page started it and handed this worker one end of a MessageChannel (`{ archscopeLayoutPort }`):
 *   the playground (web/src/server-worker-start.ts). The page names itself in this worker's URL
 *   (`?layoutWorker=page`), and may start its layout worker later (the first diagram of an example is
 *   known, diagram/known-scenes.ts): a layout asked for before the page's port came asks the page for
 *   one (`{ archscopeLayoutWanted: true }`), and waits for it;
 * - the client's `layoutWorker` at `initialize` (VS Code for the Web: a blob: URL, BrowserServerOptions);
 * - `layout-worker.js` beside this script, at `initialize`.
 *
 * A layout past the time limit (LAYOUT_LIMIT_MS, as in the Node server) fails with that reason, and so
 * does every layout waiting on the same worker, which is ended: a worker started here is terminated and
 * started again on the next request; the page's is replaced by the page, asked with
 * `{ archscopeLayoutRestart: true }`, and the next layouts wait for its new port. A crashed worker is
 * handled the same way.
 */
import { LAYOUT_LIMIT_MS, layoutTookTooLong, type LayoutFunction } from '../diagram/layout-function.js';
import type { Scene } from '../diagram/scene.js';
import type { BrowserServerOptions, LayoutPortMessage, LayoutRestartMessage, LayoutWantedMessage } from '../protocol.js';

declare const self: DedicatedWorkerGlobalScope;

export function isLayoutPortMessage(data: unknown): data is LayoutPortMessage<MessagePort> {
    return typeof data === 'object' && data !== null && (data as Partial<LayoutPortMessage<unknown>>).archscopeLayoutPort instanceof MessagePort;
}

interface Pending {
    resolve: (scene: Scene) => void;
    reject: (error: Error) => void;
    timer: ReturnType<typeof setTimeout>;
}

type Answer = MessageEvent<{ id: number; result?: Scene; error?: string }>;

/** The longest setTimeout waits (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export class LayoutClient {
    private readonly pending = new Map<number, Pending>();
    private next = 1;
    private port: MessagePort | undefined;
    private url: URL | undefined;
    private worker: Worker | undefined;
    private failed: Error | undefined;
    private settle!: () => void;
    /** Settled once a port or a script is known; a new one while the page replaces its worker. */
    private ready = this.waitForWorker();

    /** Whether the page was asked for a worker since its last port (it is asked once per wait). */
    private asked = false;

    /**
     * `limitMs` is capped at what setTimeout can wait (a larger value would fire at once). `fromPage`: the
     * page hands over its layout worker's port, maybe after `initialize`; none is started here.
     */
    constructor(private readonly limitMs = LAYOUT_LIMIT_MS, private readonly fromPage = false) {
        this.limitMs = Math.min(limitMs, MAX_TIMEOUT_MS);
    }

    /** A port from the page (its layout worker, or the new one after a restart): used from now on. */
    usePort(port: MessagePort): void {
        // A port while another is in use: the page replaced a worker that crashed; what it was asked fails now.
        if (this.port) this.failWaiting('the layout worker failed, and was replaced');
        this.port?.close();
        // The page's worker is used from now on, instead of one started here.
        this.worker?.terminate();
        this.worker = undefined;
        this.failed = undefined;
        this.asked = false;
        this.port = port;
        port.addEventListener('message', (event: Answer) => this.answered(event));
        port.start();
        this.settle();
    }

    /** At `initialize`: without a port, the script the client names, or `layout-worker.js` beside this one. */
    onInitialize(options: BrowserServerOptions | undefined): void {
        if (this.fromPage) return;
        if (!this.port) {
            const script = options?.layoutWorker ?? 'layout-worker.js';
            try {
                this.url = new URL(script, self.location.href);
                this.start();
            } catch {
                this.failed = new Error(`no layout worker: \`${script}\` is not a script this worker can start`);
            }
        }
        this.settle();
    }

    /** The limit counts from the request, waiting for a worker included (the page may never send a new port). */
    readonly layout: LayoutFunction = (input, hash) => new Promise<Scene>((resolve, reject) => {
        const id = this.next++;
        let expired = false;
        const timer = setTimeout(() => {
            expired = true;
            if (this.pending.has(id)) this.endWorker(layoutTookTooLong(this.limitMs));
            else reject(new Error(`${layoutTookTooLong(this.limitMs)}: no layout worker was there to take it`));
        }, this.limitMs);
        if (this.fromPage && !this.port && !this.asked) {
            this.asked = true;
            self.postMessage({ archscopeLayoutWanted: true } satisfies LayoutWantedMessage);
        }
        void this.ready.then(() => {
            if (expired) return;
            if (this.failed) {
                clearTimeout(timer);
                reject(this.failed);
                return;
            }
            try {
                const to = this.port ?? this.start();
                this.pending.set(id, { resolve, reject, timer });
                to.postMessage({ id, input, hash });
            } catch (error) {
                this.pending.delete(id);
                clearTimeout(timer);
                reject(error instanceof Error ? error : new Error(String(error)));
            }
        });
    });

    private waitForWorker(): Promise<void> {
        return new Promise<void>(resolve => { this.settle = resolve; });
    }

    private answered(event: Answer): void {
        const waiting = this.pending.get(event.data.id);
        if (!waiting) return;
        this.pending.delete(event.data.id);
        clearTimeout(waiting.timer);
        if (event.data.result) waiting.resolve(event.data.result);
        else waiting.reject(new Error(event.data.error ?? 'the layout failed'));
    }

    private failWaiting(reason: string): void {
        for (const waiting of this.pending.values()) {
            clearTimeout(waiting.timer);
            waiting.reject(new Error(reason));
        }
        this.pending.clear();
    }

    /** Fails every waiting layout with `reason` and ends their worker (the page replaces its own). */
    private endWorker(reason: string): void {
        this.failWaiting(reason);
        if (this.port) {
            this.port.close();
            this.port = undefined;
            this.ready = this.waitForWorker();
            this.asked = true;
            self.postMessage({ archscopeLayoutRestart: true } satisfies LayoutRestartMessage);
        } else {
            this.worker?.terminate();
            this.worker = undefined;
        }
    }

    private start(): Worker {
        if (this.worker) return this.worker;
        if (!this.url) throw new Error('no layout worker');
        const started = new Worker(this.url);
        started.addEventListener('message', (event: Answer) => this.answered(event));
        started.addEventListener('error', event => {
            if (this.worker === started) this.endWorker(`the layout worker failed: ${event.message}`);
        });
        this.worker = started;
        return started;
    }
}
