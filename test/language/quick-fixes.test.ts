/**
 * Quick fixes as the editor asks for them: the real validator's diagnostics
 * sent back to the real code action provider, the chosen action's edits
 * applied to the text, and the text checked again: the finding is gone (and
 * nothing new is broken). Also "suppress with @allow" for every rule that
 * fires on a model.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { describe, expect, test } from 'vitest';
import { applyEdits } from '../apply-edits.js';
import { check, services } from '../helpers.js';
import { generateModel } from '../generate-model.js';

async function actionsFor(text: string, code: string): Promise<{ actions: CodeAction[]; diagnostic: Diagnostic }> {
    const { document, diagnostics } = await check(text);
    const diagnostic = diagnostics.find(d => d.code === code);
    if (!diagnostic) throw new Error(`no ${code} among ${diagnostics.map(d => d.code).join(', ')}`);
    const provider = services.Arch.lsp.CodeActionProvider!;
    const actions = (await provider.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
    }) ?? []) as CodeAction[];
    return { actions, diagnostic };
}

/**
 * Applies the code action titled like `title` that the provider offers for the
 * first `code` diagnostic, and returns the new text with its diagnostic codes.
 * (A rule's own fixes, without the LSP round trip: `applyFix` of test/rules/rule-helpers.ts.)
 */
async function applyAction(text: string, code: string, title: RegExp): Promise<{ text: string; codes: string[] }> {
    const { actions } = await actionsFor(text, code);
    const action = actions.find(a => title.test(a.title));
    if (!action) throw new Error(`no action like ${title} for ${code}: ${actions.map(a => a.title).join(' | ')}`);
    expect(action.kind).toBe('quickfix');
    const edits = Object.values(action.edit!.changes!)[0];
    const fixed = applyEdits(text, edits);
    const { diagnostics } = await check(fixed);
    return { text: fixed, codes: diagnostics.map(d => String(d.code)) };
}

const cases: { rule: string; title: RegExp; before: string; contains: string }[] = [
    {
        rule: 'spof-single-instance', title: /Run 2 instances of web/,
        before: 'system S {\n  service web {\n    capacity 100 rps\n  }\n}\n', contains: 'instances 2'
    },
    {
        rule: 'spof-arbiter', title: /Run 3 instances of zk/,
        before: 'system S {\n  coordinator zk { instances 2 }\n  database db {\n    replication primary_replica { replicas 1  failover arbiter zk }\n  }\n  service web { instances 2 }\n  web -> db\n}\n',
        contains: 'instances 3'
    },
    {
        rule: 'spof-health-check', title: /health checks/,
        before: 'system S {\n  balancer lb { instances 2 }\n  service web { instances 3 }\n  lb -> web\n}\n', contains: 'health every 5s'
    },
    {
        rule: 'spof-manual-failover', title: /Fail over by arbiter zk/,
        before: 'system S {\n  coordinator zk { instances 3 }\n  service web { instances 2 }\n  database db {\n    replication primary_replica {\n      replicas 1\n    }\n  }\n  web -> db\n}\n',
        contains: 'failover arbiter zk'
    },
    {
        rule: 'spof-manual-failover', title: /Fail over by arbiter zk/,
        before: 'system S {\n  coordinator zk { instances 3 }\n  service web { instances 2 }\n  database db { replication primary_replica }\n  web -> db\n}\n',
        contains: 'replication primary_replica { failover arbiter zk }'
    },
    {
        rule: 'mm-auto-increment', title: /uuid/,
        before: 'system S {\n  service web { instances 2 }\n  database db {\n    replication multi_master { replicas 2 }\n    table t {\n      kind session\n      id auto_increment\n    }\n  }\n  web -> db\n}\n',
        contains: 'id uuid'
    },
    {
        rule: 'hot-monotonic-shard-key', title: /by hash/,
        before: 'system S {\n  service web { instances 2 }\n  database db {\n    shards 4 by range\n    replication primary_replica { replicas 1  failover probe }\n    table t {\n      shard key id\n      id auto_increment\n    }\n  }\n  web -> db\n}\n',
        contains: 'shards 4 by hash'
    },
    {
        rule: 'hot-missing-shard-key', title: /global/,
        before: 'system S {\n  service web { instances 2 }\n  database db {\n    shards 4 by hash\n    replication primary_replica { replicas 1  failover probe }\n    table countries {\n      code text\n    }\n  }\n  web -> db\n}\n',
        contains: 'global'
    }
];

