/**
 * The diagram on generated models of 50, 200 and 1,000 nodes: the ELK layout
 * (in this thread, as the layout worker runs it) and the SVG renderer, from
 * the diagram input of a real parse, against the budget of the diagram issue.
 */
import { layoutScene } from '../server/src/diagram/layout.js';
import { renderSvg } from '../server/src/diagram/render-svg.js';
import { diagramInput } from '../test/diagram/scene-input.js';
import { generateModel } from '../test/generate-model.js';
import type { BenchGroup } from './group.js';
import { median } from './stats.js';
import { budget, ms, type BenchTable } from './table.js';

const SIZES = [
    { nodes: 50, runs: 9 },
    { nodes: 200, runs: 7, budgetMs: 300 },
    { nodes: 1000, runs: 3 }
] as const;

async function sceneRow(size: (typeof SIZES)[number]): Promise<string[]> {
    const input = await diagramInput(generateModel(size.nodes).text);
    await layoutScene(input);
    const layouts: number[] = [];
    const renders: number[] = [];
    let boxes = 0;
    let edges = 0;
    let bytes = 0;
    for (let i = 0; i < size.runs; i++) {
        const started = performance.now();
        const scene = await layoutScene(input);
        const laidOut = performance.now();
        const svg = renderSvg(scene, { theme: 'light', standalone: true });
        renders.push(performance.now() - laidOut);
        layouts.push(laidOut - started);
        boxes = scene.nodes.length + scene.groups.length;
        edges = scene.edges.length;
        bytes = svg.length;
    }
    const total = median(layouts.map((layout, i) => layout + renders[i]));
    const budgetMs = 'budgetMs' in size ? size.budgetMs : undefined;
    return [
        size.nodes.toLocaleString('en-US'), `${boxes}/${edges}`, ms(median(layouts)), ms(median(renders)), ms(total),
        budget(total, budgetMs), `${(bytes / 1024).toFixed(0)} KiB`
    ];
}

export const sceneBench: BenchGroup = {
    name: 'scene',
    async run(): Promise<BenchTable[]> {
        const rows: string[][] = [];
        for (const size of SIZES) rows.push(await sceneRow(size));
        return [{
            title: 'scene: ELK layout + SVG of generated models (in-process)',
            columns: ['N', 'boxes+groups/edges', 'layout median ms', 'SVG median ms', 'total median ms', 'budget', 'SVG size'],
            rows,
            notes: [
                `Median of ${SIZES.map(s => s.runs).join('/')} runs after a warm-up; the server runs the same layout in its worker thread (server/src/language/layout-thread.ts), so the editor never waits on it.`,
                'Budget from the diagram issue: 200 nodes in under 300 ms.'
            ]
        }];
    }
};
