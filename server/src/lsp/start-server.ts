/** The language server: Langium's LSP services over a connection, plus archscope's settings. */
import { format } from 'node:util';
import { URI, UriUtils } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { CodeLensRefreshRequest, createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node.js';
import { createArchServices } from '../arch-module.js';
import { SETTINGS_SECTION } from '../language/workspace/arch-configuration.js';
import { DiagramService } from './diagram-service.js';
import { WhatIfService } from './what-if-service.js';
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

    const { shared, Arch } = createArchServices({ connection, ...NodeFileSystem }, { docsFrom });
    const { languageId, fileExtensions } = Arch.LanguageMetaData;
    acceptsDocument = (uri, id) => id === languageId || hasExtension(uri, fileExtensions);
    const configuration = shared.workspace.ConfigurationProvider;

    // Through the workspace lock, as Langium's own edits are: two builds running at once over one
    // document can validate it twice, and Langium appends a second validation's diagnostics to the first's.
    const revalidateAll = async (): Promise<void> => {
        const uris: URI[] = shared.workspace.LangiumDocuments.all.map(document => document.uri).toArray();
        if (uris.length > 0) await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(uris, [], token));
    };

    // Code lenses are asked for by the editor; after `archscope.codeLens.enabled` changes it is told to ask again.
    let canRefreshLenses = false;
    shared.lsp.LanguageServer.onInitialize(params => {
        canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    });
    const refreshLenses = (): void => {
        // A refused refresh costs nothing: the editor asks again with the next edit.
        if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    };

    // Severities (`archscope.rules`) and code lenses (`archscope.codeLens.enabled`): read once ready, and again on every change.
    void configuration.ready.then(async () => {
        Arch.settings.setEditorRules(await configuration.getConfiguration('arch', 'rules'));
        const lensesChanged = Arch.editorSettings.update({
            codeLens: await configuration.getConfiguration('arch', 'codeLens'),
            'codeLens.enabled': await configuration.getConfiguration('arch', 'codeLens.enabled')
        });
        if (lensesChanged) refreshLenses();
        await revalidateAll();
    });
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section !== SETTINGS_SECTION) return;
        Arch.settings.setEditorRules((update.configuration as { rules?: unknown } | undefined)?.rules);
        if (Arch.editorSettings.update(update.configuration)) refreshLenses();
        void revalidateAll();
    });

    // The bundle lays out in its worker thread; run from sources (no worker bundle), in this thread.
    const layoutThread = LayoutThread.beside(docsFrom);
    const diagrams = new DiagramService(shared, Arch, connection, layoutThread?.layout ?? layoutSceneOnDemand);
    const whatIfThread = new WhatIfThread(docsFrom);
    new WhatIfService(shared, diagrams, whatIfThread, connection);
    connection.onExit(() => {
        layoutThread?.dispose();
        whatIfThread.dispose();
    });

    startLanguageServer(shared);
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
