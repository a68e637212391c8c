/**
 * Parser errors in the user's words: "Expected a number after `instances`,
 * found `two`." instead of chevrotain's token-type names.
 */
import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';

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

function listChoices(paths: TokenType[][]): string {
    let firsts = [...new Set(paths.filter(path => path.length > 0).map(path => describeToken(path[0])))];
    // Where a number belongs, the grammar also takes a stray word only to report it well: don't suggest one.
    if (firsts.includes(TERMINALS.NUMBER)) firsts = firsts.filter(first => first !== TERMINALS.ID);
    const shown = firsts.slice(0, 12);
    const more = firsts.length > shown.length ? `, … (${firsts.length - shown.length} more)` : '';
    if (shown.length <= 1) return shown[0] ?? 'something else';
    return `one of ${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}${more}`;
}

export class ArchParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return `Expected ${describeToken(options.expected)}${after(options.previous)}, found ${found(options.actual)}.`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Unexpected ${found(options.firstRedundant)}: a file holds \`system NAME { ... }\` and nothing after it.`;
    }

    override buildNoViableAltMessage(options: {
        expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string;
    }): string {
        const choices = listChoices(options.expectedPathsPerAlt.flat());
        return `Expected ${choices}${after(options.previous)}, found ${found(options.actual[0])}.`;
    }

    override buildEarlyExitMessage(options: {
        expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string;
    }): string {
        return `Expected ${listChoices(options.expectedIterationPaths)}${after(options.previous)}, found ${found(options.actual[0])}.`;
    }
}
