/**
 * The estimates on generated models of 100, 1,000 and 5,000 nodes
 * (`simulate` on a built Topology: load propagation, queues, availability,
 * staleness, shards), and Erlang C for large server counts, against the
 * budgets of the simulation issue; beside them, the cross-check simulator
 * (`simulate --check`) on the bundled examples, which has no budget: it is
 * the price of the second opinion.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { crossCheck } from '../server/src/crosscheck/cross-check.js';
import { erlangC } from '../server/src/estimates/erlang-c.js';
import { simulate } from '../server/src/estimates/simulate.js';
import { buildTopology } from '../server/src/language/topology/build-topology.js';
import type { Model } from '../server/src/language/generated/ast.js';
import { generateModel } from '../test/generate-model.js';
import type { BenchGroup } from './group.js';
import { median } from './stats.js';
import { budget, ms, type BenchTable } from './table.js';
import { checkOnce } from './in-process.js';

const SIZES = [
    { nodes: 100, language: 1, runs: 15 },
    { nodes: 1000, language: 1, runs: 9, budgetMs: 100 },
    { nodes: 5000, language: 1, runs: 5, budgetMs: 600 },
    { nodes: 1000, language: 2, runs: 9, budgetMs: 100 },
    { nodes: 5000, language: 2, runs: 5, budgetMs: 600 }
] as const;
const SERVERS = [100, 1000, 10_000] as const;
const ERLANG_RUNS = 200;

async function simulateRow(size: (typeof SIZES)[number]): Promise<string[]> {
    const model = generateModel(size.nodes, undefined, size.language);
    let topology;
    await checkOnce(model.text, document => {
        const system = (document.parseResult.value as Model).systems[0];
        topology = buildTopology(system, model.text);
    });
    if (!topology) throw new Error('no topology');
    for (let i = 0; i < 2; i++) simulate(topology);
    const times: number[] = [];
    let nodes = 0;
    for (let i = 0; i < size.runs; i++) {
        const started = performance.now();
        const result = simulate(topology);
        times.push(performance.now() - started);
        nodes = result.nodes.length;
    }
    const budgetMs = 'budgetMs' in size ? size.budgetMs : undefined;
    return [`${size.nodes.toLocaleString('en-US')}${size.language === 2 ? ' (v2)' : ''}`, String(nodes), ms(median(times)), budget(median(times), budgetMs)];
}

const EXAMPLES = new URL('../examples/', import.meta.url);
const CROSS_CHECK_RUNS = 3;

/** One row per system of each example: what the cross-check simulated, and how long it took (the CLI's defaults, seed 1). */
async function crossCheckRows(): Promise<string[][]> {
    const rows: string[][] = [];
    for (const file of readdirSync(EXAMPLES).filter(name => name.endsWith('.arch')).sort()) {
        const text = readFileSync(new URL(file, EXAMPLES), 'utf8');
        const topologies: ReturnType<typeof buildTopology>[] = [];
        await checkOnce(text, document => {
            for (const system of (document.parseResult.value as Model).systems) topologies.push(buildTopology(system, text));
        });
        for (const topology of topologies) {
            const times: number[] = [];
            let result;
            for (let i = 0; i < CROSS_CHECK_RUNS; i++) {
                const started = performance.now();
                result = crossCheck(topology);
                times.push(performance.now() - started);
            }
            const requests = result!.requestRun?.requests ?? 0;
            const failures = result!.failureRun;
            rows.push([
                `${file} ${topology.name}`, String(topology.nodes.length), requests.toLocaleString('en-US'),
                failures ? `${Math.round(failures.years).toLocaleString('en-US')} years, ${failures.unitEvents.toLocaleString('en-US')} events` : '—',
                ms(median(times)), ms(simulateMedian(topology))
            ]);
        }
    }
    return rows;
}

function simulateMedian(topology: ReturnType<typeof buildTopology>): number {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
        const started = performance.now();
        simulate(topology);
        times.push(performance.now() - started);
    }
    return median(times);
}

function erlangRow(servers: number): string[] {
    // 90% occupancy: the hard case for the recurrence (every term matters).
    const load = servers * 0.9;
    for (let i = 0; i < 20; i++) erlangC(servers, load);
    const times: number[] = [];
    let p = 0;
    for (let i = 0; i < ERLANG_RUNS; i++) {
        const started = performance.now();
        p = erlangC(servers, load);
        times.push(performance.now() - started);
    }
    const value = median(times);
    return [servers.toLocaleString('en-US'), p.toPrecision(4), value.toFixed(4), servers === 10_000 ? budget(value, 1) : '—'];
}

export const simulateBench: BenchGroup = {
    name: 'simulate',
    async run(): Promise<BenchTable[]> {
        const rows: string[][] = [];
        for (const size of SIZES) rows.push(await simulateRow(size));
        return [
            {
                title: 'simulate: estimates of generated models (in-process)',
                columns: ['N', 'nodes estimated', 'median ms', 'budget'],
                rows,
                notes: [
                    `Median of ${SIZES.map(s => s.runs).join('/')} runs after 2 warm-ups, on a Topology built once from the real parse (bench/simulate.bench.ts).`,
                    '(v2): the same system in the version 2 language, with clients of their own keys and think times, `each` over search shards, fan-out writes and cache policies (test/generate-model.ts).'
                ]
            },
            {
                title: 'the cross-check simulator on the examples (simulate --check), beside the estimates',
                columns: ['example system', 'nodes', 'requests', 'failure run', 'cross-check median ms', 'estimates median ms'],
                rows: await crossCheckRows(),
                notes: [`Median of ${CROSS_CHECK_RUNS} cross-checks (seed 1, the CLI's run lengths) and of 5 estimates; no budget: the simulation is the price of the second opinion (docs/crosscheck.md).`]
            },
            {
                title: 'Erlang C by the recurrence, at 90% occupancy',
                columns: ['servers', 'P(wait)', 'median ms', 'budget'],
                rows: SERVERS.map(erlangRow),
                notes: [`Median of ${ERLANG_RUNS} calls after 20 warm-ups.`]
            }
        ];
    }
};
