/**
 * Scene → SVG text: the one renderer behind the webview panel and the SVG/PNG exports. Pure (scene
 * types only, no DOM, no Node APIs): the webview bundles it too.
 *
 * Every user string is escaped by `xml()` on its way out; ids and classes are never made of user text
 * (a node's id and name travel in `data-` attributes, escaped). In the `vscode` theme the output has no
 * `style` attribute and no `<style>` element (the webview's CSP forbids inline styles): classes carry
 * the colours, `media/diagram.css` paints them.
 */
import { icon, outline, type Box } from './node-shapes.js';
import type { Point, Scene, SceneEdge, SceneGroup, SceneNode, Severity } from './scene.js';
import { num, xml } from './svg-escape.js';
import { EDGE_DASH, renderLegend, zoneChipMarkup } from './svg-legend.js';
import { edgeWords } from './edge-words.js';
import { availabilityText, fit, textWidth, utilizationText } from './svg-text.js';
import { FONT_FAMILY, kindOf, Painter, standaloneCss, type ThemeName } from './svg-theme.js';

export interface RenderOptions {
    /** `light` (the exports' default), `dark`, or `vscode` (classes only, for the webview). */
    theme?: ThemeName;
    /** A file of its own (exports): width and height, and an embedded `<style>` for the concrete themes. */
    standalone?: boolean;
    /** A `.arch` node name (or a scene node id) whose boxes are drawn highlighted. */
    highlight?: string;
}

/** Space around the drawing, and the header line with the system's name above it. */
const PAD = 16;
const HEADER = 34;
const LEGEND_GAP = 20;
const MIN_WIDTH = 520;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One drawn thing (a group, an edge, a box, a label) as markup of one element, keyed by its scene id. */
export interface SvgItem {
    key: string;
    markup: string;
}

/** A layer of the drawing: its opening tag, its items in drawing order, its closing tag. */
export interface SvgLayer {
    open: string;
    items: SvgItem[];
    close: string;
}

/**
 * The SVG in parts: what comes before the layers (root, markers, title), the layers, what comes after
 * (legend). Joined they are `renderSvg`'s output; apart, the webview redraws only the items whose
 * markup changed since the last scene (an edit usually changes a few boxes, not the drawing).
 */
export interface SvgParts {
    head: string;
    layers: SvgLayer[];
    tail: string;
}

export function joinSvgParts(parts: SvgParts): string {
    return parts.head + parts.layers.map(layer => layer.open + layer.items.map(item => item.markup).join('') + layer.close).join('') + parts.tail;
}

export function renderSvg(scene: Scene, options: RenderOptions = {}): string {
    return joinSvgParts(renderSvgParts(scene, options));
}

export function renderSvgParts(scene: Scene, options: RenderOptions = {}): SvgParts {
    const theme = options.theme ?? 'light';
    const p = new Painter(theme);
    const width = Math.max(MIN_WIDTH, Math.ceil(scene.width) + 2 * PAD);
    const legend = renderLegend(scene, p, PAD, HEADER + Math.ceil(scene.height) + LEGEND_GAP, width - 2 * PAD);
    const height = HEADER + Math.ceil(scene.height) + LEGEND_GAP + legend.height + PAD;

    const size = options.standalone ? ` width="${num(width)}" height="${num(height)}"` : '';
    const head: string[] = [
        `<svg xmlns="http://www.w3.org/2000/svg" class="as-diagram as-theme-${theme}"${size} viewBox="0 0 ${num(width)} ${num(height)}"`
        + ` font-family="${FONT_FAMILY}" data-width="${num(width)}" data-height="${num(height)}">`
    ];
    if (options.standalone) {
        head.push(`<title>${xml(scene.system)}</title>`);
        if (p.concrete) head.push(`<style>${standaloneCss()}</style>`);
    }
    head.push(arrowMarkers(scene, p));
    if (p.concrete) head.push(`<rect class="as-bg" x="0" y="0" width="${num(width)}" height="${num(height)}"${p.fill('bg')}/>`);
    head.push(`<text class="as-system" x="${PAD}" y="23" font-size="16" font-weight="bold"${p.fill('text')}>${xml(fit(scene.system, width - 2 * PAD, 16, true))}</text>`);
    head.push(`<g class="as-scene" transform="translate(${PAD} ${HEADER})">`);

    // Outer groups first, so a frame inside another frame is drawn over it.
    const groups = scene.groups.map((group, i) => ({ group, i })).sort((a, b) => area(b.group) - area(a.group) || a.i - b.i);
    const zoneIndex = new Map(scene.zones.map((zone, i) => [zone, i]));
    const layers: SvgLayer[] = [
        { open: '<g class="as-groups">', items: groups.map(({ group }) => ({ key: group.id, markup: renderGroup(group, p) })), close: '</g>' },
        // Shared presentation attributes sit on the layers and are inherited: a 200-node drawing stays small to parse.
        {
            open: '<g class="as-edges" fill="none" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">',
            items: scene.edges.map(edge => ({ key: edge.id, markup: renderEdge(edge, p) })),
            close: '</g>'
        },
        {
            open: '<g class="as-nodes" font-size="11" stroke-linecap="round" stroke-linejoin="round">',
            items: scene.nodes.map(node => ({ key: node.id, markup: renderNode(node, p, zoneIndex, options) })),
            close: '</g>'
        },
        // Labels last: a share or a lag stays readable where an edge passes near a box.
        { open: '<g class="as-edge-labels">', items: scene.edges.map(edge => ({ key: edge.id, markup: renderEdgeLabel(edge, p) })), close: '</g>' }
    ];
    return { head: head.join(''), layers, tail: '</g>' + legend.markup + '</svg>' };
}

