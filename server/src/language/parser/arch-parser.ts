/**
 * The parser service: the fast parser first (fast-parser/), Langium's parser
 * for everything the fast one leaves to it (syntax errors, lexer errors, a
 * parse of another rule than the entry rule). Both build the same trees, so
 * what follows (linking, validation, the editor features) cannot tell them
 * apart; only the time differs. A document with a syntax error is read twice,
 * the fast parser giving up at the first error.
 *
 * Langium's parser also gets one needless cost removed. Its CST builder is
 * asked to add the comments that precede every token, usually none; with none,
 * and a token that starts a new CST node, it still searches the parent's
 * children for that node and calls `splice` with nothing to insert, which on
 * Langium's Array subclass builds a new array through its constructor.
 * Skipping the call when there is nothing to add changes nothing (every branch
 * of it is a no-op then). Parse of a generated 1,000-node model
 * (scratch/parse-time.ts, fastest of 20): ~140 → ~120 ms.
 */
import { createLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';
import { ArchFastParser } from '../fast-parser/fast-parser.js';
import { limitParserErrors } from './parse-limit.js';

interface HiddenNodeBuilder {
    addHiddenNodes(tokens: readonly unknown[]): void;
}

/** Set `ARCHSCOPE_PARSER=langium` to parse with Langium's parser only (to compare the two). */
const LANGIUM_ONLY = process.env.ARCHSCOPE_PARSER === 'langium';

export function createArchParser(services: LangiumCoreServices): LangiumParser {
    if (LANGIUM_ONLY) return createFixedLangiumParser(services);
    const fast = new ArchFastParser(services);
    // Langium's parser is built on first need: building it (Chevrotain's grammar analysis) is ~50 ms of
    // a CLI run or a server start, and a file without syntax errors never needs it.
    let langium: LangiumParser | undefined;
    const langiumParser = (): LangiumParser => (langium ??= createFixedLangiumParser(services));
    let reported = false;
    const parse = ((text, options) => {
        let result;
        try {
            result = options?.rule ? undefined : fast.parse(text);
        } catch (error) {
            // A bug of the fast parser must not cost a parse: Langium's parser still reads the text.
            // (The parser tests call the fast parser directly, so there such a bug fails the test.)
            if (!reported) console.error(`archscope: the fast parser failed, Langium's parser takes over: ${error instanceof Error ? error.stack : String(error)}`);
            reported = true;
        }
        return result ?? langiumParser().parse(text, options);
    }) as LangiumParser['parse'];
    // Langium itself only calls `parse` on this service; anything else asked of it goes to Langium's parser.
    return new Proxy({} as LangiumParser, {
        get: (_, property) => (property === 'parse' ? parse : Reflect.get(langiumParser(), property)),
        has: (_, property) => property === 'parse' || Reflect.has(langiumParser(), property)
    });
}

/** Langium's parser with the hidden-node fix above and the error limit. */
function createFixedLangiumParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    limitParserErrors(parser);
    const builder = (parser as unknown as { nodeBuilder?: HiddenNodeBuilder }).nodeBuilder;
    if (builder && typeof builder.addHiddenNodes === 'function') {
        const addHiddenNodes = builder.addHiddenNodes.bind(builder);
        builder.addHiddenNodes = tokens => {
            if (tokens.length > 0) addHiddenNodes(tokens);
        };
    }
    return parser;
}
