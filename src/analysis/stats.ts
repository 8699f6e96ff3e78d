import { AnalysisError } from '../errors.js';
import { describe } from '../internal/describe.js';

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

/** A series of finite numbers, at least `minimum` long. */
export function checkSeries(values: unknown, path: string, minimum = 2): readonly number[] {
  if (!Array.isArray(values)) throw new AnalysisError(path, `${describe(values)} is not an array of numbers`);
  if (values.length < minimum) {
    throw new AnalysisError(path, `has ${values.length} value${values.length === 1 ? '' : 's'} (at least ${minimum} needed)`);
  }
  values.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new AnalysisError(`${path}[${i}]`, `${describe(value)} is not a finite number`);
    }
  });
  return values as readonly number[];
}

function checkPair(xs: unknown, ys: unknown): [readonly number[], readonly number[]] {
  const x = checkSeries(xs, 'xs');
  const y = checkSeries(ys, 'ys');
  if (x.length !== y.length) throw new AnalysisError('ys', `has ${y.length} values but xs has ${x.length}`);
  return [x, y];
}

/**
 * A power of two near the largest magnitude of a series (1 for an all-zero series, which the callers
 * reject as constant). Dividing by a power of two is exact, so the scaled arithmetic rounds exactly as
 * the unscaled would, minus its overflow and underflow.
 */
function magnitude(values: readonly number[]): number {
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  return largest === 0 ? 1 : 2 ** Math.round(Math.log2(largest));
}

/**
 * Means, sums of squares and cross-products about the means (two passes, for accuracy), of the series
 * divided by their magnitudes: squares of values near 1e300 would overflow and those near 1e-300 vanish.
 */
function moments(xs: readonly number[], ys: readonly number[]) {
  const [scaleX, scaleY] = [magnitude(xs), magnitude(ys)];
  let mx = 0;
  let my = 0;
  for (let i = 0; i < xs.length; i++) {
    mx += xs[i]! / scaleX;
    my += ys[i]! / scaleY;
  }
  mx /= xs.length;
  my /= ys.length;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! / scaleX - mx;
    const dy = ys[i]! / scaleY - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { scaleX, scaleY, mx, my, sxx, syy, sxy };
}

/**
 * Pearson's correlation coefficient of two equally long series (at least 2 values, neither constant).
 *
 * @throws {@link AnalysisError} for a series that is not an array of finite numbers, too short, of
 * different length than the other, or constant (the correlation is undefined)
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
  const { scaleX, scaleY, mx, my, sxx, sxy } = moments(x, y);
  if (sxx === 0) throw new AnalysisError('xs', 'is constant: no line fits');
  // The fit of the scaled series, back in the units of the data.
  const slope = sxy / sxx;
  const intercept = (my - slope * mx) * scaleY;
  const unscaledSlope = (slope * scaleY) / scaleX;
  if (!Number.isFinite(unscaledSlope) || !Number.isFinite(intercept)) {
    throw new AnalysisError('ys', 'the fitted line does not fit in double precision (slope or intercept beyond 1.8e308)');
  }
  return { intercept, slope: unscaledSlope };
}