const sessions = 'system S {\n  balancer lb { instances 2  health every 5s }\n  service web {\n    instances 3\n    sessions local\n  }\n  cache store { instances 2 }\n  lb -> web -> store\n}\n';

describe('quick fixes: the edit applied, the finding gone', () => {
    for (const { rule, title, before, contains } of cases) {
        test(`${rule}: ${title.source}`, async () => {
            const { text, codes } = await applyAction(before, rule, title);
            expect(text).toContain(contains);
            expect(codes).not.toContain(rule);
            expect(codes.filter(c => c === 'syntax' || c === 'link')).toEqual([]);
        });
    }

    test('state-local-sessions offers a cookie, a store and sticky sessions, as separate choices that each clear it', async () => {
        const { actions } = await actionsFor(sessions, 'state-local-sessions');
        const titles = actions.map(a => a.title);
        expect(titles.some(t => /cookie/.test(t))).toBe(true);
        expect(titles.some(t => /in store/.test(t))).toBe(true);
        expect(titles.some(t => /sticky/i.test(t))).toBe(true);
        for (const title of [/cookie/, /in store/]) {
            const { codes } = await applyAction(sessions, 'state-local-sessions', title);
            expect(codes).not.toContain('state-local-sessions');
        }
        // Sticky sessions trade this error for state-sticky-sessions (a warning): the fix does what it says.
        const sticky = await applyAction(sessions, 'state-local-sessions', /sticky/i);
        expect(sticky.codes).not.toContain('state-local-sessions');
        expect(sticky.text).toContain('sticky on');
    });
});

describe('suppress with @allow', () => {
    test('every rule finding of a large generated model can be suppressed, and the @allow then counts as used', async () => {
        const text = generateModel(60).text;
        const { document, diagnostics } = await check(text);
        const ruleDiagnostics = diagnostics.filter(d => !['syntax', 'link', 'config'].includes(String(d.code)));
        const rules = new Set(ruleDiagnostics.map(d => String(d.code)).filter(code => code !== 'model-unused-allow'));
        expect(rules.size).toBeGreaterThan(5);
        for (const rule of rules) {
            const diagnostic = ruleDiagnostics.find(d => d.code === rule)!;
            const actions = (await services.Arch.lsp.CodeActionProvider!.getCodeActions(document, {
                textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
            }) ?? []) as CodeAction[];
            const suppress = actions.find(a => a.title.startsWith(`Suppress ${rule}`));
            expect(suppress, `a suppression for ${rule}`).toBeDefined();
            const fixed = applyEdits(text, Object.values(suppress!.edit!.changes!)[0]);
            const after = (await check(fixed)).diagnostics;
            // The one suppressed finding is gone, nothing else changed, and the new comment is not unused.
            expect(after.filter(d => d.code === rule).length, rule).toBe(diagnostics.filter(d => d.code === rule).length - 1);
            expect(after.filter(d => d.code === 'model-unused-allow').length).toBe(diagnostics.filter(d => d.code === 'model-unused-allow').length);
        }
    });

    test('the comment goes above the field a field finding is about, indented like it', async () => {
        const text = cases.find(c => c.rule === 'mm-auto-increment')!.before;
        const { text: fixed, codes } = await applyAction(text, 'mm-auto-increment', /^Suppress/);
        expect(fixed).toContain('      // @allow mm-auto-increment: ');
        expect(fixed.indexOf('// @allow mm-auto-increment')).toBeLessThan(fixed.indexOf('id auto_increment'));
        expect(codes).not.toContain('mm-auto-increment');
        expect(codes).not.toContain('model-unused-allow');
    });

    test('an unused @allow is removed, line and all, not suppressed', async () => {
        const text = 'system S {\n  service web { instances 2 }\n  // @allow spof-single-instance: it has two now\n  service api { instances 2 }\n  web -> api\n}\n';
        const { actions } = await actionsFor(text, 'model-unused-allow');
        expect(actions.map(a => a.title)).toEqual(['Remove this @allow spof-single-instance']);
        const { text: fixed, codes } = await applyAction(text, 'model-unused-allow', /^Remove/);
        expect(fixed).toBe(text.replace('  // @allow spof-single-instance: it has two now\n', ''));
        expect(codes).not.toContain('model-unused-allow');
    });

    test('syntax and link errors offer no suppression', async () => {
        const { actions } = await actionsFor('system S {\n  service web\n  web -> nowhere\n}\n', 'link');
        expect(actions).toEqual([]);
    });
});
