/**
 * The drawing in the panel, redrawn by parts: when a new scene keeps the same frame (size, markers,
 * legend) and the same items in the same order, only the items whose markup changed are parsed and
 * swapped in place; the rest of the DOM stays as it is, with its computed style and layout. An edit
 * usually changes a few boxes (a capacity, a finding) and ELK keeps the others where they were, so a
 * 200-node drawing is patched in a few milliseconds instead of parsed and laid out whole. Anything
 * else (a node added, the drawing resized) draws anew.
 */
import { joinSvgParts, type SvgParts } from '../../server/src/diagram/render-svg.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The keys of the items that draw something, in order: what the layer's children correspond to. */
function drawnKeys(parts: SvgParts): string[][] {
    return parts.layers.map(layer => layer.items.filter(item => item.markup !== '').map(item => item.key));
}

function sameShape(a: SvgParts, b: SvgParts): boolean {
    if (a.head !== b.head || a.tail !== b.tail || a.layers.length !== b.layers.length) return false;
    if (a.layers.some((layer, i) => layer.open !== b.layers[i].open || layer.close !== b.layers[i].close)) return false;
    const keysA = drawnKeys(a);
    const keysB = drawnKeys(b);
    return keysA.every((keys, i) => keys.length === keysB[i].length && keys.every((key, j) => key === keysB[i][j]));
}

export class PatchedSvg {
    private parts: SvgParts | undefined;
    /** Per layer, the element of each drawn item, in order. */
    private elements: Element[][] = [];

    /** Draws `parts` into `canvas`; true when it was drawn anew (a new `<svg>` element), false when patched. */
    draw(canvas: HTMLElement, parts: SvgParts): boolean {
        if (this.parts && this.elements.length === parts.layers.length && sameShape(this.parts, parts)) {
            this.patch(parts);
            this.parts = parts;
            return false;
        }
        // renderSvg escapes every user string, so its output is safe markup.
        canvas.innerHTML = joinSvgParts(parts);
        this.parts = parts;
        this.index(canvas, parts);
        return true;
    }

    /** Forgets the drawing (the canvas was emptied). */
    reset(): void {
        this.parts = undefined;
        this.elements = [];
    }

    private index(canvas: HTMLElement, parts: SvgParts): void {
        const layers = canvas.querySelector('svg > g.as-scene')?.children;
        const keys = drawnKeys(parts);
        this.elements = [];
        if (!layers || layers.length !== keys.length) return;
        for (let i = 0; i < keys.length; i++) {
            const children = [...layers[i].children];
            // Each item is one element; if that ever stops holding, patching is off until the next full draw.
            if (children.length !== keys[i].length) {
                this.elements = [];
                return;
            }
            this.elements.push(children);
        }
    }

    private patch(parts: SvgParts): void {
        const changed: { layer: number; index: number; markup: string }[] = [];
        parts.layers.forEach((layer, i) => {
            const before = this.parts!.layers[i].items.filter(item => item.markup !== '');
            layer.items.filter(item => item.markup !== '').forEach((item, j) => {
                if (item.markup !== before[j].markup) changed.push({ layer: i, index: j, markup: item.markup });
            });
        });
        if (changed.length === 0) return;
        // One parse for all changed items, in SVG context (a <g>), then each swapped in where its old one was.
        const holder = document.createElementNS(SVG_NS, 'g');
        holder.innerHTML = changed.map(item => item.markup).join('');
        const fresh = [...holder.children];
        changed.forEach((item, k) => {
            const old = this.elements[item.layer][item.index];
            old.replaceWith(fresh[k]);
            this.elements[item.layer][item.index] = fresh[k];
        });
    }
}
