/**
 * Prints the plain closing line `N passed, N failed[, N skipped]` that CI reads
 * in any language (vitest's own summary is not one of the formats it knows).
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
    onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
        let passed = 0;
        let failed = 0;
        let skipped = 0;
        for (const module of testModules) {
            for (const test of module.children.allTests()) {
                const state = test.result().state;
                if (state === 'passed') passed++;
                else if (state === 'failed') failed++;
                else skipped++;
            }
            if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
        }
        const tail = skipped > 0 ? `, ${skipped} skipped` : '';
        process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
    }
}
