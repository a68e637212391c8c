import { describe, expect, test } from 'vitest';
import { HOT_KEY_RULES } from '../../server/src/rules/hot-keys.js';
import { codes } from '../helpers.js';
import { asSystem, readRulePage } from '../rule-page.js';
import { applyFix, findings, fixesOf, line, ruleIds } from './rule-helpers.js';

const ERROR = 'error';
const WARNING = 'warning';
const INFO = 'info';

/** A sharded database `db` with one table; `members` are the table's lines. */
function shardedTable(shards: string, members: string[]): string {
    return [
        'system S {',
        '  service api { instances 2 }',
        '  database db {',
        '    instances 2',
        `    ${shards}`,
        '    table events {',
        ...members.map(member => `      ${member}`),
        '    }',
        '  }',
        '  api -> db',
        '}'
    ].join('\n');
}

describe('hot-monotonic-shard-key', () => {
    const text = shardedTable('shards 8 by range', ['shard key created', 'id uuid', 'created timestamp']);

    test('fires on the shard key line of a range-sharded table keyed by a timestamp', async () => {
        const [finding, ...rest] = await findings(text, 'hot-monotonic-shard-key');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(WARNING);
        expect(line(finding)).toBe(6);
        expect(finding.message).toContain('table events of database db');
        expect(finding.message).toContain('created (timestamp)');
        expect(finding.message).toContain('newest of the 8 shards');
        expect(finding.message).toContain('other 7');
    });

    test.each([
        ['range', 'auto_increment'], ['range', 'snowflake'], ['date', 'timestamp'], ['date', 'auto_increment'], ['date', 'snowflake']
    ])('fires for by %s on a %s key', async (strategy, type) => {
        const keyed = shardedTable(`shards 4 by ${strategy}`, ['shard key id', `id ${type}`]);
        expect(await ruleIds(keyed)).toContain('hot-monotonic-shard-key');
    });

    test.each([
        ['by range with a uuid key', shardedTable('shards 8 by range', ['shard key id', 'id uuid'])],
        ['by hash with a timestamp key', shardedTable('shards 8 by hash', ['shard key created', 'created timestamp'])],
        ['by consistent_hash with an auto_increment key', shardedTable('shards 8 by consistent_hash', ['shard key id', 'id auto_increment'])],
        ['by directory with a snowflake key', shardedTable('shards 8 by directory', ['shard key id', 'id snowflake'])],
        ['one shard', shardedTable('shards 1 by range', ['shard key created', 'created timestamp'])]
    ])('does not fire %s', async (_name, nearMiss) => {
        expect(await ruleIds(nearMiss)).not.toContain('hot-monotonic-shard-key');
    });

    test('the fix shards by hash, keeping the count', async () => {
        const [finding] = await findings(text, 'hot-monotonic-shard-key');
        const [only] = fixesOf(finding);
        expect(only.edits.map(edit => edit.newText)).toEqual(['shards 8 by hash']);
        const fixed = await applyFix(text, only);
        expect(fixed).toContain('    shards 8 by hash\n');
        expect(await ruleIds(fixed)).not.toContain('hot-monotonic-shard-key');
    });

    test('an @allow above the table or above the key field suppresses it', async () => {
        const aboveTable = text.replace('    table events {', '    // @allow hot-monotonic-shard-key: events are archived daily\n    table events {');
        const aboveField = text.replace('      created timestamp', '      // @allow hot-monotonic-shard-key: events are archived daily\n      created timestamp');
        for (const allowed of [aboveTable, aboveField]) {
            const found = await codes(allowed);
            expect(found).not.toContain('hot-monotonic-shard-key');
            expect(found).not.toContain('model-unused-allow');
        }
    });
});

