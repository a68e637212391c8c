/**
 * `archscope.exportDiagram`: a format (quick pick), a file (the save dialog, which confirms replacing an
 * existing one), the contents from the server (`arch/export`, the same as `archscope export`), and an
 * atomic write: a temporary file beside the target, renamed over it; the temporary file is removed when
 * anything fails, so the target is either the old file or the whole new one.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { refusedExportTarget } from './export-target.js';
import { randomHex } from './random-text.js';
import { ExportRequest, type ExportFormat, type ExportParams, type ExportTheme } from '../../server/src/protocol.js';

interface FormatPick extends vscode.QuickPickItem {
    format: ExportFormat;
    theme?: ExportTheme;
    extension: string;
    filter: string;
}

const PICKS: FormatPick[] = [
    { label: 'SVG', description: 'light', format: 'svg', theme: 'light', extension: 'svg', filter: 'SVG image' },
    { label: 'SVG', description: 'dark', format: 'svg', theme: 'dark', extension: 'svg', filter: 'SVG image' },
    { label: 'PNG', description: 'light', format: 'png', theme: 'light', extension: 'png', filter: 'PNG image' },
    { label: 'PNG', description: 'dark', format: 'png', theme: 'dark', extension: 'png', filter: 'PNG image' },
    { label: 'Mermaid', description: 'flowchart text, findings kept', format: 'mermaid', extension: 'mmd', filter: 'Mermaid' },
    { label: 'Markdown', description: 'design-doc section: diagram, findings, estimates', format: 'markdown', extension: 'md', filter: 'Markdown' }
];

/** What the extension's host cannot export, with why (VS Code for the Web: PNG, made by resvg, a native Node module). */
export interface ExportLimits {
    png?: string;
}

export async function exportDiagram(client: BaseLanguageClient, started: Promise<void>, limits: ExportLimits = {}): Promise<void> {
    const document = activeArchDocument();
    if (!document) {
        void vscode.window.showInformationMessage('archscope: open a .arch file to export its diagram.');
        return;
    }
    // A format the host cannot make stays in the list, saying so, and is refused before the save dialog.
    const picks = PICKS.map(pick => pick.format === 'png' && limits.png ? { ...pick, description: `${pick.description}: not in the browser` } : pick);
    const pick = await vscode.window.showQuickPick(picks, { title: 'archscope: Export Diagram', placeHolder: 'Format' });
    if (!pick) return;
    if (pick.format === 'png' && limits.png) {
        void vscode.window.showInformationMessage(`archscope: ${limits.png}`);
        return;
    }
    const base = document.uri.path.replace(/\.arch$/i, '');
    const target = await vscode.window.showSaveDialog({
        title: `Export the diagram as ${pick.label}`,
        defaultUri: document.uri.with({ path: `${base}.${pick.extension}` }),
        filters: { [pick.filter]: [pick.extension] }
    });
    if (!target) return;
    const refused = refusedExportTarget(target.path);
    if (refused) {
        void vscode.window.showErrorMessage(`archscope: ${refused}`);
        return;
    }
    try {
        await started;
        const params: ExportParams = { uri: document.uri.toString(), format: pick.format, theme: pick.theme };
        const result = await client.sendRequest(ExportRequest, params);
        await writeAtomically(target, result.encoding === 'base64' ? fromBase64(result.content) : new TextEncoder().encode(result.content));
    } catch (error) {
        void vscode.window.showErrorMessage(`archscope: export failed: ${error instanceof Error ? error.message : String(error)}`);
        return;
    }
    const open = await vscode.window.showInformationMessage(`archscope: diagram exported to ${vscode.workspace.asRelativePath(target)}`, 'Open');
    if (open) await vscode.commands.executeCommand('vscode.open', target);
}

/** The document the command is about: the active editor's, or the one of the active diagram panel's column. */
function activeArchDocument(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'arch') return active;
    return vscode.window.visibleTextEditors.map(editor => editor.document).find(document => document.languageId === 'arch');
}

/** Base64 to bytes with what both extension hosts have (`atob`; the browser's has no Buffer). */
function fromBase64(text: string): Uint8Array {
    return Uint8Array.from(atob(text), char => char.charCodeAt(0));
}

export async function writeAtomically(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
    const dir = vscode.Uri.joinPath(target, '..');
    const name = target.path.split('/').pop() ?? 'export';
    const temporary = vscode.Uri.joinPath(dir, `.${name}.${randomHex(6)}.tmp`);
    try {
        await vscode.workspace.fs.writeFile(temporary, bytes);
        await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
    } catch (error) {
        await Promise.resolve(vscode.workspace.fs.delete(temporary, { useTrash: false })).catch(() => undefined);
        throw error;
    }
}
