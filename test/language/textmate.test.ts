/**
 * The hand-tuned TextMate grammar (syntaxes/arch.tmLanguage.json): it covers
 * every keyword of the Langium grammar, and its patterns (run here as
 * JavaScript regular expressions, which these ones are) scope declarations,
 * numbers with units, strings, comments and `@allow` lines as intended.
 */
import { readFileSync } from 'node:fs';
import { AstUtils, GrammarAST } from 'langium';
import { describe, expect, test } from 'vitest';
import { services } from '../helpers.js';

interface Pattern { name?: string; match?: string; begin?: string; patterns?: Pattern[]; captures?: Record<string, { name: string }>; include?: string }
const grammar = JSON.parse(readFileSync('syntaxes/arch.tmLanguage.json', 'utf8')) as { scopeName: string; patterns: Pattern[]; repository: Record<string, Pattern> };

function allPatterns(): Pattern[] {
    const found: Pattern[] = [];
    const walk = (p: Pattern): void => {
        found.push(p);
        p.patterns?.forEach(walk);
    };
    Object.values(grammar.repository).forEach(walk);
    return found;
}

/** The scope names the first matching pattern of `repository[key]` gives to `text` (whole name, then captures). */
function scopes(key: string, text: string): string[] {
    const entry = grammar.repository[key];
    for (const pattern of entry.begin || entry.match ? [entry] : entry.patterns ?? []) {
        const source = pattern.match ?? pattern.begin;
        if (!source) continue;
        const match = new RegExp(source).exec(text);
        if (!match) continue;
        const names = pattern.name ? [pattern.name] : [];
        for (const [index, capture] of Object.entries(pattern.captures ?? {})) if (match[Number(index)]) names.push(`${capture.name}=${match[Number(index)]}`);
        return names;
    }
    return [];
}

describe('TextMate grammar', () => {
    test('every pattern compiles; every word of the grammar is highlighted by one', () => {
        const sources = allPatterns().flatMap(p => [p.match, p.begin].filter((s): s is string => !!s));
        for (const source of sources) expect(() => new RegExp(source), source).not.toThrow();
        const words = AstUtils.streamAllContents(services.Arch.Grammar).filter(GrammarAST.isKeyword).map(k => k.value).filter(v => /^\w+$/.test(v)).toArray();
        const wordPatterns = grammar.repository.words.patterns!.map(p => new RegExp(`^(?:${p.match!})$`));
        const missing = [...new Set(words)].filter(word => !wordPatterns.some(re => re.test(word)));
        expect(missing).toEqual([]);
        expect(grammar.scopeName).toBe('source.arch');
    });

    test('declarations, numbers with units, strings, comments and @allow', () => {
        expect(scopes('declarations', 'service web-api {')).toEqual(['storage.type.node.arch=service', 'entity.name.type.node.arch=web-api']);
        expect(scopes('declarations', 'system Shop {')).toEqual(['keyword.other.system.arch=system', 'entity.name.namespace.arch=Shop']);
        expect(scopes('numbers', '25ms')).toEqual(['constant.numeric.arch=25', 'keyword.other.unit.arch=ms']);
        expect(scopes('numbers', '400 rps')).toEqual(['constant.numeric.arch=400', 'keyword.other.unit.arch=rps']);
        expect(scopes('numbers', '1.1')).toEqual(['constant.numeric.arch=1.1']);
        expect(scopes('strings', '"Aurora \\"8\\""')).toEqual(['string.quoted.double.arch']);
        expect(scopes('comments', '// @allow spof-single-instance: lab')).toEqual(['comment.line.double-slash.arch']);
        const allow = grammar.repository.comments.patterns![1].patterns![0];
        expect(new RegExp(allow.match!).exec('// @allow spof-single-instance: lab')?.[2]).toBe('spof-single-instance');
        // A word inside a hyphenated name is not a keyword.
        const words = grammar.repository.words.patterns!.map(p => new RegExp(p.match!));
        expect(words.some(re => re.test('my-cache-1'))).toBe(false);
        expect(words.some(re => re.test('cache'))).toBe(true);
    });

    test('language-configuration.json: comments, brackets, auto-closing, indentation, words with hyphens', () => {
        const config = JSON.parse(readFileSync('language-configuration.json', 'utf8')) as {
            comments: unknown; brackets: unknown; autoClosingPairs: { open: string }[]; wordPattern: string;
            indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
        };
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(config.brackets).toEqual([['{', '}']]);
        expect(config.autoClosingPairs.map(p => p.open)).toEqual(['{', '"', '/*']);
        expect('web-api->db 30%'.match(new RegExp(config.wordPattern, 'g'))).toEqual(['web-api', 'db', '30%']);
        expect(new RegExp(config.indentationRules.increaseIndentPattern).test('  service web {')).toBe(true);
        expect(new RegExp(config.indentationRules.increaseIndentPattern).test('  cache c { instances 2 }')).toBe(false);
        expect(new RegExp(config.indentationRules.decreaseIndentPattern).test('  }')).toBe(true);
    });
});
