/**
 * Which objects this library made, froze and checked itself: the only ones it trusts without reading
 * them again, with their counts once known. Kept apart from the spec boundary so that any module can ask
 * (no import cycle).
 *
 * The mark is a private class field stamped onto the spec (a base class whose constructor returns the
 * object it is given): like a WeakMap entry, no caller can read, copy or forge it (a symbol could be
 * copied onto a forged spec), but it lives on the object itself, where a weak map's entries cost the
 * garbage collector on every collection (they were the largest cost of a sweep).
 */
import type { Complexity } from '../spec/types.js';
import { deepFreeze } from './freeze.js';

/** A constructor that returns the object it is given, so that a subclass's fields land on that object. */
class Stamp {
  constructor(target: object) {
    return target as Stamp;
  }
}

/** The mark of an owned spec, and its counts (null until counted). */
class OwnedSpec extends Stamp {
  #counts: Complexity | null;

  constructor(target: object, counts: Complexity | null) {
    super(target);
    this.#counts = counts;
  }

  static has(value: object): boolean {
    return #counts in value;
  }

  static countsOf(value: object): Complexity | null | undefined {
    return #counts in value ? (value as OwnedSpec).#counts : undefined;
  }

  static setCounts(value: object, counts: Complexity): void {
    if (#counts in value) (value as OwnedSpec).#counts = counts;
  }
}

/** Freezes a spec this library built from checked values and records it as checked. */
export function own<T extends object>(spec: T): T {
  // Marked, then frozen: a field is added while the object is still extensible.
  if (!OwnedSpec.has(spec)) deepFreeze(new OwnedSpec(spec, null));
  return spec;
}

/**
 * {@link own} for a spec whose counts are already known (a scale counts the network it makes anyway);
 * returns the counts, frozen.
 */
export function ownCounted(spec: object, complexity: Complexity): Complexity {
  const frozen = Object.isFrozen(complexity) ? complexity : Object.freeze({ ...complexity });
  if (OwnedSpec.has(spec)) OwnedSpec.setCounts(spec, frozen);
  else deepFreeze(new OwnedSpec(spec, frozen));
  return frozen;
}

/** Whether a value is a spec this library made. */
export function isOwned(value: unknown): boolean {
  return typeof value === 'object' && value !== null && OwnedSpec.has(value);
}

/** The counts of an owned spec (null until counted), or undefined for any other object. */
export function ownedCounts(spec: object): Complexity | null | undefined {
  return OwnedSpec.countsOf(spec);
}

/** Remembers the counts of an owned spec (nothing for any other object). */
export function rememberCounts(spec: object, complexity: Complexity): void {
  OwnedSpec.setCounts(spec, complexity);
}
