/**
 * Pan and zoom by the SVG's viewBox: the drawing is never re-rendered for a move, and nothing needs a
 * style attribute (the CSP forbids inline styles). The view is the diagram point at the top-left corner
 * of the container and the scale in screen pixels per diagram unit; it survives scene updates.
 */
export interface View {
    x: number;
    y: number;
    scale: number;
}

/** A rectangle in diagram units. */
export interface Rect {
    x: number;
    y: number;
    width: number;
    height: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;
/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD = 4;

export function clampScale(scale: number): number {
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The view that shows the whole drawing (width × height) centred in a container (cw × ch), never magnified past 150%. */
export function fitView(width: number, height: number, cw: number, ch: number): View {
    const margin = 16;
    const scale = clampScale(Math.min((cw - 2 * margin) / width, (ch - 2 * margin) / height, 1.5));
    return { scale, x: width / 2 - cw / 2 / scale, y: height / 2 - ch / 2 / scale };
}

/** Zooms by `factor` keeping the diagram point under the screen point (px, py) in place. */
export function zoomAt(view: View, factor: number, px: number, py: number): View {
    const scale = clampScale(view.scale * factor);
    const wx = view.x + px / view.scale;
    const wy = view.y + py / view.scale;
    return { scale, x: wx - px / scale, y: wy - py / scale };
}

export class PanZoom {
    private view: View | undefined;
    private svg: SVGSVGElement | undefined;
    private press: { x: number; y: number; view: View; id: number } | undefined;
    /** A fit was asked while the panel had no size (hidden): done at the first resize that gives it one. */
    private fitWhenSized = false;
    /** The container's size, read when the layout is clean (before a redraw, on resize): reading it after new content would force a layout. */
    private measured = { width: 0, height: 0 };
    /** True while (and just after) the pointer dragged: the click that ends a drag is not a click on a node. */
    dragged = false;

    constructor(private readonly container: HTMLElement, private readonly onChange: (view: View) => void) {
        container.addEventListener('wheel', event => this.wheel(event), { passive: false });
        container.addEventListener('pointerdown', event => this.down(event));
        container.addEventListener('pointermove', event => this.move(event));
        container.addEventListener('pointerup', event => this.up(event));
        container.addEventListener('pointercancel', event => this.up(event));
        new ResizeObserver(() => {
            this.measure();
            if (this.fitWhenSized && this.measurable()) this.fit();
            else this.apply();
        }).observe(container);
    }

    get current(): View | undefined {
        return this.view;
    }

    /** The part of the drawing in view, in diagram units (from the last measured size: no layout forced). */
    visibleRect(): Rect | undefined {
        if (!this.view || !this.measurable()) return undefined;
        const { width, height } = this.size();
        return { x: this.view.x, y: this.view.y, width: width / this.view.scale, height: height / this.view.scale };
    }

    /** A new drawing: keeps the view if there is one (or `initial`), else fits it. */
    attach(svg: SVGSVGElement, initial?: View): void {
        this.svg = svg;
        svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
        if (!this.view && initial && [initial.x, initial.y, initial.scale].every(Number.isFinite)) this.view = { ...initial, scale: clampScale(initial.scale) };
        if (this.view) this.apply();
        else this.fit();
    }

    detach(): void {
        this.svg = undefined;
    }

    fit(): void {
        if (!this.svg) return;
        this.fitWhenSized = !this.measurable();
        if (this.fitWhenSized) return;
        const { width, height } = this.size();
        const box = this.drawingSize();
        this.set(fitView(box.width, box.height, width, height));
    }

    zoom(factor: number): void {
        if (!this.view) return;
        const { width, height } = this.size();
        this.set(zoomAt(this.view, factor, width / 2, height / 2));
    }

    /** Pans so that the diagram box is visible (centred) when it is not already. */
    reveal(box: Rect): void {
        if (!this.view) return;
        const { width, height } = this.size();
        const v = this.view;
        const visible = box.x >= v.x && box.y >= v.y && box.x + box.width <= v.x + width / v.scale && box.y + box.height <= v.y + height / v.scale;
        if (visible) return;
        this.set({ scale: v.scale, x: box.x + box.width / 2 - width / 2 / v.scale, y: box.y + box.height / 2 - height / 2 / v.scale });
    }

    private set(view: View): void {
        this.view = view;
        this.apply();
        this.onChange(view);
    }

    private apply(): void {
        if (!this.svg || !this.view) return;
        const { width, height } = this.size();
        const v = this.view;
        this.svg.setAttribute('viewBox', `${round(v.x)} ${round(v.y)} ${round(width / v.scale)} ${round(height / v.scale)}`);
    }

    measure(): void {
        this.measured = { width: this.container.clientWidth, height: this.container.clientHeight };
    }

    private measurable(): boolean {
        return this.measured.width > 0 && this.measured.height > 0;
    }

    private size(): { width: number; height: number } {
        return { width: Math.max(1, this.measured.width), height: Math.max(1, this.measured.height) };
    }

    private drawingSize(): { width: number; height: number } {
        const width = Number(this.svg?.dataset.width) || 800;
        const height = Number(this.svg?.dataset.height) || 600;
        return { width, height };
    }

    private wheel(event: WheelEvent): void {
        if (!this.view) return;
        event.preventDefault();
        const rect = this.container.getBoundingClientRect();
        // A notch of the wheel is ~100 px of deltaY: about 10% per notch, smooth on touchpads.
        const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015));
        this.set(zoomAt(this.view, factor, event.clientX - rect.left, event.clientY - rect.top));
    }

    private down(event: PointerEvent): void {
        if (!this.view || event.button !== 0) return;
        this.press = { x: event.clientX, y: event.clientY, view: this.view, id: event.pointerId };
        this.dragged = false;
    }

    private move(event: PointerEvent): void {
        const press = this.press;
        if (!press || press.id !== event.pointerId) return;
        const dx = event.clientX - press.x;
        const dy = event.clientY - press.y;
        if (!this.dragged && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        if (!this.dragged) {
            this.dragged = true;
            this.container.setPointerCapture(event.pointerId);
            this.container.classList.add('panning');
        }
        this.set({ scale: press.view.scale, x: press.view.x - dx / press.view.scale, y: press.view.y - dy / press.view.scale });
    }

    private up(event: PointerEvent): void {
        if (!this.press || this.press.id !== event.pointerId) return;
        this.press = undefined;
        this.container.classList.remove('panning');
        if (this.container.hasPointerCapture(event.pointerId)) this.container.releasePointerCapture(event.pointerId);
    }
}

function round(value: number): string {
    return String(Math.round(value * 100) / 100);
}
