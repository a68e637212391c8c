import { describe, expect, test } from 'vitest';
import { codes } from '../helpers.js';
import { findings, line, ruleIds } from './rule-helpers.js';

const WARNING = 'warning';

/** A shop whose database `catalog` has the given traffic and replication. */
function model(traffic: string, replication: string, table = '    table products {\n      id    uuid\n      name  text\n    }'): string {
    return `system Shop {
  ${traffic}
  service web { instances 2 }
  database catalog {
    engine postgres
    ${replication}
${table}
  }
  web -> catalog
}
`;
}

const TRAFFIC = 'traffic { peak 1000 rps reads 90% think 2s }';
const ASYNC = 'replication primary_replica { replicas 3 lag 200ms mode async }';

function lineOf(text: string, fragment: string): number {
    const index = text.split('\n').findIndex(l => l.includes(fragment));
    if (index < 0) throw new Error(`no line contains ${fragment}`);
    return index;
}

/** The findings of the two rules below (lag-failover-data-loss has its own tests, in failover-data-loss.test.ts). */
async function lagCodes(text: string): Promise<string[]> {
    return (await ruleIds(text)).filter(code => code === 'lag-read-your-writes' || code === 'lag-counter-on-replica');
}

describe('lag-read-your-writes', () => {
    test('fires on async primary_replica under writing traffic, with the ESTIMATES.md stale-read share', async () => {
        const text = model(TRAFFIC, ASYNC);
        const [finding, ...rest] = await findings(text, 'lag-read-your-writes');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(WARNING);
        expect(line(finding)).toBe(lineOf(text, 'replication primary_replica'));
        expect(finding.message).toContain('catalog serves reads from 3 async replicas');
        expect(finding.message).toContain('lag 200 ms');
        expect(finding.message).toContain('10% of requests write');
        // 200 / (200 + 2000) = 9.1% of the reads right after one's own write: a share of those reads, never
        // multiplied by the traffic's 90% reads (issue 11: the old 0.9 × … was off by that factor and worded as requests).
        expect(finding.message).toContain('About 9.1% of the reads a user makes right after their own write are stale');
        expect(finding.message).toContain('(200 ms / (200 ms + think 2 s))');
        expect(finding.message).not.toContain('of requests read stale');
    });

    test('async is the default mode', async () => {
        const text = model(TRAFFIC, 'replication primary_replica { replicas 1 lag 1s }');
        const [finding] = await findings(text, 'lag-read-your-writes');
        // 1 / (1 + 2) = 33%
        expect(finding.message).toContain('1 async replica that lags');
        expect(finding.message).toContain('About 33% of the reads a user makes right after their own write');
    });

    test('without a reads share, writes are assumed; the share of stale reads after a write does not depend on it', async () => {
        const text = model('traffic { peak 1000 rps think 2s }', ASYNC);
        const [finding] = await findings(text, 'lag-read-your-writes');
        expect(finding.message).toContain('no `reads` share, so writes are assumed');
        expect(finding.message).toContain('About 9.1% of the reads');
    });

    test('without lag, the default 100 ms is used and said so', async () => {
        const text = model(TRAFFIC, 'replication primary_replica { replicas 3 }');
        const [finding] = await findings(text, 'lag-read-your-writes');
        // 100 / (100 + 2000) = 4.8%
        expect(finding.message).toContain('About 4.8% of the reads');
        expect(finding.message).toContain('100 ms (default lag)');
    });

    test('without think time, the message says the share cannot be estimated and why', async () => {
        const text = model('traffic { reads 80% }', ASYNC);
        const [finding] = await findings(text, 'lag-read-your-writes');
        expect(finding.message).toContain('20% of requests write');
        expect(finding.message).toContain("can't be estimated: the traffic gives no `think` time");
    });

    test('with no traffic block at all, writes are assumed and the missing think time is named', async () => {
        const text = model('', 'replication primary_replica { replicas 2 }');
        const [finding] = await findings(text, 'lag-read-your-writes');
        expect(finding.message).toContain('writes are assumed');
        expect(finding.message).toContain("can't be estimated: the traffic gives no `think` time");
    });

    test.each([
        ['mode sync', TRAFFIC, 'replication primary_replica { replicas 3 lag 200ms mode sync }'],
        ['primary_backup', TRAFFIC, 'replication primary_backup { replicas 1 lag 200ms }'],
        ['reads 100%', 'traffic { peak 1000 rps reads 100% think 2s }', ASYNC],
        ['no replicas', TRAFFIC, 'replication primary_replica { replicas 0 lag 200ms }'],
        ['multi_master', TRAFFIC, 'replication multi_master { replicas 2 lag 200ms }'],
        ['no replication', TRAFFIC, 'capacity 3000 rps']
    ])('%s gives none', async (_name, traffic, replication) => {
        expect(await lagCodes(model(traffic, replication))).toEqual([]);
    });

    test('an @allow above the database suppresses it', async () => {
        const text = model(TRAFFIC, ASYNC).replace('  database catalog {', '  // @allow lag-read-your-writes: the app reads from the primary after a write\n  database catalog {');
        const all = await codes(text);
        expect(all).not.toContain('lag-read-your-writes');
        expect(all).not.toContain('model-unused-allow');
    });
});

describe('lag-counter-on-replica', () => {
    const table = '    table products {\n      id    uuid\n      stock counter\n    }';

    test('fires on the counter field of an async primary_replica database', async () => {
        const text = model(TRAFFIC, ASYNC, table);
        const [finding, ...rest] = await findings(text, 'lag-counter-on-replica');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(WARNING);
        expect(line(finding)).toBe(lineOf(text, 'stock counter'));
        expect(finding.range.start.character).toBe(6);
        expect(finding.message).toContain('products.stock in catalog is a counter');
        expect(finding.message).toContain('lag 200 ms');
        expect(finding.message).toContain('the last item');
    });

    test('fires whatever the traffic, even reads 100%', async () => {
        expect(await lagCodes(model('traffic { reads 100% }', ASYNC, table))).toEqual(['lag-counter-on-replica']);
    });

    test.each([
        ['a non-replicated database', 'capacity 3000 rps'],
        ['mode sync', 'replication primary_replica { replicas 3 lag 200ms mode sync }'],
        ['primary_backup', 'replication primary_backup { replicas 1 lag 200ms }']
    ])('a counter in %s gives none', async (_name, replication) => {
        expect(await lagCodes(model(TRAFFIC, replication, table))).toEqual([]);
    });

    test('an @allow above the field suppresses it and leaves lag-read-your-writes alone', async () => {
        const text = model(TRAFFIC, ASYNC, table.replace('      stock counter', '      // @allow lag-counter-on-replica: stock is only decremented on the primary\n      stock counter'));
        const all = await codes(text);
        expect(all.filter(code => code === 'lag-read-your-writes' || code === 'lag-counter-on-replica')).toEqual(['lag-read-your-writes']);
        expect(all).not.toContain('model-unused-allow');
    });
});
