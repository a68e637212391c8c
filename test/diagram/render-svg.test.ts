/**
 * The SVG renderer: escaping of hostile names everywhere, what each box shows (kind, title, engine,
 * instances, stats, zones, badges), groups, edge styles and labels, the themes (the webview's `vscode`
 * theme has no inline style at all), determinism, and well-formed XML as parsed by Chromium's DOMParser.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSvg, type RenderOptions } from '../../server/src/diagram/render-svg.js';
import type { Scene } from '../../server/src/diagram/scene.js';
import { launchChromium } from '../browser/chromium.js';
import { gridScene, HOSTILE, HOSTILE_ATTR, hostileScene, shopScene } from './hand-scene.js';

const MODES: RenderOptions[] = [
    { theme: 'light', standalone: true }, { theme: 'dark', standalone: true }, { theme: 'light' },
    { theme: 'vscode' }, { theme: 'vscode', standalone: true }
];

interface Parsed {
    error: string | null;
    elements: string[];
    attributes: string[];
    texts: string[];
    dataNodes: string[];
    dataZones: string[];
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
});

afterAll(async () => {
    await browser?.close();
});

/**
 * Parses `svg` as XML in Chromium: the parser error if any, element and attribute names, texts, data attributes.
 * Browser-side code as source text: the project's type-check has no DOM lib.
 */
const PARSE_IN_BROWSER = `text => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    const all = [...doc.querySelectorAll('*')];
    return {
        error: error ? error.textContent : null,
        elements: [...new Set(all.map(e => e.localName))].sort(),
        attributes: [...new Set(all.flatMap(e => [...e.attributes].map(a => a.name)))].sort(),
        texts: all.filter(e => e.localName === 'text' || e.localName === 'title').map(e => e.textContent ?? ''),
        dataNodes: all.map(e => e.getAttribute('data-node')).filter(v => v !== null),
        dataZones: all.map(e => e.getAttribute('data-zone')).filter(v => v !== null)
    };
}`;

async function parse(svg: string): Promise<Parsed> {
    return page.evaluate(`(${PARSE_IN_BROWSER})(${JSON.stringify(svg)})`) as Promise<Parsed>;
}

function count(haystack: string, needle: string): number {
    return haystack.split(needle).length - 1;
}

describe('escaping', () => {
    for (const mode of MODES) {
        it(`keeps hostile names as text (${mode.theme}${mode.standalone ? ', standalone' : ''})`, async () => {
            const svg = renderSvg(hostileScene(), mode);
            for (const raw of ['<script', '<img', '<b>', '<i>', '" onload=', 'onerror=alert(3)>', "'x'", '"sys"', '"quoted"']) expect(svg).not.toContain(raw);
            const parsed = await parse(svg);
            expect(parsed.error).toBeNull();
            const allowed = ['circle', 'defs', 'g', 'marker', 'path', 'rect', 'style', 'svg', 'text', 'title', 'tspan'];
            expect(parsed.elements.filter(e => !allowed.includes(e))).toEqual([]);
            expect(parsed.attributes.filter(a => a.startsWith('on'))).toEqual([]);
            // The strings survive the round trip as text and as attribute values.
            expect(parsed.texts.some(t => t.includes(`${HOSTILE} & co`) || t.startsWith('<script>alert(1)</scrip'))).toBe(true);
            expect(parsed.texts.some(t => t === `${HOSTILE} "sys"`)).toBe(true);
            expect(parsed.dataNodes).toContain(HOSTILE_ATTR);
            expect(parsed.dataNodes).toContain(`${HOSTILE}#'x'`);
            expect(parsed.dataZones).toContain(`'z' & "q"`);
        });
    }

    it('escapes finding messages in the standalone tooltips', async () => {
        const parsed = await parse(renderSvg(hostileScene(), { standalone: true }));
        expect(parsed.texts.some(t => t.includes(`error r<1>: message ${HOSTILE}`))).toBe(true);
        expect(parsed.texts.some(t => t.includes(`load ${HOSTILE}`))).toBe(true);
    });

    it('drops characters XML cannot hold, so the output still parses', async () => {
        const scene = shopScene();
        scene.nodes[0].title = 'bell\u0007 and \uD800 lone surrogate \uFFFF';
        const svg = renderSvg(scene, { theme: 'light', standalone: true });
        expect(svg).not.toMatch(/[\u0007\uFFFF]/);
        const parsed = await parse(svg);
        expect(parsed.error).toBeNull();
        expect(parsed.texts.some(t => t.startsWith('bell and'))).toBe(true);
    });

    it('never writes an unknown kind as a class', () => {
        const svg = renderSvg(hostileScene(), { theme: 'vscode' });
        expect(svg).toContain('as-k-other');
        expect(svg).not.toContain('onerror');
    });
});

