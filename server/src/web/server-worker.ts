/**
 * The language server in a browser's Web Worker (out/web/server-worker.js): the same services as the
 * Node server (lsp/serve.ts), LSP over postMessage. It serves the playground (web/playground) and the
 * extension in VS Code for the Web (client/src/web/browser-extension.ts). Differences from the Node
 * server, each because the browser has no Node: no files (no `.archscope.json`; the documents are the
 * ones the editor opens), the what-ifs computed in this worker (it is already off the page's thread) and
 * the layout in a worker beside it (layout-worker.ts), no PNG from the server (the page rasterizes the
 * SVG itself).
 *
 * Where the layout worker and the rule pages are: the playground names them in the worker's URL
 * (`?docs=BASE` for the pages `BASE/ID.md`, `&pages=html` when the site serves them rendered as
 * `BASE/ID.html`, `&layout=URL` when the layout worker is not `layout-worker.js` beside this script).
 * VS Code for the Web starts this script from a blob: URL, which has no query and nothing beside it:
 * its client sends them as `initializationOptions` (BrowserServerOptions).
 */
import { EmptyFileSystem } from 'langium';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser.js';
import { createArchServices } from '../arch-module.js';
import type { LayoutFunction } from '../diagram/layout-function.js';
import type { Scene } from '../diagram/scene.js';
import type { BrowserServerOptions } from '../protocol.js';
import { RuleDocs } from '../language/workspace/rule-docs.js';
import { ownMessages } from './own-messages.js';
import { serveArchscope } from '../lsp/serve.js';
import { computeWhatIfHere } from '../lsp/what-if-queue.js';

declare const self: DedicatedWorkerGlobalScope;

const params = new URL(self.location.href).searchParams;

/** A link base the rule pages may be under: http(s), or the extension's own files in VS Code for the Web (`file:`, `vscode-*:`). */
function linkBase(base: string | null | undefined, schemes: RegExp): string | undefined {
    if (!base) return undefined;
    try {
        const url = new URL(base, self.location.href);
        if (!schemes.test(url.protocol)) return undefined;
        return url.href.endsWith('/') ? url.href : `${url.href}/`;
    } catch {
        return undefined;
    }
}
const WEB = /^https?:$/;
const EXTENSION_FILES = /^(https?|file|vscode-[a-z-]+):$/;

/** The protocol's port: the worker's scope, listened to with addEventListener (own-messages.ts says why). */
function protocolPort(): DedicatedWorkerGlobalScope {
    const scope = ownMessages(self);
    const port = {
        addEventListener: scope.addEventListener.bind(scope),
        removeEventListener: scope.removeEventListener.bind(scope),
        postMessage: scope.postMessage.bind(scope),
        set onmessage(listener: (event: MessageEvent) => void) {
            scope.addEventListener('message', listener);
        }
    };
    return port as unknown as DedicatedWorkerGlobalScope;
}

/**
 * Layouts run in a Web Worker of their own (layout-worker.ts): elkjs starts up there, for about a second,
 * while this worker starts and checks the text, and this bundle is a third of the size without it
 * (`npm run bench -- web`). The worker is started as soon as its script is known (`?layout=`, of this
 * site only, at once; else the client's `layoutWorker` at `initialize`; else `layout-worker.js` beside
 * this script), and again on the next request after a crash.
 */
function layoutFunction(script: Promise<URL>): LayoutFunction {
    const pending = new Map<number, { resolve: (scene: Scene) => void; reject: (error: Error) => void }>();
    let next = 1;
    let worker: Worker | undefined;
    const start = (url: URL): Worker => {
        if (worker) return worker;
        const started = new Worker(url);
        started.addEventListener('message', (event: MessageEvent<{ id: number; result?: Scene; error?: string }>) => {
            const waiting = pending.get(event.data.id);
            if (!waiting) return;
            pending.delete(event.data.id);
            if (event.data.result) waiting.resolve(event.data.result);
            else waiting.reject(new Error(event.data.error ?? 'the layout failed'));
        });
        started.addEventListener('error', event => {
            for (const waiting of pending.values()) waiting.reject(new Error(`the layout worker failed: ${event.message}`));
            pending.clear();
            started.terminate();
            if (worker === started) worker = undefined;
        });
        worker = started;
        return started;
    };
    // A script that cannot be had fails each layout with the reason (the diagram says it), not the server.
    script.then(start, () => undefined);
    return (input, hash) => script.then(url => new Promise<Scene>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        start(url).postMessage({ id, input, hash });
    }));
}

/** The layout worker's script: `?layout=` now, or what `initialize` says (`onInitialize` is given the options). */
function layoutScript(): { script: Promise<URL>; onInitialize(options: BrowserServerOptions | undefined): void } {
    const named = params.get('layout');
    if (named) {
        const url = new URL(named, self.location.href);
        const script = url.origin === self.location.origin ? Promise.resolve(url) : Promise.reject(new Error(`the layout worker must be of this site, not ${url.origin}`));
        return { script, onInitialize: () => undefined };
    }
    let settle!: (url: URL) => void;
    let fail!: (error: Error) => void;
    const script = new Promise<URL>((resolve, reject) => { settle = resolve; fail = reject; });
    return {
        script,
        onInitialize(options) {
            try {
                settle(new URL(options?.layoutWorker ?? 'layout-worker.js', self.location.href));
            } catch {
                fail(new Error(`no layout worker: \`${options?.layoutWorker ?? 'layout-worker.js'}\` is not a script this worker can start`));
            }
        }
    };
}

const port = protocolPort();
const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
const docs = new RuleDocs(linkBase(params.get('docs'), WEB), undefined, undefined, params.get('pages') === 'html' ? '.html' : '.md');
const { shared, Arch } = createArchServices({ connection, ...EmptyFileSystem }, { docs });
const layout = layoutScript();
shared.lsp.LanguageServer.onInitialize(({ initializationOptions }) => {
    const options = initializationOptions as BrowserServerOptions | undefined;
    layout.onInitialize(options);
    const docsBase = linkBase(options?.docsBase, EXTENSION_FILES);
    if (docsBase) docs.linkUnder(docsBase, '.md');
});
serveArchscope(connection, shared, Arch, {
    layout: layoutFunction(layout.script),
    computeWhatIf: computeWhatIfHere,
    png: {
        unavailable: 'The language server in the browser cannot make a PNG (resvg is a native Node module): export SVG, '
            + 'or use the desktop extension or `archscope export --format png`.'
    }
});
