/**
 * Which scene node the editor's cursor is on, for the panel's highlight. The scene gives each box the
 * range of its node's name only, so three tries, most specific first: the cursor on a node's name; the
 * cursor on a word that is a node's name (`web -> orders`, `failover arbiter zk`); the cursor inside a
 * node's `{ … }` block (found by matching braces after its name, outside comments and strings).
 * Pure: no VS Code API, so it is unit-tested.
 */
import type { Position, SourceRange } from '../../server/src/model/topology.js';

export interface NodeRef {
    /** The `.arch` node name (what the webview's `highlight` message carries). */
    node: string;
    range: SourceRange;
}

export interface NodeIndex {
    nodeAt(position: Position): string | null;
}

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(range: SourceRange, p: Position): boolean {
    return !before(p, range.start) && !before(range.end, p);
}

/** Builds the index for one text and one scene's nodes (members of a group share their node's name and range). */
export function indexNodes(text: string, refs: readonly NodeRef[]): NodeIndex {
    const lines = text.split(/\r\n|\r|\n/);
    const byName = new Map<string, NodeRef>();
    for (const ref of refs) if (!byName.has(ref.node)) byName.set(ref.node, ref);
    const unique = [...byName.values()].sort((a, b) => (before(a.range.start, b.range.start) ? -1 : before(b.range.start, a.range.start) ? 1 : 0));
    const blocks = unique.map(ref => ({ ref, end: blockEnd(lines, ref.range.end) }));
    return {
        nodeAt(position) {
            for (const ref of unique) if (contains(ref.range, position)) return ref.node;
            const word = wordAt(lines[position.line] ?? '', position.character);
            if (word && byName.has(word)) return word;
            // The innermost block holding the cursor: the last one that starts before it.
            for (let i = blocks.length - 1; i >= 0; i--) {
                const { ref, end } = blocks[i];
                if (end && before(ref.range.start, position) && !before(end, position)) return ref.node;
            }
            return null;
        }
    };
}

function wordAt(line: string, character: number): string | undefined {
    const isWord = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
    let start = character;
    let end = character;
    while (isWord(line[start - 1])) start--;
    while (isWord(line[end])) end++;
    return end > start ? line.slice(start, end) : undefined;
}

/**
 * Where the `{ … }` block opened right after `from` closes, or undefined when the declaration has no
 * block (`cdn assets`): the first character after `from` that is not blank or a comment must be `{`.
 */
function blockEnd(lines: readonly string[], from: Position): Position | undefined {
    let depth = 0;
    let inBlockComment = false;
    for (let line = from.line; line < lines.length; line++) {
        const text = lines[line];
        for (let c = line === from.line ? from.character : 0; c < text.length; c++) {
            const ch = text[c];
            if (inBlockComment) {
                if (ch === '*' && text[c + 1] === '/') {
                    inBlockComment = false;
                    c++;
                }
                continue;
            }
            if (ch === '/' && text[c + 1] === '/') break;
            if (ch === '/' && text[c + 1] === '*') {
                inBlockComment = true;
                c++;
                continue;
            }
            if (ch === '"' || ch === "'") {
                const close = text.indexOf(ch, c + 1);
                c = close < 0 ? text.length : close;
                continue;
            }
            if (/\s/.test(ch)) continue;
            if (ch === '{') depth++;
            else if (ch === '}') {
                depth--;
                if (depth === 0) return { line, character: c + 1 };
            } else if (depth === 0) return undefined;
        }
    }
    return undefined;
}
