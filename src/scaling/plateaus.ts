/**
 * Where a scaled network changes. Every rounded dimension is a step function of its multiplier `m = s^e`
 * with steps at known values of `m` (a depth `round(d * m)` steps where `d * m` crosses k + 1/2, ...);
 * block compatibility and the group-width rule only combine already-rounded values, so they add no steps.
 * Between two consecutive step points in `s` the scaled network is one and the same: a plateau.
 *
 * Exact up to the rounding of the multiplier itself: a weight so small next to the others (below about
 * 1e-9 of them) that `s^e` differs from 1 only in its last bit steps where that bit flips, which no rule
 * describes. No strategy anyone writes does that.
 */
import type { ScaledDimension } from '../families/family.js';
import { familyOf, type ModelSpec } from '../families/index.js';
import { multiplierExponents } from './factors.js';
import type { RoundingPolicy } from './rounding.js';
import type { ScalingStrategy } from './strategy.js';

/** A multiplier range and the values in it where one dimension's rounding steps. */
interface Steps {
  /** How many step values lie in the range (counted before any is listed, so the work can be bounded). */
  readonly count: number;
  /** The step values, ascending. */
  readonly list: () => number[];
}

/** Steps of `round(base * m / unit)`: base * m / unit = k + 1/2. */
function roundSteps(base: number, unit: number, mLo: number, mHi: number): Steps {
  const first = Math.max(0, Math.ceil((base * mLo) / unit - 0.5));
  const last = Math.floor((base * mHi) / unit - 0.5);
  return arithmetic(first, last, (k) => (unit * (k + 0.5)) / base);
}

/**
 * Steps of `_make_divisible(base * m, unit)` (TensorFlow's `round_filters`): base * m + unit / 2 = k * unit,
 * and the 90% rule, which switches where k * unit = 0.9 * base * m.
 */
function divisibleSteps(base: number, unit: number, mLo: number, mHi: number): Steps {
  const nearest = arithmetic(Math.max(1, Math.floor((base * mLo + unit / 2) / unit)), Math.floor((base * mHi + unit / 2) / unit), (k) => (unit * k - unit / 2) / base);
  const floor = arithmetic(Math.max(1, Math.floor((base * mLo * 0.9) / unit)), Math.floor((base * mHi * 0.9) / unit), (k) => (unit * k) / (0.9 * base));
  return { count: nearest.count + floor.count, list: () => [...nearest.list(), ...floor.list()] };
}

/** Steps of `ceil(base * m)`: base * m = k. */
function ceilSteps(base: number, mLo: number, mHi: number): Steps {
  return arithmetic(Math.max(1, Math.floor(base * mLo)), Math.floor(base * mHi), (k) => k / base);
}

/** The values `at(k)` for k = first..last (none when last < first). */
function arithmetic(first: number, last: number, at: (k: number) => number): Steps {
  const count = Number.isFinite(first) && Number.isFinite(last) ? Math.max(0, last - first + 1) : Infinity;
  return {
    count,
    list: () => {
      const values: number[] = [];
      for (let k = first; k <= last; k++) values.push(at(k));
      return values;
    },
  };
}

function stepsOf(dimension: ScaledDimension, mLo: number, mHi: number): Steps {
  switch (dimension.rule) {
    case 'round':
      return roundSteps(dimension.base, dimension.unit, mLo, mHi);
    case 'divisible':
      return divisibleSteps(dimension.base, dimension.unit, mLo, mHi);
    case 'ceil':
      return ceilSteps(dimension.base, mLo, mHi);
  }
}

/**
 * The factors in (lo, hi) at which the network that `scale(spec, strategy, s, { policy })` gives changes,
 * sorted; or `null` when there are more than `limit` of them (the caller then samples the range instead).
 * Work: O(dimensions) to count, then O(limit) at most. `spec` is checked and scalable.
 */
export function plateauBoundaries(
  spec: ModelSpec,
  strategy: ScalingStrategy,
  policy: RoundingPolicy,
  lo: number,
  hi: number,
  limit = Infinity,
): number[] | null {
  const exponents = multiplierExponents(strategy);
  const dimensions = familyOf(spec).scaling!.dimensions(spec, policy);
  const steps: { exponent: number; steps: Steps }[] = [];
  let total = 0;
  for (const dimension of dimensions) {
    const exponent = exponents[dimension.multiplier];
    if (exponent === 0) continue; // this multiplier is 1 whatever s is
    const dimensionSteps = stepsOf(dimension, lo ** exponent, hi ** exponent);
    total += dimensionSteps.count;
    if (total > limit) return null;
    steps.push({ exponent, steps: dimensionSteps });
  }
  const boundaries = steps.flatMap(({ exponent, steps: s }) => s.list().map((m) => m ** (1 / exponent))).filter((s) => s > lo && s < hi);
  return [...new Set(boundaries)].sort((a, b) => a - b);
}
