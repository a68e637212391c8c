/**
 * The legend under the diagram: the kinds drawn (outline + icon), the severities of the badges, the
 * edge styles and group frames present, the zones with their chip colours, and how to read the stats row.
 * Items flow left to right and wrap at the diagram's width.
 */
import { icon, outline } from './node-shapes.js';
import type { Scene } from './scene.js';
import { num, xml } from './svg-escape.js';
import { fit, textWidth } from './svg-text.js';
import { KINDS, kindOf, type Painter, type Role } from './svg-theme.js';

const FONT = 11;
const ROW = 22;
const GAP = 16;

interface Item {
    width: number;
    /** The item's markup with its top-left corner at (x, y), the row's height being ROW. */
    draw(x: number, y: number): string;
}

export interface Legend {
    markup: string;
    width: number;
    height: number;
}

/** The legend for `scene`, at most `maxWidth` wide, its top-left corner at (x, y). */
export function renderLegend(scene: Scene, p: Painter, x: number, y: number, maxWidth: number): Legend {
    const rows: Item[][] = [kindItems(scene, p), [...severityItems(p), ...edgeItems(scene, p), ...groupItems(scene, p), statsItem(p)]];
    if (scene.zones.length > 0) rows.push([label('zones', p), ...scene.zones.map((zone, i) => zoneChip(zone, i, p))]);
    const padding = 8;
    const lines: string[] = [];
    let cursorY = y + padding;
    let widest = 0;
    for (const items of rows.filter(r => r.length > 0)) {
        let cursorX = x + padding;
        for (const item of items) {
            if (cursorX > x + padding && cursorX + item.width > x + maxWidth - padding) {
                cursorX = x + padding;
                cursorY += ROW;
            }
            lines.push(item.draw(cursorX, cursorY));
            cursorX += item.width + GAP;
            widest = Math.max(widest, cursorX - GAP - x + padding);
        }
        cursorY += ROW;
    }
    const width = Math.min(maxWidth, widest);
    const height = cursorY - y + padding - 4;
    const frame = `<rect class="as-legend-frame" x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" rx="6"${p.fill('legendFill')}${p.stroke('legendStroke')}/>`;
    return { markup: `<g class="as-legend">${frame}${lines.join('')}</g>`, width, height };
}

function text(content: string, x: number, y: number, p: Painter, role: Role = 'muted'): string {
    return `<text class="as-legend-text" x="${num(x)}" y="${num(y + 15)}" font-size="${FONT}"${p.fill(role)}>${xml(content)}</text>`;
}

function label(content: string, p: Painter): Item {
    return { width: textWidth(content, FONT), draw: (x, y) => text(content, x, y, p, 'text') };
}

function kindItems(scene: Scene, p: Painter): Item[] {
    const present = new Set(scene.nodes.map(node => kindOf(node.kind)));
    const kinds = [...KINDS, 'other' as const].filter(kind => present.has(kind));
    return kinds.map(kind => ({
        width: 30 + 6 + textWidth(kind, FONT),
        draw(x, y) {
            const shape = outline(kind, { x, y: y + 3, width: 30, height: 16 });
            const glyph = icon(kind);
            const scale = `transform="translate(${num(x + 9)} ${num(y + 5)}) scale(0.75)"`;
            return `<g class="as-legend-kind as-k-${kind}">`
                + `<path class="as-shape" d="${shape.body}" stroke-width="1.2"${p.fill('nodeFill')}${p.kindStroke(kind)}/>`
                + (glyph.lines ? `<path class="as-icon" d="${glyph.lines}" ${scale} fill="none" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"${p.kindStroke(kind)}/>` : '')
                + (glyph.filled ? `<path class="as-icon-fill" d="${glyph.filled}" ${scale}${p.kindFill(kind)}/>` : '')
                + `</g>` + text(kind, x + 36, y, p);
        }
    }));
}

const SEVERITIES = ['error', 'warning', 'info'] as const;

