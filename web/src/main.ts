/**
 * The playground's page (out/site/index.html): an editor that speaks LSP to the language server in a Web
 * Worker (server-worker.js, the same services as the extension's server), the live diagram and the
 * simulation panel in a frame (the VS Code panel's own code, diagram.html), examples, share links and
 * downloads. A static site: everything it loads is its own files (the CSP says so).
 */
import { autocompletion } from '@codemirror/autocomplete';
import { defaultKeymap, history as editHistory, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentUnit, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { formatDocument, formatKeymap, hoverTooltips, LSPClient, LSPPlugin, renameKeymap, serverCompletion } from '@codemirror/lsp-client';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import type { ExportFormat, ModelChangedParams } from '../../server/src/protocol.js';
import { archLanguage } from './arch-language.js';
import { archDiagnostics, onDiagnostics } from './diagnostics.js';
import { diagramHost } from './diagram-host.js';
import { download } from './downloads.js';
import { sanitizeHtml } from './sanitize.js';
import { startLayoutWorker, startServerWorker } from './server-worker-start.js';
import { decodeModel, encodeModel } from './share-link.js';
import { workerTransport } from './worker-transport.js';

const URI = 'file:///playground/design.arch';
/** Milliseconds after a keystroke before the text goes to the server (the server checks it at once). */
const SYNC_DELAY_MS = 25;

interface Example { name: string; file: string; group: string }

const $ = <T extends HTMLElement>(id: string): T => {
    const element = document.getElementById(id);
    if (!element) throw new Error(`the page has no #${id}`);
    return element as T;
};
const status = $<HTMLElement>('status');
const examplesMenu = $<HTMLSelectElement>('examples');
const frame = $<HTMLIFrameElement>('diagram');

function say(text: string): void {
    status.textContent = text;
}

function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

// Started by boot.js already (the page's first script); started here when it was not.
const worker = startServerWorker();
const client = new LSPClient({
    rootUri: 'file:///playground/',
    timeout: 30_000,
    sanitizeHTML: sanitizeHtml,
    highlightLanguage: name => (name === 'arch' ? archLanguage : null),
    extensions: [archDiagnostics()],
    notificationHandlers: {
        'arch/modelChanged': (_client, params: ModelChangedParams) => {
            if (params.uri === URI) host.modelChanged(params);
            return true;
        }
    }
}).connect(workerTransport(worker));

/** Sends the text soon after each change (the LSP client itself only syncs before a request). */
const syncSoon = ViewPlugin.fromClass(class {
    private timer: ReturnType<typeof setTimeout> | undefined;
    update(update: ViewUpdate): void {
        if (!update.docChanged) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => LSPPlugin.get(update.view)?.client.sync(), SYNC_DELAY_MS);
    }
    destroy(): void {
        clearTimeout(this.timer);
    }
});

/** The diagram highlights the node under the editor's cursor. */
const followCursor = EditorView.updateListener.of(update => {
    if (!update.selectionSet && !update.docChanged) return;
    const head = update.state.selection.main.head;
    const line = update.state.doc.lineAt(head);
    host.cursorMoved({ line: line.number - 1, character: head - line.from });
});

/**
 * The editor's look. CodeMirror writes its styles into a <style> element unless it lives in a shadow root,
 * where it adopts constructed stylesheets, which the CSP allows without 'unsafe-inline'; so the editor is
 * mounted in one (load, below) and its styles, these included, are all CodeMirror's.
 */
const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
const look = EditorView.theme({
    '&': { height: '100%', fontSize: '13px', backgroundColor: dark ? '#0d1117' : '#ffffff', color: dark ? '#e6edf3' : '#1f2328' },
    '.cm-scroller': { fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace' },
    '.cm-gutters': { backgroundColor: dark ? '#151b23' : '#f6f8fa', color: dark ? '#9198a1' : '#59636e', borderRightColor: dark ? '#3d444d' : '#d1d9e0' },
    '.cm-activeLine': { backgroundColor: dark ? '#161b2266' : '#f6f8fa99' },
    '.cm-activeLineGutter': { backgroundColor: dark ? '#1f2630' : '#eaeef2' },
    '.cm-cursor': { borderLeftColor: dark ? '#e6edf3' : '#1f2328' },
    '.cm-tooltip': { maxWidth: '560px' },
    '.diagnostic-message .rule-link': { fontFamily: 'ui-monospace, monospace', fontSize: '12px', marginLeft: '4px' },
    // The lint underlines and gutter icons, drawn with CSS: @codemirror/lint's own are SVG data images, which
    // the page's CSP refuses (their inline presentation counts as inline style).
    '.cm-lintRange': { backgroundImage: 'none', textDecorationLine: 'underline', textDecorationStyle: 'wavy', textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
    '.cm-lintRange-error': { backgroundImage: 'none', textDecorationColor: '#d1242f' },
    '.cm-lintRange-warning': { backgroundImage: 'none', textDecorationColor: '#bf8700' },
    '.cm-lintRange-info': { backgroundImage: 'none', textDecorationColor: '#0969da' },
    '.cm-lintRange-hint': { backgroundImage: 'none', textDecorationColor: '#59636e' },
    '.cm-lint-marker': { content: 'none', width: '0.8em', height: '0.8em', borderRadius: '50%', display: 'inline-block', verticalAlign: 'middle' },
    '.cm-lint-marker-error': { content: 'none', backgroundColor: '#d1242f' },
    '.cm-lint-marker-warning': { content: 'none', backgroundColor: '#bf8700', borderRadius: '2px' },
    '.cm-lint-marker-info': { content: 'none', backgroundColor: '#0969da' }
}, { dark });

function extensions() {
    return [
        look,
        lineNumbers(), editHistory(), drawSelection(), highlightActiveLine(), bracketMatching(), lintGutter(),
        indentUnit.of('  '), EditorState.tabSize.of(2),
        archLanguage, syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        autocompletion({ activateOnTyping: true }), serverCompletion(), hoverTooltips(),
        keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap, ...formatKeymap, ...renameKeymap, indentWithTab]),
        client.plugin(URI, 'arch'), syncSoon, followCursor,
        EditorView.contentAttributes.of({ 'aria-label': 'The design, in the .arch language' })
    ];
}

