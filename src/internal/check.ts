/**
 * Small checks that throw an error naming the field path and the bad value
 * (`stages[2].groupWidth: 0 is not a positive integer`). The error class is the caller's choice.
 */
import type { FastscaleError } from '../errors.js';
import { describe } from './describe.js';

/** Constructor of the error a check throws. */
export type ErrorClass = new (path: string, message: string, options?: { cause?: unknown }) => FastscaleError;

/** Joins a parent path and a key: `join('stages[1]', 'width') === 'stages[1].width'`. */
export function join(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

function fail(error: ErrorClass, path: string, value: unknown, expected: string): never {
  if (value === undefined) throw new error(path, `is missing (expected ${expected})`);
  throw new error(path, `${describe(value)} is not ${expected}`);
}

/** A safe integer >= 1. */
export function positiveInteger(value: unknown, path: string, error: ErrorClass): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  return fail(error, path, value, 'a positive integer');
}

/** A safe integer >= 0. */
export function nonNegativeInteger(value: unknown, path: string, error: ErrorClass): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return fail(error, path, value, 'a non-negative integer');
}

/** An integer in [min, max] (max a safe integer); above the limit, the message names the limit. */
export function integerInRange(value: unknown, min: number, max: number, path: string, error: ErrorClass): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return value;
  if (typeof value === 'number' && Number.isInteger(value) && value > max) throw new error(path, `${value} is above the limit of ${max}`);
  return fail(error, path, value, min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer >= ${min}`);
}

/** A finite number > 0. */
export function positiveNumber(value: unknown, path: string, error: ErrorClass): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  return fail(error, path, value, 'a finite number > 0');
}

/** A finite number >= 0. */
export function nonNegativeNumber(value: unknown, path: string, error: ErrorClass): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  return fail(error, path, value, 'a finite number >= 0');
}

/** One of a fixed set of strings. */
export function oneOf<T extends string>(value: unknown, options: readonly T[], path: string, error: ErrorClass): T {
  if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
  return fail(error, path, value, `one of ${options.map((o) => `'${o}'`).join(', ')}`);
}

/** A boolean. */
export function boolean(value: unknown, path: string, error: ErrorClass): boolean {
  if (typeof value === 'boolean') return value;
  return fail(error, path, value, 'a boolean');
}

/** A non-empty array. */
export function nonEmptyArray(value: unknown, path: string, error: ErrorClass): readonly unknown[] {
  if (Array.isArray(value) && value.length > 0) return value;
  if (Array.isArray(value)) throw new error(path, 'is empty (expected at least one element)');
  return fail(error, path, value, 'an array');
}

/**
 * A plain object whose keys are all in `fields`; an unknown key is an error, so that a misspelt
 * field is never silently ignored.
 */
export function record(
  value: unknown,
  fields: readonly string[],
  path: string,
  what: string,
  error: ErrorClass,
): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(error, path, value, `an object (${what})`);
  }
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) {
      throw new error(join(path, key), `is not a field of ${what} (fields: ${fields.join(', ')})`);
    }
  }
  return value as Readonly<Record<string, unknown>>;
}
