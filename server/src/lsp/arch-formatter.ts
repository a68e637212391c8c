/**
 * The formatter (docs/editor.md, "Formatting"). One fixed style, whatever the
 * editor's tab settings: two spaces per block level; `{` on the header line
 * after one space; `}` on its own line under the header; one statement
 * (member, property, field) per line in a block written over several lines;
 * one space between the words of a statement, none before `%` and `,`, none
 * around `..`; field types of a table aligned in one column; at most one blank
 * line kept wherever the author left one or more (after `{` and before `}` too),
 * none at the start of the file.
 *
 * A block written on one line, with no comment and no block inside (a
 * scenario may hold its target block), stays on one line (`cache c { instances 3 }`, `traffic { peak 900 rps  reads 90% }`),
 * its statements one or two spaces apart as written: expanding it would be a
 * choice the author did not make, and keeping it is as idempotent as expanding it.
 *
 * Only white space between tokens changes, and never in a way that moves a
 * declaration away from an `@allow` comment above it: comments stay where they
 * are (a comment after code stays on its line; one on its own line keeps the
 * line and the blank line, or not, above and below it).
 */
import { CstUtils, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type FormattingContext } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-protocol';
import {
    isField, isModel, isNode, isQuantity, isReplication, isScenario, isScenarioPeak, isSystem, isTable, isTarget, isTraffic, type Field, type Model
} from '../language/generated/ast.js';

/** The style is fixed: two spaces, whatever the client asks (the tests and the CLI format alike). */
export const ARCH_FORMATTING_OPTIONS: FormattingOptions = { tabSize: 2, insertSpaces: true };

/** A statement of a multi-line block: its own line, one level deeper, at most one blank line above. */
const INDENTED_LINE: FormattingAction = { options: {}, moves: [{ tabs: 1, lines: 1 }, { tabs: 1, lines: 2 }] };
/** A new line at the level of the block's header (a system after another, a `}`): at most one blank line above. */
const SAME_LEVEL_LINE = Formatting.fit(Formatting.newLine(), Formatting.newLines(2));

export class ArchFormatter extends AbstractFormatter {
    protected override doDocumentFormat(document: LangiumDocument, _options: FormattingOptions, range?: Range): TextEdit[] {
        const edits = super.doDocumentFormat(document, ARCH_FORMATTING_OPTIONS, range);
        return range ? edits : [...edits, ...finalNewline(document)];
    }

    protected format(node: AstNode): void {
        if (isModel(node)) this.formatModel(node);
        else if (isSystem(node)) {
            this.formatWords(node);
            this.formatBlock(node, node.members);
        } else if (isNode(node)) {
            this.formatWords(node);
            this.formatBlock(node, node.props);
        } else if (isTraffic(node)) {
            this.formatWords(node);
            this.formatBlock(node, node.props);
        } else if (isReplication(node)) {
            this.formatWords(node);
            this.formatBlock(node, node.props);
        } else if (isTable(node)) {
            this.formatWords(node);
            this.formatBlock(node, node.members);
        } else if (isTarget(node) || isScenario(node)) {
            this.formatWords(node);
            this.formatBlock(node, node.props);
        } else if (isQuantity(node)) {
            // `25ms` and `25 ms` are both the house style: only a run of spaces shrinks to one.
            this.getNodeFormatter(node).property('unit').prepend(Formatting.oneSpace({ allowLess: true }));
        } else if (node.$container && !isModel(node.$container)) {
            this.formatWords(node);
        }
    }

    private formatModel(model: Model): void {
        const formatter = this.getNodeFormatter(model);
        model.systems.forEach((system, index) => {
            const first = model.$cstNode && isCompositeFirst(model.$cstNode, system.$cstNode);
            // Leading blank lines of the file go; after a header comment, the blank line (or not) stays.
            formatter.node(system).prepend(index === 0 && first ? Formatting.newLines(0) : SAME_LEVEL_LINE);
        });
    }

