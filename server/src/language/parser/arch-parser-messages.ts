/**
 * Parser errors in the user's words: "Expected a number after `instances`,
 * found `two`." instead of chevrotain's token-type names.
 */
import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';
import { TYPES_WITH_INVALID } from './invalid-values.js';

const TERMINALS: Record<string, string> = {
    NUMBER: 'a number',
    ID: 'a name',
    STRING: 'a string in double quotes',
    EOF: 'the end of the file'
};

function describeToken(type: TokenType): string {
    return TERMINALS[type.name] ?? `\`${type.name}\``;
}

function found(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF' || token.image === '') return 'the end of the file';
    return `\`${token.image}\``;
}

function after(previous: IToken | undefined): string {
    return previous && previous.image ? ` after \`${previous.image}\`` : '';
}

/**
 * Where any name may stand, Chevrotain lists `ID` and each of the ~90 words of the language a name may
 * also be (`text`, `kind`, …). A real choice of words is short (the 17 properties of a node are the
 * most), so a list of more than this many words beside `ID` is a name, and is said so.
 */
const NAME_WORDS = 24;

function isWord(type: TokenType): boolean {
    return /^[a-z_][a-z0-9_]*$/.test(type.name);
}

/** What the token types of one position (or one alternative's first tokens) say to a user, in order. */
function describeTypes(types: readonly TokenType[]): string[] {
    const unique = [...new Set(types)];
    const isName = unique.some(type => type.name === 'ID') && unique.filter(isWord).length > NAME_WORDS;
    const shown = isName ? unique.filter(type => !isWord(type)) : unique;
    return [...new Set(shown.map(describeToken))];
}

/** The rules whose `invalid+=ID` alternative takes a stray word only to report it well (invalid-values.ts). */
const STRAY_WORD_RULES: ReadonlySet<string> = new Set(TYPES_WITH_INVALID);

function listChoices(described: readonly string[], ruleName = ''): string {
    let firsts = [...new Set(described)];
    // Where a number or a fixed word belongs, the grammar also takes a stray word only to report it
    // well: don't suggest one.
    const strayWordOnly = firsts.includes(TERMINALS.NUMBER) || (STRAY_WORD_RULES.has(plainRuleName(ruleName)) && firsts.length > 1);
    if (strayWordOnly) firsts = firsts.filter(first => first !== TERMINALS.ID);
    const shown = firsts.slice(0, 14);
    const more = firsts.length > shown.length ? `, … (${firsts.length - shown.length} more)` : '';
    if (shown.length <= 1) return shown[0] ?? 'something else';
    if (shown.length === 2 && !more) return `${shown[0]} or ${shown[1]}`;
    return `one of ${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}${more}`;
}

/** The first tokens of each alternative, each alternative described on its own (one that starts with a name says "a name"). */
function describeAlternatives(alternatives: readonly TokenType[][][]): string[] {
    return alternatives.flatMap(paths => describeTypes(paths.filter(path => path.length > 0).map(path => path[0])));
}

/** A rule's name as the grammar spells it (Langium appends a zero-width space). */
function plainRuleName(ruleName: string): string {
    return ruleName.replace(/\u200b/g, '');
}

/** The data type rule a name is read by. */
function isNameRule(ruleName: string): boolean {
    const name = plainRuleName(ruleName);
    return name === 'Name' || name === 'KeywordName';
}

/** What may follow an edge's target, in its order (LANGUAGE.md: `-> B [P%] [Nx | each] [reads | writes]`). */
const EDGE_WORDS = 'After an edge\'s target may come, in this order: a share (`30%`), a fan-out (`20x` or `each`), and `reads` or `writes`';

/** The token and the one right after it when nothing stands between them (`10y`), as the user wrote them. */
function written(previous: IToken | undefined, actual: IToken | undefined): string {
    if (previous?.image && actual?.image && previous.endOffset !== undefined && previous.endOffset + 1 === actual.startOffset) {
        return `\`${previous.image}${actual.image}\``;
    }
    return previous?.image ? `\`${previous.image}\` followed by ${found(actual)}` : found(actual);
}

export class ArchParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const rule = plainRuleName(options.ruleName);
        // A number after an edge's target that is neither a share nor a fan-out (`-> b 10y`, `-> b 10`).
        if (rule === 'FanOut' || rule === 'Share') return `${EDGE_WORDS}: found ${written(options.previous, options.actual)}.`;
        return `Expected ${describeToken(options.expected)}${after(options.previous)}, found ${found(options.actual)}.`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Unexpected ${found(options.firstRedundant)}: a file holds \`system NAME { ... }\` and nothing after it.`;
    }

    /**
     * No alternative fits. When the next token does start some (`zone` in `system S { zone }`), what
     * breaks is the token after it: the message says what may follow that first token ("Expected a
     * name after `zone`, found `}`"), not that `zone` was unexpected.
     */
    override buildNoViableAltMessage(options: {
        expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string;
    }): string {
        const [first, second] = options.actual;
        if (isNameRule(options.ruleName)) return `Expected a name${after(options.previous)}, found ${found(first)}.`;
        const continuing = options.expectedPathsPerAlt.flat().filter(path => path.length > 1 && first && path[0] === first.tokenType);
        if (first && first.image && continuing.length > 0) {
            return `Expected ${listChoices(describeTypes(continuing.map(path => path[1])), options.ruleName)} after \`${first.image}\`, found ${found(second)}.`;
        }
        return `Expected ${listChoices(describeAlternatives(options.expectedPathsPerAlt), options.ruleName)}${after(options.previous)}, found ${found(first)}.`;
    }

    override buildEarlyExitMessage(options: {
        expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string;
    }): string {
        return `Expected ${listChoices(describeAlternatives([options.expectedIterationPaths]), options.ruleName)}${after(options.previous)}, found ${found(options.actual[0])}.`;
    }
}
