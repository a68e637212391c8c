import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { shardAutoIncrement } from '../../server/src/rules/shard-auto-increment.js';
import { codes } from '../helpers.js';
import { applyFix, findings, fixesOf, line, ruleIds, expectRulePageWithFix } from './rule-helpers.js';

const ID = 'shard-auto-increment';

/** A database `db` (its `props` lines) with one table `orders` (its `members`). */
function model(props: string[], members: string[]): string {
    return [
        'system S {',
        '  service api { instances 2 }',
        '  database db {',
        ...props.map(prop => `    ${prop}`),
        '    table orders {',
        ...members.map(member => `      ${member}`),
        '    }',
        '  }',
        '  api -> db',
        '}',
        ''
    ].join('\n');
}

const SHARDED = ['shards 8 by hash'];
const MEMBERS = ['shard key user_id', 'id auto_increment', 'user_id number'];

describe('shard-auto-increment', () => {
    const text = model(SHARDED, MEMBERS);

    test('fires on the auto_increment field of a sharded table, as an error', async () => {
        const [finding, ...rest] = await findings(text, ID);
        expect(rest).toEqual([]);
        expect(finding.severity).toBe('error');
        expect(finding.node).toBe('db');
        expect(finding.target).toEqual({ node: 'db', table: 'orders', field: 'id' });
        expect(line(finding)).toBe(text.split('\n').indexOf('      id auto_increment'));
        expect(finding.message).toContain('orders.id in db is auto_increment');
        expect(finding.message).toContain('split over 8 shards');
        expect(finding.message).toContain('each shard group keeps its own counter');
        expect(finding.message).toContain('the same id names a different row on each shard');
    });

    test('fires for every auto_increment field, and whatever the strategy', async () => {
        for (const strategy of ['range', 'hash', 'consistent_hash', 'directory', 'date']) {
            const found = await findings(model([`shards 4 by ${strategy}`], [...MEMBERS, 'seq auto_increment']), ID);
            expect(found.map(f => f.target?.field), strategy).toEqual(['id', 'seq']);
        }
    });

    test('also on a sharded multi_master database, beside mm-auto-increment (two causes)', async () => {
        const found = await ruleIds(model([...SHARDED, 'replication multi_master { replicas 2 }'], MEMBERS));
        expect(found).toContain(ID);
        expect(found).toContain('mm-auto-increment');
    });

    test.each([
        ['an unsharded table', model([], MEMBERS)],
        ['one shard', model(['shards 1 by hash'], MEMBERS)],
        ['a global table', model(SHARDED, ['global', 'id auto_increment'])],
        ['a snowflake id', model(SHARDED, ['shard key user_id', 'id snowflake', 'user_id number'])],
        ['a uuid id', model(SHARDED, ['shard key user_id', 'id uuid', 'user_id number'])]
    ])('does not fire on %s', async (_name, nearMiss) => {
        expect(await ruleIds(nearMiss)).not.toContain(ID);
    });

    test('the quick fixes make the field a snowflake (first) or a uuid, and the fixed model has no finding', async () => {
        const [finding] = await findings(text, ID);
        const fixes = fixesOf(finding);
        expect(fixes.map(f => f.edits.map(e => e.newText))).toEqual([['snowflake'], ['uuid']]);
        expect(fixes[0].title).toContain('snowflake');
        expect(fixes[1].title).toContain('uuid');
        for (const [fix, type] of [[fixes[0], 'snowflake'], [fixes[1], 'uuid']] as const) {
            const fixed = await applyFix(text, fix);
            expect(fixed).toContain(`      id ${type}\n`);
            expect(await ruleIds(fixed)).not.toContain(ID);
        }
    });

    test('a unique field keeps `unique` through the fix', async () => {
        const unique = model(SHARDED, ['shard key user_id', 'id auto_increment unique', 'user_id number']);
        const [finding] = await findings(unique, ID);
        const fixed = await applyFix(unique, fixesOf(finding)[0]);
        expect(fixed).toContain('      id snowflake unique\n');
        expect(await ruleIds(fixed)).not.toContain(ID);
    });

    test('an @allow above the field, the table or the node suppresses it', async () => {
        const reason = '// @allow shard-auto-increment: auto_increment_increment=8, an offset per shard';
        const variants = [
            text.replace('      id auto_increment', `      ${reason}\n      id auto_increment`),
            text.replace('    table orders {', `    ${reason}\n    table orders {`),
            text.replace('  database db {', `  ${reason}\n  database db {`)
        ];
        for (const allowed of variants) {
            const found = await codes(allowed);
            expect(found, allowed).not.toContain(ID);
            expect(found, allowed).not.toContain('model-unused-allow');
        }
        expect(await codes(text)).toContain(ID);
    });

    test('examples/problems.arch: orders.id of the sharded orders database is reported', async () => {
        const shop = readFileSync('examples/problems.arch', 'utf8');
        const found = await findings(shop, ID);
        expect(found.map(f => f.target)).toEqual([{ node: 'orders', table: 'orders', field: 'id' }]);
        expect(found[0].message).toContain('orders.id in orders is auto_increment, but orders is split over 16 shards');
    });
});

describe('docs/rules/shard-auto-increment.md', () => {
    test('has the sections, the severity, and a before/after that fires and does not', async () => {
        await expectRulePageWithFix(ID, shardAutoIncrement.defaultSeverity, ['What it detects', 'Why it matters', 'False positives', 'How to fix', 'How to suppress']);
    });
});
