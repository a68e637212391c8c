import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { smallestCount } from '../../server/src/rules/capacity-load.js';
import { CAPACITY_RULES } from '../../server/src/rules/capacity.js';
import { codes } from '../helpers.js';
import { asSystem, readRulePage } from '../rule-page.js';
import { applyFix, expectParsesAndLinks, findings, fixesOf, line, ruleIds } from './rule-helpers.js';

const ERROR = 'error';
const WARNING = 'warning';
const INFO = 'info';

/** The capacity rule IDs of `text` (cap-* and hot-key-overload), sorted; the text must parse and link, or an empty list proves nothing. */
async function capacityCodes(text: string): Promise<string[]> {
    await expectParsesAndLinks(text);
    return (await ruleIds(text)).filter(code => code.startsWith('cap-') || code === 'hot-key-overload');
}

/** One service `web` (line 2) as the entry, taking the whole peak; `props` are its property lines. */
function webTier(traffic: string, props: string[], zones = ''): string {
    return [
        'system S {',
        `  traffic { ${traffic} }`,
        '  service web {',
        ...props.map(prop => `    ${prop}`),
        '  }',
        ...(zones ? [zones] : []),
        '}'
    ].join('\n');
}

describe('cap-overload', () => {
    // 4 instances × 250 rps carry 1000 rps: the peak sets the utilization.
    const at = (peak: number) => webTier(`peak ${peak} rps`, ['instances 4', 'capacity 250 rps']);

    test('fires as an error at 150% with the load, the capacity and how it is made up', async () => {
        const [finding, ...rest] = await findings(at(1500), 'cap-overload');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(ERROR);
        expect(line(finding)).toBe(2);
        expect(finding.node).toBe('web');
        expect(finding.message).toContain('web runs at 150% at the peak: 1,500 rps against 1,000 rps (4 × 250 rps)');
        expect(finding.message).toContain('time out');
    });

    test('exactly 100% is an error', async () => {
        const [finding] = await findings(at(1000), 'cap-overload');
        expect(finding.severity).toBe(ERROR);
        expect(finding.message).toContain('runs at 100% at the peak');
    });

    test('99.9% is a warning that says what grows', async () => {
        const [finding] = await findings(at(999), 'cap-overload');
        expect(finding.severity).toBe(WARNING);
        expect(finding.message).toContain('runs at 99.9% at the peak: 999 rps against 1,000 rps');
    });

    test('exactly 80% is a warning', async () => {
        const [finding, ...rest] = await findings(at(800), 'cap-overload');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(WARNING);
        expect(finding.message).toContain('web runs at 80% at the peak: 800 rps against 1,000 rps');
        expect(finding.message).toContain('latency');
    });

    test('79% is not reported, nor is a tier with room to spare', async () => {
        expect(await findings(at(790), 'cap-overload')).toEqual([]);
        expect(await findings(at(200), 'cap-overload')).toEqual([]);
    });

    test('a worker says its backlog grows', async () => {
        const text = 'system S {\n  traffic { peak 300 rps }\n  queue jobs { instances 3 capacity 5000 rps }\n  worker mailer { instances 2 capacity 50 rps }\n  jobs -> mailer\n}';
        const [finding] = await findings(text, 'cap-overload');
        expect(finding.node).toBe('mailer');
        expect(finding.message).toContain('mailer runs at 300% at the peak: 300 rps against 100 rps (2 × 50 rps)');
        expect(finding.message).toContain('backlog');
    });

    test('a replicated database names its busiest member, and gets no instance fix', async () => {
        const text = [
            'system S {',
            '  traffic { peak 1000 rps reads 50% }',
            '  service api { instances 4 capacity 1000 rps }',
            '  database db {',
            '    capacity 400 rps',
            '    replication primary_replica { replicas 2 failover probe }',
            '  }',
            '  api -> db',
            '}'
        ].join('\n');
        const [finding] = await findings(text, 'cap-overload');
        expect(finding.severity).toBe(ERROR);
        expect(line(finding)).toBe(3);
        // The primary takes the 500 writes; a replica 500 / 2 reads and applies the 500 writes: 750 rps.
        expect(finding.message).toContain('db runs at 188% at the peak: 1,000 rps against 533 rps');
        expect(finding.message).toContain('its busiest member takes 750 rps of the 400 rps one node sustains');
        expect(fixesOf(finding)).toEqual([]);
    });

    test('active_passive serves from one instance and gets no instance fix', async () => {
        const text = webTier('peak 300 rps', ['instances 2 active_passive', 'capacity 250 rps']);
        const [finding] = await findings(text, 'cap-overload');
        expect(finding.message).toContain('300 rps against 250 rps (1 × 250 rps: active_passive, one of its 2 instances serves)');
        expect(fixesOf(finding)).toEqual([]);
    });

    test('the fix raises the instance count to the fewest that run under 80%', async () => {
        const text = at(1000);
        const [finding] = await findings(text, 'cap-overload');
        const [only, ...more] = fixesOf(finding);
        expect(more).toEqual([]);
        // 1000 / (5 × 250) = 80% is still a warning: 6 it is.
        expect(only.edits.map(edit => edit.newText)).toEqual(['instances 6']);
        const fixed = await applyFix(text, only);
        expect(fixed).toContain('    instances 6\n');
        expect(await findings(fixed, 'cap-overload')).toEqual([]);
    });

    test('the fix raises the autoscale maximum, keeping the minimum', async () => {
        const text = webTier('peak 12000 rps', ['autoscale 3..20', 'capacity 400 rps']);
        const [finding] = await findings(text, 'cap-overload');
        const [only] = fixesOf(finding);
        const fixed = await applyFix(text, only);
        expect(fixed).toContain('    autoscale 3..38\n');
        expect(await findings(fixed, 'cap-overload')).toEqual([]);
    });

    test('a node without an instance count gets one in its body', async () => {
        const text = 'system S {\n  traffic { peak 1500 rps }\n  service web { capacity 1000 rps }\n}';
        const [finding] = await findings(text, 'cap-overload');
        const fixed = await applyFix(text, fixesOf(finding)[0]);
        expect(fixed).toContain('  service web { capacity 1000 rps instances 2 }');
        expect(await findings(fixed, 'cap-overload')).toEqual([]);
    });

    test('an @allow above the node suppresses it', async () => {
        const allowed = at(1500).replace('  service web {', '  // @allow cap-overload: the peak is a one-off launch, we shed load on purpose\n  service web {');
        const found = await codes(allowed);
        expect(found).not.toContain('cap-overload');
        expect(found).not.toContain('model-unused-allow');
    });
});

