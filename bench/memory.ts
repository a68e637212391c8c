/** Heap and RSS growth while checking one model in-process (needs `node --expose-gc`). */
import { checkOnce } from './in-process.js';

export interface MemoryUse {
    /** heapUsed right after the check, over the collected baseline: live data plus the garbage made on the way. */
    heapBytes: number;
    /** heapUsed still held by the open document after a full collection. */
    retainedBytes: number;
    rssBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

export const canMeasureMemory = gc !== undefined;

export async function memoryOfCheck(text: string): Promise<MemoryUse | undefined> {
    if (!gc) return undefined;
    gc();
    const before = process.memoryUsage();
    let use: MemoryUse | undefined;
    await checkOnce(text, () => {
        const after = process.memoryUsage();
        gc();
        use = {
            heapBytes: after.heapUsed - before.heapUsed,
            retainedBytes: process.memoryUsage().heapUsed - before.heapUsed,
            rssBytes: after.rss - before.rss
        };
    });
    return use;
}
