/**
 * How `simulate --check` shows a figure that disagrees. Since the estimates agree with the simulation
 * on every model the tests run (docs/crosscheck.md), the disagreement is put in by hand: the real
 * estimates and the real simulation of a small model, with the estimated system availability then set
 * wrong, go through the real comparison and the real formatter.
 */
import { describe, expect, test } from 'vitest';
import { agreement } from '../../server/src/crosscheck/agreement.js';
import { crossCheck } from '../../server/src/crosscheck/cross-check.js';
import { simulate } from '../../server/src/estimates/simulate.js';
import { countDisagreements, crossCheckJson, formatCrossCheckText } from '../../server/src/cli/format-cross-check.js';
import { topologyOf } from '../helpers.js';

const MODEL = `system Q {
  traffic { peak 100 rps }
  service api { instances 2 health every 5s }
  queue q { instances 3 replication primary_backup { replicas 1 failover manual } }
  api -> q
}`;

describe('a figure that disagrees', () => {
    test('says NO, and the count closes the text; the JSON counts it', async () => {
        const topology = await topologyOf(MODEL);
        const estimates = simulate(topology);
        const simulated = crossCheck(topology, { seed: 1 });
        expect(countDisagreements(agreement(topology, estimates, simulated))).toBe(0);

        const wrong = { ...estimates, availability: { ...estimates.availability, system: 0.99 } };
        const compared = agreement(topology, wrong, simulated);
        expect(countDisagreements(compared)).toBe(1);
        const text = formatCrossCheckText(simulated, compared);
        expect(text).toMatch(/\nsystem\s+estimate\s+simulation\s+agrees\s+note\navailability\s+99%\s+99\.9\d+% ± [\d.]+%\s+NO\n/);
        expect(text).toMatch(/\n1 figure\(s\) disagree: the estimate or the simulation is wrong there \(docs\/crosscheck\.md\)\n$/);
        const json = crossCheckJson(simulated, compared);
        expect(json.disagreements).toBe(1);
        expect(json.availability.system.agrees).toBe(false);
    });
});
