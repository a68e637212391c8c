// Writes test/fixtures/vscode-themes.json from the colours VS Code gave the diagram webview in each default
// theme, as the end-to-end test captured them (test-output/e2e/theme-*.json, written by
// `npx vitest run test/e2e/vscode.test.ts`): the `--vscode-*` variables media/diagram.css and the charts
// read, and the body's classes. test/browser/simulation-panel-themes.test.ts checks the panel against them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const css = readFileSync('media/diagram.css', 'utf8') + readFileSync('media/src/charts.ts', 'utf8');
const used = new Set([...css.matchAll(/--vscode-[A-Za-z0-9-]+/g)].map(m => m[0]));
const themes = readdirSync('test-output/e2e').filter(name => /^theme-.*\.json$/.test(name)).sort().map(name => {
    const captured = JSON.parse(readFileSync(`test-output/e2e/${name}`, 'utf8'));
    const variables = Object.fromEntries(Object.entries(captured.variables).filter(([key]) => used.has(key)).sort(([a], [b]) => a.localeCompare(b)));
    return { theme: captured.theme, classes: captured.classes, variables };
});
if (themes.length === 0) throw new Error('no test-output/e2e/theme-*.json: run the end-to-end test first');
writeFileSync('test/fixtures/vscode-themes.json', JSON.stringify({
    source: 'the diagram webview of code-server 4.139.1 (VS Code), each default theme picked in turn by test/e2e/vscode.test.ts; regenerate with node scripts/update-theme-fixtures.mjs',
    themes
}, null, 2) + '\n');
console.log(`test/fixtures/vscode-themes.json: ${themes.length} themes, ${used.size} variables read`);
