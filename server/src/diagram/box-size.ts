/**
 * How big a box is drawn: wide enough for its longest line at the renderer's
 * font sizes (title 13 px bold, detail lines 11 px), within bounds so that one
 * long label does not stretch a layer; the renderer cuts what is longer.
 */
import type { Box } from './scene-boxes.js';

export const BOX_HEIGHT = 76;
export const MIN_BOX_WIDTH = 150;
export const MAX_BOX_WIDTH = 280;
/** Average advance of DejaVu Sans at the sizes used, in px per character (measured on mixed names). */
const TITLE_CHAR = 7.9;
const DETAIL_CHAR = 6.3;
/** Left and right padding, plus room for up to three severity badges on the top edge. */
const PADDING = 28;

export function boxWidth(box: Box): number {
    const detail = Math.max(
        (box.engine ?? box.kind).length,
        box.instances.length + box.kind.length + 3,
        box.zones.join(', ').length
    );
    const wanted = Math.max([...box.title].length * TITLE_CHAR, detail * DETAIL_CHAR) + PADDING;
    return Math.round(Math.min(MAX_BOX_WIDTH, Math.max(MIN_BOX_WIDTH, wanted)));
}
