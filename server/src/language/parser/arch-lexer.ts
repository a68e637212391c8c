/**
 * Langium's lexer, with a stop for text that is not `.arch` at all. On a
 * 5 MB paste of a log, Chevrotain reported 514,540 unexpected characters, and
 * each one cost a trial of every token pattern at every skipped character:
 * 3.3 s per lexing (scratch measurement; the bench's `fuzz` table times the
 * whole paste). Nobody reads past the first screenful of such errors, so the
 * lexer stops at the end of the line of its MAX_LEXER_ERRORS-th error: the
 * tokens and errors after it are dropped, the parser finds the end of the
 * input there, and the validator says where reading stopped
 * (diagnostic-limit.ts).
 *
 * To find that line without lexing all of a large text first, a text longer
 * than PROBE_CHARS is lexed up to the first line end past PROBE_CHARS; only
 * when that part has fewer errors than the limit is the whole text lexed. A
 * design of any size costs at most the probe more; a log pays for the probe only.
 */
import { DefaultLexer, type LangiumCoreServices, type LexerResult, type TokenizeOptions } from 'langium';

export const MAX_LEXER_ERRORS = 1_000;
const PROBE_CHARS = 256 * 1024;

/** Where lexing stopped, per result (keyed by its `errors` array, which Langium's parse result keeps as `lexerErrors`). */
const stops = new WeakMap<object, { offset: number }>();

export class ArchLexer extends DefaultLexer {
    constructor(services: LangiumCoreServices) {
        super(services);
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        if (text.length > PROBE_CHARS) {
            const probeEnd = lineEndAt(text, PROBE_CHARS);
            const probe = super.tokenize(text.slice(0, probeEnd), options);
            if (probe.errors.length >= MAX_LEXER_ERRORS) return stopAfterLimit(text, probe);
        }
        const result = super.tokenize(text, options);
        return result.errors.length > MAX_LEXER_ERRORS ? stopAfterLimit(text, result) : result;
    }
}

/** The offset where lexing stopped for the result whose errors are `errors`, if it stopped early. */
export function lexingStoppedAt(errors: readonly unknown[]): number | undefined {
    return stops.get(errors)?.offset;
}

/** The offset just past the end of the line that holds `offset` (or the text's end). */
function lineEndAt(text: string, offset: number): number {
    const newline = text.indexOf('\n', offset);
    return newline < 0 ? text.length : newline + 1;
}

/** `result` cut at the end of the line of its MAX_LEXER_ERRORS-th error. */
function stopAfterLimit(text: string, result: LexerResult): LexerResult {
    const cut = lineEndAt(text, result.errors[MAX_LEXER_ERRORS - 1].offset);
    const before = (token: { startOffset: number }): boolean => token.startOffset < cut;
    const errors = result.errors.slice(0, MAX_LEXER_ERRORS);
    const cutResult: LexerResult = { ...result, tokens: result.tokens.filter(before), hidden: result.hidden.filter(before), errors };
    if (cut < text.length) stops.set(errors, { offset: cut });
    return cutResult;
}
