/** One bench group (check, fuzz; simulate, scene): one file `NAME.bench.ts` each, listed in `run.ts`. */
import type { BenchTable } from './table.js';

export interface BenchGroup {
    /** What `npm run bench -- NAME` selects. */
    name: string;
    run(): Promise<BenchTable[]>;
}
