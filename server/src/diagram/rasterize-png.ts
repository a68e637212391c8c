/**
 * SVG → PNG without a browser: @resvg/resvg-js, whose native binary ships in
 * its npm package (kept out of the bundle: it is `require`d from node_modules).
 * Text is set in the system fonts (DejaVu Sans by default, as the SVG asks).
 */

export interface RasterizeOptions {
    /** Pixels per SVG unit; 2 by default (sharp on high-density screens and in slides). */
    scale?: number;
    defaultFontFamily?: string;
}

/**
 * Limits on the bitmap: a 1,000-node scene at 2× would be hundreds of
 * megabytes of pixels, and many viewers refuse sides past 16,384 px.
 * Larger scenes are scaled down to fit rather than failing.
 */
const MAX_PIXELS = 40_000_000;
const MAX_SIDE = 16_384;

export async function rasterizePng(svg: string, options: RasterizeOptions = {}): Promise<Buffer> {
    // Loaded on first use: only PNG exports need the native binary, never `check` or the language server's start.
    const { Resvg } = await import('@resvg/resvg-js');
    const font = { loadSystemFonts: true, defaultFontFamily: options.defaultFontFamily ?? 'DejaVu Sans' };
    const wanted = options.scale ?? 2;
    // The SVG's own size decides how far the scale may go.
    const probe = new Resvg(svg, { font: { loadSystemFonts: false } });
    const width = Math.max(1, probe.width);
    const height = Math.max(1, probe.height);
    // resvg rounds the bitmap's sides up: stay a hair under the limits.
    const scale = Math.min(wanted, 0.999 * Math.sqrt(MAX_PIXELS / (width * height)), 0.999 * MAX_SIDE / Math.max(width, height));
    const image = new Resvg(svg, { font, fitTo: { mode: 'zoom', value: scale } }).render();
    return image.asPng();
}