const EDGE_KINDS = ['call', 'session', 'replication', 'arbiter'] as const;
/** The dash of an asynchronous call (into a queue): longer than a session's, so the two read apart. */
const ASYNC_DASH = '8 4';

/**
 * One arrowhead marker per edge kind drawn. Markers, not a triangle per edge: a 200-node drawing has
 * hundreds of edges and each element costs the webview parse and layout time. The ids are fixed words.
 */
function arrowMarkers(scene: Scene, p: Painter): string {
    const present = new Set(scene.edges.map(edge => edge.kind));
    const markers = EDGE_KINDS.filter(kind => present.has(kind)).map(kind =>
        `<marker id="as-arrow-${kind}" class="as-e-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">`
        + `<path class="as-arrow" d="M0 1L10 5L0 9Z"${p.fill(kind)}/></marker>`);
    return markers.length > 0 ? `<defs>${markers.join('')}</defs>` : '';
}

function area(box: { width: number; height: number }): number {
    return box.width * box.height;
}

function renderGroup(group: SceneGroup, p: Painter): string {
    const replication = group.kind === 'replication';
    return `<g class="as-group as-g-${group.kind}" data-group="${xml(group.id)}" data-node="${xml(group.node)}">`
        + `<rect class="as-group-frame" x="${num(group.x)}" y="${num(group.y)}" width="${num(group.width)}" height="${num(group.height)}" rx="10" stroke-width="1.2"`
        + `${replication ? '' : ' stroke-dasharray="5 3"'}${p.fill(replication ? 'groupFill' : 'shardFill')}${p.stroke(replication ? 'groupStroke' : 'shardStroke')}/>`
        + `<text class="as-group-title" x="${num(group.x + 10)}" y="${num(group.y + 15)}" font-size="11" font-weight="bold"${p.fill('muted')}>`
        + `${xml(fit(group.title, group.width - 20, 11, true))}</text></g>`;
}

function renderEdge(edge: SceneEdge, p: Painter): string {
    if (edge.points.length < 2) return '';
    const d = edge.points.map((point, i) => `${i === 0 ? 'M' : 'L'}${num(point.x)} ${num(point.y)}`).join('');
    // Into a queue the request ends at the enqueue: dashed, as asynchronous work.
    const pattern = edge.async ? ASYNC_DASH : EDGE_DASH[edge.kind];
    const dash = pattern ? ` stroke-dasharray="${pattern}"` : '';
    return `<g class="as-edge as-e-${edge.kind}${edge.async ? ' as-async' : ''}" data-edge="${xml(edge.id)}" data-from="${xml(edge.from)}" data-to="${xml(edge.to)}">`
        + `<path class="as-edge-line" d="${d}"${dash}${p.stroke(edge.kind)} marker-end="url(#as-arrow-${edge.kind})"/></g>`;
}

function renderEdgeLabel(edge: SceneEdge, p: Painter): string {
    const words = edgeWords(edge);
    if (!words || edge.points.length < 2) return '';
    const shown = fit(words, 120, 10);
    const at = edge.labelAt ?? midpoint(edge.points);
    const w = textWidth(shown, 10) + 8;
    return `<g class="as-edge-label as-e-${edge.kind}" data-edge="${xml(edge.id)}">`
        + `<rect x="${num(at.x - w / 2)}" y="${num(at.y - 8)}" width="${num(w)}" height="15" rx="3"${p.fill('labelBg')} fill-opacity="0.9"/>`
        + `<text x="${num(at.x)}" y="${num(at.y + 3.5)}" font-size="10" text-anchor="middle"${p.fill(edge.kind === 'call' ? 'muted' : edge.kind)}>${xml(shown)}</text></g>`;
}

