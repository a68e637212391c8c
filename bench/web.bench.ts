/**
 * The playground (issue 14) in real headless Chromium, from the built static site: how long until the
 * first diagram is drawn after the page starts loading, how long after a keystroke the diagnostics are
 * back (the bundled example, shop.arch), and how much the first load downloads, compressed as a static
 * host compresses it (gzip -9 of each file the page, its frame and its worker fetched).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serveStatic } from '../scripts/serve-static.mjs';
import { encodeModel } from '../web/src/share-link.js';
import { launchChromium } from '../test/browser/chromium.js';
import type { Page } from 'playwright-core';
import type { BenchGroup } from './group.js';
import { median, quantile } from './stats.js';
import { budget, ms, type BenchTable } from './table.js';

/** In callbacks that run in the page: the browser's globals (this file is type-checked with Node's). */
declare const document: any;
declare const window: any;

const LOADS = 7;
const NEW_WINDOW_LOADS = 3;
/** How long the new window is left to finish its own start-up before the first load. */
const SETTLE_MS = 3000;
const KEYSTROKES = 15;
const FIRST_DIAGRAM_BUDGET_MS = 2000;
const KEYSTROKE_BUDGET_MS = 300;
const DOWNLOAD_BUDGET_BYTES = 1.5 * 1024 * 1024;

