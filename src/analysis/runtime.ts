import { AnalysisError } from '../errors.js';
import { join } from '../internal/check.js';
import { ownedArray, ownedRecord } from '../internal/read.js';
import { describe } from '../internal/describe.js';
import { complexity } from '../complexity/index.js';
import type { Complexity, Metric, ModelSpec } from '../spec/types.js';
import { fitLinear, MAX_SERIES_LENGTH, pearson } from './stats.js';

/**
 * A measured runtime: of a network given by its spec, or directly by its complexity.
 *
 * @example
 * ```ts
 * import { zooModel, type RuntimeSample } from 'fastscale';
 * const sample: RuntimeSample = { spec: zooModel('RegNetX-200MF'), seconds: 0.0165 };
 * ```
 */
export type RuntimeSample =
  | {
      /** The measured network; its complexity is counted. */
      readonly spec: ModelSpec;
      /** Measured runtime in seconds, finite and >= 0. */
      readonly seconds: number;
    }
  | {
      /** The measured network's complexity, given directly. */
      readonly complexity: Complexity;
      /** Measured runtime in seconds, finite and >= 0. */
      readonly seconds: number;
    };

/**
 * How well one metric predicts runtime: Pearson's r and the fit `seconds ~ intercept + slope * metric`.
 *
 * @example
 * ```ts
 * import type { MetricFit } from 'fastscale';
 * const fit: MetricFit = { r: 0.95, intercept: 0.004, slope: 2.6e-9 };
 * ```
 */
export interface MetricFit {
  /** Pearson's correlation of the metric with seconds. */
  readonly r: number;
  /** Fitted runtime at a metric of 0, in seconds. */
  readonly intercept: number;
  /** Fitted seconds per unit of the metric. */
  readonly slope: number;
}

/**
 * The result of {@link correlateRuntime}: one fit per metric (`null` where the metric does not vary across
 * the samples, so it cannot predict anything) and the metric with the highest r.
 *
 * @example
 * ```ts
 * import type { RuntimeCorrelation } from 'fastscale';
 * function report(c: RuntimeCorrelation): string {
 *   return `runtime tracks ${c.best} (r = ${c[c.best]?.r.toFixed(2)})`;
 * }
 * ```
 */
export interface RuntimeCorrelation {
  /** Fit of seconds on flops, or `null` where flops are the same in every sample. */
  readonly flops: MetricFit | null;
  /** Fit of seconds on params, or `null` where params are the same in every sample. */
  readonly params: MetricFit | null;
  /** Fit of seconds on activations, or `null` where acts are the same in every sample. */
  readonly acts: MetricFit | null;
  /** The metric whose fit has the highest r. */
  readonly best: Metric;
  /** Number of samples. */
  readonly samples: number;
}

const METRICS: readonly Metric[] = ['flops', 'params', 'acts'];

/**
 * Correlates measured runtimes with flops, params and activations: which metric predicts the time?
 * The paper's finding is that activations do, across scaling strategies, on memory-bound hardware.
 *
 * @param samples - at least 3, each `{ spec, seconds }` or `{ complexity, seconds }`; the seconds must vary
 * @throws {@link AnalysisError} for fewer than 3 samples, a malformed sample, non-finite or negative
 * seconds, constant seconds, or metrics that are all constant
 * @throws {@link SpecError} for an invalid spec in a sample
 *
 * @example
 * ```ts
 * import { correlateRuntime, zooModel } from 'fastscale';
 * // pycls's V100 inference times (seconds per batch of 64) of three zoo models:
 * const c = correlateRuntime([
 *   { spec: zooModel('RegNetX-200MF'), seconds: 0.0165 },
 *   { spec: zooModel('RegNetX-1.6GF'), seconds: 0.0543 },
 *   { spec: zooModel('RegNetX-16GF'), seconds: 0.1333 },
 * ]);
 * c.best; // the metric whose r is highest
 * ```
 */
export function correlateRuntime(samples: readonly RuntimeSample[]): RuntimeCorrelation {
  // Read once into owned copies: holes, revoked proxies and getters are dealt with here.
  const list = ownedArray(samples, 'samples', AnalysisError, { value: MAX_SERIES_LENGTH, name: 'MAX_SERIES_LENGTH' }, 'samples');
  if (list.length < 3) {
    throw new AnalysisError('samples', `has ${list.length} sample${list.length === 1 ? '' : 's'} (at least 3 are needed for a correlation that says anything)`);
  }
  const seconds: number[] = [];
  const counts: Complexity[] = [];
  list.forEach((value: unknown, i) => {
    const path = join('samples', i);
    const sample = ownedRecord(value, ['spec', 'complexity', 'seconds'], path, 'a runtime sample', AnalysisError);
    const time = sample.seconds;
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) {
      throw new AnalysisError(join(path, 'seconds'), `${describe(time)} is not a finite number >= 0`);
    }
    seconds.push(time);
    counts.push(sampleComplexity(sample, path));
  });
  if (seconds.every((t) => t === seconds[0])) {
    throw new AnalysisError('samples', 'all seconds are equal: there is no runtime variation to explain');
  }
  const fits = {} as Record<Metric, MetricFit | null>;
  let best: Metric | null = null;
  for (const metric of METRICS) {
    const xs = counts.map((c) => c[metric]);
    if (xs.every((x) => x === xs[0])) {
      fits[metric] = null;
      continue;
    }
    fits[metric] = { r: pearson(xs, seconds), ...fitLinear(xs, seconds) };
    if (best === null || fits[metric].r > fits[best]!.r) best = metric;
  }
  if (best === null) throw new AnalysisError('samples', 'flops, params and acts are each the same in every sample: nothing to correlate');
  return { ...fits, best, samples: list.length };
}

function sampleComplexity(sample: Readonly<Record<string, unknown>>, path: string): Complexity {
  const hasSpec = sample.spec !== undefined;
  const hasComplexity = sample.complexity !== undefined;
  if (hasSpec === hasComplexity) {
    throw new AnalysisError(path, 'needs exactly one of spec or complexity');
  }
  if (hasSpec) return complexity(sample.spec as ModelSpec);
  const cx = ownedRecord(sample.complexity, METRICS, join(path, 'complexity'), 'a complexity', AnalysisError);
  const counts = { flops: 0, params: 0, acts: 0 };
  for (const metric of METRICS) {
    const value = cx[metric];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new AnalysisError(join(join(path, 'complexity'), metric), `${describe(value)} is not a finite number >= 0`);
    }
    counts[metric] = value;
  }
  return counts;
}
