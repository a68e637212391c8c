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

export type { ExportFormat, ExportResult, ExportTheme };

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

/** Server → client, debounced after each validation: the model of `uri` changed. */
export const ModelChangedNotification = new NotificationType<ModelChangedParams>('arch/modelChanged');
/** Client → server: the positioned scene of a document's (first) system. */
export const SceneRequest = new RequestType<SceneParams, SceneResult, void>('arch/scene');
/** Client → server: a document's diagram as file contents (what `archscope export` writes). */
export const ExportRequest = new RequestType<ExportParams, ExportResult, void>('arch/export');

/** Extension → webview. */
export type ToWebview =
    | { type: 'scene'; scene: Scene; stale: boolean }
    | { type: 'stale'; stale: boolean }
    | { type: 'empty'; message: string }
    /** The node under the editor's cursor (null: none). */
    | { type: 'highlight'; node: string | null };

/** Webview → extension. */
export type FromWebview =
    | { type: 'ready' }
    /** A node was clicked: reveal its source. */
    | { type: 'reveal'; range: SourceRange }
    /** A finding badge was clicked: reveal that diagnostic. */
    | { type: 'revealFinding'; range: SourceRange; ruleId: string };

/** What the webview keeps in `vscode.setState`, so the panel serializer can restore it after a reload. */
export interface WebviewState {
    uri: string;
    view?: { x: number; y: number; scale: number };
}
