/**
 * The layers of the code base and what each may import (ARCHITECTURE.md,
 * "Layers"), as data the layering test checks every import against.
 *
 * The pure core (model, estimates, crosscheck, rules, present, diagram) knows
 * nothing of Langium, VS Code or the LSP libraries, and model, estimates,
 * crosscheck, rules and present nothing of Node either: they are the part a
 * browser can run. The
 * language layer (grammar, Langium services, the AST → Topology builder) sits
 * on the core; the LSP providers and the server on the language layer; the
 * CLI beside them. The client and the webview import only the protocol and
 * browser-safe diagram code, never the server's.
 */

import { builtinModules } from 'node:module';
import { cyclicComponents } from '../../server/src/model/graph.js';

export interface SourceImport {
    /** The importing file, relative to the repository root. */
    from: string;
    /** A package name, or the imported file relative to the root (`.ts`). */
    to: string;
    typeOnly: boolean;
    external: boolean;
    /** As written (`vscode-languageclient/node.js`); `to` keeps a package's name only. */
    specifier?: string;
}

interface Layer {
    name: string;
    /** Whether a file (relative to the root) belongs to this layer. */
    holds(file: string): boolean;
    /** The layers whose files it may import. */
    imports: readonly string[];
    /** Layers it may import types from, but no values (`import type`): what would otherwise close a cycle. */
    typesFrom?: readonly string[];
    /** Whether it may import this package (`node:*` included). */
    packages(name: string): boolean;
}

const under = (folder: string) => (file: string): boolean => file.startsWith(`${folder}/`);
const noUi = (name: string): boolean => !/^(langium|vscode|chevrotain)/.test(name);
const none = (): boolean => false;

export const LAYERS: readonly Layer[] = [
    { name: 'model', holds: under('server/src/model'), imports: ['model'], packages: none },
    { name: 'estimates', holds: under('server/src/estimates'), imports: ['model', 'estimates'], packages: none },
    /**
     * The independent simulator the estimates are checked against (docs/crosscheck.md): it reads the
     * model only, never the estimates' code, so the two cannot share a mistake.
     */
    { name: 'crosscheck', holds: under('server/src/crosscheck'), imports: ['model', 'crosscheck'], packages: none },
    // Rule messages read their numbers through present/; present reads rules' types only, so no cycle can form.
    { name: 'rules', holds: under('server/src/rules'), imports: ['model', 'estimates', 'present', 'rules'], packages: none },
    { name: 'present', holds: under('server/src/present'), imports: ['model', 'estimates', 'present'], typesFrom: ['rules'], packages: none },
    { name: 'diagram', holds: under('server/src/diagram'), imports: ['model', 'estimates', 'rules', 'present', 'diagram', 'threads'], packages: noUi },
    { name: 'files', holds: under('server/src/files'), imports: ['files'], packages: name => name.startsWith('node:') },
    /** Worker threads that answer one request at a time (the layout, the what-if): Node only, nothing of the domain. */
    { name: 'threads', holds: under('server/src/threads'), imports: ['threads'], packages: name => name.startsWith('node:') },
    /** The LSP methods and webview messages, bound to their types once (server/src/protocol.ts). */
    { name: 'protocol', holds: file => file === 'server/src/protocol.ts', imports: ['model', 'diagram'], typesFrom: ['estimates'], packages: name => name === 'vscode-jsonrpc' },
    {
        name: 'language', holds: under('server/src/language'),
        imports: ['model', 'estimates', 'rules', 'present', 'diagram', 'files', 'language', 'wiring'], packages: name => !/^vscode(?!-languageserver-types|-uri)/.test(name)
    },
    {
        name: 'lsp', holds: under('server/src/lsp'),
        imports: ['model', 'estimates', 'rules', 'present', 'diagram', 'files', 'threads', 'protocol', 'language', 'lsp', 'wiring'], packages: name => name !== 'vscode' && !name.startsWith('vscode-languageclient')
    },
    {
        name: 'wiring', holds: file => ['server/src/arch-module.ts', 'server/src/arch-module-node.ts', 'server/src/main.ts'].includes(file),
        imports: ['language', 'lsp', 'wiring'], packages: name => name !== 'vscode' && !name.startsWith('vscode-languageclient')
    },
    /** The language server of the browser (a Web Worker): the same wiring over postMessage; its whole import closure is checked free of Node (BROWSER_SERVER_ENTRY). */
    {
        name: 'web-server', holds: under('server/src/web'),
        imports: ['diagram', 'protocol', 'language', 'lsp', 'wiring', 'web-server'], packages: name => name === 'langium' || name === 'vscode-languageserver'
    },
    {
        name: 'cli', holds: under('server/src/cli'),
        // crosscheck: `simulate --check` prints the independent simulation beside the estimates.
        imports: ['model', 'estimates', 'crosscheck', 'rules', 'present', 'diagram', 'files', 'protocol', 'language', 'lsp', 'wiring', 'cli'], packages: name => name !== 'vscode' && !name.startsWith('vscode-languageclient')
    },
    { name: 'client', holds: under('client/src'), imports: ['client', 'protocol', 'browser-safe'], packages: name => name === 'vscode' || name.startsWith('vscode-languageclient') || name.startsWith('node:') },
    /** The webview imports the protocol's types only: its bundle runs in a browser and has no vscode-jsonrpc. */
    /** uPlot draws the simulation panel's charts (bundled; canvas only, no eval, no fetch). */
    { name: 'webview', holds: under('media/src'), imports: ['webview', 'browser-safe'], typesFrom: ['protocol'], packages: name => name === 'uplot' },
    /** The playground's page (web/src): an editor (CodeMirror) that speaks LSP to the browser's server, and the webview's host. */
    { name: 'playground', holds: under('web/src'), imports: ['playground', 'browser-safe'], typesFrom: ['protocol'], packages: name => name.startsWith('@codemirror/') }
];

