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
import { median, quantile } from './stats.js';
import { whatIf } from '../server/src/estimates/what-if.js';
import { topologyOf } from '../test/helpers.js';
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

const PEAK_MOVES = 40;

/** Runs in the page: sets the peak control and fires the input event a drag fires, and times it. */
const MOVE = `async position => {
    const input = document.querySelector('#sim-peak');
    const started = performance.now();
    input.value = String(position);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    document.querySelector('.canvas svg').getBoundingClientRect();
    const moved = performance.now() - started;
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { moved, framed: performance.now() - started };
}`;

export const webviewBench: BenchGroup = {
    name: 'webview',
    async run(): Promise<BenchTable[]> {
        const browser = await launchChromium();
        const rows: string[][] = [];
        const peakRows: string[][] = [];
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
            // The simulation panel's peak control on a 200-node model (issue 13: under 50 ms at p95): each move
            // recolours the boxes, rewrites the summary and the targets and moves the chart's mark; never a layout of the drawing.
            const text = generateModel(200).text;
            const scene: Scene = await layoutScene(await diagramInput(text));
            const figures = whatIf(await topologyOf(text), { scenario: null, fail: [], cold: [] });
            const webview = await openWebview(browser, { width: 1400, height: 900 });
            await webview.send({ type: 'scene', scene, stale: false });
            await webview.send({ type: 'simulation', whatIf: figures });
            await webview.page.evaluate(`window.__move = ${MOVE}`);
            const moves: number[] = [];
            const framedMoves: number[] = [];
            for (let i = 0; i < PEAK_MOVES + 5; i++) {
                // Back and forth over the whole range, in steps a drag makes (about 2% of the control).
                const position = Math.round(500 + 480 * Math.sin(i / 3));
                const result = (await webview.page.evaluate(`window.__move(${position})`)) as { moved: number; framed: number };
                if (i >= 5) {
                    moves.push(result.moved);
                    framedMoves.push(result.framed);
                }
            }
            await webview.page.close();
            peakRows.push(['200', String(scene.nodes.length), ms(median(moves)), ms(quantile(moves, 0.95)), budget(quantile(moves, 0.95), 50), ms(quantile(framedMoves, 0.95))]);
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
        }, {
            title: 'Simulation panel: moving the peak control (real Chromium, real bundle, generated 200-node model)',
            columns: ['model nodes', 'boxes', 'move ms (median)', 'move ms (p95)', 'budget (p95)', 'to next frame ms (p95)'],
            rows: peakRows,
            notes: [
                `${PEAK_MOVES} moves after 5 warm-up ones: the input event's handler (heat classes on every box, the unserved marks, the summary strip, the targets, the chart's mark) plus the style and layout it forces; the next frame adds paint.`,
                'The drawing is fitted (below 35% zoom its text is not laid out); no move changes a position, so the drawing is never laid out again by the page.'
            ]
        }];
    }
};
