/**
 * Compares our reading of YAML (or of a Python literal) with the reference's, printed by
 * pyyaml-reference.py: ints as `{ int: '12' }`, floats as `{ float: repr }`, mappings as `{ map: [[k, v]] }`,
 * other Python types as `{ other: 'complex' }`.
 */
import { fileURLToPath } from 'node:url';

export const REFERENCE_SCRIPT = fileURLToPath(new URL('./pyyaml-reference.py', import.meta.url));

export type Encoded = null | boolean | string | Encoded[] | { int: string } | { float: string } | { map: [Encoded, Encoded][] } | { other: string };

/** What the reference made of one text. */
export type ReferenceResult = { value: Encoded } | { error: string; message?: string } | { text: true };

/** Whether a Python value holds something fastscale refuses by design (see loadPyclsYaml). */
export function holdsUnsupported(value: Encoded): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(holdsUnsupported);
  if ('other' in value) return true;
  if ('int' in value) return !Number.isFinite(Number(BigInt(value.int)));
  if ('map' in value) return value.map.some(([key, item]) => typeof key !== 'string' || holdsUnsupported(item));
  return false;
}

function pythonFloat(repr: string): number {
  if (repr === 'inf') return Infinity;
  if (repr === '-inf') return -Infinity;
  if (repr === 'nan') return NaN;
  return Number(repr);
}

/** Where `ours` differs from the reference value (a path and both values), or null when equal. */
export function difference(expected: Encoded, ours: unknown, path = '$'): string | null {
  const mismatch = `${path}: expected ${JSON.stringify(expected)}, got ${describeValue(ours)}`;
  if (expected === null || typeof expected !== 'object') return Object.is(expected, ours) ? null : mismatch;
  if (Array.isArray(expected)) {
    if (!Array.isArray(ours) || ours.length !== expected.length) return mismatch;
    for (let i = 0; i < expected.length; i++) {
      const inner = difference(expected[i]!, ours[i], `${path}[${i}]`);
      if (inner !== null) return inner;
    }
    return null;
  }
  if ('int' in expected) return Object.is(Number(BigInt(expected.int)), ours) ? null : mismatch;
  if ('float' in expected) return Object.is(pythonFloat(expected.float), ours) ? null : mismatch;
  if ('map' in expected) {
    if (ours === null || typeof ours !== 'object' || Array.isArray(ours)) return mismatch;
    const keys = Object.keys(ours);
    if (keys.length !== expected.map.length) return mismatch;
    for (const [key, item] of expected.map) {
      if (typeof key !== 'string' || !Object.hasOwn(ours, key)) return mismatch;
      const inner = difference(item, (ours as Record<string, unknown>)[key], `${path}.${key}`);
      if (inner !== null) return inner;
    }
    return null;
  }
  return mismatch;
}

function describeValue(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
}
