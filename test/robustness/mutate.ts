/**
 * A small seeded mutator for `.arch` text: the same seed gives the same
 * mutations on every machine, so a crash found once can be replayed. Used by
 * the robustness test and by the fuzz benchmark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a 32-bit PRNG, tiny and good enough to pick mutations. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
    return items[Math.floor(random() * items.length)];
}

function int(random: Random, below: number): number {
    return Math.floor(random() * below);
}

/**
 * Splits text into tokens that keep everything (white space, comments and
 * strings are tokens too), so joining them gives the text back. Close enough
 * to the grammar's terminals that deleting or swapping one breaks a model the
 * way a user's typing does.
 */
export function tokenize(text: string): string[] {
    return text.match(/\s+|\/\/[^\n\r]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\r\n])*"?|[A-Za-z_][A-Za-z0-9_-]*|[0-9]+(?:\.[0-9]+)?|->|\.\.|[\s\S]/g) ?? [];
}

const isWord = (token: string): boolean => !/^\s/.test(token);

/** Pieces inserted at random: control and non-ASCII characters, unbalanced brackets and quotes, extreme names and numbers. */
const JUNK: readonly string[] = [
    '\0', '\u0001', '\u007f', '\r', '\t', '\uFEFF', '\u2028', '\uFFFD', '\uD800', '\uDC00', 'é', 'ß', '日本', '🚀', '\u202E',
    '{', '}', '{{', '}}}', '"', '"unterminated', '\\', '/*', '*/', '//', '->', '-> ->', '..', '%', ',', '-', '@', '#',
    `n${'x'.repeat(5000)}`, 'a'.repeat(300), '1e400', '99999999999999999999', '9'.repeat(400), '0.0000000001', '00', '1.',
    '-1', '0', '4294967296', 'NaN', 'Infinity', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
    'system', 'table', 'zone z', 'replication multi_master', 'shards 99999999999999999999 by hash', 'instances 0',
    'autoscale 5..1', '// @allow spof-single-instance: fuzz', '// @allow', '// @allow no-such-rule: x',
    'failover arbiter', 'sessions store', 'shard key', 'ref', 'x -> y 0%', '\n}\n', '\nsystem Other {\n'
];

/** A whole number or a value the number parser must survive in place of a number token. */
const HUGE_NUMBERS: readonly string[] = ['99999999999999999999', '9'.repeat(400), '0', '1e400', '4294967297', '0.5', '100000000'];

export interface Mutation {
    /** What was done, in order, for the failure message. */
    steps: string[];
    text: string;
}

type Operator = (text: string, random: Random) => { text: string; step: string };

function onTokens(text: string, random: Random, name: string, change: (tokens: string[], at: number) => string): { text: string; step: string } {
    const tokens = tokenize(text);
    const words = tokens.flatMap((token, i) => (isWord(token) ? [i] : []));
    if (words.length === 0) return { text: text + pick(random, JUNK), step: `${name}: no token, appended junk` };
    const at = pick(random, words);
    const detail = change(tokens, at);
    return { text: tokens.join(''), step: `${name} ${detail}` };
}

const OPERATORS: readonly Operator[] = [
    (text, random) => onTokens(text, random, 'delete', (tokens, at) => {
        const gone = tokens[at];
        tokens[at] = '';
        return JSON.stringify(gone.slice(0, 40));
    }),
    (text, random) => onTokens(text, random, 'duplicate', (tokens, at) => {
        const times = 1 + int(random, 3);
        tokens[at] = Array.from({ length: times + 1 }, () => tokens[at]).join(pick(random, [' ', '', '\n']));
        return `${JSON.stringify(tokens[at].slice(0, 40))} x${times + 1}`;
    }),
    (text, random) => onTokens(text, random, 'swap', (tokens, at) => {
        const words = tokens.flatMap((token, i) => (isWord(token) ? [i] : []));
        const other = pick(random, words);
        [tokens[at], tokens[other]] = [tokens[other], tokens[at]];
        return `${at}<->${other}`;
    }),
    (text, random) => {
        const at = int(random, text.length + 1);
        return { text: text.slice(0, at), step: `truncate at ${at}` };
    },
    (text, random) => {
        const at = int(random, text.length + 1);
        const junk = pick(random, JUNK);
        return { text: text.slice(0, at) + junk + text.slice(at), step: `insert ${JSON.stringify(junk.slice(0, 40))} at ${at}` };
    },
    (text, random) => {
        const at = int(random, text.length + 1);
        const bytes = Array.from({ length: 1 + int(random, 8) }, () => String.fromCharCode(int(random, 0x3000)));
        return { text: text.slice(0, at) + bytes.join('') + text.slice(at), step: `insert random chars at ${at}` };
    },
    (text, random) => {
        const lines = text.split('\n');
        for (let i = lines.length - 1; i > 0; i--) {
            if (random() < 0.3) {
                const j = int(random, i + 1);
                [lines[i], lines[j]] = [lines[j], lines[i]];
            }
        }
        return { text: lines.join('\n'), step: 'shuffle lines' };
    },
    (text, random) => {
        // Files saved on Windows or by old Mac editors: positions must still count lines as LSP does.
        const ending = pick(random, ['\r\n', '\r']);
        return { text: text.replace(/\r?\n/g, ending), step: `line endings ${JSON.stringify(ending)}` };
    },
    (text, random) => {
        const tokens = tokenize(text);
        const numbers = tokens.flatMap((token, i) => (/^[0-9]/.test(token) ? [i] : []));
        if (numbers.length === 0) return { text, step: 'huge number: none to replace' };
        const at = pick(random, numbers);
        const huge = pick(random, HUGE_NUMBERS);
        tokens[at] = huge;
        return { text: tokens.join(''), step: `number ${at} -> ${huge.slice(0, 24)}` };
    }
];

/** One to three random operators applied in turn. */
export function mutate(text: string, random: Random): Mutation {
    const steps: string[] = [];
    let current = text;
    const count = 1 + int(random, 3);
    for (let i = 0; i < count; i++) {
        const result = pick(random, OPERATORS)(current, random);
        current = result.text;
        steps.push(result.step);
    }
    return { steps, text: current };
}

export interface SourceFile {
    path: string;
    text: string;
}

/** `examples/*.arch` and every `.arch` fixture under `test/`, sorted so the corpus does not depend on directory order. */
export function seedFiles(root = process.cwd()): SourceFile[] {
    const found: string[] = [];
    const walk = (folder: string): void => {
        for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
            const path = join(folder, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (entry.name.endsWith('.arch')) found.push(path);
        }
    };
    walk('examples');
    walk('test');
    return found.sort().map(path => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

export interface CorpusEntry extends Mutation {
    index: number;
    source: string;
}

/** `count` mutations of the seed files, round robin over the files, all from one seed. */
export function mutationCorpus(sources: readonly SourceFile[], count: number, seed: number): CorpusEntry[] {
    if (sources.length === 0) throw new Error('no .arch files to mutate under examples/ or test/');
    const random = mulberry32(seed);
    return Array.from({ length: count }, (_, index) => {
        const source = sources[index % sources.length];
        return { index, source: source.path, ...mutate(source.text, random) };
    });
}
