/**
 * Helpers the families' pycls formats share. No YAML here: a family writes plain values and the markers
 * below, and only the YAML writer (src/io/pycls-config.ts) turns them into YAML, so counting and scaling
 * never pull in a YAML library.
 */
import { SpecError } from '../errors.js';
import { describe } from '../internal/describe.js';
import type { ConfigEntries } from '../families/family.js';

/** A float-typed value: written with a decimal point (`1.0`), as yacs rejects an int where its default is a float. */
export class FloatValue {
  constructor(readonly value: number) {}
}

/** A list written on one line (`[1, 2, 3]`), as pycls's own configs write per-stage lists. */
export class FlowList {
  constructor(readonly items: readonly unknown[]) {}
}

/** A float-typed value. */
export function float(value: number): FloatValue {
  return new FloatValue(value);
}

/** A one-line list. */
export function flow(items: readonly unknown[]): FlowList {
  return new FlowList(items);
}

/** A config value, or pycls's default where the key is absent. */
export function optional(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

/** Per-stage lists must have one entry per stage: pycls would silently drop the extra ones. */
export function sameLength(sectionName: string, lists: Readonly<Record<string, readonly unknown[]>>): number {
  const [firstKey, first] = Object.entries(lists)[0]!;
  if (first.length === 0) throw new SpecError(`${sectionName}.${firstKey}`, 'is empty (expected one entry per stage)');
  for (const [key, values] of Object.entries(lists)) {
    if (values.length !== first.length) {
      throw new SpecError(`${sectionName}.${key}`, `has ${values.length} entries but ${sectionName}.${firstKey} has ${first.length} (one per stage)`);
    }
  }
  return first.length;
}

/** `SE_ON` and `SE_R` of a section as a spec's ratio-or-null. */
export function seRatioOf(section: Readonly<Record<string, unknown>>, name: string): unknown {
  const on = optional(section.SE_ON, false);
  if (typeof on !== 'boolean') throw new SpecError(`${name}.SE_ON`, `${describe(on)} is not a boolean`);
  return on ? optional(section.SE_R, 0.25) : null;
}

/** `SE_ON` (and `SE_R` when on) for a spec's ratio-or-null. */
export function seRatioEntries(ratio: number | null): ConfigEntries {
  return ratio === null ? [['SE_ON', false]] : [['SE_ON', true], ['SE_R', float(ratio)]];
}

/** Config keys of a stem's fields in a section (`stem.width` -> `ANYNET.STEM_W`). */
export function stemKeyOf(section: string, path: string): string | undefined {
  if (path === 'stem.type') return `${section}.STEM_TYPE`;
  if (path === 'stem.width') return `${section}.STEM_W`;
  return undefined;
}
