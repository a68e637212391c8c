/**
 * Boxes far outside the view lose their text (class `as-off`; diagram.css hides its `<text>`), so a
 * redraw lays out only the text near what is shown. Zoomed in on a 200-node drawing most boxes are off
 * screen, and laying out every label was most of a full redraw (~60 ms, `npm run bench -- webview`).
 * "Far" is more than half a view away, so panning brings boxes in with their text already laid out,
 * and each pan or zoom step toggles only the boxes that crossed that line.
 */
import type { SceneNode } from '../../server/src/diagram/scene.js';
import type { Rect } from './pan-zoom.js';

interface Box {
    element: Element;
    left: number;
    top: number;
    right: number;
    bottom: number;
    off: boolean;
}

export class OffscreenBoxes {
    private boxes: Box[] = [];

    /** The boxes of the drawing now in `canvas` (after it was drawn or patched: patched boxes are new elements). */
    index(canvas: HTMLElement, nodes: ReadonlyMap<string, SceneNode>, offset: { dx: number; dy: number }): void {
        this.boxes = [];
        for (const element of canvas.querySelectorAll<SVGGElement>('g.as-node')) {
            const node = nodes.get(element.dataset.id ?? '');
            if (!node) continue;
            const left = node.x + offset.dx;
            const top = node.y + offset.dy;
            this.boxes.push({ element, left, top, right: left + node.width, bottom: top + node.height, off: element.classList.contains('as-off') });
        }
    }

    /** Marks the boxes more than half of `visible` away from it (diagram coordinates) as off, the others as on. */
    update(visible: Rect): void {
        const left = visible.x - visible.width / 2;
        const right = visible.x + visible.width * 1.5;
        const top = visible.y - visible.height / 2;
        const bottom = visible.y + visible.height * 1.5;
        for (const box of this.boxes) {
            const off = box.right < left || box.left > right || box.bottom < top || box.top > bottom;
            if (off === box.off) continue;
            box.element.classList.toggle('as-off', off);
            box.off = off;
        }
    }

    clear(): void {
        this.boxes = [];
    }
}
