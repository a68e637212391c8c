/**
 * Scenario estimates held to the independent cross-check simulation (ESTIMATES.md, "Cross-check"):
 * a scenario that changes the peak or empties a cache is the same kind of system as the base case (its
 * Topology with the peaks scaled and the cache at hit 0%, scenario-conditions.ts), so the simulator runs
 * it as it runs any model, and every figure must agree. (Zones and nodes down are checked by hand-worked
 * figures in test/estimates/scenarios.test.ts: the simulator has no way to hold a zone down yet.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { agreement } from '../../server/src/crosscheck/agreement.js';
import { crossCheck } from '../../server/src/crosscheck/cross-check.js';
import { countDisagreements } from '../../server/src/cli/format-cross-check.js';
import { scenarioSystem } from '../../server/src/estimates/scenario-conditions.js';
import { simulate } from '../../server/src/estimates/simulate.js';
import { buildGraph } from '../../server/src/model/graph.js';
import { topologyOf } from '../helpers.js';

const RUSH = `system R {
  traffic { peak 1000 rps  reads 80% }
  balancer lb { instances 2  capacity 10000 rps  latency 1ms  health every 5s }
  service web { instances 4  capacity 500 rps  latency 20ms  health every 5s }
  cache c { instances 2  capacity 20000 rps  latency 1ms  hit 90% }
  database db { capacity 5000 rps  latency 5ms  replication primary_replica { replicas 1  failover interconnect } }
  lb -> web -> c -> db
  scenario busy { peak 1.5x }
  scenario cold_start { cold c }
  scenario quiet { peak 400 rps }
}`;

const FEED = (): string => readFileSync('examples/feed.arch', 'utf8');
const cases: [string, string, () => string][] = [
    ['a hand-sized model', 'busy', () => RUSH],
    ['a hand-sized model', 'cold_start', () => RUSH],
    ['a hand-sized model', 'quiet', () => RUSH],
    ['LANGUAGE.md\'s example', 'black_friday', FEED],
    ['LANGUAGE.md\'s example', 'cold_start', FEED]
];

describe('scenarios: the estimates agree with the simulation', () => {
    test.each(cases)('%s, scenario %s', async (_what, name, text) => {
        const topology = await topologyOf(text());
        const scenario = topology.scenarios.find(s => s.name === name)!;
        const system = scenarioSystem(topology, scenario);
        expect(system.conditions.lost.size).toBe(0);
        const estimates = simulate(system.topology, buildGraph(system.topology), system.conditions);
        const compared = agreement(system.topology, estimates, crossCheck(system.topology, { seed: 1, requests: 20_000 }));
        const figures = ['load', 'utilization', 'latencyMean', 'latencyP99', 'availability'] as const;
        const disagreeing = [
            ...compared.nodes.flatMap(node => figures.filter(f => node[f].agrees === false).map(f => `${node.name} ${f}`)),
            ...(['system', 'latencyMean', 'latencyP99'] as const).filter(f => compared[f].agrees === false)
        ];
        expect(countDisagreements(compared), disagreeing.join('; ')).toBe(0);
        // Something was compared: the load of every node with one, and the system's availability.
        expect(compared.nodes.filter(node => node.load.agrees === true).length).toBeGreaterThan(2);
        expect(compared.system.agrees).toBe(true);
    }, 120_000);
});
