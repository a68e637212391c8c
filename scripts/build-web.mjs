// `npm run build:web`: the playground as a static site in out/site (docs/playground.md). Every file the page
// loads is here: the page and its diagram frame, the language server's Web Worker, the webview's own bundle
// and styles, the examples and the rule pages (rendered to HTML). Nothing is fetched from elsewhere.
import { build } from 'esbuild';
import { noLayoutInServerWorker } from './no-layout-plugin.mjs';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { marked } from 'marked';

const SITE = process.argv[2] ?? 'out/site';

const browser = { bundle: true, platform: 'browser', target: 'es2022', format: 'iife', minify: true, sourcemap: false, logLevel: 'warning' };

rmSync(SITE, { recursive: true, force: true });
mkdirSync(join(SITE, 'examples', 'real'), { recursive: true });
mkdirSync(join(SITE, 'rules'), { recursive: true });

// The examples menu: the bundled examples first (shop.arch opens the page), then the published designs.
const examples = [];
const addExamples = (folder, group, first) => {
    const files = readdirSync(folder).filter(f => f.endsWith('.arch')).sort((a, b) => (a === first ? -1 : b === first ? 1 : a.localeCompare(b)));
    for (const file of files) {
        const target = join('examples', folder === 'examples' ? '' : 'real', file).replace(/\\/g, '/');
        copyFileSync(join(folder, file), join(SITE, target));
        examples.push({ name: basename(file, '.arch'), file: target, group });
    }
};
addExamples('examples', 'Examples', 'shop.arch');
addExamples('examples/real', 'Published designs', undefined);
writeFileSync(join(SITE, 'examples', 'index.json'), JSON.stringify(examples, null, 1));

// The examples' scenes, laid out now (server/src/diagram/known-scenes.ts): the page's server worker draws
// an example from them without starting elkjs; the playground test fails if the page's first diagram needs
// the layout worker. The file's name carries a hash of its content, and the page names it in the worker's
// URL (boot.js and playground.js are built with it below), so a host's cache never pairs a page with
// scenes of another build: an old page asks for a file that is gone, and lays out as before.
const layOutDir = mkdtempSync(join(tmpdir(), 'archscope-lay-out-'));
const layOut = join(layOutDir, 'lay-out-examples.cjs');
await build({ bundle: true, platform: 'node', target: 'node18', format: 'cjs', entryPoints: ['scripts/lay-out-examples.ts'], outfile: layOut, logLevel: 'warning' });
const { layOutExamples } = createRequire(import.meta.url)(layOut);
const scenes = JSON.stringify(await layOutExamples(examples.map(example => readFileSync(join(SITE, example.file), 'utf8'))));
rmSync(layOutDir, { recursive: true, force: true });
const scenesFile = `examples/scenes.${createHash('sha256').update(scenes).digest('hex').slice(0, 12)}.json`;
writeFileSync(join(SITE, scenesFile), scenes);
const pageBundle = { ...browser, define: { ARCHSCOPE_SCENES_FILE: JSON.stringify(scenesFile) } };

await Promise.all([
    build({ ...pageBundle, entryPoints: ['web/src/boot.ts'], outfile: join(SITE, 'boot.js') }),
    build({ ...pageBundle, entryPoints: ['web/src/main.ts'], outfile: join(SITE, 'playground.js') }),
    build({ ...browser, entryPoints: ['web/src/vscode-shim.ts'], outfile: join(SITE, 'vscode-shim.js') }),
    // The VS Code panel's own webview code, as the extension ships it (media/src).
    build({ ...browser, entryPoints: ['media/src/main.ts'], outfile: join(SITE, 'diagram.js') }),
    build({ ...browser, entryPoints: ['server/src/web/server-worker.ts'], outfile: join(SITE, 'server-worker.js'), plugins: [noLayoutInServerWorker] }),
    build({ ...browser, entryPoints: ['server/src/web/layout-worker.ts'], outfile: join(SITE, 'layout-worker.js') })
]);

for (const file of ['index.html', 'diagram.html', 'playground.css']) copyFileSync(join('web', file), join(SITE, file));
copyFileSync('media/diagram.css', join(SITE, 'diagram.css'));
copyFileSync('node_modules/uplot/dist/uPlot.min.css', join(SITE, 'uplot.css'));
copyFileSync('images/icon.png', join(SITE, 'icon.png'));

// The colours VS Code gives its webviews (captured from the real one: test/fixtures/vscode-themes.json), so the
// diagram frame looks as the panel does: Light Modern, and Dark Modern where the system prefers dark.
const themes = JSON.parse(readFileSync('test/fixtures/vscode-themes.json', 'utf8')).themes;
const variables = name => {
    const theme = themes.find(t => t.theme === name);
    if (!theme) throw new Error(`test/fixtures/vscode-themes.json has no theme ${name}`);
    return Object.entries(theme.variables).map(([key, value]) => `  ${key}: ${value};`).join('\n');
};
const fonts = `  --vscode-font-family: system-ui, -apple-system, "Segoe UI", sans-serif;\n  --vscode-font-size: 13px;\n  --vscode-editor-font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;`;
writeFileSync(join(SITE, 'theme.css'), `/* VS Code's webview colours (test/fixtures/vscode-themes.json), for the diagram frame. */
:root {
${fonts}
${variables('Light Modern')}
}
@media (prefers-color-scheme: dark) {
  :root {
${variables('Dark Modern')}
  }
}
body { margin: 0; background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
`);

// The rule pages, rendered: the Markdown is the project's own (docs/rules), the page has no script.
const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · archscope</title><link rel="stylesheet" href="rules.css"></head>
<body><main>${body}</main><p class="back"><a href="../index.html">archscope playground</a></p></body></html>
`;
for (const file of readdirSync('docs/rules').filter(f => f.endsWith('.md'))) {
    const id = basename(file, '.md');
    // Links between the pages stay within the site.
    const html = marked.parse(readFileSync(join('docs/rules', file), 'utf8'), { async: false }).replace(/href="([a-z0-9-]+)\.md(#[^"]*)?"/g, 'href="$1.html$2"');
    writeFileSync(join(SITE, 'rules', `${id}.html`), page(id, html));
}
writeFileSync(join(SITE, 'rules', 'rules.css'), `body { font: 15px/1.5 system-ui, sans-serif; max-width: 780px; margin: 2em auto; padding: 0 1em; color: #1f2328; }
code, pre { font-family: ui-monospace, monospace; background: #f6f8fa; } pre { padding: 8px; overflow: auto; }
@media (prefers-color-scheme: dark) { body { color: #e6edf3; background: #0d1117; } code, pre { background: #151b23; } a { color: #4493f8; } }
`);

const files = readdirSync(SITE, { recursive: true }).filter(f => !f.endsWith('/')).length;
process.stdout.write(`playground: ${SITE} (${files} files)\n`);
