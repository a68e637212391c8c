/**
 * The webview's redraw in real headless Chromium: the real bundle under the panel's CSP, a laid-out
 * scene of a generated 200-node model (and 50 and 1,000 for scale), sent as the extension sends it.
 * Timed in the page: the message handler (renderSvg + innerHTML + view) plus the forced style and
 * layout, and to the next frame (paint included). Median of several redraws after a warm-up.
 */
import { layoutScene } from '../server/src/diagram/layout.js';
import type { Scene } from '../server/src/diagram/scene.js';
import { launchChromium } from '../test/browser/chromium.js';
import { openWebview } from '../test/browser/webview-page.js';
import { diagramInput } from '../test/diagram/scene-input.js';
import { generateModel } from '../test/generate-model.js';
import type { BenchGroup } from './group.js';
import { median } from './stats.js';
import { budget, ms, type BenchTable } from './table.js';

const SIZES = [
    { nodes: 50, runs: 9 },
    { nodes: 200, runs: 9, budgetMs: 50 },
    { nodes: 1000, runs: 5 }
] as const;

/** Runs in the page: dispatches the scene message synchronously and times it (browser code as source text). */
const REDRAW = `async scene => {
    const started = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'scene', scene, stale: false } }));
    document.querySelector('.canvas svg').getBoundingClientRect();
    const drawn = performance.now() - started;
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { drawn, framed: performance.now() - started, nodes: document.querySelectorAll('g.as-node').length };
}`;

export const webviewBench: BenchGroup = {
    name: 'webview',
    async run(): Promise<BenchTable[]> {
        const browser = await launchChromium();
        const rows: string[][] = [];
        try {
            for (const size of SIZES) {
                const scene: Scene = await layoutScene(await diagramInput(generateModel(size.nodes).text));
                const webview = await openWebview(browser, { width: 1400, height: 900 });
                await webview.page.evaluate(`window.__redraw = ${REDRAW}`);
                await webview.page.evaluate(`window.__scene = ${JSON.stringify(scene)}`);
                // Each redraw gets another hash (the webview skips a scene equal to the one it shows) and another
                // width (a drawing of another size is drawn anew, not patched): every run is a whole redraw.
                let n = 0;
                const call = (): string => `window.__redraw({ ...window.__scene, hash: 'bench-${n}', width: window.__scene.width + ${n++ % 2} })`;
                await webview.page.evaluate(call()); // warm-up: JIT and the first layout
                const drawn: number[] = [];
                const framed: number[] = [];
                let nodes = 0;
                for (let i = 0; i < size.runs; i++) {
                    const result = (await webview.page.evaluate(call())) as { drawn: number; framed: number; nodes: number };
                    drawn.push(result.drawn);
                    framed.push(result.framed);
                    nodes = result.nodes;
                }
                // An edit: one capacity changed, so a few boxes' numbers change and nothing moves; the
                // webview patches those boxes. The two scenes alternate so that every redraw is a change.
                const text = generateModel(size.nodes).text;
                const edited: Scene = await layoutScene(await diagramInput(text.replace(/capacity (\d+) rps/, (_, n: string) => `capacity ${Number(n) * 2} rps`)));
                await webview.page.evaluate(`window.__scenes = [${JSON.stringify(edited)}, window.__scene]`);
                const patched: number[] = [];
                for (let i = 0; i < size.runs; i++) {
                    const result = (await webview.page.evaluate(`window.__redraw(window.__scenes[${i % 2}])`)) as { drawn: number };
                    patched.push(result.drawn);
                }
                // The same full redraws zoomed in to 100% or more, where the labels in and near the view are laid
                // out (below 35% the webview leaves all text out: unreadable there, and most of a redraw's cost).
                await webview.page.mouse.move(700, 450);
                const zoomOf = async (): Promise<number> => Number((await webview.page.locator('.zoom-label').textContent())!.replace('%', ''));
                for (let i = 0; i < 60 && (await zoomOf()) < 100; i++) await webview.page.mouse.wheel(0, -400);
                const near: number[] = [];
                for (let i = 0; i < size.runs; i++) near.push(((await webview.page.evaluate(call())) as { drawn: number }).drawn);
                await webview.page.close();
                const budgetMs = 'budgetMs' in size ? size.budgetMs : undefined;
                rows.push([
                    size.nodes.toLocaleString('en-US'), String(nodes), ms(median(drawn)), budget(median(drawn), budgetMs), ms(median(framed)),
                    ms(median(patched)), budget(median(patched), budgetMs), ms(median(near))
                ]);
            }
        } finally {
            await browser.close();
        }
        return [{
            title: 'Webview redraw (real Chromium, real bundle, scene of a generated model)',
            columns: ['model nodes', 'boxes drawn', 'full redraw ms (median)', 'budget', 'to next frame ms', 'after an edit ms (median)', 'budget', 'full redraw at ≥100% ms'],
            rows,
            notes: [
                'full redraw: a scene of another layout (first open, nodes added or moved) in the fitted view: renderSvg, innerHTML, viewBox, style + layout forced; next frame adds paint. Fitted, a 200-node drawing is below 35% zoom, where text is left out (unreadable).',
                'full redraw at ≥100%: the same, zoomed in: the labels near the view are laid out, those of boxes more than half a view away are not (media/src/offscreen-boxes.ts).',
                'after an edit: one capacity changed (a few boxes change, none moves): renderSvg, the changed boxes parsed and swapped in place (media/src/svg-patch.ts), style + layout forced.',
                `${SIZES.map(s => `${s.nodes}: ${s.runs} runs`).join(', ')}, after one warm-up each; the scene JSON is parsed before the clock starts.`
            ]
        }];
    }
};
