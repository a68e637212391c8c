/**
 * Line endings change nothing: a file saved with \r\n (Windows) or a lone \r
 * (old Mac editors) gives the same findings at the same positions, because
 * LSP counts all three as line breaks. Found by the mutation fuzzer: `@allow`
 * comments were read with \n only, so under \r they were lost or misplaced.
 */
import { describe, expect, test } from 'vitest';
import { check } from '../helpers.js';
import { fuzzSources } from './corpus.js';

async function findings(text: string): Promise<string[]> {
    const { diagnostics } = await check(text);
    return diagnostics.map(d => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
}

describe('line endings', () => {
    for (const source of fuzzSources()) {
        for (const [name, ending] of [['\\r\\n', '\r\n'], ['\\r', '\r']] as const) {
            test(`${source.path} with ${name} gives the findings it gives with \\n`, async () => {
                const unix = source.text.replace(/\r?\n/g, '\n');
                expect(await findings(unix.replace(/\n/g, ending))).toEqual(await findings(unix));
            });
        }
    }

    test('an @allow above a node suppresses its finding under \\r line endings', async () => {
        const text = 'system S {\r  // @allow spof-single-instance: a batch job, retried\r  service a\r}';
        expect(await findings(text)).toEqual([]);
    });

    test('an @allow followed by \\r and spaces ends where LSP says its line ends', async () => {
        const text = 'system S {\n  // @allow spof-single-instance: x\r  \n  service a\n}';
        const { diagnostics } = await check(text);
        for (const d of diagnostics) expect(d.range.end.character, d.message).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/)[d.range.end.line].length);
    });
});
