/**
 * Folding ranges (docs/editor.md, "Folding"): Langium's default folds every
 * block of three lines or more and every block comment; this adds a run of
 * three or more `//` lines (a header comment, a stack of `@allow` lines).
 */
import { CstUtils, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRangeKind } from 'vscode-languageserver';

export class ArchFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        super.collectFolding(document, acceptor);
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return;
        let run: { start: number; end: number } | undefined;
        const flush = (): void => {
            if (run && run.end - run.start >= 2) acceptor({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
            run = undefined;
        };
        for (const leaf of CstUtils.flattenCst(root)) {
            const line = leaf.range.start.line;
            const lineComment = leaf.hidden && leaf.text.startsWith('//');
            if (lineComment && run && line === run.end + 1 && !this.codeBefore(document, leaf)) {
                run.end = line;
            } else {
                flush();
                if (lineComment && !this.codeBefore(document, leaf)) run = { start: line, end: line };
            }
        }
        flush();
    }

    /** Whether code precedes the comment on its line (a trailing comment is no part of a comment block). */
    private codeBefore(document: LangiumDocument, leaf: { range: { start: { line: number; character: number } } }): boolean {
        const { line, character } = leaf.range.start;
        return document.textDocument.getText({ start: { line, character: 0 }, end: { line, character } }).trim().length > 0;
    }
}
