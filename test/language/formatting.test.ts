/**
 * The formatter (arch-formatter.ts) through the real services: the house
 * style on a messy file, one-line blocks kept, comments and `@allow` lines
 * kept where they are, idempotence and an unchanged meaning (the Topology,
 * positions aside) on the example and on every parsing file of the
 * robustness corpus, and no formatting of a file that does not parse.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { expectFormatting } from 'langium/test';
import { fuzzCorpus, fuzzSources } from '../robustness/corpus.js';
import { services } from '../helpers.js';
import { format, formatted, meaning, parseText } from './format-helpers.js';

const MESSY = `

// A header comment.
system   Shop{
    traffic {peak 900 rps reads  90%}
  zone a   zone b



      // @allow spof-single-instance: a cache we can lose
  cache sess{instances 1}
  service web { instances 3 // three
  capacity 400   rps latency 25ms
      zones a,b sessions store sess }
  database db {
  replication primary_replica { replicas 1 lag 1s failover manual }
  table orders { shard key user_id
  id auto_increment
      user_id number created timestamp }
  }
  web->db 30 % -> sess
  /* a block
     comment */
  web -> sess
}
system Other { }
`;

const TIDY = `// A header comment.
system Shop {
  traffic { peak 900 rps reads 90% }
  zone a
  zone b

  // @allow spof-single-instance: a cache we can lose
  cache sess { instances 1 }
  service web {
    instances 3 // three
    capacity 400 rps
    latency 25ms
    zones a, b
    sessions store sess
  }
  database db {
    replication primary_replica { replicas 1 lag 1s failover manual }
    table orders {
      shard key user_id
      id      auto_increment
      user_id number
      created timestamp
    }
  }
  web -> db 30% -> sess
  /* a block
     comment */
  web -> sess
}
system Other {}
`;

describe('the house style', () => {
    test('indentation, one statement per line, braces, spaces, blank lines, comments', async () => {
        await expectFormatting(services.Arch)({ before: MESSY, after: TIDY });
    });

    test('two spaces per level whatever the editor asks (tab size 4, or tabs)', async () => {
        await expectFormatting(services.Arch)({ before: MESSY, after: TIDY, options: { tabSize: 4, insertSpaces: false } });
    });

    test('a block written on one line stays on one line, statements one or two spaces apart as written', async () => {
        expect(await formatted('system S {\n  traffic { peak 900 rps  reads 90%     think 2s }\n  cache c {instances 3}\n}\n'))
            .toBe('system S {\n  traffic { peak 900 rps  reads 90%  think 2s }\n  cache c { instances 3 }\n}\n');
    });

    test('version 2: an edge step\'s words one space apart, a fan-out\'s count and x as one word; clients and policy like any node', async () => {
        expect(await formatted('system S {\n  client  web {peak 10 rps}\n  cache c { policy   store }\n  service a\n  web->a\n  a ->   c   20  x    reads\n  a -> c 10%   each writes\n}\n'))
            .toBe('system S {\n  client web { peak 10 rps }\n  cache c { policy store }\n  service a\n  web -> a\n  a -> c 20x reads\n  a -> c 10% each writes\n}\n');
    });

    test('a block on one line with a block or a comment inside expands', async () => {
        expect(await formatted('system S { database d { replication primary_backup { replicas 1 } } }'))
            .toBe('system S {\n  database d {\n    replication primary_backup { replicas 1 }\n  }\n}\n');
        expect(await formatted('system S { cache c { instances 2 /* two */ } }'))
            .toBe('system S {\n  cache c {\n    instances 2 /* two */\n  }\n}\n');
    });

    test('field types line up: one space after the longest name, or the wider column the fields already share', async () => {
        expect(await formatted('system S {\n  database d {\n    table t {\n      id uuid\n      created_at timestamp\n    }\n  }\n}\n'))
            .toContain('      id         uuid\n      created_at timestamp\n');
        const wide = 'system S {\n  database d {\n    table t {\n      id     uuid\n      name   text\n    }\n  }\n}\n';
        expect(await formatted(wide)).toBe(wide);
    });

    test('a comment keeps its line: trailing comments stay after their code, own-line comments on their own line', async () => {
        const text = 'system S {\n  service a { // the api\n    instances 2\n  }\n  /* why */ cache c\n}\n';
        expect(await formatted(text)).toBe(text);
        // A declaration after a comment on its line stays on that line (an @allow above still applies to it).
        expect(await formatted('system S {\n  // @allow spof-single-instance: lab\n  /* why */ cache c {\n  instances 1 /* one */ }\n}\n'))
            .toBe('system S {\n  // @allow spof-single-instance: lab\n  /* why */ cache c {\n    instances 1 /* one */\n  }\n}\n');
    });

    test('an @allow comment stays directly above what it suppresses, a blank line between them stays', async () => {
        const text = 'system S {\n// @allow spof-single-instance: lab\n        // @allow spof-health-check: lab\n  balancer lb\n\n\n  // @allow spof-single-instance: not adjacent\n\n\n  cache c\n}\n';
        const out = await formatted(text);
        expect(out).toBe('system S {\n  // @allow spof-single-instance: lab\n  // @allow spof-health-check: lab\n  balancer lb\n\n  // @allow spof-single-instance: not adjacent\n\n  cache c\n}\n');
        expect(await meaning(out)).toEqual(await meaning(text));
    });

    test('an empty file and a file of comments only', async () => {
        expect(await formatted('')).toBe('');
        // The white space at the end of the file goes, the end of the last comment's line with it.
        expect(await formatted('\n\n// just a note   \n\n\n')).toBe('// just a note\n');
    });

    test('line breaks: a file written with \\r\\n keeps them', async () => {
        expect(await formatted('system S {\r\n    cache c\r\n}\r\n')).toBe('system S {\r\n  cache c\r\n}\r\n');
    });

    test('a file that does not parse is not formatted: the error and its position are returned', async () => {
        const result = await format('system S {\n  service web {\n    instances 2\n  }\n  web ->\n}\n');
        expect(result.ok).toBe(false);
        if (!result.ok) {
            expect(result.line).toBe(5);
            expect(result.message.length).toBeGreaterThan(0);
        }
        const document = await parseText('system S { service web { instances } ');
        expect(await services.Arch.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    });
});

describe('idempotent, and the meaning unchanged', () => {
    test('examples/problems.arch is already in the house style', async () => {
        const shop = readFileSync('examples/problems.arch', 'utf8');
        expect(await formatted(shop)).toBe(shop);
    });

    test('MESSY: format(format(x)) = format(x), same Topology', async () => {
        const once = await formatted(MESSY);
        expect(await formatted(once)).toBe(once);
        expect(await meaning(once)).toEqual(await meaning(MESSY));
    });

    test('every seed file and every mutation of the robustness corpus that parses', async () => {
        let checked = 0;
        const texts = [...fuzzSources().map(s => ({ name: s.path, text: s.text })), ...fuzzCorpus().map(e => ({ name: `mutation ${e.index} of ${e.source} (${e.steps.join(', ')})`, text: e.text }))];
        for (const { name, text } of texts) {
            const first = await format(text);
            if (!first.ok) continue;
            const second = await format(first.text);
            expect(second.ok, name).toBe(true);
            expect(second.ok && second.text, `${name}: not idempotent`).toBe(first.text);
            expect(await meaning(first.text), `${name}: meaning changed`).toEqual(await meaning(text));
            checked++;
        }
        // Most mutations break the syntax; enough of them parse to make the check mean something.
        expect(checked).toBeGreaterThan(50);
    }, 120_000);
});
