/**
 * The playground (issue 14) in real Chromium, loaded from the built static site (scripts/build-web.mjs into
 * a temporary folder, served by scripts/serve-static.mjs): the page, the language server in its Web
 * Worker, the editor, the diagram frame, share links and downloads. Every request the page makes is
 * recorded: nothing may leave the site, and nothing may break the CSP.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { launchChromium } from '../browser/chromium.js';

/** In callbacks that run in the page: the browser's globals (this file is type-checked with Node's). */
declare const document: any;
declare const window: any;

const SPOF = `system tiny {
  traffic { peak 400 rps }
  balancer lb { instances 2 }
  service api { instances 1  capacity 600 rps  latency 20ms }
  lb -> api
}
`;

let browser: Browser;
let server: Server;
let origin: string;
let site: string;
/** Requests that left the site, CSP violations, page errors, console errors: all must stay empty. */
const problems: string[] = [];

async function openPlayground(url = `${origin}/`): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('request', request => {
        if (!request.url().startsWith(`${origin}/`) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) problems.push(`request ${request.url()}`);
    });
    page.on('pageerror', error => problems.push(`pageerror ${error.message}`));
    page.on('console', message => {
        // The favicon is the page's icon.png; a 404 of anything else is a missing file.
        if (message.type() === 'error') problems.push(`console ${message.text()}`);
    });
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.firstDiagram !== undefined, null, { timeout: 30_000 });
    return page;
}

const text = (page: Page): Promise<string> => page.evaluate(() => (window as any).playground.text() as string);

/**
 * Replaces the editor's text as a user would: select all, delete, then the text as one input. (Typed over a
 * selection, Chromium's insertText command wraps the new text in a styled span for an instant, which the
 * CSP refuses, harmlessly: CodeMirror draws its own lines. Deleting first, as here, makes no such span.)
 */
async function typeModel(page: Page, model: string): Promise<void> {
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(model);
    await page.waitForFunction(m => (window as any).playground.text() === m, model);
}

beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'archscope-site-'));
    execFileSync(process.execPath, ['scripts/build-web.mjs', site], { stdio: 'pipe' });
    ({ server, origin } = await serveStatic(site));
    browser = await launchChromium();
}, 120_000);

afterAll(async () => {
    await browser?.close();
    server?.close();
    rmSync(site, { recursive: true, force: true });
    expect(problems).toEqual([]);
});

