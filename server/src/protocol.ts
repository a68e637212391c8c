/**
 * The protocol, declared once: the LSP methods archscope adds (each method
 * name bound to its parameter and result types as a RequestType or
 * NotificationType, so the server's handler and the client's call cannot
 * disagree), and the messages between the extension and its webview
 * (postMessage). The server, the client and the webview all import it; the
 * webview imports its types only (checked by test/architecture/layers.test.ts).
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { ExportFormat, ExportResult, ExportTheme } from './diagram/export-formats.js';
import type { Scene } from './diagram/scene.js';
import type { SourceRange } from './model/topology.js';
import type { WhatIf, WhatIfCase } from './estimates/what-if.js';

export type { WhatIf, WhatIfCase };

export type { ExportFormat, ExportResult, ExportTheme };

/**
 * The `initializationOptions` of the browser's language server (server/src/web/server-worker.ts), sent by
 * the extension in VS Code for the Web: there the worker runs from a blob URL (VS Code loads extension
 * files that way), so it cannot find its layout worker or the rule pages from its own address.
 */
export interface BrowserServerOptions {
    /** The layout worker's script (a blob: URL the client made from the extension's `out/web/layout-worker.js`). */
    layoutWorker?: string;
    /** Where the rule pages are linked from (`BASE/ID.md`): the extension's own `docs/rules/`. */
    docsBase?: string;
}

/**
 * The playground's page and its language server, beside LSP on the same worker (server/src/web/layout-client.ts):
 * the page hands the server a port to the layout worker it started; the server asks for one when it needs a
 * layout before the page started any, and for a new one when a layout ran past its limit. None is JSON-RPC:
 * the server's reader and the page's transport pass them over.
 */
/** `Port` is the browser's MessagePort (this file is also compiled with Node's types, which have no such type). */
export interface LayoutPortMessage<Port> {
    archscopeLayoutPort: Port;
}
export interface LayoutRestartMessage {
    archscopeLayoutRestart: true;
}
export interface LayoutWantedMessage {
    archscopeLayoutWanted: true;
}

/** A `.archscope.json` as a client read it: where, and its text or why it has none (too large, unreadable). */
export interface ProjectConfigFile {
    uri: string;
    text?: string;
    problem?: string;
}

/** Every `.archscope.json` of the workspace, for a server without a disk (the browser's); sent again after any change. */
export interface ProjectConfigsParams {
    files: ProjectConfigFile[];
}

export interface ModelChangedParams {
    uri: string;
    /** The document version the model came from. */
    version: number;
    /** The text has syntax errors: a scene asked for now is the last good one. */
    stale: boolean;
}

export interface SceneParams {
    uri: string;
}
export interface SceneResult {
    /** The scene, or null when the document never had a system to draw. */
    scene: Scene | null;
    /** True when the text has syntax errors and `scene` is the last good one. */
    stale: boolean;
    /** Why there is no scene (a layout failure, no system), in words. */
    message?: string;
}

export interface ExportParams {
    uri: string;
    format: ExportFormat;
    theme?: ExportTheme;
}

export interface WhatIfParams {
    uri: string;
    case: WhatIfCase;
}
export interface WhatIfResult {
    /** Null when the document has no system (or is not open). */
    whatIf: WhatIf | null;
}

/** A what-if to write into the file as a `scenario` block. */
export interface SaveScenarioParams {
    uri: string;
    name: string;
    /** Of the base case's peak; 1 writes no `peak`. */
    peakFactor: number;
    fail: string[];
    cold: string[];
}
export interface SaveScenarioResult {
    /** The text to insert and where, or why not (a name taken, not a name, no system). */
    edit?: { range: SourceRange; newText: string };
    error?: string;
}

/** Server → client, debounced after each validation: the model of `uri` changed. */
export const ModelChangedNotification = new NotificationType<ModelChangedParams>('arch/modelChanged');

/** Client → the browser's server: the workspace's `.archscope.json` files (the Node server reads them from disk). */
export const ProjectConfigsNotification = new NotificationType<ProjectConfigsParams>('arch/projectConfigs');
/** Client → server: the positioned scene of a document's (first) system. */
export const SceneRequest = new RequestType<SceneParams, SceneResult, void>('arch/scene');
/** Client → server: a document's diagram as file contents (what `archscope export` writes). */
export const ExportRequest = new RequestType<ExportParams, ExportResult, void>('arch/export');

/** Client → server: the simulation panel's figures for one what-if (estimates/what-if.ts). */
export const WhatIfRequest = new RequestType<WhatIfParams, WhatIfResult, void>('arch/whatIf');
/** Client → server: the `scenario` block a what-if would be, and where it goes (the client applies it as an undoable edit). */
export const SaveScenarioRequest = new RequestType<SaveScenarioParams, SaveScenarioResult, void>('arch/saveScenario');

/** Extension → webview. */
export type ToWebview =
    | { type: 'scene'; scene: Scene; stale: boolean }
    | { type: 'stale'; stale: boolean }
    | { type: 'empty'; message: string }
    /** The node under the editor's cursor (null: none). */
    | { type: 'highlight'; node: string | null }
    /** The simulation panel's figures for the what-if the webview asked for (or the last one, after an edit). */
    | { type: 'simulation'; whatIf: WhatIf | null }
    /** A scenario was saved into the file (or could not be: `error`). */
    | { type: 'saved'; name: string | null; error?: string };

/** Webview → extension. */
export type FromWebview =
    | { type: 'ready' }
    /** A node was clicked: reveal its source. */
    | { type: 'reveal'; range: SourceRange }
    /** A finding badge was clicked: reveal that diagnostic. */
    | { type: 'revealFinding'; range: SourceRange; ruleId: string }
    /** The simulation panel's what-if changed (a scenario picked, a node or zone failed or brought back). */
    | { type: 'whatIf'; case: WhatIfCase }
    /** "Save as scenario": write the current what-if into the file. */
    | { type: 'saveScenario'; peakFactor: number; fail: string[]; cold: string[] };

/** What the webview keeps in `vscode.setState`, so the panel serializer can restore it after a reload. */
export interface WebviewState {
    uri: string;
    view?: { x: number; y: number; scale: number };
    /** The simulation panel's what-if and peak control, restored with the panel. */
    whatIf?: { case: WhatIfCase; peakFactor: number };
}
