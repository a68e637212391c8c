/**
 * A system's diagram as the contents of a file, in each export format: what
 * `archscope export` writes and what the server answers to `arch/export`.
 * SVG and PNG are the laid-out scene (light theme unless asked); Mermaid and
 * Markdown are text made straight from the model (no layout needed, no theme:
 * the page that shows them has its own).
 */
import type { DiagramInput } from './diagram-input.js';
import { layoutSceneOnDemand } from './layout-on-demand.js';
import { toMarkdown, type MarkdownOptions } from './markdown.js';
import { toMermaid } from './mermaid.js';
import type { ExportFormat, ExportResult, ExportTheme } from './export-formats.js';
import { renderSvg } from './render-svg.js';
import type { Scene } from './scene.js';

export interface ExportOptions {
    /** SVG and PNG only; light by default (documents are mostly read on white). */
    theme?: ExportTheme;
    /** Markdown only: where the rule pages are linked. */
    rulesBase?: MarkdownOptions['rulesBase'];
    /** How the scene is laid out: in this thread by default; the language server passes its layout worker's. */
    layout?: (input: DiagramInput) => Promise<Scene>;
    /** PNG only: SVG → PNG bytes (rasterize-png.ts where Node runs; the browser's page rasterizes on its own canvas). */
    rasterize?: (svg: string) => Promise<Uint8Array>;
}

/** Bytes as base64, in Node and in a browser alike (no Buffer). */
function base64(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
}

async function standaloneSvg(input: DiagramInput, theme: ExportTheme, layout = layoutSceneOnDemand): Promise<string> {
    return renderSvg(await layout(input), { theme, standalone: true });
}

export async function exportDiagram(input: DiagramInput, format: ExportFormat, options: ExportOptions = {}): Promise<ExportResult> {
    const theme = options.theme ?? 'light';
    switch (format) {
        case 'svg':
            return { content: await standaloneSvg(input, theme, options.layout), encoding: 'utf8' };
        case 'png': {
            if (!options.rasterize) throw new Error('PNG export needs a rasterizer here (resvg, where Node runs)');
            const png = await options.rasterize(await standaloneSvg(input, theme, options.layout));
            return { content: base64(png), encoding: 'base64' };
        }
        case 'mermaid':
            return { content: toMermaid(input), encoding: 'utf8' };
        case 'markdown':
            return { content: toMarkdown(input, { rulesBase: options.rulesBase }), encoding: 'utf8' };
    }
}
