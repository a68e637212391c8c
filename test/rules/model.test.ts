/**
 * The model-* rules of RULES.md, run on the Topology of each fixture
 * (rule-helpers.ts): unreachable nodes, cycles, and `@allow` comments that
 * suppress nothing. What the editor shows for an `@allow` without a reason or
 * of an unknown rule ID goes through the real language services.
 */
import { describe, expect, test } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { MODEL_RULES } from '../../server/src/rules/model.js';
import { check, codes } from '../helpers.js';
import { asSystem, readRulePage } from '../rule-page.js';
import { expectParsesAndLinks, findings, ruleIds } from './rule-helpers.js';

function lineOf(text: string, needle: string): number {
    const hits = text.split('\n').flatMap((line, i) => (line.includes(needle) ? [i] : []));
    expect(hits, `"${needle}" should be on exactly one line`).toHaveLength(1);
    return hits[0];
}

describe('model-unreachable', () => {
    test('an isolated coordinator is unreachable, and the message says nothing uses it', async () => {
        const text = `system S {
  service web { instances 2 }
  coordinator zk { instances 3 }
}`;
        const found = await findings(text, 'model-unreachable');
        expect(found.map(finding => finding.node)).toEqual(['zk']);
        expect(found[0].severity).toBe('warning');
        expect(found[0].range.start.line).toBe(lineOf(text, 'coordinator zk'));
        expect(found[0].message).toContain('zk is not on any request path');
        expect(found[0].message).toContain('no node uses it as a `failover arbiter`');
    });

    test('a pair of nodes reachable only from each other are both unreachable, naming their callers', async () => {
        const text = `system S {
  service web { instances 2 }
  service a { instances 2 }
  service b { instances 2 }
  a -> b -> a
}`;
        const found = await findings(text, 'model-unreachable');
        expect(found.map(finding => finding.node)).toEqual(['a', 'b']);
        expect(found[0].message).toContain('its callers (b) are not reached from any entry either');
        expect(found[1].message).toContain('its callers (a) are not reached from any entry either');
    });

    test('an arbiter named only by unreachable databases is unreachable, and is said to be named', async () => {
        const text = `system S {
  service web { instances 2 }
  coordinator zk { instances 3 }
  database a { replication primary_backup { failover arbiter zk } }
  database b { replication primary_backup { failover arbiter zk } }
  a -> b -> a
}`;
        const zk = (await findings(text, 'model-unreachable')).find(finding => finding.node === 'zk')!;
        expect(zk.message).toContain('only named by nodes that no request reaches');
        expect(zk.message).not.toContain('no node uses it');
    });

    test('entries, an arbiter in use and a session store are all reachable', async () => {
        const text = `system S {
  service web { instances 2 sessions store sessions_db }
  cache sessions_db { instances 2 }
  coordinator zk { instances 3 }
  database orders { replication primary_backup { failover arbiter zk } }
  web -> orders
}`;
        expect(await ruleIds(text)).not.toContain('model-unreachable');
    });

    test('a self-loop on an entry is a cycle, but the entry and what it calls stay reachable', async () => {
        const text = `system S {
  service web { instances 2 }
  database orders
  web -> web -> orders
}`;
        const found = await ruleIds(text);
        expect(found).toContain('model-cycle');
        expect(found).not.toContain('model-unreachable');
        // Still checked: orders runs one instance behind web.
        expect(found).toContain('spof-single-instance');
    });
});

describe('model-cycle', () => {
    test('names the cycle a → b → a, on the first node of it', async () => {
        const text = `system S {
  service web { instances 2 }
  service a { instances 2 }
  service b { instances 2 }
  web -> a -> b -> a
}`;
        const found = await findings(text, 'model-cycle');
        expect(found).toHaveLength(1);
        expect(found[0].severity).toBe('warning');
        expect(found[0].range.start.line).toBe(lineOf(text, 'service a'));
        expect(found[0].message).toContain('a → b → a');
    });

    test('a self-loop is a cycle of one node', async () => {
        const text = `system S {
  service web { instances 2 }
  service api { instances 2 }
  web -> api -> api
}`;
        const found = await findings(text, 'model-cycle');
        expect(found.map(finding => finding.message)).toHaveLength(1);
        expect(found[0].message).toContain('api → api');
        expect(found[0].node).toBe('api');
    });

    test('two separate cycles are reported once each', async () => {
        const text = `system S {
  service web { instances 2 }
  service a { instances 2 }
  service b { instances 2 }
  service c { instances 2 }
  service d { instances 2 }
  web -> a -> b -> a
  web -> c -> d -> c
}`;
        const found = await findings(text, 'model-cycle');
        expect(found.map(finding => finding.message)).toHaveLength(2);
        expect(found[0].message).toContain('a → b → a');
        expect(found[1].message).toContain('c → d → c');
    });

    test('loops that share nodes are one tangle, reported once', async () => {
        const text = `system S {
  service web { instances 2 }
  service a { instances 2 }
  service b { instances 2 }
  service c { instances 2 }
  web -> a -> b -> c -> a
  b -> a
}`;
        const found = await findings(text, 'model-cycle');
        expect(found.map(finding => finding.message)).toHaveLength(1);
        expect(found[0].message).toContain('a → b → a');
    });

    test('a diamond (a → b, a → c, b → d, c → d) is not a cycle', async () => {
        const text = `system S {
  service a { instances 2 }
  service b { instances 2 }
  service c { instances 2 }
  service d { instances 2 }
  a -> b -> d
  a -> c -> d
}`;
        await expectParsesAndLinks(text);
        expect(await ruleIds(text)).toEqual([]);
    });
});

