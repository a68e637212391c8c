/**
 * The diagram webview's entry (bundled to media/dist/diagram.js, loaded under a strict CSP with a nonce).
 * Builds the toolbar, the stale banner and the canvas, says `ready`, then draws what the extension sends.
 * The document's URI comes in `data-uri` on <body> (the panel writes it); it and the view are kept with
 * `setState`, so the panel serializer can restore both after a reload.
 */
import type { ToWebview, WebviewState } from '../../server/src/protocol.js';
import { DiagramView } from './diagram-view.js';
import { SimulationPanel, type PanelState } from './simulation-panel.js';
import { button, el } from './dom.js';
import type { View } from './pan-zoom.js';
import { vscodeApi } from './vscode-api.js';

const vscode = vscodeApi();
const saved = vscode.getState();
const uri = document.body.dataset.uri ?? saved?.uri ?? '';

const toolbar = el('div', 'toolbar');
const zoomLabel = el('span', 'zoom-label', '100%');
const banner = el('div', 'banner', 'stale: the text has syntax errors, showing the last good diagram');
banner.setAttribute('role', 'status');
banner.hidden = true;
const canvas = el('div', 'canvas');
canvas.tabIndex = 0;
const empty = el('div', 'empty', 'Waiting for the diagram…');

let pendingState: number | undefined;
let lastView = saved?.view;
let whatIf: PanelState | undefined = saved?.whatIf;
function saveState(): void {
    // At most one setState per frame while panning or moving the peak control.
    if (pendingState !== undefined) cancelAnimationFrame(pendingState);
    pendingState = requestAnimationFrame(() => {
        pendingState = undefined;
        const state: WebviewState = { uri, view: lastView, whatIf };
        vscode.setState(state);
    });
}
function saveView(view: View): void {
    lastView = { x: view.x, y: view.y, scale: view.scale };
    saveState();
}

const view = new DiagramView({ canvas, banner, empty, zoomLabel }, message => vscode.postMessage(message), saved?.view, saveView);
toolbar.append(
    button('zoom-out', '−', 'Zoom out', () => view.panZoom.zoom(1 / 1.25)),
    zoomLabel,
    button('zoom-in', '+', 'Zoom in', () => view.panZoom.zoom(1.25)),
    button('fit', 'Fit', 'Fit the diagram to the panel', () => view.panZoom.fit())
);
const simulation = new SimulationPanel(canvas, message => vscode.postMessage(message), saved?.whatIf, state => {
    whatIf = state;
    saveState();
});
view.onDrawn = anew => {
    if (anew) simulation.resetOverlay();
    simulation.repaint();
};
view.onBoxClick = node => simulation.boxClicked(node);
let asked = false;
document.body.append(toolbar, banner, canvas, empty, simulation.element);
canvas.hidden = true;
vscode.setState({ uri, view: saved?.view, whatIf: saved?.whatIf });

canvas.addEventListener('keydown', event => {
    if (event.key === '+' || event.key === '=') view.panZoom.zoom(1.25);
    else if (event.key === '-') view.panZoom.zoom(1 / 1.25);
    else if (event.key === '0') view.panZoom.fit();
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
    const message = event.data;
    switch (message?.type) {
        case 'scene':
            view.showScene(message.scene, message.stale);
            // The first drawing: the simulation panel asks for its what-if (the extension asks again after each new scene).
            if (!asked) {
                asked = true;
                simulation.request();
            }
            break;
        case 'simulation':
            simulation.show(message.whatIf);
            break;
        case 'saved':
            simulation.saved(message.name, message.error);
            break;
        case 'stale':
            view.setStale(message.stale);
            break;
        case 'empty':
            view.showEmpty(message.message);
            break;
        case 'highlight':
            view.highlight(message.node);
            break;
    }
});

vscode.postMessage({ type: 'ready' });
