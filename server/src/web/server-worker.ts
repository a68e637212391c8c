/**
 * The language server in a browser's Web Worker (out/web/server-worker.js): the same services as the
 * Node server (lsp/serve.ts), LSP over postMessage. It serves the playground (web/playground) and the
 * extension in VS Code for the Web (client/src/browser-extension.ts). Differences from the Node
 * server, each because the browser has no Node: no files (no `.archscope.json`; the documents are the
 * ones the editor opens), the layout and the what-ifs computed in this worker (it is already off the
 * page's thread), no PNG from the server (the page rasterizes the SVG itself).
 *
 * The worker's URL may carry `?docs=BASE`: where the rule pages (`BASE/ID.md`) are linked from, and
 * `&pages=html` when the site serves them rendered (`BASE/ID.html`, the playground's).
 */
import { EmptyFileSystem } from 'langium';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser.js';
import { createArchServices } from '../arch-module.js';
import { layoutScene } from '../diagram/layout.js';
import { RuleDocs } from '../language/workspace/rule-docs.js';
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

/**
 * elkjs, the first time it lays out in a worker, makes `self.onmessage` its own dispatcher: the protocol's
 * messages would go to it (and its replies to the page). So the reader listens with addEventListener, and
 * `self.onmessage` is made a property nobody can set (test/web/server-worker.test.ts lays out, then asks
 * for a hover).
 */
function protocolPort(): DedicatedWorkerGlobalScope {
    const port = {
        addEventListener: self.addEventListener.bind(self),
        removeEventListener: self.removeEventListener.bind(self),
        postMessage: self.postMessage.bind(self),
        set onmessage(listener: (event: MessageEvent) => void) {
            self.addEventListener('message', listener);
        }
    };
    Object.defineProperty(self, 'onmessage', { configurable: false, get: () => null, set: () => undefined });
    return port as unknown as DedicatedWorkerGlobalScope;
}

const port = protocolPort();
const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
const pages = new URL(self.location.href).searchParams.get('pages') === 'html' ? '.html' : '.md';
const { shared, Arch } = createArchServices({ connection, ...EmptyFileSystem }, { docs: new RuleDocs(docsBase(), undefined, undefined, pages) });
serveArchscope(connection, shared, Arch, {
    layout: async (input, hash) => layoutScene(input, hash),
    computeWhatIf: computeWhatIfHere,
    png: {
        unavailable: 'The language server in the browser cannot make a PNG (resvg is a native Node module): export SVG, '
            + 'or use the desktop extension or `archscope export --format png`.'
    }
});
