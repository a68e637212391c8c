/**
 * The served share, exactly: on small cases worked out by hand, and the failure simulation's shortcut
 * (recomputing only above the nodes that changed) against a full recomputation, on a generated model
 * through many random changes.
 */
import { expect, test } from 'vitest';
import { createRandom } from '../../server/src/crosscheck/random.js';
import { buildRouting, CLASSES } from '../../server/src/crosscheck/request-paths.js';
import { ServedShare, type NodeShares } from '../../server/src/crosscheck/served-share.js';
import { generateModel } from '../generate-model.js';
import { topologyOf } from '../helpers.js';
import { buildTopology } from './builder.js';

function allUp(count: number): NodeShares {
    return { served: CLASSES.map(() => new Float64Array(count).fill(1)), servedKeepingShare: CLASSES.map(() => new Float64Array(count).fill(1)) };
}

test('each call is taken on its own: a 30% call to a node serving half fails 15% of requests', () => {
    const routing = buildRouting(buildTopology({
        nodes: [{ name: 'api', kind: 'service' }, { name: 'orders', kind: 'service' }, { name: 'search', kind: 'service' }],
        edges: [['api', 'orders', 0.3], ['api', 'search', 0.5]]
    }));
    const shares = allUp(3);
    shares.served[0][1] = shares.served[1][1] = 0.5;
    shares.served[0][2] = shares.served[1][2] = 0;
    const served = new ServedShare(routing);
    served.updateAll(shares);
    expect(served.system(shares)).toBeCloseTo((1 - 0.3 * 0.5) * (1 - 0.5), 12);
});

test('a cache answers its hits itself: with the store down, reads are served at the hit ratio, writes not at all', () => {
    const routing = buildRouting(buildTopology({
        traffic: { readShare: 0.9 },
        nodes: [{ name: 'cache', kind: 'cache', hit: 0.8 }, { name: 'db', kind: 'database' }],
        edges: [['cache', 'db']]
    }));
    const shares = allUp(2);
    shares.served[0][1] = shares.served[1][1] = 0;
    const served = new ServedShare(routing);
    served.updateAll(shares);
    expect(served.system(shares)).toBeCloseTo(0.9 * 0.8, 12);
});

test('updating only above the changed nodes gives what a full recomputation gives, through 2,000 random changes', async () => {
    const routing = buildRouting(await topologyOf(generateModel(120).text));
    const count = routing.nodes.length;
    const random = createRandom(5);
    const shares = allUp(count);
    const incremental = new ServedShare(routing);
    incremental.updateAll(shares);
    const queues = routing.nodes.filter(routed => routed.isQueue).map(routed => routed.index);
    expect(queues.length).toBeGreaterThan(5);
    for (let step = 0; step < 2000; step++) {
        const changed: number[] = [];
        for (let i = 0; i < 1 + random.below(3); i++) {
            const node = random.below(count);
            const value = random.chance(0.5) ? 1 : random.chance(0.5) ? 0 : random.uniform();
            for (const c of CLASSES) {
                shares.served[c][node] = random.chance(0.8) ? value : 1 - value;
                shares.servedKeepingShare[c][node] = random.uniform();
            }
            changed.push(node);
        }
        incremental.updateFrom(shares, changed);
        const full = new ServedShare(routing);
        full.updateAll(shares);
        expect(incremental.system(shares)).toBe(full.system(shares));
        for (const queue of queues) for (const c of CLASSES) expect(incremental.jobs(queue, c, shares)).toBe(full.jobs(queue, c, shares));
    }
});
