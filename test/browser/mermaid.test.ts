/**
 * The Mermaid export rendered by the real mermaid package (its browser build,
 * `mermaid.min.js`, which sets `window.mermaid`) in real headless Chromium:
 * the text parses, every node's name (or label) is drawn, the severity classes
 * reach the drawing, and hostile strings are drawn as text, never as markup.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toMermaid } from '../../server/src/diagram/mermaid.js';
import { HOSTILE, HOSTILE_DB_ENGINE, HOSTILE_DB_LABEL, HOSTILE_ENGINE, HOSTILE_LABEL, inputOf, SHOP } from '../diagram/input-of.js';
import { launchChromium } from './chromium.js';

const MERMAID = fileURLToPath(new URL('../../node_modules/mermaid/dist/mermaid.min.js', import.meta.url));

interface Rendered {
    error?: string;
    /** Text of each drawn label (node boxes, group titles, edge labels), line breaks as spaces. */
    labels: string[];
    /** Elements the drawing holds that no Mermaid flowchart draws by itself. */
    foreign: string[];
    /** Classes of the drawn nodes and groups, by the id Mermaid gives them. */
    classes: Record<string, string>;
    /** Edges drawn. */
    edges: number;
    /** Whether a script of the page ran because of the diagram. */
    alerted: boolean;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: MERMAID });
    await page.evaluate(`(() => {
        window.alerted = false;
        window.alert = () => { window.alerted = true; };
        window.mermaid.initialize({ startOnLoad: false });
    })()`);
});

afterAll(async () => {
    await browser?.close();
});

/**
 * Renders the text with mermaid.render and puts the SVG into the page, as a docs site would; then reads
 * back what was drawn. Browser-side code as source text: the project's type-check has no DOM lib.
 */
const RENDER_IN_BROWSER = `async ({ text, id }) => {
    const out = document.getElementById('out');
    out.innerHTML = '';
    let svg;
    try {
        svg = (await window.mermaid.render(id, text)).svg;
    } catch (error) {
        return { error: String(error), labels: [], foreign: [], classes: {}, edges: 0, alerted: window.alerted };
    }
    out.innerHTML = svg;
    // Give an injected onerror or onload its chance to run.
    await new Promise(resolve => setTimeout(resolve, 50));
    const labels = [...out.querySelectorAll('.nodeLabel, .edgeLabel .label, .cluster-label')].map(element => {
        const clone = element.cloneNode(true);
        for (const br of clone.querySelectorAll('br')) br.replaceWith(' ');
        // Word joiners (invisible) split the character pairs mermaid reserves (mermaid.ts): not part of what a reader sees.
        return (clone.textContent ?? '').replace(/\\u2060/g, '');
    });
    // What a label must never become: an element that loads, runs or links, or an event handler.
    const active = new Set(['img', 'image', 'script', 'iframe', 'object', 'embed', 'a', 'video', 'audio', 'form', 'input', 'link', 'meta', 'base']);
    const foreign = [...out.querySelectorAll('*')].flatMap(e => [
        ...(active.has(e.localName) ? [e.localName] : []),
        ...[...e.attributes].filter(a => /^on/i.test(a.name) || /javascript:/i.test(a.value)).map(a => e.localName + '[' + a.name + ']')
    ]);
    const classes = {};
    for (const element of out.querySelectorAll('g.node, g.cluster')) classes[element.id] = element.getAttribute('class') ?? '';
    return { labels, foreign, classes, edges: out.querySelectorAll('.edgePaths path').length, alerted: window.alerted };
}`;

async function render(text: string, id: string): Promise<Rendered> {
    return page.evaluate(`(${RENDER_IN_BROWSER})(${JSON.stringify({ text, id })})`) as Promise<Rendered>;
}

function classOf(rendered: Rendered, id: string): string {
    // Mermaid ids nodes `<diagram>-flowchart-<id>-<n>` and groups `<diagram>-<id>`.
    const entry = Object.entries(rendered.classes).find(([key]) => new RegExp(`-(flowchart-)?${id}(-\\d+)?$`).test(key));
    expect(entry, `${id} is drawn`).toBeDefined();
    return entry![1];
}

describe('the shop example', async () => {
    const input = await inputOf(SHOP);
    const text = toMermaid(input);
    let rendered: Rendered;

    beforeAll(async () => {
        rendered = await render(text, 'shop');
    });

    test('mermaid renders it', () => {
        expect(rendered.error).toBeUndefined();
        expect(rendered.foreign).toEqual([]);
    });

    test('every node is drawn with its name, kind and finding counts', () => {
        for (const node of input.topology.nodes) {
            const label = rendered.labels.find(l => l.startsWith(`${node.name} ${node.kind}`));
            expect(label, `${node.name} among ${JSON.stringify(rendered.labels)}`).toBeDefined();
        }
        expect(rendered.labels).toContain('primary');
        expect(rendered.labels).toContain('replica 3');
        expect(rendered.labels).toContain('master 2');
        expect(rendered.labels).toContain('30%');
        expect(rendered.labels).toContain('async · lag 200 ms');
        expect(rendered.labels).toContain('failover arbiter');
        expect(rendered.labels.find(l => l.startsWith('web service'))).toContain('✖ 1');
    });

    test('the severity classes reach the drawing, a node and a group alike', () => {
        const index = (name: string): number => input.topology.nodes.findIndex(n => n.name === name);
        expect(classOf(rendered, `n${index('web')}`).split(' ')).toContain('finding_error');
        expect(classOf(rendered, `n${index('catalog')}`).split(' ')).toContain('finding_warning');
        expect(classOf(rendered, `n${index('edge')}`).split(' ')).toContain('finding_info');
        expect(classOf(rendered, `n${index('zk')}`).split(' ')).not.toContain('finding_error');
    });
});

describe('hostile names', async () => {
    const text = toMermaid(await inputOf(HOSTILE));
    let rendered: Rendered;

    beforeAll(async () => {
        rendered = await render(text, 'hostile');
    });

    test('mermaid renders it', () => {
        expect(rendered.error).toBeUndefined();
    });

    test('labels and engines are drawn as the text typed', () => {
        expect(rendered.labels.some(l => l.startsWith(`${HOSTILE_LABEL} service api · ${HOSTILE_ENGINE} `)), JSON.stringify(rendered.labels)).toBe(true);
        expect(rendered.labels.some(l => l.startsWith(`${HOSTILE_DB_LABEL} database db · ${HOSTILE_DB_ENGINE} `)), JSON.stringify(rendered.labels)).toBe(true);
        expect(rendered.labels.some(l => l.startsWith('50% | 100% cache hot'))).toBe(true);
    });

    test('no element, script, handler or directive gets in', () => {
        expect(rendered.foreign).toEqual([]);
        expect(rendered.alerted).toBe(false);
        // The `n0 --> n1` and `click` typed in a label did not become statements: three boxes and the primary and replica, three edges.
        expect(Object.keys(rendered.classes).filter(id => /flowchart-n\d+(m\d+)?-/.test(id))).toHaveLength(4);
        expect(rendered.edges).toBe(3);
    });
});
