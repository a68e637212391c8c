/**
 * Scenario estimates held to the independent cross-check simulation (ESTIMATES.md, "Cross-check"):
 * a scenario that changes the peak or empties a cache is the same kind of system as the base case (its
 * Topology with the peaks scaled and the cache at hit 0%, scenario-conditions.ts), so the simulator runs
 * it as it runs any model, and every figure must agree. A scenario that fails zones or nodes runs on
 * the same Topology (a dead node's edges carry nothing, a DNS that checks its targets answers with live
 * ones: scenario-conditions.ts) with the simulator holding those zones and nodes down for the whole run
 * (crosscheck/held-down.ts, written apart from the estimates' count of what a zone takes).
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

const ZONES = (routing: string) => `system Z {
  traffic { peak 1000 rps  reads 90% }
  zone east
  zone west
  zone central
  dns front { ${routing} }
  balancer lb_east { managed  zones east }
  balancer lb_west { managed  zones west }
  service api { instances 6  capacity 400 rps  latency 10ms  health every 5s  zones east, west  availability 99% }
  cache c { instances 2  capacity 5000 rps  latency 1ms  hit 80%  zones east, west }
  database db { capacity 2000 rps  latency 5ms  zones east, west  replication primary_replica { replicas 1  failover interconnect } }
  coordinator zk { instances 3  zones east, west, central }
  front -> lb_east
  front -> lb_west
  lb_east -> api
  lb_west -> api
  api -> c -> db
  api -> zk
  scenario east_down { fail east }
  scenario lb_gone { fail lb_east }
  scenario cache_gone { fail c }
  scenario rush_west { peak 1.3x  fail east }
}`;

const FEED = (): string => readFileSync('examples/feed.arch', 'utf8');
const cases: [string, string, () => string][] = [
    ['a hand-sized model', 'busy', () => RUSH],
    ['a hand-sized model', 'cold_start', () => RUSH],
    ['a hand-sized model', 'quiet', () => RUSH],
    ['LANGUAGE.md\'s example', 'black_friday', FEED],
    ['LANGUAGE.md\'s example', 'cold_start', FEED],
    ['LANGUAGE.md\'s example', 'east_down', FEED],
    ['two zones behind a failover DNS', 'east_down', () => ZONES('routing failover')],
    ['two zones behind a round-robin DNS without checks', 'east_down', () => ZONES('routing round_robin')],
    ['two zones behind a failover DNS', 'lb_gone', () => ZONES('routing failover')],
    ['two zones behind a round-robin DNS without checks', 'lb_gone', () => ZONES('routing round_robin')],
    ['two zones behind a failover DNS, the aside cache down (set aside: its reads go to db)', 'cache_gone', () => ZONES('routing failover')],
    ['two zones behind a failover DNS, 1.3x the peak', 'rush_west', () => ZONES('routing failover')]
];

describe('scenarios: the estimates agree with the simulation', () => {
    test.each(cases)('%s, scenario %s', async (_what, name, text) => {
        const topology = await topologyOf(text());
        const scenario = topology.scenarios.find(s => s.name === name)!;
        const system = scenarioSystem(topology, scenario);
        expect(system.conditions.lost.size > 0).toBe(scenario.failedZones.length + scenario.failedNodes.length > 0);
        const estimates = simulate(system.topology, buildGraph(system.topology), system.conditions);
        const down = { zones: scenario.failedZones, nodes: scenario.failedNodes };
        const compared = agreement(system.topology, estimates, crossCheck(system.topology, { seed: 1, requests: 20_000, down }));
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
