/**
 * Every word of the grammar, and the operators `->`, `..` and `%`, has a
 * hover text (keyword-docs.ts); braces and commas need none.
 */
import { AstUtils, GrammarAST } from 'langium';
import { describe, expect, test } from 'vitest';
import { keywordDoc } from '../../server/src/lsp/keyword-docs.js';
import { check, services } from '../helpers.js';

const PUNCTUATION = new Set(['{', '}', ',']);

describe('keyword docs', () => {
    test('every keyword of the grammar has a hover text', () => {
        const keywords = new Set(AstUtils.streamAllContents(services.Arch.Grammar).filter(GrammarAST.isKeyword).map(k => k.value).toArray());
        expect(keywords.size).toBeGreaterThan(90);
        const missing = [...keywords].filter(word => !PUNCTUATION.has(word) && !keywordDoc(word));
        expect(missing).toEqual([]);
    });

    test('the operators show theirs on hover', async () => {
        const text = 'system S {\n  service a { autoscale 2..4 }\n  cache b { hit 50% }\n  a -> b\n}\n';
        const { document } = await check(text);
        for (const [operator, expected] of [['..', 'autoscale MIN..MAX'], ['%', 'A share in percent'], ['->', '`A -> B [P%]`']] as const) {
            const hover = await services.Arch.lsp.HoverProvider!.getHoverContent(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf(operator))
            });
            expect((hover?.contents as { value?: string } | undefined)?.value, operator).toContain(expected);
        }
    });
});
