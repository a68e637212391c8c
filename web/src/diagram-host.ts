/**
 * The host side of the diagram frame: what client/src/diagram-panel.ts does for a VS Code webview, for the
 * playground's frame (diagram.html runs the same webview bundle). A changed model (`arch/modelChanged`)
 * pulls the scene after a short pause; the frame's clicks select the source in the editor; the editor's
 * cursor highlights its node; the simulation panel's what-ifs go to the server; "Save as scenario" asks a
 * name and inserts the block as one undoable change.
 */
import type { LSPClient } from '@codemirror/lsp-client';
import { EditorSelection, type Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { openLintPanel } from '@codemirror/lint';
import { indexNodes, type NodeIndex } from '../../server/src/diagram/node-at.js';
import type { Scene } from '../../server/src/diagram/scene.js';
import type { Position, SourceRange } from '../../server/src/model/topology.js';
import type {
    FromWebview, SaveScenarioParams, SaveScenarioResult, SceneParams, SceneResult, ToWebview, WhatIfCase, WhatIfParams, WhatIfResult
} from '../../server/src/protocol.js';

const DEBOUNCE_MS = 150;

/** The editor's offset of a line and character from the server, kept within the text (it may have changed since). */
function offsetOf(doc: Text, position: Position): number {
    if (position.line + 1 > doc.lines) return doc.length;
    const line = doc.line(position.line + 1);
    return Math.min(line.to, line.from + position.character);
}

export class DiagramHost {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private request = 0;
    private scene: Scene | undefined;
    private index: NodeIndex | undefined;
    private highlighted: string | null = null;
    private whatIfCase: WhatIfCase | undefined;
    private whatIfRequest = 0;
    /** Called with each scene drawn (the page measures its first diagram). */
    onScene: (scene: Scene) => void = () => undefined;

    constructor(
        private readonly frame: HTMLIFrameElement, private readonly client: LSPClient, private readonly uri: string,
        private readonly editor: () => EditorView, private readonly askName: (suggested: string) => Promise<string | null>
    ) {
        window.addEventListener('message', event => {
            // Only the frame, from this site, speaks for the diagram.
            if (event.source !== frame.contentWindow || event.origin !== window.location.origin) return;
            void this.received(event.data as FromWebview);
        });
    }

    modelChanged(params: { uri: string; stale: boolean }): void {
        if (params.uri !== this.uri) return;
        if (params.stale && this.scene) {
            this.post({ type: 'stale', stale: true });
            return;
        }
        clearTimeout(this.timer);
        // Nothing drawn yet: draw at once; after that, wait for a pause in the typing.
        if (!this.scene) void this.pull();
        else this.timer = setTimeout(() => void this.pull(), DEBOUNCE_MS);
    }

    cursorMoved(line: number, character: number): void {
        if (!this.scene) return;
        this.index ??= indexNodes(this.scene.sources);
        const node = this.index.nodeAt({ line, character });
        if (node === this.highlighted) return;
        this.highlighted = node;
        this.post({ type: 'highlight', node });
    }

    /** The document was replaced (an example, a link): the what-if of the old one no longer applies. */
    reset(): void {
        this.whatIfCase = undefined;
    }

    private async pull(): Promise<void> {
        const id = ++this.request;
        try {
            const result = await this.client.request<SceneParams, SceneResult>('arch/scene', { uri: this.uri });
            if (id !== this.request) return;
            if (result.scene) {
                this.scene = result.scene;
                this.index = undefined;
                this.post({ type: 'scene', scene: result.scene, stale: result.stale });
                this.onScene(result.scene);
                if (this.highlighted) this.post({ type: 'highlight', node: this.highlighted });
                if (this.whatIfCase && !result.stale) void this.simulate(this.whatIfCase);
            } else {
                this.scene = undefined;
                this.post({ type: 'empty', message: result.message ?? 'This text has no system to draw.' });
            }
        } catch (error) {
            if (id === this.request) this.post({ type: 'empty', message: `The diagram could not be made: ${error instanceof Error ? error.message : String(error)}` });
        }
    }

    private async received(message: FromWebview): Promise<void> {
        switch (message?.type) {
            case 'ready':
                await this.pull();
                break;
            case 'reveal':
                this.reveal(message.range);
                break;
            case 'revealFinding':
                this.reveal(message.range);
                openLintPanel(this.editor());
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
            const result = await this.client.request<WhatIfParams, WhatIfResult>('arch/whatIf', { uri: this.uri, case: whatIfCase });
            if (id === this.whatIfRequest) this.post({ type: 'simulation', whatIf: result.whatIf });
        } catch {
            if (id === this.whatIfRequest) this.post({ type: 'simulation', whatIf: null });
        }
    }

    private async saveScenario(peakFactor: number, fail: string[], cold: string[]): Promise<void> {
        const name = await this.askName('what_if');
        if (!name) {
            this.post({ type: 'saved', name: null });
            return;
        }
        const result = await this.client.request<SaveScenarioParams, SaveScenarioResult>('arch/saveScenario', { uri: this.uri, name, peakFactor, fail, cold });
        if (!result.edit) {
            this.post({ type: 'saved', name: null, error: result.error });
            return;
        }
        const view = this.editor();
        const { start, end } = result.edit.range;
        view.dispatch({ changes: { from: offsetOf(view.state.doc, start), to: offsetOf(view.state.doc, end), insert: result.edit.newText }, userEvent: 'input.scenario' });
        this.post({ type: 'saved', name });
    }

    /** Selects `range` in the editor and scrolls it into view. */
    private reveal(range: SourceRange): void {
        const view = this.editor();
        view.dispatch({ selection: EditorSelection.single(offsetOf(view.state.doc, range.start), offsetOf(view.state.doc, range.end)), scrollIntoView: true });
        view.focus();
    }

    private post(message: ToWebview): void {
        this.frame.contentWindow?.postMessage(message, window.location.origin);
    }
}
