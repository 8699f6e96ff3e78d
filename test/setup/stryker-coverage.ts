/**
 * Mutation runs only (vitest.mutation.config.ts): hands Stryker the coverage of each test file.
 * StrykerJS 9.5's vitest runner does it in `afterAll(({ meta }) => ...)`, written for vitest 3, where a
 * suite hook's first argument was the suite; vitest 4 passes a fixture context first and the suite
 * second, so its hand-off is lost: no per-test coverage (every mutant ran every test, uncovered mutants
 * were reported as survivors, static ones were not recognised) and no hit counts (no infinite-loop
 * detection). Here the suite is taken where vitest 4 puts it.
 */
import { afterAll, inject } from 'vitest';

interface StrykerNamespace {
  mutantCoverage?: unknown;
  hitCount?: number;
}

const provided = inject as unknown as (key: string) => unknown;
const namespace = provided('globalNamespace');

if (typeof namespace === 'string') {
  const ns = ((globalThis as Record<string, unknown>)[namespace] ??= {}) as StrykerNamespace;
  // Vitest 4 reads a hook's first parameter as its fixtures and requires a destructuring pattern there.
  afterAll(({}, suite) => {
    const meta = (suite as unknown as { meta: Record<string, unknown> }).meta;
    if (provided('mode') === 'mutant') meta.hitCount = ns.hitCount;
    else meta.mutantCoverage = ns.mutantCoverage;
  });
}
