import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ when it is not built from the current sources: CLI, package and README tests run it.
    globalSetup: ['test/setup/build-dist.ts', 'test/setup/seed.ts'],
    // fast-check draws from the seed the global setup prints (FASTSCALE_SEED repeats a run).
    setupFiles: ['test/setup/fast-check.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
