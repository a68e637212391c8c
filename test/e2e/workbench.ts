/**
 * Driving VS Code's workbench in the browser as a person does: the command palette, quick open, go to
 * line, keys, the panels. Every wait is for something on the screen (a selector, a text), bounded by a
 * timeout; nothing sleeps a fixed time. code-server on two busy cores is slow, so the bounds are generous.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import type { Browser, Frame, Locator, Page } from 'playwright-core';

export const SLOW = 60_000;

export async function openWorkbench(browser: Browser, url: string, folder: string, firstFile: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { timeout: SLOW });
    await page.locator('.monaco-workbench').waitFor({ timeout: 2 * SLOW });
    // The explorer lists the folder once the remote file system answers.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: firstFile }).first().waitFor({ timeout: 2 * SLOW });
    return page;
}

function quickInput(page: Page): Locator {
    return page.locator('.quick-input-widget');
}

/** F1, then `text` in the quick input (`>` commands, `:` lines, else files); Enter once `row` is listed. */
async function quickPick(page: Page, text: string, row: string | RegExp): Promise<void> {
    await page.keyboard.press('F1');
    const widget = quickInput(page);
    const input = widget.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: SLOW });
    await input.fill(text);
    const match = widget.locator('.quick-input-list .monaco-list-row', { hasText: row }).first();
    await match.waitFor({ timeout: SLOW });
    await input.press('Enter');
    // The pick is taken once its row goes (the widget may stay open: a command can ask its own question next).
    await match.waitFor({ state: 'hidden', timeout: SLOW });
}

export async function runCommand(page: Page, title: string): Promise<void> {
    await quickPick(page, `>${title}`, title);
}

/** Picks a colour theme by its label, as a person does (Preferences: Color Theme, then the theme). */
export async function pickColorTheme(page: Page, label: string): Promise<void> {
    // Rows are clicked, not taken by Enter: the first row listed may be another (Browse Color Themes in Marketplace).
    const widget = quickInput(page);
    const input = widget.locator('.quick-input-box input');
    const row = (text: string): Locator => widget.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${text}$`) }) }).first();
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: SLOW });
    await input.fill('>Preferences: Color Theme');
    await row('Preferences: Color Theme').click({ timeout: SLOW });
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Browse Additional Color Themes' }).first().waitFor({ timeout: SLOW });
    await input.fill(label);
    await row(label).click({ timeout: SLOW });
    await widget.waitFor({ state: 'hidden', timeout: SLOW });
}

/** Opens a file of the workspace by quick open; the editor of it is active and focused afterwards. */
export async function openFile(page: Page, name: string, firstLine: string): Promise<void> {
    await quickPick(page, name, name);
    await page.locator(`.editor-group-container.active .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: SLOW });
    await activeEditorLines(page).filter({ hasText: firstLine }).waitFor({ timeout: SLOW });
}

/** Puts the cursor at a 1-based line and column of the active editor, and waits until the status bar says so. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
    await quickPick(page, `:${line}:${column}`, /./);
    await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: SLOW });
}

/** Whether an editor tab of the file shows unsaved changes. */
export async function isDirty(page: Page, name: string): Promise<boolean> {
    return await page.locator(`.tabs-container .tab.dirty[data-resource-name="${name}"]`).count() > 0;
}

export function activeEditorLines(page: Page): Locator {
    return page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
}

/** The active editor's visible text, with Monaco's non-breaking spaces as spaces. */
export async function activeEditorText(page: Page): Promise<string> {
    return (await activeEditorLines(page).innerText()).replace(/\u00a0/g, ' ');
}

export function problemsPanel(page: Page): Locator {
    return page.locator('.markers-panel');
}

export async function showProblems(page: Page): Promise<Locator> {
    const panel = problemsPanel(page);
    if (!await panel.isVisible()) await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: SLOW });
    return panel;
}

/** Types `text` into the Problems view's filter box (replacing what was there). */
export async function filterProblems(page: Page, text: string): Promise<void> {
    const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
    await filter.waitFor({ state: 'visible', timeout: SLOW });
    await filter.fill(text);
}

export class Screenshots {
    private count = 0;

    constructor(private readonly dir: string) {
        mkdirSync(dir, { recursive: true });
    }

    async take(page: Page, name: string): Promise<string> {
        const file = path.join(this.dir, `${String(++this.count).padStart(2, '0')}-${name}.png`);
        await page.screenshot({ path: file });
        return file;
    }
}

/**
 * Runs `archscope: Export Diagram` on the active file, picks `label` (light) and accepts the save dialog's
 * default `<file>.<extension>` (VS Code in the browser saves through a quick input holding the path).
 */
export async function exportDiagram(page: Page, label: 'SVG' | 'PNG', extension: string, shots: Screenshots): Promise<void> {
    await runCommand(page, 'archscope: Export Diagram');
    const widget = quickInput(page);
    const input = widget.locator('.quick-input-box input');
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Mermaid' }).first().waitFor({ timeout: SLOW });
    await input.fill(label); // the pick filters on labels: `label` light (first, focused) and dark
    await widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).filter({ hasText: 'light' }).waitFor({ timeout: SLOW });
    await shots.take(page, `export-${extension}-format`);
    await input.press('Enter');
    await widget.locator('.quick-input-title', { hasText: `Export the diagram as ${label}` }).waitFor({ timeout: SLOW });
    await expect.poll(() => input.inputValue(), { timeout: SLOW }).toMatch(new RegExp(`\\.${extension}$`));
    await shots.take(page, `export-${extension}-save-dialog`);
    await input.press('Enter');
}

/** The webview's inner frame that holds the drawing (webviews are iframes in iframes); waits for its boxes. */
export async function diagramFrame(page: Page, timeoutMs: number): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        for (const frame of page.frames()) {
            const count = await frame.locator('g.as-node').count().catch(() => 0);
            if (count > 0) return frame;
        }
        await page.waitForTimeout(500);
    }
    throw new Error(`no frame showed diagram boxes within ${timeoutMs / 1000} s`);
}
