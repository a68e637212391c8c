/**
 * The spof-* rules of RULES.md, run on the Topology of each fixture
 * (rule-helpers.ts): where each fires (rule ID, severity, line, the facts in
 * the message), the near misses where it must not, and that each quick fix
 * really removes its finding (the fixed text going back through the real
 * parser, linker and validator). Where a rule leaves a case to a `syntax` or
 * `link` error, the real language services say so.
 */
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../server/src/rules/rule.js';
import { SINGLE_POINT_OF_FAILURE_RULES } from '../../server/src/rules/single-points-of-failure.js';
import { applyEdits } from '../apply-edits.js';
import { codes } from '../helpers.js';
import { asSystem, readRulePage } from '../rule-page.js';
import { applyFix, findings, fixesOf, ruleIds } from './rule-helpers.js';

/** The one finding of a rule (fails when there are none or several). */
async function only(text: string, code: string): Promise<Finding> {
    const found = await findings(text, code);
    expect(found.map(d => d.message)).toHaveLength(1);
    return found[0];
}

/** 0-based line of the only line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
    const lines = text.split('\n');
    const hits = lines.flatMap((line, i) => (line.includes(needle) ? [i] : []));
    expect(hits, `"${needle}" should be on exactly one line`).toHaveLength(1);
    return hits[0];
}

describe('spof-single-instance', () => {
    const shop = `system Shop {
  dns front
  cdn assets
  balancer edge { instances 2 health every 5s }
  service web { instances 3 }
  database orders
  front -> assets
  front -> edge -> web -> orders
}`;

    test('names the node, one request path through it and the 99.5% default cap', async () => {
        const d = await only(shop, 'spof-single-instance');
        expect(d.severity).toBe('error');
        expect(d.range.start.line).toBe(lineOf(shop, 'database orders'));
        expect(d.node).toBe('orders');
        expect(d.message).toContain('orders is a single point of failure');
        expect(d.message).toContain('front → edge → web → orders');
        expect(d.message).toContain('99.5%');
    });

    test('carries the declared availability instead of the default', async () => {
        const text = shop.replace('database orders', 'database orders { availability 99.9% }');
        const d = await only(text, 'spof-single-instance');
        expect(d.message).toContain('99.9%');
        expect(d.message).not.toContain('99.5%');
    });

    test('an entry node has no path before it: the message names no path', async () => {
        const text = `system S {
  service web
}`;
        const d = await only(text, 'spof-single-instance');
        expect(d.message).toContain('web is a single point of failure');
        expect(d.message).toContain('99.5%');
        expect(d.message).not.toContain('→');
    });

    test('`sessions store X` puts X on the request path', async () => {
        const text = `system S {
  service web { instances 2 sessions store sessions_db }
  cache sessions_db
}`;
        const d = await only(text, 'spof-single-instance');
        expect(d.node).toBe('sessions_db');
        expect(d.message).toContain('web → sessions_db');
    });

    test('dns and cdn without `instances` are managed and redundant: no finding', async () => {
        const found = await findings(shop, 'spof-single-instance');
        expect(found.map(finding => finding.node)).toEqual(['orders']);
    });

    test('a cdn that says `instances 1` is a single point of failure', async () => {
        const text = `system S {
  cdn assets { instances 1 }
  service web { instances 2 }
  assets -> web
}`;
        const d = await only(text, 'spof-single-instance');
        expect(d.node).toBe('assets');
        expect(d.range.start.line).toBe(lineOf(text, 'cdn assets'));
    });

    test('a dns that says `instances 1` is one too', async () => {
        const text = `system S {
  dns front { instances 1 }
  service web { instances 2 }
  front -> web
}`;
        expect((await only(text, 'spof-single-instance')).message).toContain('front');
    });

    test('a replicated database with one instance is not a single point of failure', async () => {
        const text = `system S {
  service web { instances 2 }
  database orders { replication primary_backup { failover probe } }
  web -> orders
}`;
        expect(await ruleIds(text)).not.toContain('spof-single-instance');
    });

    test('`instances 2 active_passive` is not a single point of failure', async () => {
        const text = `system S {
  service web { instances 2 active_passive }
}`;
        expect(await ruleIds(text)).not.toContain('spof-single-instance');
    });

    test('a node on no request path is left to model-unreachable', async () => {
        const text = `system S {
  service web { instances 2 }
  coordinator zk
}`;
        const found = await ruleIds(text);
        expect(found).not.toContain('spof-single-instance');
        expect(found).toContain('model-unreachable');
    });

    test('a coordinator only used as an arbiter carries no requests: spof-arbiter, not spof-single-instance', async () => {
        const text = `system S {
  service web { instances 2 }
  coordinator zk
  database orders { replication primary_replica { failover arbiter zk } }
  web -> orders
}`;
        const found = await ruleIds(text);
        expect(found).not.toContain('spof-single-instance');
        expect(found).toContain('spof-arbiter');
    });

    test('one instance that autoscales to one is still one instance', async () => {
        const text = `system S {
  service web { autoscale 1..1 }
}`;
        expect(await ruleIds(text)).toContain('spof-single-instance');
    });
});

describe('spof-manual-failover', () => {
    const declared = `system S {
  service web { instances 2 }
  coordinator zk { instances 3 }
  database orders {
    replication primary_replica {
      replicas 1
      failover manual
    }
  }
  web -> orders
}`;

    test('gives ~6.1 h of yearly write downtime for `failover manual`, on the failover line', async () => {
        const d = await only(declared, 'spof-manual-failover');
        expect(d.severity).toBe('warning');
        expect(d.range.start.line).toBe(lineOf(declared, 'failover manual'));
        expect(d.node).toBe('orders');
        expect(d.message).toContain('orders has failover manual');
        expect(d.message).toContain('6.1 h of write downtime a year');
    });

    test('no failover at all is manual by default, reported on the replication line', async () => {
        const text = `system S {
  service web { instances 2 }
  database orders {
    replication primary_backup { replicas 1 }
  }
  web -> orders
}`;
        const d = await only(text, 'spof-manual-failover');
        expect(d.range.start.line).toBe(lineOf(text, 'replication primary_backup'));
        expect(d.message).toContain('no failover (manual by default)');
        expect(d.message).toContain('6.1 h');
    });

    test('automatic failover (probe, arbiter, interconnect) and multi_master do not fire', async () => {
        for (const failover of ['failover probe', 'failover arbiter zk', 'failover interconnect']) {
            expect(await ruleIds(declared.replace('failover manual', failover)), failover).not.toContain('spof-manual-failover');
        }
        const multiMaster = declared.replace('replication primary_replica', 'replication multi_master').replace('replicas 1', 'replicas 2')
            .replace('      failover manual\n', '');
        expect(await ruleIds(multiMaster)).not.toContain('spof-manual-failover');
    });
});

describe('spof-arbiter', () => {
    const withArbiter = (instances: string): string => `system S {
  service web { instances 2 }
  coordinator zk${instances}
  database orders {
    replication primary_replica { failover arbiter zk }
  }
  web -> orders
}`;

    test('an arbiter of 2 instances fires on the failover, as an error', async () => {
        const text = withArbiter(' { instances 2 }');
        const d = await only(text, 'spof-arbiter');
        expect(d.severity).toBe('error');
        expect(d.range.start.line).toBe(lineOf(text, 'failover arbiter zk'));
        expect(d.node).toBe('orders');
        expect(d.message).toContain('orders fails over by arbiter zk');
        expect(d.message).toContain('runs 2 instances');
    });

    test('an arbiter with no count runs one instance and fires', async () => {
        const d = await only(withArbiter(''), 'spof-arbiter');
        expect(d.message).toContain('runs 1 instance,');
    });

    test('an even count of 4 fires and says a majority is 3', async () => {
        const d = await only(withArbiter(' { instances 4 }'), 'spof-arbiter');
        expect(d.message).toContain('even 4');
        expect(d.message).toContain('a majority is 3');
    });

    test('an arbiter that is not a coordinator is left to the link error', async () => {
        const text = `system S {
  service web { instances 2 }
  database orders {
    replication primary_replica { failover arbiter web }
  }
  web -> orders
}`;
        const found = await codes(text);
        expect(found).toContain('link');
        expect(found).not.toContain('spof-arbiter');
    });

    test('3 and 5 instances are odd quorums: no finding', async () => {
        expect(await ruleIds(withArbiter(' { instances 3 }'))).not.toContain('spof-arbiter');
        expect(await ruleIds(withArbiter(' { instances 5 }'))).not.toContain('spof-arbiter');
    });
});

describe('spof-split-brain', () => {
    const text = `system S {
  service web { instances 2 }
  database orders {
    replication primary_backup {
      failover interconnect
    }
  }
  web -> orders
}`;

    test('`failover interconnect` fires on the failover line and names split brain', async () => {
        const d = await only(text, 'spof-split-brain');
        expect(d.severity).toBe('warning');
        expect(d.range.start.line).toBe(lineOf(text, 'failover interconnect'));
        expect(d.message).toContain('orders fails over by interconnect');
        expect(d.message).toContain('split brain');
    });

    test('multi_master ignores `failover`, so neither spof-split-brain nor spof-arbiter fires', async () => {
        const multiMaster = text.replace('replication primary_backup {', 'replication multi_master {\n      replicas 2');
        const found = await codes(multiMaster);
        expect(found).toContain('syntax'); // the warning that `failover` is ignored
        expect(found).not.toContain('spof-split-brain');
        const arbiter = multiMaster.replace('failover interconnect', 'failover arbiter zk').replace('  database', '  coordinator zk\n  database');
        const arbiterFound = await codes(arbiter);
        expect(arbiterFound).not.toContain('link');
        expect(arbiterFound).not.toContain('spof-arbiter');
    });

    test('other failover methods do not fire', async () => {
        expect(await ruleIds(text.replace('failover interconnect', 'failover probe'))).not.toContain('spof-split-brain');
        expect(await ruleIds(text.replace('failover interconnect', 'failover manual'))).not.toContain('spof-split-brain');
    });
});

describe('spof-single-zone', () => {
    const text = `system S {
  zone east
  zone west
  dns front
  balancer edge { instances 2 health every 5s zones east, west }
  service web { instances 2 zones east }
  service api { instances 2 }
  front -> edge -> web -> api
}`;

    test('a node in one of two zones fires on its zones, naming the zone', async () => {
        const found = await findings(text, 'spof-single-zone');
        const web = found.find(finding => finding.node === 'web')!;
        expect(web.severity).toBe('warning');
        expect(web.range.start.line).toBe(lineOf(text, 'service web'));
        expect(web.range.start.character).toBe(text.split('\n')[lineOf(text, 'service web')].indexOf('zones east'));
        expect(web.message).toContain('web runs only in zone east');
    });

    test('a node with no zones fires and says how many the system declares', async () => {
        const found = await findings(text, 'spof-single-zone');
        const api = found.find(finding => finding.node === 'api')!;
        expect(api.range.start.line).toBe(lineOf(text, 'service api'));
        expect(api.message).toContain('api declares no zones although the system has 2');
    });

    test('nodes in both zones and a managed dns do not fire', async () => {
        const found = await findings(text, 'spof-single-zone');
        expect(found.map(finding => finding.node).sort()).toEqual(['api', 'web']);
    });

    test('one declared zone only: no finding', async () => {
        const oneZone = `system S {
  zone east
  service web { instances 2 zones east }
  service api { instances 2 }
  web -> api
}`;
        expect(await ruleIds(oneZone)).not.toContain('spof-single-zone');
    });

    test('a node on no request path does not fire', async () => {
        const off = `system S {
  zone east
  zone west
  service web { instances 2 zones east, west }
  coordinator zk { instances 3 }
}`;
        expect(await ruleIds(off)).not.toContain('spof-single-zone');
    });
});

describe('spof-health-check', () => {
    const text = `system S {
  balancer lb { instances 2 }
  service web { instances 3 }
  lb -> web
}`;

    test('a balancer over 3 instances without health checks fires with each one\'s share', async () => {
        const d = await only(text, 'spof-health-check');
        expect(d.severity).toBe('warning');
        expect(d.range.start.line).toBe(lineOf(text, 'balancer lb'));
        expect(d.node).toBe('lb');
        expect(d.message).toContain('lb balances over 3 instances (web)');
        expect(d.message).toContain('33%');
    });

    test('instances behind a balancer add up over its callees', async () => {
        const two = `system S {
  balancer lb { instances 2 }
  service a
  service b
  lb -> a
  lb -> b
}`;
        expect((await only(two, 'spof-health-check')).message).toContain('2 instances (a, b)');
    });

    test('with `health every` it does not fire', async () => {
        expect(await ruleIds(text.replace('instances 2 }', 'instances 2 health every 5s }'))).not.toContain('spof-health-check');
    });

    test('a balancer in front of one instance does not fire', async () => {
        expect(await ruleIds(text.replace('service web { instances 3 }', 'service web'))).not.toContain('spof-health-check');
    });
});

describe('spof-autoscale-min-one', () => {
    const text = `system S {
  service web {
    autoscale 1..5
  }
}`;

    test('`autoscale 1..5` fires on the autoscale line', async () => {
        const d = await only(text, 'spof-autoscale-min-one');
        expect(d.severity).toBe('warning');
        expect(d.range.start.line).toBe(lineOf(text, 'autoscale 1..5'));
        expect(d.message).toContain('web autoscales down to 1 instance');
    });

    test('`autoscale 2..5` does not fire', async () => {
        expect(await ruleIds(text.replace('1..5', '2..5'))).not.toContain('spof-autoscale-min-one');
    });
});

describe('quick fixes', () => {
    /** Models where each rule fires, with a node written every way a fix has to handle. */
    const cases: { code: string; text: string }[] = [
        { code: 'spof-single-instance', text: 'system S {\n  service web { instances 2 }\n  database orders\n  web -> orders\n}' },
        { code: 'spof-single-instance', text: 'system S {\n  service web { instances 2 }\n  database orders {\n    engine mysql\n  }\n  web -> orders\n}' },
        { code: 'spof-single-instance', text: 'system S {\n  cdn assets { instances 1 }\n  service web { instances 2 }\n  assets -> web\n}' },
        { code: 'spof-single-instance', text: 'system S {\n  service web { autoscale 1..1 }\n}' },
        { code: 'spof-single-instance', text: 'system S {\n  service web {}\n}' },
        { code: 'spof-manual-failover', text: 'system S {\n  service web { instances 2 }\n  coordinator zk { instances 3 }\n  database db { replication primary_backup { failover manual } }\n  web -> db\n}' },
        { code: 'spof-arbiter', text: 'system S {\n  service web { instances 2 }\n  coordinator zk\n  database db { replication primary_backup { failover arbiter zk } }\n  web -> db\n}' },
        { code: 'spof-arbiter', text: 'system S {\n  service web { instances 2 }\n  coordinator zk { instances 4 }\n  database db { replication primary_backup { failover arbiter zk } }\n  web -> db\n}' },
        { code: 'spof-single-zone', text: 'system S {\n  zone a\n  zone b\n  service web { instances 2 zones a }\n}' },
        { code: 'spof-single-zone', text: 'system S {\n  zone a\n  zone b\n  service web {\n    instances 2\n  }\n}' },
        { code: 'spof-health-check', text: 'system S {\n  balancer lb { instances 2 }\n  service web { instances 2 }\n  lb -> web\n}' },
        { code: 'spof-health-check', text: 'system S {\n  balancer lb {\n    instances 2\n  }\n  service web { instances 2 }\n  lb -> web\n}' },
        { code: 'spof-autoscale-min-one', text: 'system S {\n  service web { autoscale 1..5 }\n}' }
    ];

    test.each(cases)('$code: each fix parses and removes the finding\n$text', async ({ code, text }) => {
        const before = await findings(text, code);
        expect(before.length).toBeGreaterThan(0);
        for (const finding of before) {
            const fixes = fixesOf(finding);
            expect(fixes.length, `${code} on ${finding.node} offers a fix`).toBeGreaterThan(0);
            for (const fix of fixes) {
                const fixed = await applyFix(text, fix);
                const remaining = (await findings(fixed, code)).filter(left => left.node === finding.node);
                expect(remaining.map(left => left.message), `after "${fix.title}":\n${fixed}`).toEqual([]);
            }
        }
    });

    test('the fixes say what they do', async () => {
        const titles = async (text: string, code: string): Promise<string[]> =>
            (await findings(text, code)).flatMap(finding => fixesOf(finding).map(fix => fix.title));
        expect(await titles(cases[0].text, 'spof-single-instance')).toEqual(['Run 2 instances of orders']);
        expect(await titles(cases[5].text, 'spof-manual-failover')).toEqual(['Fail over by arbiter zk']);
        expect(await titles(cases[6].text, 'spof-arbiter')).toEqual(['Run 3 instances of zk']);
        expect(await titles(cases[7].text, 'spof-arbiter')).toEqual(['Run 5 instances of zk']);
        expect(await titles(cases[8].text, 'spof-single-zone')).toEqual(['Spread web over a, b']);
        expect(await titles(cases[10].text, 'spof-health-check')).toEqual(['Add health checks every 5s to lb']);
        expect(await titles(cases[12].text, 'spof-autoscale-min-one')).toEqual(['Keep at least 2 instances of web']);
    });

    test('a multi-line body gets the new property on its own line, indented', async () => {
        const text = cases[11].text;
        const d = await only(text, 'spof-health-check');
        const fixed = applyEdits(text, fixesOf(d)[0].edits);
        expect(fixed).toBe('system S {\n  balancer lb {\n    instances 2\n    health every 5s\n  }\n  service web { instances 2 }\n  lb -> web\n}');
    });
});

describe('rule pages', () => {
    test.each(SINGLE_POINT_OF_FAILURE_RULES.map(rule => [rule.id, rule] as const))('docs/rules/%s.md', async (id, rule) => {
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

    test('the numbers on the pages are the ones the messages give', () => {
        expect(readRulePage('spof-single-instance').text).toContain('99.5%');
        const failover = readRulePage('spof-manual-failover').text;
        expect(failover).toContain('(30 / 43,200) × 525,600 = 365 min ≈ 6.1 h');
    });
});
