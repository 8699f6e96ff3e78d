import { ScalingError } from '../errors.js';
import { ownedArray, ownedRecord } from '../internal/read.js';
import { countComplexity } from '../network/count.js';
import { checkSpec } from '../spec/check.js';
import type { Complexity, Metric, ModelSpec } from '../spec/types.js';
import { checkFactor, complexityExponents, type ComplexityExponents, type ScalingFactors, scalingFactors } from '../scaling/factors.js';
import type { RoundingPolicy } from '../scaling/rounding.js';
import { checkPolicy, scaleChecked } from '../scaling/scale.js';
import type { ScalingStrategy } from '../scaling/strategy.js';
import { DEFAULT_STRATEGIES, type NamedStrategy, namedStrategies } from './strategies.js';

/**
 * Scaled over base, per metric.
 *
 * @example
 * ```ts
 * import type { ComplexityRatios } from 'fastscale';
 * const ratios: ComplexityRatios = { flops: 3.91, params: 3.36, acts: 2.03 };
 * ```
 */
export type ComplexityRatios = Readonly<Record<Metric, number>>;

/**
 * One scaled model of a {@link sweep} or {@link compareStrategies}.
 *
 * @example
 * ```ts
 * import { sweep, zooModel, type ScaledRow } from 'fastscale';
 * const rows: ScaledRow[] = sweep(zooModel('RegNetX-200MF'), { strategies: ['dWr'], factors: [2, 4] });
 * ```
 */
export interface ScaledRow {
  /** The strategy's preset name (`dWr`) or pycls string. */
  readonly name: string;
  /** The strategy's weights. */
  readonly strategy: ScalingStrategy;
  /** The flops factor asked for. */
  readonly factor: number;
  /** Multipliers applied before rounding. */
  readonly factors: ScalingFactors;
  /** Closed-form exponents of the strategy (idealised network). */
  readonly exponents: ComplexityExponents;
  /** The scaled network. */
  readonly spec: ModelSpec;
  /** Its exact complexity. */
  readonly complexity: Complexity;
  /** Scaled complexity over base complexity. */
  readonly ratios: ComplexityRatios;
}

/**
 * Options of {@link sweep}.
 *
 * @example
 * ```ts
 * import type { SweepOptions } from 'fastscale';
 * const options: SweepOptions = { strategies: ['dwr', 'dWr'], factors: [1, 2, 4, 8] };
 * ```
 */
export interface SweepOptions {
  /** Strategies (objects, pycls strings or preset names); default d, w, r, dw, dr, wr, dwr, dWr. */
  readonly strategies?: readonly (ScalingStrategy | string)[];
  /** Flops factors, each a finite number > 0. */
  readonly factors: readonly number[];
  /** Rounding policy; default `pycls`. */
  readonly policy?: RoundingPolicy;
}

/** Scaled over base per metric. */
export function ratiosOf(scaled: Complexity, base: Complexity): ComplexityRatios {
  return { flops: scaled.flops / base.flops, params: scaled.params / base.params, acts: scaled.acts / base.acts };
}

/**
 * A table of scaled models and their complexity: every strategy at every factor (strategies outer,
 * factors inner), for plots and NAS tooling. The base is checked and counted once, each strategy parsed
 * once, and each scaled model counted once (the count that proves it valid).
 *
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link ScalingError} for a bad strategy, factor or policy, or a scale that breaks the network
 *
 * @example
 * ```ts
 * import { sweep, zooModel } from 'fastscale';
 * const rows = sweep(zooModel('RegNetY-400MF'), { strategies: ['w', 'dWr'], factors: [2, 4, 8] });
 * rows.map((row) => `${row.name} x${row.factor}: acts x${row.ratios.acts.toFixed(2)}`);
 * ```
 */
export function sweep(spec: ModelSpec, options: SweepOptions): ScaledRow[] {
  const base = checkSpec(spec);
  const fields = ownedRecord(options, ['strategies', 'factors', 'policy'], 'options', 'sweep options', ScalingError);
  const strategies = namedStrategies(fields.strategies ?? DEFAULT_STRATEGIES, 'options.strategies');
  const factors = checkFactors(fields.factors);
  const policy = checkPolicy(fields.policy === undefined ? {} : { policy: fields.policy });
  return sweepChecked(base, strategies, factors, policy);
}

/** The sweep itself, on inputs already checked. */
export function sweepChecked(
  base: ModelSpec,
  strategies: readonly NamedStrategy[],
  factors: readonly number[],
  policy: RoundingPolicy,
): ScaledRow[] {
  const baseComplexity = countComplexity(base);
  const rows: ScaledRow[] = [];
  for (const { name, strategy } of strategies) {
    const exponents = complexityExponents(strategy);
    for (const factor of factors) {
      const multipliers = scalingFactors(strategy, factor);
      const scaled = scaleChecked(base, multipliers, policy);
      rows.push({
        name,
        strategy,
        factor,
        factors: multipliers,
        exponents,
        spec: scaled.spec,
        complexity: scaled.complexity,
        ratios: ratiosOf(scaled.complexity, baseComplexity),
      });
    }
  }
  return rows;
}

/** Most factors a sweep takes (each is one scaled network per strategy). */
const MAX_FACTORS = 10_000;

function checkFactors(value: unknown): readonly number[] {
  const factors = ownedArray(value, 'options.factors', ScalingError, { value: MAX_FACTORS, name: 'the factor limit' }, 'factors');
  if (factors.length === 0) throw new ScalingError('options.factors', 'is empty (expected at least one factor)');
  return factors.map((factor, i) => checkFactor(factor, `options.factors[${i}]`));
}
