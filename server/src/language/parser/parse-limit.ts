/**
 * Text that is not `.arch` (a 5 MB paste of a log) gave one syntax error
 * every ten bytes: 407,076 diagnostics in one 136 MB message, 17 s of
 * parsing with error recovery, and memory held for all of it. Nobody reads
 * past the first screenful, so the parser stops after MAX_PARSER_ERRORS
 * errors: its next token becomes the end of the input, the open rules close
 * (a handful more errors), and the rest of the text is not read. (The lexer
 * has its own stop, arch-lexer.ts; the validator lists at most
 * MAX_DIAGNOSTICS and says where reading stopped, diagnostic-limit.ts.)
 *
 * The parser hook uses two methods of Chevrotain's parser that its public
 * types do not declare (`SAVE_ERROR`, which records each error, and
 * `moveToTerminatedState`, which moves to the end of the input). If a
 * Langium or Chevrotain update renames them, building the parser throws
 * with their names (arch-parser.ts).
 */
import type { LangiumParser } from 'langium';

export const MAX_PARSER_ERRORS = 1_000;

interface ChevrotainInternals {
    SAVE_ERROR(error: unknown): unknown;
    moveToTerminatedState(): void;
    errors: unknown[];
    /** The errors recorded so far (the `errors` getter copies them). */
    _errors?: unknown[];
}

/** Makes `parser` stop reading after MAX_PARSER_ERRORS syntax errors. */
export function limitParserErrors(parser: LangiumParser): void {
    const wrapper = (parser as unknown as { wrapper?: Partial<ChevrotainInternals> }).wrapper;
    if (typeof wrapper?.SAVE_ERROR !== 'function' || typeof wrapper.moveToTerminatedState !== 'function' || !Array.isArray(wrapper._errors)) {
        throw new Error("archscope: Langium's parser has no wrapper.SAVE_ERROR/moveToTerminatedState/_errors any more; update server/src/language/parser/parse-limit.ts");
    }
    const saveError = wrapper.SAVE_ERROR.bind(wrapper);
    const terminate = wrapper.moveToTerminatedState.bind(wrapper);
    wrapper.SAVE_ERROR = (error: unknown) => {
        const saved = saveError(error);
        // Every error past the limit moves to the end again: nothing may bring the parser back into the text.
        if ((wrapper._errors?.length ?? 0) >= MAX_PARSER_ERRORS) terminate();
        return saved;
    };
}
