import { ScalingError } from '../errors.js';
import { countComplexity } from '../network/count.js';
import type { LatencyPrediction } from '../latency/predict.js';
import type { ModelSpec } from '../spec/types.js';
import { checkFactor, complexityExponents, scalingFactors } from '../scaling/factors.js';
import { checkPolicy, type ScaleOptions } from '../scaling/scale.js';
import type { ScalingStrategy } from '../scaling/strategy.js';
import { checkSpec } from '../spec/check.js';
import { DEFAULT_STRATEGIES, namedStrategies } from './strategies.js';
import { ratiosOf, type ScaledRow, sweepChecked } from './sweep.js';
import { checkTargetOptions, type ScaleTarget, scaleToTarget, type TargetMetric, type TargetOptions } from './target.js';

/**
 * One strategy landed on a budget by {@link compareStrategies}: the row of {@link ScaledRow} at the factor
 * {@link scaleToTarget} found, and how close that network lands.
 *
 * @example
 * ```ts
 * import { compareStrategies, zooModel, type TargetRow } from 'fastscale';
 * const rows: TargetRow[] = compareStrategies(zooModel('RegNetY-400MF'), { flops: 4e9 });
 * rows.map((row) => `${row.name}: x${row.factor.toFixed(2)}, ${(100 * row.relativeError).toFixed(2)}%`);
 * ```
 */
export interface TargetRow extends ScaledRow {
  /** The budget's metric. */
  readonly metric: TargetMetric;
  /** The budget (seconds for latency). */
  readonly target: number;
  /** Signed: (reached - target) / target. */
  readonly relativeError: number;
  /** The network's predicted latency, when a latency table was given. */
  readonly latency?: LatencyPrediction;
}

/**
 * One row per strategy at one flops factor: the strategy, its closed-form exponents, its multipliers, the
 * scaled model's exact complexity and its ratios to the base: the paper's tables, computed on a real
 * network (with rounding, so the realised flops ratio shows how close each strategy lands).
 *
 * Given a budget instead of a factor (`{ flops: 4e9 }`, `{ params }`, `{ acts }`, or `{ latency }` in
 * seconds with `options.latencyTable`), each strategy is scaled with {@link scaleToTarget} to the network
 * that lands closest to it, so that all rows cost the same: the paper's comparisons, made at equal flops
 * or at equal latency on the table's machine. With a table, each row also has its predicted latency.
 *
 * @param strategies - default d, w, r, dw, dr, wr, dwr, dWr
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link ScalingError} for a bad factor, target, strategy or policy, or a budget a strategy cannot
 * reach (the message names the strategy and the range it reaches)
 * @throws {@link LatencyTableError} for a malformed latency table, or a network it cannot predict
 *
 * @example
 * ```ts
 * import { compareStrategies, zooModel } from 'fastscale';
 * for (const row of compareStrategies(zooModel('RegNetY-400MF'), 4)) {
 *   console.log(row.name, row.ratios.flops.toFixed(2), row.ratios.acts.toFixed(2));
 * }
 * // d 3.52 2.78 ... w 3.52 1.90 ... dWr 3.91 2.03
 * for (const row of compareStrategies(zooModel('RegNetY-400MF'), { flops: 4e9 }, ['d', 'dwr', 'dWr'])) {
 *   console.log(row.name, row.complexity.flops, row.complexity.acts);
 * }
 * // d 4005283252 28711012, dwr 3851752068 22006188, dWr 3981463544 14151288
 * ```
 */
export function compareStrategies(spec: ModelSpec, s: number, strategies?: readonly (ScalingStrategy | string)[], options?: ScaleOptions): ScaledRow[];
export function compareStrategies(
  spec: ModelSpec,
  target: ScaleTarget,
  strategies?: readonly (ScalingStrategy | string)[],
  options?: TargetOptions,
): TargetRow[];
export function compareStrategies(
  spec: ModelSpec,
  sizing: number | ScaleTarget,
  strategies: readonly (ScalingStrategy | string)[] = DEFAULT_STRATEGIES,
  options: TargetOptions = {},
): ScaledRow[] | TargetRow[] {
  const base = checkSpec(spec);
  const named = namedStrategies(strategies);
  if (typeof sizing === 'number' || typeof sizing !== 'object' || sizing === null) {
    const policy = checkPolicy(options);
    checkFactor(sizing);
    return sweepChecked(base, named, [sizing as number], policy);
  }
  const { policy, table } = checkTargetOptions(options);
  const latencyTable = table?.table;
  const baseComplexity = countComplexity(base);
  return named.map(({ name, strategy }, i) => {
    let result;
    try {
      result = scaleToTarget(base, sizing, strategy, latencyTable === undefined ? { policy } : { policy, latencyTable });
    } catch (error) {
      // Say which strategy missed the budget; target errors keep their path (`target.flops`).
      if (error instanceof ScalingError && error.path === 'target') {
        throw new ScalingError(`strategies[${i}]`, `${name}: ${error.reason}`, { cause: error });
      }
      throw error;
    }
    const [metric, value] = Object.entries(sizing)[0] as [TargetMetric, number];
    return {
      name,
      strategy,
      factor: result.factor,
      factors: scalingFactors(strategy, result.factor),
      exponents: complexityExponents(strategy),
      spec: result.spec,
      complexity: result.complexity,
      ratios: ratiosOf(result.complexity, baseComplexity),
      metric,
      target: value,
      relativeError: result.relativeError,
      ...(result.latency === undefined ? {} : { latency: result.latency }),
    };
  });
}
