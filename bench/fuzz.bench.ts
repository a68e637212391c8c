/**
 * Time per mutation over the robustness test's corpus (same seed, same 1,000 mutations), in-process;
 * then the built language server under 10,000 edits and two 5 MB pastes over stdio (lsp-edits.ts).
 */
import { FUZZ_SEED, fuzzCorpus } from '../test/robustness/corpus.js';
import type { BenchGroup } from './group.js';
import { checkOnce } from './in-process.js';
import { lspEditsTables } from './lsp-edits.js';
import { median, quantile } from './stats.js';
import { ms, type BenchTable } from './table.js';

const WARM_UP = 50;

export const fuzzBench: BenchGroup = {
    name: 'fuzz',
    async run(): Promise<BenchTable[]> {
        const corpus = fuzzCorpus();
        for (const entry of corpus.slice(0, WARM_UP)) await checkOnce(entry.text);
        const times: number[] = [];
        let slowest = 0;
        let withErrors = 0;
        for (const [i, entry] of corpus.entries()) {
            const run = await checkOnce(entry.text);
            times.push(run.ms);
            if (run.ms > times[slowest]) slowest = i;
            if (run.diagnostics.some(d => d.code === 'syntax' || d.code === 'link')) withErrors++;
        }
        const worst = corpus[slowest];
        const inProcess: BenchTable = {
            title: `fuzz: per-mutation check time over ${corpus.length} mutations (seed ${FUZZ_SEED})`,
            columns: ['mutations', 'with syntax/link errors', 'median ms', 'p95 ms', 'max ms'],
            rows: [[String(corpus.length), String(withErrors), ms(median(times)), ms(quantile(times, 0.95)), ms(times[slowest])]],
            notes: [`Slowest: mutation #${worst.index} of ${worst.source}: ${worst.steps.join('; ').slice(0, 200)}.`]
        };
        return [inProcess, ...await lspEditsTables()];
    }
};
