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
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
