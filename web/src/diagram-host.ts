/**
 * The playground's half of the diagram frame's host (client/src/webview-host.ts does the rest, as for the
 * VS Code panel): the frame (diagram.html runs the same webview bundle), the LSP client, the editor. The
 * frame's clicks select the source; a finding's badge also opens the lint panel; "Save as scenario" asks
 * the name with the browser's prompt and applies the block as one change, which Ctrl+Z undoes.
 */
import type { LSPClient } from '@codemirror/lsp-client';
import { openLintPanel } from '@codemirror/lint';
import { EditorSelection, type Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { WebviewHost } from '../../client/src/webview-host.js';
import type { Position } from '../../server/src/model/topology.js';
import type { FromWebview, SaveScenarioParams, SaveScenarioResult, SceneParams, SceneResult, ToWebview, WhatIfParams, WhatIfResult } from '../../server/src/protocol.js';

/** The editor's offset of a line and character from the server, kept within the text (it may have changed since). */
function offsetOf(doc: Text, position: Position): number {
    if (position.line + 1 > doc.lines) return doc.length;
    const line = doc.line(position.line + 1);
    return Math.min(line.to, line.from + position.character);
}

export function diagramHost(frame: HTMLIFrameElement, client: LSPClient, uri: string, editor: () => EditorView, say: (text: string) => void): WebviewHost {
    const post = (message: ToWebview): void => frame.contentWindow?.postMessage(message, window.location.origin);
    const host = new WebviewHost({
        scene: () => client.request<SceneParams, SceneResult>('arch/scene', { uri }),
        whatIf: whatIfCase => client.request<WhatIfParams, WhatIfResult>('arch/whatIf', { uri, case: whatIfCase }),
        saveScenario: (name, peakFactor, fail, cold) => client.request<SaveScenarioParams, SaveScenarioResult>('arch/saveScenario', { uri, name, peakFactor, fail, cold }),
        post,
        reveal: async (range, finding) => {
            const view = editor();
            view.dispatch({ selection: EditorSelection.single(offsetOf(view.state.doc, range.start), offsetOf(view.state.doc, range.end)), scrollIntoView: true });
            view.focus();
            if (finding) openLintPanel(view);
            return true;
        },
        askName: async suggested => window.prompt('The scenario\'s name (letters, digits, _ and -)', suggested)?.trim() || undefined,
        applyEdit: async edit => {
            const view = editor();
            const { start, end } = edit.range;
            view.dispatch({ changes: { from: offsetOf(view.state.doc, start), to: offsetOf(view.state.doc, end), insert: edit.newText }, userEvent: 'input.scenario' });
            return true;
        },
        report: (_severity, message) => say(message.charAt(0).toUpperCase() + message.slice(1))
    });
    window.addEventListener('message', event => {
        // Only the frame, from this site, speaks for the diagram.
        if (event.source !== frame.contentWindow || event.origin !== window.location.origin) return;
        void host.received(event.data as FromWebview);
    });
    return host;
}
