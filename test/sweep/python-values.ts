/** Reading test/fixtures/python-values.json (scripts/python-values-fixtures.py): Python's own values, tagged. */
import { readFileSync } from 'node:fs';
import type { PyValue } from '../../src/index.js';

/** A Python value as the fixture script tags it. */
export type Tagged =
  | { readonly none: null }
  | { readonly bool: boolean }
  | { readonly int: string }
  | { readonly float: number | 'inf' | '-inf' | 'nan' }
  | { readonly str: string }
  | { readonly list: readonly Tagged[] }
  | { readonly tuple: readonly Tagged[] }
  | { readonly dict: readonly (readonly [string, Tagged])[] };

/** The Python value a tag stands for (a tuple becomes a list). */
export function fromTag(t: Tagged): PyValue {
  if ('none' in t) return null;
  if ('bool' in t) return t.bool;
  if ('int' in t) return BigInt(t.int);
  if ('float' in t) return t.float === 'inf' ? Infinity : t.float === '-inf' ? -Infinity : t.float === 'nan' ? NaN : t.float;
  if ('str' in t) return t.str;
  if ('list' in t) return t.list.map(fromTag);
  if ('tuple' in t) return t.tuple.map(fromTag);
  return Object.fromEntries(t.dict.map(([k, v]) => [k, fromTag(v)]));
}

export interface PythonValues {
  readonly floatRepr: readonly (readonly [number | 'inf' | '-inf', string])[];
  readonly pythonRepr: readonly (readonly [Tagged, string, string])[];
  readonly quantize: readonly (readonly [number, number | { readonly int: string }, string])[];
  readonly decimalMultiple: readonly (readonly [Tagged, Tagged, boolean | string])[];
  readonly literalEval: readonly (readonly [string, Tagged | null])[];
  readonly yamlLoad: readonly (readonly [string, Tagged])[];
  readonly yamlDump: readonly (readonly [Tagged, string, string])[];
  readonly generateRegnet: readonly (readonly [number, number, number, number, readonly [number[], number[], number, number]])[];
}

export const PYTHON: PythonValues = JSON.parse(readFileSync(new URL('../fixtures/python-values.json', import.meta.url), 'utf8')) as PythonValues;
