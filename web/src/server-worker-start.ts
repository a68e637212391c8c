/**
 * The language server's Web Worker of the page and its layout worker: started once, by boot.js in <head>
 * (as early as the page can), and taken by main.ts.
 *
 * The page starts the layout worker itself and hands the server one end of a MessageChannel (its other
 * end to the layout worker): a worker the server started would wait until the server's bundle has been
 * evaluated (a nested worker starts once its parent's task ends).
 *
 * When. The examples' scenes were laid out when the site was built (examples/scenes.HASH.json, which the server
 * is given; server/src/diagram/known-scenes.ts), so the page's first diagram needs no layout worker, and
 * elkjs's start-up (compiling 1.5 MB, a first layout: about 1.5 s of a core) would only slow the server's
 * first check down on a two-core machine. So the layout worker is started once the first diagram is drawn
 * (`startLayoutWorker()`, from main.ts), ready for the first edit; at once when the page opens a share link
 * (a design of its own, which needs a layout at once); and whenever the server asks for one first.
 *
 * A layout worker that crashes, or that the server gives up on (a layout past its time limit), is replaced,
 * and the server given the new port (server/src/web/layout-client.ts).
 */
import type { LayoutPortMessage, LayoutRestartMessage, LayoutWantedMessage } from '../../server/src/protocol.js';
import { carriesModel } from './share-link.js';

/** The examples' scenes (`examples/scenes.HASH.json`): named by scripts/build-web.mjs when it bundles the page. */
declare const ARCHSCOPE_SCENES_FILE: string;

const SERVER_WORKER = `server-worker.js?docs=rules/&pages=html&scenes=${encodeURIComponent(ARCHSCOPE_SCENES_FILE)}&layoutWorker=page`;
const LAYOUT_WORKER = 'layout-worker.js';

/** boot.js and playground.js are two bundles of this module: what they share lives on the page's global object. */
interface Started {
    archscopeServer?: Worker;
    archscopeStartLayout?: () => void;
}

/** Restarts within this long of each other count as one run of failures. */
const FAILURE_WINDOW_MS = 60_000;
/** A worker that cannot start (a missing file, a browser elkjs fails in) is not started again and again. */
const MAX_RESTARTS = 3;
/** The pause before the first restart, doubled before each next one. */
const FIRST_PAUSE_MS = 250;

/**
 * What starts a layout worker and connects the server to it, once; again when it crashes or the server asks
 * (a layout ran past its limit), after a growing pause, and not after MAX_RESTARTS in a row: the server's
 * layouts then fail with its time limit's reason, and the diagram says so.
 */
function layoutStarter(server: Worker): () => void {
    /** The worker in use; none while a replacement waits (a worker can report more than one error). */
    let layout: Worker | undefined;
    let started = false;
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
    const start = (): void => {
        if (started) return;
        // For the tests and the bench: when (boot.js may run before <body> exists).
        document.documentElement.dataset.layoutWorkerStarted = String(Math.round(performance.now()));
        connect();
        // Only once it started: a worker the browser refused (connect threw) is tried again when next asked.
        started = true;
    };
    server.addEventListener('message', event => {
        const data = event.data as Partial<LayoutRestartMessage & LayoutWantedMessage> | null;
        if (data?.archscopeLayoutRestart === true) replace();
        else if (data?.archscopeLayoutWanted === true) start();
    });
    return start;
}

export function startServerWorker(): Worker {
    const global = globalThis as Started;
    if (!global.archscopeServer) {
        global.archscopeServer = new Worker(SERVER_WORKER);
        global.archscopeStartLayout = layoutStarter(global.archscopeServer);
        // A share link's design is not an example: its first diagram needs the layout worker.
        if (carriesModel(window.location.hash)) global.archscopeStartLayout();
    }
    return global.archscopeServer;
}

/** Starts the layout worker if it was not started yet (the first diagram is drawn: the next edit will need it). */
export function startLayoutWorker(): void {
    (globalThis as Started).archscopeStartLayout?.();
}
