/**
 * pycls's `sweep/samplers.py`: the five sampler types, their validation (`validate_sampler`,
 * `validate_rand`) and `sample_parameters`, which draws one `[key, value, ...]` list per sample.
 */
import { describe } from './core.js';
import { isDecimalMultiple } from './decimal.js';
import { SweepError } from './errors.js';
import { atBoundary, ownedArray } from '../internal/read.js';
import { ownPyValue, type PyValue, pythonFloatRepr, pyStr } from './python.js';
import { compileDraw, RAND_TYPES, type Draw, type RandType } from './rand.js';
import type { RandomState } from './random-state.js';

/**
 * A `float_sampler` or `int_sampler`: a number drawn by `randType` in the closed `range`, quantized to
 * `quantize`. An int sampler's range and quantum are integers and its values Python ints.
 *
 * @example
 * ```ts
 * import type { ScalarSampler } from 'fastscale';
 * const lr: ScalarSampler = { type: 'float_sampler', randType: 'log_uniform', range: [0.25, 5.0], quantize: 1e-10 };
 * ```
 */
export interface ScalarSampler {
  /** `TYPE`. */
  readonly type: 'float_sampler' | 'int_sampler';
  /** `RAND_TYPE`. */
  readonly randType: RandType;
  /** `RANGE`: [low, high], both multiples of the quantum (except for `power2_or_log_uniform`). */
  readonly range: readonly [number, number];
  /** `QUANTIZE`. */
  readonly quantize: number;
}

/**
 * A `value_sampler`: one of `values`, uniformly (`np.random.randint(len(VALUES))`).
 *
 * @example
 * ```ts
 * import type { ValueSampler } from 'fastscale';
 * const epochs: ValueSampler = { type: 'value_sampler', values: [50n, 100n, 200n] };
 * ```
 */
export interface ValueSampler {
  /** `TYPE`. */
  readonly type: 'value_sampler';
  /** `VALUES`, as Python values (ints are bigints). */
  readonly values: readonly PyValue[];
}

/**
 * A `list_sampler`: a list of `length` items, each drawn by `itemSampler`.
 *
 * @example
 * ```ts
 * import type { ListSampler } from 'fastscale';
 * const depths: ListSampler = {
 *   type: 'list_sampler',
 *   length: 4,
 *   itemSampler: { type: 'int_sampler', randType: 'uniform', range: [1, 8], quantize: 1 },
 * };
 * ```
 */
export interface ListSampler {
  /** `TYPE`. */
  readonly type: 'list_sampler';
  /** `LENGTH`. */
  readonly length: number;
  /** `ITEM_SAMPLER` (any sampler but a RegNet one). */
  readonly itemSampler: Exclude<Sampler, RegNetSampler>;
}

/**
 * A `regnet_sampler` (only for the key `REGNET`): draws `REGNET.DEPTH` (uniform, q 1), `W0` (log-uniform,
 * q 8), `WA` (log-uniform, q 0.1), `WM` (log-uniform, q 0.001), `GROUP_W` (power of 2 or log-uniform,
 * q 8) and `BOT_MUL` (power of 2, q 1/128), in that order.
 *
 * @example
 * ```ts
 * import type { RegNetSampler } from 'fastscale';
 * const regnet: RegNetSampler = {
 *   type: 'regnet_sampler',
 *   depth: [6, 16], w0: [8, 256], wa: [8, 256], wm: [2, 3], groupWidth: [1, 32], bottleneckMultiplier: [1, 1],
 * };
 * ```
 */
export interface RegNetSampler {
  /** `TYPE`. */
  readonly type: 'regnet_sampler';
  /** `DEPTH` range (ints). */
  readonly depth: readonly [number, number];
  /** `W0` range (ints, multiples of 8). */
  readonly w0: readonly [number, number];
  /** `WA` range (floats, multiples of 0.1). */
  readonly wa: readonly [number, number];
  /** `WM` range (floats, multiples of 0.001). */
  readonly wm: readonly [number, number];
  /** `GROUP_W` range (ints, powers of 2). */
  readonly groupWidth: readonly [number, number];
  /** `BOT_MUL` range (floats, powers of 2). */
  readonly bottleneckMultiplier: readonly [number, number];
}

