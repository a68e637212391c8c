/**
 * The diagram over LSP (ARCHITECTURE.md, "Editor data flow"): after each
 * validation a debounced `arch/modelChanged` tells the client; an open panel
 * then asks `arch/scene`, laid out off the main thread and cached by model
 * hash. Nothing here runs on the typing path but remembering what to draw:
 * no layout, no estimates, unless a panel or an export asks.
 */
import { DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import type { DiagramInput } from '../diagram/diagram-input.js';
import { exportDiagram } from '../diagram/export.js';
import { EXPORT_FORMATS } from '../diagram/export-formats.js';
import {
    ExportRequest, ModelChangedNotification, SceneRequest, type ExportParams, type ExportResult, type ModelChangedParams,
    type SceneParams, type SceneResult
} from '../protocol.js';
import { SceneCache } from '../diagram/scene-cache.js';
import type { ArchServices } from '../arch-module.js';
import { diagramSource, hasSyntaxErrors } from '../language/topology/diagram-input-of.js';
import type { Model } from '../language/generated/ast.js';
import type { LayoutFunction } from '../diagram/layout-function.js';

/** Typing bursts collapse into one notification: a panel redraws at most this often. */
const NOTIFY_DEBOUNCE_MS = 150;

interface Drawable {
    /** The last version that parsed cleanly, what the diagram shows while the text has syntax errors. */
    lastGood?: () => DiagramInput | undefined;
    stale: boolean;
}

/** How `arch/export` makes a PNG: a rasterizer where the server has one (resvg, in Node), else why not (the browser). */
export type PngExport = { rasterize: (svg: string) => Promise<Uint8Array> } | { unavailable: string };

export class DiagramService {
    private readonly drawables = new Map<string, Drawable>();
    private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
    private readonly scenes: SceneCache;

    constructor(
        shared: LangiumSharedServices, private readonly Arch: ArchServices, private readonly connection: Connection, layout: LayoutFunction,
        private readonly png: PngExport
    ) {
        this.scenes = new SceneCache(layout);
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => this.validated(document as LangiumDocument<Model>));
        shared.workspace.TextDocuments?.onDidClose(event => this.forget(event.document.uri));
        connection.onRequest(SceneRequest, params => this.scene(params));
        connection.onRequest(ExportRequest, params => this.export(params));
    }

    /** The input of the last clean parse of `uri`, and whether the text has syntax errors now. */
    inputOf(uri: string): { input: DiagramInput | undefined; stale: boolean } {
        const drawable = this.drawables.get(uri);
        return { input: drawable?.lastGood?.(), stale: drawable?.stale ?? false };
    }

    private validated(document: LangiumDocument<Model>): void {
        const uri = document.uri.toString();
        const first = !this.drawables.has(uri);
        const drawable = this.drawables.get(uri) ?? { stale: false };
        drawable.stale = hasSyntaxErrors(document);
        // A first parse with errors is still drawn (marked stale): there is nothing better to show.
        if (!drawable.stale || !drawable.lastGood) drawable.lastGood = diagramSource(document, this.Arch.analysis);
        this.drawables.set(uri, drawable);
        const version = document.textDocument.version;
        clearTimeout(this.timers.get(uri));
        const notify = (): void => {
            this.timers.delete(uri);
            void this.connection.sendNotification(ModelChangedNotification, { uri, version, stale: drawable.stale } satisfies ModelChangedParams);
        };
        // A document's first model is said at once (nothing is being typed yet: an open panel draws it sooner).
        if (first) notify();
        else this.timers.set(uri, setTimeout(notify, NOTIFY_DEBOUNCE_MS));
    }

    private forget(uri: string): void {
        clearTimeout(this.timers.get(uri));
        this.timers.delete(uri);
        this.drawables.delete(uri);
    }

    private async scene({ uri }: SceneParams): Promise<SceneResult> {
        const { input, stale } = this.inputOf(uri);
        if (!input) return { scene: null, stale, message: this.drawables.has(uri) ? 'This file holds no system to draw.' : 'This file is not open.' };
        try {
            return { scene: await this.scenes.sceneOf(input), stale };
        } catch (error) {
            return { scene: null, stale, message: `The diagram could not be laid out: ${error instanceof Error ? error.message : String(error)}` };
        }
    }

    /** The diagram as file contents, laid out by the same worker and cache as the panel's scene. */
    private async export({ uri, format, theme }: ExportParams): Promise<ExportResult> {
        if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `unknown export format ${String(format)}: use ${EXPORT_FORMATS.join(', ')}`);
        }
        if (format === 'png' && 'unavailable' in this.png) throw new ResponseError(ErrorCodes.InvalidParams, this.png.unavailable);
        const { input } = this.inputOf(uri);
        if (!input) throw new ResponseError(ErrorCodes.InvalidParams, 'This file holds no system to export (or is not open).');
        const rasterize = 'rasterize' in this.png ? this.png.rasterize : undefined;
        return exportDiagram(input, format, { theme, layout: scene => this.scenes.sceneOf(scene), rasterize });
    }
}
