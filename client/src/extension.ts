/** The VS Code extension: starts the archscope language server for `.arch` files. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { DiagramPanels } from './diagram-panel.js';
import { exportDiagram } from './export-diagram.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath(path.join('out', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'arch' }],
        synchronize: {
            // Settings changes re-validate; so do edits to the project's rule settings file.
            configurationSection: 'archscope',
            fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.arch,.archscope.json}')
        }
    };
    client = new LanguageClient('archscope', 'archscope', serverOptions, clientOptions);
    context.subscriptions.push(client);
    context.subscriptions.push(vscode.commands.registerCommand('archscope.showEstimates', showEstimates));
    // The diagram's panel serializer must be registered during activation, before the server is up:
    // panels and exports wait for `started` before they ask it anything.
    const started = client.start();
    const languageClient = client;
    const panels = new DiagramPanels(context.extensionUri, languageClient, started);
    context.subscriptions.push(
        panels,
        vscode.commands.registerCommand('archscope.openDiagram', () => panels.open()),
        vscode.commands.registerCommand('archscope.exportDiagram', () => exportDiagram(languageClient, started))
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

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
