/** The VS Code extension in VS Code's Node extension host: the language server is a Node process (out/server.cjs). */
import { webcrypto } from 'node:crypto';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node.js';
import { activateWith, clientOptions } from './activate.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    // Node 18 (the extension host of VS Code before 1.90) has Web Crypto only as `node:crypto`'s (random-text.ts uses the global).
    (globalThis as { crypto?: unknown }).crypto ??= webcrypto;
    const serverModule = context.asAbsolutePath(path.join('out', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    client = new LanguageClient('archscope', 'archscope', serverOptions, clientOptions());
    await activateWith(context, client);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