/** The layer of `file`, or undefined when no layer holds it. */
export function layerOf(file: string): Layer | undefined {
    return LAYERS.find(layer => layer.holds(file));
}

/**
 * The files the client, the webview and the playground may import beyond their own: the diagram's drawing
 * code, with what it imports (scene types, the Topology's types), and the webview's host (pure). No layout
 * (elkjs), no rasterizing (resvg), no VS Code API.
 */
const BROWSER_SAFE = new Set([
    'server/src/diagram/export-formats.ts', 'server/src/diagram/scene.ts', 'server/src/diagram/render-svg.ts', 'server/src/diagram/svg-escape.ts',
    'server/src/diagram/svg-legend.ts', 'server/src/diagram/svg-text.ts', 'server/src/diagram/svg-theme.ts', 'server/src/diagram/node-shapes.ts',
    'server/src/diagram/box-size.ts', 'server/src/model/topology.ts', 'server/src/diagram/node-at.ts',
    // Numbers in words, shared with every other output (the simulation panel formats as it moves).
    'server/src/present/numbers.ts',
    // The host side of the webview's protocol, pure (no VS Code API): the VS Code panel's and the playground's.
    'client/src/webview-host.ts'
]);

/** The browser's language server: nothing it imports, directly or not, may need Node. */
export const BROWSER_SERVER_ENTRY = 'server/src/web/server-worker.ts';
/** The extension in VS Code for the Web (package.json's `browser`): nothing it imports may need Node either. */
export const BROWSER_EXTENSION_ENTRY = 'client/src/web/browser-extension.ts';

/**
 * Whether an import needs Node: `node:*` and Node's modules named without it (`fs`), resvg's native binary,
 * and the Node halves of the LSP libraries (`vscode-languageclient/node`, `vscode-languageserver/node`).
 */
function needsNode({ to, specifier = to }: SourceImport): boolean {
    return to.startsWith('node:') || builtinModules.includes(to) || to === '@resvg/resvg-js'
        || /^vscode-language(client|server)\/node(\.js)?$/.test(specifier);
}

/**
 * The Node packages (`node:*`, resvg's native binary, the LSP libraries' Node halves) that `entry` reaches through value imports, each with
 * the chain of files that reaches it. Dynamic imports count: a bundle for the browser holds them too.
 */
export function nodeOnlyReachedFrom(entry: string, imports: readonly SourceImport[]): string[] {
    const byFile = new Map<string, SourceImport[]>();
    for (const i of imports) if (!i.typeOnly) byFile.set(i.from, [...(byFile.get(i.from) ?? []), i]);
    const found: string[] = [];
    const seen = new Set<string>([entry]);
    const queue: string[][] = [[entry]];
    while (queue.length > 0) {
        const chain = queue.shift()!;
        for (const i of byFile.get(chain[chain.length - 1]) ?? []) {
            if (i.external) {
                if (needsNode(i)) found.push(`${[...chain, i.specifier ?? i.to].join(' → ')}`);
            } else if (!seen.has(i.to)) {
                seen.add(i.to);
                queue.push([...chain, i.to]);
            }
        }
    }
    return found;
}

/** What is wrong with these imports: one line per import a layer may not make. */
export function problemsOf(imports: readonly SourceImport[]): string[] {
    const problems: string[] = [];
    for (const { from, to, typeOnly, external } of imports) {
        const layer = layerOf(from);
        if (!layer) continue; // reported by the test that every file has a layer
        if (external) {
            if (!layer.packages(to)) problems.push(`${from} (${layer.name}) imports the package ${to}`);
            continue;
        }
        const target = layerOf(to);
        const allowed = target !== undefined && (layer.imports.includes(target.name)
            || (typeOnly && (layer.typesFrom ?? []).includes(target.name))
            || (layer.imports.includes('browser-safe') && BROWSER_SAFE.has(to)));
        if (!allowed) problems.push(`${from} (${layer.name}) imports ${to} (${target?.name ?? 'no layer'})`);
    }
    return problems;
}

/** The import statements of a TypeScript file: `resolveRelative` turns `./x.js` into a root-relative path. */
export function importsOf(file: string, text: string, resolveRelative: (spec: string) => string): SourceImport[] {
    const found: SourceImport[] = [];
    const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
    for (const match of text.matchAll(pattern)) {
        const spec = match[3] ?? match[4];
        const typeOnly = match[2] !== undefined;
        if (spec.startsWith('.')) {
            found.push({ from: file, to: resolveRelative(spec).replace(/\.js$/, '.ts'), typeOnly, external: false });
        } else {
            found.push({ from: file, to: spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0], typeOnly, external: true, specifier: spec });
        }
    }
    return found;
}

/** The cycles among the files' value imports (each once, as the files on it, sorted). */
export function runtimeCycles(imports: readonly SourceImport[]): string[][] {
    const edges = new Map<string, string[]>();
    for (const { from, to, typeOnly, external } of imports) {
        if (typeOnly || external) continue;
        edges.set(from, [...(edges.get(from) ?? []), to]);
    }
    return cyclicComponents(edges.keys(), edges).map(component => component.sort());
}
