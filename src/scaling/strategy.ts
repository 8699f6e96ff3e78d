/**
 * Scaling strategies: how a flops factor is split between depth, width, group width and resolution,
 * written as relative weights with pycls's semantics.
 */
import { ScalingError } from '../errors.js';
import { join, nonNegativeNumber, record } from '../internal/check.js';
import { describe } from '../internal/describe.js';
import { gcd } from '../internal/python.js';

/**
 * Relative weights of depth (`d`), width (`w`), group width (`g`) and resolution (`r`), as in pycls's
 * strategy strings (`d1_w8_g8_r1`). Only the ratios matter; see {@link scalingFactors} for the
 * multipliers they give.
 *
 * @example
 * ```ts
 * import type { ScalingStrategy } from 'fastscale';
 * const dWr: ScalingStrategy = { d: 1, w: 8, g: 8, r: 1 }; // fast compound scaling, alpha = 0.8
 * ```
 */
export interface ScalingStrategy {
  /** Relative weight of depth. */
  readonly d: number;
  /** Relative weight of width. */
  readonly w: number;
  /** Relative weight of group width. */
  readonly g: number;
  /** Relative weight of resolution. */
  readonly r: number;
}

/**
 * Names of the strategy presets: the paper's single-dimension and compound strategies, and `dWr`, fast
 * compound scaling with alpha = 0.8.
 *
 * @example
 * ```ts
 * import type { StrategyName } from 'fastscale';
 * const name: StrategyName = 'dWr';
 * ```
 */
export type StrategyName = 'd' | 'w' | 'r' | 'dw' | 'dr' | 'wr' | 'dwr' | 'dWr';

const preset = (d: number, w: number, g: number, r: number): ScalingStrategy => Object.freeze({ d, w, g, r });

/**
 * The strategy presets. The letters are pycls's (`dwr` = `d1_w1_g0_r1`: group widths are not scaled);
 * `dWr` is `d1_w8_g8_r1`, the paper's recommended fast compound scaling (alpha = 0.8).
 *
 * @example
 * ```ts
 * import { fastScale, scale, STRATEGIES, zooModel } from 'fastscale';
 * const spec = zooModel('RegNetY-400MF');
 * scale(spec, STRATEGIES.dWr, 4); // the same network as fastScale(spec, 4, 0.8)
 * ```
 */
export const STRATEGIES: Readonly<Record<StrategyName, ScalingStrategy>> = Object.freeze({
  d: preset(1, 0, 0, 0),
  w: preset(0, 1, 0, 0),
  r: preset(0, 0, 0, 1),
  dw: preset(1, 1, 0, 0),
  dr: preset(1, 0, 0, 1),
  wr: preset(0, 1, 0, 1),
  dwr: preset(1, 1, 0, 1),
  dWr: preset(1, 8, 8, 1),
});

/**
 * Longest strategy string read, in characters: four weights in full double precision (`formatStrategy`
 * writes at most about 100 characters) fit with room to spare.
 *
 * @example
 * ```ts
 * import { MAX_STRATEGY_LENGTH } from 'fastscale';
 * console.log(MAX_STRATEGY_LENGTH); // 256
 * ```
 */
export const MAX_STRATEGY_LENGTH = 256;

const DIMENSIONS = ['d', 'w', 'g', 'r'] as const;

/**
 * Reads a pycls strategy string: bare letters (`d`, `dw`, `dwr`, `dwgr`: each present letter weighs 1)
 * or underscore-separated weights (`d1_w8_g8_r1`, `d1_w2`: absent letters weigh 0). The preset name
 * `dWr` is accepted as `d1_w8_g8_r1`.
 *
 * @throws {@link ScalingError} for anything else: unknown letters, repeated letters, missing or negative
 * weights, all weights zero, or text longer than {@link MAX_STRATEGY_LENGTH}
 *
 * @example
 * ```ts
 * import { parseStrategy } from 'fastscale';
 * parseStrategy('d1_w8_g8_r1'); // { d: 1, w: 8, g: 8, r: 1 }
 * parseStrategy('dwr'); // { d: 1, w: 1, g: 0, r: 1 }
 * ```
 */
export function parseStrategy(text: string): ScalingStrategy {
  if (typeof text !== 'string') throw new ScalingError('strategy', `${describe(text)} is not a strategy string`);
  if (text.length > MAX_STRATEGY_LENGTH) {
    throw new ScalingError('strategy', `${describe(text)} has ${text.length} characters, more than MAX_STRATEGY_LENGTH (${MAX_STRATEGY_LENGTH})`);
  }
  if (text === 'dWr') return STRATEGIES.dWr;
  const weights = { d: 0, w: 0, g: 0, r: 0 };
  const seen = new Set<string>();
  const mark = (letter: string): void => {
    if (seen.has(letter)) throw new ScalingError('strategy', `${describe(text)} names '${letter}' twice`);
    seen.add(letter);
  };
  if (/^[dwgr]+$/.test(text)) {
    for (const letter of text) {
      mark(letter);
      weights[letter as keyof typeof weights] = 1;
    }
  } else {
    // A weight as Python's float() reads it, less signs, inf and nan. Written here rather than at module
    // level so that mutation testing can switch its mutants on (the mutation runner never re-imports).
    const weightPattern = /^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
    for (const part of text.split('_')) {
      const letter = part[0];
      const weight = part.slice(1);
      if (letter === undefined || !'dwgr'.includes(letter) || !weightPattern.test(weight)) {
        throw new ScalingError(
          'strategy',
          `${describe(text)} is not a pycls strategy: '${part}' is not a letter of d, w, g, r followed by a weight (e.g. 'd1_w8_g8_r1' or 'dwr')`,
        );
      }
      mark(letter);
      weights[letter as keyof typeof weights] = Number(weight);
    }
  }
  return checkStrategy(weights);
}

