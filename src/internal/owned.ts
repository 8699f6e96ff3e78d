/**
 * Which objects this library made, froze and checked itself: the only ones it trusts without reading
 * them again, with their counts once known. Kept apart from the spec boundary so that any module can ask
 * (no import cycle); one weak map for both, since every insertion into a weak collection costs the
 * garbage collector.
 */
import type { Complexity } from '../spec/types.js';
import { deepFreeze } from './freeze.js';

/** Specs this library built, froze and checked itself, and their counts (null until counted). */
const owned = new WeakMap<object, Complexity | null>();

/** Freezes a spec this library built from checked values and records it as checked. */
export function own<T extends object>(spec: T): T {
  if (!owned.has(spec)) owned.set(deepFreeze(spec), null);
  return spec;
}

/**
 * {@link own} for a spec whose counts are already known (a scale counts the network it makes anyway);
 * returns the counts, frozen.
 */
export function ownCounted(spec: object, complexity: Complexity): Complexity {
  const frozen = Object.isFrozen(complexity) ? complexity : Object.freeze({ ...complexity });
  owned.set(deepFreeze(spec), frozen);
  return frozen;
}

/** Whether a value is a spec this library made. */
export function isOwned(value: unknown): boolean {
  return typeof value === 'object' && value !== null && owned.has(value);
}

/** The counts of an owned spec, where known. */
export function ownedCounts(spec: object): Complexity | null | undefined {
  return owned.get(spec);
}

/** Remembers the counts of an owned spec. */
export function rememberCounts(spec: object, complexity: Complexity): void {
  if (owned.has(spec)) owned.set(spec, complexity);
}