/** The point halfway along the route. */
function midpoint(points: Point[]): Point {
    const lengths = points.slice(1).map((point, i) => Math.hypot(point.x - points[i].x, point.y - points[i].y));
    let rest = lengths.reduce((a, b) => a + b, 0) / 2;
    for (let i = 0; i < lengths.length; i++) {
        if (rest <= lengths[i] && lengths[i] > 0) {
            const t = rest / lengths[i];
            return { x: points[i].x + (points[i + 1].x - points[i].x) * t, y: points[i].y + (points[i + 1].y - points[i].y) * t };
        }
        rest -= lengths[i];
    }
    return points[0];
}

function renderNode(node: SceneNode, p: Painter, zoneIndex: ReadonlyMap<string, number>, options: RenderOptions): string {
    const kind = kindOf(node.kind);
    const box: Box = { x: node.x, y: node.y, width: node.width, height: node.height };
    const shape = outline(kind, box);
    const highlighted = options.highlight !== undefined && (options.highlight === node.node || options.highlight === node.id);
    const classes = `as-node as-k-${kind}${node.role ? ` as-role-${node.role}` : ''}${highlighted ? ' as-highlight' : ''}`;
    const strokeWidth = highlighted && p.concrete ? '3' : '1.5';
    const stroke = highlighted && p.concrete ? p.stroke('highlight') : p.kindStroke(kind);
    const out: string[] = [`<g class="${classes}" data-id="${xml(node.id)}" data-node="${xml(node.node)}">`];
    if (options.standalone) out.push(`<title>${xml(tooltip(node))}</title>`);
    // The rim (a cylinder's front edge) is an open subpath of the same path: its fill falls inside the body, unseen.
    out.push(`<path class="as-shape" d="${shape.body}${shape.rim}" stroke-width="${strokeWidth}"${p.fill('nodeFill')}${stroke}/>`);

    const left = node.x + Math.max(shape.inset.left, 8);
    const right = node.x + node.width - Math.max(shape.inset.right, 8);
    const rows = contentRows(node);
    // Rows are centred in the space the outline leaves; zones join the last text row when they do not fit below.
    const available = node.height - shape.inset.top - 6;
    let zonesInline = rows.zones && rows.height > available;
    const height = zonesInline ? rows.height - ZONE_ROW : rows.height;
    let y = node.y + shape.inset.top + Math.max(2, (available - height) / 2 + 2);

    const glyph = icon(kind);
    const place = `transform="translate(${num(left)} ${num(y)})"`;
    if (glyph.lines) out.push(`<path class="as-icon" ${place} d="${glyph.lines}" fill="none" stroke-width="1.4"${p.kindStroke(kind)}/>`);
    if (glyph.filled) out.push(`<path class="as-icon-fill" ${place} d="${glyph.filled}"${p.kindFill(kind)}/>`);
    const titleX = left + 22;
    out.push(`<text class="as-title" x="${num(titleX)}" y="${num(y + 12.5)}" font-size="13" font-weight="bold"${p.fill('text')}>${xml(fit(node.title, right - titleX, 13, true))}</text>`);
    y += TITLE_ROW;
    const textRows: Array<{ y: number; used: number }> = [];
    if (rows.detail) {
        const shown = fit(rows.detail, right - left, 11);
        out.push(`<text class="as-detail" x="${num(left)}" y="${num(y + 11)}"${p.fill('muted')}>${xml(shown)}</text>`);
        textRows.push({ y, used: textWidth(shown, 11) });
        y += TEXT_ROW;
    }
    if (rows.stats) {
        out.push(renderStats(node, left, y + 11, p));
        textRows.push({ y, used: textWidth(rows.stats, 11) });
        y += TEXT_ROW;
    }
    if (rows.zones) {
        const last = textRows[textRows.length - 1];
        if (zonesInline && !last) zonesInline = false;
        const chipsLeft = zonesInline ? left + last.used + 8 : left;
        const chipsY = zonesInline ? last.y + 0.5 : y + 2;
        out.push(renderZones(node, chipsLeft, right, chipsY, zoneIndex, p));
    }
    out.push(renderBadges(node, right, p, options));
    out.push('</g>');
    return out.join('');
}

const TITLE_ROW = 18;
const TEXT_ROW = 15;
const ZONE_ROW = 17;

