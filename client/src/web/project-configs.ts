/**
 * The workspace's `.archscope.json` files, sent to the browser's language server (`arch/projectConfigs`):
 * it has no disk, and without them the editor would report what the project's CI has turned off. Sent
 * once the client runs, and all again after any of them is created, changed or deleted, or the folders
 * change. Read through VS Code's file system, so it works on vscode.dev, github.dev and code-server alike.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ProjectConfigsNotification, type ProjectConfigFile } from '../../../server/src/protocol.js';

/** A settings file is a few hundred bytes: a larger one is not read (the server says so on the documents it governs). */
const MAX_BYTES = 1024 * 1024;
/** More than any workspace has; a bound on what one search reads. */
const MAX_FILES = 500;
/** Edits to a file come in bursts (save, format on save): one send after they settle. */
const SETTLE_MS = 200;

async function read(uri: vscode.Uri): Promise<ProjectConfigFile> {
    try {
        const { size } = await vscode.workspace.fs.stat(uri);
        if (size > MAX_BYTES) return { uri: uri.toString(), problem: `it is ${Math.ceil(size / 1024)} KB, too large for a settings file` };
        return { uri: uri.toString(), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
    } catch (error) {
        return { uri: uri.toString(), problem: error instanceof Error ? error.message : String(error) };
    }
}

export function sendProjectConfigs(client: BaseLanguageClient): vscode.Disposable {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sending = Promise.resolve();
    const send = (): void => {
        // One send at a time, in order: the last one sent is the workspace as it is now.
        sending = sending.then(async () => {
            const uris = await vscode.workspace.findFiles('**/.archscope.json', '**/node_modules/**', MAX_FILES);
            await client.sendNotification(ProjectConfigsNotification, { files: await Promise.all(uris.map(read)) });
        }).catch(() => undefined);
    };
    const soon = (): void => {
        clearTimeout(timer);
        timer = setTimeout(send, SETTLE_MS);
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/.archscope.json');
    const subscriptions = [
        watcher, watcher.onDidCreate(soon), watcher.onDidChange(soon), watcher.onDidDelete(soon),
        vscode.workspace.onDidChangeWorkspaceFolders(soon)
    ];
    send();
    return new vscode.Disposable(() => {
        clearTimeout(timer);
        for (const subscription of subscriptions) subscription.dispose();
    });
}