    /**
     * One space between the words of a statement, up to its block: none before `%`, `,` and a
     * fan-out's `x`, none around `..`. Nested statements (a Quantity's unit, the props of a block) format themselves.
     */
    private formatWords(node: AstNode): void {
        const cst = node.$cstNode;
        if (!cst) return;
        const leaves = ownLeaves(cst, node);
        let previous: CstNode | undefined;
        for (const leaf of leaves) {
            if (leaf.text === '{') break;
            if (previous) {
                const formatter = this.getNodeFormatter(node).cst([leaf]);
                // `20x`: a fan-out's count and its x read as one word.
                const fanOutX = leaf.text === 'x' && (node.$type === 'FanOut' || isScenarioPeak(node));
                if (leaf.text === '%' || leaf.text === ',' || leaf.text === '..' || previous.text === '..' || fanOutX) formatter.prepend(Formatting.noSpace());
                else formatter.prepend(Formatting.oneSpace());
            }
            previous = leaf;
        }
    }

    private formatBlock(node: AstNode, items: readonly AstNode[]): void {
        const formatter = this.getNodeFormatter(node);
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        if (open.nodes.length !== 1 || close.nodes.length !== 1) return;
        open.prepend(Formatting.oneSpace());
        const openNode = open.nodes[0];
        const closeNode = close.nodes[0];
        const interior = formatter.interior(open, close);
        if (interior.nodes.length === 0) {
            close.prepend(openNode.range.start.line === closeNode.range.start.line ? Formatting.noSpace() : Formatting.newLine());
            return;
        }
        // A scenario keeps its one-line target block on its line (`scenario east_down { fail us_east  target { ... } }`).
        if (isOneLine(openNode, closeNode, interior.nodes, isScenario(node))) {
            let previousEnd: number | undefined;
            for (const item of items) {
                const cst = item.$cstNode;
                if (!cst) continue;
                // Two spaces set statements apart on a line (`peak 900 rps  reads 90%`); more shrink to two.
                const gap = previousEnd === undefined ? 1 : Math.min(Math.max(cst.offset - previousEnd, 1), 2);
                formatter.node(item).prepend(Formatting.spaces(gap));
                previousEnd = cst.end;
            }
            close.prepend(Formatting.oneSpace());
            return;
        }
        interior.nodes.forEach(child => formatter.cst([child]).prepend(INDENTED_LINE));
        close.prepend(SAME_LEVEL_LINE);
        if (isTable(node)) this.alignFieldTypes(node.members.filter(isField));
    }

    /**
     * Field types in one column: one space after the longest field name of the table, or the
     * column they already share if it is further right (the author's wider gutter stays).
     */
    private alignFieldTypes(fields: readonly Field[]): void {
        const columns = fields.flatMap(field => {
            const name = field.$cstNode ? firstLeaf(field.$cstNode) : undefined;
            const type = firstLeaf(field.type?.$cstNode);
            return name && type ? [{ field, type, column: type.range.start.line === name.range.start.line ? type.range.start.character - name.range.start.character : -1 }] : [];
        });
        const minimum = Math.max(0, ...columns.map(c => c.field.name.length)) + 1;
        const shared = columns.length > 0 && columns.every(c => c.column === columns[0].column) ? columns[0].column : -1;
        const width = shared >= minimum ? shared : minimum;
        for (const { field, type } of columns) {
            // The same token the field's own one-space rule formats (run later): the higher priority wins.
            this.getNodeFormatter(field).cst([type]).prepend(Formatting.spaces(width - field.name.length, { priority: 1 }));
        }
    }

