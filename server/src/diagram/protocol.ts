/**
 * The messages between the language server and the diagram panel (LSP custom
 * methods) and between the extension and its webview (postMessage). Types
 * only: the client and the webview import this file and nothing else of the server.
 */
import type { Scene } from './scene.js';
import type { SourceRange } from '../model/topology.js';

/** Server → client notification, debounced after each validation: the model of `uri` changed. */
export const MODEL_CHANGED_METHOD = 'arch/modelChanged';
export interface ModelChangedParams {
    uri: string;
    /** The document version the model came from. */
    version: number;
    /** The text has syntax errors: a scene asked for now is the last good one. */
    stale: boolean;
}

/** Client → server request: the positioned scene of a document's (first) system. */
export const SCENE_METHOD = 'arch/scene';
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

export const EXPORT_FORMATS = ['svg', 'png', 'mermaid', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportTheme = 'light' | 'dark';

/** Client → server request: a document's diagram as file contents (what `archscope export` writes). */
export const EXPORT_METHOD = 'arch/export';
export interface ExportParams {
    uri: string;
    format: ExportFormat;
    theme?: ExportTheme;
}
export interface ExportResult {
    /** The file's contents: text, or base64 for png. */
    content: string;
    encoding: 'utf8' | 'base64';
}

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
