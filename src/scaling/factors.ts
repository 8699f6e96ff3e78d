import { ScalingError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { binaryExponent, timesPowerOfTwo } from '../internal/power-of-two.js';
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
 * The weights divided by a power of two near the largest when they are far from 1: only ratios matter, and
 * this way their sums neither overflow (weights of 1e308) nor vanish (a lone weight of 5e-324). A power-of-two
 * scale changes no ratio; weights within 2^±500 of 1 (every real strategy) are used as written, so their
 * exponents are bit for bit those pycls computes.
 */
function normalised(strategy: ScalingStrategy): ScalingStrategy {
  const largest = Math.max(strategy.d, strategy.w, strategy.g, strategy.r);
  if (largest >= 2 ** -500 && largest <= 2 ** 500) return strategy;
  const k = -binaryExponent(largest);
  return { d: timesPowerOfTwo(strategy.d, k), w: timesPowerOfTwo(strategy.w, k), g: timesPowerOfTwo(strategy.g, k), r: timesPowerOfTwo(strategy.r, k) };
}

/** The exponents of the multipliers in `s` (`d = s^e.d`, ...), for a checked strategy. */
export function multiplierExponents(strategy: ScalingStrategy): ScalingFactors {
  const { d, w, g, r } = normalised(strategy);
  // pycls's weight sum: d + w + r, or g / 2 for a group-width-only strategy.
  const sum = d + w + r || g / 2;
  return { d: d / sum, w: w / sum / 2, g: g / sum / 2, r: r / sum / 2 };
}

/**
 * pycls's `scaling_factors`: for a flops factor `s`, `d = s^(wd/sum)`, `w = s^(ww/sum/2)`,
 * `g = s^(wg/sum/2)`, `r = s^(wr/sum/2)` with `sum = wd + ww + wr` (or `wg/2` when that is 0), so that
 * `d * w^2 * r^2 = s` (on a dense network, flops grow by `s`).
 *
 * Weights far from 1 (beyond 2^±500) are first divided by a power of two near the largest, so that any finite
 * weights work; that changes no ratio, and ordinary weights are used as written (pycls's multipliers, bit for bit).
 *
 * @throws {@link ScalingError} for an invalid strategy, a factor that is not a finite number > 0, or a
 * multiplier that overflows or vanishes (weights such as `d2e-7_g1` put `s^2500000` on the group width)
 *
 * @example
 * ```ts
 * import { parseStrategy, scalingFactors } from 'fastscale';
 * scalingFactors(parseStrategy('d1_w8_g8_r1'), 4);
 * // { d: 1.148..., w: 1.741..., g: 1.741..., r: 1.071... }
 * ```
 */
export function scalingFactors(strategy: ScalingStrategy, s: number): ScalingFactors {
  const weights = checkStrategy(strategy);
  checkFactor(s);
  // Correctly rounded powers: V8's `**` is an ulp off where Python's is not (see internal/pow.ts).
  return multipliers(weights, s, pow);
}

/**
 * {@link scalingFactors} with V8's `**`: up to an ulp off, for searches that only need to get close and
 * then recompute their answer exactly. Inputs are not checked.
 */
export function approximateScalingFactors(strategy: ScalingStrategy, s: number): ScalingFactors {
  return multipliers(strategy, s, Math.pow);
}

const DIMENSION_NAMES = { d: 'depth', w: 'width', g: 'group width', r: 'resolution' } as const;

function multipliers(strategy: ScalingStrategy, s: number, power: (base: number, exponent: number) => number): ScalingFactors {
  const e = multiplierExponents(strategy);
  const w = power(s, e.w);
  const factors = { d: power(s, e.d), w, g: e.g === e.w ? w : power(s, e.g), r: power(s, e.r) };
  // Only the group width's exponent is unbounded (its weight is not in the sum): `d2e-7_g1` puts s^2500000 on it.
  for (const k of ['d', 'w', 'g', 'r'] as const) {
    if (!(Number.isFinite(factors[k]) && factors[k] > 0)) {
      throw new ScalingError(
        'strategy',
        `gives a ${DIMENSION_NAMES[k]} multiplier of ${s}^${e[k]} = ${factors[k]}, which no network can take (weights ${formatWeights(strategy)})`,
      );
    }
  }
  return factors;
}

function formatWeights(strategy: ScalingStrategy): string {
  return (['d', 'w', 'g', 'r'] as const).map((k) => `${k} ${strategy[k]}`).join(', ');
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
  const e = multiplierExponents(checkStrategy(strategy));
  const [d, w, r] = [e.d, 2 * e.w, 2 * e.r];
  return { flops: d + w + r, params: d + w, acts: d + w / 2 + r };
}
