// Bundles the extension, the language server, its layout worker and the CLI as CommonJS (Langium is ESM;
// VS Code loads CJS), and the webview script for the browser.
import { build } from 'esbuild';
import { noLayoutInServerWorker } from './no-layout-plugin.mjs';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';

const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    // resvg loads a native binary from its platform package: it stays a runtime dependency, never bundled.
    external: ['vscode', '@resvg/resvg-js']
};

// In the CLI, server and layout worker bundles the layout (elkjs: 3.4 MB) is out/layout.cjs, required on its first use
// (server/src/diagram/layout-on-demand.ts), so that a check does not compile it.
const layoutOnDemand = {
    name: 'layout-on-demand',
    setup(build) {
        build.onResolve({ filter: /^\.\/layout\.js$/ }, args =>
            args.importer.endsWith('layout-on-demand.ts') ? { path: './layout.cjs', external: true } : undefined);
    }
};

await Promise.all([
    build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'out/extension.cjs' }),
    build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'out/server.cjs', plugins: [layoutOnDemand] }),
    build({ ...common, entryPoints: ['server/src/diagram/layout.ts'], outfile: 'out/layout.cjs' }),
    // elkjs is synchronous: the server and the CLI lay out in this worker thread, off the thread that answers diagnostics.
    build({ ...common, entryPoints: ['server/src/diagram/layout-worker.ts'], outfile: 'out/layout-worker.cjs', plugins: [layoutOnDemand] }),
    build({ ...common, entryPoints: ['server/src/lsp/what-if-worker.ts'], outfile: 'out/what-if-worker.cjs' }),
    build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'out/cli.cjs', banner: { js: '#!/usr/bin/env node' }, plugins: [layoutOnDemand] }),
    // The webview: plain browser script, loaded by the diagram panel under a strict CSP (nonce).
    build({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['media/src/main.ts'], outfile: 'media/dist/diagram.js' }),
    // The language server of the browser, a classic Web Worker script (the playground's and VS Code for the Web's):
    // minified, as it is downloaded. Nothing of Node is in it (test/architecture/layers.test.ts).
    build({
        ...common, platform: 'browser', target: 'es2022', format: 'iife', minify: true, external: [],
        entryPoints: ['server/src/web/server-worker.ts'], outfile: 'out/web/server-worker.js', plugins: [noLayoutInServerWorker]
    }),
    build({
        ...common, platform: 'browser', target: 'es2022', format: 'iife', minify: true, external: [],
        entryPoints: ['server/src/web/layout-worker.ts'], outfile: 'out/web/layout-worker.js'
    }),
    // The extension in VS Code for the Web (package.json's `browser`): CommonJS for the browser's extension host, which
    // starts the two workers above (client/src/web/browser-extension.ts).
    build({
        ...common, platform: 'browser', target: 'es2022', format: 'cjs', minify: true, external: ['vscode'],
        entryPoints: ['client/src/web/browser-extension.ts'], outfile: 'out/web/extension.cjs'
    })
]);
chmodSync('out/cli.cjs', 0o755);
// The charts' stylesheet (uPlot's own), loaded by the panel beside diagram.css: the CSP takes styles from the extension's files only.
mkdirSync('media/dist', { recursive: true });
copyFileSync('node_modules/uplot/dist/uPlot.min.css', 'media/dist/uplot.css');