describe('hot-missing-shard-key', () => {
    const text = [
        'system S {',
        '  service api { instances 2 }',
        '  database db {',
        '    instances 2',
        '    shards 4 by consistent_hash',
        '    table users {',
        '      id uuid',
        '      name text',
        '    }',
        '    table countries { global }',
        '    table orders { shard key id  id uuid }',
        '    table audit',
        '  }',
        '  api -> db',
        '}'
    ].join('\n');

    test('fires on the name of each split table without a shard key, as an error', async () => {
        const found = await findings(text, 'hot-missing-shard-key');
        expect(found.map(line)).toEqual([5, 11]);
        const [users, audit] = found;
        expect(users.severity).toBe(ERROR);
        expect(users.message).toContain('table users of database db');
        expect(users.message).toContain('4 shards');
        expect(users.range.start.character).toBe(10);
        expect(audit.message).toContain('table audit of database db');
    });

    test('does not fire outside a sharded database, or with one shard', async () => {
        const unsharded = text.replace('    shards 4 by consistent_hash\n', '');
        const oneShard = text.replace('shards 4 by consistent_hash', 'shards 1 by consistent_hash');
        expect(await ruleIds(unsharded)).not.toContain('hot-missing-shard-key');
        expect(await ruleIds(oneShard)).not.toContain('hot-missing-shard-key');
    });

    test('offers `global` and `shard key <first field>` inside the table body', async () => {
        const [users] = await findings(text, 'hot-missing-shard-key');
        const [global, shardKey, ...more] = fixesOf(users);
        expect(more).toEqual([]);
        expect(shardKey.title).toContain('id');

        const asGlobal = await applyFix(text, global);
        expect(asGlobal).toContain('      name text\n      global\n    }');
        const keyed = await applyFix(text, shardKey);
        expect(keyed).toContain('      name text\n      shard key id\n    }');
        for (const fixed of [asGlobal, keyed]) {
            const left = await findings(fixed, 'hot-missing-shard-key');
            expect(left.map(finding => finding.message).join('\n')).not.toContain('table users');
        }
    });

    test('a table without a body gets one holding `global`, and no shard key fix', async () => {
        const [, audit] = await findings(text, 'hot-missing-shard-key');
        const [global, ...more] = fixesOf(audit);
        expect(more).toEqual([]);
        const fixed = await applyFix(text, global);
        expect(fixed).toContain('    table audit { global }\n');
        const left = await findings(fixed, 'hot-missing-shard-key');
        expect(left.map(finding => finding.message).join('\n')).not.toContain('table audit');
    });

    test('a one-line table body gets the member before its brace', async () => {
        const oneLine = shardedTable('shards 4 by hash', []).replace('    table events {\n    }', '    table tags { id uuid  label text }');
        const [finding] = await findings(oneLine, 'hot-missing-shard-key');
        const [, shardKey] = fixesOf(finding);
        const fixed = await applyFix(oneLine, shardKey);
        expect(fixed).toContain('    table tags { id uuid  label text shard key id }');
        expect(await ruleIds(fixed)).not.toContain('hot-missing-shard-key');
    });

    test('the suggested key skips fields that would make the table hot by another rule', async () => {
        const table = shardedTable('shards 4 by range', ['active bool', 'created timestamp', 'region text']);
        const [finding] = await findings(table, 'hot-missing-shard-key');
        const [, shardKey] = fixesOf(finding);
        const fixed = await applyFix(table, shardKey);
        expect(fixed).toContain('shard key region');
        const left = await ruleIds(fixed);
        expect(left).not.toContain('hot-missing-shard-key');
        expect(left).not.toContain('hot-monotonic-shard-key');
        expect(left).not.toContain('hot-low-cardinality-key');
    });

    test('an @allow above the table suppresses it', async () => {
        const allowed = text
            .replace('    table users {', '    // @allow hot-missing-shard-key: users live on shard 0 until the migration\n    table users {')
            .replace('    table audit', '    // @allow hot-missing-shard-key: written by a batch job that scans all shards\n    table audit');
        const found = await codes(allowed);
        expect(found).not.toContain('hot-missing-shard-key');
        expect(found).not.toContain('model-unused-allow');
    });
});

