/**
 * The language server in a browser's Web Worker (out/web/server-worker.js): the same services as the
 * Node server (lsp/serve.ts), LSP over postMessage. It serves the playground (web/playground) and the
 * extension in VS Code for the Web (client/src/browser-extension.ts). Differences from the Node
 * server, each because the browser has no Node: no files (no `.archscope.json`; the documents are the
 * ones the editor opens), the what-ifs computed in this worker (it is already off the page's thread) and
 * the layout in a worker beside it (layout-worker.ts), no PNG from the server (the page rasterizes the
 * SVG itself).
 *
 * The worker's URL may carry `?docs=BASE`: where the rule pages (`BASE/ID.md`) are linked from,
 * `&pages=html` when the site serves them rendered (`BASE/ID.html`, the playground's), and
 * `&layout=URL` when the layout worker is not `layout-worker.js` beside it.
 */
import { EmptyFileSystem } from 'langium';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser.js';
import { createArchServices } from '../arch-module.js';
import type { LayoutFunction } from '../diagram/layout-function.js';
import type { Scene } from '../diagram/scene.js';
import { RuleDocs } from '../language/workspace/rule-docs.js';
import { ownMessages } from './own-messages.js';
import { serveArchscope } from '../lsp/serve.js';
import { computeWhatIfHere } from '../lsp/what-if-queue.js';

declare const self: DedicatedWorkerGlobalScope;

/** The rule pages' base from the worker's own URL, when it names one (http(s) only: it becomes a link). */
function docsBase(): string | undefined {
    const base = new URL(self.location.href).searchParams.get('docs');
    if (!base) return undefined;
    try {
        const url = new URL(base, self.location.href);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
        return url.href.endsWith('/') ? url.href : `${url.href}/`;
    } catch {
        return undefined;
    }
}

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
 * Layouts run in a Web Worker of their own (layout-worker.ts, `layout-worker.js` beside this script or at
 * `?layout=URL` of this site): elkjs starts up there, for about a second, while this worker starts and
 * checks the text, and this bundle is a third of the size without it (`npm run bench -- web`).
 */
function layoutFunction(): LayoutFunction {
    const script = new URL(self.location.href).searchParams.get('layout') ?? 'layout-worker.js';
    const url = new URL(script, self.location.href);
    if (url.origin !== self.location.origin) throw new Error(`the layout worker must be of this site, not ${url.origin}`);
    const pending = new Map<number, { resolve: (scene: Scene) => void; reject: (error: Error) => void }>();
    let next = 1;
    let worker: Worker | undefined;
    // Started now (elkjs's start-up overlaps this worker's), and again on the next request after a crash.
    const start = (): Worker => {
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
    start();
    return (input, hash) => new Promise<Scene>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        start().postMessage({ id, input, hash });
    });
}

const port = protocolPort();
const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
const pages = new URL(self.location.href).searchParams.get('pages') === 'html' ? '.html' : '.md';
const { shared, Arch } = createArchServices({ connection, ...EmptyFileSystem }, { docs: new RuleDocs(docsBase(), undefined, undefined, pages) });
serveArchscope(connection, shared, Arch, {
    layout: layoutFunction(),
    computeWhatIf: computeWhatIfHere,
    png: {
        unavailable: 'The language server in the browser cannot make a PNG (resvg is a native Node module): export SVG, '
            + 'or use the desktop extension or `archscope export --format png`.'
    }
});