function severityItems(p: Painter): Item[] {
    return SEVERITIES.map(severity => ({
        width: 16 + 5 + textWidth(severity, FONT),
        draw: (x, y) => `<g class="as-legend-badge as-sev-${severity}"><circle cx="${num(x + 8)}" cy="${num(y + 11)}" r="7"${p.fill(severity)}/>`
            + `<text x="${num(x + 8)}" y="${num(y + 14.5)}" font-size="9" font-weight="bold" text-anchor="middle"${p.fill('badgeText')}>n</text></g>`
            + text(severity, x + 21, y, p)
    }));
}

const EDGE_WORDS = { call: 'request', session: 'sessions', replication: 'replication (lag)', arbiter: 'failover arbiter' } as const;
export const EDGE_DASH = { call: '', session: '7 3 2 3', replication: '6 4', arbiter: '1.5 3.5' } as const;

function edgeItems(scene: Scene, p: Painter): Item[] {
    const present = new Set(scene.edges.map(edge => edge.kind));
    return (['call', 'session', 'replication', 'arbiter'] as const).filter(kind => present.has(kind)).map(kind => ({
        width: 30 + 5 + textWidth(EDGE_WORDS[kind], FONT),
        draw(x, y) {
            const dash = EDGE_DASH[kind] ? ` stroke-dasharray="${EDGE_DASH[kind]}"` : '';
            return `<g class="as-legend-edge as-e-${kind}"><path class="as-edge-line" d="M${num(x)} ${num(y + 11)}H${num(x + 24)}" fill="none" stroke-width="1.5" stroke-linecap="round"${dash}${p.stroke(kind)}/>`
                + `<path class="as-arrow" d="M${num(x + 30)} ${num(y + 11)}L${num(x + 23)} ${num(y + 7.5)}L${num(x + 23)} ${num(y + 14.5)}Z"${p.fill(kind)}/></g>`
                + text(EDGE_WORDS[kind], x + 35, y, p);
        }
    }));
}

function groupItems(scene: Scene, p: Painter): Item[] {
    const present = new Set(scene.groups.map(group => group.kind));
    return (['replication', 'shards'] as const).filter(kind => present.has(kind)).map(kind => {
        const words = kind === 'replication' ? 'replication group' : 'shard groups';
        return {
            width: 26 + 5 + textWidth(words, FONT),
            draw: (x, y) => `<rect class="as-group-frame as-g-${kind}" x="${num(x)}" y="${num(y + 4)}" width="26" height="14" rx="4" stroke-width="1.2"${p.fill(kind === 'replication' ? 'groupFill' : 'shardFill')}${p.stroke(kind === 'replication' ? 'groupStroke' : 'shardStroke')}/>`
                + text(words, x + 31, y, p)
        };
    });
}

function statsItem(p: Painter): Item {
    const words = '78% · 99.97% = peak utilization · availability';
    return { width: textWidth(words, FONT), draw: (x, y) => text(words, x, y, p) };
}

/** A zone's chip: its colour and its name, as on the nodes. */
export function zoneChipMarkup(zone: string, index: number, x: number, y: number, p: Painter, maxWidth = 90): { markup: string; width: number } {
    const shown = fit(zone, maxWidth - 8, 9);
    const width = textWidth(shown, 9) + 8;
    const colour = index % 8;
    return {
        width,
        markup: `<rect class="as-zone as-zone-${colour}" data-zone="${xml(zone)}" x="${num(x)}" y="${num(y)}" width="${num(width)}" height="13" rx="6.5"${p.zoneFill(colour)}/>`
            + `<text class="as-zone-name" x="${num(x + 4)}" y="${num(y + 9.8)}" font-size="9"${p.fill('text')}>${xml(shown)}</text>`
    };
}

function zoneChip(zone: string, index: number, p: Painter): Item {
    const width = zoneChipMarkup(zone, index, 0, 0, p, 140).width;
    return { width, draw: (x, y) => zoneChipMarkup(zone, index, x, y + 4.5, p, 140).markup };
}
