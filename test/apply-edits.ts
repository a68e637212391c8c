/** Applies LSP-style text edits (0-based line/character ranges) to a text, as an editor would. */

interface Position {
    line: number;
    character: number;
}

export interface Edit {
    range: { start: Position; end: Position };
    newText: string;
}

function offsetOf(text: string, position: Position): number {
    let offset = 0;
    for (let line = 0; line < position.line; line++) {
        const next = text.indexOf('\n', offset);
        if (next < 0) throw new Error(`line ${position.line} is past the end of the text`);
        offset = next + 1;
    }
    const lineEnd = text.indexOf('\n', offset);
    const length = (lineEnd < 0 ? text.length : lineEnd) - offset;
    if (position.character > length) throw new Error(`character ${position.character} is past the end of line ${position.line}`);
    return offset + position.character;
}

/** All edits refer to the original text; overlapping edits are an error, as in LSP's WorkspaceEdit. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
    const spans = edits
        .map(edit => ({ start: offsetOf(text, edit.range.start), end: offsetOf(text, edit.range.end), newText: edit.newText }))
        .sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < spans.length; i++) {
        if (spans[i].start < spans[i - 1].end) throw new Error('overlapping edits');
    }
    let result = text;
    for (const span of [...spans].reverse()) {
        if (span.end < span.start) throw new Error('an edit ends before it starts');
        result = result.slice(0, span.start) + span.newText + result.slice(span.end);
    }
    return result;
}
