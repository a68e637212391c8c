/**
 * Inside the playground's diagram frame (diagram.html), before the webview bundle: the part of VS Code's
 * webview API the diagram uses, so the very code of the VS Code panel (media/src) runs here. Messages go
 * to the page that holds the frame (same origin only); the state lives in sessionStorage, as VS Code keeps
 * a webview's state for its session. The theme follows the system's light or dark preference
 * (theme.css holds VS Code's Light Modern and Dark Modern colours).
 */
import type { FromWebview, WebviewState } from '../../server/src/protocol.js';

const STATE_KEY = 'archscope.diagram.state';

function readState(): WebviewState | undefined {
    try {
        const text = sessionStorage.getItem(STATE_KEY);
        return text ? (JSON.parse(text) as WebviewState) : undefined;
    } catch {
        return undefined;
    }
}

let acquired = false;
(window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called once');
    acquired = true;
    return {
        postMessage: (message: FromWebview) => window.parent.postMessage(message, window.location.origin),
        getState: readState,
        setState: (state: WebviewState) => {
            try {
                sessionStorage.setItem(STATE_KEY, JSON.stringify(state));
            } catch { /* storage full or refused: the state is a convenience */ }
        }
    };
};

const dark = window.matchMedia('(prefers-color-scheme: dark)');
const applyTheme = (): void => {
    document.body.classList.toggle('vscode-dark', dark.matches);
    document.body.classList.toggle('vscode-light', !dark.matches);
};
if (document.body) applyTheme();
else document.addEventListener('DOMContentLoaded', applyTheme);
dark.addEventListener('change', applyTheme);