describe('hot-low-cardinality-key', () => {
    const text = shardedTable('shards 8 by consistent_hash', ['shard key active', 'id uuid', 'active bool']);

    test('fires on the shard key line of a table keyed by a bool', async () => {
        const [finding, ...rest] = await findings(text, 'hot-low-cardinality-key');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(ERROR);
        expect(line(finding)).toBe(6);
        expect(finding.message).toContain('table events of database db');
        expect(finding.message).toContain('active (bool)');
        expect(finding.message).toContain('only 2 values');
        expect(finding.message).toContain('at most 2 of the 8 shards');
        expect(finding.message).toContain('other 6 stay empty');
    });

    test('a bool key fires even over 2 shards', async () => {
        const two = shardedTable('shards 2 by consistent_hash', ['shard key active', 'active bool']);
        const [finding] = await findings(two, 'hot-low-cardinality-key');
        expect(finding.message).toContain('adding shards can never spread them');
    });

    test.each([
        ['a text key', shardedTable('shards 8 by consistent_hash', ['shard key region', 'region text'])],
        ['a number key', shardedTable('shards 8 by consistent_hash', ['shard key user_id', 'user_id number'])],
        ['a bool key with one shard', shardedTable('shards 1 by consistent_hash', ['shard key active', 'active bool'])]
    ])('does not fire on %s', async (_name, nearMiss) => {
        expect(await ruleIds(nearMiss)).not.toContain('hot-low-cardinality-key');
    });

    test('an @allow above the table suppresses it', async () => {
        const allowed = text.replace('    table events {', '    // @allow hot-low-cardinality-key: two tenants, one per shard pair\n    table events {');
        const found = await codes(allowed);
        expect(found).not.toContain('hot-low-cardinality-key');
        expect(found).not.toContain('model-unused-allow');
    });
});

describe('hot-hash-mod-resharding', () => {
    const text = shardedTable('shards 16 by hash', ['shard key user_id', 'user_id number']);

    test('fires on the shards property with the share that moves and the consistent-hashing share', async () => {
        const [finding, ...rest] = await findings(text, 'hot-hash-mod-resharding');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(INFO);
        expect(finding.range).toEqual({ start: { line: 4, character: 4 }, end: { line: 4, character: 21 } });
        expect(finding.message).toContain('database db');
        expect(finding.message).toContain('of events');
        expect(finding.message).toContain('94% (16/17)');
        expect(finding.message).toContain('5.9% (1/17)');
    });

    test('gives the numbers for the declared count', async () => {
        const [finding] = await findings(text.replace('shards 16', 'shards 3'), 'hot-hash-mod-resharding');
        expect(finding.message).toContain('75% (3/4)');
        expect(finding.message).toContain('25% (1/4)');
    });

    test.each([
        ['consistent_hash', 'shards 16 by consistent_hash'],
        ['directory', 'shards 16 by directory'],
        ['range', 'shards 16 by range'],
        ['one shard', 'shards 1 by hash']
    ])('does not fire with %s', async (_name, shards) => {
        expect(await ruleIds(text.replace('shards 16 by hash', shards))).not.toContain('hot-hash-mod-resharding');
    });

    test('the fix switches to consistent hashing', async () => {
        const [finding] = await findings(text, 'hot-hash-mod-resharding');
        const [only] = fixesOf(finding);
        const fixed = await applyFix(text, only);
        expect(fixed).toContain('    shards 16 by consistent_hash\n');
        expect(await ruleIds(fixed)).not.toContain('hot-hash-mod-resharding');
    });

    test('an @allow above the database suppresses it', async () => {
        const allowed = text.replace('  database db {', '  // @allow hot-hash-mod-resharding: we never add shards, we split the cluster\n  database db {');
        const found = await codes(allowed);
        expect(found).not.toContain('hot-hash-mod-resharding');
        expect(found).not.toContain('model-unused-allow');
    });
});

describe('rule pages', () => {
    test.each(HOT_KEY_RULES.map(rule => [rule.id, rule] as const))('docs/rules/%s.md', async (id, rule) => {
        const page = readRulePage(id);
        expect(page.title).toBe(`# ${id}`);
        expect(page.severity).toBe(rule.defaultSeverity);
        expect(page.sections.filter(s => s !== 'The math')).toEqual(
            ['What it detects', 'Why it matters', 'False positives', 'How to fix', 'How to suppress']);
        expect(page.text).toContain(`// @allow ${id}: `);
        expect(page.text).toContain(`"${id}": "off"`);
        const [before, after] = page.fixSnippets;
        const beforeFound = await codes(asSystem(before));
        const afterFound = await codes(asSystem(after));
        expect(beforeFound).toContain(id);
        expect(afterFound).not.toContain(id);
        for (const found of [beforeFound, afterFound]) {
            expect(found).not.toContain('syntax');
            expect(found).not.toContain('link');
        }
    });
});
