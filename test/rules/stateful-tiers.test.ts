import { describe, expect, test } from 'vitest';
import { STATEFUL_TIER_RULES } from '../../server/src/rules/stateful-tiers.js';
import { codes } from '../helpers.js';
import { asSystem, readRulePage } from '../rule-page.js';
import { applyFix, findings, fixesOf, line, ruleIds } from './rule-helpers.js';

const ERROR = 'error';
const WARNING = 'warning';

/** A balancer `lb` in front of service `web`; `balancer` and `web` are extra property lines. */
function behindBalancer(balancer: string[], web: string[]): string {
    return [
        'system S {',
        '  balancer lb {',
        '    instances 2',
        '    health every 5s',
        ...balancer.map(prop => `    ${prop}`),
        '  }',
        '  service web {',
        ...web.map(prop => `    ${prop}`),
        '  }',
        '  cache session_cache { instances 2 }',
        '  cache page_cache { instances 2 }',
        '  database db { instances 2 }',
        '  web -> page_cache',
        '  database users { instances 2 }',
        '  lb -> web -> db',
        '}'
    ].join('\n');
}

describe('state-local-sessions', () => {
    const text = behindBalancer([], ['instances 4', 'sessions local']);

    test('fires on the sessions line with the share of requests that miss the session', async () => {
        const [finding, ...rest] = await findings(text, 'state-local-sessions');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(ERROR);
        expect(line(finding)).toBe(7);
        expect(finding.range.start.character).toBe(4);
        expect(finding.message).toContain('web keeps sessions local');
        expect(finding.message).toContain('4 instances');
        expect(finding.message).toContain('lb');
        expect(finding.message).toContain('about 75%');
        expect(finding.message).toContain('n = 4');
    });

    test('with autoscale, n is the minimum', async () => {
        const [finding] = await findings(behindBalancer([], ['autoscale 3..12', 'sessions local']), 'state-local-sessions');
        expect(finding.message).toContain('autoscale 3..12');
        expect(finding.message).toContain('about 67%');
        expect(finding.message).toContain('n = 3');
    });

    test('autoscaling from 1 counts from the second instance', async () => {
        const [finding] = await findings(behindBalancer([], ['autoscale 1..4', 'sessions local']), 'state-local-sessions');
        expect(finding.message).toContain('about 50%');
        expect(finding.message).toContain('n = 2 as soon as it runs 2');
    });

    test.each([
        ['behind a sticky balancer', behindBalancer(['sticky on'], ['instances 4', 'sessions local'])],
        ['behind an ip_hash balancer', behindBalancer(['algorithm ip_hash'], ['instances 4', 'sessions local'])],
        ['on one instance', behindBalancer([], ['instances 1', 'sessions local'])],
        ['with no instance count', behindBalancer([], ['sessions local'])],
        ['active_passive', behindBalancer([], ['instances 2 active_passive', 'sessions local'])],
        ['with cookie sessions', behindBalancer([], ['instances 4', 'sessions cookie'])],
        ['with sessions in a store', behindBalancer([], ['instances 4', 'sessions store session_cache'])],
        ['with no balancer in front', behindBalancer([], ['instances 4', 'sessions local']).replace('lb -> web -> db', 'lb -> db\n  service api\n  api -> web')]
    ])('does not fire %s', async (_name, nearMiss) => {
        expect(await ruleIds(nearMiss)).not.toContain('state-local-sessions');
    });

    test('offers a cookie, each cache as a store, and sticky balancing as separate fixes', async () => {
        const [finding] = await findings(text, 'state-local-sessions');
        const fixes = fixesOf(finding);
        expect(fixes.map(f => f.edits.map(e => e.newText.trim()))).toEqual([
            ['sessions cookie'], ['sessions store session_cache'], ['sessions store page_cache'], ['sticky on']
        ]);
        for (const fix of fixes) {
            const fixed = await applyFix(text, fix);
            expect(await ruleIds(fixed), fixed).not.toContain('state-local-sessions');
        }
    });

    test('the sticky fix edits the balancer, which then leads to state-sticky-sessions instead', async () => {
        const [finding] = await findings(text, 'state-local-sessions');
        const sticky = fixesOf(finding).at(-1)!;
        const fixed = await applyFix(text, sticky);
        expect(fixed).toContain('  balancer lb {\n    instances 2\n    health every 5s\n    sticky on\n  }');
        expect(await ruleIds(fixed)).toContain('state-sticky-sessions');
    });

    test('the sticky fix replaces a declared `sticky off`', async () => {
        const off = behindBalancer(['sticky off'], ['instances 4', 'sessions local']);
        const [finding] = await findings(off, 'state-local-sessions');
        const fixed = await applyFix(off, fixesOf(finding).at(-1)!);
        expect(fixed).toContain('    sticky on\n');
        expect(fixed).not.toContain('sticky off');
    });

    test('offers at most 3 stores', async () => {
        const manyCaches = text.replace('  database db { instances 2 }',
            '  cache c3 { instances 2 }\n  cache c4 { instances 2 }\n  database db { instances 2 }');
        const [finding] = await findings(manyCaches, 'state-local-sessions');
        const stores = fixesOf(finding).filter(f => f.edits[0].newText.startsWith('sessions store'));
        expect(stores.map(f => f.edits[0].newText)).toEqual([
            'sessions store session_cache', 'sessions store page_cache', 'sessions store c3'
        ]);
    });

    test('an @allow above the node suppresses it', async () => {
        const allowed = text.replace('  service web {', '  // @allow state-local-sessions: sessions are only a UI preference\n  service web {');
        const found = await codes(allowed);
        expect(found).not.toContain('state-local-sessions');
        expect(found).not.toContain('model-unused-allow');
    });
});

