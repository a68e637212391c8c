import { describe, expect, test } from 'vitest';
import { busiestShardOverMean } from '../../server/src/estimates/shards.js';
import { SHARD_SKEW_SEED } from '../../server/src/estimates/tier-load.js';
import { formatPercent, formatRate } from '../../server/src/present/numbers.js';
import { codes } from '../helpers.js';
import { expectParsesAndLinks, findings, line, ruleIds } from './rule-helpers.js';

const ERROR = 'error';
const WARNING = 'warning';

/**
 * api sends the whole peak (16000 rps, all reads) to db, split over 16 shard
 * groups: 1000 rps per group on average. The `shards` line is line 5.
 */
function sharded({
    traffic = 'peak 16000 rps reads 100% keys 2000000 zipf 1.1',
    capacity = 'capacity 3000 rps',
    shards = 'shards 16 by consistent_hash',
    more = [] as string[],
    table = 'table t { shard key id  id uuid }'
} = {}): string {
    return [
        'system S {',
        `  traffic { ${traffic} }`,
        '  service api { instances 100 capacity 1000 rps }',
        '  database db {',
        `    ${capacity}`,
        `    ${shards}`,
        ...more.map(prop => `    ${prop}`),
        `    ${table}`,
        '  }',
        '  api -> db',
        '}'
    ].join('\n');
}

// The skew the estimates use (seeded, so the same every run): about 2.83 for these keys over 16 shards.
const skew = busiestShardOverMean({ keys: 2_000_000, zipf: 1.1, shards: 16, seed: SHARD_SKEW_SEED });
const busiest = formatRate(1000 * skew);

describe('hot-key-overload', () => {
    test('the skew of the fixtures is the Zipf(1.1) one', () => {
        expect(skew).toBeCloseTo(2.83, 1);
    });

    test('warns when the busiest shard group runs past 80% of what one group carries, with busiest/mean and the loads', async () => {
        const [finding, ...rest] = await findings(sharded(), 'hot-key-overload');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(WARNING);
        expect(line(finding)).toBe(5);
        expect(finding.message).toContain('database db');
        expect(finding.message).toContain('keys 2000000 zipf 1.1 over 16 shards');
        expect(finding.message).toContain(`the busiest shard gets ${skew.toFixed(2)}× the mean`);
        expect(finding.message).toContain(`${busiest} against the 3,000 rps one shard group carries (${formatPercent(skew / 3)})`);
        expect(finding.message).toContain('the mean group takes 1,000 rps (33%)');
        expect(finding.message).not.toContain('spread evenly');
    });

    test('is an error when the busiest group gets more than one group carries', async () => {
        const [finding] = await findings(sharded({ capacity: 'capacity 2500 rps' }), 'hot-key-overload');
        expect(finding.severity).toBe(ERROR);
        expect(finding.message).toContain(`${busiest} against the 2,500 rps one shard group carries`);
        expect(finding.message).toContain('timeouts');
    });

    test('says when even an even spread would not do', async () => {
        const [finding] = await findings(sharded({ capacity: 'capacity 1200 rps' }), 'hot-key-overload');
        expect(finding.severity).toBe(ERROR);
        expect(finding.message).toContain('spread evenly it would still run at 83%');
    });

    test('a shard group of replicas carries what its members do together', async () => {
        // Reads spread over 2 replicas: one group carries 2 × 1500 rps of reads.
        const text = sharded({ capacity: 'capacity 1500 rps', more: ['replication primary_replica { replicas 2 failover probe }'] });
        const [finding] = await findings(text, 'hot-key-overload');
        expect(finding.severity).toBe(WARNING);
        expect(finding.message).toContain(`${busiest} against the 3,000 rps one shard group carries`);
    });

    test('looks at key popularity only: an ever-growing range key\'s inserts are hot-monotonic-shard-key\'s', async () => {
        const text = sharded({
            traffic: 'peak 16000 rps reads 90% keys 2000000 zipf 1.1',
            shards: 'shards 16 by range',
            table: 'table t { shard key created  created timestamp }'
        });
        const [finding] = await findings(text, 'hot-key-overload');
        expect(finding.message).toContain(`${busiest} against the 3,000 rps one shard group carries`);
        expect(await ruleIds(text)).toContain('hot-monotonic-shard-key');
    });

    test.each([
        ['room to spare', sharded({ capacity: 'capacity 4000 rps' })],
        ['uniform keys (no zipf) on many keys', sharded({ traffic: 'peak 16000 rps keys 2000000', capacity: 'capacity 1100 rps' })],
        ['zipf 0 (uniform)', sharded({ traffic: 'peak 16000 rps keys 2000000 zipf 0', capacity: 'capacity 1100 rps' })],
        ['no keys', sharded({ traffic: 'peak 16000 rps', capacity: 'capacity 1100 rps' })],
        ['one shard', sharded({ shards: 'shards 1 by consistent_hash', capacity: 'capacity 20000 rps' })],
        ['no peak', sharded({ traffic: 'keys 2000000 zipf 1.1' })],
        ['no capacity', sharded({ capacity: 'engine mysql' })]
    ])('does not fire with %s', async (_name, text) => {
        await expectParsesAndLinks(text);
        expect(await ruleIds(text)).not.toContain('hot-key-overload');
    });

    test('a uniform spread that runs hot is cap-overload\'s alone', async () => {
        const text = sharded({ traffic: 'peak 16000 rps keys 2000000', capacity: 'capacity 1100 rps' });
        const found = await ruleIds(text);
        expect(found).toContain('cap-overload');
        expect(found).not.toContain('hot-key-overload');
    });

    test('a database without shards has no busiest shard: a hot key there is cap-overload\'s', async () => {
        const text = [
            'system S {',
            '  traffic { peak 2800 rps keys 2000000 zipf 1.1 }',
            '  service api { instances 10 capacity 1000 rps }',
            '  database db { capacity 3000 rps }',
            '  api -> db',
            '}'
        ].join('\n');
        const found = await ruleIds(text);
        expect(found).toContain('cap-overload');
        expect(found).not.toContain('hot-key-overload');
    });

    test('an @allow above the database suppresses it', async () => {
        const allowed = sharded().replace('  database db {', '  // @allow hot-key-overload: the top keys are served from a local cache in api\n  database db {');
        const found = await codes(allowed);
        expect(found).not.toContain('hot-key-overload');
        expect(found).not.toContain('model-unused-allow');
    });

    test('a zipf of 400 digits (Infinity) is no usable skew: no finding, no internal error', async () => {
        const found = await ruleIds(sharded({ traffic: `peak 16000 rps reads 100% keys 2000000 zipf ${'9'.repeat(400)}` }));
        expect(found).not.toContain('hot-key-overload');
        expect(found).not.toContain('internal-error');
    });

    test('`shards 4294967297` (past the largest typed array): the skew is estimated, no internal error', async () => {
        const found = await ruleIds(sharded({ shards: 'shards 4294967297 by consistent_hash' }));
        expect(found).not.toContain('internal-error');
    });
});
