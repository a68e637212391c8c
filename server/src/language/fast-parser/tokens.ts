/** Chevrotain's token types, as Langium's lexer hands them out (chevrotain is Langium's dependency, not ours). */
import type { LexerResult } from 'langium';

export type IToken = LexerResult['tokens'][number];
export type TokenType = IToken['tokenType'];
