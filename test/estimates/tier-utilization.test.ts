/**
 * The capacity rules read each node's load, utilization and latency without the whole estimates
 * (estimates/tier-utilization.ts, tier-queue.ts; rules/capacity-load.ts): the figures must be the very
 * ones simulate() reports, or a finding and the hover would disagree. Checked on every bundled example,
 * every published design and generated models of both language versions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { simulate } from '../../server/src/estimates/simulate.js';
import { buildGraph } from '../../server/src/model/graph.js';
import { reportedLatency, reportedUtilizations } from '../../server/src/rules/capacity-load.js';
import { ALL_RULES } from '../../server/src/rules/registry.js';
import { checkTopology, ruleContext } from '../../server/src/rules/run-rules.js';
import { generateModel } from '../generate-model.js';
import { topologyOf } from '../helpers.js';

/** The branches most likely to drift: no member left, a queue past a double, unusable figures, an overloaded consumer. */
const EDGES: [string, string][] = [
    ['multi_master with no replica', `system S {
  traffic { peak 100 rps }
  service api { instances 2 capacity 500 rps latency 10ms }
  database db { capacity 300 rps latency 4ms replication multi_master { replicas 0 } }
  api -> db
}
`],
    ['a queue past a double, latency without capacity, capacity 0', `system S {
  traffic { peak 1000 rps }
  balancer edge { instances 2 algorithm least_connections }
  service gateway { autoscale 4..40 capacity ${'9'.repeat(200)} rps latency ${'9'.repeat(200)}ms }
  service slow { instances 2 latency 30ms }
  service none { instances 2 capacity 0 rps latency 5ms }
  edge -> gateway
  gateway -> slow
  gateway -> none
}
`],
    ['an overloaded consumer behind a queue, a tier in the warning band, the default balancer algorithm', `system S {
  traffic { peak 1000 rps }
  balancer lb { instances 2 }
  service api { instances 3 capacity 400 rps latency 20ms }
  queue jobs { instances 3 capacity 5000 rps }
  worker w { instances 2 capacity 300 rps latency 50ms }
  lb -> api
  api -> jobs
  jobs -> w
}
`]
];

const designs: [string, string][] = [
    ...EDGES,
    ...['examples', 'examples/real'].flatMap(folder => readdirSync(folder).filter(f => f.endsWith('.arch')).map((f): [string, string] => [join(folder, f), readFileSync(join(folder, f), 'utf8')])),
    ['generated, 300 nodes', generateModel(300, 7, 1).text],
    ['generated, 300 nodes (v2)', generateModel(300, 7, 2).text]
];

describe('the capacity rules\' figures are the estimates\'', () => {
    test.each(designs)('%s', async (_name, text) => {
        const topology = await topologyOf(text);
        const graph = buildGraph(topology);
        const estimates = simulate(topology, graph);
        const utilizations = reportedUtilizations(graph);
        expect(utilizations.size).toBe(topology.nodes.length);
        let withUtilization = 0;
        for (const estimate of estimates.nodes) {
            const node = graph.node(estimate.name)!;
            expect({ node: estimate.name, ...utilizations.get(estimate.name) }).toEqual({ node: estimate.name, loadRps: estimate.loadRps, utilization: estimate.utilization });
            expect({ node: estimate.name, latency: reportedLatency(graph, node) }).toEqual({ node: estimate.name, latency: estimate.latencyMs });
            if (estimate.utilization !== null) withUtilization++;
        }
        // Not a comparison of empty figures: each design has tiers with a utilization.
        expect(withUtilization).toBeGreaterThan(0);
    });

    test('a check without a target computes no whole estimates: its rules read only these', async () => {
        const topology = await topologyOf(readFileSync('examples/problems.arch', 'utf8'));
        expect(topology.targets).toBeUndefined();
        const context = ruleContext(topology);
        const findings = checkTopology(topology, {}, ALL_RULES, { ...context, estimates: () => { throw new Error('the whole estimates were computed'); } });
        expect(findings.map(f => f.ruleId)).not.toContain('internal-error');
        expect(findings.map(f => f.ruleId)).toEqual(checkTopology(topology, {}, ALL_RULES, ruleContext(topology)).map(f => f.ruleId));
        // The capacity rules did report, from these figures alone.
        expect(findings.map(f => f.ruleId)).toEqual(expect.arrayContaining(['cap-overload', 'cap-cold-cache', 'cap-missing-input']));
    });
});
