/**
 * What the extension registers once its language client exists, the same in VS Code's two extension
 * hosts: the Node one (extension.ts, the server a Node process) and the browser's of VS Code for the Web
 * (web/browser-extension.ts, the server a Web Worker). The commands, the diagram panels and their
 * serializer, the client's options; nothing here needs Node.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { DiagramPanels } from './diagram-panel.js';
import { exportDiagram, type ExportLimits } from './export-diagram.js';

export function clientOptions(): LanguageClientOptions {
    return {
        documentSelector: [{ language: 'arch' }],
        synchronize: {
            // Settings changes re-validate; so do edits to the project's rule settings file.
            configurationSection: 'archscope',
            fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.arch,.archscope.json}')
        }
    };
}

/** Registers the commands and panels for `client`, starts it, and resolves once it is running. */
export async function activateWith(context: vscode.ExtensionContext, client: BaseLanguageClient, limits: ExportLimits = {}): Promise<void> {
    context.subscriptions.push(client);
    context.subscriptions.push(vscode.commands.registerCommand('archscope.showEstimates', showEstimates));
    // The diagram's panel serializer must be registered during activation, before the server is up:
    // panels and exports wait for `started` before they ask it anything.
    const started = client.start();
    const panels = new DiagramPanels(context.extensionUri, client, started);
    context.subscriptions.push(
        panels,
        vscode.commands.registerCommand('archscope.openDiagram', () => panels.open()),
        vscode.commands.registerCommand('archscope.exportDiagram', () => exportDiagram(client, started, limits))
    );
    await started;
}

interface LspRange {
    start: { line: number; character: number };
    end: { line: number; character: number };
}

/**
 * What a code lens runs (arguments from the server: name, document URI, range of the name):
 * puts the cursor on the name and opens its hover, which lists the inputs and formulas behind the lens.
 */
async function showEstimates(_name: string, uri: string, range: LspRange): Promise<void> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const editor = await vscode.window.showTextDocument(document);
    const start = new vscode.Position(range.start.line, range.start.character);
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(new vscode.Range(start, new vscode.Position(range.end.line, range.end.character)));
    await vscode.commands.executeCommand('editor.action.showHover');
}
