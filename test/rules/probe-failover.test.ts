import { describe, expect, test } from 'vitest';
import type { Finding } from '../../server/src/rules/rule.js';
import { spofProbeFailover } from '../../server/src/rules/probe-failover.js';
import { codes } from '../helpers.js';
import { readRulePage } from '../rule-page.js';
import { applyFix, findings, fixesOf, line, ruleIds, expectRulePageWithFix } from './rule-helpers.js';

const ID = 'spof-probe-failover';

/** A database `orders` with the given replication, behind `web`; `extra` nodes before it. */
function model(replication: string, extra = ''): string {
    return `system S {
  service web { instances 2 }
${extra}  database orders {
    replication ${replication}
  }
  web -> orders
}
`;
}

async function only(text: string): Promise<Finding> {
    const found = await findings(text, ID);
    expect(found.map(f => f.message)).toHaveLength(1);
    return found[0];
}

describe('spof-probe-failover', () => {
    const text = model('primary_backup { replicas 1 failover probe }', '  coordinator zk { instances 3 }\n');

    test('fires on the failover probe line of a replicated primary, as a warning', async () => {
        const finding = await only(text);
        expect(finding.severity).toBe('warning');
        expect(finding.node).toBe('orders');
        expect(line(finding)).toBe(4);
        // The range is the `failover probe` property itself.
        expect(text.split('\n')[4].slice(finding.range.start.character, finding.range.end.character)).toBe('failover probe');
        expect(finding.message).toContain('orders fails over by probe');
        expect(finding.message).toContain('its replica decides on its own probes whether the primary is dead');
        expect(finding.message).toContain('a slow or broken network path between them looks like a dead primary');
        expect(finding.message).toContain('two primaries');
    });

    test('fires on primary_replica too, and says each replica decides', async () => {
        const finding = await only(model('primary_replica { replicas 3 failover probe }'));
        expect(finding.message).toContain('each of its replicas decides');
    });

    test.each([
        ['failover arbiter', 'primary_backup { replicas 1 failover arbiter zk }'],
        ['failover interconnect', 'primary_backup { replicas 1 failover interconnect }'],
        ['failover manual', 'primary_backup { replicas 1 failover manual }'],
        ['no failover (manual)', 'primary_backup { replicas 1 }'],
        ['no replica to promote', 'primary_backup { replicas 0 failover probe }'],
        ['multi_master (failover ignored)', 'multi_master { replicas 2 failover probe }']
    ])('does not fire with %s', async (_name, replication) => {
        expect(await ruleIds(model(replication, '  coordinator zk { instances 3 }\n'))).not.toContain(ID);
    });

    test('the quick fix switches to the coordinator as arbiter, and the fixed model has no finding', async () => {
        const [fix, ...others] = fixesOf(await only(text));
        expect(others).toEqual([]);
        expect(fix.title).toBe('Fail over by arbiter zk');
        const fixed = await applyFix(text, fix);
        expect(fixed).toContain('replication primary_backup { replicas 1 failover arbiter zk }');
        const after = await ruleIds(fixed);
        expect(after).not.toContain(ID);
        expect(after).not.toContain('spof-arbiter');
    });

    test('the fix prefers a coordinator that keeps a quorum (odd, 3 or more) over an earlier one', async () => {
        const two = model('primary_backup { replicas 1 failover probe }', '  coordinator small { instances 2 }\n  coordinator quorum { instances 5 }\n');
        expect(fixesOf(await only(two)).map(f => f.title)).toEqual(['Fail over by arbiter quorum']);
        const onlySmall = model('primary_backup { replicas 1 failover probe }', '  coordinator small { instances 2 }\n');
        expect(fixesOf(await only(onlySmall)).map(f => f.title)).toEqual(['Fail over by arbiter small']);
    });

    test('without a coordinator there is no quick fix (and never one that keeps probe)', async () => {
        const finding = await only(model('primary_backup { replicas 1 failover probe }'));
        expect(fixesOf(finding)).toEqual([]);
    });

    test('an @allow above the node suppresses it and is used', async () => {
        const allowed = text.replace('  database orders {', '  // @allow spof-probe-failover: the old primary is fenced before the replica promotes\n  database orders {');
        const found = await codes(allowed);
        expect(found).not.toContain(ID);
        expect(found).not.toContain('model-unused-allow');
        expect(await codes(text)).toContain(ID);
    });
});

describe('no rule page and no quick fix recommends probe', () => {
    test('no fix of any finding writes `failover probe`', async () => {
        const texts = [
            model('primary_backup { replicas 1 failover manual }', '  coordinator zk { instances 3 }\n'),
            model('primary_backup { replicas 1 }'),
            model('primary_backup { replicas 1 failover interconnect }', '  coordinator zk { instances 3 }\n'),
            model('primary_replica { replicas 2 failover probe }'),
            'system S {\n  service web { instances 2 }\n  database orders\n  web -> orders\n}\n'
        ];
        for (const text of texts) {
            const newTexts = (await findings(text)).flatMap(f => fixesOf(f).flatMap(fix => fix.edits.map(edit => edit.newText)));
            expect(newTexts.filter(newText => newText.includes('probe')), text).toEqual([]);
        }
    });

    test.each(['spof-manual-failover', 'spof-split-brain', 'spof-single-instance', 'spof-probe-failover'])('docs/rules/%s.md has no snippet after a fix that fails over by probe', id => {
        const page = readRulePage(id);
        const [, after] = page.fixSnippets;
        expect(after).toBeDefined();
        expect(after).not.toContain('failover probe');
        const howToFix = page.text.split(/^## /m).find(part => part.startsWith('How to fix'))!.replace(/\s+/g, ' ');
        // Probe is named there only to say why not.
        for (const sentence of howToFix.split(/(?<=\.)\s/).filter(s => s.includes('`failover probe`'))) {
            expect(sentence).toMatch(/^Not `failover probe`|replaces `failover probe`/);
        }
    });
});

describe('docs/rules/spof-probe-failover.md', () => {
    test('has the sections, the severity, and a before/after that fires and does not', async () => {
        await expectRulePageWithFix(ID, spofProbeFailover.defaultSeverity, ['What it detects', 'Why it matters', 'False positives', 'How to fix', 'How to suppress']);
    });
});
