/**
 * archscope in a real VS Code: code-server (VS Code in the browser) with the packaged .vsix installed,
 * driven through Debian's Chromium by playwright-core as a person would, on a workspace with a copy of
 * examples/problems.arch and a small file. It proves: coded diagnostics in the Problems panel, a completion
 * list, a hover, a quick fix that changes the text and clears its diagnostic, the diagram panel with the
 * nodes, and an export that writes a file. Screenshots of each step go to test-output/e2e/.
 * The steps run in order on one window (each builds on the last).
 * Run alone: npx vitest run test/e2e/vscode.test.ts (installs code-server into ~/.cache/archscope-e2e
 * when missing, packages the .vsix from out/).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readability, themeVariables, unreadable } from '../browser/readability.js';
import { codeServerSession } from './session.js';
import {
    activeEditorLines, activeEditorText, diagramFrame, exportDiagram, filterProblems, goTo, isDirty, openFile, pickColorTheme, runCommand,
    type Screenshots, showProblems, SLOW
} from './workbench.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUTPUT = path.join(ROOT, 'test-output/e2e');
const STEP = 5 * 60_000;

/** One error only (spof-single-instance on web, line 5 col 11), an empty line in the system (4), an edge (15). */
const SMALL = `// A small design: one web service in front of a cache.
system Small {
  traffic { peak 100 rps }

  service web {
    instances 1
    capacity 400 rps
  }

  cache store {
    instances 2
    capacity 5000 rps
  }

  web -> store
}
`;

const session = codeServerSession({
    output: OUTPUT,
    files: { 'problems.arch': readFileSync(path.join(ROOT, 'examples/problems.arch'), 'utf8'), 'small.arch': SMALL }
});
let page: Page;
let workspace: string;
let shots: Screenshots;
beforeAll(() => ({ page, workspace, shots } = session));

