/**
 * The language server's Web Worker of the page and its layout worker: started once, by boot.js in <head>
 * (as early as the page can), and taken by main.ts.
 *
 * The page starts the layout worker itself and hands the server one end of a MessageChannel (its other
 * end to the layout worker): a worker the server started would wait until the server's bundle has been
 * evaluated (a nested worker starts once its parent's task ends), and elkjs's start-up (compiling 1.5 MB,
 * a first layout) would come after the server's instead of beside it. A layout worker that crashes, or
 * that the server gives up on (a layout past its time limit), is replaced, and the server given the new
 * port (server/src/web/layout-client.ts).
 */
import type { LayoutPortMessage, LayoutRestartMessage } from '../../server/src/protocol.js';

const SERVER_WORKER = 'server-worker.js?docs=rules/&pages=html';
const LAYOUT_WORKER = 'layout-worker.js';

interface Started {
    archscopeServer?: Worker;
}

/** Restarts within this long of each other count as one run of failures. */
const FAILURE_WINDOW_MS = 60_000;
/** A worker that cannot start (a missing file, a browser elkjs fails in) is not started again and again. */
const MAX_RESTARTS = 3;
/** The pause before the first restart, doubled before each next one. */
const FIRST_PAUSE_MS = 250;

/**
 * Starts a layout worker and connects the server to it; again when it crashes or the server asks (a layout
 * ran past its limit), after a growing pause, and not after MAX_RESTARTS in a row: the server's layouts then
 * fail with its time limit's reason, and the diagram says so.
 */
function connectLayout(server: Worker): void {
    /** The worker in use; none while a replacement waits (a worker can report more than one error). */
    let layout: Worker | undefined;
    let restarts = 0;
    let lastRestart = 0;
    const connect = (): void => {
        const started = new Worker(LAYOUT_WORKER);
        const channel = new MessageChannel();
        started.postMessage({ connect: channel.port1 }, [channel.port1]);
        server.postMessage({ archscopeLayoutPort: channel.port2 } satisfies LayoutPortMessage<MessagePort>, [channel.port2]);
        started.addEventListener('error', () => { if (started === layout) replace(); });
        layout = started;
    };
    const replace = (): void => {
        if (!layout) return;
        layout.terminate();
        layout = undefined;
        const now = Date.now();
        restarts = now - lastRestart > FAILURE_WINDOW_MS ? 1 : restarts + 1;
        lastRestart = now;
        if (restarts > MAX_RESTARTS) return;
        setTimeout(connect, FIRST_PAUSE_MS * 2 ** (restarts - 1));
    };
    connect();
    server.addEventListener('message', event => {
        if ((event.data as Partial<LayoutRestartMessage> | null)?.archscopeLayoutRestart === true) replace();
    });
}

export function startServerWorker(): Worker {
    const global = globalThis as Started;
    if (!global.archscopeServer) {
        global.archscopeServer = new Worker(SERVER_WORKER);
        connectLayout(global.archscopeServer);
    }
    return global.archscopeServer;
}
