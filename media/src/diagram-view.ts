/**
 * The panel's drawing: renders each scene with the shared SVG renderer (theme `vscode`: classes only),
 * keeps the last good scene while the text is stale, highlights the node under the editor's cursor,
 * and turns clicks on boxes and badges into reveal messages.
 */
import type { FromWebview } from '../../server/src/protocol.js';
import { renderSvgParts } from '../../server/src/diagram/render-svg.js';
import type { Scene, SceneNode, Severity } from '../../server/src/diagram/scene.js';
import { OffscreenBoxes } from './offscreen-boxes.js';
import { PanZoom, type Rect, type View } from './pan-zoom.js';
import { PatchedSvg } from './svg-patch.js';
import { Tooltip } from './tooltip.js';

export interface Elements {
    canvas: HTMLElement;
    banner: HTMLElement;
    empty: HTMLElement;
    zoomLabel: HTMLElement;
}

/** The zoom below which the drawing's text is not drawn (see showZoom). */
export const FAR_SCALE = 0.35;

export class DiagramView {
    readonly panZoom: PanZoom;
    private readonly tooltip: Tooltip;
    private scene: Scene | undefined;
    private nodes = new Map<string, SceneNode>();
    private highlighted: string | null = null;
    /**
     * The hash of the scene drawn: the same scene again (a stale toggle, a panel shown again) is not redrawn.
     * The hash covers everything the scene is made from (scene-hash.ts), so equal hashes mean equal scenes,
     * and comparing it costs nothing where comparing the scene as JSON cost several milliseconds.
     */
    private drawn = '';
    private readonly svg = new PatchedSvg();
    private readonly offscreen = new OffscreenBoxes();
    /** Called after each drawing (the simulation panel paints its what-if on the new boxes). */
    onDrawn: (anew: boolean) => void = () => undefined;
    /** A click on a box, before it reveals the source: true takes the click (the simulation panel's fail mode). */
    onBoxClick: (node: string) => boolean = () => false;

    constructor(
        private readonly ui: Elements,
        private readonly post: (message: FromWebview) => void,
        private readonly initialView: View | undefined,
        onView: (view: View) => void
    ) {
        this.panZoom = new PanZoom(ui.canvas, view => {
            this.cullText();
            this.showZoom(view);
            onView(view);
        });
        this.tooltip = new Tooltip(document.body);
        ui.canvas.addEventListener('click', event => this.click(event));
        ui.canvas.addEventListener('pointermove', event => this.hover(event));
        ui.canvas.addEventListener('pointerleave', () => this.tooltip.hide());
        ui.canvas.addEventListener('pointerdown', () => this.tooltip.hide());
    }

    showScene(scene: Scene, stale: boolean): void {
        if (scene.hash === this.drawn && this.scene) {
            this.setStale(stale);
            return;
        }
        this.drawn = scene.hash;
        this.scene = scene;
        this.nodes = new Map(scene.nodes.map(node => [node.id, node]));
        // Shown and measured before the new drawing goes in, so that nothing forces a layout of it here.
        this.ui.canvas.hidden = false;
        this.ui.empty.hidden = true;
        this.panZoom.measure();
        // Patched in place when only some boxes changed; a drawing made anew gets the view (kept, or fitted).
        const anew = this.svg.draw(this.ui.canvas, renderSvgParts(scene, { theme: 'vscode', highlight: this.highlighted ?? undefined }));
        // Before anything forces a layout of the new drawing: the text of far boxes is left out of it.
        this.offscreen.index(this.ui.canvas, this.nodes, this.offset());
        const svg = this.ui.canvas.querySelector('svg');
        if (svg && anew) this.panZoom.attach(svg, this.initialView);
        this.cullText();
        this.setStale(stale);
        this.tooltip.hide();
        if (this.panZoom.current) this.showZoom(this.panZoom.current);
        this.onDrawn(anew);
    }

    setStale(stale: boolean): void {
        this.ui.banner.hidden = !(stale && this.scene);
        document.body.classList.toggle('stale', stale && this.scene !== undefined);
    }

    showEmpty(message: string): void {
        this.scene = undefined;
        this.drawn = '';
        this.nodes.clear();
        this.panZoom.detach();
        this.ui.canvas.replaceChildren();
        this.svg.reset();
        this.offscreen.clear();
        this.ui.canvas.hidden = true;
        this.ui.banner.hidden = true;
        this.ui.empty.textContent = message || 'Nothing to draw.';
        this.ui.empty.hidden = false;
        this.tooltip.hide();
    }

    /** Highlights the boxes of `.arch` node `node` (all members of a group), and brings one into view. */
    highlight(node: string | null): void {
        this.highlighted = node;
        let first: SceneNode | undefined;
        for (const box of this.ui.canvas.querySelectorAll<SVGGElement>('g.as-node')) {
            const on = node !== null && box.dataset.node === node;
            box.classList.toggle('as-highlight', on);
            if (on && !first) first = this.nodes.get(box.dataset.id ?? '');
        }
        // The scene's coordinates are offset by the renderer's margin and header: the group's transform says by how much.
        if (first) this.panZoom.reveal(this.toDrawing(first));
    }

    private toDrawing(node: SceneNode): Rect {
        const { dx, dy } = this.offset();
        return { x: node.x + dx, y: node.y + dy, width: node.width, height: node.height };
    }

    /** The scene's offset in the drawing (the renderer's margin and header), read from the scene group's transform. */
    private offset(): { dx: number; dy: number } {
        const transform = this.ui.canvas.querySelector('g.as-scene')?.getAttribute('transform') ?? '';
        const [, dx, dy] = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(transform)?.map(Number) ?? [0, 0, 0];
        return { dx, dy };
    }

    private cullText(): void {
        const visible = this.panZoom.visibleRect();
        if (visible) this.offscreen.update(visible);
    }

    private click(event: MouseEvent): void {
        if (this.panZoom.dragged) {
            this.panZoom.dragged = false;
            return;
        }
        const target = event.target as Element | null;
        const badge = target?.closest<SVGGElement>('g.as-badge');
        if (badge) {
            const node = this.nodes.get(badge.dataset.node ?? '');
            const severity = badge.dataset.severity as Severity | undefined;
            const finding = node?.findings.find(f => f.severity === severity) ?? node?.findings[0];
            if (finding) this.post({ type: 'revealFinding', range: finding.range, ruleId: finding.ruleId });
            else if (node) this.post({ type: 'reveal', range: node.range });
            return;
        }
        const box = target?.closest<SVGGElement>('g.as-node');
        const node = box ? this.nodes.get(box.dataset.id ?? '') : undefined;
        if (node && this.onBoxClick(node.node)) return;
        if (node) this.post({ type: 'reveal', range: node.range });
    }

    private hover(event: PointerEvent): void {
        if (event.buttons !== 0) return;
        const box = (event.target as Element | null)?.closest<SVGGElement>('g.as-node');
        const node = box ? this.nodes.get(box.dataset.id ?? '') : undefined;
        if (node) this.tooltip.show(node, event.clientX, event.clientY);
        else this.tooltip.hide();
    }

    private showZoom(view: View): void {
        this.ui.zoomLabel.textContent = `${Math.round(view.scale * 100)}%`;
        // Level of detail: below this scale an 11 px label is under 4 screen pixels, unreadable, and laying
        // out its text is most of a redraw (measured: a 200-node drawing takes ~50 ms with its text, ~20
        // without). Boxes, edges and badge dots stay; the hover card still names each box.
        this.ui.canvas.classList.toggle('as-far', view.scale < FAR_SCALE);
    }
}
