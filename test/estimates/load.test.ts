/**
 * Load propagation (ESTIMATES.md "Load", docs/estimates.md "Load") on small
 * graphs whose loads are worked out by hand in the comments: the real parser
 * builds the Topology, `propagateLoad` spreads the peak.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { propagateLoad, total, type Flow, type LoadResult } from '../../server/src/estimates/load.js';
import { simulate } from '../../server/src/estimates/simulate.js';
import { buildGraph } from '../../server/src/model/graph.js';
import { topologyOf } from '../helpers.js';

async function loadOf(text: string, peakOverride?: number): Promise<LoadResult> {
    return propagateLoad(buildGraph(await topologyOf(text)), peakOverride);
}

function flowAt(result: LoadResult, name: string): Flow {
    const flow = result.arriving.get(name);
    expect(flow, `${name} has a load`).toBeDefined();
    return flow!;
}

function rps(result: LoadResult, name: string): number {
    return total(flowAt(result, name));
}

describe('edge shares', () => {
    test('multiply along a chain: 30% then 50% is 15% of the peak', async () => {
        const result = await loadOf(`system S {
  traffic { peak 1000 rps reads 90% }
  service a
  service b
  service c
  a -> b 30% -> c 50%
}`);
        // a: the whole peak, 900 reads + 100 writes.
        expect(flowAt(result, 'a').reads).toBeCloseTo(900, 9);
        expect(flowAt(result, 'a').writes).toBeCloseTo(100, 9);
        // b: 30% of 1000 = 300; c: 50% of 300 = 150 = 15% of the peak, still 90% reads.
        expect(rps(result, 'b')).toBeCloseTo(300, 9);
        expect(rps(result, 'c')).toBeCloseTo(150, 9);
        expect(flowAt(result, 'c').reads).toBeCloseTo(135, 9);
        expect(flowAt(result, 'c').writes).toBeCloseTo(15, 9);
        expect(result.blocked.size).toBe(0);
    });

    test('an edge without a share carries all of the caller\'s requests', async () => {
        const result = await loadOf(`system S {
  traffic { peak 800 rps }
  service a
  service b
  a -> b
}`);
        expect(rps(result, 'b')).toBeCloseTo(800, 9);
    });

    test('fan-out: each callee gets its own share of the caller (the shares need not add up to 100%)', async () => {
        const result = await loadOf(`system S {
  traffic { peak 1000 rps }
  service a
  service b
  service c
  a -> b 40%
  a -> c 70%
}`);
        // b: 0.4 × 1000 = 400; c: 0.7 × 1000 = 700.
        expect(rps(result, 'b')).toBeCloseTo(400, 9);
        expect(rps(result, 'c')).toBeCloseTo(700, 9);
    });

    test('a node called by two callers gets the sum of what each sends', async () => {
        const result = await loadOf(`system S {
  traffic { peak 1000 rps }
  service a
  service b
  service c
  service d
  a -> b 50%
  a -> c 20%
  b -> d 10%
  c -> d
}`);
        // d: 0.1 × 500 + 1.0 × 200 = 250.
        expect(rps(result, 'd')).toBeCloseTo(250, 9);
    });
});

describe('entries', () => {
    test('two entries split the peak evenly, and the split is listed as an assumption', async () => {
        const result = await loadOf(`system S {
  traffic { peak 1000 rps reads 90% }
  dns one
  dns two
  service api
  one -> api
  two -> api
}`);
        // 1000 / 2 = 500 each; api gets both halves back: 1000.
        expect(rps(result, 'one')).toBeCloseTo(500, 9);
        expect(rps(result, 'two')).toBeCloseTo(500, 9);
        expect(rps(result, 'api')).toBeCloseTo(1000, 9);
        expect(result.assumptions).toContainEqual({ input: 'entry-split', entries: ['one', 'two'], nodes: [] });
    });

    test('clients: each sends its own rate where it calls, so no split over the entry nodes is assumed (LANGUAGE.md\'s example)', async () => {
        const result = await loadOf(readFileSync('examples/feed.arch', 'utf8'));
        // front (the browsers and the phones) and fanout_q (the nightly job) are both entries, fed by their clients.
        expect(rps(result, 'front')).toBeCloseTo(28000, 9);
        expect(rps(result, 'fanout_q')).toBeGreaterThan(300);
        expect(result.assumptions.map(a => a.input)).not.toContain('entry-split');
    });

    test('one entry: no split assumption; without `reads` every request is a read, and that is listed', async () => {
        const result = await loadOf(`system S {
  traffic { peak 600 rps }
  service api
}`);
        expect(flowAt(result, 'api')).toEqual({ reads: 600, writes: 0 });
        expect(result.readShare).toBe(1);
        expect(result.assumptions).toEqual([{ input: 'read-share', readShare: 1, nodes: [] }]);
    });
});

describe('caches', () => {
    test('a cache with hit 80% passes on the writes and 20% of the reads', async () => {
        const result = await loadOf(`system S {
  traffic { peak 1000 rps reads 90% }
  service api
  cache c { hit 80% }
  database db
  api -> c -> db
}`);
        // The cache sees 900 reads + 100 writes; it passes on 100 writes + 0.2 × 900 = 180 reads = 280.
        expect(rps(result, 'c')).toBeCloseTo(1000, 9);
        expect(flowAt(result, 'db').reads).toBeCloseTo(180, 9);
        expect(flowAt(result, 'db').writes).toBeCloseTo(100, 9);
        expect(rps(result, 'db')).toBeCloseTo(280, 9);
    });

    test('a cdn with a hit rate and an edge share: misses × share', async () => {
        const result = await loadOf(`system S {
  traffic { peak 2000 rps reads 50% }
  cdn edge { hit 90% }
  storage blobs
  edge -> blobs 50%
}`);
        // Passed on: 1000 writes + 0.1 × 1000 reads = 1100; × 50% = 550 (500 writes, 50 reads).
        expect(flowAt(result, 'blobs').writes).toBeCloseTo(500, 9);
        expect(flowAt(result, 'blobs').reads).toBeCloseTo(50, 9);
    });

    test('a cache without `hit` passes everything on (hit 0%)', async () => {
        const result = await loadOf(`system S {
  traffic { peak 1000 rps reads 90% }
  service api
  cache c
  database db
  api -> c -> db
}`);
        expect(rps(result, 'db')).toBeCloseTo(1000, 9);
    });
});

describe('sessions store', () => {
    test('`sessions store X` adds one lookup (a read) in X per request of the node', async () => {
        const result = await loadOf(`system S {
  traffic { peak 1000 rps reads 60% }
  service web { sessions store sc }
  cache sc
  database db
  web -> db 30%
}`);
        // sc: one read per web request = 1000 reads, 0 writes (even though 40% of web's requests write).
        expect(flowAt(result, 'sc')).toEqual({ reads: 1000, writes: 0 });
        // The store is reached through the reference, not an entry of its own.
        expect(rps(result, 'web')).toBeCloseTo(1000, 9);
        expect(rps(result, 'db')).toBeCloseTo(300, 9);
    });

    test('an explicit edge to the store adds its own calls to the lookups (LANGUAGE.md, node table)', async () => {
        const result = await loadOf(`system S {
  traffic { peak 1000 rps reads 60% }
  service web { sessions store sc }
  cache sc
  web -> sc 10%
}`);
        // One lookup per request (1,000 reads) plus the edge's 0.1 × 1000 = 100 (60 reads + 40 writes).
        expect(rps(result, 'sc')).toBeCloseTo(1100, 9);
        expect(flowAt(result, 'sc').reads).toBeCloseTo(1060, 9);
        expect(flowAt(result, 'sc').writes).toBeCloseTo(40, 9);
    });

    test('the lookups count what reaches the node, so they scale with its share', async () => {
        const result = await loadOf(`system S {
  traffic { peak 1000 rps }
  dns front
  service web { sessions store sc }
  cache sc
  front -> web 25%
}`);
        expect(rps(result, 'sc')).toBeCloseTo(250, 9);
    });
});

describe('cycles', () => {
    // front is a service: out of a dns, edges to three services would be alternatives (DNS answers one).
    const CYCLE = `system S {
  traffic { peak 1000 rps }
  service front
  service a
  service b
  service only_via_cycle
  service beside
  service both
  front -> a
  a -> b
  b -> a
  b -> only_via_cycle
  front -> beside 40%
  front -> both
  b -> both
}`;

    test('nodes on a cycle, and nodes fed through it, get no load; a node beside it keeps its load', async () => {
        const result = await loadOf(CYCLE);
        expect([...result.blocked].sort()).toEqual(['a', 'b', 'both', 'only_via_cycle']);
        for (const name of result.blocked) expect(result.arriving.has(name)).toBe(false);
        expect(rps(result, 'front')).toBeCloseTo(1000, 9);
        expect(rps(result, 'beside')).toBeCloseTo(400, 9);
        // `both` is also fed by `front`, but what the cycle adds is unknown: no number rather than a low one.
        expect(result.arriving.has('both')).toBe(false);
    });

    test('the simulation says so in a note, and the blocked nodes have no load, utilization or share', async () => {
        const result = simulate(await topologyOf(CYCLE));
        const note = result.notes.find(n => n.kind === 'cycle-stops-load');
        expect(note).toBeDefined();
        for (const name of ['a', 'b', 'only_via_cycle', 'both']) {
            expect(note && note.kind === 'cycle-stops-load' ? note.nodes : []).toContain(name);
            const node = result.nodes.find(n => n.name === name)!;
            expect(node.loadRps).toBeNull();
            expect(node.utilization).toBeNull();
            expect(node.requestShare).toBeNull();
        }
        expect(note && note.kind === 'cycle-stops-load' ? note.nodes : []).not.toContain('beside');
        expect(result.nodes.find(n => n.name === 'beside')!.loadRps).toBeCloseTo(400, 6);
    });

    test('a self-loop blocks its node (and what it feeds), but it stays an entry', async () => {
        const result = await loadOf(`system S {
  traffic { peak 100 rps }
  service a
  service b
  a -> a
  a -> b
}`);
        expect([...result.blocked].sort()).toEqual(['a', 'b']);
        expect(result.arriving.size).toBe(0);
    });
});

describe('a peak that is no usable rate', () => {
    test('400 digits (Infinity) propagate nothing, as without a peak (Infinity × a 0% write share would be NaN)', async () => {
        const result = await loadOf(`system S {
  traffic { peak ${'9'.repeat(400)} rps }
  service a
  database db
  a -> db
}`);
        expect(result.arriving.size).toBe(0);
    });
});

describe('without a peak', () => {
    const NO_PEAK = `system S {
  traffic { reads 80% }
  service a
  cache c { hit 50% }
  database db
  a -> c 60% -> db
}`;

    test('no loads are estimated', async () => {
        const result = await loadOf(NO_PEAK);
        expect(result.arriving.size).toBe(0);
    });

    test('but the request shares are: propagation at a peak of 1', async () => {
        const result = await loadOf(NO_PEAK, 1);
        // c: 0.6; db: 0.6 × (0.2 writes + 0.5 × 0.8 reads) = 0.6 × 0.6 = 0.36.
        expect(rps(result, 'a')).toBeCloseTo(1, 12);
        expect(rps(result, 'c')).toBeCloseTo(0.6, 12);
        expect(rps(result, 'db')).toBeCloseTo(0.36, 12);
    });

    test('simulate: null loads, a note, shares still present, system availability still computed', async () => {
        const result = simulate(await topologyOf(NO_PEAK));
        expect(result.notes).toContainEqual({ kind: 'no-peak' });
        const byName = new Map(result.nodes.map(n => [n.name, n]));
        for (const node of result.nodes) {
            expect(node.loadRps).toBeNull();
            expect(node.utilization).toBeNull();
        }
        expect(byName.get('a')!.requestShare).toBeCloseTo(1, 6);
        expect(byName.get('c')!.requestShare).toBeCloseTo(0.6, 6);
        expect(byName.get('db')!.requestShare).toBeCloseTo(0.36, 6);
        // Every node single, a = 0.995, on the request's real path a → c (60%) → db; c passes on half the reads
        // (hit 50%) and every write. c is an aside cache: down, its reads go to db as misses, and its writes
        // never needed it. Reads: a × (0.4 + 0.6 × (c × (0.5 + 0.5 × db) + (1 − c) × db)); writes: a × (0.4 + 0.6 × db).
        const x = 0.995;
        const reads = x * (0.4 + 0.6 * (x * (0.5 + 0.5 * x) + (1 - x) * x));
        const writes = x * (0.4 + 0.6 * x);
        const expected = 0.8 * reads + 0.2 * writes;
        expect(result.availability.system).toBeCloseTo(expected, 7);
    });

    test('no traffic block at all: the same, no loads', async () => {
        const result = await loadOf(`system S {
  service a
  service b
  a -> b
}`);
        expect(result.arriving.size).toBe(0);
        expect(result.blocked.size).toBe(0);
    });
});

describe('dns alternatives split the requests (ESTIMATES.md, "Details")', () => {
    test('geo over two stacks: each gets its share, not the whole peak; failover: the first takes it all', async () => {
        const model = (routing: string): string => `system S {
  traffic { peak 1000 rps }
  dns front { ${routing} }
  balancer a
  balancer b
  cdn assets
  front -> a
  front -> b 30%
  front -> assets
}`;
        // Default share 100% for a, 30% for b: a 1/1.3, b 0.3/1.3 of the peak; the cdn is another name, taken too.
        const geo = await loadOf(model('routing geo'));
        expect(rps(geo, 'a')).toBeCloseTo(1000 / 1.3, 6);
        expect(rps(geo, 'b')).toBeCloseTo(300 / 1.3, 6);
        expect(rps(geo, 'assets')).toBeCloseTo(1000, 6);
        const failover = await loadOf(model('routing failover'));
        expect(rps(failover, 'a')).toBeCloseTo(1000, 6);
        expect(rps(failover, 'b')).toBe(0);
    });
});

describe('queues end the request', () => {
    const PIPELINE = `system S {
  traffic { peak 1000 rps reads 0% }
  service api
  queue jobs
  worker resize
  worker notify
  api -> jobs
  jobs -> resize
  resize -> notify 50%
  resize -> jobs 20%
}`;

    test('the queue is on the request path; its consumers are on an asynchronous path', async () => {
        const graph = buildGraph(await topologyOf(PIPELINE));
        expect([...graph.onRequestPath].sort()).toEqual(['api', 'jobs']);
        expect([...graph.onAsyncPath].sort()).toEqual(['notify', 'resize']);
        expect(graph.isAsyncSource('jobs')).toBe(true);
        expect(graph.isAsyncSource('api')).toBe(false);
    });

    test('a loop through a queue is a pipeline, not a cycle: its rates are λ = b + Pᵀλ', async () => {
        const graph = buildGraph(await topologyOf(PIPELINE));
        expect(graph.cycles).toEqual([]);
        expect(graph.pipelines).toEqual([{ loop: ['jobs', 'resize'], members: ['jobs', 'resize'], growing: false }]);
        const result = propagateLoad(graph);
        expect(result.blocked.size).toBe(0);
        // jobs = 1000 + 0.2 × resize, resize = jobs → jobs = 1000 / 0.8 = 1250; notify = 50% of 1250.
        expect(rps(result, 'jobs')).toBeCloseTo(1250, 6);
        expect(rps(result, 'resize')).toBeCloseTo(1250, 6);
        expect(rps(result, 'notify')).toBeCloseTo(625, 6);
    });

    test('a pipeline that feeds back 100% grows without bound: no load, and model-cycle says so', async () => {
        const text = PIPELINE.replace('resize -> jobs 20%', 'resize -> jobs');
        const graph = buildGraph(await topologyOf(text));
        expect(graph.pipelines.map(p => p.growing)).toEqual([true]);
        const result = propagateLoad(graph);
        expect([...result.blocked].sort()).toEqual(['jobs', 'notify', 'resize']);
        expect(rps(result, 'api')).toBeCloseTo(1000, 9);
    });

    test('a synchronous loop beside the queue is still a cycle', async () => {
        const graph = buildGraph(await topologyOf(`system S {
  traffic { peak 10 rps }
  service a
  service b
  queue q
  worker w
  a -> b
  b -> a
  a -> q
  q -> w
}`));
        expect(graph.cycles).toEqual([['a', 'b']]);
        expect(graph.pipelines).toEqual([]);
    });
});
