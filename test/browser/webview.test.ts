/**
 * The diagram webview: the real bundle (media/dist/diagram.js, built by scripts/bundle.mjs) in real
 * headless Chromium, under the panel's strict CSP with a nonce and a stub acquireVsCodeApi. It renders
 * a scene, clicks post reveal messages, a stale update keeps the drawing with a banner, the cursor
 * highlight, pan/zoom/fit kept across updates and in the state, hover cards, hostile names as text,
 * and no CSP violation or error anywhere. Saves test-output/webview-shop.png for review.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FromWebview } from '../../server/src/protocol.js';
import type { Scene } from '../../server/src/diagram/scene.js';
import { layoutScene } from '../../server/src/diagram/layout.js';
import { HOSTILE, hostileScene, shopScene } from '../diagram/hand-scene.js';
import { SHOP } from '../diagram/input-of.js';
import { diagramInput } from '../diagram/scene-input.js';
import { launchChromium } from './chromium.js';
import { closeCheckingProblems, openWebview, type WebviewPage } from './webview-page.js';

let browser: Browser;
const opened: WebviewPage[] = [];

beforeAll(async () => {
    browser = await launchChromium();
});

afterAll(async () => {
    await browser?.close();
});

// Whatever a test did, the page never broke its CSP, threw, or logged an error.
afterEach(() => closeCheckingProblems(opened, problems => expect(problems).toEqual([])));

async function open(options: Parameters<typeof openWebview>[1] = {}): Promise<WebviewPage> {
    const webview = await openWebview(browser, options);
    opened.push(webview);
    return webview;
}

async function withScene(scene: Scene = shopScene(), options: Parameters<typeof openWebview>[1] = {}): Promise<WebviewPage> {
    const webview = await open(options);
    await webview.send({ type: 'scene', scene, stale: false });
    return webview;
}

async function lastPosted(webview: WebviewPage): Promise<FromWebview | undefined> {
    return (await webview.posted()).at(-1);
}

async function viewBox(webview: WebviewPage): Promise<string | null> {
    return webview.page.locator('.canvas > svg').getAttribute('viewBox');
}

describe('the diagram webview', () => {
    it('says ready, then draws every node of a scene', async () => {
        const scene = shopScene();
        const webview = await open();
        expect(await webview.posted()).toEqual([{ type: 'ready' }]);
        await expect(webview.page.locator('.empty').isVisible()).resolves.toBe(true);
        await webview.send({ type: 'scene', scene, stale: false });
        expect(await webview.page.locator('g.as-node').count()).toBe(scene.nodes.length);
        const titles = await webview.page.locator('g.as-node .as-title').allTextContents();
        expect(titles.sort()).toEqual(scene.nodes.map(n => n.title).sort());
        expect(await webview.page.locator('.empty').isVisible()).toBe(false);
        expect(await webview.page.locator('.banner').isVisible()).toBe(false);
    });

    it('a click on a node posts reveal with its range', async () => {
        const scene = shopScene();
        const webview = await withScene(scene);
        await webview.page.locator('g.as-node[data-id="web"] .as-title').click();
        expect(await lastPosted(webview)).toEqual({ type: 'reveal', range: scene.nodes.find(n => n.id === 'web')!.range });
        await webview.page.locator('g.as-node[data-id="carts"]').click();
        expect(await lastPosted(webview)).toEqual({ type: 'reveal', range: scene.nodes.find(n => n.id === 'carts')!.range });
    });

    it('a click on a badge posts revealFinding with the first finding of that severity', async () => {
        const scene = shopScene();
        const cache = scene.nodes.find(n => n.id === 'session_cache')!;
        const webview = await withScene(scene);
        await webview.page.locator('g.as-badge[data-node="session_cache"][data-severity="warning"]').click();
        const warning = cache.findings.find(f => f.severity === 'warning')!;
        expect(await lastPosted(webview)).toEqual({ type: 'revealFinding', range: warning.range, ruleId: warning.ruleId });
        await webview.page.locator('g.as-badge[data-node="session_cache"][data-severity="error"]').click();
        const error = cache.findings.find(f => f.severity === 'error')!;
        expect(await lastPosted(webview)).toEqual({ type: 'revealFinding', range: error.range, ruleId: error.ruleId });
    });

    it('a stale update keeps the drawing and shows the banner until the text parses again', async () => {
        const scene = shopScene();
        const webview = await withScene(scene);
        await webview.send({ type: 'stale', stale: true });
        const banner = webview.page.locator('.banner');
        expect(await banner.isVisible()).toBe(true);
        expect(await banner.textContent()).toBe('stale: the text has syntax errors, showing the last good diagram');
        expect(await webview.page.locator('g.as-node').count()).toBe(scene.nodes.length);
        // The last good scene, sent again as stale, still shows the banner.
        await webview.send({ type: 'scene', scene, stale: true });
        expect(await banner.isVisible()).toBe(true);
        await webview.send({ type: 'scene', scene, stale: false });
        expect(await banner.isVisible()).toBe(false);
        expect(await webview.page.locator('g.as-node').count()).toBe(scene.nodes.length);
    });

    it('highlights the node under the cursor (every box of it), also across updates', async () => {
        const webview = await withScene();
        const highlighted = webview.page.locator('g.as-node.as-highlight');
        await webview.send({ type: 'highlight', node: 'catalog' });
        expect(await highlighted.evaluateAll(boxes => boxes.map(b => b.getAttribute('data-id')))).toEqual(['catalog#primary', 'catalog#replica-1']);
        await webview.send({ type: 'scene', scene: shopScene(), stale: false });
        expect(await highlighted.count()).toBe(2);
        await webview.send({ type: 'highlight', node: 'web' });
        expect(await highlighted.evaluateAll(boxes => boxes.map(b => b.getAttribute('data-id')))).toEqual(['web']);
        await webview.send({ type: 'highlight', node: null });
        expect(await highlighted.count()).toBe(0);
    });

    it('zooms with the wheel and the buttons, pans by dragging, keeps the view across updates and in the state', async () => {
        const webview = await withScene(shopScene(), { uri: 'file:///work/a%20b.arch' });
        const fitted = await viewBox(webview);
        expect(fitted).toMatch(/^[-\d.]+ [-\d.]+ [\d.]+ [\d.]+$/);
        await webview.page.mouse.move(600, 400);
        await webview.page.mouse.wheel(0, -300);
        const zoomed = await viewBox(webview);
        expect(zoomed).not.toBe(fitted);
        expect(Number(zoomed!.split(' ')[2])).toBeLessThan(Number(fitted!.split(' ')[2]));

        // A drag from an empty spot pans, and posts nothing.
        const before = (await webview.posted()).length;
        await webview.page.mouse.move(30, 700);
        await webview.page.mouse.down();
        await webview.page.mouse.move(130, 650, { steps: 5 });
        await webview.page.mouse.up();
        const panned = await viewBox(webview);
        expect(panned).not.toBe(zoomed);
        expect((await webview.posted()).length).toBe(before);

        await webview.send({ type: 'scene', scene: shopScene(), stale: false });
        expect(await viewBox(webview)).toBe(panned);
        await webview.page.waitForFunction('window.__state && window.__state.view && window.__state.view.scale > 0');
        const state = await webview.state();
        expect(state?.uri).toBe('file:///work/a%20b.arch');
        const [x, y] = panned!.split(' ').map(Number);
        expect(state?.view?.x).toBeCloseTo(x, 1);
        expect(state?.view?.y).toBeCloseTo(y, 1);

        await webview.page.locator('button.zoom-in').click();
        expect(Number((await viewBox(webview))!.split(' ')[2])).toBeLessThan(Number(panned!.split(' ')[2]));
        await webview.page.locator('button.fit').click();
        expect(await viewBox(webview)).toBe(fitted);
    });

    it('restores the view kept in the state after a reload', async () => {
        const webview = await withScene(shopScene(), { state: { uri: 'file:///work/problems.arch', view: { x: 40, y: 60, scale: 2 } } });
        expect(await viewBox(webview)).toBe('40 60 600 400');
        expect(await webview.page.locator('.zoom-label').textContent()).toBe('200%');
    });

    it('a drag that ends on a node does not reveal it', async () => {
        const webview = await withScene();
        const box = (await webview.page.locator('g.as-node[data-id="web"] .as-shape').boundingBox())!;
        const before = (await webview.posted()).length;
        await webview.page.mouse.move(box.x + box.width / 2 - 60, box.y + box.height / 2);
        await webview.page.mouse.down();
        await webview.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
        await webview.page.mouse.up();
        expect((await webview.posted()).length).toBe(before);
    });

    it('hovering a node shows its title, estimates and findings', async () => {
        const webview = await withScene();
        await webview.page.locator('g.as-node[data-id="web"] .as-title').hover();
        const tooltip = webview.page.locator('.tooltip');
        expect(await tooltip.isVisible()).toBe(true);
        expect(await tooltip.locator('.tooltip-title').textContent()).toBe('web');
        expect(await tooltip.locator('.tooltip-estimates li').allTextContents()).toEqual(['load 12,000 rps', 'utilization 78% at 20 instances', 'p99 41 ms']);
        expect(await tooltip.locator('.tooltip-findings li').allTextContents()).toEqual(['warning cap-failure-headroom web runs at 104% with one zone lost']);
        await webview.page.mouse.move(5, 790);
        expect(await tooltip.isVisible()).toBe(false);
    });

    it('shows hostile names as text: no element, handler or script comes from them', async () => {
        const scene = hostileScene();
        const webview = await withScene(scene);
        const evil = webview.page.locator('g.as-node').first();
        expect(await evil.locator('.as-title').textContent()).toMatch(/^<script>alert\(1\)<\/scrip/);
        expect(await evil.getAttribute('data-node')).toBe(scene.nodes[0].node);
        await evil.locator('.as-title').hover();
        expect(await webview.page.locator('.tooltip-title').textContent()).toBe(`${HOSTILE} & co`);
        expect(await webview.page.locator('.tooltip-findings').textContent()).toContain(`message ${HOSTILE}`);
        expect(await webview.page.locator('script').count()).toBe(2); // the stub and the bundle
        expect(await webview.page.locator('img, b, i, .canvas script').count()).toBe(0);
        const handlers = await webview.page.locator('.canvas *').evaluateAll(all => all.flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')));
        expect(handlers).toEqual([]);
        expect(await webview.page.evaluate('typeof window.alerted')).toBe('undefined');
        await evil.click();
        expect(await lastPosted(webview)).toEqual({ type: 'reveal', range: scene.nodes[0].range });
    });

    it('shows the message when there is nothing to draw', async () => {
        const webview = await withScene();
        await webview.send({ type: 'empty', message: 'no system in this file' });
        expect(await webview.page.locator('.empty').textContent()).toBe('no system in this file');
        expect(await webview.page.locator('.empty').isVisible()).toBe(true);
        expect(await webview.page.locator('g.as-node').count()).toBe(0);
        expect(await webview.page.locator('.banner').isVisible()).toBe(false);
    });

    it('the bundle and the panel page obey the CSP: inline styles would be refused', async () => {
        // A control: the same page refuses an inline style, so a clean run above means the policy was live.
        const webview = await withScene();
        await webview.page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<div style="color:red">x</div>')`);
        await webview.page.waitForFunction('window.__problems.length > 0');
        expect((await webview.page.evaluate('window.__problems')) as string[]).toEqual([expect.stringMatching(/^csp style-src/)]);
        webview.problems.length = 0;
        await webview.page.evaluate('window.__problems.length = 0');
    });

    it('draws the real shop scene (parser, rules, estimates, layout), clicks reveal, and saves a screenshot of it', async () => {
        const scene = await layoutScene(await diagramInput(SHOP));
        const webview = await withScene(scene, { width: 1600, height: 1050 });
        expect(await webview.page.locator('g.as-node').count()).toBe(scene.nodes.length);
        expect(await webview.page.locator('g.as-group').count()).toBe(scene.groups.length);
        const withBadges = scene.nodes.filter(n => n.badges.error + n.badges.warning + n.badges.info > 0);
        expect(await webview.page.locator('g.as-badge').count()).toBe(withBadges.reduce((sum, n) => sum + ['error', 'warning', 'info'].filter(s => n.badges[s as 'error'] > 0).length, 0));
        const web = scene.nodes.find(n => n.node === 'web')!;
        await webview.page.locator(`g.as-node[data-id="${web.id}"]`).click();
        expect(await lastPosted(webview)).toEqual({ type: 'reveal', range: web.range });
        await webview.send({ type: 'highlight', node: 'catalog' });
        expect(await webview.page.locator('g.as-node.as-highlight').count()).toBe(scene.nodes.filter(n => n.node === 'catalog').length);
        await webview.page.mouse.move(1, 1049);
        mkdirSync('test-output', { recursive: true });
        await webview.page.screenshot({ path: 'test-output/webview-shop.png' });
    });

    it('an edit that changes a few boxes is patched in place: the other boxes keep their elements, the result is the full drawing', async () => {
        const before = await layoutScene(await diagramInput(SHOP));
        const after = await layoutScene(await diagramInput(SHOP.replace('capacity 50000 rps', 'capacity 20000 rps')));
        // The edit moved nothing: the case the patch is for.
        expect(after.nodes.map(n => [n.id, n.x, n.y])).toEqual(before.nodes.map(n => [n.id, n.x, n.y]));
        expect(after.hash).not.toBe(before.hash);
        const webview = await withScene(before);
        // Tag every box element, then update.
        await webview.page.evaluate(`document.querySelectorAll('g.as-node').forEach(g => { g.__kept = true; })`);
        await webview.send({ type: 'scene', scene: after, stale: false });
        const kept = (await webview.page.evaluate(`[...document.querySelectorAll('g.as-node')].map(g => [g.dataset.id, !!g.__kept])`)) as [string, boolean][];
        const replaced = kept.filter(([, k]) => !k).map(([id]) => id);
        expect(replaced).toContain('session_cache');
        expect(replaced.length).toBeLessThan(kept.length / 2);
        expect(await webview.page.locator('g.as-node[data-id="session_cache"] .as-stats').textContent())
            .toBe(await (async () => {
                const fresh = await withScene(after);
                return fresh.page.locator('g.as-node[data-id="session_cache"] .as-stats').textContent();
            })());
        // The patched drawing is exactly the drawing of the new scene made from scratch.
        const drawing = `document.querySelector('.canvas > svg > g.as-scene').outerHTML`;
        const fresh = await withScene(after);
        expect(await webview.page.evaluate(drawing)).toBe(await fresh.page.evaluate(drawing));
    });

    it('a scene with a box more is drawn anew, and keeps the view', async () => {
        const before = await layoutScene(await diagramInput(SHOP));
        const after = await layoutScene(await diagramInput(SHOP.replace('queue jobs', 'service extra\n  queue jobs')));
        const webview = await withScene(before);
        await webview.page.evaluate(`document.querySelector('.canvas > svg').__old = true`);
        const view = await viewBox(webview);
        await webview.send({ type: 'scene', scene: after, stale: false });
        expect(await webview.page.evaluate(`!!document.querySelector('.canvas > svg').__old`)).toBe(false);
        expect(await webview.page.locator('g.as-node[data-id="extra"]').count()).toBe(1);
        expect(await viewBox(webview)).toBe(view);
    });

    it('zoomed out past reading (below 35%) the text is not laid out; zooming in brings it back', async () => {
        const { generateModel } = await import('../generate-model.js');
        const scene = await layoutScene(await diagramInput(generateModel(200).text));
        const webview = await withScene(scene, { width: 1200, height: 800 });
        // (A box in view: zoomed in, the boxes far outside the view have no text either, see the next test.)
        const titleDisplay = `getComputedStyle(document.querySelector('g.as-node:not(.as-off) .as-title')).display`;
        const zoom = async (): Promise<number> => Number((await webview.page.locator('.zoom-label').textContent())!.replace('%', ''));
        // Fitted, a 200-node drawing is far below reading size.
        expect(await zoom()).toBeLessThan(35);
        expect(await webview.page.evaluate(titleDisplay)).toBe('none');
        // The boxes and the badges are still there, and hovering still names a box.
        expect(await webview.page.locator('g.as-node').count()).toBe(scene.nodes.length);
        await webview.page.mouse.move(600, 400);
        for (let i = 0; i < 40 && (await zoom()) < 35; i++) await webview.page.mouse.wheel(0, -400);
        expect(await zoom()).toBeGreaterThanOrEqual(35);
        expect(await webview.page.evaluate(titleDisplay)).not.toBe('none');
    });

    it('zoomed in, boxes far outside the view have no text laid out; every box in view has its text, also after panning', async () => {
        const { generateModel } = await import('../generate-model.js');
        const scene = await layoutScene(await diagramInput(generateModel(200).text));
        const webview = await withScene(scene, { width: 1200, height: 800 });
        const zoom = async (): Promise<number> => Number((await webview.page.locator('.zoom-label').textContent())!.replace('%', ''));
        // For each box: whether it is marked off, whether its title is laid out, whether it is on screen.
        const boxes = async (): Promise<{ off: boolean; shown: boolean; inView: boolean }[]> => (await webview.page.evaluate(`(() => {
            const canvas = document.querySelector('.canvas').getBoundingClientRect();
            return [...document.querySelectorAll('g.as-node')].map(g => {
                const r = g.getBoundingClientRect();
                const inView = r.right > canvas.left && r.left < canvas.right && r.bottom > canvas.top && r.top < canvas.bottom;
                return { off: g.classList.contains('as-off'), shown: getComputedStyle(g.querySelector('.as-title')).display !== 'none', inView };
            });
        })()`)) as { off: boolean; shown: boolean; inView: boolean }[];
        // Fitted, every box is in view: none is off.
        expect((await boxes()).filter(b => b.off)).toEqual([]);
        await webview.page.mouse.move(600, 400);
        for (let i = 0; i < 60 && (await zoom()) < 100; i++) await webview.page.mouse.wheel(0, -400);
        expect(await zoom()).toBeGreaterThanOrEqual(100);
        const near = await boxes();
        expect(near.filter(b => b.off).length).toBeGreaterThan(near.length / 2);
        expect(near.filter(b => b.off && b.shown)).toEqual([]);
        expect(near.filter(b => b.inView).length).toBeGreaterThan(0);
        expect(near.filter(b => b.inView && (b.off || !b.shown))).toEqual([]);
        // Dragged by a whole view: other boxes come into view, with their text.
        await webview.page.mouse.move(1100, 700);
        await webview.page.mouse.down();
        await webview.page.mouse.move(100, 100, { steps: 8 });
        await webview.page.mouse.up();
        const panned = await boxes();
        expect(panned.filter(b => b.inView).length).toBeGreaterThan(0);
        expect(panned.filter(b => b.inView && (b.off || !b.shown))).toEqual([]);
        expect(panned.map(b => b.off)).not.toEqual(near.map(b => b.off));
        // Fitted again, no box is off.
        await webview.page.locator('button.fit').click();
        expect((await boxes()).filter(b => b.off)).toEqual([]);
    });
});
