/**
 * The boundary: caller values become plain, owned data here, read once. Only own data properties are read
 * (a getter could answer differently each time, a prototype's value is not the caller's field), arrays
 * may not have holes, and sizes are bounded before anything is walked. Errors name the field path.
 */
import { FastscaleError } from '../errors.js';
import type { ErrorClass } from './check.js';
import { join } from './check.js';
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
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) throw new error(join(path, key), `is not a field of ${what} (fields: ${fields.join(', ')})`);
  }
  const snapshot: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const field of fields) snapshot[field] = ownValue(value, field, join(path, field), error);
  return snapshot;
}

/** The elements of an array, read once; at most `maxLength` of them, no holes. */
export function itemsOf(value: unknown, path: string, maxLength: number, what: string, error: ErrorClass): unknown[] {
  if (!Array.isArray(value)) {
    throw new error(path, `${value === undefined ? 'is missing' : `${describe(value)} is not`} an array (${what})`);
  }
  const length = value.length;
  if (length > maxLength) throw new error(path, `has ${length} elements, more than the limit of ${maxLength}`);
  const items: unknown[] = [];
  for (let i = 0; i < length; i++) {
    if (!Object.hasOwn(value, i)) throw new error(join(path, i), 'is missing (a hole in the array)');
    items.push(ownValue(value, String(i), join(path, i), error));
  }
  return items;
}

function ownValue(value: object, key: string, path: string, error: ErrorClass): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  if (descriptor === undefined) return undefined;
  if (!('value' in descriptor)) throw new error(path, 'is a getter or setter; give plain data');
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
