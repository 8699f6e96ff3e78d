import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ when it is not built from the current sources: CLI, package and README tests run it.
    globalSetup: ['test/setup/build-dist.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
