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
import { generateModel } from '../generate-model.js';
import { topologyOf } from '../helpers.js';

const designs: [string, string][] = [
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
});
