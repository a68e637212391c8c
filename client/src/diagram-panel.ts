/**
 * The diagram panels: one per `.arch` document (opening it again reveals the same panel), beside the
 * editor. What a panel does with its webview's messages and the server's is webview-host.ts, shared with
 * the playground; here is the VS Code half (the language client, the panel, the editor). A hidden panel's
 * webview is discarded by VS Code; it pulls again when it says `ready`.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, RequestType } from 'vscode-languageclient';
import {
    ModelChangedNotification, SaveScenarioRequest, SceneRequest, WhatIfRequest,
    type FromWebview, type ModelChangedParams, type SceneParams, type ToWebview, type WebviewState
} from '../../server/src/protocol.js';
import type { SourceRange } from '../../server/src/model/topology.js';
import { WebviewHost, type HostSide } from './webview-host.js';
import { webviewHtml } from './webview-html.js';

export const DIAGRAM_VIEW_TYPE = 'archscope.diagram';

export class DiagramPanels implements vscode.Disposable {
    private readonly panels = new Map<string, DiagramPanel>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly extensionUri: vscode.Uri, private readonly client: BaseLanguageClient, private readonly started: Promise<void>) {
        this.disposables.push(
            client.onNotification(ModelChangedNotification, (params: ModelChangedParams) => this.panels.get(params.uri)?.modelChanged(params)),
            vscode.window.onDidChangeTextEditorSelection(event => this.panels.get(event.textEditor.document.uri.toString())?.cursorMoved(event)),
            vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, {
                deserializeWebviewPanel: async (panel, state: unknown) => this.revive(panel, state as WebviewState | undefined)
            })
        );
    }

    /** `archscope.openDiagram`: the panel of the active `.arch` document, beside it. */
    open(): void {
        const editor = vscode.window.activeTextEditor;
        if (!editor || editor.document.languageId !== 'arch') {
            void vscode.window.showInformationMessage('archscope: open a .arch file to see its diagram.');
            return;
        }
        const uri = editor.document.uri.toString();
        const existing = this.panels.get(uri);
        if (existing) {
            existing.panel.reveal(vscode.ViewColumn.Beside, true);
            return;
        }
        const panel = vscode.window.createWebviewPanel(DIAGRAM_VIEW_TYPE, title(editor.document.uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options());
        this.add(panel, uri);
    }

    private revive(panel: vscode.WebviewPanel, state: WebviewState | undefined): void {
        if (!state?.uri || this.panels.has(state.uri)) {
            panel.dispose();
            return;
        }
        panel.webview.options = this.options();
        this.add(panel, state.uri);
    }

    private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
        return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
    }

    private add(panel: vscode.WebviewPanel, uri: string): void {
        const diagram = new DiagramPanel(panel, uri, this.extensionUri, this.client, this.started);
        this.panels.set(uri, diagram);
        panel.onDidDispose(() => {
            this.panels.delete(uri);
            diagram.dispose();
        });
    }

    dispose(): void {
        for (const panel of [...this.panels.values()]) panel.panel.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

class DiagramPanel implements vscode.Disposable {
    private readonly host: WebviewHost;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(
        readonly panel: vscode.WebviewPanel,
        private readonly uri: string,
        extensionUri: vscode.Uri,
        private readonly client: BaseLanguageClient,
        private readonly started: Promise<void>
    ) {
        panel.title = title(vscode.Uri.parse(uri));
        panel.webview.html = webviewHtml(panel.webview, extensionUri, uri);
        this.host = new WebviewHost(this.side());
        this.disposables.push(panel.webview.onDidReceiveMessage((message: FromWebview) => this.host.received(message)));
    }

    modelChanged(params: ModelChangedParams): void {
        this.host.modelChanged(params);
    }

    cursorMoved(event: vscode.TextEditorSelectionChangeEvent): void {
        const active = event.selections[0]?.active;
        this.host.cursorMoved(active ? { line: active.line, character: active.character } : undefined);
    }

    /** The VS Code half of the webview's host: the language client, the webview panel, the text editor. */
    private side(): HostSide {
        const request = async <P, R>(type: RequestType<P, R, void>, params: P): Promise<R> => {
            await this.started;
            return this.client.sendRequest(type, params);
        };
        return {
            scene: () => request(SceneRequest, { uri: this.uri } satisfies SceneParams),
            whatIf: whatIfCase => request(WhatIfRequest, { uri: this.uri, case: whatIfCase }),
            saveScenario: (name, peakFactor, fail, cold) => request(SaveScenarioRequest, { uri: this.uri, name, peakFactor, fail, cold }),
            post: message => void this.panel.webview.postMessage(message satisfies ToWebview),
            reveal: async (range, finding) => {
                const revealed = await this.reveal(range);
                // The cursor on the finding's range, then the editor's own "show this problem" peek.
                if (revealed && finding) await vscode.commands.executeCommand('editor.action.marker.this');
                return revealed;
            },
            askName: async suggested => vscode.window.showInputBox({
                title: 'Save the what-if as a scenario', prompt: 'The scenario\'s name', value: suggested,
                // The click came from the panel, which may take the focus back: the question stays until answered.
                ignoreFocusOut: true,
                validateInput: value => (/^[A-Za-z_](?:[A-Za-z0-9_]|-(?!>))*$/.test(value) ? undefined : 'Letters, digits, _ and -, starting with a letter or _.')
            }),
            applyEdit: async edit => {
                const change = new vscode.WorkspaceEdit();
                const { start, end } = edit.range;
                change.replace(vscode.Uri.parse(this.uri), new vscode.Range(start.line, start.character, end.line, end.character), edit.newText);
                return vscode.workspace.applyEdit(change);
            },
            report: (severity, message) => void (severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage)(`archscope: ${message}`)
        };
    }

    /** Opens the document in the editor column it is shown in (else the first) and selects `range`. */
    private async reveal(range: SourceRange): Promise<boolean> {
        try {
            const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(this.uri));
            const shown = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === this.uri);
            const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
            const editor = await vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, selection, preserveFocus: false });
            editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
            return true;
        } catch (error) {
            void vscode.window.showErrorMessage(`archscope: cannot open ${this.uri}: ${error instanceof Error ? error.message : String(error)}`);
            return false;
        }
    }

    dispose(): void {
        this.host.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

function title(uri: vscode.Uri): string {
    const name = uri.path.split('/').pop() || uri.toString();
    return `Diagram: ${name}`;
}
