/**
 * At most MAX_DIAGNOSTICS diagnostics per document, the first ones by
 * position, then one that says how many more there were and, when the parser
 * gave up (parse-limit.ts), where it stopped reading. Every editor list and
 * every CLI output stays readable, and one document's diagnostics stay one
 * small message however broken its text is.
 */
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { SYNTAX_CODE } from '../../rules/registry.js';

export const MAX_DIAGNOSTICS = 1_000;

export interface Overflow {
    /** Where the lexer or the parser stopped reading, when one did (arch-lexer.ts, parse-limit.ts). */
    parseStoppedAt?: Position;
}

const count = (n: number): string => n.toLocaleString('en-US');

function before(a: Position, b: Position): number {
    return a.line - b.line || a.character - b.character;
}

/** The diagnostics to publish: `diagnostics` as they are when within the limit, else the first ones and a summary. */
export function limitDiagnostics(diagnostics: Diagnostic[], overflow: Overflow): Diagnostic[] {
    const { parseStoppedAt } = overflow;
    if (diagnostics.length <= MAX_DIAGNOSTICS && !parseStoppedAt) return diagnostics;
    const sorted = [...diagnostics].sort((a, b) => before(a.range.start, b.range.start));
    const kept = sorted.slice(0, MAX_DIAGNOSTICS);
    const omitted = sorted.length - kept.length;
    const at = parseStoppedAt ?? sorted[kept.length]?.range.start ?? kept.at(-1)?.range.end ?? { line: 0, character: 0 };
    const parts = [
        parseStoppedAt ? `Reading stopped here after ${count(MAX_DIAGNOSTICS)} syntax errors; the rest of the file was not checked. Is this an .arch file?` : undefined,
        omitted > 0 ? `${count(omitted)} more problem${omitted === 1 ? ' is' : 's are'} not listed (archscope lists the first ${count(MAX_DIAGNOSTICS)} of a file).` : undefined
    ].filter(part => part !== undefined);
    kept.push({
        severity: DiagnosticSeverity.Error,
        range: { start: at, end: at },
        message: parts.join(' '),
        code: SYNTAX_CODE
    });
    return kept;
}
