/**
 * `// @allow RULE-ID: reason` (LANGUAGE.md, "Suppressing a finding"): what it
 * suppresses, where it must sit, and how it meets the severity settings.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FindingData } from '../../server/src/language/validation/finding-diagnostics.js';
import { checkTopology } from '../../server/src/rules/run-rules.js';
import { check, services, topologyOf } from '../helpers.js';

function nodeOf(diagnostic: Diagnostic): string | undefined {
    return (diagnostic.data as FindingData | undefined)?.node;
}

/** `code@node` for every diagnostic, to compare whole outcomes at once. */
async function outcome(text: string): Promise<string[]> {
    const { diagnostics } = await check(text);
    return diagnostics.map(d => `${d.code}@${nodeOf(d) ?? '-'}`).sort();
}

describe('where an @allow must sit', () => {
    test('directly above a node, it suppresses that node\'s finding and is used', async () => {
        const text = `system S {
  service web { instances 2 }
  // @allow spof-single-instance: a nightly report store; an hour of downtime is fine
  database reports
  web -> reports
}`;
        expect(await outcome(text)).toEqual([]);
        // The same model without the comment has the finding: the comment is what removed it.
        expect(await outcome(text.replace(/ *\/\/ @allow.*\n/, ''))).toEqual(['spof-single-instance@reports']);
    });

    test('several stacked @allow lines above one node each suppress their rule', async () => {
        const text = `system S {
  zone east
  zone west
  // @allow spof-autoscale-min-one: a staging copy, cost matters more
  // @allow spof-single-zone: staging runs in one zone on purpose
  service web { autoscale 1..4 zones east }
}`;
        expect(await outcome(text)).toEqual([]);
        expect(await outcome(text.replace(/ *\/\/ @allow.*\n/g, ''))).toEqual(['spof-autoscale-min-one@web', 'spof-single-zone@web']);
    });

    test('in a stack, the one that suppresses nothing is the only one reported', async () => {
        const text = `system S {
  zone east
  zone west
  // @allow spof-autoscale-min-one: a staging copy, cost matters more
  // @allow spof-health-check: copied from the balancer, does not apply here
  // @allow spof-single-zone: staging runs in one zone on purpose
  service web { autoscale 1..4 zones east }
}`;
        const { diagnostics } = await check(text);
        expect(diagnostics.map(d => `${d.code}:${d.range.start.line}`)).toEqual(['model-unused-allow:4']);
        expect(diagnostics[0].message).toContain('web has no spof-health-check finding');
    });

    test('two lines above (a blank line between) it suppresses nothing and is reported as unused', async () => {
        const text = `system S {
  service web { instances 2 }
  // @allow spof-single-instance: a nightly report store

  database reports
  web -> reports
}`;
        const { diagnostics } = await check(text);
        expect(await outcome(text)).toEqual(['model-unused-allow@-', 'spof-single-instance@reports']);
        const unused = diagnostics.find(d => d.code === 'model-unused-allow')!;
        expect(unused.range.start.line).toBe(2);
        expect(unused.message).toContain('does not sit directly above a node, table or field');
    });

    test('a plain comment between the @allow and the node also breaks the link', async () => {
        const text = `system S {
  service web { instances 2 }
  // @allow spof-single-instance: a nightly report store
  // reports: written once a night
  database reports
  web -> reports
}`;
        expect(await outcome(text)).toEqual(['model-unused-allow@-', 'spof-single-instance@reports']);
    });

    test('above a property inside the node it suppresses nothing', async () => {
        const text = `system S {
  service web {
    // @allow spof-autoscale-min-one: quiet at night
    autoscale 1..4
  }
}`;
        expect(await outcome(text)).toEqual(['model-unused-allow@-', 'spof-autoscale-min-one@web']);
    });

    test('an allow above one node does not suppress the same rule on another', async () => {
        const text = `system S {
  service web { instances 2 }
  // @allow spof-single-instance: a nightly report store
  database reports
  database orders
  web -> reports
  web -> orders
}`;
        expect(await outcome(text)).toEqual(['spof-single-instance@orders']);
    });

    test('an allow above a node covers the findings on its tables and fields', async () => {
        const text = `system S {
  service web { instances 2 }
  // @allow mm-counter: stock is re-counted from the ledger every night
  database carts {
    replication multi_master { replicas 2 }
    table carts {
      kind session
      id uuid
      items counter
    }
  }
  web -> carts
}`;
        expect(await outcome(text)).toEqual([]);
        expect(await outcome(text.replace(/ *\/\/ @allow.*\n/, ''))).toEqual(['mm-counter@carts']);
    });

    test('an allow above a field covers that field only, not its node', async () => {
        const text = `system S {
  service web { instances 2 }
  database carts {
    replication multi_master { replicas 2 }
    table carts {
      kind session
      // @allow spof-single-instance: misplaced, the finding is on the node
      id uuid
      // @allow mm-counter: re-counted from the ledger every night
      items counter
    }
  }
  web -> carts
}`;
        const { diagnostics } = await check(text);
        expect(diagnostics.map(d => `${d.code}:${d.range.start.line}`)).toEqual(['model-unused-allow:6']);
        expect(diagnostics[0].message).toContain('field carts.id of carts has no spof-single-instance finding');
    });

    test('Windows line endings work the same', async () => {
        const text = 'system S {\r\n  service web { instances 2 }\r\n  // @allow spof-single-instance: a nightly report store\r\n  database reports\r\n  web -> reports\r\n}\r\n';
        expect(await outcome(text)).toEqual([]);
    });
});

describe('@allow and the severity settings', () => {
    const text = `system S {
  service web { instances 2 }
  // @allow spof-single-instance: a nightly report store
  database reports
  database orders
  web -> reports
  web -> orders
}`;

    afterEach(() => services.Arch.settings.setEditorRules({}));

    test('`off` removes the rule\'s findings but does not make its allows unused', async () => {
        const topology = await topologyOf(text);
        const ids = (settings: Record<string, 'off' | 'info'>): string[] =>
            checkTopology(topology, settings).map(f => `${f.ruleId}@${f.node ?? '-'}`);
        expect(ids({})).toEqual(['spof-single-instance@orders']);
        expect(ids({ 'spof-single-instance': 'off' })).toEqual([]);
        expect(ids({ 'spof-single-instance': 'info' })).toEqual(['spof-single-instance@orders']);
    });

    test('the same through the editor setting and the real validator', async () => {
        services.Arch.settings.setEditorRules({ 'spof-single-instance': 'off' });
        expect(await outcome(text)).toEqual([]);
    });

    test('an allow of a rule that is off is still reported when there is nothing under it to suppress', async () => {
        services.Arch.settings.setEditorRules({ 'spof-single-instance': 'off' });
        const stale = text.replace('database reports', 'database reports { instances 2 }');
        expect(await outcome(stale)).toEqual(['model-unused-allow@reports']);
    });
});
