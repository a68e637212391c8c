/**
 * The simulation panel in real Chromium (issue 13), on the real bundle under the panel's CSP: the scene
 * and the what-if come from the real parser, estimates (estimates/what-if.ts) and layout. The controls
 * are driven as a user drives them (the peak control by keyboard and by value, a zone chip, a click in
 * fail mode, save), and the drawing, the summary strip, the targets and the charts follow. Saves
 * test-output/simulation-panel.png for docs/scenarios.md.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { whatIf } from '../../server/src/estimates/what-if.js';
import { layoutScene } from '../../server/src/diagram/layout.js';
import type { Scene } from '../../server/src/diagram/scene.js';
import type { WhatIf, WhatIfCase } from '../../server/src/protocol.js';
import { topologyOf } from '../helpers.js';
import { diagramInput } from '../diagram/scene-input.js';
import { launchChromium } from './chromium.js';
import { closeCheckingProblems, openWebview, type WebviewPage } from './webview-page.js';

const TEXT = `system Rush {
  traffic { peak 1000 rps  reads 80% }
  zone east
  zone west
  balancer lb { instances 2  capacity 10000 rps  health every 5s  zones east, west }
  service web { instances 4  capacity 500 rps  latency 20ms  health every 5s  zones east, west }
  cache c { instances 2  capacity 20000 rps  latency 1ms  hit 90%  zones east, west }
  database db { capacity 5000 rps  latency 5ms  replication primary_replica { replicas 1  failover interconnect }  zones east, west }
  lb -> web -> c -> db
  target { utilization 75%  p99 300ms  availability 99% }
  scenario rush { peak 3x }
}`;

let browser: Browser;
let scene: Scene;
const opened: WebviewPage[] = [];

async function figures(request: WhatIfCase): Promise<WhatIf> {
    return whatIf(await topologyOf(TEXT), request);
}

beforeAll(async () => {
    browser = await launchChromium();
    scene = await layoutScene(await diagramInput(TEXT));
});

afterAll(async () => {
    await browser?.close();
});

afterEach(() => closeCheckingProblems(opened, problems => expect(problems).toEqual([])));

/** The webview with the scene drawn and the base case's what-if shown. */
async function panel(): Promise<WebviewPage> {
    const webview = await openWebview(browser, { width: 1200, height: 900 });
    opened.push(webview);
    await webview.send({ type: 'scene', scene, stale: false });
    await webview.send({ type: 'simulation', whatIf: await figures({ scenario: null, fail: [], cold: [] }) });
    return webview;
}

const classesOf = (webview: WebviewPage, node: string): Promise<string> =>
    webview.page.locator(`g.as-node[data-node="${node}"]`).first().getAttribute('class').then(c => c ?? '');