describe('archscope in VS Code (code-server)', () => {
    it('lists coded diagnostics in the Problems panel', async () => {
        await openFile(page, 'problems.arch', 'An online shop');
        const panel = await showProblems(page);
        // problems.arch: web runs at 150% (cap-overload, an error) and most tiers declare no zone.
        await panel.locator('.monaco-list-row', { hasText: 'cap-overload' }).first().waitFor({ timeout: 2 * SLOW });
        await panel.locator('.monaco-list-row', { hasText: 'spof-single-zone' }).first().waitFor({ timeout: SLOW });
        await panel.locator('.monaco-list-row', { hasText: 'web runs at 150%' }).first().waitFor({ timeout: SLOW });
        await shots.take(page, 'problems');
    }, STEP);

    it('offers completions: the kinds of node on an empty line of a system, node names after ->', async () => {
        await openFile(page, 'small.arch', 'A small design');
        const suggest = page.locator('.editor-group-container.active .suggest-widget');

        await goTo(page, 4, 1);
        await page.keyboard.press('Control+Space');
        await suggest.locator('.monaco-list-row', { hasText: 'database' }).first().waitFor({ timeout: SLOW });
        await suggest.locator('.monaco-list-row', { hasText: 'service' }).first().waitFor({ timeout: SLOW });
        await shots.take(page, 'completion-keywords');
        await page.keyboard.press('Escape');
        await suggest.waitFor({ state: 'hidden', timeout: SLOW });

        await goTo(page, 15, 10); // `  web -> |store`
        await page.keyboard.press('Control+Space');
        await suggest.locator('.monaco-list-row', { hasText: 'store' }).first().waitFor({ timeout: SLOW });
        await shots.take(page, 'completion-names');
        await page.keyboard.press('Escape');
        await suggest.waitFor({ state: 'hidden', timeout: SLOW });
        // Looking changed nothing: no unsaved edit, the file as written.
        expect(await isDirty(page, 'small.arch')).toBe(false);
        expect(readFileSync(path.join(workspace, 'small.arch'), 'utf8')).toBe(SMALL);
    }, STEP);

    it('shows a hover on a node name', async () => {
        await goTo(page, 5, 11); // `service |web`
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Inputs' }).first();
        await hover.waitFor({ state: 'visible', timeout: SLOW });
        expect(await hover.innerText()).toMatch(/web/);
        await shots.take(page, 'hover');
        await page.keyboard.press('Escape');
    }, STEP);

    it('applies a quick fix: the text changes and its diagnostic goes', async () => {
        await showProblems(page);
        await filterProblems(page, 'spof-single-instance');
        const finding = page.locator('.markers-panel .monaco-list-row', { hasText: 'web is a single point of failure' }).first();
        await finding.waitFor({ timeout: SLOW });
        await shots.take(page, 'quick-fix-before');

        await activeEditorLines(page).click(); // back to the editor, then the cursor onto the name
        await goTo(page, 5, 11);
        const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Run 2 instances of web' }).first();
        // As a person would: Ctrl+. again when the menu did not come (on a loaded machine the first press can
        // arrive before the editor has the code actions of the line, and then shows none).
        for (let attempt = 0; ; attempt++) {
            await page.keyboard.press('Control+.');
            const shown = await action.waitFor({ timeout: SLOW / 4 }).then(() => true, () => false);
            if (shown) break;
            if (attempt === 3) throw new Error('Ctrl+. on web never listed "Run 2 instances of web"');
            await page.keyboard.press('Escape');
            await goTo(page, 5, 11);
        }
        await shots.take(page, 'quick-fix-menu');
        await action.click();

        // The cache already runs `instances 2`, so wait for web's own line to change (not for any `instances 2`).
        await expect.poll(() => activeEditorText(page), { timeout: SLOW, interval: 100 }).not.toContain('instances 1');
        expect(await activeEditorText(page)).toMatch(/service web \{\s*instances 2\b/);
        await finding.waitFor({ state: 'hidden', timeout: SLOW });
        await shots.take(page, 'quick-fix-after');
        await filterProblems(page, '');
    }, STEP);

    it('opens the diagram panel with the nodes of the file', async () => {
        await openFile(page, 'problems.arch', 'An online shop');
        await runCommand(page, 'archscope: Open Diagram to the Side');
        await page.locator('.tabs-container .tab', { hasText: 'Diagram: problems.arch' }).waitFor({ timeout: SLOW });
        const frame = await diagramFrame(page, 2 * SLOW);
        const names: string[] = [];
        const boxes = frame.locator('g.as-node');
        for (let i = 0; i < await boxes.count(); i++) names.push(await boxes.nth(i).getAttribute('data-node') ?? '');
        expect(names).toEqual(expect.arrayContaining(['front', 'edge', 'web', 'session_cache', 'catalog', 'orders', 'zk']));
        // The titles are drawn: the text of the boxes (a group's members are `primary`, `replica 1`…, under the group's title).
        for (const title of ['front', 'edge', 'web', 'product_cache', 'mailer', 'primary', 'replica 1']) {
            await frame.locator('g.as-node', { hasText: title }).first().waitFor({ timeout: SLOW });
        }
        expect(await frame.locator('svg').first().textContent()).toMatch(/catalog · primary replica/);
        await shots.take(page, 'diagram');
    }, STEP);

    it('the simulation panel: the peak control recolours the drawing, and "Save as scenario" writes a scenario the user can undo', async () => {
        // The diagram panel of problems.arch is open (the step before).
        const frame = await diagramFrame(page, 2 * SLOW);
        await frame.locator('section.sim').waitFor({ state: 'visible', timeout: 2 * SLOW });
        await frame.locator('.sim-summary', { hasText: 'Served' }).waitFor({ timeout: SLOW });
        await frame.locator('.sim-chart canvas').first().waitFor({ timeout: SLOW });
        await shots.take(page, 'simulation-panel');
        // The control by keyboard: End is ×10 of the peak, where web (150% at the peak already) is the worst off.
        await frame.locator('#sim-peak').focus();
        await page.keyboard.press('End');
        await frame.locator('.sim-peak-value', { hasText: '×10.00' }).waitFor({ timeout: SLOW });
        await frame.locator('g.as-node.as-overloaded').first().waitFor({ timeout: SLOW });
        expect(await frame.locator('g.as-node[data-node="web"]').first().getAttribute('class')).toContain('as-heat-5');
        await shots.take(page, 'simulation-peak-x10');
        // Save as scenario: VS Code asks the name, the block goes into the file as one edit, before the system's `}`.
        await frame.locator('.sim-save').click();
        const widget = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title, .quick-input-message', { hasText: /scenario/ }) });
        await widget.waitFor({ state: 'visible', timeout: SLOW });
        const input = widget.locator('.quick-input-box input');
        await expect.poll(() => input.inputValue(), { timeout: SLOW }).toBe('what_if');
        await shots.take(page, 'simulation-save-name');
        await input.fill('busy_day');
        await input.press('Enter');
        await frame.locator('.sim-status', { hasText: 'Saved as scenario busy_day.' }).waitFor({ timeout: SLOW });
        const closing = readFileSync(path.join(workspace, 'problems.arch'), 'utf8').split('\n').findIndex(line => line === '}') + 1;
        // The editor of problems.arch in the first group: a click on its tab takes the focus from the panel
        // (keys pressed while the webview has it may not reach the workbench).
        await page.locator('.editor-group-container').first().locator('.tab', { hasText: 'problems.arch' }).click();
        await page.locator('.editor-group-container.active .tab.active[data-resource-name="problems.arch"]').waitFor({ timeout: SLOW });
        await goTo(page, closing, 1);
        await shots.take(page, 'simulation-saved');
        await activeEditorLines(page).filter({ hasText: 'scenario busy_day { peak 10x }' }).waitFor({ timeout: SLOW });
        // Undone like any edit.
        await page.keyboard.press('Control+Z');
        await expect.poll(async () => (await activeEditorText(page)).includes('scenario busy_day'), { timeout: SLOW }).toBe(false);
        // Back to the top, as the next step expects the file to open there.
        await goTo(page, 1, 1);
    }, STEP);

    it('the simulation panel and its heat colours are readable in each of VS Code\'s default themes', async () => {
        const frame = await diagramFrame(page, 2 * SLOW);
        await frame.locator('section.sim').waitFor({ state: 'visible', timeout: 2 * SLOW });
        // ×2.46 of the peak: the boxes span the heat scale, from idle to overloaded.
        await frame.evaluate(`(() => { const el = document.querySelector('#sim-peak'); el.value = '620'; el.dispatchEvent(new Event('input', { bubbles: true })); })()`);
        await frame.locator('.sim-peak-value', { hasText: '×2.46' }).waitFor({ timeout: SLOW });
        // The labels VS Code's theme picker shows (extensions/theme-defaults), and the class each gives the webview's body.
        const themes: [string, string][] = [
            ['Light 2026', 'vscode-light'],
            ['Dark 2026', 'vscode-dark'],
            ['Light Modern', 'vscode-light'],
            ['Dark Modern', 'vscode-dark'],
            ['Dark High Contrast', 'vscode-high-contrast'],
            ['Light High Contrast', 'vscode-high-contrast-light']
        ];
        const failures: string[] = [];
        try {
            for (const [theme, bodyClass] of themes) {
                // VS Code gives the webview the theme's colours (its variables and a class on the body) at once.
                await pickColorTheme(page, theme);
                await expect.poll(() => frame.evaluate('document.body.className'), { timeout: SLOW }).toContain(bodyClass);
                // Two light themes share the class: wait until the webview has the workbench's colours.
                const workbench = async (): Promise<string> => String(await page.evaluate(`getComputedStyle(document.querySelector('.monaco-workbench')).getPropertyValue('--vscode-editor-background').trim()`));
                await expect.poll(async () => (await themeVariables(frame)).variables['--vscode-editor-background'] === await workbench(), { timeout: SLOW }).toBe(true);
                // The theme's variables arrive with the class; give the styles one frame to settle.
                await frame.evaluate('new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
                const checks = await readability(frame);
                const file = theme.toLowerCase().replace(/\W+/g, '-');
                writeFileSync(path.join(OUTPUT, `theme-${file}.json`), JSON.stringify({ theme, ...(await themeVariables(frame)), checks }, null, 2));
                await shots.take(page, `simulation-theme-${file}`);
                expect(checks.length, theme).toBeGreaterThan(10);
                failures.push(...unreadable(checks).map(line => `${theme}: ${line}`));
            }
        } finally {
            // code-server's default, as the other steps' screenshots have it.
            await pickColorTheme(page, 'Light Modern').catch(() => undefined);
        }
        expect(failures).toEqual([]);
    }, STEP);

    it('exports the diagram to files (format pick, save dialog): SVG, and PNG by the packaged resvg', async () => {
        await openFile(page, 'problems.arch', 'An online shop');
        const svg = (await exportAs(page, 'SVG', 'svg')).toString('utf8');
        expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);
        expect(svg).toContain('catalog');
        await shots.take(page, 'export-svg-done');

        // PNG is rasterized in the server by @resvg/resvg-js: proves the .vsix carries it and its native binary.
        const png = await exportAs(page, 'PNG', 'png');
        expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect(png.length).toBeGreaterThan(10_000);
        await shots.take(page, 'export-png-done');
    }, STEP);
});

/** Exports the diagram of problems.arch as `label` (light) to the save dialog's default `problems.<extension>`; returns the file. */
async function exportAs(page: Page, label: 'SVG' | 'PNG', extension: string): Promise<Buffer> {
    const target = path.join(workspace, `problems.${extension}`);
    await exportDiagram(page, label, extension, shots);
    await page.locator('.notifications-toasts', { hasText: `diagram exported to problems.${extension}` }).first().waitFor({ timeout: 2 * SLOW });
    expect(existsSync(target)).toBe(true);
    return readFileSync(target);
}
