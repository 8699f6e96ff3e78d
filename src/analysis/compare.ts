import type { ModelSpec } from '../spec/types.js';
import { checkFactor } from '../scaling/factors.js';
import { checkPolicy, type ScaleOptions } from '../scaling/scale.js';
import type { ScalingStrategy } from '../scaling/strategy.js';
import { checkSpec } from '../spec/check.js';
import { DEFAULT_STRATEGIES, namedStrategies } from './strategies.js';
import { type ScaledRow, sweepChecked } from './sweep.js';

/**
 * One row per strategy at one flops factor: the strategy, its closed-form exponents, its multipliers, the
 * scaled model's exact complexity and its ratios to the base: the paper's tables, computed on a real
 * network (with rounding, so the realised flops ratio shows how close each strategy lands).
 *
 * @param strategies - default d, w, r, dw, dr, wr, dwr, dWr
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link ScalingError} for a bad factor, strategy or policy
 *
 * @example
 * ```ts
 * import { compareStrategies, zooModel } from 'fastscale';
 * for (const row of compareStrategies(zooModel('RegNetY-400MF'), 4)) {
 *   console.log(row.name, row.ratios.flops.toFixed(2), row.ratios.acts.toFixed(2));
 * }
 * // d 3.52 2.78 ... w 3.52 1.90 ... dWr 3.91 2.03
 * ```
 */
export function compareStrategies(
  spec: ModelSpec,
  s: number,
  strategies: readonly (ScalingStrategy | string)[] = DEFAULT_STRATEGIES,
  options: ScaleOptions = {},
): ScaledRow[] {
  const base = checkSpec(spec);
  checkFactor(s);
  return sweepChecked(base, namedStrategies(strategies), [s], checkPolicy(options));
}