let view: EditorView;
const host = diagramHost(frame, client, URI, () => view, say);

let firstDiagram = true;
host.onScene = () => {
    if (firstDiagram) {
        firstDiagram = false;
        performance.mark('archscope:first-diagram');
        document.body.dataset.firstDiagram = String(Math.round(performance.now()));
        try {
            startLayoutWorker();
        } catch (error) {
            // The diagram is drawn; the next layout asks for the worker again (the server says so if it cannot start).
            console.warn(`The layout worker did not start: ${messageOf(error)}`);
        }
    }
};

onDiagnostics((uri, diagnostics) => {
    if (uri !== URI) return;
    const count = (severity: number): number => diagnostics.filter(d => (d.severity ?? 1) === severity).length;
    const [errors, warnings, infos] = [count(1), count(2), count(3)];
    say(diagnostics.length === 0 ? 'No findings.' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} note${infos === 1 ? '' : 's'}.`);
    document.body.dataset.diagnostics = String(diagnostics.length);
    // For the bench (npm run bench -- web): when the latest diagnostics arrived, and how many sets so far.
    document.body.dataset.diagnosticsAt = String(performance.now());
    document.body.dataset.diagnosticsSeen = String(Number(document.body.dataset.diagnosticsSeen ?? 0) + 1);
});

/** Replaces the editor's whole text (an example, a share link): the first time a new editor, after that one change, which Ctrl+Z undoes. */
function load(text: string): void {
    host.forgetWhatIf();
    if (!view) {
        const root = $('editor').attachShadow({ mode: 'open' });
        view = new EditorView({ root, parent: root, state: EditorState.create({ doc: text, extensions: extensions() }) });
    } else {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    }
}

function systemName(): string {
    return /\bsystem\s+([A-Za-z_][\w-]*)/.exec(view.state.doc.toString())?.[1] ?? 'design';
}

async function loadExamples(): Promise<Example[]> {
    const response = await fetch('examples/index.json');
    if (!response.ok) throw new Error(`examples/index.json: ${response.status}`);
    return (await response.json()) as Example[];
}

async function openExample(example: Example): Promise<void> {
    const response = await fetch(example.file);
    if (!response.ok) throw new Error(`${example.file}: ${response.status}`);
    load(await response.text());
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

async function start(): Promise<void> {
    const examples = await loadExamples();
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const [index, example] of examples.entries()) {
        let group = groups.get(example.group);
        if (!group) {
            group = document.createElement('optgroup');
            group.label = example.group;
            groups.set(example.group, group);
            examplesMenu.append(group);
        }
        group.append(new Option(example.name, String(index)));
    }
    examplesMenu.addEventListener('change', () => {
        const example = examples[Number(examplesMenu.value)];
        if (example) void openExample(example).catch(error => say(`Cannot open the example: ${messageOf(error)}`));
    });

    const shared = await decodeModel(window.location.hash);
    if (shared && 'text' in shared) {
        load(shared.text);
        examplesMenu.value = '';
    } else {
        examplesMenu.value = '0';
        await openExample(examples[0]);
        if (shared && 'error' in shared) say(shared.error);
    }

    $('share').addEventListener('click', () => void share());
    for (const format of ['svg', 'png', 'mermaid', 'markdown'] as ExportFormat[]) {
        $(`download-${format}`).addEventListener('click', () => {
            download(client, URI, format, systemName()).catch(error => say(`The ${format.toUpperCase()} export failed: ${messageOf(error)}`));
        });
    }
    $('format').addEventListener('click', () => {
        formatDocument(view);
        view.focus();
    });
}

async function share(): Promise<void> {
    const fragment = await encodeModel(view.state.doc.toString());
    window.history.replaceState(null, '', `#${fragment}`);
    const link = window.location.href;
    try {
        await navigator.clipboard.writeText(link);
        say(`Link copied (${link.length.toLocaleString('en-US')} characters): it holds the whole design.`);
    } catch {
        say('The link is in the address bar: copy it from there.');
    }
    document.body.dataset.shared = link;
}

/**
 * What the page holds, for tests and for anyone debugging it in the console; `edit` changes the text as
 * typing does (a test edits and acts within one task with it, where key presses would let the server answer between).
 */
(window as unknown as { playground: unknown }).playground = {
    text: () => view?.state.doc.toString() ?? '',
    selectedText: () => (view ? view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to) : ''),
    edit: (from: number, to: number, insert: string) => view?.dispatch({ changes: { from, to, insert }, userEvent: 'input.type' })
};

start().catch(error => say(`The playground could not start: ${messageOf(error)}`));
