/** The limit on syntax and link errors per document (server/src/language/validation/diagnostic-limit.ts). */
import type { Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { limitDiagnostics, MAX_DIAGNOSTICS } from '../../server/src/language/validation/diagnostic-limit.js';

const at = (line: number, kind: 'syntax' | 'finding'): Diagnostic => ({
    range: { start: { line, character: 0 }, end: { line, character: 1 } }, message: `${kind} ${line}`, severity: 1, data: { kind }
});
const isTextError = (d: Diagnostic): boolean => (d.data as { kind?: string } | undefined)?.kind === 'syntax';

describe('limitDiagnostics', () => {
    test('within the limit, nothing changes', () => {
        const diagnostics = [at(3, 'syntax'), at(1, 'finding')];
        expect(limitDiagnostics(diagnostics, { isTextError })).toBe(diagnostics);
    });

    test('past the limit: the first syntax errors by position, a summary of the rest, and every finding', () => {
        const syntax = Array.from({ length: 2500 }, (_, i) => at(2500 - i, 'syntax'));
        const findings = Array.from({ length: 1200 }, (_, i) => at(i, 'finding'));
        const limited = limitDiagnostics([...syntax, ...findings], { isTextError });
        const kept = limited.filter(isTextError);
        expect(kept).toHaveLength(MAX_DIAGNOSTICS);
        expect(kept[0].range.start.line).toBe(1);
        expect(kept.at(-1)!.range.start.line).toBe(MAX_DIAGNOSTICS);
        const summary = limited.find(d => d.code === 'syntax' && d.data === undefined)!;
        expect(summary.message).toBe('1,500 more syntax errors are not listed (archscope lists the first 1,000 of a file).');
        expect(summary.range.start.line).toBe(MAX_DIAGNOSTICS + 1);
        expect(limited.filter(d => !isTextError(d) && d !== summary)).toHaveLength(1200);
    });

    test('where reading stopped is said even within the limit', () => {
        const limited = limitDiagnostics([at(5, 'syntax')], { isTextError, parseStoppedAt: { line: 9, character: 0 } });
        expect(limited.at(-1)!.message).toMatch(/^Reading stopped here after 1,000 syntax errors; the rest of the file was not checked/);
        expect(limited.at(-1)!.range.start.line).toBe(9);
    });
});
