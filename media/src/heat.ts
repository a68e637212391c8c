/**
 * The what-if painted on the drawing without touching its layout: each box gets a heat class for its
 * utilization, failed boxes are greyed, overloaded ones carry the share of requests they cannot serve,
 * the bottleneck is outlined. Classes and one small text element per overloaded box: no markup from user
 * text, no inline style (the CSP allows none), and no position changes (positions are the layout's).
 */
import type { FiguresAt } from './what-if-at.js';

/** Heat buckets: the upper bound of each (utilization), the last open-ended; the legend shows the same. */
export const HEAT_STEPS: readonly { below: number; label: string }[] = [
    { below: 0.5, label: 'under 50%' },
    { below: 0.7, label: '50–70%' },
    { below: 0.8, label: '70–80%' },
    { below: 0.9, label: '80–90%' },
    { below: 1, label: '90–100%' },
    { below: Infinity, label: 'overloaded' }
];
const HEAT_CLASSES = HEAT_STEPS.map((_, i) => `as-heat-${i}`);

export function heatClass(utilization: number | null): string | undefined {
    if (utilization === null) return undefined;
    const index = HEAT_STEPS.findIndex(step => utilization < step.below);
    return HEAT_CLASSES[index < 0 ? HEAT_CLASSES.length - 1 : index];
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export class HeatOverlay {
    /** Per box, what was set last, so a move of the control changes only the boxes whose class changed. */
    private applied = new WeakMap<Element, string>();

    /** Whether the boxes carry a what-if now (nothing to take off a drawing that never had one). */
    private painted = false;

    paint(canvas: HTMLElement, figures: FiguresAt | undefined, failed: ReadonlySet<string>): void {
        if (!figures && !this.painted) return;
        this.painted = figures !== undefined;
        const byNode = new Map(figures?.tiers.map(tier => [tier.node, tier]) ?? []);
        const bottleneck = figures?.breakingPoint?.bottleneck;
        canvas.classList.toggle('as-what-if', figures !== undefined);
        for (const box of canvas.querySelectorAll<SVGGElement>('g.as-node')) {
            const node = box.dataset.node ?? '';
            const tier = byNode.get(node);
            const down = failed.has(node) || tier?.down === true;
            const heat = figures && !down ? heatClass(tier?.utilization ?? null) : undefined;
            const unserved = !down && tier && tier.unserved > 0 ? Math.round(tier.unserved * 100) : 0;
            const key = `${heat ?? ''}|${down}|${unserved}|${node === bottleneck}`;
            if (this.applied.get(box) === key) continue;
            this.applied.set(box, key);
            for (const name of HEAT_CLASSES) box.classList.toggle(name, name === heat);
            box.classList.toggle('as-failed', figures !== undefined && down);
            box.classList.toggle('as-overloaded', unserved > 0);
            box.classList.toggle('as-bottleneck', figures !== undefined && node === bottleneck);
            let mark = box.querySelector<SVGTextElement>('text.as-unserved');
            if (unserved > 0) {
                if (!mark) {
                    mark = document.createElementNS(SVG_NS, 'text');
                    mark.setAttribute('class', 'as-unserved');
                    const shape = box.querySelector('.as-shape') as SVGGraphicsElement | null;
                    const frame = shape?.getBBox();
                    if (frame) {
                        mark.setAttribute('x', String(frame.x + frame.width - 4));
                        mark.setAttribute('y', String(frame.y + frame.height - 5));
                    }
                    mark.setAttribute('text-anchor', 'end');
                    box.append(mark);
                }
                // A number we made, never user text.
                mark.textContent = `${unserved}% unserved`;
            } else {
                mark?.remove();
            }
        }
    }

    /** A new drawing: its boxes are new elements. */
    reset(): void {
        this.applied = new WeakMap();
    }
}
