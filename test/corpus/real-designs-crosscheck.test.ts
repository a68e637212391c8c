/**
 * The published designs (examples/real/) checked twice: the estimates against the independent cross-check
 * simulation (docs/crosscheck.md), figure by figure, seed 1. The request run is 30,000 requests instead of
 * the CLI's 100,000: social_graph's 100 calls a request made one design take 45 s on a loaded machine, long
 * enough for a vitest worker's messages to time out; the agreement's intervals widen with the shorter run. A disagreement means the estimate or the simulation is wrong on
 * a real design; finding four of them is how Nx with a key per call, spread shards conditioned on, and an
 * autoscaled tier regrowing after a zone were fixed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { agreement } from '../../server/src/crosscheck/agreement.js';
import { crossCheck } from '../../server/src/crosscheck/cross-check.js';
import { countDisagreements } from '../../server/src/cli/format-cross-check.js';
import { simulate } from '../../server/src/estimates/simulate.js';
import { topologyOf } from '../helpers.js';

const FOLDER = new URL('../../examples/real/', import.meta.url);
const REQUESTS = 30_000;
const files = readdirSync(FOLDER).filter(file => file.endsWith('.arch')).sort();

describe('published designs: the estimates agree with the simulation', () => {
    test.each(files)('%s', async file => {
        const topology = await topologyOf(readFileSync(new URL(file, FOLDER), 'utf8'));
        const compared = agreement(topology, simulate(topology), crossCheck(topology, { seed: 1, requests: REQUESTS }));
        const figures = ['load', 'utilization', 'latencyMean', 'latencyP99', 'availability'] as const;
        const disagreeing = [
            ...compared.nodes.flatMap(node => figures.filter(name => node[name].agrees === false).map(name => `${node.name} ${name}`)),
            ...(['system', 'zoneLost', 'latencyMean', 'latencyP99'] as const).filter(name => compared[name].agrees === false)
        ];
        expect(countDisagreements(compared), disagreeing.join('; ')).toBe(0);
    }, 120_000);
});
