/**
 * The parser service: Langium's parser, with two changes made through its
 * internals. Both are checked when the parser is built: if a Langium or
 * Chevrotain update renames what they use, building the parser throws with
 * the name of the change, so every test fails at once instead of the parser
 * silently losing a fix (Langium is pinned to 4.2.1 in package.json).
 *
 * 1. A needless cost removed. Langium's CST builder is asked to add the
 *    comments that precede every token, usually none; with none, and a token
 *    that starts a new CST node, it still searches the parent's children for
 *    that node and calls `splice` with nothing to insert, which on Langium's
 *    Array subclass builds a new array through its constructor. Skipping the
 *    call when there is nothing to add changes nothing (every branch of it is
 *    a no-op then); `npm run bench -- check` times the parse phase.
 * 2. The error limit: after MAX_PARSER_ERRORS syntax errors the rest of the
 *    input is skipped (parse-limit.ts).
 */
import { createLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';
import { limitParserErrors } from './parse-limit.js';

interface HiddenNodeBuilder {
    addHiddenNodes(tokens: readonly unknown[]): void;
}

export function createArchParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    limitParserErrors(parser);
    skipEmptyHiddenNodes(parser);
    return parser;
}

function skipEmptyHiddenNodes(parser: LangiumParser): void {
    const builder = (parser as unknown as { nodeBuilder?: Partial<HiddenNodeBuilder> }).nodeBuilder;
    if (typeof builder?.addHiddenNodes !== 'function') {
        throw new Error("archscope: Langium's parser has no nodeBuilder.addHiddenNodes any more; update server/src/language/parser/arch-parser.ts");
    }
    const addHiddenNodes = builder.addHiddenNodes.bind(builder);
    builder.addHiddenNodes = tokens => {
        if (tokens.length > 0) addHiddenNodes(tokens);
    };
}
