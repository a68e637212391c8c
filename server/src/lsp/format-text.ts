/**
 * Formats a whole `.arch` text outside an editor (the `format` command, the
 * tests): the language's formatter on a parsed document, its edits applied.
 * A text that does not parse is not formatted: the first syntax error is
 * returned instead, as the formatter would only guess at a broken file.
 */
import { TextDocument, type LangiumDocument } from 'langium';
import type { ArchServices } from '../arch-module.js';
import { ARCH_FORMATTING_OPTIONS } from './arch-formatter.js';

export type FormatResult =
    | { ok: true; text: string }
    | { ok: false; line: number; character: number; message: string };

/** Formats `document` (parsed, no need to link or validate); keeps its line breaks (`\n` or `\r\n`). */
export async function formatDocumentText(services: ArchServices, document: LangiumDocument): Promise<FormatResult> {
    const error = firstSyntaxError(document);
    if (error) return { ok: false, ...error };
    const formatter = services.lsp.Formatter;
    if (!formatter) throw new Error('the arch language has no formatter');
    const original = document.textDocument.getText();
    const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: ARCH_FORMATTING_OPTIONS });
    const formatted = TextDocument.applyEdits(document.textDocument, edits);
    // The formatter writes `\n`; a file written with `\r\n` keeps them.
    const crlf = original.includes('\r\n');
    return { ok: true, text: crlf ? formatted.replace(/\r?\n/g, '\r\n') : formatted };
}

/** The first lexer or parser error (0-based position), or undefined. */
export function firstSyntaxError(document: LangiumDocument): { line: number; character: number; message: string } | undefined {
    const { lexerErrors, parserErrors } = document.parseResult;
    const found: { line: number; character: number; message: string }[] = [];
    for (const error of lexerErrors) {
        found.push({ line: (error.line ?? 1) - 1, character: (error.column ?? 1) - 1, message: error.message });
    }
    for (const error of parserErrors) {
        const token = error.token;
        const position = Number.isFinite(token.startOffset) && token.tokenType?.name !== 'EOF'
            ? document.textDocument.positionAt(token.startOffset)
            : document.textDocument.positionAt(document.textDocument.getText().length);
        found.push({ ...position, message: error.message });
    }
    found.sort((a, b) => a.line - b.line || a.character - b.character);
    return found[0];
}
