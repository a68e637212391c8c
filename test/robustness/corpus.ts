/**
 * The fuzz corpus shared by the robustness test and `bench/fuzz.bench.ts`:
 * the same seed and sources, so the bench times exactly what the test checks.
 */
import { generateModel } from '../generate-model.js';
import { mutationCorpus, seedFiles, type CorpusEntry, type SourceFile } from './mutate.js';

export const FUZZ_SEED = 0x5eeda7c4;
export const FUZZ_MUTATIONS = 1000;

/**
 * The examples, the test fixtures and two generated models: one in each language (they have what the
 * examples lack: storage, labels, `@allow`; and clients, `each`, fan-out, policies, managed and external nodes).
 */
export function fuzzSources(): SourceFile[] {
    return [
        ...seedFiles(),
        { path: 'test/generate-model.ts(60 nodes)', text: generateModel(60).text },
        { path: 'test/generate-model.ts(60 nodes, language 2)', text: generateModel(60, undefined, 2).text }
    ];
}

export function fuzzCorpus(count = FUZZ_MUTATIONS, seed = FUZZ_SEED): CorpusEntry[] {
    return mutationCorpus(fuzzSources(), count, seed);
}
