/**
 * Semantic tokens (arch-semantic-token-provider.ts): node kinds as keywords,
 * node names as class declarations and references as variables, zones as
 * namespaces, tables as structs, fields as properties, numbers with their
 * unit as numbers, values of fixed sets as enum members, even where a name
 * reuses a word of the language.
 */
import { describe, expect, test } from 'vitest';
import { expectSemanticToken, highlightHelper } from 'langium/test';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { services } from '../helpers.js';

const highlight = highlightHelper(services.Arch);

const TEXT = `system <|Shop|> {
  traffic { peak <|900|> <|rps|>  reads <|90|><|%|> }
  zone <|east|>
  <|coordinator|> <|zk|> { instances <|3|> }
  service <|queue|> {
    latency <|25|>ms
    zones <|east|>
    sessions <|store|> <|zk|>
  }
  database db {
    replication <|primary_replica|> { failover arbiter <|zk|> }
    shards 4 by <|hash|>
    table <|users|> { <|id|> <|uuid|> }
    table orders { shard key <|buyer|>  buyer ref <|users|> }
  }
  <|queue|> -> db <|30|><|%|>
}`;

const EXPECTED: [number, SemanticTokenTypes][] = [
    [0, SemanticTokenTypes.namespace], [1, SemanticTokenTypes.number], [2, SemanticTokenTypes.number], [3, SemanticTokenTypes.number],
    [4, SemanticTokenTypes.number], [5, SemanticTokenTypes.namespace], [6, SemanticTokenTypes.keyword], [7, SemanticTokenTypes.class],
    [8, SemanticTokenTypes.number], [9, SemanticTokenTypes.class], [10, SemanticTokenTypes.number], [11, SemanticTokenTypes.namespace],
    [12, SemanticTokenTypes.enumMember], [13, SemanticTokenTypes.variable], [14, SemanticTokenTypes.enumMember], [15, SemanticTokenTypes.variable],
    [16, SemanticTokenTypes.enumMember], [17, SemanticTokenTypes.struct], [18, SemanticTokenTypes.property], [19, SemanticTokenTypes.enumMember],
    [20, SemanticTokenTypes.property], [21, SemanticTokenTypes.struct], [22, SemanticTokenTypes.variable], [23, SemanticTokenTypes.number],
    [24, SemanticTokenTypes.number]
];

describe('semantic tokens', () => {
    test('each marked token has its type', async () => {
        const tokens = await highlight(TEXT);
        expect(tokens.ranges.length).toBe(EXPECTED.length);
        for (const [rangeIndex, tokenType] of EXPECTED) {
            const [start, end] = tokens.ranges[rangeIndex];
            const found = tokens.tokens.filter(t => t.offset === start).map(t => `${t.text}:${t.tokenType}`);
            expect(found, `range ${rangeIndex}`).toContain(`${TEXT.replace(/<\||\|>/g, '').slice(start, end)}:${tokenType}`);
            expectSemanticToken(tokens, { rangeIndex, tokenType });
        }
    });

    test('declarations carry the declaration modifier, references do not', async () => {
        const tokens = await highlight('system S {\n  service web\n  cache c\n  web -> c\n}');
        const web = tokens.tokens.filter(t => t.text === 'web');
        const declaration = services.Arch.lsp.SemanticTokenProvider!.tokenModifiers[SemanticTokenModifiers.declaration];
        expect(web.map(t => [t.tokenType, t.tokenModifiers])).toEqual([[SemanticTokenTypes.class, declaration], [SemanticTokenTypes.variable, 0]]);
    });

    test('a file with errors still highlights what parsed, without throwing', async () => {
        const tokens = await highlight('system S {\n  service web {\n    instances two\n  }\n  web -> \n');
        expect(tokens.tokens.some(t => t.text === 'web' && t.tokenType === SemanticTokenTypes.class)).toBe(true);
    });
});