    /**
     * Comments on their own line: indented as the statement they stand among, at most one blank
     * line above them (none at the start of the file). Langium's default only indents; it keeps
     * any number of blank lines.
     */
    protected override createHiddenTextEdits(previous: CstNode | undefined, hidden: CstNode, formatting: FormattingAction | undefined, context: FormattingContext): TextEdit[] {
        const startLine = hidden.range.start.line;
        if (previous && previous.range.end.line === startLine) return [];
        const move = this.findFittingMove(hidden.range, formatting?.moves ?? [], context);
        const indent = this.getIndentationCharacterCount(context, move);
        const existingLines = previous ? startLine - previous.range.end.line : 0;
        const lines = previous ? Math.min(Math.max(existingLines, 1), 2) : 0;
        const gap: Range = { start: previous?.range.end ?? { line: 0, character: 0 }, end: hidden.range.start };
        const edits: TextEdit[] = [{ range: gap, newText: '\n'.repeat(lines) + ' '.repeat(indent) }];
        // The following lines of a block comment move by as much as its first line, so it keeps its shape.
        const shift = indent - hidden.range.start.character;
        const text = context.document.getText();
        for (let line = startLine + 1; shift !== 0 && line <= hidden.range.end.line; line++) {
            const start = { line, character: 0 };
            if (shift > 0) {
                edits.push({ range: { start, end: start }, newText: ' '.repeat(shift) });
            } else {
                const lineText = text.slice(context.document.offsetAt(start));
                const blanks = /^[ \t]*/.exec(lineText)![0].length;
                edits.push({ range: { start, end: { line, character: Math.min(blanks, -shift) } }, newText: '' });
            }
        }
        return edits;
    }

    /**
     * A declaration right after a comment on the same line (`/* why *\/ service a`) stays there:
     * moving it down a line would move it away from an `@allow` comment above.
     */
    protected override createTextEdit(a: CstNode | undefined, b: CstNode, formatting: FormattingAction, context: FormattingContext): TextEdit[] {
        if (a?.hidden && !b.hidden && a.range.end.line === b.range.start.line && startsDeclaration(b)) {
            // No edit, but what is inside the declaration is still one level deeper.
            const move = this.findFittingMove({ start: a.range.end, end: b.range.start }, formatting.moves, context);
            if (!isLeafCstNode(b)) context.indentation += move?.tabs ?? 0;
            return [];
        }
        return super.createTextEdit(a, b, formatting, context);
    }
}

/** Whether `cst` begins a node, a table or a field: what an `@allow` comment on the line above applies to. */
function startsDeclaration(cst: CstNode): boolean {
    const node = cst.astNode;
    return (isNode(node) || isTable(node) || isField(node)) && node.$cstNode?.offset === cst.offset;
}

/** Whether `child` is the first CST node of `parent` (no comment before it). */
function isCompositeFirst(parent: CstNode, child: CstNode | undefined): boolean {
    const content = (parent as { content?: CstNode[] }).content;
    return !!child && !!content && content[0] === child;
}

/** A block on one line, with no comment and no block inside: kept on one line. */
function isOneLine(open: CstNode, close: CstNode, interior: readonly CstNode[], blocksInside = false): boolean {
    if (open.range.start.line !== close.range.start.line) return false;
    for (const child of interior) {
        for (const leaf of CstUtils.streamCst(child)) {
            if (isLeafCstNode(leaf) && (leaf.hidden || (leaf.text === '{' && !blocksInside))) return false;
        }
    }
    return true;
}

/** The visible tokens of `node` itself, in order, leaving out those of the AST nodes inside it. */
function ownLeaves(cst: CstNode, node: AstNode): CstNode[] {
    const leaves: CstNode[] = [];
    const visit = (current: CstNode): void => {
        if (current.astNode !== node) {
            // A nested AST node: its first token is a word of this statement, its inside is its own.
            const first = firstLeaf(current);
            if (first) leaves.push(first);
            return;
        }
        if (isLeafCstNode(current)) {
            if (!current.hidden) leaves.push(current);
            return;
        }
        for (const child of (current as unknown as { content: CstNode[] }).content) visit(child);
    };
    visit(cst);
    return leaves;
}

function firstLeaf(cst: CstNode | undefined): CstNode | undefined {
    if (!cst) return undefined;
    for (const node of CstUtils.streamCst(cst)) if (isLeafCstNode(node) && !node.hidden) return node;
    return undefined;
}

/** Exactly one line break at the end of the file, after the last token or comment. */
function finalNewline(document: LangiumDocument): TextEdit[] {
    const text = document.textDocument.getText();
    const trailing = /\s*$/.exec(text)![0];
    if (trailing === '\n' || text.length === trailing.length) return [];
    const start = document.textDocument.positionAt(text.length - trailing.length);
    const end = document.textDocument.positionAt(text.length);
    return [{ range: { start, end }, newText: '\n' }];
}
