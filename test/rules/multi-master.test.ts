import { describe, expect, test } from 'vitest';
import { codes } from '../helpers.js';
import { applyFix, findings, fixesOf, line, ruleIds, topologyOf } from './rule-helpers.js';

const ERROR = 'error';
const WARNING = 'warning';
const INFO = 'info';

/** A two-tier system whose database `accounts` has the given replication and tables. */
function model(replication: string, tables: string): string {
    return `system Shop {
  service web { instances 2 }
  database accounts {
    ${replication}
${tables}
  }
  web -> accounts
}
`;
}

const MULTI = 'replication multi_master { replicas 2 lag 300ms }';

/** The 0-based line of the first line of `text` that contains `fragment`. */
function lineOf(text: string, fragment: string): number {
    const index = text.split('\n').findIndex(l => l.includes(fragment));
    if (index < 0) throw new Error(`no line contains ${fragment}`);
    return index;
}

async function mmCodes(text: string): Promise<string[]> {
    return (await ruleIds(text)).filter(code => code.startsWith('mm-'));
}

describe('mm-auto-increment', () => {
    const text = model(MULTI, `    table users {
      kind session
      id       auto_increment
      email    text
    }`);

    test('fires on an auto_increment field of a multi_master database, as an error on that field', async () => {
        const [finding, ...rest] = await findings(text, 'mm-auto-increment');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(ERROR);
        expect(line(finding)).toBe(lineOf(text, 'id       auto_increment'));
        expect(finding.range.start.character).toBe(6);
        expect(finding.message).toContain('users.id in accounts is auto_increment');
        expect(finding.message).toContain('multi_master with 2 masters');
        expect(finding.message).toContain('get the same id');
    });

    test('offers uuid then snowflake; each fix keeps the file valid, the spacing, and removes the finding', async () => {
        const [finding] = await findings(text, 'mm-auto-increment');
        const titles = fixesOf(finding).map(f => f.title);
        expect(titles).toHaveLength(2);
        expect(titles[0]).toContain('uuid');
        expect(titles[1]).toContain('snowflake');

        const toUuid = await applyFix(text, fixesOf(finding)[0]);
        expect(toUuid).toContain('      id       uuid\n');
        expect(await findings(toUuid, 'mm-auto-increment')).toEqual([]);
        const users = (await topologyOf(toUuid)).nodes.find(n => n.name === 'accounts')!.tables[0];
        expect(users.fields.map(f => [f.name, f.type])).toEqual([['id', 'uuid'], ['email', 'text']]);

        const toSnowflake = await applyFix(text, fixesOf(finding)[1]);
        expect(toSnowflake).toContain('      id       snowflake\n');
        expect(await findings(toSnowflake, 'mm-auto-increment')).toEqual([]);
    });

    test('the fix of a unique auto_increment keeps it unique (mm-unique then still applies)', async () => {
        const unique = model(MULTI, `    table users {
      kind log
      id auto_increment unique
    }`);
        const [finding] = await findings(unique, 'mm-auto-increment');
        const fixed = await applyFix(unique, fixesOf(finding)[0]);
        expect(fixed).toContain('      id uuid unique\n');
        expect(await mmCodes(fixed)).toEqual(['mm-unique']);
    });

    test('an @allow above the field suppresses it, and is not reported as unused', async () => {
        const allowed = text.replace('      id       auto_increment', '      // @allow mm-auto-increment: auto_increment_increment=2 with a per-master offset\n      id       auto_increment');
        const all = await codes(allowed);
        expect(all).not.toContain('mm-auto-increment');
        expect(all).not.toContain('model-unused-allow');
    });
});

describe('mm-counter', () => {
    const text = model(MULTI, `    table stock {
      kind draft
      sku   text
      left  counter
    }`);

    test('fires on a counter field of a multi_master database, with the lost-update example', async () => {
        const [finding, ...rest] = await findings(text, 'mm-counter');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(ERROR);
        expect(line(finding)).toBe(lineOf(text, 'left  counter'));
        expect(finding.message).toContain('stock.left in accounts is a counter');
        expect(finding.message).toContain('multi_master with 2 masters');
        expect(finding.message).toMatch(/100, −1 on one master and −2 on another.*99.*instead of 97/);
        expect(fixesOf(finding)).toEqual([]);
    });

    test('an @allow above the field suppresses it', async () => {
        const allowed = text.replace('      left  counter', '      // @allow mm-counter: only ever set by one nightly job\n      left  counter');
        const all = await codes(allowed);
        expect(all).not.toContain('mm-counter');
        expect(all).not.toContain('model-unused-allow');
    });
});

