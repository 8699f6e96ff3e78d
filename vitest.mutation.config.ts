import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against mutants (stryker.config.mjs). Leaves out the tests of the built package
 * (CLI, packaging, README outputs): they run dist/, which is built once from unmutated sources, so no
 * mutant can change what they see; and leaving them out skips the global setup that builds dist.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/cli/**', 'test/package/**', 'test/docs/**', '**/node_modules/**'],
    // Test files share one module graph: mutants are switched on at run time (Stryker's mutant switching), so
    // nothing needs re-importing between them, and importing the library for every file and every mutant
    // was most of the time.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