describe('cap-failure-headroom', () => {
    const at = (peak: number) => webTier(`peak ${peak} rps`, ['instances 4', 'capacity 250 rps']);

    test('fires when losing one of 4 instances pushes the tier past 100%', async () => {
        // 760 rps: 76% on 4 instances, 101.33% on the 3 left.
        const [finding, ...rest] = await findings(at(760), 'cap-failure-headroom');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(WARNING);
        expect(line(finding)).toBe(2);
        expect(finding.message).toContain('web has no headroom for a failure: it runs at 76% at the peak');
        expect(finding.message).toContain('losing one of its 4 instances pushes it to 101% (760 rps against 750 rps)');
        expect(await findings(at(760), 'cap-overload')).toEqual([]);
    });

    test('exactly 100% with one lost fires; just under does not', async () => {
        expect(await findings(at(750), 'cap-failure-headroom')).toHaveLength(1);
        expect(await findings(at(749), 'cap-failure-headroom')).toEqual([]);
        expect(await findings(at(400), 'cap-failure-headroom')).toEqual([]);
    });

    test('a node at 100% without a loss is cap-overload\'s, not reported twice', async () => {
        expect(await capacityCodes(at(1000))).toEqual(['cap-overload']);
    });

    test('with zones declared, losing a zone takes its share of the instances', async () => {
        const text = webTier('peak 600 rps', ['instances 4', 'capacity 250 rps', 'zones a, b'], '  zone a\n  zone b');
        const [finding] = await findings(text, 'cap-failure-headroom');
        // One instance lost: 600 / 750 = 80%, fine; one zone lost: 2 of 4 left, 600 / 500 = 120%.
        expect(finding.message).toContain('it runs at 60% at the peak');
        expect(finding.message).toContain('losing one of its zones (a, b), which takes 2 of its 4 instances, pushes it to 120% (600 rps against 500 rps)');
        const [only] = fixesOf(finding);
        const fixed = await applyFix(text, only);
        // 5 over 2 zones loses 3; 6 loses 3 and keeps 3 × 250 = 750 rps.
        expect(fixed).toContain('    instances 6\n');
        expect(await findings(fixed, 'cap-failure-headroom')).toEqual([]);
    });

    test('a node in one zone is not a capacity question (spof-single-zone), and the zone loss spreads over three zones', async () => {
        const oneZone = webTier('peak 600 rps', ['instances 4', 'capacity 250 rps', 'zones a'], '  zone a\n  zone b');
        expect(await findings(oneZone, 'cap-failure-headroom')).toEqual([]);
        // 6 instances over 3 zones lose 2: 600 / (4 × 250) = 60%.
        const threeZones = webTier('peak 600 rps', ['instances 6', 'capacity 250 rps', 'zones a, b, c'], '  zone a\n  zone b\n  zone c');
        expect(await findings(threeZones, 'cap-failure-headroom')).toEqual([]);
    });

    test('a replica lost moves its reads onto the others', async () => {
        const text = [
            'system S {',
            '  traffic { peak 1000 rps reads 90% }',
            '  service api { instances 4 capacity 1000 rps }',
            '  database db {',
            '    capacity 700 rps',
            '    replication primary_replica { replicas 2 failover probe }',
            '  }',
            '  api -> db',
            '}'
        ].join('\n');
        const [finding] = await findings(text, 'cap-failure-headroom');
        expect(finding.node).toBe('db');
        // A replica: 900 / 2 reads + the 100 writes it applies = 550 of 700; the 1 left: 900 + 100 = 1,000.
        expect(finding.message).toContain('it runs at 79% at the peak, and losing one of its 2 replicas pushes it to 143%');
        expect(fixesOf(finding)).toEqual([]);

        // One replica: it carries every read and applies every write, which is what the primary carries when
        // it is lost: losing it costs no headroom.
        const one = text.replace('capacity 700 rps', 'capacity 1100 rps').replace('replicas 2', 'replicas 1');
        expect(await findings(one, 'cap-failure-headroom')).toEqual([]);
    });

    test('the fix runs enough instances to lose one', async () => {
        const text = at(760);
        const [finding] = await findings(text, 'cap-failure-headroom');
        const fixed = await applyFix(text, fixesOf(finding)[0]);
        expect(fixed).toContain('    instances 5\n');
        expect(await capacityCodes(fixed)).toEqual([]);
    });

    test('an @allow above the node suppresses it', async () => {
        const allowed = at(760).replace('  service web {', '  // @allow cap-failure-headroom: autoscaling replaces a lost instance within a minute\n  service web {');
        const found = await codes(allowed);
        expect(found).not.toContain('cap-failure-headroom');
        expect(found).not.toContain('model-unused-allow');
    });
});

