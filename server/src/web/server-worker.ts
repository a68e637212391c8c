/**
 * The language server in a browser's Web Worker (out/web/server-worker.js): the same services as the
 * Node server (lsp/serve.ts), LSP over postMessage. It serves the playground (web/playground) and the
 * extension in VS Code for the Web (client/src/web/browser-extension.ts). Differences from the Node
 * server, each because the browser has no Node: no files (the documents are the ones the editor opens;
 * the `.archscope.json` files are sent by the client, `arch/projectConfigs`), the what-ifs computed in
 * this worker (it is already off the page's thread) and the layout in a worker beside it
 * (layout-worker.ts), no PNG from the server (the page rasterizes the SVG itself).
 *
 * Where the rule pages are: the playground names them in the worker's URL (`?docs=BASE` for the pages
 * `BASE/ID.md`, `&pages=html` when the site serves them rendered as `BASE/ID.html`). VS Code for the Web
 * starts this script from a blob: URL, which has no query: its client sends the base as
 * `initializationOptions` (BrowserServerOptions). Where the layout worker is, and its time limit
 * (`?layoutWorker=page`, `?layoutLimit=MS`): layout-client.ts. Scenes laid out before they are asked
 * for (the playground's examples, diagram/known-scenes.ts): `?scenes=FILE`, a file of this site.
 */
import { EmptyFileSystem } from 'langium';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser.js';
import { createArchServices } from '../arch-module.js';
import { ProjectConfigsNotification, type BrowserServerOptions } from '../protocol.js';
import { SentProjectConfigs } from '../lsp/project-configs-sent.js';
import { RuleDocs } from '../language/workspace/rule-docs.js';
import { isLayoutPortMessage, LayoutClient } from './layout-client.js';
import { knownScenesOf, withKnownScenes } from '../diagram/known-scenes.js';
import type { Scene } from '../diagram/scene.js';
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

/**
 * The protocol's port: the worker's scope, listened to with addEventListener (own-messages.ts says why).
 * A layout worker's port from the page goes to `layouts` (layout-client.ts), never to the protocol.
 */
function protocolPort(layouts: LayoutClient): DedicatedWorkerGlobalScope {
    const scope = ownMessages(self);
    const protocolOnly = new WeakMap<EventListener, EventListener>();
    const filtered = (listener: EventListener): EventListener => {
        let wrapped = protocolOnly.get(listener);
        if (!wrapped) {
            wrapped = (event: Event) => { if (!isLayoutPortMessage((event as MessageEvent).data)) listener(event); };
            protocolOnly.set(listener, wrapped);
        }
        return wrapped;
    };
    scope.addEventListener('message', event => { if (isLayoutPortMessage(event.data)) layouts.usePort(event.data.archscopeLayoutPort); });
    const port = {
        addEventListener: (type: string, listener: EventListener) => scope.addEventListener(type, filtered(listener)),
        removeEventListener: (type: string, listener: EventListener) => scope.removeEventListener(type, filtered(listener)),
        postMessage: scope.postMessage.bind(scope),
        set onmessage(listener: EventListener) {
            scope.addEventListener('message', filtered(listener));
        }
    };
    return port as unknown as DedicatedWorkerGlobalScope;
}

/** `?layoutLimit=MS`: the layout's time limit, when not LAYOUT_LIMIT_MS (a page that knows its designs are small). */
function layoutLimit(): number | undefined {
    const limit = Number(params.get('layoutLimit'));
    return Number.isFinite(limit) && limit > 0 ? limit : undefined;
}

/** How long the scenes file may take to load: past it, none is known (layouts wait for the file until then). */
const KNOWN_SCENES_WAIT_MS = 5_000;

/**
 * `?scenes=FILE`: the scenes laid out when the site was built; none when the file is not this site's (a
 * redirect elsewhere included), cannot be read, or takes longer than KNOWN_SCENES_WAIT_MS.
 */
async function knownScenes(): Promise<ReadonlyMap<string, Scene>> {
    const file = params.get('scenes');
    if (!file) return new Map();
    try {
        const url = new URL(file, self.location.href);
        if (url.origin !== self.location.origin) return new Map();
        const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(KNOWN_SCENES_WAIT_MS) });
        return response.ok ? knownScenesOf(await response.json()) : new Map();
    } catch {
        return new Map();
    }
}

const layouts = new LayoutClient(layoutLimit(), params.get('layoutWorker') === 'page');
const port = protocolPort(layouts);
const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
const docs = new RuleDocs(linkBase(params.get('docs'), WEB), undefined, undefined, params.get('pages') === 'html' ? '.html' : '.md');
const projectConfigs = new SentProjectConfigs();
const { shared, Arch } = createArchServices({ connection, ...EmptyFileSystem }, { docs, projectConfigs: projectConfigs.lookup });
shared.lsp.LanguageServer.onInitialize(({ initializationOptions }) => {
    const options = initializationOptions as BrowserServerOptions | undefined;
    layouts.onInitialize(options);
    const docsBase = linkBase(options?.docsBase, EXTENSION_FILES);
    if (docsBase) docs.linkUnder(docsBase, '.md');
});
const served = serveArchscope(connection, shared, Arch, {
    layout: withKnownScenes(layouts.layout, knownScenes()),
    computeWhatIf: computeWhatIfHere,
    png: {
        unavailable: 'The language server in the browser cannot make a PNG (resvg is a native Node module): export SVG, '
            + 'or use the desktop extension or `archscope export --format png`.'
    }
});
// No disk here: the client sends the workspace's `.archscope.json` files, again after any change.
connection.onNotification(ProjectConfigsNotification, params => {
    projectConfigs.set(Array.isArray(params?.files) ? params.files : []);
    void served.revalidateAll();
});
