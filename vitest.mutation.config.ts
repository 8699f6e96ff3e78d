import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

process.env.FASTSCALE_SEED ??= '1';
// Python cross-checks remember their answers by input (test/helpers/python-memo.ts): a mutant that leaves
// the emitted code unchanged costs no Python process.
process.env.FASTSCALE_PYTHON_MEMO ??= join(tmpdir(), 'fastscale-python-memo');

/**
 * Runs the test files that failed last first, then the quickest: under Stryker a mutant is done at the
 * first failing test, so the file that killed the previous mutant (mutants near each other fall to the
 * same tests) and quick files should go first. Vitest's default runs the slowest first.
 */
class KillFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const key = (file: TestSpecification) => `${file.project.name}:${file.moduleId.slice(this.ctx.config.root.length + 1)}`;
    const rank = (file: TestSpecification): [number, number] => {
      const state = cache.getFileTestResults(key(file));
      if (state !== undefined) return [state.failed ? 0 : 1, state.duration];
      return [1, cache.getFileStats(key(file))?.size ?? 0];
    };
    return [...files].sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      return ra[0] - rb[0] || ra[1] - rb[1];
    });
  }
}

/**
 * The tests Stryker runs against mutants (stryker.config.mjs). Leaves out the tests of the built package
 * (CLI, packaging, README outputs): they run dist/, which is built once from unmutated sources, so no
 * mutant can change what they see; and leaving them out skips the global setup that builds dist.
 */
export default defineConfig({
  // The library's owned-spec module without remembered counts (test/setup/owned-uncounted.ts says why). The
  // pattern matches the library's relative imports (`../internal/owned.js`), not that module's own import.
  resolve: { alias: [{ find: /^(\.\.\/)+internal\/owned\.js$/, replacement: fileURLToPath(new URL('./test/setup/owned-uncounted.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/cli/**', 'test/package/**', 'test/docs/**', '**/node_modules/**'],
    // Test files share one module graph: mutants are switched on at run time (Stryker's mutant switching), so
    // nothing needs re-importing between them, and importing the library for every file and every mutant
    // was most of the time.
    isolate: false,
    sequence: { sequencer: KillFirstSequencer },
    // One fixed seed for every mutant (FASTSCALE_SEED, default 1): a mutant's result must not depend on the draw.
    setupFiles: ['test/setup/fast-check.ts', 'test/setup/stryker-coverage.ts', 'test/setup/forget-counts.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
