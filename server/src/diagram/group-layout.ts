/**
 * The inside of a group, placed without ELK: a group's members have a fixed
 * arrangement (primary on the left with its replicas or standbys in a column
 * to its right; masters and shard groups in one column), so computing it
 * directly is exact, deterministic, and spares ELK a nested layout per group
 * (half the layout time on large models: npm run bench -- scene).
 * Coordinates are relative to the group's top left corner.
 */
import { BOX_HEIGHT } from './box-size.js';
import type { EdgeBox, GroupBox } from './scene-boxes.js';
import type { Point } from './scene.js';

export const GROUP_PADDING = { top: 34, side: 14, bottom: 14 };
const ROW_GAP = 16;
const COLUMN_GAP = 48;
const GROUP_TITLE_CHAR = 7;
const MAX_TITLE_WIDTH = 420;

export interface Placed {
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface GroupLayout {
    width: number;
    height: number;
    members: Map<string, Placed>;
    edges: Map<string, Point[]>;
}

/** Members of one column, top to bottom, starting at (x, y). */
function column(ids: readonly string[], x: number, y: number, width: number, into: Map<string, Placed>): number {
    ids.forEach((id, i) => into.set(id, { x, y: y + i * (BOX_HEIGHT + ROW_GAP), width, height: BOX_HEIGHT }));
    return ids.length * BOX_HEIGHT + Math.max(0, ids.length - 1) * ROW_GAP;
}

/** An orthogonal route from the right side of `from` to the left side of `to` (replica column), or down a column. */
function route(from: Placed, to: Placed): Point[] {
    if (to.x > from.x) {
        const start = { x: from.x + from.width, y: from.y + from.height / 2 };
        const end = { x: to.x, y: to.y + to.height / 2 };
        const middle = start.x + (end.x - start.x) / 2;
        return start.y === end.y ? [start, end] : [start, { x: middle, y: start.y }, { x: middle, y: end.y }, end];
    }
    const x = from.x + from.width / 2;
    return [{ x, y: from.y + from.height }, { x, y: to.y }];
}

/**
 * Places the members of `group` (each `memberWidth` wide) and routes the replication edges among them.
 * A group with a primary draws it beside its copies; any other group is one column in order.
 */
export function layoutGroup(group: GroupBox, memberWidth: number, edges: readonly EdgeBox[]): GroupLayout {
    const members = new Map<string, Placed>();
    const [first, ...rest] = group.members;
    const hasPrimary = first?.endsWith('#primary') && rest.length > 0;
    let contentWidth: number;
    let contentHeight: number;
    if (hasPrimary) {
        const restHeight = column(rest, GROUP_PADDING.side + memberWidth + COLUMN_GAP, GROUP_PADDING.top, memberWidth, members);
        // The primary faces the middle of its copies.
        members.set(first, { x: GROUP_PADDING.side, y: GROUP_PADDING.top + Math.max(0, (restHeight - BOX_HEIGHT) / 2), width: memberWidth, height: BOX_HEIGHT });
        contentWidth = 2 * memberWidth + COLUMN_GAP;
        contentHeight = restHeight;
    } else {
        contentHeight = column(group.members, GROUP_PADDING.side, GROUP_PADDING.top, memberWidth, members);
        contentWidth = memberWidth;
    }
    const titleWidth = Math.min(MAX_TITLE_WIDTH, Math.ceil(group.title.length * GROUP_TITLE_CHAR));
    const width = Math.max(contentWidth, titleWidth) + 2 * GROUP_PADDING.side;
    const routes = new Map<string, Point[]>();
    for (const edge of edges) {
        const from = members.get(edge.from);
        const to = members.get(edge.to);
        if (from && to) routes.set(edge.id, route(from, to));
    }
    return { width, height: GROUP_PADDING.top + contentHeight + GROUP_PADDING.bottom, members, edges: routes };
}
