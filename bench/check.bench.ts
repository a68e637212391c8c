/**
 * Checking generated models of 100, 1,000 and 5,000 nodes: in-process (fresh
 * document through the real services, median after a warm-up) and through the
 * built CLI (child process, wall time, median of 3), with memory, against the
 * budgets of the issue.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, runCli } from './cli-run.js';
import { generateModel, type Language } from '../test/generate-model.js';
import type { BenchGroup } from './group.js';
import { checkOnce, PHASES, type Phase } from './in-process.js';
import { canMeasureMemory, memoryOfCheck } from './memory.js';
import { median } from './stats.js';
import { budget, mb, ms, type BenchTable } from './table.js';

interface Size {
    nodes: number;
    /** The generated model's language (test/generate-model.ts): 2 uses the version 2 constructs. */
    language: Language;
    /** In-process runs measured after the warm-up. */
    runs: number;
    budgetMs?: number;
}

const SIZES: readonly Size[] = [
    { nodes: 100, language: 1, runs: 15 },
    { nodes: 1000, language: 1, runs: 15, budgetMs: 160 },
    { nodes: 5000, language: 1, runs: 5, budgetMs: 900 },
    { nodes: 1000, language: 2, runs: 15, budgetMs: 160 },
    { nodes: 5000, language: 2, runs: 5, budgetMs: 900 }
];

/** "1,000", or "1,000 (v2)" for a model in the version 2 language. */
function label(size: Size): string {
    return `${size.nodes.toLocaleString('en-US')}${size.language === 2 ? ' (v2)' : ''}`;
}
/**
 * Runs before the measured ones. The JIT keeps speeding a check up for about six runs of a
 * 1,000-node model (~550, 230, 210, 170, 160, 140 ms, measured run by run); an editor's server has
 * checked the file on every keystroke long before, so the warm runs are the ones that count.
 */
const WARM_UP = 6;
const CLI_RUNS = 3;

/** Per size (its label): the median milliseconds of each phase over the measured runs. */
const phaseMedians = new Map<string, Record<Phase, number>>();

async function measure(size: Size, folder: string): Promise<string[]> {
    const model = generateModel(size.nodes, undefined, size.language);
    for (let i = 0; i < WARM_UP; i++) await checkOnce(model.text);
    const times: number[] = [];
    const phases = new Map<Phase, number[]>();
    let diagnostics = 0;
    let syntax = 0;
    for (let i = 0; i < size.runs; i++) {
        const run = await checkOnce(model.text);
        times.push(run.ms);
        for (const [name] of PHASES) {
            const list = phases.get(name);
            if (list) list.push(run.phases[name]);
            else phases.set(name, [run.phases[name]]);
        }
        diagnostics = run.diagnostics.length;
        syntax = run.diagnostics.filter(d => d.code === 'syntax' || d.code === 'link').length;
    }
    phaseMedians.set(label(size), Object.fromEntries(PHASES.map(([name]) => [name, median(phases.get(name) ?? [])])) as Record<Phase, number>);
    const memory = await memoryOfCheck(model.text);

    const file = join(folder, `generated-${size.nodes}-v${size.language}.arch`);
    writeFileSync(file, model.text);
    const cli = Array.from({ length: CLI_RUNS }, () => runCli(['check', file, '--format', 'json']));
    for (const run of cli) {
        if (run.status !== 0 && run.status !== 1) throw new Error(`the CLI exited ${run.status} on ${file}`);
        if ((JSON.parse(run.stdout) as { files: unknown[] }).files.length !== 1) throw new Error(`the CLI did not report ${file}`);
    }
    const inProcess = median(times);
    const rss = cli.map(run => run.maxRssBytes).filter((b): b is number => b !== undefined);
    return [
        label(size),
        `${model.nodes}/${model.edges}/${model.lines}`,
        `${diagnostics}${syntax ? ` (${syntax} syntax/link!)` : ''}`,
        ms(inProcess),
        budget(inProcess, size.budgetMs),
        ms(median(cli.map(run => run.ms))),
        memory ? mb(memory.heapBytes) : 'n/a',
        memory ? mb(memory.retainedBytes) : 'n/a',
        memory ? mb(memory.rssBytes) : 'n/a',
        rss.length ? mb(Math.max(...rss)) : 'n/a'
    ];
}

export const checkBench: BenchGroup = {
    name: 'check',
    async run(): Promise<BenchTable[]> {
        assertCliBuilt();
        const folder = mkdtempSync(join(tmpdir(), 'archscope-bench-'));
        try {
            const rows: string[][] = [];
            for (const size of SIZES) rows.push(await measure(size, folder));
            return [{
                title: 'check: parse + link + validate + rules on generated models',
                columns: ['N', 'nodes/edges/lines', 'findings', 'in-process median ms', 'budget', `CLI median ms (of ${CLI_RUNS})`,
                    'heap Δ MB', 'retained MB', 'RSS Δ MB', 'CLI max RSS MB'],
                rows,
                notes: [
                    '(v2): the same system in the version 2 language: clients, managed and external nodes, search shards called with `each`, a cache that is the store written with `10x`, read and write edges (test/generate-model.ts).',
                    `In-process: median of ${SIZES.map(s => s.runs).join('/')} runs after ${WARM_UP} warm-ups, a fresh document each run (bench/in-process.ts).`,
                    'CLI: `node out/cli.cjs check FILE --format json` as a child process, wall time including Node start-up.',
                    'heap Δ: heapUsed right after one check over a collected baseline (live + garbage); retained: after a full GC with the document open; RSS Δ: rss growth over the same check (negative when the collector hands pages back).',
                    ...(canMeasureMemory ? [] : ['Memory needs `node --expose-gc` (npm run bench passes it).'])
                ]
            }, {
                title: 'check: where the in-process time goes (median ms per phase of Langium\'s document build)',
                columns: ['N', ...PHASES.map(([name]) => name)],
                rows: SIZES.map(size => [label(size), ...PHASES.map(([name]) => ms(phaseMedians.get(label(size))?.[name] ?? NaN))]),
                notes: [
                    'Each phase from the end of the one before; parse includes making the document from its text (docs/parsing.md).',
                    'The medians of the phases need not add up to the median of the whole.'
                ]
            }];
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    }
};
