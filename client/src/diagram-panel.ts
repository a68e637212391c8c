/**
 * The diagram panels: one per `.arch` document (opening it again reveals the same panel), beside the
 * editor. Push then pull, as LikeC4 does: the server's debounced `arch/modelChanged` says a model changed,
 * the panel of that document waits ~150 ms more (typing bursts), then asks `arch/scene` and posts the
 * scene to its webview. A hidden panel's webview is discarded by VS Code; it pulls again when it says
 * `ready`. Clicks in the webview reveal the source; the editor's cursor highlights its node.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import {
    ModelChangedNotification, SaveScenarioRequest, SceneRequest, WhatIfRequest,
    type FromWebview, type ModelChangedParams, type SceneParams, type ToWebview, type WebviewState, type WhatIfCase
} from '../../server/src/protocol.js';
import type { Scene } from '../../server/src/diagram/scene.js';
import type { SourceRange } from '../../server/src/model/topology.js';
import { indexNodes, type NodeIndex } from '../../server/src/diagram/node-at.js';
import { webviewHtml } from './webview-html.js';

export const DIAGRAM_VIEW_TYPE = 'archscope.diagram';
const DEBOUNCE_MS = 150;

export class DiagramPanels implements vscode.Disposable {
    private readonly panels = new Map<string, DiagramPanel>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly extensionUri: vscode.Uri, private readonly client: LanguageClient, private readonly started: Promise<void>) {
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
    private timer: ReturnType<typeof setTimeout> | undefined;
    /** Answers to older scene requests are dropped when a newer one was sent. */
    private request = 0;
    private scene: Scene | undefined;
    /** Cursor → node, from the scene's sources (the server's ranges, as of the scene's model). */
    private index: NodeIndex | undefined;
    private highlighted: string | null = null;
    /** The simulation panel's what-if, asked again after each new scene (the model changed under it). */
    private whatIfCase: WhatIfCase | undefined;
    private whatIfRequest = 0;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(
        readonly panel: vscode.WebviewPanel,
        private readonly uri: string,
        extensionUri: vscode.Uri,
        private readonly client: LanguageClient,
        private readonly started: Promise<void>
    ) {
        panel.title = title(vscode.Uri.parse(uri));
        panel.webview.html = webviewHtml(panel.webview, extensionUri, uri);
        this.disposables.push(panel.webview.onDidReceiveMessage((message: FromWebview) => this.received(message)));
    }

    modelChanged(params: ModelChangedParams): void {
        // While the text does not parse the server would answer with the last good scene: just say so.
        if (params.stale && this.scene) {
            this.post({ type: 'stale', stale: true });
            return;
        }
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.pull(), DEBOUNCE_MS);
    }

    cursorMoved(event: vscode.TextEditorSelectionChangeEvent): void {
        if (!this.scene) return;
        this.index ??= indexNodes(this.scene.sources);
        const active = event.selections[0]?.active;
        const node = active ? this.index.nodeAt({ line: active.line, character: active.character }) : null;
        if (node === this.highlighted) return;
        this.highlighted = node;
        this.post({ type: 'highlight', node });
    }

    private async pull(): Promise<void> {
        const id = ++this.request;
        try {
            await this.started;
            const params: SceneParams = { uri: this.uri };
            const result = await this.client.sendRequest(SceneRequest, params);
            if (id !== this.request) return;
            if (result.scene) {
                this.scene = result.scene;
                this.index = undefined;
                this.post({ type: 'scene', scene: result.scene, stale: result.stale });
                if (this.highlighted) this.post({ type: 'highlight', node: this.highlighted });
                if (this.whatIfCase && !result.stale) void this.simulate(this.whatIfCase);
            } else {
                this.scene = undefined;
                this.post({ type: 'empty', message: result.message ?? 'This file has no system to draw.' });
            }
        } catch (error) {
            if (id !== this.request) return;
            this.post({ type: 'empty', message: `The diagram could not be made: ${error instanceof Error ? error.message : String(error)}` });
        }
    }

    private async received(message: FromWebview): Promise<void> {
        switch (message.type) {
            case 'ready':
                await this.pull();
                break;
            case 'reveal':
                await this.reveal(message.range);
                break;
            case 'revealFinding':
                // The cursor on the finding's range, then the editor's own "show this problem" peek.
                if (await this.reveal(message.range)) await vscode.commands.executeCommand('editor.action.marker.this');
                break;
            case 'whatIf':
                this.whatIfCase = message.case;
                await this.simulate(message.case);
                break;
            case 'saveScenario':
                await this.saveScenario(message.peakFactor, message.fail, message.cold);
                break;
        }
    }

    private async simulate(whatIfCase: WhatIfCase): Promise<void> {
        const id = ++this.whatIfRequest;
        try {
            await this.started;
            const result = await this.client.sendRequest(WhatIfRequest, { uri: this.uri, case: whatIfCase });
            if (id === this.whatIfRequest) this.post({ type: 'simulation', whatIf: result.whatIf });
        } catch (error) {
            if (id === this.whatIfRequest) this.post({ type: 'simulation', whatIf: null });
            void vscode.window.showErrorMessage(`archscope: the what-if could not be computed: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    /** Asks a name, then inserts the `scenario` block as one edit (undoable like any other). */
    private async saveScenario(peakFactor: number, fail: string[], cold: string[]): Promise<void> {
        const name = await vscode.window.showInputBox({
            title: 'Save the what-if as a scenario', prompt: 'The scenario\'s name', value: 'what_if',
            // The click came from the panel, which may take the focus back: the question stays until answered.
            ignoreFocusOut: true,
            validateInput: value => (/^[A-Za-z_](?:[A-Za-z0-9_]|-(?!>))*$/.test(value) ? undefined : 'Letters, digits, _ and -, starting with a letter or _.')
        });
        if (!name) {
            this.post({ type: 'saved', name: null });
            return;
        }
        await this.started;
        const result = await this.client.sendRequest(SaveScenarioRequest, { uri: this.uri, name, peakFactor, fail, cold });
        if (!result.edit) {
            this.post({ type: 'saved', name: null, error: result.error });
            void vscode.window.showWarningMessage(`archscope: ${result.error ?? 'the scenario could not be saved.'}`);
            return;
        }
        const edit = new vscode.WorkspaceEdit();
        const { start, end } = result.edit.range;
        edit.replace(vscode.Uri.parse(this.uri), new vscode.Range(start.line, start.character, end.line, end.character), result.edit.newText);
        const applied = await vscode.workspace.applyEdit(edit);
        this.post(applied ? { type: 'saved', name } : { type: 'saved', name: null, error: 'The editor refused the edit.' });
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

    private post(message: ToWebview): void {
        void this.panel.webview.postMessage(message);
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.request++;
        for (const d of this.disposables) d.dispose();
    }
}

function title(uri: vscode.Uri): string {
    const name = uri.path.split('/').pop() || uri.toString();
    return `Diagram: ${name}`;
}
