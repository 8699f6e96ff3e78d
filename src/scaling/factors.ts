import { ScalingError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { pow } from '../internal/pow.js';
import type { Complexity } from '../spec/types.js';
import { checkStrategy, type ScalingStrategy } from './strategy.js';

/**
 * Multipliers of depth (`d`), width (`w`), group width (`g`) and resolution (`r`) for one flops factor.
 *
 * @example
 * ```ts
 * import { scalingFactors, STRATEGIES, type ScalingFactors } from 'fastscale';
 * const factors: ScalingFactors = scalingFactors(STRATEGIES.dwr, 8); // { d: 2, w: 1.414..., g: 1, r: 1.414... }
 * ```
 */
export interface ScalingFactors {
  /** Depth multiplier, `s^(wd / sum)`. */
  readonly d: number;
  /** Width multiplier, `s^(ww / sum / 2)`. */
  readonly w: number;
  /** Group width multiplier, `s^(wg / sum / 2)`. */
  readonly g: number;
  /** Resolution multiplier, `s^(wr / sum / 2)`. */
  readonly r: number;
}

/**
 * Exponents `e` such that a metric grows as `s^e` when the idealised network (dense convs, continuous
 * depth, width and resolution: DOMAIN.md §2) is scaled by a flops factor `s`.
 *
 * @example
 * ```ts
 * import { complexityExponents, fastCompound, type ComplexityExponents } from 'fastscale';
 * const e: ComplexityExponents = complexityExponents(fastCompound(0.8)); // { flops: 1, params: 0.9, acts: 0.6 }
 * ```
 */
export type ComplexityExponents = Complexity;

/** `s`, checked: a finite number > 0. */
export function checkFactor(s: unknown, path = 'factor'): number {
  if (typeof s === 'number' && Number.isFinite(s) && s > 0) return s;
  throw new ScalingError(path, `${describe(s)} is not a finite number > 0`);
}

/**
 * The weight sum that normalises a strategy, as pycls computes it: `d + w + r`; if that is 0 (group width
 * only), `g / 2`.
 */
function weightSum(strategy: ScalingStrategy): number {
  return strategy.d + strategy.w + strategy.r || strategy.g / 2;
}

/** The exponents of the multipliers in `s` (`d = s^e.d`, ...), for a checked strategy. */
export function multiplierExponents(strategy: ScalingStrategy): ScalingFactors {
  const sum = weightSum(strategy);
  return { d: strategy.d / sum, w: strategy.w / sum / 2, g: strategy.g / sum / 2, r: strategy.r / sum / 2 };
}

/**
 * pycls's `scaling_factors`: for a flops factor `s`, `d = s^(wd/sum)`, `w = s^(ww/sum/2)`,
 * `g = s^(wg/sum/2)`, `r = s^(wr/sum/2)` with `sum = wd + ww + wr` (or `wg/2` when that is 0), so that
 * `d * w^2 * r^2 = s` (on a dense network, flops grow by `s`).
 *
 * @throws {@link ScalingError} for an invalid strategy or a factor that is not a finite number > 0
 *
 * @example
 * ```ts
 * import { parseStrategy, scalingFactors } from 'fastscale';
 * scalingFactors(parseStrategy('d1_w8_g8_r1'), 4);
 * // { d: 1.148..., w: 1.741..., g: 1.741..., r: 1.071... }
 * ```
 */
export function scalingFactors(strategy: ScalingStrategy, s: number): ScalingFactors {
  checkStrategy(strategy);
  checkFactor(s);
  // Correctly rounded powers: V8's `**` is an ulp off where Python's is not (see internal/pow.ts).
  return multipliers(strategy, s, pow);
}

/**
 * {@link scalingFactors} with V8's `**`: up to an ulp off, for searches that only need to get close and
 * then recompute their answer exactly. Inputs are not checked.
 */
export function approximateScalingFactors(strategy: ScalingStrategy, s: number): ScalingFactors {
  return multipliers(strategy, s, Math.pow);
}

function multipliers(strategy: ScalingStrategy, s: number, power: (base: number, exponent: number) => number): ScalingFactors {
  const sum = weightSum(strategy);
  const w = power(s, strategy.w / sum / 2);
  return {
    d: power(s, strategy.d / sum),
    w,
    g: strategy.g === strategy.w ? w : power(s, strategy.g / sum / 2),
    r: power(s, strategy.r / sum / 2),
  };
}

/**
 * Closed-form exponents of flops, params and acts in the flops factor `s`, on the idealised network
 * (flops ~ d w^2 r^2, params ~ d w^2, acts ~ d w r^2): with `e_x = weight_x / sum`,
 * flops `e_d + e_w + e_r` (1, or 0 for a group-width-only strategy), params `e_d + e_w`,
 * acts `e_d + e_w / 2 + e_r`. For fast compound scaling: 1, (1 + alpha) / 2, 1 - alpha / 2.
 *
 * @throws {@link ScalingError} for an invalid strategy
 *
 * @example
 * ```ts
 * import { complexityExponents, STRATEGIES } from 'fastscale';
 * complexityExponents(STRATEGIES.w); // { flops: 1, params: 1, acts: 0.5 }
 * complexityExponents(STRATEGIES.dwr); // { flops: 1, params: 0.666..., acts: 0.833... }
 * ```
 */
export function complexityExponents(strategy: ScalingStrategy): ComplexityExponents {
  checkStrategy(strategy);
  const sum = weightSum(strategy);
  const [d, w, r] = [strategy.d / sum, strategy.w / sum, strategy.r / sum];
  return { flops: d + w + r, params: d + w, acts: d + w / 2 + r };
}