function contentRows(node: SceneNode): { detail: string; stats: string; zones: boolean; height: number } {
    const role = node.role && !node.title.toLowerCase().includes(node.role) ? node.role : '';
    const detail = [role, node.engine ?? '', node.instances].filter(Boolean).join(' · ');
    const stats = statsWords(node).join(' · ');
    const zones = node.zones.length > 0;
    return { detail, stats, zones, height: TITLE_ROW + (detail ? TEXT_ROW : 0) + (stats ? TEXT_ROW : 0) + (zones ? ZONE_ROW : 0) };
}

function statsWords(node: SceneNode): string[] {
    const words: string[] = [];
    if (node.utilization !== undefined && node.utilization !== null) words.push(utilizationText(node.utilization));
    if (node.availability !== undefined && node.availability !== null) words.push(availabilityText(node.availability));
    return words;
}

/** `78% · 99.97%`: utilization coloured when the tier runs hot (over 80%) or over capacity. */
function renderStats(node: SceneNode, x: number, baseline: number, p: Painter): string {
    const spans: string[] = [];
    if (node.utilization !== undefined && node.utilization !== null) {
        const level = node.utilization > 1 || !Number.isFinite(node.utilization) ? 'hot' : node.utilization > 0.8 ? 'warm' : '';
        // A tspan only where it colours something: every element costs the webview layout time.
        const words = xml(utilizationText(node.utilization));
        spans.push(level ? `<tspan class="as-util as-${level}"${p.fill(level)}>${words}</tspan>` : words);
    }
    if (node.availability !== undefined && node.availability !== null) spans.push(xml(availabilityText(node.availability)));
    return `<text class="as-stats" x="${num(x)}" y="${num(baseline)}"${p.fill('text')}>${spans.join(' · ')}</text>`;
}

/** One chip per zone the tier runs in; those that do not fit become `+N`. */
function renderZones(node: SceneNode, left: number, right: number, y: number, zoneIndex: ReadonlyMap<string, number>, p: Painter): string {
    const out: string[] = [];
    let x = left;
    for (let i = 0; i < node.zones.length; i++) {
        const zone = node.zones[i];
        const chip = zoneChipMarkup(zone, zoneIndex.get(zone) ?? 7, x, y, p, 90);
        const restWidth = i < node.zones.length - 1 ? 26 : 0;
        if (x + chip.width + restWidth > right && i > 0) {
            const more = `+${node.zones.length - i}`;
            out.push(`<text class="as-zone-more" x="${num(x)}" y="${num(y + 9.8)}" font-size="9"${p.fill('muted')}>${more}</text>`);
            break;
        }
        out.push(chip.markup);
        x += chip.width + 4;
    }
    return out.join('');
}

/** A pill per severity on the box's top border, right-aligned: clickable, carrying the node and severity. */
function renderBadges(node: SceneNode, right: number, p: Painter, options: RenderOptions): string {
    const out: string[] = [];
    let x = right + 2;
    for (const severity of [...SEVERITIES].reverse()) {
        const count = node.badges[severity] ?? 0;
        if (!(count > 0)) continue;
        const words = count > 99 ? '99+' : String(count);
        const w = Math.max(18, textWidth(words, 10, true) + 10);
        x -= w;
        const cy = node.y;
        out.push(`<g class="as-badge as-sev-${severity}" data-node="${xml(node.id)}" data-severity="${severity}" data-count="${count}">`
            + (options.standalone ? `<title>${xml(badgeTooltip(node, severity, count))}</title>` : '')
            + `<rect x="${num(x)}" y="${num(cy - 9)}" width="${num(w)}" height="18" rx="9" stroke-width="1.5"${p.fill(severity)}${p.stroke('nodeFill')}/>`
            + `<text x="${num(x + w / 2)}" y="${num(cy + 3.6)}" font-size="10" font-weight="bold" text-anchor="middle"${p.fill('badgeText')}>${words}</text></g>`);
        x -= 4;
    }
    return out.join('');
}

/** The standalone SVG's native tooltip of a box: title, estimates and findings (the webview draws its own). */
function tooltip(node: SceneNode): string {
    return [node.title, ...node.estimates, ...node.findings.map(f => `${f.severity} ${f.ruleId}: ${f.message}`)].join('\n');
}

function badgeTooltip(node: SceneNode, severity: Severity, count: number): string {
    const messages = node.findings.filter(f => f.severity === severity).map(f => `${f.ruleId}: ${f.message}`);
    return [`${count} ${severity}${count === 1 ? '' : 's'}`, ...messages].join('\n');
}