async function setPeak(webview: WebviewPage, position: number): Promise<void> {
    // The input event a drag of the control fires, at the position asked.
    await webview.page.locator('#sim-peak').evaluate((element, value) => {
        const input = element as unknown as { value: string; dispatchEvent(event: Event): boolean };
        input.value = String(value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
    }, position);
}

describe('the simulation panel', () => {
    it('asks for the base case\'s what-if once the drawing is shown, then shows the heat, the summary, the targets and the charts', async () => {
        const webview = await openWebview(browser, { width: 1200, height: 900 });
        opened.push(webview);
        await webview.send({ type: 'scene', scene, stale: false });
        expect((await webview.posted()).filter(m => m.type === 'whatIf')).toEqual([{ type: 'whatIf', case: { scenario: null, fail: [], cold: [] } }]);
        await expect(webview.page.locator('section.sim').isVisible()).resolves.toBe(false);
        await webview.send({ type: 'simulation', whatIf: await figures({ scenario: null, fail: [], cold: [] }) });
        await expect(webview.page.locator('section.sim').isVisible()).resolves.toBe(true);
        // web at 1000 / (4 × 500) = 50%: the 50–70% step; lb at 1000 / 20000 = 5%: under 50%.
        expect(await classesOf(webview, 'web')).toContain('as-heat-1');
        expect(await classesOf(webview, 'lb')).toContain('as-heat-0');
        expect(await classesOf(webview, 'web')).toContain('as-bottleneck');
        const summary = await webview.page.locator('.sim-summary').textContent();
        expect(summary).toContain('Served');
        expect(summary).toMatch(/p99 \d/);
        expect(summary).toContain('Breaks at ×2.00');
        expect(await webview.page.locator('.sim-target.sim-met').count()).toBe(3);
        // Two uPlot charts, each a canvas, with their titles.
        expect(await webview.page.locator('.sim-chart canvas').count()).toBe(2);
        expect(await webview.page.locator('.sim .u-title').allTextContents()).toEqual(['Latency against load (web)', 'Downtime a year, by node']);
    });

    it('the peak control recolours without asking the server: at ×3 web is overloaded, a third unserved, and the targets are missed', async () => {
        const webview = await panel();
        const before = (await webview.posted()).length;
        // ×3 on the log scale of ×0.25..×10.
        const position = Math.round((Math.log(3 / 0.25) / Math.log(40)) * 1000);
        await setPeak(webview, position);
        expect(await classesOf(webview, 'web')).toContain('as-heat-5');
        expect(await classesOf(webview, 'web')).toContain('as-overloaded');
        expect(await webview.page.locator('g.as-node[data-node="web"] text.as-unserved').first().textContent()).toBe('33% unserved');
        expect(await webview.page.locator('.sim-peak-value').textContent()).toBe('×3.00');
        expect(await webview.page.locator('.sim-summary').textContent()).toContain('p99 unbounded');
        const missed = await webview.page.locator('.sim-target.sim-missed').allTextContents();
        expect(missed.some(t => t.startsWith('✗ utilization 150%'))).toBe(true);
        expect(missed.some(t => t.startsWith('✗ p99 unbounded'))).toBe(true);
        // Nothing was posted: the control reads the grid the server sent.
        expect((await webview.posted()).length).toBe(before);
        // Back down: the mark goes.
        await setPeak(webview, 0);
        expect(await webview.page.locator('text.as-unserved').count()).toBe(0);
        expect(await classesOf(webview, 'web')).toContain('as-heat-0');
    });

    it('works from the keyboard: every control has a label, the peak moves with the arrow keys', async () => {
        const webview = await panel();
        for (const id of ['sim-scenario', 'sim-peak', 'sim-fail', 'sim-tier']) {
            expect(await webview.page.locator(`label[for="${id}"]`).count(), id).toBe(1);
        }
        for (const name of await webview.page.locator('.sim button').evaluateAll(buttons => buttons.map(b => b.getAttribute('aria-label') ?? b.textContent))) {
            expect(name?.trim().length).toBeGreaterThan(0);
        }
        await webview.page.locator('#sim-peak').focus();
        const start = await webview.page.locator('#sim-peak').inputValue();
        await webview.page.keyboard.press('ArrowRight');
        await webview.page.keyboard.press('ArrowRight');
        expect(Number(await webview.page.locator('#sim-peak').inputValue())).toBe(Number(start) + 2);
        expect(await webview.page.locator('#sim-peak').getAttribute('aria-valuetext')).toMatch(/^×1\.0\d the peak$/);
    });

    it('a zone chip and a click in fail mode ask for the what-if with it failed; the answer greys the failed boxes', async () => {
        const webview = await panel();
        await webview.page.locator('.sim-zone', { hasText: 'east' }).click();
        expect((await webview.posted()).at(-1)).toEqual({ type: 'whatIf', case: { scenario: null, fail: ['east'], cold: [] } });
        await webview.page.locator('.sim-fail-mode').click();
        expect(await webview.page.locator('.sim-fail-mode').getAttribute('aria-pressed')).toBe('true');
        await webview.page.locator('g.as-node[data-node="c"]').first().click();
        const last = (await webview.posted()).at(-1);
        expect(last).toEqual({ type: 'whatIf', case: { scenario: null, fail: ['east', 'c'], cold: [] } });
        await webview.send({ type: 'simulation', whatIf: await figures({ scenario: null, fail: ['east', 'c'], cold: [] }) });
        expect(await classesOf(webview, 'c')).toContain('as-failed');
        expect(await classesOf(webview, 'web')).not.toContain('as-failed');
        expect(await webview.page.locator('.sim-chip').allTextContents()).toEqual(['east×', 'c×']);
        expect(await webview.page.locator('.sim-zone[aria-pressed="true"]').allTextContents()).toEqual(['east']);
        // Half of web's instances are gone with east: 1000 / (2 × 500) = 100%.
        expect(await classesOf(webview, 'web')).toContain('as-heat-5');
    });

    it('a scenario picked moves the control to its peak; save as scenario posts the what-if', async () => {
        const webview = await panel();
        await webview.page.locator('#sim-scenario').selectOption('rush');
        expect((await webview.posted()).at(-1)).toEqual({ type: 'whatIf', case: { scenario: 'rush', fail: [], cold: [] } });
        await webview.send({ type: 'simulation', whatIf: await figures({ scenario: 'rush', fail: [], cold: [] }) });
        expect(await webview.page.locator('.sim-peak-value').textContent()).toBe('×3.00');
        await webview.page.locator('.sim-save').click();
        expect((await webview.posted()).at(-1)).toEqual({ type: 'saveScenario', peakFactor: 3, fail: [], cold: [] });
        // The what-if is kept in the state (written once per frame), to come back with the panel.
        await webview.page.evaluate('new Promise(resolve => requestAnimationFrame(() => resolve(null)))');
        expect((await webview.state())?.whatIf).toEqual({ case: { scenario: 'rush', fail: [], cold: [] }, peakFactor: 3 });
        mkdirSync('test-output', { recursive: true });
        await webview.page.screenshot({ path: 'test-output/simulation-panel.png' });
    });
});
