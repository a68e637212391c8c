/**
 * The drawing of version 2 (issue 12): clients where the load comes from, with their peaks; managed and
 * external nodes marked as such; an edge into a queue dashed; an edge's fan-out and class on its label.
 * The real layout (elkjs) and the real SVG renderer.
 */
import { describe, expect, test } from 'vitest';
import { layoutScene } from '../../server/src/diagram/layout.js';
import { renderSvg } from '../../server/src/diagram/render-svg.js';
import { toMermaid } from '../../server/src/diagram/mermaid.js';
import { inputOf } from './input-of.js';

const TEXT = `system Feed {
  client browsers { peak 20000 rps  reads 95% }
  balancer lb { managed }
  service api { instances 4  capacity 9000 rps  latency 20ms  health every 5s }
  cache timelines { instances 6  policy store  replication primary_replica { replicas 1 } }
  queue jobs { managed }
  worker fanout { instances 2 }
  external payments
  browsers -> lb -> api
  api -> timelines reads
  api -> jobs 10% writes
  jobs -> fanout -> timelines 20x
  api -> payments 1% writes
}`;

describe('the scene of a version 2 model', () => {
    test('clients are boxes with their peaks, above what they call; managed and external say so', async () => {
        const scene = await layoutScene(await inputOf(TEXT));
        const box = (node: string) => scene.nodes.find(n => n.node === node)!;
        expect(box('browsers')).toMatchObject({ kind: 'client', instances: '20,000 rps' });
        expect(box('browsers').estimates).toEqual(['peak 20,000 rps', 'reads 95%']);
        expect(box('lb').instances).toBe('managed');
        expect(box('payments').instances).toBe('external');
        // Layered left to right in call order: the client before the balancer it calls.
        expect(box('browsers').x).toBeLessThan(box('lb').x);
    });

    test('an edge into a queue is asynchronous, drawn dashed; fan-out and class are on the label', async () => {
        const scene = await layoutScene(await inputOf(TEXT));
        const edge = (from: string, to: string) => scene.edges.find(e => e.from === from && e.to === to)!;
        expect(edge('api', 'jobs')).toMatchObject({ async: true, share: 0.1, label: 'writes' });
        expect(edge('fanout', 'timelines').label).toBe('20x');
        expect(edge('api', 'timelines')).toMatchObject({ label: 'reads' });
        expect(edge('api', 'timelines').async).toBeUndefined();
        const svg = renderSvg(scene, { theme: 'light' });
        expect(svg).toMatch(/<g class="as-edge as-e-call as-async"[^>]*><path class="as-edge-line" d="[^"]+" stroke-dasharray="8 4"/);
        expect(svg).toContain('>10% · writes<');
        expect(svg).toContain('>20x<');
    });
});

describe('Mermaid', () => {
    test('clients as stadiums with their peaks; into a queue dotted; the edge words on the label', async () => {
        const text = toMermaid(await inputOf(TEXT));
        expect(text).toContain('  c0(["browsers<br>client<br>peak 20,000 rps"])');
        expect(text).toMatch(/ {2}n\d+ -\.->\|"10#37; writes"\| n\d+/);
        expect(text).toMatch(/ {2}n\d+ -->\|"20x"\| n\d+/);
        expect(text).toContain('managed');
        expect(text).toContain('external');
    });
});

describe('the LANGUAGE.md example, targets and scenarios included (examples/feed.arch)', () => {
    test('draws every client and node, no more (targets and scenarios are not boxes), into an SVG and Mermaid', async () => {
        const { readFileSync } = await import('node:fs');
        const text = readFileSync('examples/feed.arch', 'utf8');
        const input = await inputOf(text);
        const scene = await layoutScene(input);
        // A replicated node draws a box per copy: the set of names is what the file declares.
        expect([...new Set(scene.nodes.map(n => n.node))].sort()).toEqual([
            'api', 'browsers', 'fanout', 'fanout_q', 'front', 'lb_east', 'lb_west', 'media', 'mobile', 'nightly', 'payments',
            'posts_index', 'timelines', 'users', 'users_cache', 'zk'
        ]);
        const svg = renderSvg(scene);
        expect(svg.startsWith('<svg')).toBe(true);
        for (const name of ['black_friday', 'east_down', 'cold_start']) expect(svg).not.toContain(name);
        const mermaid = toMermaid(input);
        expect(mermaid).toContain('posts_index');
        expect(mermaid).not.toContain('black_friday');
    });
});