describe('state-sticky-sessions', () => {
    const text = behindBalancer(['sticky on'], ['instances 4', 'sessions local']);

    test('fires on the sessions line behind a sticky balancer with the share of users one instance holds', async () => {
        const [finding, ...rest] = await findings(text, 'state-sticky-sessions');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(WARNING);
        expect(line(finding)).toBe(8);
        expect(finding.message).toContain('web keeps sessions local');
        expect(finding.message).toContain('lb (sticky on)');
        expect(finding.message).toContain('about 25%, 1/4');
        expect(finding.message).toContain('logged out');
    });

    test('an ip_hash balancer counts as sticky', async () => {
        const ipHash = behindBalancer(['algorithm ip_hash'], ['instances 4', 'sessions local']);
        const found = await ruleIds(ipHash);
        expect(found).toContain('state-sticky-sessions');
        expect(found).not.toContain('state-local-sessions');
        const [finding] = await findings(ipHash, 'state-sticky-sessions');
        expect(finding.message).toContain('lb (algorithm ip_hash)');
    });

    test.each([
        ['behind a non-sticky balancer', behindBalancer(['sticky off'], ['instances 4', 'sessions local'])],
        ['on one instance', behindBalancer(['sticky on'], ['instances 1', 'sessions local'])],
        ['with cookie sessions', behindBalancer(['sticky on'], ['instances 4', 'sessions cookie'])]
    ])('does not fire %s', async (_name, nearMiss) => {
        expect(await ruleIds(nearMiss)).not.toContain('state-sticky-sessions');
    });

    test('each fix moves the sessions out of the instances', async () => {
        const [finding] = await findings(text, 'state-sticky-sessions');
        const fixes = fixesOf(finding);
        expect(fixes.map(f => f.edits[0].newText)).toEqual([
            'sessions cookie', 'sessions store session_cache', 'sessions store page_cache'
        ]);
        for (const fix of fixes) {
            const fixed = await applyFix(text, fix);
            expect(await ruleIds(fixed)).not.toContain('state-sticky-sessions');
        }
    });

    test('an @allow above the node suppresses it', async () => {
        const allowed = text.replace('  service web {', '  // @allow state-sticky-sessions: users re-login silently by SSO\n  service web {');
        const found = await codes(allowed);
        expect(found).not.toContain('state-sticky-sessions');
        expect(found).not.toContain('model-unused-allow');
    });
});