describe('model-unused-allow', () => {
    test('an allow above a node without that finding is unused', async () => {
        const text = `system S {
  // @allow spof-single-instance: web is stateless and restarts in seconds
  service web { instances 2 }
}`;
        const found = await findings(text, 'model-unused-allow');
        expect(found).toHaveLength(1);
        expect(found[0].severity).toBe('warning');
        expect(found[0].range.start.line).toBe(lineOf(text, '@allow'));
        expect(found[0].message).toContain('web has no spof-single-instance finding to suppress');
    });

    test('an allow of an unknown rule ID is unused and says the ID is unknown', async () => {
        const text = `system S {
  // @allow spof-single-instanse: typo in the rule ID
  service web
}`;
        const { diagnostics } = await check(text);
        const unused = diagnostics.filter(d => d.code === 'model-unused-allow');
        expect(unused).toHaveLength(1);
        expect(unused[0].message).toContain('`spof-single-instanse` is not a rule ID');
        // The typo suppresses nothing: the real finding stays.
        expect(diagnostics.map(d => d.code)).toContain('spof-single-instance');
    });

    test('an allow above nothing it can suppress is unused', async () => {
        const text = `system S {
  service web { instances 2 }
  service api { instances 2 }
  // @allow model-cycle: this edge is a callback
  web -> api
}`;
        const found = await findings(text, 'model-unused-allow');
        expect(found).toHaveLength(1);
        expect(found[0].range.start.line).toBe(lineOf(text, '@allow'));
        expect(found[0].message).toContain('does not sit directly above a node, table or field');
    });

    test('an allow with no reason is a syntax error, and suppresses nothing', async () => {
        for (const allow of ['// @allow spof-single-instance', '// @allow spof-single-instance:', '// @allow spof-single-instance:   ']) {
            const text = `system S {\n  ${allow}\n  service web\n}`;
            const { diagnostics } = await check(text);
            const syntax = diagnostics.filter(d => d.code === 'syntax');
            expect(syntax, allow).toHaveLength(1);
            expect(syntax[0].severity).toBe(DiagnosticSeverity.Error);
            expect(syntax[0].range.start.line).toBe(1);
            expect(syntax[0].message).toContain('needs a reason');
            expect(diagnostics.map(d => d.code), allow).toContain('spof-single-instance');
            expect(diagnostics.map(d => d.code), allow).not.toContain('model-unused-allow');
        }
    });
});

describe('rule pages', () => {
    const SECTIONS = ['What it detects', 'Why it matters', 'False positives', 'How to fix', 'How to suppress'];

    test.each(MODEL_RULES.map(rule => [rule.id, rule] as const))('docs/rules/%s.md', async (id, rule) => {
        const page = readRulePage(id);
        expect(page.title).toBe(`# ${id}`);
        expect(page.severity).toBe(rule.defaultSeverity);
        expect(page.sections).toEqual(SECTIONS);
        // An @allow of model-unused-allow would itself be unused, so its page shows only the setting.
        if (id !== 'model-unused-allow') expect(page.text).toContain(`// @allow ${id}: `);
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

    // `syntax` and `link` are codes, not rules: their pages show an error before and none after.
    test.each(['syntax', 'link'])('docs/rules/%s.md', async id => {
        const page = readRulePage(id);
        expect(page.title).toBe(`# ${id}`);
        expect(page.severity).toBe('error');
        expect(page.sections).toEqual(SECTIONS);
        const [before, after] = page.fixSnippets;
        expect(await codes(asSystem(before))).toContain(id);
        const afterFound = await codes(asSystem(after));
        expect(afterFound).not.toContain('syntax');
        expect(afterFound).not.toContain('link');
    });
});

describe('queues: consumers and pipelines', () => {
    const PIPELINE = `system S {
  traffic { peak 100 rps }
  service api { instances 2 }
  queue jobs { instances 3 }
  worker resize { instances 2 }
  api -> jobs
  jobs -> resize
  resize -> jobs 20%
}`;

    test('a consumer behind a queue is reached (asynchronously): not model-unreachable', async () => {
        expect(await findings(PIPELINE, 'model-unreachable')).toEqual([]);
    });

    test('a loop through a queue is a pipeline: no model-cycle while it feeds back less than 100%', async () => {
        expect(await findings(PIPELINE, 'model-cycle')).toEqual([]);
    });

    test('a pipeline that feeds back 100% is reported by model-cycle, which says the backlog grows without bound', async () => {
        const found = await findings(PIPELINE.replace('resize -> jobs 20%', 'resize -> jobs'), 'model-cycle');
        expect(found.map(finding => finding.node)).toEqual(['jobs']);
        expect(found[0].message).toContain('jobs → resize → jobs');
        expect(found[0].message).toContain('grows without bound');
    });
});
