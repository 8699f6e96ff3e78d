/**
 * Reading a caller's value where reading itself can fail (a getter that throws, a revoked proxy): the failure
 * becomes the caller's typed error, naming where, with the original as its cause.
 */
import type { FastscaleError } from '../errors.js';
import { join, record } from './check.js';
import { describe } from './describe.js';

/** A FastscaleError subclass. */
type ErrorClass = new (path: string, reason: string, options?: { cause?: unknown }) => FastscaleError;

/** Runs `read` on the caller's value; anything it throws becomes an `error` at `path`. */
export function readCallerValue<T>(path: string, error: ErrorClass, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    throw new error(path, `cannot be read (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/**
 * The elements of a caller's array, each read once into an array of our own (later code never sees a getter,
 * a proxy or a hole), at most `limit` of them.
 *
 * @param limit - the most elements, and the name of the constant that says so
 * @param what - what the elements are, for error messages (`'strategies'`)
 */
export function ownedArray(
  value: unknown,
  path: string,
  error: ErrorClass,
  limit: { readonly value: number; readonly name: string },
  what: string,
): unknown[] {
  if (!readCallerValue(path, error, () => Array.isArray(value))) throw new error(path, `${describe(value)} is not an array of ${what}`);
  const array = value as readonly unknown[];
  const length = readCallerValue(path, error, () => array.length);
  if (length > limit.value) throw new error(path, `has ${length} ${what}, more than ${limit.name} (${limit.value})`);
  const owned: unknown[] = new Array(length);
  let i = 0;
  // One guarded loop (not a closure per element): this runs on every series of the statistics.
  try {
    for (; i < length; i++) {
      if (!(i in array)) break;
      owned[i] = array[i];
    }
  } catch (cause) {
    throw new error(`${path}[${i}]`, `cannot be read (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  if (i < length) throw new error(`${path}[${i}]`, 'is missing (the array has a hole here)');
  return owned;
}

/**
 * An options-like object as a plain copy of its own enumerable fields, each read once, then checked by
 * `record` (a plain object, no unknown keys). A key named `__proto__` stays a field, and so an unknown one.
 */
export function ownedRecord(
  value: unknown,
  fields: readonly string[],
  path: string,
  what: string,
  error: ErrorClass,
): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || readCallerValue(path, error, () => Array.isArray(value))) {
    return record(value, fields, path, what, error);
  }
  const keys = readCallerValue(path, error, () => Object.keys(value));
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const field = readCallerValue(join(path, key), error, () => (value as Record<string, unknown>)[key]);
    Object.defineProperty(copy, key, { value: field, enumerable: true, configurable: true, writable: true });
  }
  return record(copy, fields, path, what, error);
}
