import { describe, expect, test } from 'vitest';
import { shardCrossJoin } from '../../server/src/rules/shard-cross-join.js';
import { codes } from '../helpers.js';
import { readRulePage } from '../rule-page.js';
import { findings, fixesOf, line, ruleIds, expectRulePageWithFix } from './rule-helpers.js';

const ID = 'shard-cross-join';

/** A database `shop` with `shards` and the given tables (one line each). */
function model(tables: string[], shards = 'shards 16 by hash'): string {
    return [
        'system S {',
        '  service api { instances 2 }',
        '  database shop {',
        `    ${shards}`,
        ...tables.map(table => `    ${table}`),
        '  }',
        '  api -> shop',
        '}',
        ''
    ].join('\n');
}

const USERS = 'table users { shard key id  id uuid  name text }';
const ORDERS = 'table orders { shard key user_id  id uuid  user_id ref users }';

/** `table.field` of each finding. */
async function reported(text: string): Promise<string[]> {
    return (await findings(text, ID)).map(f => `${f.target?.table}.${f.target?.field}`);
}

describe('shard-cross-join', () => {
    const text = model([USERS, 'table products { shard key id  id uuid }', 'table orders { shard key user_id  id uuid  user_id ref users  product ref products }']);

    test('fires on a ref to a table sharded by another key, as a warning on the ref field', async () => {
        const [finding, ...rest] = await findings(text, ID);
        expect(rest).toEqual([]);
        expect(finding.severity).toBe('warning');
        expect(finding.node).toBe('shop');
        expect(finding.target).toEqual({ node: 'shop', table: 'orders', field: 'product' });
        expect(line(finding)).toBe(text.split('\n').findIndex(l => l.includes('product ref products')));
        const lineText = text.split('\n')[line(finding)];
        expect(lineText.slice(finding.range.start.character, finding.range.end.character)).toBe('product ref products');
        expect(finding.message).toContain('orders.product in shop refs products');
        expect(finding.message).toContain('orders is sharded by user_id and products by id');
        expect(finding.message).toContain('different shards of the 16');
        expect(finding.message).toContain('cross-shard query');
        // No quick fix: the choice (global, another key, denormalizing) is the designer's.
        expect(fixesOf(finding)).toEqual([]);
    });

    test('co-located: the ref is the referencing table\'s shard key and the referenced table is sharded by its id', async () => {
        expect(await reported(model([USERS, ORDERS]))).toEqual([]);
    });

    test('co-located: both tables sharded by a field of the same name (not the referenced id)', async () => {
        const items = 'table order_items { shard key user_id  id uuid  user_id ref users  order_id ref orders }';
        expect(await reported(model([USERS, ORDERS, items]))).toEqual([]);
        // The same name with another type (a plain number) is still the same key.
        const plain = model(['table orders { shard key user_id  id uuid  user_id number }', 'table items { shard key user_id  user_id number  order_id ref orders }']);
        expect(await reported(plain)).toEqual([]);
    });

    test('co-located: both sharded by fields that ref the same table, under different names', async () => {
        const tables = [USERS, 'table orders { shard key buyer  id uuid  buyer ref users }', 'table payments { shard key payer  id uuid  payer ref users  order ref orders }'];
        expect(await reported(model(tables))).toEqual([]);
    });

    test.each([
        ['the referencing table sharded by its own id', [USERS, 'table orders { shard key id  id uuid  user_id ref users }'], ['orders.user_id']],
        ['the referenced table sharded by something else than its id', ['table users { shard key email  id uuid  email text }', ORDERS], ['orders.user_id']],
        ['both sharded by their own id', ['table orders { shard key id  id uuid }', 'table items { shard key id  id uuid  order_id ref orders }'], ['items.order_id']],
        ['a second ref to the table that is not the shard key', [USERS, 'table messages { shard key sender  sender ref users  receiver ref users }'], ['messages.receiver']],
        ['a self-reference while sharded by id', ['table employees { shard key id  id uuid  manager ref employees }'], ['employees.manager']],
        ['a self-reference while sharded by that ref', ['table employees { shard key manager  id uuid  manager ref employees }'], ['employees.manager']],
        ['a table with no id, identified by its first field', ['table users { shard key email  email text  name text }', 'table orders { shard key id  id uuid  user_id ref users }'], ['orders.user_id']]
    ])('fires with %s', async (_name, tables, expected) => {
        expect(await reported(model(tables))).toEqual(expected);
    });

    test('a self-reference inside one tenant is co-located when sharded by the tenant', async () => {
        expect(await reported(model(['table employees { shard key tenant  id uuid  tenant number  manager ref employees }']))).toEqual([]);
    });

    test('a table identified by its first field: sharded by it, a ref to it is co-located', async () => {
        expect(await reported(model(['table users { shard key email  email text }', 'table orders { shard key user_id  user_id ref users }']))).toEqual([]);
    });

    test.each([
        ['the referenced table is global', model(['table products { global  id uuid }', 'table orders { shard key user_id  user_id number  product ref products }'])],
        ['the referencing table is global', model([USERS, 'table countries { global  code text  owner ref users }'])],
        ['the database is not sharded', model([USERS, 'table products { shard key id  id uuid }', 'table orders { shard key user_id  user_id ref users  product ref products }'], 'capacity 1000 rps')],
        ['one shard', model([USERS, 'table products { shard key id  id uuid }', 'table orders { shard key user_id  user_id ref users  product ref products }'], 'shards 1 by hash')],
        ['the referencing table has no shard key (hot-missing-shard-key speaks)', model([USERS, 'table orders { id uuid  user_id ref users }'])],
        ['the referenced table has no shard key', model(['table users { id uuid }', 'table orders { shard key id  id uuid  user_id ref users }'])]
    ])('does not fire when %s', async (_name, nearMiss) => {
        expect(await ruleIds(nearMiss)).not.toContain(ID);
    });

    test('a ref to a table of another database is not a join across this node\'s shards', async () => {
        const text = `system S {
  service api { instances 2 }
  database accounts {
    table users { id uuid }
  }
  database shop {
    shards 16 by hash
    table orders { shard key id  id uuid  user_id ref users }
  }
  api -> accounts
  api -> shop
}
`;
        const found = await codes(text);
        expect(found).not.toContain('link');
        expect(found).not.toContain(ID);
    });

    test('an @allow above the field, the table or the node suppresses it', async () => {
        const reason = '// @allow shard-cross-join: only the monthly report follows it';
        const lines = text.split('\n');
        const at = (needle: string, indent: string): string => lines.map(l => (l.includes(needle) ? `${indent}${reason}\n${l}` : l)).join('\n');
        const fieldText = model([USERS, 'table products { shard key id  id uuid }', 'table orders {', '  shard key user_id', '  id uuid', '  user_id ref users', '  product ref products', '}']);
        const aboveField = fieldText.replace('      product ref products', `      ${reason}\n      product ref products`);
        expect(await codes(fieldText)).toContain(ID);
        for (const allowed of [aboveField, at('table orders', '    '), at('database shop', '  ')]) {
            const found = await codes(allowed);
            expect(found, allowed).not.toContain(ID);
            expect(found, allowed).not.toContain('model-unused-allow');
        }
    });
});

describe('docs/rules/shard-cross-join.md', () => {
    test('has the sections, the severity, and a before/after that fires and does not', async () => {
        await expectRulePageWithFix(ID, shardCrossJoin.defaultSeverity, ['What it detects', 'Why it matters', 'False positives', 'How to fix', 'How to suppress']);
    });

    test('states the co-location choice the rule makes', () => {
        const page = readRulePage(ID).text.replace(/\s+/g, ' ');
        expect(page).toContain('A is sharded by F itself, and B by its identity');
        expect(page).toContain('`orders { shard key user_id user_id ref users }` with `users { shard key id }`');
    });
});
