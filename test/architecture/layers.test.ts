/**
 * The layering of ARCHITECTURE.md as a check, not a comment: every import of
 * every source file is read, and a layer that reaches up, or a pure layer
 * that reaches for Langium, VS Code or the LSP libraries, fails this test
 * with the file and the import. Runtime import cycles fail it too (type-only
 * imports are erased from the bundles, so Langium's module wiring, where the
 * services' type is imported by the services, is not a cycle).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { BROWSER_EXTENSION_ENTRY, BROWSER_SERVER_ENTRY, importsOf, layerOf, LAYERS, nodeOnlyReachedFrom, problemsOf, runtimeCycles, type SourceImport } from './layers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(folder: string): string[] {
    return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
        .filter(entry => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
        .map(entry => relative(ROOT, join(entry.parentPath, entry.name)))
        .filter(path => !path.includes('/generated/'));
}

const FILES = ['server/src', 'client/src', 'media/src', 'web/src'].flatMap(sources);
const IMPORTS: SourceImport[] = FILES.flatMap(file => importsOf(file, readFileSync(join(ROOT, file), 'utf8'), spec => relative(ROOT, resolve(ROOT, dirname(file), spec))));

describe('the layers', () => {
    test('the imports are read (a known value import, a type-only one, a package and a dynamic import)', () => {
        const has = (from: string, to: string, typeOnly: boolean): boolean => IMPORTS.some(i => i.from === from && i.to === to && i.typeOnly === typeOnly);
        expect(has('server/src/lsp/start-server.ts', 'langium', false)).toBe(true);
        expect(has('server/src/diagram/diagram-input.ts', 'server/src/model/topology.ts', true)).toBe(true);
        expect(has('server/src/cli/main.ts', 'server/src/lsp/start-server.ts', false)).toBe(true);
        expect(IMPORTS.length).toBeGreaterThan(300);
    });

    test('every source file belongs to a layer', () => {
        expect(FILES.filter(file => layerOf(file) === undefined)).toEqual([]);
    });

    test('no layer imports what it may not (pure layers: no Langium, VS Code or LSP; no layer reaches up)', () => {
        expect(problemsOf(IMPORTS)).toEqual([]);
    });

    test('no import cycles at run time', () => {
        expect(runtimeCycles(IMPORTS)).toEqual([]);
    });

    test('the browser\'s language server reaches nothing that needs Node (node:*, resvg), through any chain of imports', () => {
        expect(FILES).toContain(BROWSER_SERVER_ENTRY);
        expect(nodeOnlyReachedFrom(BROWSER_SERVER_ENTRY, IMPORTS)).toEqual([]);
        // The check can fail: the Node server's entry reaches node:fs (the .archscope.json files) and resvg (PNG).
        const node = nodeOnlyReachedFrom('server/src/lsp/start-server.ts', IMPORTS);
        expect(node.some(chain => chain.endsWith('→ node:fs'))).toBe(true);
        expect(node.some(chain => chain.endsWith('→ @resvg/resvg-js'))).toBe(true);
    });

    test('the extension of VS Code for the Web reaches nothing that needs Node, and the Node extension does (the check can fail)', () => {
        expect(FILES).toContain(BROWSER_EXTENSION_ENTRY);
        expect(nodeOnlyReachedFrom(BROWSER_EXTENSION_ENTRY, IMPORTS)).toEqual([]);
        const node = nodeOnlyReachedFrom('client/src/extension.ts', IMPORTS);
        expect(node.some(chain => chain.endsWith('→ node:path'))).toBe(true);
        expect(node.some(chain => chain.endsWith('→ vscode-languageclient/node.js'))).toBe(true);
        // Node's modules named without `node:` count too.
        expect(nodeOnlyReachedFrom('a.ts', importsOf('a.ts', "import { readFileSync } from 'fs';", spec => spec))).toEqual(['a.ts → fs']);
    });
});

test('the tests never import the benchmarks (the benchmarks use the tests\' harness, not the other way round)', () => {
    const testFiles = sources('test');
    const reachingIntoBench = testFiles.filter(file => /from '(\.\.\/)+bench\/|import\('(\.\.\/)+bench\//.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(testFiles.length).toBeGreaterThan(50);
    expect(reachingIntoBench).toEqual([]);
});

describe('the check itself fails when a layer reaches up', () => {
    const at = (from: string, to: string, typeOnly = false): SourceImport => ({ from, to, typeOnly, external: !to.startsWith('server/') && !to.startsWith('client/') && !to.startsWith('media/') });

    test.each([
        ['server/src/model/topology.ts', 'langium'],
        ['server/src/rules/capacity.ts', 'vscode-languageserver'],
        ['server/src/estimates/simulate.ts', 'server/src/language/validation/document-analysis.ts'],
        ['server/src/diagram/render-svg.ts', 'server/src/lsp/diagram-service.ts'],
        ['server/src/model/topology.ts', 'server/src/rules/registry.ts'],
        ['server/src/language/validation/arch-validator.ts', 'server/src/lsp/arch-hover-provider.ts'],
        ['client/src/extension.ts', 'server/src/language/topology/build-topology.ts'],
        ['media/src/main.ts', 'vscode'],
        ['media/src/main.ts', 'server/src/diagram/layout.ts'],
        ['media/src/main.ts', 'server/src/protocol.ts'],
        ['web/src/main.ts', 'server/src/lsp/serve.ts'],
        ['web/src/main.ts', 'node:fs'],
        ['server/src/diagram/scene.ts', 'server/src/protocol.ts'],
        ['server/src/present/numbers.ts', 'server/src/rules/registry.ts'],
        ['server/src/present/numbers.ts', 'server/src/language/topology/build-topology.ts'],
        ['server/src/present/numbers.ts', 'node:fs'],
        ['server/src/crosscheck/request-sim.ts', 'server/src/estimates/erlang-c.ts'],
        ['server/src/crosscheck/failure-sim.ts', 'node:fs'],
        ['server/src/estimates/simulate.ts', 'server/src/crosscheck/cross-check.ts']
    ])('%s importing %s is reported', (from, to) => {
        expect(problemsOf([at(from, to)])).toHaveLength(1);
    });

    test('the webview may import the protocol\'s types, the client its values', () => {
        expect(problemsOf([at('media/src/main.ts', 'server/src/protocol.ts', true), at('client/src/diagram-panel.ts', 'server/src/protocol.ts')])).toEqual([]);
    });

    test('present may import the rules\' types, not their values; rules may import present', () => {
        expect(problemsOf([at('server/src/present/explain.ts', 'server/src/rules/rule.ts', true)])).toEqual([]);
        expect(problemsOf([at('server/src/rules/capacity.ts', 'server/src/present/numbers.ts')])).toEqual([]);
    });

    test('a cycle of value imports is reported, one through a type-only import is not', () => {
        const a = 'server/src/rules/a.ts';
        const b = 'server/src/rules/b.ts';
        expect(runtimeCycles([at(a, b), at(b, a)])).toHaveLength(1);
        expect(runtimeCycles([at(a, b), at(b, a, true)])).toEqual([]);
    });

    test('the layers are listed', () => {
        expect(LAYERS.map(layer => layer.name)).toContain('model');
    });
});
