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
import type { ModelSpec } from '../spec/types.js';
import { anyNetForm } from '../spec/to-anynet.js';
import type { RoundingPolicy } from './rounding.js';
import { multiplierExponents } from './factors.js';
import type { ScalingStrategy } from './strategy.js';

/** Values of a multiplier where `round(base * m / unit)` changes: base * m / unit = k + 1/2. */
function roundSteps(base: number, unit: number, mLo: number, mHi: number, out: number[]): void {
  const first = Math.max(0, Math.ceil((base * mLo) / unit - 0.5));
  for (let k = first; (unit * (k + 0.5)) / base <= mHi; k++) out.push((unit * (k + 0.5)) / base);
}

/** Values where TensorFlow's `round_filters` changes: c * m + 4 = 8k, and the 90% rule at c * m = 8k / 0.9. */
function channelSteps(channels: number, mLo: number, mHi: number, out: number[]): void {
  for (let k = Math.max(1, Math.floor((channels * mLo + 4) / 8)); (8 * k - 4) / channels <= mHi; k++) out.push((8 * k - 4) / channels);
  for (let k = Math.max(1, Math.floor((channels * mLo * 0.9) / 8)); (8 * k) / (0.9 * channels) <= mHi; k++) out.push((8 * k) / (0.9 * channels));
}

/** Values where `ceil(d * m)` changes: d * m = k. */
function ceilSteps(depth: number, mLo: number, mHi: number, out: number[]): void {
  for (let k = Math.max(1, Math.floor(depth * mLo)); k / depth <= mHi; k++) out.push(k / depth);
}

/**
 * The factors in (lo, hi) at which the network that `scale(spec, strategy, s, { policy })` gives changes,
 * sorted. `spec` is checked and scalable (an EfficientNet or a spec with an AnyNet form).
 */
export function plateauBoundaries(spec: ModelSpec, strategy: ScalingStrategy, policy: RoundingPolicy, lo: number, hi: number): number[] {
  const e = multiplierExponents(strategy);
  const steps: { exponent: number; values: number[] }[] = [];
  /** Adds the steps of one dimension, given as multiplier values, to be mapped to factors below. */
  const dimension = (exponent: number, collect: (mLo: number, mHi: number, out: number[]) => void): void => {
    if (exponent === 0) return; // this multiplier is 1 whatever s is
    const values: number[] = [];
    collect(lo ** exponent, hi ** exponent, values);
    steps.push({ exponent, values });
  };
  const depth = (d: number) =>
    dimension(e.d, (a, b, out) => (policy === 'pycls' ? roundSteps(d, 1, a, b, out) : ceilSteps(d, a, b, out)));
  const width = (w: number) =>
    dimension(e.w, (a, b, out) => (policy === 'pycls' ? roundSteps(w, 8, a, b, out) : channelSteps(w, a, b, out)));
  if (spec.family === 'efficientnet') {
    for (const stage of spec.stages) {
      depth(stage.depth);
      width(stage.width);
    }
    width(spec.stemWidth);
    width(spec.headWidth);
  } else {
    for (const stage of anyNetForm(spec).stages) {
      depth(stage.depth);
      width(stage.width);
      dimension(e.g, (a, b, out) => roundSteps(stage.groupWidth, 1, a, b, out));
    }
  }
  dimension(e.r, (a, b, out) => roundSteps(spec.resolution.train, 4, a, b, out));
  // The efficientnet policy derives the test size from the training size; pycls rounds it on its own.
  if (policy === 'pycls') dimension(e.r, (a, b, out) => roundSteps(spec.resolution.test, 4, a, b, out));
  const boundaries = steps.flatMap(({ exponent, values }) => values.map((m) => m ** (1 / exponent))).filter((s) => s > lo && s < hi);
  return [...new Set(boundaries)].sort((a, b) => a - b);
}
