/**
 * Reader of test/fixtures/pycls-rounding.json: pycls's own rounding (scale_model, adjust_block_compatibility,
 * generate_regnet, the SE widths of the modules it builds) and TensorFlow's round_filters on edge inputs,
 * made by scripts/pycls-rounding-fixtures.py with pycls's unmodified code. Read its `about`.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { fromPyclsConfig, type Complexity, type ModelSpec } from '../../src/index.js';
import { FIXTURES } from './fixtures.js';

/** A hand-made base: pycls config keys (`ANYNET.DEPTHS`) over pycls's defaults, and pycls's complexity. */
export interface RoundingBase {
  readonly name: string;
  readonly about: string;
  readonly config: Record<string, unknown>;
  readonly complexity: Complexity;
}

/** One base scaled by pycls's scale_model; `error` where pycls asserts. */
export type ScaleModelRecord = {
  readonly base: string;
  readonly scaleType: string;
  readonly factor: number;
  readonly scalingFactors: [number, number, number, number];
} & (
  | {
      readonly modelType: 'anynet' | 'effnet';
      readonly scaled: Record<string, unknown>;
      readonly trainImSize: number;
      readonly testImSize: number;
      readonly complexity: Complexity;
      readonly ties: readonly string[];
    }
  | { readonly error: string }
);

export interface EfficientNetVariantRecord {
  readonly variant: string;
  readonly widthMult: number;
  readonly depthMult: number;
  readonly tf: Record<string, unknown>;
  readonly trainImSize: number;
  readonly complexity: Complexity;
  readonly pycls?: { readonly config: string; readonly testImSize: number; readonly sameAsTf: boolean; readonly trainImSize: number };
}

export interface EfficientNetPolicyRecord {
  readonly base: string;
  readonly scaleType: string;
  readonly factor: number;
  readonly multipliers: [number, number, number];
  readonly scaled: Record<string, unknown>;
  readonly trainImSize: number;
  readonly complexity: Complexity;
}

export interface PyclsRounding {
  readonly about: string;
  readonly bases: readonly RoundingBase[];
  readonly scaleModel: readonly ScaleModelRecord[];
  /** [g, factor, g * factor, scaled group width]. */
  readonly groupWidths: readonly [number, number, number, number][];
  /** [w, b, g, w', g'] or [w, b, g, error]. */
  readonly compatibility: readonly ([number, number, number, number, number] | [number, number, number, string])[];
  /** [w_in, se_r, w_in * se_r, w_se (0: none), flops, params, acts] of a bottleneck transform (w_out 16, group width 8) at 14 px. */
  readonly seBottleneck: readonly [number, number, number, number, number, number, number][];
  /** [w_in, exp_r, se_r, w_exp, w_se, flops, params, acts] of an MBConv (w_out 16, k 3) at 14 px, or [w_in, exp_r, se_r, error]. */
  readonly seMBConv: readonly ([number, number, number, number, number, number, number, number] | [number, number, number, string])[];
  /** [wa, w0, wm, d, stage widths, stage depths, stages, total stages, block widths, note]. */
  readonly regnet: readonly [number, number, number, number, number[], number[], number, number, number[], string][];
  /** [c, m, c * m, round_filters(c, m)]. */
  readonly roundFilters: readonly [number, number, number, number][];
  readonly efficientNetVariants: readonly EfficientNetVariantRecord[];
  readonly efficientNetPolicy: readonly EfficientNetPolicyRecord[];
}

let cached: PyclsRounding | undefined;

export function pyclsRounding(): PyclsRounding {
  cached ??= JSON.parse(readFileSync(`${FIXTURES}pycls-rounding.json`, 'utf8')) as PyclsRounding;
  return cached;
}

/** pycls config text from flat keys (`ANYNET.DEPTHS: [...]` -> `ANYNET: { DEPTHS: [...] }`). */
export function configText(keys: Readonly<Record<string, unknown>>): string {
  const nested: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(keys)) {
    const [section, name] = key.split('.') as [string, string];
    (nested[section] ??= {})[name] = value;
  }
  return stringify(nested);
}

/** The spec of a flat-key pycls config. */
export function specOfKeys(keys: Readonly<Record<string, unknown>>): ModelSpec {
  return fromPyclsConfig(configText(keys));
}
