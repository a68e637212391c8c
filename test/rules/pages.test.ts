/** Every rule ID of the catalog has its page, and each page states the rule's real default severity. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ALL_RULES } from '../../server/src/rules/registry.js';

const SECTIONS = ['## What it detects', '## Why it matters', '## False positives', '## How to fix', '## How to suppress'];

describe('rule pages (docs/rules/ID.md)', () => {
    test.each(ALL_RULES.map(rule => [rule.id, rule.defaultSeverity]))('%s has a page with its default severity (%s)', (id, severity) => {
        const path = `docs/rules/${id}.md`;
        expect(existsSync(path), `${path} is missing`).toBe(true);
        const page = readFileSync(path, 'utf8');
        expect(page.startsWith(`# ${id}\n`)).toBe(true);
        expect(page).toContain(`Default severity: **${severity}**`);
        for (const section of SECTIONS) expect(page, `${path} lacks "${section}"`).toContain(section);
        // An @allow of model-unused-allow would itself suppress nothing: its page shows the setting instead.
        expect(page).toContain(id === 'model-unused-allow' ? `"${id}": "off"` : `@allow ${id}:`);
    });

    test('every rule ID of the RULES.md catalog is a registered rule', () => {
        // The contract: the IDs of ../shared/design/RULES.md.
        const catalog = [
            'spof-single-instance', 'spof-manual-failover', 'spof-arbiter', 'spof-split-brain', 'spof-probe-failover', 'spof-single-zone',
            'spof-health-check', 'spof-autoscale-min-one',
            'hot-monotonic-shard-key', 'hot-key-overload', 'hot-missing-shard-key', 'hot-low-cardinality-key', 'hot-hash-mod-resharding',
            'shard-auto-increment', 'shard-cross-join',
            'state-local-sessions', 'state-sticky-sessions', 'state-autoscaled-local', 'state-cache-as-store',
            'mm-auto-increment', 'mm-counter', 'mm-unique', 'mm-entity-data',
            'lag-read-your-writes', 'lag-counter-on-replica', 'lag-failover-data-loss',
            'cap-overload', 'cap-failure-headroom', 'cap-cold-cache', 'cap-missing-input',
            'target-availability', 'target-latency', 'target-utilization', 'target-stale', 'target-data-loss',
            'model-unreachable', 'model-cycle', 'model-unused-allow'
        ];
        expect(ALL_RULES.map(rule => rule.id).sort()).toEqual([...catalog].sort());
        // In the catalog's order too (SARIF lists the rules in the registry's order).
        expect(ALL_RULES.map(rule => rule.id)).toEqual(catalog);
    });
});