describe('mm-unique', () => {
    const text = model(MULTI, `    table logins {
      kind session
      email text unique
      name  text
    }`);

    test('fires on a unique field of a multi_master database, as a warning on that field', async () => {
        const [finding, ...rest] = await findings(text, 'mm-unique');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(WARNING);
        expect(line(finding)).toBe(lineOf(text, 'email text unique'));
        expect(finding.message).toContain('logins.email in accounts is unique');
        expect(finding.message).toContain('the same email can be inserted on two masters');
    });

    test('a non-unique field gives none', async () => {
        expect(await mmCodes(text.replace('email text unique', 'email text'))).toEqual([]);
    });

    test('an @allow above the field suppresses it', async () => {
        const allowed = text.replace('      email text unique', '      // @allow mm-unique: emails are claimed through a single-primary registry first\n      email text unique');
        const all = await codes(allowed);
        expect(all).not.toContain('mm-unique');
        expect(all).not.toContain('model-unused-allow');
    });
});

describe('mm-entity-data', () => {
    const text = model(MULTI, `    table profiles {
      id   uuid
      bio  text
    }`);

    test('fires on a table of the default kind entity, as info on the table name', async () => {
        const [finding, ...rest] = await findings(text, 'mm-entity-data');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(INFO);
        expect(line(finding)).toBe(lineOf(text, 'table profiles'));
        expect(finding.range.start.character).toBe(text.split('\n')[line(finding)].indexOf('profiles'));
        expect(finding.message).toContain('Table profiles in accounts holds entity data');
        expect(finding.message).toContain('kind session, log, draft');
        expect(fixesOf(finding)).toEqual([]);
    });

    test('fires on an explicit kind entity too', async () => {
        expect(await mmCodes(text.replace('table profiles {', 'table profiles {\n      kind entity'))).toEqual(['mm-entity-data']);
    });

    test.each(['session', 'log', 'draft'])('a table of kind %s gives none', async kind => {
        expect(await mmCodes(text.replace('table profiles {', `table profiles {\n      kind ${kind}`))).toEqual([]);
    });

    test('an @allow above the table suppresses it', async () => {
        const allowed = text.replace('    table profiles {', '    // @allow mm-entity-data: last writer wins is acceptable for bios\n    table profiles {');
        const all = await codes(allowed);
        expect(all).not.toContain('mm-entity-data');
        expect(all).not.toContain('model-unused-allow');
    });
});

describe('near misses: the same tables outside a multi_master database', () => {
    const tables = `    table users {
      id    auto_increment
      email text unique
      left  counter
    }`;

    test('all four fire in multi_master', async () => {
        expect(await mmCodes(model(MULTI, tables))).toEqual(['mm-auto-increment', 'mm-counter', 'mm-entity-data', 'mm-unique']);
    });

    test.each([
        ['primary_replica', 'replication primary_replica { replicas 2 lag 200ms }'],
        ['primary_backup', 'replication primary_backup { replicas 1 }'],
        ['no replication', 'engine postgres'],
        ['multi_master with one node in all', 'replication multi_master { replicas 1 }']
    ])('%s gives no mm-* finding', async (_name, replication) => {
        expect(await mmCodes(model(replication, tables))).toEqual([]);
    });

    test('an @allow above the node suppresses every finding of its own rule in that node', async () => {
        const text = model(MULTI, tables).replace('  database accounts {', '  // @allow mm-entity-data: a cache of data owned elsewhere\n  database accounts {');
        const all = await codes(text);
        expect(all.filter(code => code.startsWith('mm-'))).toEqual(['mm-auto-increment', 'mm-counter', 'mm-unique']);
        expect(all).not.toContain('model-unused-allow');
    });
});
