/** SVG → PNG by resvg: the scale asked for, fonts found, and a huge drawing scaled down to fit rather than failing. */
import { describe, expect, test } from 'vitest';
import { rasterizePng } from '../../server/src/diagram/rasterize-png.js';

function size(png: Buffer): { width: number; height: number } {
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const svg = (width: number, height: number, body = ''): string =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`;

describe('rasterizePng', () => {
    test('2× by default, or the scale asked for', async () => {
        expect(size(await rasterizePng(svg(300, 100)))).toEqual({ width: 600, height: 200 });
        expect(size(await rasterizePng(svg(300, 100), { scale: 1 }))).toEqual({ width: 300, height: 100 });
    });

    test('text is drawn with the system fonts', async () => {
        // resvg draws nothing for text it has no font for: only drawn glyphs make the image (and its PNG) larger than a blank one.
        const blank = await rasterizePng(svg(300, 60));
        const text = await rasterizePng(svg(300, 60, '<text x="10" y="40" font-size="30">archscope</text>'));
        expect(text.length).toBeGreaterThan(blank.length + 500);
    });

    test('a drawing too large for 2× is scaled down to the limits, not refused', async () => {
        const wide = size(await rasterizePng(svg(12_000, 200)));
        expect(wide.width).toBeLessThanOrEqual(16_384);
        expect(wide.width).toBeGreaterThan(12_000);
        const big = size(await rasterizePng(svg(8000, 8000)));
        expect(big.width * big.height).toBeLessThanOrEqual(40_000_000);
        expect(big.width).toBeGreaterThan(6000);
    });
});