/**
 * Writes a strategy as pycls's string: bare letters when every weight is 0 or 1 (`dwr`), weights
 * otherwise (`d1_w8_g8_r1`), zero weights left out. `parseStrategy(formatStrategy(s))` equals `s`.
 *
 * @throws {@link ScalingError} for an invalid strategy
 *
 * @example
 * ```ts
 * import { fastCompound, formatStrategy, STRATEGIES } from 'fastscale';
 * formatStrategy(STRATEGIES.dwr); // 'dwr'
 * formatStrategy(fastCompound(0.8)); // 'd1_w8_g8_r1'
 * ```
 */
export function formatStrategy(value: ScalingStrategy): string {
  const strategy = checkStrategy(value);
  const present = DIMENSIONS.filter((k) => strategy[k] !== 0);
  if (present.every((k) => strategy[k] === 1)) return present.join('');
  return present.map((k) => `${k}${String(strategy[k])}`).join('_');
}

/**
 * Fast compound scaling (the paper's contribution): width and group width take a share `alpha` of the
 * flops factor, depth and resolution `(1 - alpha) / 2` each. Then activations grow as `s^(1 - alpha/2)`.
 * alpha = 0 is `dr`, alpha = 1 is width (with group width) only, alpha = 0.8 is `d1_w8_g8_r1`.
 *
 * Weights are kept as small integers where alpha is a simple fraction (0.8 -> 1, 8, 8, 1), so that the
 * multipliers are bit-for-bit those of the pycls string.
 *
 * @param alpha - in [0, 1]
 * @throws {@link ScalingError} for alpha outside [0, 1]
 *
 * @example
 * ```ts
 * import { fastCompound } from 'fastscale';
 * fastCompound(0.8); // { d: 1, w: 8, g: 8, r: 1 }
 * fastCompound(0.5); // { d: 1, w: 2, g: 2, r: 1 }
 * ```
 */
export function fastCompound(alpha: number): ScalingStrategy {
  if (typeof alpha !== 'number' || !(alpha >= 0 && alpha <= 1)) {
    throw new ScalingError('alpha', `${describe(alpha)} is not a number in [0, 1]`);
  }
  const fraction = simpleFraction(alpha);
  if (fraction === null) return Object.freeze({ d: 1 - alpha, w: 2 * alpha, g: 2 * alpha, r: 1 - alpha });
  const [p, q] = fraction;
  // e_w = 2p / 2q = alpha and e_d = e_r = (q - p) / 2q = (1 - alpha) / 2.
  const divisor = gcd(q - p, 2 * p) || 1;
  const side = (q - p) / divisor;
  const wide = (2 * p) / divisor;
  return Object.freeze({ d: side, w: wide, g: wide, r: side });
}

/** `[p, q]` with `p / q === alpha` and `q <= 1000`, by continued fractions; `null` where there is none. */
function simpleFraction(alpha: number): [number, number] | null {
  let [p0, q0, p1, q1] = [0, 1, 1, 0];
  let x = alpha;
  for (let i = 0; i < 32; i++) {
    const a = Math.floor(x);
    [p0, q0, p1, q1] = [p1, q1, a * p1 + p0, a * q1 + q0];
    if (q1 > 1000) return null;
    if (p1 / q1 === alpha) return [p1, q1];
    const rest = x - a;
    if (rest === 0) return null;
    x = 1 / rest;
  }
  return null;
}

/**
 * Checks a strategy object (four finite, non-negative weights, not all zero) and returns a copy of its
 * weights: each is read once (a getter cannot answer differently later), and reading a revoked proxy or a
 * throwing getter is a ScalingError.
 *
 * @throws {@link ScalingError} naming the bad weight
 */
export function checkStrategy(value: unknown, path = 'strategy'): ScalingStrategy {
  const fields = readWeights(value, path);
  const weights = { d: 0, w: 0, g: 0, r: 0 };
  for (const k of DIMENSIONS) weights[k] = nonNegativeNumber(fields[k], join(path, k), ScalingError);
  if (weights.d === 0 && weights.w === 0 && weights.g === 0 && weights.r === 0) {
    throw new ScalingError(path, 'all weights are 0: nothing would scale');
  }
  return weights;
}

/**
 * The four weights of a strategy object, each read once (they may come from its prototype), after checking
 * that it has no other own fields (a misspelt weight is never silently 0).
 */
function readWeights(value: unknown, path: string): Readonly<Record<(typeof DIMENSIONS)[number], unknown>> {
  let key = '';
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return record(value, DIMENSIONS, path, 'a scaling strategy', ScalingError) as never;
    for (key of Object.keys(value)) {
      if (!(DIMENSIONS as readonly string[]).includes(key)) {
        throw new ScalingError(join(path, key), `is not a field of a scaling strategy (fields: ${DIMENSIONS.join(', ')})`);
      }
    }
    const source = value as Record<string, unknown>;
    key = 'd';
    const d = source.d;
    key = 'w';
    const w = source.w;
    key = 'g';
    const g = source.g;
    key = 'r';
    const r = source.r;
    return { d, w, g, r };
  } catch (cause) {
    if (cause instanceof ScalingError) throw cause;
    throw new ScalingError(key === '' ? path : join(path, key), `cannot be read (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}
