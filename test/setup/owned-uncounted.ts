/**
 * Mutation runs only (vitest.mutation.config.ts aliases src/internal/owned.ts to this module for the
 * library's own imports): owned specs whose counts are remembered for one test at most. Stryker's vitest
 * runner keeps one module graph for every mutant of a run, so a spec that lives in a module (a zoo model)
 * would keep the counts it got before any mutant was switched on, and a mutant of a description would be
 * invisible to every test that counts a zoo model. Ownership itself is the original's.
 */
import { isOwned, own, ownCounted as ownCountedOnce, ownedCounts as originalCounts } from '../../src/internal/owned.js';
import type { Complexity } from '../../src/spec/types.js';

export { isOwned, own };

/** Counts remembered during the current test only (`test` is the test they were remembered in). */
const remembered = new WeakMap<object, { readonly test: number; readonly counts: Complexity }>();
let currentTest = 0;

/** Forgets every remembered count: test/setup/forget-counts.ts calls it before each test of every file. */
export function forgetCounts(): void {
  currentTest++;
}

export function ownCounted(spec: object, complexity: Complexity): Complexity {
  const frozen = ownCountedOnce(spec, complexity);
  remembered.set(spec, { test: currentTest, counts: frozen });
  return frozen;
}

/** The counts remembered in this test, null for an owned spec not counted in it, undefined for any other object. */
export function ownedCounts(spec: object): Complexity | null | undefined {
  if (originalCounts(spec) === undefined) return undefined;
  const entry = remembered.get(spec);
  return entry !== undefined && entry.test === currentTest ? entry.counts : null;
}

export function rememberCounts(spec: object, complexity: Complexity): void {
  if (isOwned(spec)) remembered.set(spec, { test: currentTest, counts: complexity });
}