describe('state-autoscaled-local', () => {
    const text = behindBalancer(['sticky on'], ['autoscale 3..12', 'sessions local']);

    test('fires on the sessions line with the share of sessions a full scale-in destroys', async () => {
        const [finding, ...rest] = await findings(text, 'state-autoscaled-local');
        expect(rest).toEqual([]);
        expect(finding.severity).toBe(ERROR);
        expect(line(finding)).toBe(8);
        expect(finding.message).toContain('web autoscales (3..12)');
        expect(finding.message).toContain('from 12 down to 3');
        expect(finding.message).toContain('about 75%');
    });

    test('fires without a balancer too', async () => {
        const alone = 'system S {\n  worker w {\n    autoscale 2..4\n    sessions local\n  }\n}';
        const [finding] = await findings(alone, 'state-autoscaled-local');
        expect(line(finding)).toBe(3);
        expect(finding.message).toContain('about 50%');
    });

    test.each([
        ['a fixed instance count', behindBalancer(['sticky on'], ['instances 4', 'sessions local'])],
        ['sessions in a store', behindBalancer(['sticky on'], ['autoscale 3..12', 'sessions store session_cache'])],
        ['no sessions', behindBalancer(['sticky on'], ['autoscale 3..12'])]
    ])('does not fire with %s', async (_name, nearMiss) => {
        expect(await ruleIds(nearMiss)).not.toContain('state-autoscaled-local');
    });

    test('each fix moves the sessions out of the instances', async () => {
        const [finding] = await findings(text, 'state-autoscaled-local');
        const fixes = fixesOf(finding);
        expect(fixes).toHaveLength(3);
        for (const fix of fixes) {
            const fixed = await applyFix(text, fix);
            expect(await ruleIds(fixed)).not.toContain('state-autoscaled-local');
        }
    });

    test('an @allow above the node suppresses it', async () => {
        const allowed = text.replace('  service web {', '  // @allow state-autoscaled-local: scale-in drains for an hour first\n  service web {');
        const found = await codes(allowed);
        expect(found).not.toContain('state-autoscaled-local');
        expect(found).not.toContain('model-unused-allow');
        expect(found).toContain('state-sticky-sessions');
    });
});

describe('rule pages', () => {
    test.each(STATEFUL_TIER_RULES.map(rule => [rule.id, rule] as const))('docs/rules/%s.md', async (id, rule) => {
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

describe('state-cache-as-store', () => {
    const model = (cache: string) => `system S {\n  traffic { peak 100 rps }\n  service api { instances 2 }\n  ${cache}\n  api -> c\n}`;

    test.each([
        ['policy store', 'c is the store of its data (`policy store`) and keeps no replica: when an instance restarts or fails, the data it held is gone, and nothing stands behind it to load it from again.'],
        ['policy behind', 'c acknowledges writes before they reach the store (`policy behind`) and keeps no replica: when an instance restarts or fails, the writes it had not yet flushed are lost.']
    ])('%s without a replica: a warning on the policy, and a fix that adds one', async (policy, message) => {
        const text = model(`cache c { instances 3  ${policy} }`);
        const found = await findings(text, 'state-cache-as-store');
        expect(found.map(d => d.message)).toEqual([message]);
        expect(found[0].severity).toBe('warning');
        expect(line(found[0])).toBe(3);
        const fixed = await applyFix(text, fixesOf(found[0])[0]);
        expect(fixed).toContain('replication primary_replica { replicas 1 }');
        expect(await findings(fixed, 'state-cache-as-store')).toEqual([]);
    });

    test.each([
        ['aside (the default)', 'cache c { instances 3 }'],
        ['through', 'cache c { instances 3  policy through }'],
        ['store with a replica', 'cache c { instances 3  policy store  replication primary_replica { replicas 1 } }'],
        ['store, managed', 'cache c { managed  policy store }']
    ])('near misses: %s', async (_, cache) => {
        expect(await codes(model(cache))).not.toContain('state-cache-as-store');
    });
});
