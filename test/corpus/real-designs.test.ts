/**
 * The corpus of published designs (examples/real/, issue 12): each file is a design as its authors
 * published it, with the findings they would defend (`// expect: RULE NODE`) and the ones they would
 * reject as false alarms (`// reject: RULE NODE`). The real parser, rules and estimates; a finding
 * matches by its rule and the node it is about (`-` for any node).
 *
 * Their `scenario` lines are comments until scenarios are built (issue 13).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { check } from '../helpers.js';

const FOLDER = new URL('../../examples/real/', import.meta.url);
const files = readdirSync(FOLDER).filter(file => file.endsWith('.arch')).sort();

interface Expectation {
    kind: 'expect' | 'reject';
    rule: string;
    node: string;
    line: number;
}

function expectationsOf(text: string): Expectation[] {
    return text.split('\n').flatMap((line, i) => {
        const match = /^\s*\/\/\s*(expect|reject):\s*(\S+)\s+(\S+)/.exec(line);
        return match ? [{ kind: match[1] as Expectation['kind'], rule: match[2], node: match[3], line: i + 1 }] : [];
    });
}

describe('published designs: the findings their authors would defend, none they would reject', () => {
    test('there are at least eight designs, each with its source and expectations', () => {
        expect(files.length).toBeGreaterThanOrEqual(8);
        for (const file of files) {
            const text = readFileSync(new URL(file, FOLDER), 'utf8');
            expect(text, file).toMatch(/^\/\/.*\S/);
            expect(expectationsOf(text).some(e => e.kind === 'reject'), `${file}: a reject line`).toBe(true);
        }
    });

    test.each(files)('%s', async file => {
        const text = readFileSync(new URL(file, FOLDER), 'utf8');
        const { diagnostics } = await check(text);
        const errors = diagnostics.filter(d => d.code === 'syntax' || d.code === 'link');
        expect(errors.map(d => `${d.range.start.line + 1}: ${d.message}`), `${file} parses and links`).toEqual([]);
        const found = diagnostics.map(d => ({ rule: String(d.code), node: (d.data as { node?: string } | undefined)?.node ?? '-' }));
        const fires = (e: Expectation): boolean => found.some(f => f.rule === e.rule && (e.node === '-' || f.node === e.node));
        const problems = expectationsOf(text).flatMap(e => {
            if (e.kind === 'expect' && !fires(e)) return [`${file}:${e.line}: expected ${e.rule} on ${e.node}, not found`];
            if (e.kind === 'reject' && fires(e)) return [`${file}:${e.line}: false alarm ${e.rule} on ${e.node}`];
            return [];
        });
        expect(problems).toEqual([]);
    });
});
