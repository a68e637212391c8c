/**
 * The exports, downloaded from the page: SVG, Mermaid and Markdown as the language server makes them
 * (`arch/export`, the same code as the CLI's), and PNG rendered here, from that SVG on a canvas (the server
 * in the browser has no resvg). A file is made whole in memory, then handed to the browser in one piece.
 */
import type { LSPClient } from '@codemirror/lsp-client';
import type { ExportFormat, ExportParams, ExportResult } from '../../server/src/protocol.js';

const FILES: Record<ExportFormat, { extension: string; type: string }> = {
    svg: { extension: 'svg', type: 'image/svg+xml' },
    png: { extension: 'png', type: 'image/png' },
    mermaid: { extension: 'mmd', type: 'text/plain' },
    markdown: { extension: 'md', type: 'text/markdown' }
};

/** Pixels per SVG unit, as the CLI's PNG (rasterize-png.ts), within the same limits on the bitmap. */
const SCALE = 2;
const MAX_PIXELS = 40_000_000;
const MAX_SIDE = 16_384;

async function svgToPng(svg: string): Promise<Blob> {
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    try {
        const image = new Image();
        image.src = url;
        await image.decode();
        const width = Math.max(1, image.naturalWidth);
        const height = Math.max(1, image.naturalHeight);
        const scale = Math.min(SCALE, 0.999 * Math.sqrt(MAX_PIXELS / (width * height)), 0.999 * MAX_SIDE / Math.max(width, height));
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(width * scale);
        canvas.height = Math.ceil(height * scale);
        const context = canvas.getContext('2d');
        if (!context) throw new Error('this browser gives no canvas to draw on');
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        return await new Promise<Blob>((resolve, reject) => canvas.toBlob(blob => (blob ? resolve(blob) : reject(new Error('the canvas made no PNG'))), 'image/png'));
    } finally {
        URL.revokeObjectURL(url);
    }
}

function save(blob: Blob, name: string): void {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the diagram of `uri` as `format`, named after the system (`shop.svg`). */
export async function download(client: LSPClient, uri: string, format: ExportFormat, baseName: string): Promise<void> {
    client.sync();
    const svgFirst = format === 'png' ? 'svg' : format;
    const result = await client.request<ExportParams, ExportResult>('arch/export', { uri, format: svgFirst, theme: 'light' });
    const file = FILES[format];
    const blob = format === 'png' ? await svgToPng(result.content) : new Blob([result.content], { type: file.type });
    save(blob, `${baseName}.${file.extension}`);
}
