/**
 * The host side of the diagram webview's protocol (ToWebview / FromWebview), shared by the VS Code panel
 * (diagram-panel.ts) and the playground's frame (web/src/diagram-host.ts). Push then pull, as LikeC4 does:
 * the server's debounced `arch/modelChanged` says a model changed; nothing drawn yet, the scene is asked at
 * once, else after ~150 ms more (typing bursts). Answers to older requests are dropped. The webview's clicks
 * reveal the source, the editor's cursor highlights its node, the simulation panel's what-ifs go to the
 * server (asked again after each new scene), and "Save as scenario" asks a name and applies the server's
 * edit. Pure: no VS Code API and no DOM, so both hosts (and the browser) run it; what differs is `HostSide`.
 */
import { indexNodes, type NodeIndex } from '../../server/src/diagram/node-at.js';
import type { Scene } from '../../server/src/diagram/scene.js';
import type { Position, SourceRange } from '../../server/src/model/topology.js';
import type { FromWebview, ModelChangedParams, SaveScenarioResult, SceneResult, ToWebview, WhatIfCase, WhatIfResult } from '../../server/src/protocol.js';

const DEBOUNCE_MS = 150;

/** What a host does its own way: its requests to the server (for its document), its webview, its editor. */
export interface HostSide {
    scene(): Promise<SceneResult>;
    whatIf(whatIfCase: WhatIfCase): Promise<WhatIfResult>;
    saveScenario(name: string, peakFactor: number, fail: string[], cold: string[]): Promise<SaveScenarioResult>;
    post(message: ToWebview): void;
    /** Selects `range` in the editor (and, for a finding, shows the problem there); false when it could not. */
    reveal(range: SourceRange, finding: boolean): Promise<boolean>;
    /** The scenario's name, or nothing when the user gave none. */
    askName(suggested: string): Promise<string | undefined>;
    /** Applies the server's edit to the document as one undoable change; false when refused. */
    applyEdit(edit: NonNullable<SaveScenarioResult['edit']>): Promise<boolean>;
    /** Tells the user what went wrong. */
    report(severity: 'error' | 'warning', message: string): void;
}

function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

export class WebviewHost {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private request = 0;
    private scene: Scene | undefined;
    /** Cursor → node, from the scene's sources (the server's ranges, as of the scene's model). */
    private index: NodeIndex | undefined;
    private highlighted: string | null = null;
    /** The simulation panel's what-if, asked again after each new scene (the model changed under it). */
    private whatIfCase: WhatIfCase | undefined;
    private whatIfRequest = 0;
    /** Called with each scene posted (the playground measures its first diagram). */
    onScene: (scene: Scene) => void = () => undefined;

    constructor(private readonly side: HostSide) {}

    modelChanged(params: Pick<ModelChangedParams, 'stale'>): void {
        // While the text does not parse the server would answer with the last good scene: just say so.
        if (params.stale && this.scene) {
            this.side.post({ type: 'stale', stale: true });
            return;
        }
        clearTimeout(this.timer);
        if (!this.scene) void this.pull();
        else this.timer = setTimeout(() => void this.pull(), DEBOUNCE_MS);
    }

    /** The editor's cursor moved to `position` (undefined: no cursor). */
    cursorMoved(position: Position | undefined): void {
        if (!this.scene) return;
        this.index ??= indexNodes(this.scene.sources);
        const node = position ? this.index.nodeAt(position) : null;
        if (node === this.highlighted) return;
        this.highlighted = node;
        this.side.post({ type: 'highlight', node });
    }

    /** The document was replaced (the playground's examples and links): the old what-if no longer applies. */
    forgetWhatIf(): void {
        this.whatIfCase = undefined;
    }

    async received(message: FromWebview): Promise<void> {
        switch (message?.type) {
            case 'ready':
                await this.pull();
                break;
            case 'reveal':
                await this.side.reveal(message.range, false);
                break;
            case 'revealFinding':
                await this.side.reveal(message.range, true);
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

    dispose(): void {
        clearTimeout(this.timer);
        this.request++;
        this.whatIfRequest++;
    }

    private async pull(): Promise<void> {
        const id = ++this.request;
        try {
            const result = await this.side.scene();
            if (id !== this.request) return;
            if (result.scene) {
                this.scene = result.scene;
                this.index = undefined;
                this.side.post({ type: 'scene', scene: result.scene, stale: result.stale });
                this.onScene(result.scene);
                if (this.highlighted) this.side.post({ type: 'highlight', node: this.highlighted });
                if (this.whatIfCase && !result.stale) void this.simulate(this.whatIfCase);
            } else {
                this.scene = undefined;
                this.side.post({ type: 'empty', message: result.message ?? 'This file has no system to draw.' });
            }
        } catch (error) {
            if (id === this.request) this.side.post({ type: 'empty', message: `The diagram could not be made: ${messageOf(error)}` });
        }
    }

    private async simulate(whatIfCase: WhatIfCase): Promise<void> {
        const id = ++this.whatIfRequest;
        try {
            const result = await this.side.whatIf(whatIfCase);
            if (id === this.whatIfRequest) this.side.post({ type: 'simulation', whatIf: result.whatIf });
        } catch (error) {
            if (id !== this.whatIfRequest) return;
            this.side.post({ type: 'simulation', whatIf: null });
            this.side.report('error', `the what-if could not be computed: ${messageOf(error)}`);
        }
    }

    /** Asks a name, then applies the server's `scenario` block as one edit (undoable like any other). */
    private async saveScenario(peakFactor: number, fail: string[], cold: string[]): Promise<void> {
        const name = await this.side.askName('what_if');
        if (!name) {
            this.side.post({ type: 'saved', name: null });
            return;
        }
        const result = await this.side.saveScenario(name, peakFactor, fail, cold);
        if (!result.edit) {
            this.side.post({ type: 'saved', name: null, error: result.error });
            this.side.report('warning', result.error ?? 'the scenario could not be saved.');
            return;
        }
        const applied = await this.side.applyEdit(result.edit);
        this.side.post(applied ? { type: 'saved', name } : { type: 'saved', name: null, error: 'The editor refused the edit.' });
    }
}
