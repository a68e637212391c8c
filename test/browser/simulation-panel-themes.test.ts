/**
 * The simulation panel readable in each of VS Code's default themes (issue 13: "the colours have a legend
 * and are readable in light, dark and high-contrast themes"), in real Chromium with the colours VS Code
 * gives its webviews in each theme (test/fixtures/vscode-themes.json, captured from the real webview by
 * the end-to-end test, which runs the same checks there). A model whose tiers sit on every step of the
 * heat scale, so each step's fill, the texts on it and the step after it are measured
 * (test/browser/readability.ts: WCAG contrast, CIE76 ΔE).
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { layoutScene } from '../../server/src/diagram/layout.js';
import type { Scene } from '../../server/src/diagram/scene.js';
import { whatIf } from '../../server/src/estimates/what-if.js';
import type { WhatIf } from '../../server/src/protocol.js';
import { diagramInput } from '../diagram/scene-input.js';
import { topologyOf } from '../helpers.js';
import { launchChromium } from './chromium.js';
import { applyTheme, readability, unreadable } from './readability.js';
import { closeCheckingProblems, openWebview, type WebviewPage } from './webview-page.js';

/** One tier on each step: 33%, 60%, 75%, 85%, 95% and 150% of capacity at the peak. */
const TEXT = `system Heat {
  traffic { peak 1000 rps }
  zone east
  zone west
  balancer lb { managed }
  service cool { instances 2  capacity 1500 rps  health every 5s  zones east, west }
  service warm { instances 2  capacity 833.4 rps  health every 5s  zones east, west }
  service busy { instances 2  capacity 666.7 rps  health every 5s  zones east, west }
  service hot { instances 2  capacity 588.3 rps  health every 5s  zones east, west }
  service full { instances 2  capacity 526.4 rps  health every 5s  zones east, west }
  service over { capacity 666.7 rps }
  lb -> cool
  lb -> warm
  lb -> busy
  lb -> hot
  lb -> full
  lb -> over
}`;

const FIXTURE = JSON.parse(readFileSync('test/fixtures/vscode-themes.json', 'utf8')) as { themes: { theme: string; classes: string; variables: Record<string, string> }[] };

let browser: Browser;
let scene: Scene;
let figures: WhatIf;
const opened: WebviewPage[] = [];

beforeAll(async () => {
    browser = await launchChromium();
    scene = await layoutScene(await diagramInput(TEXT));
    figures = whatIf(await topologyOf(TEXT), { scenario: null, fail: [], cold: [] });
});

afterAll(async () => {
    await browser?.close();
});

afterEach(() => closeCheckingProblems(opened, problems => expect(problems).toEqual([])));

describe('the simulation panel in VS Code\'s default themes', () => {
    it('has a theme captured from each default VS Code theme: light, dark and both high contrasts', () => {
        expect(FIXTURE.themes.map(t => t.theme)).toEqual(expect.arrayContaining(['Light Modern', 'Dark Modern', 'Dark High Contrast', 'Light High Contrast']));
    });

    it.each(FIXTURE.themes.map(t => [t.theme, t] as const))('%s: every text on every heat step at 4.5:1, every box seen, each step apart from the next', async (_name, theme) => {
        const webview = await openWebview(browser, { width: 1400, height: 900 });
        opened.push(webview);
        await applyTheme(webview.page, theme);
        await webview.send({ type: 'scene', scene, stale: false });
        await webview.send({ type: 'simulation', whatIf: figures });
        for (let step = 0; step <= 5; step++) await webview.page.locator(`g.as-node.as-heat-${step}`).first().waitFor();
        const checks = await readability(webview.page);
        // Every step was measured, with the step after it.
        for (let step = 1; step <= 5; step++) expect(checks.map(c => c.what)).toContain(`as-heat-${step - 1} → as-heat-${step} (ΔE)`);
        expect(unreadable(checks)).toEqual([]);
    });
});
