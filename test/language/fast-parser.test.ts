/**
 * The fast parser against Langium's own parser: on everything the fast one
 * parses, Langium's parses without an error into the same AST and CST (every
 * key, value, reference, container link, offset, range and grammar element);
 * on the rest, the service falls back to Langium's parser, so its errors and
 * recovery are unchanged.
 */
import { AstUtils, createLangiumParser, type ParseResult } from 'langium';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateModel } from '../../bench/generate.js';
import { astNodesInOrder } from '../../server/src/language/ast-walk.js';
import { ArchFastParser } from '../../server/src/language/fast-parser/fast-parser.js';
import { services } from '../helpers.js';
import { mulberry32, mutationCorpus, seedFiles } from '../robustness/mutate.js';
import { grammarSentences } from '../robustness/sentences.js';
import { describeParse } from './parse-trees.js';

const { Arch } = services;
const langium = createLangiumParser(Arch);
const fast = new ArchFastParser(Arch);

type Outcome = 'same' | 'declined' | 'declined-valid';

/** Parses `text` with both; throws if the fast parser accepts what Langium's rejects, or builds another tree. */
function compare(text: string, label: string): Outcome {
    const expected = langium.parse(text);
    const actual = fast.parse(text);
    const valid = expected.parserErrors.length === 0 && expected.lexerErrors.length === 0;
    if (!actual) return valid ? 'declined-valid' : 'declined';
    if (!valid) throw new Error(`${label}: the fast parser accepted text Langium's parser rejects (${expected.parserErrors[0]?.message})\n${text}`);
    expect(actual.parserErrors).toEqual([]);
    expect(actual.lexerErrors).toEqual([]);
    const want = describeParse(expected, Arch.Grammar);
    const got = describeParse(actual as ParseResult, Arch.Grammar);
    if (!isDeepStrictEqual(got, want)) expect(got, `${label}\n${text}`).toEqual(want);
    // The node list the fast parser hands to linking and validation is streamAst's order.
    const inOrder = astNodesInOrder(actual.value);
    const streamed = AstUtils.streamAst(actual.value).toArray();
    if (inOrder.length !== streamed.length || inOrder.some((node, i) => node !== streamed[i])) {
        throw new Error(`${label}: the fast parser's node order is not streamAst's\n${text}`);
    }
    return 'same';
}

function tally(outcomes: Outcome[]): Record<Outcome, number> {
    const counts: Record<Outcome, number> = { same: 0, declined: 0, 'declined-valid': 0 };
    for (const outcome of outcomes) counts[outcome]++;
    return counts;
}

describe('fast parser', () => {
    it('builds the same tree as Langium for the examples, the .arch files of the tests and generated models', () => {
        const sources = [...seedFiles(), ...[1, 60, 300].map(n => ({ path: `generated ${n}`, text: generateModel(n).text }))];
        for (const { path, text } of sources) expect(compare(text, path), path).toBe('same');
    });

    it('builds the same tree for 2,000 random sentences of the grammar, and declines none', () => {
        const outcomes = grammarSentences(2000, 0x5eed).map((text, i) => compare(text, `sentence ${i}`));
        expect(tally(outcomes)).toEqual({ same: 2000, declined: 0, 'declined-valid': 0 });
    });

    it('builds the same tree for 1,000 sentences with tables whose parse depends on what follows', () => {
        const outcomes = grammarSentences(1000, 0xab1e, { tricky: true }).map((text, i) => compare(text, `tricky sentence ${i}`));
        expect(tally(outcomes)).toEqual({ same: 1000, declined: 0, 'declined-valid': 0 });
    });

    it('on 3,000 mutations of grammar sentences (near misses), never parses otherwise than Langium', () => {
        const sources = grammarSentences(200, 0xface, { tricky: true }).map((text, i) => ({ path: `sentence ${i}`, text }));
        const outcomes = mutationCorpus(sources, 3000, 0xf00d).map(entry => compare(entry.text, `${entry.source}: ${entry.steps.join('; ')}`));
        const counts = tally(outcomes);
        expect(counts.same + counts.declined + counts['declined-valid']).toBe(3000);
        expect(counts.same).toBeGreaterThan(100);
        expect(counts.declined).toBeGreaterThan(100);
    });

    it.each([
        ['`kind` and a word: the table kind', 'kind foo\n id uuid'],
        ['`kind`, a word and `unique`, last: a field', 'kind foo unique'],
        ['`kind`, a word, `unique` and a type: the table kind and a field', 'kind foo unique text'],
        ['`global` before fields', 'global\n code text\n name text'],
        ['`global` before a field of a table', 'global\n country ref countries'],
        ['`kind` and a word, last', 'kind foo'],
        ['`kind` and a table kind', 'kind entity id uuid'],
        ['a field named kind', 'kind text\n id uuid'],
        ['a field named kind, of a table', 'kind ref users'],
        ['`shard key`', 'id uuid\n shard key id'],
        ['a field named shard', 'shard number'],
        ['`global` last', 'code text\n global'],
        ['`global` before a member keyword', 'global\n kind entity'],
        ['`global` alone', 'global'],
        ['`unique` is the flag', 'email text unique\n id uuid'],
        ['fields named after keywords', 'text text\n number number unique\n ref ref users']
    ])('table members: %s', (_, members) => {
        const text = `system S {\n  database users {\n    table users {\n      ${members}\n    }\n  }\n}\n`;
        expect(compare(text, members)).toBe('same');
    });

    it('chooses table members as Langium does on 5,000 random word sequences', () => {
        // The words that make a table's members ambiguous, mixed at random: most sequences are not valid.
        const words = ['kind', 'global', 'shard', 'key', 'unique', 'ref', 'id', 'code', 'text', 'uuid', 'entity', 'log', 'users'];
        const random = mulberry32(0x7ab1e5);
        const outcomes = Array.from({ length: 5000 }, () => {
            const members = Array.from({ length: 1 + Math.floor(random() * 7) }, () => words[Math.floor(random() * words.length)]);
            const text = `system S { database d { table t { ${members.join(' ')} } table users { id uuid } } }`;
            return compare(text, members.join(' '));
        });
        const counts = tally(outcomes);
        // Every valid sequence takes the fast path; every invalid one goes to Langium's parser.
        expect(counts['declined-valid']).toBe(0);
        expect(counts.same).toBeGreaterThan(500);
        expect(counts.declined).toBeGreaterThan(500);
    });

    it('puts comments where Langium puts them: first, between tokens, last, alone', () => {
        for (const text of [
            '// only a comment\n',
            '/* a */ system S { // x\n service api /* y */ { instances 2 } // @allow spof-single-instance: z\n api -> db }\n// end\n',
            'system S {\n  // before the first member\n  database db { table t { /* in a table */ id uuid // after\n } }\n}'
        ]) expect(compare(text, text)).toBe('same');
    });

    it('leaves text with syntax or lexer errors to Langium, which reports them as before', () => {
        for (const text of ['system S { service api { instances } }', 'system S { ~ }', 'system', 'system S { a -> }', 'system S {} trailing']) {
            expect(fast.parse(text)).toBeUndefined();
            const result = Arch.parser.LangiumParser.parse(text);
            expect(result.parserErrors.length + result.lexerErrors.length).toBeGreaterThan(0);
        }
    });
});
