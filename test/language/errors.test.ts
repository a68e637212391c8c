/** Every error of the language issue: a clear message, the right code, at the right place. */
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { check } from '../helpers.js';

/** The syntax/link errors of `text`, each with the source text it points at. */
async function errors(text: string): Promise<{ code: string; message: string; at: string; line: number }[]> {
    const { diagnostics } = await check(text);
    const lines = text.split('\n');
    return diagnostics
        .filter((d: Diagnostic) => d.code === 'syntax' || d.code === 'link')
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
        .map(d => ({
            code: String(d.code),
            message: d.message,
            line: d.range.start.line,
            at: d.range.start.line === d.range.end.line ? lines[d.range.start.line].slice(d.range.start.character, d.range.end.character) : ''
        }));
}

describe('link errors', () => {
    test('an unknown node names itself and the system', async () => {
        expect(await errors('system Shop {\n  service web\n  web -> nowhere\n}')).toEqual([
            { code: 'link', message: '`nowhere` is not a node of system Shop.', at: 'nowhere', line: 2 }
        ]);
    });

    test('a near miss suggests the closest name', async () => {
        const [error] = await errors('system Shop {\n  service checkout\n  database orders\n  checkout -> ordres\n}');
        expect(error.message).toBe('`ordres` is not a node of system Shop. Did you mean `orders`?');
    });

    test('unknown zone, field, table, store and arbiter', async () => {
        const found = await errors(`system S {
  zone east
  service w { zones east, wset sessions store nocache }
  database d { shards 2 by hash replication primary_replica { failover arbiter nozk } table t { shard key nope  id uuid  o ref nowhere } }
  w -> d
}`);
        expect(found.map(e => [e.code, e.at])).toEqual([
            ['link', 'wset'], ['link', 'nocache'], ['link', 'nozk'], ['link', 'nope'], ['link', 'nowhere']
        ]);
        expect(found[0].message).toContain('is not a zone of system S');
        expect(found[3].message).toBe('`nope` is not a field of table t.');
        expect(found[4].message).toBe('`nowhere` is not a table of system S.');
    });

    test('failover arbiter must be a coordinator', async () => {
        const [error] = await errors('system S {\n  service web\n  database d { replication primary_replica { failover arbiter web } }\n}');
        expect(error).toMatchObject({ code: 'link', at: 'web' });
        expect(error.message).toContain('`web` is a service, not a coordinator');
    });

    test('duplicates: node, node and zone, table in the system, field in a table', async () => {
        const found = await errors(`system S {
  service web
  cache web
  zone web
  database a { table t { id uuid  id text } }
  database b { table t }
}`);
        expect(found.map(e => [e.line, e.at])).toEqual([[2, 'web'], [3, 'web'], [4, 'id'], [5, 't']]);
        expect(found.every(e => e.code === 'link')).toBe(true);
        expect(found[0].message).toContain('already the name of a service');
    });
});

describe('syntax errors: bad units and values', () => {
    test('`instances two`', async () => {
        expect(await errors('system S {\n  service web { instances two }\n}')).toEqual([{
            code: 'syntax', at: 'two', line: 1,
            message: '`two` is not a number: `instances` takes a whole number: `instances 2`, optionally `active_active` or `active_passive`.'
        }]);
    });

    test('`lag 5 parsecs`', async () => {
        expect(await errors('system S {\n  database d { replication primary_replica { lag 5 parsecs } }\n}')).toEqual([{
            code: 'syntax', at: 'parsecs', line: 1, message: '`parsecs` is not a duration unit: use ms, s, m or h (`lag 5ms`).'
        }]);
    });

    test('a missing or wrong rate unit', async () => {
        const found = await errors('system S {\n  traffic { peak 100 }\n  service w { capacity 400 qps }\n}');
        expect(found.map(e => [e.line, e.message])).toEqual([
            [1, '`peak` needs a unit: `peak 100 rps` (rps).'],
            [2, '`qps` is not a rate unit: `capacity` is in requests per second, as in `capacity 400 rps`.']
        ]);
    });

    test('a word where a keyword value belongs', async () => {
        const found = await errors(`system S {
  balancer b { algorithm fastest sticky maybe }
  database d { shards 4 by modulo table t { kind precious  id uuidd } replication star }
}`);
        expect(found.map(e => e.at)).toEqual(['fastest', 'maybe', 'modulo', 'precious', 'uuidd', 'star']);
        expect(found.every(e => e.code === 'syntax')).toBe(true);
        expect(found[0].message).toContain('use `random`, `round_robin`, `least_connections`, `weighted` or `ip_hash`');
        expect(found[4].message).toContain('is not a field type');
    });

    test('out of range: `reads 140%`, `autoscale 5..2`, `instances 0`, shares, fractions', async () => {
        const found = await errors(`system S {
  traffic { reads 140% keys 0 }
  service a { autoscale 5..2 }
  service b { instances 0 }
  service c { instances 2.5 hit 85% }
  cache d { hit 101% availability 0% }
  database e { shards 0 by hash replication multi_master { replicas 1 } }
  a -> b 0%
  b -> c 150%
}`);
        expect(found.map(e => [e.line, e.at])).toEqual([
            [1, '140'], [1, '0'], [2, '5'], [3, '0'], [4, '2.5'], [4, 'hit'], [5, '101'], [5, '0'], [6, '0'], [6, '1'], [7, '0'], [8, '150']
        ]);
        const messages = found.map(e => e.message);
        expect(messages[0]).toBe('`reads` is 140%, but must be between 0% and 100%.');
        expect(messages[2]).toContain('`autoscale 5..2` is out of range');
        expect(messages[3]).toBe('`instances 0` is out of range: at least 1.');
        expect(messages[4]).toBe('`instances` is a whole number, not 2.5.');
        expect(messages[5]).toBe('`hit` applies to caches or cdns, not to service c.');
        expect(messages[10]).toBe('an edge share is 0%, but must be more than 0% and at most 100%.');
    });

    test('properties in the wrong place or given twice', async () => {
        const found = await errors(`system S {
  service w { sticky on  instances 2  autoscale 2..4  latency 5ms  latency 6ms }
  traffic { peak 1 rps }
  traffic { peak 2 rps }
  database d { table t { global  shard key id  id uuid } }
}`);
        expect(found.map(e => e.message)).toEqual([
            '`sticky` applies to balancers, not to service w.',
            'w has both `instances` and `autoscale`: give one of them.',
            'w declares `latency` twice: keep one.',
            'System S already has a traffic block: merge the two.',
            'Table t is both `global` (copied to every shard) and split by a `shard key`: choose one.'
        ]);
    });

    test('a file holds one system', async () => {
        const found = await errors('system A { }\nsystem B { }');
        expect(found).toEqual([{ code: 'syntax', at: 'B', line: 1, message: 'A file holds one system: move system B to a file of its own.' }]);
    });
});