describe('cap-cold-cache', () => {
    /** web → cache c (hit 90%) → db; 900 reads, 100 writes at the peak. */
    const behindCache = (dbCapacity: number) => [
        'system S {',
        '  traffic { peak 1000 rps reads 90% }',
        '  service web { instances 4 capacity 500 rps }',
        '  cache c { instances 2 capacity 10000 rps hit 90% }',
        `  database db { instances 2 capacity ${dbCapacity} rps }`,
        '  web -> c -> db',
        '}'
    ].join('\n');

    test('fires on the node behind the cache with both utilizations', async () => {
        const [finding, ...rest] = await findings(behindCache(250), 'cap-cold-cache');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(WARNING);
        expect(line(finding)).toBe(4);
        expect(finding.node).toBe('db');
        // Warm: 90 read misses + 100 writes = 190 of 500 rps; cold: all 1000.
        expect(finding.message).toContain('db cannot carry the reads when c is empty or lost');
        expect(finding.message).toContain('it runs at 38% while c answers 90% of reads, and at 200% without it (1,000 rps against 500 rps)');
        expect(await findings(behindCache(250), 'cap-overload')).toEqual([]);
    });

    test('exactly 100% cold fires; a backend that carries a cold start does not', async () => {
        expect(await findings(behindCache(500), 'cap-cold-cache')).toHaveLength(1);
        expect(await findings(behindCache(501), 'cap-cold-cache')).toEqual([]);
        expect(await capacityCodes(behindCache(1000))).toEqual([]);
    });

    test('every node behind the cache that the cold reads overload is named', async () => {
        const text = [
            'system S {',
            '  traffic { peak 1000 rps reads 90% }',
            '  service web { instances 4 capacity 500 rps }',
            '  cache c { instances 2 capacity 10000 rps hit 90% }',
            '  service api { instances 2 capacity 400 rps }',
            '  database db { instances 2 capacity 2000 rps }',
            '  web -> c -> api -> db',
            '}'
        ].join('\n');
        const found = await findings(text, 'cap-cold-cache');
        // api: 1000 on 800 rps (125%); db: 1000 on 4000 rps (25%).
        expect(found.map(finding => finding.node)).toEqual(['api']);
        expect(found[0].message).toContain('at 125% without it');
    });

    test('a backend already overloaded with the cache warm is cap-overload\'s only', async () => {
        const text = behindCache(80);
        expect(await capacityCodes(text)).toEqual(['cap-overload']);
    });

    test('a cache without hits shields nothing, so there is nothing to lose', async () => {
        const text = behindCache(250).replace(' hit 90%', '');
        expect(await findings(text, 'cap-cold-cache')).toEqual([]);
    });

    test('an @allow above the node behind suppresses it', async () => {
        const allowed = behindCache(250).replace('  database db {', '  // @allow cap-cold-cache: the cache is warmed from a snapshot before it takes traffic\n  database db {');
        const found = await codes(allowed);
        expect(found).not.toContain('cap-cold-cache');
        expect(found).not.toContain('model-unused-allow');
    });
});

