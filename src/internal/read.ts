/**
 * The boundary: caller values become plain, owned data here, read once. Only own data properties are read
 * (a getter could answer differently each time, a prototype's value is not the caller's field), arrays
 * may not have holes, and sizes are bounded before anything is walked. Errors name the field path.
 */
import { FastscaleError } from '../errors.js';
import type { ErrorClass } from './check.js';
import { join, record } from './check.js';
import { describe } from './describe.js';

/**
 * A snapshot of an object's fields: each of `fields` read once from an own data property (`undefined`
 * where absent); any other own key is an error, so that a misspelt field is never silently ignored.
 */
export function fieldsOf(
  value: unknown,
  fields: readonly string[],
  path: string,
  what: string,
  error: ErrorClass,
): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new error(path, `${value === undefined ? 'is missing' : `${describe(value)} is not`} an object (${what})`);
  }
  // Data this library built is plain, with only the fields it was written with (the tests hold it to
  // that): it is its own snapshot, read in place (`fields` never name an Object.prototype member).
  if (libraryData) return value as Readonly<Record<string, unknown>>;
  const keys = Object.keys(value);
  // A plain object, not Object.create(null) (V8 keeps those in slow dictionary mode, and every spec a
  // scale makes is read through here): `fields` are this library's own names, never `__proto__`.
  const snapshot: Record<string, unknown> = {};
  let enumerable = 0;
  let accessor: string | undefined; // reported after any unknown key, as the keys are checked first
  for (const field of fields) {
    const descriptor = Object.getOwnPropertyDescriptor(value, field);
    if (descriptor === undefined) {
      snapshot[field] = undefined;
      continue;
    }
    if (descriptor.enumerable === true) enumerable++;
    if (!('value' in descriptor)) accessor ??= field;
    snapshot[field] = descriptor.value;
  }
  // Every enumerable key is one of `fields` exactly when as many of them were found (no quadratic search
  // unless one is not).
  if (enumerable !== keys.length) {
    const unknown = keys.find((key) => !fields.includes(key));
    // No unknown key, yet the counts differ: only a proxy reports its own fields inconsistently.
    if (unknown === undefined) throw new error(path, `reports its own fields inconsistently (a proxy?); give plain data (${what})`);
    throw new error(join(path, unknown), `is not a field of ${what} (fields: ${fields.join(', ')})`);
  }
  if (accessor !== undefined) throw new error(join(path, accessor), 'is a getter or setter; give plain data');
  return snapshot;
}

/** The elements of an array, read once; at most `maxLength` of them, no holes. */
export function itemsOf(value: unknown, path: string, maxLength: number, what: string, error: ErrorClass): unknown[] {
  if (!Array.isArray(value)) {
    throw new error(path, `${value === undefined ? 'is missing' : `${describe(value)} is not`} an array (${what})`);
  }
  const length = value.length;
  if (length > maxLength) throw new error(path, `has ${length} elements, more than the limit of ${maxLength}`);
  // Library data has no holes and no accessors; callers only read the items.
  if (libraryData) return value;
  const items: unknown[] = [];
  for (let i = 0; i < length; i++) {
    if (!Object.hasOwn(value, i)) throw new error(join(path, i), 'is missing (a hole in the array)');
    items.push(ownValue(value, String(i), path, i, error));
  }
  return items;
}

/**
 * Whether the value being read was built by this library (a spec `scale` made): plain objects of own data
 * properties, so reads skip the descriptor check that guards against a caller's getters.
 */
let libraryData = false;

/**
 * Runs `read` on data this library built itself (never on a caller's): {@link fieldsOf} and
 * {@link itemsOf} then read properties directly. Checks of the values themselves are unchanged.
 */
export function readLibraryData<T>(read: () => T): T {
  const outer = libraryData;
  libraryData = true;
  try {
    return read();
  } finally {
    libraryData = outer;
  }
}

/** The own data property `key` of `value`; its path (`parent` joined with `field`) is built only for an error. */
function ownValue(value: object, key: string, parent: string, field: string | number, error: ErrorClass): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  if (descriptor === undefined) return undefined;
  if (!('value' in descriptor)) throw new error(join(parent, field), 'is a getter or setter; give plain data');
  return descriptor.value;
}

/**
 * Runs a read of caller data, turning anything thrown by the data itself (a revoked Proxy, a trap that
 * throws) into a typed error; errors of this library pass through.
 */
export function atBoundary<T>(read: () => T, error: ErrorClass): T {
  try {
    return read();
  } catch (thrown) {
    if (thrown instanceof FastscaleError) throw thrown;
    const reason = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : describe(thrown);
    throw new error('', `could not be read as plain data (${reason})`, { cause: thrown });
  }
}

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

/**
 * The given fields of a caller's object, each read once into a plain object of our own (other fields are
 * left alone: rows and records often carry more than a function reads); a value that is not an object
 * is an error naming `what`.
 */
export function pickFields<K extends string>(value: unknown, fields: readonly K[], path: string, what: string, error: ErrorClass): Readonly<Record<K, unknown>> {
  if (typeof value !== 'object' || value === null || readCallerValue(path, error, () => Array.isArray(value))) {
    throw new error(path, `${describe(value)} is not ${what}`);
  }
  const picked = Object.create(null) as Record<K, unknown>;
  for (const field of fields) picked[field] = readCallerValue(join(path, field), error, () => (value as Record<string, unknown>)[field]);
  return picked;
}
