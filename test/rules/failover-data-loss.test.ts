import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { lagFailoverDataLoss } from '../../server/src/rules/failover-data-loss.js';
import { codes } from '../helpers.js';
import { readRulePage } from '../rule-page.js';
import { applyFix, findings, fixesOf, line, ruleIds, expectRulePageWithFix } from './rule-helpers.js';

const ID = 'lag-failover-data-loss';

/** `orders` with the given replication (and `props`), behind `web`, under `traffic`; `extra` nodes before it. */
function model(traffic: string, replication: string, props: string[] = [], extra = ''): string {
    return [
        'system S {',
        `  ${traffic}`,
        '  service web { instances 2 }',
        ...(extra ? [`  ${extra}`] : []),
        '  database orders {',
        ...props.map(prop => `    ${prop}`),
        `    ${replication}`,
        '  }',
        '  web -> orders',
        '}',
        ''
    ].join('\n');
}

/** 1,200 rps of which 10% write: 120 writes per second reach orders. */
const TRAFFIC = 'traffic { peak 1200 rps reads 90% }';

async function only(text: string) {
    const found = await findings(text, ID);
    expect(found.map(f => f.message)).toHaveLength(1);
    return found[0];
}

describe('lag-failover-data-loss', () => {
    test('manual failover (the default): λ_w × m with the default lag, and says the promotion is by hand', async () => {
        const text = model(TRAFFIC, 'replication primary_replica { replicas 2 }');
        const finding = await only(text);
        expect(finding.severity).toBe('warning');
        expect(finding.node).toBe('orders');
        expect(line(finding)).toBe(text.split('\n').findIndex(l => l.includes('replication primary_replica')));
        // 120 writes/s × 0.1 s = 12 writes
        expect(finding.message).toContain('orders loses about 12 writes at each failover');
        expect(finding.message).toContain('the last 100 ms (default lag) of writes, at 120 rps of writes at the peak');
        expect(finding.message).toContain('its 2 async replicas lag behind the primary');
        expect(finding.message).toContain('the replica promoted by hand (no failover given: manual by default)');
        expect(finding.message).toContain('users were told they were saved');
    });

    test('a declared lag and failover manual: the figure uses the lag, and says failover manual', async () => {
        const finding = await only(model(TRAFFIC, 'replication primary_backup { replicas 1 lag 2s failover manual }'));
        // 120 × 2 = 240
        expect(finding.message).toContain('orders loses about 240 writes at each failover (the last 2 s of writes, at 120 rps');
        expect(finding.message).not.toContain('default lag');
        expect(finding.message).toContain('its async replica lags');
        expect(finding.message).toContain('by hand (failover manual)');
    });

    test.each([
        ['failover probe', 'when its probes find the primary dead (failover probe)'],
        ['failover interconnect', 'when the interconnect heartbeat stops (failover interconnect)'],
        ['failover arbiter zk', 'the replica arbiter zk promotes (failover arbiter zk)']
    ])('automatic failover (%s) loses the same writes and says how it happens', async (failover, how) => {
        const finding = await only(model(TRAFFIC, `replication primary_replica { replicas 1 lag 500ms ${failover} }`, [], 'coordinator zk { instances 3 }'));
        expect(finding.message).toContain('orders loses about 60 writes at each failover');
        expect(finding.message).toContain(how);
    });

    test('a sharded node: one failover is one shard group\'s, λ_w / N × m', async () => {
        const finding = await only(model(TRAFFIC, 'replication primary_replica { replicas 1 lag 1s }', ['shards 4 by hash']));
        // 120 / 4 = 30 writes/s per group, × 1 s
        expect(finding.message).toContain('orders loses about 30 writes at each failover (the last 1 s of writes to one of its 4 shard groups, at 30 rps of writes each at the peak)');
    });

    test('less than one write per failover reads as an average', async () => {
        const finding = await only(model('traffic { peak 10 rps reads 90% }', 'replication primary_backup { lag 100ms }'));
        // 1 write/s × 0.1 s
        expect(finding.message).toContain('orders loses less than one write on average (0.1) at each failover');
    });

    test.each([
        ['no traffic', '', 'the traffic gives no `peak`'],
        ['no peak', 'traffic { reads 90% }', 'the traffic gives no `peak`'],
        ['no reads share', 'traffic { peak 1200 rps }', 'the traffic gives no `reads` share']
    ])('without a write rate (%s) the message gives the time window only and says why', async (_name, traffic, why) => {
        const finding = await only(model(traffic, 'replication primary_backup { replicas 1 lag 300ms }'));
        expect(finding.message).toContain(`orders loses the last 300 ms of writes at each failover (${why}, so how many writes that is is not estimated)`);
        expect(finding.message).not.toMatch(/about \d/);
        expect(finding.message).not.toContain(' rps');
    });

    test('a node no load reaches gets the window only', async () => {
        const text = `system S {
  ${TRAFFIC}
  service web { instances 2 }
  service batch { instances 2 }
  database orders { replication primary_backup { replicas 1 } }
  web -> batch -> web
  batch -> orders
}
`;
        const finding = await only(text);
        expect(finding.message).toContain('orders loses the last 100 ms (default lag) of writes at each failover (no load reaches orders in the model');
    });

    test.each([
        ['mode sync', 'replication primary_replica { replicas 2 lag 200ms mode sync }'],
        ['mode sync with automatic failover', 'replication primary_backup { replicas 1 mode sync failover interconnect }'],
        ['no replica', 'replication primary_backup { replicas 0 lag 1s }'],
        ['multi_master', 'replication multi_master { replicas 2 lag 1s }'],
        ['lag 0ms', 'replication primary_backup { replicas 1 lag 0ms }']
    ])('does not fire with %s', async (_name, replication) => {
        expect(await ruleIds(model(TRAFFIC, replication))).not.toContain(ID);
    });

    test('does not fire when no write reaches the node at the peak (reads 100%)', async () => {
        expect(await ruleIds(model('traffic { peak 1200 rps reads 100% }', 'replication primary_backup { replicas 1 }'))).not.toContain(ID);
        // …but does with one write in a thousand.
        expect(await ruleIds(model('traffic { peak 1200 rps reads 99.9% }', 'replication primary_backup { replicas 1 }'))).toContain(ID);
    });

    test('the quick fix replaces `mode async` by `mode sync`, and the fixed model has no finding', async () => {
        const text = model(TRAFFIC, 'replication primary_replica { replicas 2 lag 200ms mode async failover arbiter zk }', [], 'coordinator zk { instances 3 }');
        const finding = await only(text);
        // Reported on the `mode async` property it is about.
        expect(text.split('\n')[line(finding)].slice(finding.range.start.character, finding.range.end.character)).toBe('mode async');
        const [fix, ...others] = fixesOf(finding);
        expect(others).toEqual([]);
        expect(fix.title).toContain('Replicate orders synchronously (mode sync');
        const fixed = await applyFix(text, fix);
        expect(fixed).toContain('replication primary_replica { replicas 2 lag 200ms mode sync failover arbiter zk }');
        expect(await ruleIds(fixed)).not.toContain(ID);
    });

    test.each([
        ['a block without mode', 'replication primary_backup { replicas 1 }', 'replication primary_backup { replicas 1 mode sync }'],
        ['no block at all', 'replication primary_backup', 'replication primary_backup { mode sync }']
    ])('the quick fix adds `mode sync` to %s', async (_name, replication, expected) => {
        const text = model(TRAFFIC, replication);
        const fixed = await applyFix(text, fixesOf(await only(text))[0]);
        expect(fixed).toContain(expected);
        expect(await ruleIds(fixed)).not.toContain(ID);
    });

    test('the quick fix adds `mode sync` to a block over several lines', async () => {
        const text = model(TRAFFIC, 'replication primary_backup {\n      replicas 1\n      lag 1s\n    }');
        const fixed = await applyFix(text, fixesOf(await only(text))[0]);
        expect(fixed).toContain('      lag 1s\n      mode sync\n    }');
        expect(await ruleIds(fixed)).not.toContain(ID);
    });

    test('an @allow above the node suppresses it and is used', async () => {
        const text = model(TRAFFIC, 'replication primary_replica { replicas 2 }');
        const allowed = text.replace('  database orders {', '  // @allow lag-failover-data-loss: writes are replayed from a log after a failover\n  database orders {');
        const found = await codes(allowed);
        expect(found).not.toContain(ID);
        expect(found).not.toContain('model-unused-allow');
        expect(await codes(text)).toContain(ID);
    });
});

describe('docs/rules/lag-failover-data-loss.md', () => {
    test('has the sections, the severity, and a before/after that fires and does not', async () => {
        await expectRulePageWithFix(ID, lagFailoverDataLoss.defaultSeverity, ['What it detects', 'Why it matters', 'The math', 'False positives', 'How to fix', 'How to suppress']);
    });

    test('the worked example is the figure the rule gives on examples/problems.arch', async () => {
        const page = readRulePage(ID).text;
        expect(page).toContain('1,200 × 0.2 = 240');
        const shop = readFileSync('examples/problems.arch', 'utf8');
        const messages = (await findings(shop, ID)).map(f => f.message);
        expect(messages).toHaveLength(2);
        expect(messages[0]).toContain('catalog loses about 240 writes at each failover (the last 200 ms of writes, at 1,200 rps of writes at the peak)');
        expect(messages[0]).toContain('the replica arbiter zk promotes (failover arbiter zk)');
        expect(messages[1]).toContain('orders loses about 23 writes at each failover (the last 1 s of writes to one of its 16 shard groups');
        expect(messages[1]).toContain('by hand (no failover given: manual by default)');
    });
});