export const webBench: BenchGroup = {
    name: 'web',
    async run(): Promise<BenchTable[]> {
        const site = mkdtempSync(join(tmpdir(), 'archscope-bench-site-'));
        execFileSync(process.execPath, ['scripts/build-web.mjs', site], { stdio: 'pipe' });
        const { server, origin } = await serveStatic(site);
        const browser = await launchChromium();
        try {
            const fetched = new Map<string, number>();
            const firstDiagram = async (page: Page, url = `${origin}/`): Promise<number> => {
                await page.goto(url);
                await page.waitForFunction(() => document.body.dataset.firstDiagram !== undefined, null, { timeout: 60_000 });
                return Number(await page.evaluate(() => document.body.dataset.firstDiagram));
            };

            // A first visit in a browser that is already open: one window, settled, with the HTTP cache (and so
            // V8's code cache) disabled and emptied before each load, and a page of another site in between (a new
            // renderer process: nothing compiled is kept from the last load). A new window would be timed with the
            // browser's own start-up: headless Chromium loads its omnibox's WebUI in each new window, over 2 s
            // of CPU on this two-core machine during the page's load (seen in a Chromium trace).
            const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
            const page = await context.newPage();
            page.on('requestfinished', request => {
                const path = new URL(request.url()).pathname.replace(/^\/$/, '/index.html');
                if (request.url().startsWith(origin)) fetched.set(path, gzipSync(readFileSync(join(site, path)), { level: 9 }).length);
            });
            const cdp = await context.newCDPSession(page);
            await cdp.send('Network.enable');
            await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
            // `localhost` is another site than `127.0.0.1` (the same server): its pages get a renderer process of their own.
            const elsewhere = `${origin.replace('127.0.0.1', 'localhost')}/elsewhere`;
            await page.goto(elsewhere);
            await page.waitForTimeout(SETTLE_MS);
            const firsts: number[] = [];
            for (let i = 0; i < LOADS; i++) {
                await cdp.send('Network.clearBrowserCache');
                await page.goto(elsewhere);
                firsts.push(await firstDiagram(page));
            }
            // A share link's design: not an example, so it has no scene laid out at build time (known-scenes.ts),
            // and its first diagram waits for elkjs to start in the layout worker. shop.arch with one figure changed.
            const shop = readFileSync('examples/shop.arch', 'utf8');
            const sharedDesign = shop.replace(/peak (\d+)/, (_, peak: string) => `peak ${Number(peak) + 1}`);
            if (sharedDesign === shop) throw new Error('examples/shop.arch has no `peak` to change for the share link');
            const shareLink = `${origin}/#${await encodeModel(sharedDesign)}`;
            const shared: number[] = [];
            for (let i = 0; i < LOADS; i++) {
                await cdp.send('Network.clearBrowserCache');
                await page.goto(elsewhere);
                shared.push(await firstDiagram(page, shareLink));
            }
            // The same, each in a new window (a fresh browser context): what the budget is not about, shown for comparison.
            const inNewWindow: number[] = [];
            for (let i = 0; i < NEW_WINDOW_LOADS; i++) {
                const fresh = await browser.newContext({ viewport: { width: 1400, height: 900 } });
                inNewWindow.push(await firstDiagram(await fresh.newPage()));
                await fresh.close();
            }

            await page.goto(`${origin}/`);
            await page.waitForFunction(() => document.body.dataset.diagnosticsSeen !== undefined, null, { timeout: 60_000 });
            await page.click('.cm-content');
            await page.keyboard.press('Control+End');
            const keystrokes: number[] = [];
            for (let i = 0; i < KEYSTROKES + 2; i++) {
                const seen = await page.evaluate(() => Number(document.body.dataset.diagnosticsSeen));
                const started = await page.evaluate(() => performance.now());
                await page.keyboard.press(i % 2 === 0 ? 'Space' : 'Backspace');
                await page.waitForFunction(s => Number(document.body.dataset.diagnosticsSeen) > s, seen, { timeout: 10_000 });
                const arrived = await page.evaluate(() => Number(document.body.dataset.diagnosticsAt));
                if (i >= 2) keystrokes.push(arrived - started); // two warm-ups
            }
            await context.close();

            const total = [...fetched.values()].reduce((sum, bytes) => sum + bytes, 0);
            const largest = [...fetched].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([file, bytes]) => `${file.slice(1)} ${(bytes / 1024).toFixed(0)} KB`).join(', ');
            const first = median(firsts);
            const keystroke = median(keystrokes);
            return [{
                title: 'web: the playground in headless Chromium, from the built site (scripts/build-web.mjs)',
                columns: ['measure', 'median', 'p90', 'budget'],
                rows: [
                    ['first diagram after the page starts loading (ms)', ms(first), ms(quantile(firsts, 0.9)), budget(first, FIRST_DIAGRAM_BUDGET_MS)],
                    ['the same, in a new browser window (ms)', ms(median(inNewWindow)), ms(quantile(inNewWindow, 0.9)), '—'],
                    ['first diagram of a share link, laid out in the page (ms)', ms(median(shared)), ms(quantile(shared, 0.9)), budget(median(shared), FIRST_DIAGRAM_BUDGET_MS)],
                    ['diagnostics after a keystroke, shop.arch (ms)', ms(keystroke), ms(quantile(keystrokes, 0.9)), budget(keystroke, KEYSTROKE_BUDGET_MS)],
                    ['initial download, gzip -9 (KB)', (total / 1024).toFixed(0), '—', `< ${(DOWNLOAD_BUDGET_BYTES / 1024).toFixed(0)} KB ${total < DOWNLOAD_BUDGET_BYTES ? '✓' : '✗'}`]
                ],
                notes: [
                    `First diagram: ${LOADS} first visits in one open window (HTTP and code cache disabled and emptied each time), timed by the page (performance.now() when the first scene is posted to the frame).`,
                    'The page opens with shop.arch, whose scene was laid out when the site was built (server/src/diagram/known-scenes.ts); its layout worker starts after the first diagram.',
                    `Share link: ${LOADS} first visits as above, of shop.arch with its peak changed (no scene known): the layout worker starts at once, and elkjs's start-up is on the way to the first diagram.`,
                    `In a new window: ${NEW_WINDOW_LOADS} loads, each in a fresh browser context; headless Chromium then starts the window's own UI (its omnibox WebUI) during the page's load, on the same two cores.`,
                    `Keystroke: ${KEYSTROKES} keystrokes (a space typed and taken back at the end of shop.arch, after two warm-ups), from the key press to the page receiving the diagnostics of the new text.`,
                    `Download: ${fetched.size} files; the largest: ${largest}.`
                ]
            }];
        } finally {
            await browser.close();
            server.close();
            rmSync(site, { recursive: true, force: true });
        }
    }
};