describe('cap-missing-input', () => {
    const text = [
        'system S {',
        '  traffic { peak 1000 rps }',
        '  dns front',
        '  cdn assets { hit 80% }',
        '  balancer lb { instances 2 health every 5s }',
        '  service web { instances 4 capacity 500 rps }',
        '  database db { instances 2 }',
        '  front -> assets',
        '  front -> lb -> web -> db',
        '}'
    ].join('\n');

    test('reports each node on a request path without a capacity, with its load', async () => {
        const found = await findings(text, 'cap-missing-input');
        expect(found.map(finding => finding.node)).toEqual(['lb', 'db']);
        expect(found.map(line)).toEqual([4, 6]);
        const [lb] = found;
        expect(lb.severity).toBe(INFO);
        expect(lb.message).toContain('lb has no `capacity`');
        expect(lb.message).toContain('its utilization at the peak was not estimated (1,000 rps reach it)');
    });

    test('a dns or cdn run as one instance of one\'s own is reported like any node', async () => {
        const own = text.replace('  dns front', '  dns front { instances 1 }');
        expect((await findings(own, 'cap-missing-input')).map(finding => finding.node)).toEqual(['front', 'lb', 'db']);
    });

    test('without a peak there are no capacity findings at all', async () => {
        const overloaded = webTier('reads 90%', ['instances 1', 'capacity 1 rps']);
        expect(await capacityCodes(text.replace('peak 1000 rps', 'reads 90%'))).toEqual([]);
        expect(await capacityCodes(overloaded)).toEqual([]);
        expect(await capacityCodes(overloaded.replace('  traffic { reads 90% }\n', ''))).toEqual([]);
    });

    test('without any capacity only cap-missing-input is reported', async () => {
        const noCapacity = [
            'system S {',
            '  traffic { peak 100000 rps reads 90% keys 1000 zipf 1.2 }',
            '  service web { instances 2 }',
            '  cache c { instances 2 hit 90% }',
            '  database db { shards 4 by consistent_hash table t { shard key id  id uuid } }',
            '  web -> c -> db',
            '}'
        ].join('\n');
        expect(await capacityCodes(noCapacity)).toEqual(['cap-missing-input', 'cap-missing-input', 'cap-missing-input']);
    });

    test('an @allow above the node suppresses it', async () => {
        const allowed = text.replace('  database db {', '  // @allow cap-missing-input: a managed database, sized by the provider\n  database db {');
        expect((await findings(allowed, 'cap-missing-input')).map(finding => finding.node)).toEqual(['lb']);
        expect(await codes(allowed)).not.toContain('model-unused-allow');
    });
});

