import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // Tests that drive built binaries or real processes take seconds, not milliseconds.
        testTimeout: 60_000,
        hookTimeout: 60_000,
        reporters: ['default', './test/summary-reporter.ts'],
        pool: 'forks'
    }
});