describe('syntax errors: text that does not parse', () => {
    test('parser errors say what was expected, after what, and what was found', async () => {
        const found = await errors('system S {\n  service web { instances }\n}');
        expect(found).toEqual([{ code: 'syntax', at: '}', line: 1, message: 'Expected a number after `instances`, found `}`.' }]);
    });

    test.each([
        // The word fits (a zone, a node, an edge from a node of that name): what is missing is what follows it.
        ['system S {\n  zone\n}', 'zone', 1, 'Expected a name or `->` after `zone`, found `}`.'],
        ['system S {\n  service\n}', 'service', 1, 'Expected a name or `->` after `service`, found `}`.'],
        ['system S {\n  database db { table t { kind } }\n}', 'kind', 1,
            'Expected one of `entity`, `session`, `log`, `draft`, a name, `auto_increment`, `uuid`, `snowflake`, `counter`, `timestamp`, `text`, `number`, `bool` or `ref` after `kind`, found `}`.'],
        // Where a fixed word belongs, the stray word the grammar takes only to report it is not suggested.
        ['system S {\n  service api { sessions }\n}', '}', 1, 'Expected one of `none`, `local`, `cookie` or `store` after `sessions`, found `}`.'],
        // Where a name belongs, the language's own words (a name may be one) are not listed one by one.
        ['system S {\n  service web\n  web -> \n}', '}', 3, 'Expected a name after `->`, found `}`.']
    ] as const)('no alternative fits %j: the message says what may follow', async (text, at, line, message) => {
        const found = await errors(text);
        // The first syntax error (recovery may report more after it).
        expect(found.find(f => f.code === 'syntax')).toEqual({ code: 'syntax', at, line, message });
    });

    test('unexpected characters and unclosed strings are named', async () => {
        const found = await errors('system S {\n  service w { @@@ }\n  service v { label "abc }\n}');
        expect(found[0]).toMatchObject({ line: 1, message: 'Unexpected characters `@@@`: not part of the .arch language (skipped).' });
        expect(found.some(e => e.message === 'This string is not closed: a string ends with `"` on the same line.')).toBe(true);
    });

    test('error recovery keeps the rest of a broken file checked', async () => {
        const { diagnostics } = await check(`system S {
  service web { instances }
  balancer lb { sticky off }
  service api { instances 3 sessions local }
  web -> ghost
  lb -> api
}`);
        const byCode = diagnostics.map(d => `${d.range.start.line}:${d.code}`);
        expect(byCode).toContain('1:syntax');
        expect(byCode).toContain('4:link'); // a later line is still linked...
        expect(byCode).toContain('3:state-local-sessions'); // ...and still checked by the rules
    });
});

describe('every diagnostic carries source and code', () => {
    test('on a file with syntax, link and rule findings', async () => {
        const { diagnostics } = await check('system S {\n  service w { instances two }\n  w -> x\n}');
        expect(diagnostics.length).toBeGreaterThanOrEqual(3);
        for (const diagnostic of diagnostics) {
            expect(diagnostic.source).toBe('archscope');
            expect(typeof diagnostic.code).toBe('string');
        }
    });
});

describe('numbers too large for a double', () => {
    test('a 400-digit capacity, latency, count or zipf is an error at the number, not a silent Infinity', async () => {
        const huge = '9'.repeat(400);
        const found = await errors(`system S {\n  traffic { peak 100 rps  keys 10 zipf ${huge} }\n  service web {\n    instances ${huge}\n    capacity ${huge} rps\n    latency ${huge}ms\n  }\n}`);
        const tooLarge = found.filter(e => /too large to be a number/.test(e.message));
        expect(tooLarge.map(e => e.line)).toEqual([1, 3, 4, 5]);
        expect(tooLarge.every(e => e.code === 'syntax')).toBe(true);
        expect(tooLarge.map(e => e.message)).toContain('This `capacity` is too large to be a number (1.8e308 or more): write a realistic value.');
    });
});