/**
 * One of pycls's five sampler types.
 *
 * @example
 * ```ts
 * import type { Sampler } from 'fastscale';
 * const sampler: Sampler = { type: 'value_sampler', values: ['relu', 'silu'] };
 * ```
 */
export type Sampler = ScalarSampler | ValueSampler | ListSampler | RegNetSampler;

/**
 * A sampled `[key, value]` pair, in sampling order (pycls's `params` list, pairwise).
 *
 * @example
 * ```ts
 * import type { SampledParam } from 'fastscale';
 * const param: SampledParam = ['REGNET.WA', 22.0];
 * ```
 */
export type SampledParam = readonly [string, PyValue];

/** The fixed quanta and distributions of the RegNet sampler's six parameters, in drawing order. */
export const REGNET_PARAMETERS = [
  { key: 'DEPTH', field: 'depth', randType: 'uniform', quantize: 1, integer: true },
  { key: 'W0', field: 'w0', randType: 'log_uniform', quantize: 8, integer: true },
  { key: 'WA', field: 'wa', randType: 'log_uniform', quantize: 0.1, integer: false },
  { key: 'WM', field: 'wm', randType: 'log_uniform', quantize: 0.001, integer: false },
  { key: 'GROUP_W', field: 'groupWidth', randType: 'power2_or_log_uniform', quantize: 8, integer: true },
  { key: 'BOT_MUL', field: 'bottleneckMultiplier', randType: 'power2_uniform', quantize: 1 / 128, integer: false },
] as const;

function isPowerOfTwo(v: number): boolean {
  return v > 0 && Number.isFinite(v) && Number.isInteger(Math.log2(v)) && 2 ** Math.log2(v) === v;
}

/**
 * pycls's `validate_rand(path, randType, low, high, q)`: same Python type for all three (the caller checks
 * that), q > 0, low <= high, low > 0 unless uniform or normal, low and high multiples of q (Python's
 * Decimal) unless `power2_or_log_uniform`, and powers of two for the power-of-two types.
 *
 * @throws {@link SweepError} at `path`, naming the bad value in pycls's own words
 */
export function validateRand(path: string, randType: RandType, low: number, high: number, q: number, integer: boolean): void {
  const show = (v: number): string => (integer ? String(v) : pythonFloatRepr(v));
  const call = `${randType}(low=${show(low)}, high=${show(high)}, q=${show(q)})`;
  const invalid = (why: string): SweepError => new SweepError(path, `${call} is invalid: ${why}`);
  if (!RAND_TYPES.includes(randType)) throw new SweepError(path, `${describe(randType)} is not a RAND_TYPE (${RAND_TYPES.join(', ')})`);
  for (const v of [low, high, q]) {
    if (!Number.isFinite(v)) throw invalid(`${show(v)} is not finite`);
    if (integer && !Number.isSafeInteger(v)) throw invalid(`${String(v)} is beyond the safe integer range`);
  }
  if (!(q > 0)) throw invalid('q must be > 0');
  if (!(low <= high)) throw invalid('low must be <= high');
  if (!(low > 0) && randType !== 'uniform' && randType !== 'normal') throw invalid(`low must be > 0 for ${randType}`);
  const asDecimal = (v: number): number | bigint => (integer ? BigInt(v) : v);
  if (randType !== 'power2_or_log_uniform') {
    for (const [name, v] of [['low', low], ['high', high]] as const) {
      if (!isDecimalMultiple(asDecimal(v), asDecimal(q), path)) throw invalid(`${name} ${show(v)} is not a multiple of q ${show(q)}`);
    }
  }
  if (randType === 'power2_uniform' || randType === 'power2_or_log_uniform') {
    for (const v of [low, high, q]) if (!isPowerOfTwo(v)) throw invalid(`${show(v)} is not a power of 2`);
  }
}

