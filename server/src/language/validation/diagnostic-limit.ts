/**
 * At most MAX_DIAGNOSTICS syntax and link errors per document, the first ones
 * by position, then one that says how many more there were and, when the
 * lexer or the parser gave up (arch-lexer.ts, parse-limit.ts), where reading
 * stopped. Those are the errors that flood: text that is not `.arch` makes
 * one every few bytes. Rule findings are never dropped: a large design has
 * thousands of real ones (a generated 5,000-node model has 3,992), a few per
 * node at most, and CI needs every one of them.
 */
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { formatCount } from '../../present/numbers.js';
import { SYNTAX_CODE } from '../../rules/registry.js';

export const MAX_DIAGNOSTICS = 1_000;

export interface Overflow {
    /** Whether a diagnostic is a syntax or link error (the kind that is limited). */
    isTextError(diagnostic: Diagnostic): boolean;
    /** Where the lexer or the parser stopped reading, when one did (arch-lexer.ts, parse-limit.ts). */
    parseStoppedAt?: Position;
}


function before(a: Position, b: Position): number {
    return a.line - b.line || a.character - b.character;
}

/** The diagnostics to publish: `diagnostics` as they are when within the limit, else the first syntax and link errors, a summary, and every other diagnostic. */
export function limitDiagnostics(diagnostics: Diagnostic[], overflow: Overflow): Diagnostic[] {
    const { parseStoppedAt, isTextError } = overflow;
    const textErrors = diagnostics.filter(isTextError);
    if (textErrors.length <= MAX_DIAGNOSTICS && !parseStoppedAt) return diagnostics;
    const sorted = textErrors.sort((a, b) => before(a.range.start, b.range.start));
    const kept = sorted.slice(0, MAX_DIAGNOSTICS);
    const omitted = sorted.length - kept.length;
    const at = parseStoppedAt ?? sorted[kept.length]?.range.start ?? kept.at(-1)?.range.end ?? { line: 0, character: 0 };
    const parts = [
        parseStoppedAt ? `Reading stopped here after ${formatCount(MAX_DIAGNOSTICS)} syntax errors; the rest of the file was not checked. Is this an .arch file?` : undefined,
        omitted > 0 ? `${formatCount(omitted)} more syntax error${omitted === 1 ? ' is' : 's are'} not listed (archscope lists the first ${formatCount(MAX_DIAGNOSTICS)} of a file).` : undefined
    ].filter(part => part !== undefined);
    kept.push({
        severity: DiagnosticSeverity.Error,
        range: { start: at, end: at },
        message: parts.join(' '),
        code: SYNTAX_CODE
    });
    return [...kept, ...diagnostics.filter(diagnostic => !isTextError(diagnostic))];
}
