/**
 * The language server's Web Worker of the page and its layout worker: started once, by boot.js in <head>
 * (as early as the page can), and taken by main.ts.
 *
 * The page starts the layout worker itself and hands the server one end of a MessageChannel (its other
 * end to the layout worker): a worker the server started would wait until the server's bundle has been
 * evaluated (a nested worker starts once its parent's task ends), and elkjs's start-up (compiling 1.5 MB,
 * a first layout) would come after the server's instead of beside it. A layout worker that crashes is
 * replaced, and the server given the new port (server/src/web/layout-client.ts).
 */
const SERVER_WORKER = 'server-worker.js?docs=rules/&pages=html';
const LAYOUT_WORKER = 'layout-worker.js';

interface Started {
    archscopeServer?: Worker;
}

function connectLayout(server: Worker): void {
    const layout = new Worker(LAYOUT_WORKER);
    const channel = new MessageChannel();
    layout.postMessage({ connect: channel.port1 }, [channel.port1]);
    server.postMessage({ archscopeLayoutPort: channel.port2 }, [channel.port2]);
    layout.addEventListener('error', () => {
        layout.terminate();
        connectLayout(server);
    }, { once: true });
}

export function startServerWorker(): Worker {
    const global = globalThis as Started;
    if (!global.archscopeServer) {
        global.archscopeServer = new Worker(SERVER_WORKER);
        connectLayout(global.archscopeServer);
    }
    return global.archscopeServer;
}
