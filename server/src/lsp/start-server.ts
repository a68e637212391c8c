/** The Node language server: serve.ts over stdio, IPC or a socket, with worker threads for layouts and what-ifs. */
import { format } from 'node:util';
import { URI, UriUtils } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node.js';
import { createArchServices } from '../arch-module.js';
import { nodeModuleOptions } from '../arch-module-node.js';
import { serveArchscope } from './serve.js';
import { rasterizePng } from '../diagram/rasterize-png.js';
import { WhatIfThread } from './what-if-thread.js';
import { layoutSceneOnDemand } from '../diagram/layout-on-demand.js';
import { LayoutThread } from '../diagram/layout-thread.js';
import { GuardedMessageReader } from './transport/guarded-reader.js';
import { transportFromArgs } from './transport/server-transport.js';

/**
 * Starts the server on the transport named on the command line
 * (`--stdio`, `--node-ipc` or `--socket=N`, as vscode-languageserver reads them).
 * `docsFrom` is where to look for `docs/rules` (the folder of the running bundle).
 */
export function startServer(docsFrom: string): void {
    const transport = transportFromArgs(process.argv.slice(2));
    // Bound once the services exist; nothing is read before `listen` (startLanguageServer, below).
    let acceptsDocument: (uri: string, languageId: string) => boolean = () => false;
    let connection: Connection | undefined;
    const reader = new GuardedMessageReader(transport.reader, transport.writer, {
        acceptsDocument: (uri, languageId) => acceptsDocument(uri, languageId),
        log: message => connection?.console.warn(message),
        fatal: reason => {
            process.stderr.write(`archscope lsp: ${reason}; the input stream cannot be re-synchronised, so the server exits (the editor restarts it).\n`);
            process.exit(1);
        }
    });
    connection = createConnection(ProposedFeatures.all, reader, transport.writer);
    // The input closed: the client is gone. An orderly end (shutdown, then exit) never gets here.
    reader.onClose(() => process.exit(reader.shutdownReceived ? 0 : 1));
    if (transport.stdio) routeConsoleTo(connection);
    keepServingAfterErrors(connection);
    answerHeapRequests(connection);

    const { shared, Arch } = createArchServices({ connection, ...NodeFileSystem }, nodeModuleOptions(docsFrom));
    const { languageId, fileExtensions } = Arch.LanguageMetaData;
    acceptsDocument = (uri, id) => id === languageId || hasExtension(uri, fileExtensions);
    // The bundle lays out and computes what-ifs in worker threads; run from sources (no worker bundles), in this thread.
    const layoutThread = LayoutThread.beside(docsFrom);
    const whatIfThread = new WhatIfThread(docsFrom);
    connection.onExit(() => {
        layoutThread?.dispose();
        whatIfThread.dispose();
    });
    serveArchscope(connection, shared, Arch, {
        layout: layoutThread?.layout ?? layoutSceneOnDemand, computeWhatIf: whatIfThread.compute, png: { rasterize: rasterizePng }
    });
}

function hasExtension(uri: string, extensions: readonly string[]): boolean {
    try {
        return extensions.includes(UriUtils.extname(URI.parse(uri)));
    } catch {
        return false; // not a URI at all
    }
}

/** With the protocol on stdout, a stray console.log would corrupt it: the console goes to the client's log instead. */
function routeConsoleTo(connection: Connection): void {
    console.log = (...args: unknown[]) => connection.console.log(format(...args));
    console.info = (...args: unknown[]) => connection.console.info(format(...args));
    console.debug = (...args: unknown[]) => connection.console.log(format(...args));
    console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
    console.error = (...args: unknown[]) => connection.console.error(format(...args));
}

/**
 * An exception that escapes a document build or a handler must not end the server: every open
 * document would be lost with it. Requests already answer with an error (Langium's handlers catch);
 * what escapes elsewhere (a rejected build promise, a throw in a timer) is logged here, and the
 * server goes on serving. The input itself is checked first (transport/guarded-reader.ts), so
 * this is the net under bugs, not the way bad input is handled.
 */
function keepServingAfterErrors(connection: Connection): void {
    const report = (what: string) => (error: unknown): void => {
        try {
            connection.console.error(`archscope: ${what}, the server goes on: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        } catch {
            process.stderr.write(`archscope: ${what}: ${String(error)}\n`);
        }
    };
    process.on('unhandledRejection', report('an operation failed'));
    process.on('uncaughtException', report('an exception was not caught'));
}

/**
 * For `npm run bench -- fuzz`, which starts the server with `node --expose-gc`: the heap in use after
 * a full collection, what a large document left behind. Without `--expose-gc` the method does not exist.
 */
export const HEAP_AFTER_GC_METHOD = 'archscope/debug/heapAfterGc';

function answerHeapRequests(connection: Connection): void {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (typeof gc !== 'function') return;
    connection.onRequest(HEAP_AFTER_GC_METHOD, () => {
        gc();
        return { heapUsed: process.memoryUsage().heapUsed };
    });
}
