/**
 * The spec boundary: caller data becomes a plain, owned, deeply frozen spec here, checked once. Specs this
 * library made (returned by any of its functions) are remembered and never checked again; nothing else is
 * trusted, frozen or not.
 */
import { SpecError } from '../errors.js';
import { oneOf } from '../internal/check.js';
import { describe } from '../internal/describe.js';
import { deepFreeze } from '../internal/freeze.js';
import { atBoundary } from '../internal/read.js';
import { FAMILY_NAMES, familyNamed, type ModelSpec } from '../families/index.js';

/** Specs this library built, froze and checked itself. */
const owned = new WeakSet<object>();

/** Freezes a spec this library built from checked values and records it as checked. */
export function own<T extends object>(spec: T): T {
  owned.add(deepFreeze(spec));
  return spec;
}

/**
 * Checks the structure of a spec and returns the library's own copy of it (or the spec itself, when the
 * library made it). Throws {@link SpecError} naming the first bad field. Does not check complexity overflow.
 */
export function checkSpec(value: unknown): ModelSpec {
  if (typeof value === 'object' && value !== null && owned.has(value)) return value as ModelSpec;
  return own(atBoundary(() => parseSpec(value), SpecError));
}

function parseSpec(value: unknown): ModelSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SpecError('', `${describe(value)} is not an object (a model spec)`);
  }
  const descriptor = Object.getOwnPropertyDescriptor(value, 'family');
  if (descriptor !== undefined && !('value' in descriptor)) throw new SpecError('family', 'is a getter or setter; give plain data');
  const name = oneOf(descriptor?.value, FAMILY_NAMES, 'family', SpecError);
  return familyNamed(name)!.parse(value);
}