describe('what the boxes show', () => {
    const svg = renderSvg(shopScene(), { theme: 'light', standalone: true });

    it('draws every node with its title, kind, engine and instances', async () => {
        const parsed = await parse(svg);
        expect(parsed.error).toBeNull();
        expect(count(svg, 'class="as-node ')).toBe(shopScene().nodes.length);
        for (const title of ['front', 'assets', 'edge', 'web', 'session_cache', 'product_cache', 'zk', 'catalog', 'orders', 'carts', 'jobs', 'mailer']) {
            expect(parsed.texts).toContain(title);
        }
        for (const kind of ['dns', 'cdn', 'balancer', 'service', 'cache', 'coordinator', 'database', 'queue', 'worker']) expect(svg).toContain(`as-k-${kind}`);
        expect(parsed.texts).toContain('mysql · 16 shards × 2');
        expect(parsed.texts).toContain('primary · postgres · ×1');
        expect(parsed.texts).toContain('3..20');
    });

    it('shows utilization and availability when known', async () => {
        const parsed = await parse(svg);
        expect(parsed.texts).toContain('78% · 99.97%');
        expect(parsed.texts).toContain('12% · 99.995%');
        expect(parsed.texts).toContain('41%');
    });

    it('marks a tier over capacity as hot', () => {
        const scene = shopScene();
        scene.nodes.find(n => n.id === 'web')!.utilization = 1.3;
        expect(renderSvg(scene, { theme: 'vscode' })).toContain('<tspan class="as-util as-hot">130%</tspan>');
    });

    it('has one badge per severity with its count, carrying the node and severity', () => {
        expect(count(svg, 'class="as-badge ')).toBe(4);
        expect(svg).toMatch(/<g class="as-badge as-sev-error" data-node="session_cache" data-severity="error" data-count="1">/);
        expect(svg).toMatch(/<g class="as-badge as-sev-warning" data-node="session_cache" data-severity="warning" data-count="1">/);
        expect(svg).toMatch(/<g class="as-badge as-sev-warning" data-node="web" data-severity="warning" data-count="1">/);
        expect(svg).toMatch(/<g class="as-badge as-sev-info" data-node="orders" data-severity="info" data-count="1">/);
        expect(svg).not.toMatch(/as-badge[^>]*data-node="front"/);
    });

    it('writes large counts as 99+', () => {
        const scene = shopScene();
        scene.nodes[0].badges.error = 250;
        expect(renderSvg(scene)).toMatch(/data-count="250">(<title>[^<]*<\/title>)?<rect[^>]*\/><text[^>]*>99\+<\/text>/);
    });

    it('shows the zones of each tier as chips and in the legend', () => {
        // edge and web run in both zones: two chips each, and one of each in the legend.
        expect(count(svg, 'data-zone="us_east"')).toBe(3);
        expect(count(svg, 'data-zone="us_west"')).toBe(3);
        expect(svg).toContain('>zones</text>');
    });

    it('draws replication and shard groups as framed boxes with their titles', async () => {
        expect(svg).toContain('<g class="as-group as-g-replication" data-group="catalog" data-node="catalog">');
        expect((await parse(svg)).texts).toContain('catalog · primary_replica');
        const hostile = renderSvg(hostileScene());
        expect(hostile).toContain('as-g-shards');
        expect(hostile).toContain('stroke-dasharray="5 3"');
    });

    it('writes shares below 100% and replication lag on the edges', async () => {
        const parsed = await parse(svg);
        for (const label of ['30%', '20%', '5%', '200 ms']) expect(parsed.texts).toContain(label);
        // Shares of 1 (or none) carry no label.
        expect(count(svg, 'class="as-edge-label ')).toBe(4);
        const scene = shopScene();
        scene.edges[2].share = 1;
        expect(count(renderSvg(scene), 'class="as-edge-label ')).toBe(4);
    });

    it('styles replication, session and arbiter edges apart from calls', () => {
        const edgeLine = (kind: string): string => svg.match(new RegExp(`<g class="as-edge as-e-${kind}"[^>]*><path class="as-edge-line"[^>]*>`))![0];
        expect(edgeLine('call')).not.toContain('stroke-dasharray');
        const dashes = ['replication', 'session', 'arbiter'].map(kind => edgeLine(kind).match(/stroke-dasharray="([^"]+)"/)![1]);
        expect(new Set(dashes).size).toBe(3);
        // Every edge ends in its kind's arrowhead marker, defined once per kind.
        for (const kind of ['call', 'session', 'replication', 'arbiter']) {
            expect(count(svg, `marker-end="url(#as-arrow-${kind})"`)).toBe(shopScene().edges.filter(e => e.kind === kind).length);
            expect(count(svg, `<marker id="as-arrow-${kind}"`)).toBe(1);
        }
    });

    it('has a legend of the kinds, severities and edge styles present', async () => {
        const texts = (await parse(svg)).texts;
        for (const word of ['database', 'queue', 'error', 'warning', 'info', 'replication (lag)', 'failover arbiter', 'sessions', 'replication group']) expect(texts).toContain(word);
        expect(texts).not.toContain('storage');
    });

    it('highlights every box of the node asked for', () => {
        const highlighted = renderSvg(shopScene(), { theme: 'vscode', highlight: 'catalog' });
        expect(count(highlighted, 'as-highlight')).toBe(2);
        expect(count(renderSvg(shopScene(), { theme: 'vscode' }), 'as-highlight')).toBe(0);
        expect(renderSvg(shopScene(), { highlight: 'web' })).toMatch(/as-k-service as-highlight" data-id="web"/);
    });
});

describe('themes', () => {
    it('the vscode theme has no style attribute, no style element and no colour of its own', () => {
        for (const scene of [shopScene(), hostileScene()]) {
            for (const standalone of [false, true]) {
                const svg = renderSvg(scene, { theme: 'vscode', standalone });
                expect(svg).not.toMatch(/\sstyle=/);
                expect(svg).not.toContain('<style');
                expect(svg).not.toMatch(/(fill|stroke)="#/);
            }
        }
    });

    it('light and dark write concrete colours; standalone embeds a style element and a size', () => {
        const light = renderSvg(shopScene(), { theme: 'light', standalone: true });
        const dark = renderSvg(shopScene(), { theme: 'dark', standalone: true });
        expect(light.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(light).not.toContain('<?xml');
        expect(light).toMatch(/^<svg [^>]*width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
        expect(light).toContain('<style>');
        expect(light).toContain('font-family="DejaVu Sans, Arial, Helvetica, sans-serif"');
        expect(light).toContain('class="as-bg" x="0" y="0"');
        expect(light).toMatch(/as-bg[^>]*fill="#ffffff"/);
        expect(dark).toMatch(/as-bg[^>]*fill="#1e1e1e"/);
        expect(light).not.toMatch(/\sstyle=/);
        expect(renderSvg(shopScene())).toContain('fill="#ffffff"'); // light is the default
    });

    it('the webview mode has a viewBox but no fixed size', () => {
        const svg = renderSvg(shopScene(), { theme: 'vscode' });
        expect(svg).toMatch(/^<svg [^>]*viewBox=/);
        expect(svg).not.toMatch(/^<svg [^>]* width=/);
    });
});

describe('determinism and size', () => {
    it('the same scene renders to the same string', () => {
        const scenes: Scene[] = [shopScene(), hostileScene(), gridScene(50)];
        for (const scene of scenes) {
            for (const mode of MODES) expect(renderSvg(structuredClone(scene), mode)).toBe(renderSvg(scene, mode));
        }
    });

    it('a 200-node scene is well-formed, with every node drawn', async () => {
        const svg = renderSvg(gridScene(200), { theme: 'dark', standalone: true });
        const parsed = await parse(svg);
        expect(parsed.error).toBeNull();
        expect(count(svg, 'class="as-node ')).toBe(200);
    });

    it('the drawing is as large as the scene plus header and legend', () => {
        const scene = shopScene();
        const [, w, h] = renderSvg(scene, { standalone: true }).match(/width="(\d+)" height="(\d+)"/)!.map(Number);
        expect(w).toBeGreaterThanOrEqual(scene.width);
        expect(h).toBeGreaterThan(scene.height + 60);
    });
});