describe('the playground', () => {
    test('the site is only files: the page, its frame, the worker, the webview, examples and rule pages', () => {
        for (const file of ['index.html', 'diagram.html', 'playground.js', 'server-worker.js', 'diagram.js', 'diagram.css', 'examples/index.json', 'rules/spof-single-instance.html']) {
            expect(existsSync(join(site, file)), file).toBe(true);
        }
        const csp = /Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(join(site, 'index.html'), 'utf8'))?.[1] ?? '';
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    });

    test('it loads the first example, checks it and draws it, and the frame is the VS Code panel\'s webview', async () => {
        const page = await openPlayground();
        const examples = JSON.parse(readFileSync(join(site, 'examples/index.json'), 'utf8')) as { file: string }[];
        expect(await text(page)).toBe(readFileSync(join(site, examples[0].file), 'utf8'));
        const frame = page.frameLocator('#diagram');
        await expect.poll(() => frame.locator('.as-node').count(), { timeout: 20_000 }).toBeGreaterThan(5);
        await expect.poll(() => page.textContent('#status')).toMatch(/findings|error|warning/);
        await page.close();
    });

    test('the example\'s first diagram is the scene laid out when the site was built: the layout worker starts after it, for the first edit', async () => {
        const page = await openPlayground();
        const started = (): Promise<number> => page.evaluate(() => Number(document.documentElement.dataset.layoutWorkerStarted));
        await expect.poll(started).toBeGreaterThan(0);
        expect(await started()).toBeGreaterThanOrEqual(Number(await page.evaluate(() => document.body.dataset.firstDiagram)));
        // The first edit is laid out by it.
        await typeModel(page, SPOF);
        const frame = page.frameLocator('#diagram');
        await expect.poll(async () => (await frame.locator('.as-node').allTextContents()).join(' '), { timeout: 20_000 }).toMatch(/^(?=.*\bapi\b)(?=.*\blb\b)(?!.*\bweb\b)/s);
        await page.close();
    });

    test('without the examples\' scenes, the server asks for the layout worker, and the first diagram is still drawn', async () => {
        const page = await browser.newPage();
        try {
            await page.route(/\/examples\/scenes\.[0-9a-f]+\.json$/, route => route.abort());
            await page.goto(`${origin}/`);
            await page.waitForFunction(() => document.body.dataset.firstDiagram !== undefined, null, { timeout: 30_000 });
            const at = await page.evaluate(() => ({ started: Number(document.documentElement.dataset.layoutWorkerStarted), drawn: Number(document.body.dataset.firstDiagram) }));
            expect(at.started).toBeGreaterThan(0);
            expect(at.started).toBeLessThan(at.drawn);
            await expect.poll(() => page.frameLocator('#diagram').locator('.as-node').count(), { timeout: 20_000 }).toBeGreaterThan(5);
        } finally {
            await page.close();
        }
    });

    test('typing a single point of failure shows its diagnostic, with its rule linked to its page, and a quick fix', async () => {
        const page = await openPlayground();
        await typeModel(page, SPOF);
        await page.waitForSelector('.cm-lintRange-warning, .cm-lintRange-error', { timeout: 20_000 });
        await page.keyboard.press('Control+Shift+KeyM'); // the lint panel
        const panel = page.locator('.cm-panel.cm-panel-lint');
        await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toMatch(/api is a single point of failure/);
        const link = panel.locator('a.rule-link', { hasText: 'spof-single-instance' }).first();
        expect(await link.getAttribute('href')).toBe(`${origin}/rules/spof-single-instance.html`);
        const rulePage = await page.request.get(`${origin}/rules/spof-single-instance.html`);
        expect(rulePage.status()).toBe(200);
        expect(await rulePage.text()).toContain('spof-single-instance');
        // The server's quick fix for it, applied from the panel, edits the text.
        const fix = panel.locator('button', { hasText: /instances/i }).first();
        await fix.click();
        await expect.poll(() => text(page)).toMatch(/service api \{ instances [2-9]/);
        await page.close();
    });

    test('a quick fix lands where its diagnostic is, after text typed above it since, and not at all on text edited since', async () => {
        const page = await openPlayground();
        await typeModel(page, SPOF);
        await page.keyboard.press('Control+Shift+KeyM');
        await page.locator('.cm-panel.cm-panel-lint button', { hasText: /instances/i }).first().waitFor({ timeout: 20_000 });
        await page.evaluate(() => {
            (window as any).fixButton = () => [...(document.getElementById('editor')!.shadowRoot ?? document).querySelectorAll('.cm-panel.cm-panel-lint button')].find(b => /instances/i.test(b.textContent ?? '')) as { click(): void } | undefined;
        });
        // In one task (the server cannot answer between): a comment typed at the top, then the fix.
        const fixed = await page.evaluate(() => {
            const button = (window as any).fixButton();
            (window as any).playground.edit(0, 0, '// typed before the fix\n');
            button.click();
            return (window as any).playground.text() as string;
        });
        expect(fixed.startsWith('// typed before the fix\nsystem tiny {')).toBe(true);
        expect(fixed).toMatch(/\n {2}service api \{ instances [2-9]/);
        expect(fixed.replace(/(service api \{ instances )[2-9]\d*/, '$11')).toBe(`// typed before the fix\n${SPOF}`);

        // The fix's own text changed since (`instances 1` → `instances 3`): it is not applied over it.
        const seen = await page.evaluate(() => Number(document.body.dataset.diagnosticsSeen));
        await typeModel(page, SPOF);
        await page.waitForFunction(s => Number(document.body.dataset.diagnosticsSeen) > s && (window as any).fixButton() !== undefined, seen, { timeout: 20_000 });
        const edited = await page.evaluate(() => {
            const text = (window as any).playground.text() as string;
            const at = text.indexOf('instances 1') + 'instances '.length;
            const button = (window as any).fixButton();
            (window as any).playground.edit(at, at + 1, '3');
            button.click();
            return (window as any).playground.text() as string;
        });
        expect(edited).toBe(SPOF.replace('instances 1', 'instances 3'));
        await page.close();
    });

    test('a layout worker that cannot start is tried again three times, after growing pauses, and then left alone', async () => {
        // Its own page (a missing file is what this test is about, not a problem of the site), the file moved away meanwhile.
        const layoutWorker = join(site, 'layout-worker.js');
        renameSync(layoutWorker, `${layoutWorker}.away`);
        const page = await browser.newPage();
        try {
            const asked: number[] = [];
            page.on('request', request => { if (request.url().endsWith('/layout-worker.js')) asked.push(Date.now()); });
            await page.goto(`${origin}/`);
            // The example's diagram is known: the layout worker is first started after it.
            await page.waitForFunction(() => document.body.dataset.firstDiagram !== undefined, null, { timeout: 30_000 });
            await page.waitForTimeout(4_000); // past the pauses: 250 + 500 + 1,000 ms
            expect(asked.length).toBe(4);
            const pauses = asked.slice(1).map((at, i) => at - asked[i]);
            expect(pauses[0]).toBeGreaterThanOrEqual(250);
            expect(pauses[1]).toBeGreaterThanOrEqual(500);
            expect(pauses[2]).toBeGreaterThanOrEqual(1_000);
            // The editor goes on: its diagnostics came, and it still answers.
            expect(await text(page)).toContain('system');
        } finally {
            await page.close();
            renameSync(`${layoutWorker}.away`, layoutWorker);
        }
    });

    test('completion after `->` offers the nodes of the system', async () => {
        const page = await openPlayground();
        await typeModel(page, SPOF.replace('  lb -> api\n', '  lb -> api\n  api -> \n'));
        // To the end of the `api -> ` line (the text ends with `}` and a newline).
        await page.keyboard.press('ArrowUp');
        await page.keyboard.press('ArrowUp');
        await page.keyboard.press('End');
        await page.keyboard.press('Control+Space');
        const options = page.locator('.cm-tooltip-autocomplete li');
        await expect.poll(() => options.allTextContents(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringContaining('lb')]));
        await page.close();
    });

    test('a click on a box selects its name in the source, as in VS Code', async () => {
        const page = await openPlayground();
        await typeModel(page, SPOF);
        const frame = page.frameLocator('#diagram');
        const box = frame.locator('.as-node[data-node="api"]').first();
        await box.waitFor({ timeout: 20_000 });
        await box.click();
        await expect.poll(() => page.evaluate(() => (window as any).playground.selectedText() as string)).toBe('api');
        const line = await page.evaluate(() => {
            const p = (window as any).playground;
            return p.text().slice(0, p.text().indexOf('service api')).split('\n').length;
        });
        expect(line).toBe(4);
        await page.close();
    });

    test('a share link opened in a new page restores the text', async () => {
        const page = await openPlayground();
        const model = SPOF.replace('tiny', 'shared_design');
        await typeModel(page, model);
        await page.click('#share');
        const link = await page.waitForFunction(() => document.body.dataset.shared).then(handle => handle.jsonValue() as Promise<string>);
        expect(link).toMatch(/#model=[A-Za-z0-9_-]+$/);
        await page.close();
        const opened = await openPlayground(link);
        expect(await text(opened)).toBe(model);
        // A design of its own: its layout worker was started at once, before its first diagram.
        expect(Number(await opened.evaluate(() => document.documentElement.dataset.layoutWorkerStarted)))
            .toBeLessThan(Number(await opened.evaluate(() => document.body.dataset.firstDiagram)));
        await opened.close();
    });

    test('each export downloads a whole, well-formed file', async () => {
        const page = await openPlayground();
        await typeModel(page, SPOF);
        await page.waitForSelector('.cm-lintRange-warning, .cm-lintRange-error', { timeout: 20_000 });
        const fetch = async (format: string): Promise<{ name: string; bytes: Buffer }> => {
            const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.click(`#download-${format}`)]) as [Download, void];
            const path = await download.path();
            return { name: download.suggestedFilename(), bytes: readFileSync(path) };
        };
        const svg = await fetch('svg');
        expect(svg.name).toBe('tiny.svg');
        expect(svg.bytes.toString('utf8')).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s\S]*<\/svg>\s*$/);
        const png = await fetch('png');
        expect(png.name).toBe('tiny.png');
        expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
        expect(png.bytes.length).toBeGreaterThan(1000);
        const mermaid = await fetch('mermaid');
        expect(mermaid.name).toBe('tiny.mmd');
        expect(mermaid.bytes.toString('utf8')).toMatch(/^(%%.*\n)*\s*(flowchart|graph) /m);
        const markdown = await fetch('markdown');
        expect(markdown.name).toBe('tiny.md');
        expect(markdown.bytes.toString('utf8')).toMatch(/^## tiny architecture$/m);
        expect(markdown.bytes.toString('utf8')).toContain('```mermaid');
        await page.close();
    });
});
