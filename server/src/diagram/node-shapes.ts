/**
 * The outline and the icon of each node kind, as SVG path data. A kind reads twice: by its outline
 * (a database is a cylinder, a queue a pipe, a balancer a hexagon, a coordinator an octagon, storage
 * a bucket, the rest rounded boxes) and by a 16 px line icon in the box's top-left corner.
 */
import { num } from './svg-escape.js';
import type { Kind } from './svg-theme.js';

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface Outline {
    /** The filled body. */
    body: string;
    /** Extra lines drawn over the body without fill (a cylinder's rim), or ''. */
    rim: string;
    /** How far the text must stay from the left, right and top borders inside this outline. */
    inset: { left: number; right: number; top: number };
}

const n = num;

export function outline(kind: Kind | 'other', box: Box): Outline {
    const { x, y, width: w, height: h } = box;
    switch (kind) {
        case 'database': {
            const rx = w / 2;
            const ry = Math.min(7, h / 8);
            return {
                body: `M${n(x)} ${n(y + ry)}A${n(rx)} ${n(ry)} 0 0 1 ${n(x + w)} ${n(y + ry)}V${n(y + h - ry)}A${n(rx)} ${n(ry)} 0 0 1 ${n(x)} ${n(y + h - ry)}Z`,
                rim: `M${n(x)} ${n(y + ry)}A${n(rx)} ${n(ry)} 0 0 0 ${n(x + w)} ${n(y + ry)}`,
                inset: { left: 8, right: 8, top: ry * 2 }
            };
        }
        case 'queue': {
            const ry = h / 2;
            const rx = Math.min(8, w / 10);
            return {
                body: `M${n(x + rx)} ${n(y)}H${n(x + w - rx)}A${n(rx)} ${n(ry)} 0 0 1 ${n(x + w - rx)} ${n(y + h)}H${n(x + rx)}A${n(rx)} ${n(ry)} 0 0 1 ${n(x + rx)} ${n(y)}Z`,
                rim: `M${n(x + w - rx)} ${n(y)}A${n(rx)} ${n(ry)} 0 0 0 ${n(x + w - rx)} ${n(y + h)}`,
                inset: { left: rx + 4, right: rx * 2 + 4, top: 0 }
            };
        }
        case 'balancer': {
            const c = Math.min(12, w / 8);
            return {
                body: polygon([[x + c, y], [x + w - c, y], [x + w, y + h / 2], [x + w - c, y + h], [x + c, y + h], [x, y + h / 2]]),
                rim: '',
                inset: { left: c, right: c, top: 0 }
            };
        }
        case 'coordinator': {
            const c = Math.min(10, h / 4);
            return {
                body: polygon([[x + c, y], [x + w - c, y], [x + w, y + c], [x + w, y + h - c], [x + w - c, y + h], [x + c, y + h], [x, y + h - c], [x, y + c]]),
                rim: '',
                inset: { left: 6, right: 6, top: 0 }
            };
        }
        case 'storage': {
            const c = Math.min(8, w / 12);
            return {
                body: polygon([[x, y], [x + w, y], [x + w - c, y + h], [x + c, y + h]]),
                rim: `M${n(x + 2)} ${n(y + 5)}H${n(x + w - 2)}`,
                inset: { left: c + 2, right: c + 2, top: 4 }
            };
        }
        default: {
            const r = kind === 'cache' ? 12 : kind === 'worker' ? 3 : 7;
            return { body: roundedRect(box, r), rim: kind === 'worker' ? `M${n(x + 3)} ${n(y + h - 4)}H${n(x + w - 3)}` : '', inset: { left: 0, right: 0, top: 0 } };
        }
    }
}

export function roundedRect(box: Box, radius: number): string {
    const { x, y, width: w, height: h } = box;
    const r = Math.max(0, Math.min(radius, w / 2, h / 2));
    return `M${n(x + r)} ${n(y)}H${n(x + w - r)}A${n(r)} ${n(r)} 0 0 1 ${n(x + w)} ${n(y + r)}V${n(y + h - r)}A${n(r)} ${n(r)} 0 0 1 ${n(x + w - r)} ${n(y + h)}H${n(x + r)}A${n(r)} ${n(r)} 0 0 1 ${n(x)} ${n(y + h - r)}V${n(y + r)}A${n(r)} ${n(r)} 0 0 1 ${n(x + r)} ${n(y)}Z`;
}

