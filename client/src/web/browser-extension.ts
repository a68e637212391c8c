/**
 * The VS Code extension in VS Code for the Web (vscode.dev, github.dev, code-server's browser host): the
 * language server is the browser's (out/web/server-worker.js, the playground's too), in a Web Worker,
 * LSP over postMessage; it starts its layout worker (out/web/layout-worker.js) itself.
 *
 * Both scripts are started from blob: URLs made from the extension's files. VS Code serves those files
 * from another origin (vscode.dev: a CDN) or as `vscode-remote:` URIs a worker cannot load (code-server,
 * microsoft/vscode#168942), and a worker of another origin may not be started; a blob: URL is of this
 * host's origin. The layout worker's blob: URL and the rule pages' base reach the server as its
 * `initializationOptions` (BrowserServerOptions): a blob-started worker cannot find them from its own address.
 *
 * The workspace's `.archscope.json` files are read here and sent to the server (project-configs.ts).
 * What needs Node is said, not faked: the export command lists PNG as not in the browser and says why
 * when it is picked, before any save dialog (SVG, Mermaid and Markdown work).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser.js';
import type { BrowserServerOptions } from '../../../server/src/protocol.js';
import { activateWith, clientOptions } from '../activate.js';
import { sendProjectConfigs } from './project-configs.js';

let client: LanguageClient | undefined;
let server: Worker | undefined;
const blobUrls: string[] = [];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const file = (...path: string[]): vscode.Uri => vscode.Uri.joinPath(context.extensionUri, ...path);
    const [serverScript, layout] = await Promise.all([scriptUrl(file('out', 'web', 'server-worker.js')), scriptUrl(file('out', 'web', 'layout-worker.js'))]);
    const initializationOptions: BrowserServerOptions = { layoutWorker: layout, docsBase: `${file('docs', 'rules').toString(true)}/` };
    server = new Worker(serverScript, { name: 'archscope language server' });
    client = new LanguageClient('archscope', 'archscope', { ...clientOptions(), initializationOptions }, server);
    await activateWith(context, client, {
        png: 'PNG export needs the desktop extension (resvg, which draws it, is a native Node module). Export SVG, or run `archscope export --format png`.'
    });
    // The server has no disk: the project's rule settings are read here and sent to it.
    context.subscriptions.push(sendProjectConfigs(client));
}

/** A blob: URL of the script at `uri` (an extension file), read as the host allows: fetch over http(s), VS Code's file system otherwise. */
async function scriptUrl(uri: vscode.Uri): Promise<string> {
    let bytes: Uint8Array;
    if (uri.scheme === 'https' || uri.scheme === 'http') {
        const response = await fetch(uri.toString(true));
        if (!response.ok) throw new Error(`archscope: cannot load ${uri.toString(true)}: ${response.status} ${response.statusText}`);
        bytes = new Uint8Array(await response.arrayBuffer());
    } else {
        bytes = await vscode.workspace.fs.readFile(uri);
    }
    const url = URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
    blobUrls.push(url);
    return url;
}

/** The browser's language client leaves its worker running (and the server in it ignores `exit`): it is ended here. */
export async function deactivate(): Promise<void> {
    try {
        await client?.stop();
    } finally {
        client = undefined;
        server?.terminate();
        server = undefined;
        for (const url of blobUrls.splice(0)) URL.revokeObjectURL(url);
    }
}