describe('numbers past what a double holds', () => {
    const HUGE = '9'.repeat(400);

    test('smallestCount: a count already past any suggestion is none (the halving would stall past 2^53)', () => {
        let calls = 0;
        expect(smallestCount(99_999_999_999_999_999_999, () => { calls++; return true; })).toBeUndefined();
        expect(calls).toBe(0);
        expect(smallestCount(3, count => count >= 7)).toBe(7);
    });

    test.each([
        [`capacity ${HUGE} rps latency 25ms`, 'capacity Infinity'],
        [`capacity 400 rps latency ${HUGE}ms`, 'latency Infinity'],
        ['capacity 400 rps latency 4294967297ms', 'latency 2^32 + 1 ms'],
        [`capacity ${'9'.repeat(300)} rps latency ${'9'.repeat(300)}ms`, 'workers past a double']
    ])('%s (%s): the capacity rules run, no internal error', async (props) => {
        const text = `system S {
  traffic { peak 1000 rps }
  service api { instances 3 ${props} }
}`;
        const found = await ruleIds(text);
        expect(found).not.toContain('internal-error');
        // A capacity that is there but unusable is not a missing one.
        expect(found).not.toContain('cap-missing-input');
    });

    test('peak 10^20 rps: overloaded, with no fix to suggest (more than a million instances), at once', async () => {
        const started = performance.now();
        const found = await findings(`system S {
  traffic { peak 99999999999999999999 rps }
  service api { instances 3 capacity 400 rps latency 25ms }
}`, 'cap-overload');
        expect(performance.now() - started).toBeLessThan(2000);
        expect(found.map(finding => finding.severity)).toEqual([ERROR]);
    });
});

describe('examples/problems.arch', () => {
    const text = readFileSync('examples/problems.arch', 'utf8');

    test('web runs at 150% (an error: requests fail) and mailer, behind the queue, at 600% (a warning: work is delayed)', async () => {
        const found = await findings(text, 'cap-overload');
        expect(found.map(finding => finding.node)).toEqual(['web', 'mailer']);
        const [web, mailer] = found;
        expect(web.severity).toBe(ERROR);
        expect(web.message).toContain('web runs at 150% at the peak: 12,000 rps against 8,000 rps (20 × 400 rps)');
        expect(mailer.severity).toBe('warning');
        expect(mailer.message).toContain('mailer runs at 600% at the peak: 600 rps against 100 rps (2 × 50 rps)');
        expect(mailer.message).toContain('no request fails: the work is delayed');
    });

    test('catalog cannot take product_cache\'s reads cold', async () => {
        const [finding] = await findings(text, 'cap-cold-cache');
        expect(finding.node).toBe('catalog');
        expect(finding.message).toContain('it runs at 58% while product_cache answers 85% of reads, and at 160% without it');
    });

    test('both fixes together clear cap-overload and keep the file clean', async () => {
        const found = await findings(text, 'cap-overload');
        const fixed = await applyFix(text, { title: 'both', edits: found.flatMap(finding => fixesOf(finding)[0].edits) });
        expect(fixed).toContain('autoscale 3..38');
        expect(fixed).toContain('worker mailer { instances 16 capacity 50 rps latency 80ms }');
        expect(await findings(fixed, 'cap-overload')).toEqual([]);
    });
});

describe('rule pages', () => {
    test.each(CAPACITY_RULES.map(rule => [rule.id, rule] as const))('docs/rules/%s.md', async (id, rule) => {
        const page = readRulePage(id);
        expect(page.title).toBe(`# ${id}`);
        expect(page.severity).toBe(rule.defaultSeverity);
        expect(page.sections).toEqual(
            ['What it detects', 'Why it matters', 'The math', 'False positives', 'How to fix', 'How to suppress']);
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
