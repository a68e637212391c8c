/** Lexer errors in the user's words, with the character named. */
import { DefaultLexerErrorMessageProvider } from 'langium';

export class ArchLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number, line?: number, column?: number): string {
        const text = fullText.substring(startOffset, startOffset + length);
        if (text.startsWith('"')) return 'This string is not closed: a string ends with `"` on the same line.';
        if (text.startsWith('/*')) return 'This comment is not closed: a block comment ends with `*/`.';
        const shown = [...text].slice(0, 10).map(c => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : c)).join('');
        return `Unexpected ${length === 1 ? 'character' : 'characters'} \`${shown}\`${length > 10 ? '…' : ''}: not part of the .arch language (skipped).`;
    }
}