function polygon(points: Array<[number, number]>): string {
    return points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${n(px)} ${n(py)}`).join('') + 'Z';
}

/** Icon path data on a 16 × 16 grid, drawn as 1.5 px lines (the cache's bolt is filled). */
const ICONS: Record<Kind | 'other', { lines: string; filled?: string }> = {
    dns: { lines: 'M8 1.5A6.5 6.5 0 0 1 8 14.5A6.5 6.5 0 0 1 8 1.5M1.5 8H14.5M8 1.5C5 4.5 5 11.5 8 14.5M8 1.5C11 4.5 11 11.5 8 14.5' },
    cdn: { lines: 'M4.5 12.5H12A3 3 0 0 0 12 6.5A4 4 0 0 0 4.3 7A2.8 2.8 0 0 0 4.5 12.5Z' },
    balancer: { lines: 'M1.5 8H6M6 8L13 3.5M6 8H13M6 8L13 12.5M11 2.5L13 3.5L12 5.5M11 11.5L13 12.5L12 10.5' },
    service: { lines: 'M2 2.5H14V7H2ZM2 9H14V13.5H2ZM4.5 4.75H5M4.5 11.25H5' },
    cache: { lines: '', filled: 'M9.5 1L3 9.2H7.4L6.2 15L13 6.6H8.6Z' },
    queue: { lines: 'M1.5 4H14.5V12H1.5ZM5 4V12M8 4V12M11 4V12' },
    worker: { lines: 'M8 5.5A2.5 2.5 0 0 1 8 10.5A2.5 2.5 0 0 1 8 5.5M8 1.5V3.5M8 12.5V14.5M1.5 8H3.5M12.5 8H14.5M3.4 3.4L4.8 4.8M11.2 11.2L12.6 12.6M3.4 12.6L4.8 11.2M11.2 4.8L12.6 3.4' },
    database: { lines: 'M2.5 3.5C2.5 1.5 13.5 1.5 13.5 3.5V12.5C13.5 14.5 2.5 14.5 2.5 12.5ZM2.5 3.5C2.5 5.5 13.5 5.5 13.5 3.5M2.5 8C2.5 10 13.5 10 13.5 8' },
    coordinator: { lines: 'M8 2.5L3 12.5H13ZM8 1A1.5 1.5 0 0 1 8 4A1.5 1.5 0 0 1 8 1M3 11A1.5 1.5 0 0 1 3 14A1.5 1.5 0 0 1 3 11M13 11A1.5 1.5 0 0 1 13 14A1.5 1.5 0 0 1 13 11' },
    storage: { lines: 'M2 3.5H14L12.5 14H3.5ZM2 3.5C2 2 14 2 14 3.5' },
    // A person: where requests come from.
    client: { lines: 'M8 2A2.5 2.5 0 0 1 8 7A2.5 2.5 0 0 1 8 2M3 14.5C3 10.5 13 10.5 13 14.5' },
    // A magnifying glass.
    search: { lines: 'M6.5 2A4.5 4.5 0 0 1 6.5 11A4.5 4.5 0 0 1 6.5 2M9.8 9.8L14 14' },
    // An arrow leaving a box: someone else's service.
    external: { lines: 'M9 2.5H13.5V7M13.5 2.5L7 9M11.5 9.5V13.5H2.5V4.5H6.5' },
    other: { lines: 'M2.5 2.5H13.5V13.5H2.5Z' }
};

/** The icon's path data on its 16 × 16 grid; the caller places it with a `translate` transform (cheaper than moving every coordinate). */
export function icon(kind: Kind | 'other'): { lines: string; filled: string } {
    const shape = ICONS[kind];
    return { lines: shape.lines, filled: shape.filled ?? '' };
}
