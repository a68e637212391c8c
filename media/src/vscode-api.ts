/** The webview side of VS Code's API: `acquireVsCodeApi()` may be called once per page, so it is called here. */
import type { FromWebview, WebviewState } from '../../server/src/protocol.js';

export interface VsCodeApi {
    postMessage(message: FromWebview): void;
    getState(): WebviewState | undefined;
    setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function vscodeApi(): VsCodeApi {
    return acquireVsCodeApi();
}