/** A sampler compiled for repeated draws: appends its `[key, value]` pairs to `out`. */
export type CompiledSampler = (rs: RandomState, out: SampledParam[]) => void;

/** A draw of one Python value. */
type ValueDraw = (rs: RandomState) => PyValue;

function compileValue(sampler: Exclude<Sampler, RegNetSampler>, path: string): ValueDraw {
  switch (sampler.type) {
    case 'float_sampler':
    case 'int_sampler': {
      const integer = sampler.type === 'int_sampler';
      const draw = compileDraw(sampler.randType, sampler.range[0], sampler.range[1], sampler.quantize, integer, path);
      return integer ? (rs) => BigInt(draw(rs)) : draw;
    }
    case 'value_sampler': {
      const values = sampler.values;
      return (rs) => values[rs.randint(values.length)]!;
    }
    case 'list_sampler': {
      const item = compileValue(sampler.itemSampler, path);
      const length = sampler.length;
      return (rs) => Array.from({ length }, () => item(rs));
    }
  }
}

/** The RegNet sampler's six draws, compiled. */
export function compileRegNetDraws(sampler: RegNetSampler, path: string): readonly Draw[] {
  return REGNET_PARAMETERS.map(({ field, randType, quantize, integer, key }) =>
    compileDraw(randType, sampler[field][0], sampler[field][1], quantize, integer, `${path}.${key}`),
  );
}

/**
 * Compiles `sample_parameters` for one `SETUP.SAMPLERS` entry: a composite (RegNet) sampler appends its
 * six `REGNET.*` pairs, any other one `[key, value]`.
 */
export function compileSampler(key: string, sampler: Sampler, path: string): CompiledSampler {
  if (sampler.type === 'regnet_sampler') {
    const draws = compileRegNetDraws(sampler, path);
    return (rs, out) => {
      REGNET_PARAMETERS.forEach(({ key: name, integer }, i) => {
        const value = draws[i]!(rs);
        out.push([`REGNET.${name}`, integer ? BigInt(value) : value]);
      });
    };
  }
  const draw = compileValue(sampler, path);
  return (rs, out) => {
    out.push([key, draw(rs)]);
  };
}

/**
 * A sample's key as pycls builds it to drop duplicates: `" ".join("{} {}".format(k, v))`, values written
 * as Python's `str()` writes them (`REGNET.WA 22.0`, `OPTIM.WEIGHT_DECAY 1e-05`, `ANYNET.DEPTHS [1, 2]`).
 *
 * @example
 * ```ts
 * import { sampleKey } from 'fastscale';
 * sampleKey([['REGNET.DEPTH', 13n], ['REGNET.WA', 22.0]]); // 'REGNET.DEPTH 13 REGNET.WA 22.0'
 * ```
 */
export function sampleKey(params: readonly SampledParam[]): string {
  const pairs = atBoundary(() => ownedArray(params, 'params', SweepError, { value: 100_000, name: 'the parameter limit' }, '[key, value] pairs'), SweepError);
  return keyOf(
    pairs.map((pair, i): SampledParam => {
      const path = `params[${i}]`;
      const [key, value] = atBoundary(() => ownedArray(pair, path, SweepError, { value: 2, name: 'a pair' }, 'a key and a value'), SweepError);
      if (typeof key !== 'string') throw new SweepError(`${path}[0]`, `${describe(key)} is not a config key`);
      return [key, ownPyValue(value, `${path}[1]`)];
    }),
  );
}

/** {@link sampleKey} of parameters the sampler made (no checks: the hot path of sampling). */
export function keyOf(params: readonly SampledParam[]): string {
  return params.map(([key, value]) => `${key} ${pyStr(value)}`).join(' ');
}
