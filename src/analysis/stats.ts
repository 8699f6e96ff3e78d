import { AnalysisError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { binaryExponent, timesPowerOfTwo } from '../internal/power-of-two.js';
import { ownedArray } from '../internal/read.js';

/**
 * A least-squares line `y = intercept + slope * x`.
 *
 * @example
 * ```ts
 * import { fitLinear, type LinearFit } from 'fastscale';
 * const fit: LinearFit = fitLinear([1, 2, 3], [2, 4, 6]); // { intercept: 0, slope: 2 }
 * ```
 */
export interface LinearFit {
  /** Value of the fitted line at x = 0, in the units of y. */
  readonly intercept: number;
  /** Change in y per unit of x. */
  readonly slope: number;
}

/**
 * Longest series the statistics accept: far beyond any runtime study, and it bounds the work before it starts.
 *
 * @example
 * ```ts
 * import { MAX_SERIES_LENGTH } from 'fastscale';
 * console.log(MAX_SERIES_LENGTH); // 1000000
 * ```
 */
export const MAX_SERIES_LENGTH = 1_000_000;

/**
 * A series of finite numbers, at least `minimum` long, read once into an array of our own: holes, getters
 * that answer differently each time, and proxies are dealt with here, and nowhere after.
 */
export function checkSeries(values: unknown, path: string, minimum = 2): readonly number[] {
  const owned = ownedArray(values, path, AnalysisError, { value: MAX_SERIES_LENGTH, name: 'MAX_SERIES_LENGTH' }, 'numbers');
  if (owned.length < minimum) {
    throw new AnalysisError(path, `has ${owned.length} value${owned.length === 1 ? '' : 's'} (at least ${minimum} needed)`);
  }
  for (let i = 0; i < owned.length; i++) {
    const value = owned[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new AnalysisError(`${path}[${i}]`, `${describe(value)} is not a finite number`);
  }
  return owned as number[];
}

function checkPair(xs: unknown, ys: unknown): [readonly number[], readonly number[]] {
  const x = checkSeries(xs, 'xs');
  const y = checkSeries(ys, 'ys');
  if (x.length !== y.length) throw new AnalysisError('ys', `has ${y.length} values but xs has ${x.length}`);
  return [x, y];
}

/**
 * The exponent `k` of the power of two at or below the largest magnitude of a series (0 for an all-zero
 * series, which the callers reject as constant). Dividing by `2^k` is exact and puts every value in (-2, 2),
 * so the arithmetic rounds as the unscaled would, minus its overflow and underflow.
 */
function magnitude(values: readonly number[]): number {
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  return largest === 0 ? 0 : binaryExponent(largest);
}

/**
 * Means, sums of squares and cross-products about the means (two passes, for accuracy), of the series
 * divided by their magnitudes: squares of values near 1e300 would overflow and those near 1e-300 vanish.
 */
function moments(xs: readonly number[], ys: readonly number[]) {
  const [kx, ky] = [magnitude(xs), magnitude(ys)];
  // x * 2^-k as two exact multiplications (2^1074 itself does not fit a double); the second is 1 unless |k| > 1000.
  const [fx, gx] = powerOfTwoFactors(-kx);
  const [fy, gy] = powerOfTwoFactors(-ky);
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]! * fx * gx;
    my += ys[i]! * fy * gy;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! * fx * gx - mx;
    const dy = ys[i]! * fy * gy - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { kx, ky, mx, my, sxx, syy, sxy };
}

/** Two powers of two whose product is `2^k`, each a double, for `k` in [-1074, 1074]. */
function powerOfTwoFactors(k: number): [number, number] {
  if (Math.abs(k) <= 1000) return [2 ** k, 1];
  return [2 ** (k - Math.sign(k) * 1000), 2 ** (Math.sign(k) * 1000)];
}

/**
 * Pearson's correlation coefficient of two equally long series (at least 2 values, neither constant).
 *
 * @throws {@link AnalysisError} for a series that is not an array of finite numbers (holes included), too
 * short, longer than {@link MAX_SERIES_LENGTH}, of different length than the other, or constant (the
 * correlation is undefined)
 *
 * @example
 * ```ts
 * import { pearson } from 'fastscale';
 * pearson([1, 2, 3, 4], [2, 4, 5, 9]); // 0.9647...
 * ```
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const [x, y] = checkPair(xs, ys);
  const { sxx, syy, sxy } = moments(x, y);
  if (sxx === 0) throw new AnalysisError('xs', 'is constant: the correlation is undefined');
  if (syy === 0) throw new AnalysisError('ys', 'is constant: the correlation is undefined');
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Least-squares fit of `ys ~ intercept + slope * xs` (at least 2 values, `xs` not constant).
 *
 * @throws {@link AnalysisError} as {@link pearson}; a constant `ys` is fine (slope 0)
 *
 * @example
 * ```ts
 * import { fitLinear } from 'fastscale';
 * fitLinear([0, 1, 2], [1, 3, 5]); // { intercept: 1, slope: 2 }
 * ```
 */
export function fitLinear(xs: readonly number[], ys: readonly number[]): LinearFit {
  const [x, y] = checkPair(xs, ys);
  const { kx, ky, mx, my, sxx, sxy } = moments(x, y);
  if (sxx === 0) throw new AnalysisError('xs', 'is constant: no line fits');
  // The fit of the scaled series, back in the units of the data (one power of two: no overflow on the way).
  const slope = sxy / sxx;
  const intercept = timesPowerOfTwo(my - slope * mx, ky);
  const unscaledSlope = timesPowerOfTwo(slope, ky - kx);
  if (!Number.isFinite(unscaledSlope) || !Number.isFinite(intercept)) {
    throw new AnalysisError('ys', 'the fitted line does not fit in double precision (slope or intercept beyond 1.8e308)');
  }
  return { intercept, slope: unscaledSlope };
}
