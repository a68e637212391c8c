/**
 * The server's diagnostics in the editor, as VS Code shows them: the message, the rule ID (once: no `source`
 * beside it) linked to its page, and the quick fixes the server offers for it (`textDocument/codeAction`),
 * each applied as one undoable change. (@codemirror/lsp-client's own handler keeps the message only.)
 *
 * A fix's edits are positions in the text the server checked. They are carried through what was typed
 * since, as the diagnostics are; a fix whose text was edited since is not applied (the server's next
 * diagnostics, 25 ms after the typing, bring the fix for the new text).
 */
import { setDiagnostics, type Action, type Diagnostic } from '@codemirror/lint';
import { LSPPlugin, type LSPClient, type LSPClientExtension } from '@codemirror/lsp-client';
import { ChangeSet, StateEffect, StateField, type ChangeSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';

interface LspPosition { line: number; character: number }
interface LspRange { start: LspPosition; end: LspPosition }
interface LspDiagnostic {
    range: LspRange;
    severity?: number;
    message: string;
    code?: string | number;
    codeDescription?: { href: string };
}
interface LspCodeAction {
    title: string;
    diagnostics?: LspDiagnostic[];
    edit?: { changes?: Record<string, { range: LspRange; newText: string }[]> };
}

const SEVERITY: Record<number, Diagnostic['severity']> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function ruleLink(diagnostic: LspDiagnostic): HTMLElement | undefined {
    if (diagnostic.code === undefined) return undefined;
    const code = String(diagnostic.code);
    const href = diagnostic.codeDescription?.href;
    if (!href) return Object.assign(document.createElement('code'), { textContent: code });
    const link = document.createElement('a');
    link.href = href;
    link.textContent = code;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.className = 'rule-link';
    return link;
}

function render(diagnostic: LspDiagnostic): () => Node {
    return () => {
        const box = document.createElement('div');
        box.className = 'diagnostic-message';
        box.append(document.createTextNode(diagnostic.message));
        const link = ruleLink(diagnostic);
        if (link) box.append(document.createTextNode(' '), link);
        return box;
    };
}

function sameDiagnostic(a: LspDiagnostic, b: LspDiagnostic): boolean {
    return a.message === b.message && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** Dispatched with each new set of diagnostics: the text their fixes' positions are in. */
const diagnosticsShown = StateEffect.define<null>();

/** What was typed since the diagnostics were last shown: a fix's edits are carried through it. */
const changesSinceDiagnostics = StateField.define<ChangeSet>({
    create: state => ChangeSet.empty(state.doc.length),
    update(changes, transaction) {
        if (transaction.effects.some(effect => effect.is(diagnosticsShown))) return ChangeSet.empty(transaction.newDoc.length);
        return transaction.docChanged ? changes.compose(transaction.changes) : changes;
    }
});

interface Edit { from: number; to: number; insert: string }

function actionsOf(
    uri: string, diagnostic: LspDiagnostic, actions: LspCodeAction[], editsAt: (edits: { range: LspRange; newText: string }[]) => Edit[] | undefined
): Action[] {
    return actions.filter(action => action.edit?.changes?.[uri] && (action.diagnostics ?? []).some(d => sameDiagnostic(d, diagnostic))).flatMap(action => {
        const edits = editsAt(action.edit!.changes![uri]);
        if (!edits) return [];
        return [{
            name: action.title,
            apply(view: EditorView) {
                const since = view.state.field(changesSinceDiagnostics, false) ?? ChangeSet.empty(view.state.doc.length);
                if (edits.some(edit => since.touchesRange(edit.from, edit.to))) return;
                const changes: ChangeSpec[] = edits.map(edit => ({ from: since.mapPos(edit.from, -1), to: since.mapPos(edit.to, 1), insert: edit.insert }));
                view.dispatch({ changes, userEvent: 'input.quickfix' });
            }
        }];
    });
}

async function publish(client: LSPClient, params: { uri: string; version?: number; diagnostics: LspDiagnostic[] }): Promise<void> {
    const file = client.workspace.getFile(params.uri);
    if (!file || (params.version != null && params.version !== file.version)) return;
    const view = file.getView();
    const plugin = view && LSPPlugin.get(view);
    if (!view || !plugin) return;
    const synced = plugin.syncedDoc;
    // One request for the quick fixes of the whole file: the server answers those of each diagnostic it is given.
    let actions: LspCodeAction[] = [];
    if (params.diagnostics.length > 0) {
        try {
            const end = { line: synced.lines - 1, character: synced.line(synced.lines).length };
            actions = (await client.request<unknown, LspCodeAction[] | null>('textDocument/codeAction', {
                textDocument: { uri: params.uri }, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: params.diagnostics, only: ['quickfix'] }
            })) ?? [];
        } catch { /* no fixes offered: the diagnostics still show */ }
    }
    // A newer text was sent while the fixes were asked: its diagnostics are on their way, these are dropped.
    // Otherwise the positions are mapped through what was typed and not sent yet.
    if (plugin.syncedDoc !== synced) return;
    const at = (position: LspPosition, assoc: -1 | 1): number => plugin.unsyncedChanges.mapPos(plugin.fromPosition(position, synced), assoc);
    // A fix whose text was typed over before the server saw it is not offered (the next diagnostics bring its successor).
    const editsAt = (edits: { range: LspRange; newText: string }[]): Edit[] | undefined => {
        const inSynced = edits.map(edit => ({ from: plugin.fromPosition(edit.range.start, synced), to: plugin.fromPosition(edit.range.end, synced), insert: edit.newText }));
        if (inSynced.some(edit => plugin.unsyncedChanges.touchesRange(edit.from, edit.to))) return undefined;
        return inSynced.map(edit => ({ from: plugin.unsyncedChanges.mapPos(edit.from, -1), to: plugin.unsyncedChanges.mapPos(edit.to, 1), insert: edit.insert }));
    };
    const diagnostics: Diagnostic[] = params.diagnostics.map(item => ({
        from: at(item.range.start, -1),
        to: at(item.range.end, 1),
        severity: SEVERITY[item.severity ?? 1] ?? 'error',
        message: item.message,
        renderMessage: render(item),
        actions: actionsOf(params.uri, item, actions, editsAt)
    }));
    view.dispatch(setDiagnostics(view.state, diagnostics), { effects: diagnosticsShown.of(null) });
    for (const listener of listeners) listener(params.uri, params.diagnostics);
}

type Listener = (uri: string, diagnostics: LspDiagnostic[]) => void;
const listeners = new Set<Listener>();

/** Called after each file's diagnostics are shown (the page's status line counts them). */
export function onDiagnostics(listener: Listener): void {
    listeners.add(listener);
}

export function archDiagnostics(): LSPClientExtension {
    return {
        clientCapabilities: { textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } },
        editorExtension: changesSinceDiagnostics,
        notificationHandlers: {
            'textDocument/publishDiagnostics': (client, params) => {
                void publish(client, params);
                return true;
            }
        }
    };
}
