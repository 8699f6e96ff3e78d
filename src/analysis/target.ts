import { LatencyTableError, ScalingError } from '../errors.js';
import { join } from '../internal/check.js';
import { ownedRecord } from '../internal/read.js';
import { describe } from '../internal/describe.js';
import { atBoundary, fieldsOf } from '../internal/read.js';
import { type CompiledTable, compileTable, type LatencyPrediction, predictCompiled } from '../latency/predict.js';
import type { LatencyTable } from '../latency/table.js';
import type { ModelSpec } from '../families/index.js';
import { countComplexity } from '../network/count.js';
import { checkSpec } from '../spec/check.js';
import type { Complexity, Metric } from '../spec/common.js';
import { approximateScalingFactors, complexityExponents, scalingFactors } from '../scaling/factors.js';
import { checkPolicy, keepModel, type ScaledModel, type ScaleOptions, scaleChecked, toStrategy } from '../scaling/scale.js';
import { plateauBoundaries } from '../scaling/plateaus.js';
import type { RoundingPolicy } from '../scaling/rounding.js';
import { formatStrategy, type ScalingStrategy } from '../scaling/strategy.js';

/**
 * A budget for one metric: `{ flops: 4e9 }`, `{ params: 20e6 }` or `{ acts: 30e6 }`.
 *
 * @example
 * ```ts
 * import type { ComplexityTarget } from 'fastscale';
 * const target: ComplexityTarget = { flops: 4e9 };
 * ```
 */
export type ComplexityTarget =
  | {
      /** Target multiply-adds. */
      readonly flops: number;
    }
  | {
      /** Target parameter count. */
      readonly params: number;
    }
  | {
      /** Target activation count. */
      readonly acts: number;
    };

/**
 * A latency budget: `{ latency: 0.025 }` is 25 ms per forward pass, as predicted by a latency table
 * (`predictLatency`), for the table's batch size and settings.
 *
 * @example
 * ```ts
 * import type { LatencyTarget } from 'fastscale';
 * const target: LatencyTarget = { latency: 0.025 };
 * ```
 */
export interface LatencyTarget {
  /** Target seconds per forward pass. */
  readonly latency: number;
}

/**
 * What a network can be scaled to: a complexity budget or a latency budget.
 *
 * @example
 * ```ts
 * import type { ScaleTarget } from 'fastscale';
 * const targets: ScaleTarget[] = [{ flops: 4e9 }, { latency: 0.025 }];
 * ```
 */
export type ScaleTarget = ComplexityTarget | LatencyTarget;

/**
 * The metric of a {@link ScaleTarget}: flops, params, acts, or latency (predicted from a latency table).
 *
 * @example
 * ```ts
 * import type { TargetMetric } from 'fastscale';
 * const metrics: TargetMetric[] = ['flops', 'params', 'acts', 'latency'];
 * ```
 */
export type TargetMetric = Metric | 'latency';

/**
 * Options of {@link scaleToTarget}: the rounding policy, and the latency table that a latency target
 * needs (with a complexity target, a table adds the predicted latency of the answer).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readLatencyTable, type TargetOptions } from 'fastscale';
 * const options: TargetOptions = { policy: 'pycls', latencyTable: readLatencyTable(JSON.parse(readFileSync('table.json', 'utf8'))) };
 * ```
 */
export interface TargetOptions extends ScaleOptions {
  /** The table that predicts latency (see `predictLatency`). */
  readonly latencyTable?: LatencyTable;
}

/**
 * The scaled model that lands closest to a target.
 *
 * @example
 * ```ts
 * import { scaleToTarget, zooModel, type TargetResult } from 'fastscale';
 * const result: TargetResult = scaleToTarget(zooModel('RegNetY-400MF'), { flops: 1.6e9 }, 'dWr');
 * ```
 */
export interface TargetResult {
  /** The scaled network: `scale(base, strategy, factor)` gives exactly this spec. */
  readonly spec: ModelSpec;
  /** The flops factor that produces it. */
  readonly factor: number;
  /** Its exact complexity. */
  readonly complexity: Complexity;
  /** Signed: (reached - target) / target. */
  readonly relativeError: number;
  /** Its predicted latency, when a latency table was given. */
  readonly latency?: LatencyPrediction;
}

/** Bisection stops when the bracket is this narrow (relative, in s). */
const RESOLUTION = 1e-3;
/** Every plateau within this ratio of the best factor is compared (3%), for at most this many rounds. */
const WINDOW = 1.03;
const WINDOW_ROUNDS = 8;
/** A window with more plateaus than this is sampled instead of enumerated. */
const MAX_PLATEAUS = 200;
/** How many of the closest candidates are recomputed with the exact multipliers. */
const EXACT_CANDIDATES = 3;
/** Bounds on s for the search; beyond them nothing is representable for any real network. */
const SMALLEST_FACTOR = 1e-12;
const LARGEST_FACTOR = 1e30;

/**
 * Scales a network with a strategy to the factor whose *rounded* model lands closest to a budget: flops,
 * params, acts, or a latency predicted by a latency table (`{ latency: seconds }` with
 * `options.latencyTable`; see `predictLatency`).
 * Rounding makes each metric a step function of the factor `s`, so the search brackets the target in
 * log `s` (starting from the closed-form exponent's guess) and narrows the bracket to the step where the
 * metric crosses the target (to 0.1% in `s`). Rounding is not monotone everywhere (a group width that
 * grows can round a width, and so a metric, back down), so it then compares every plateau within 3% of
 * the best factor found, computed exactly from the rounding rules, and moves to any closer one until none
 * is: no scaled network whose factor is within 3% of the answer's lands closer (ties: the smaller model).
 * Work is bounded: at most about 1,700 scalings, typically 30 to 60.
 *
 * @param strategy - a {@link ScalingStrategy}, pycls string or preset name (`'dWr'`)
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link ScalingError} for a malformed target, strategy or policy; for a latency target without
 * `options.latencyTable`; for a target below what the smallest valid scaled network reaches or above what
 * stays within `Number.MAX_SAFE_INTEGER` (the message states the reachable range)
 * @throws {@link LatencyTableError} for a malformed table, or a scaled network it cannot predict
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readLatencyTable, scaleToTarget, zooModel } from 'fastscale';
 * const { factor, complexity, relativeError } = scaleToTarget(zooModel('RegNetY-400MF'), { flops: 4e9 }, 'dWr');
 * const latencyTable = readLatencyTable(JSON.parse(readFileSync('table.json', 'utf8')));
 * const fast = scaleToTarget(zooModel('RegNetY-400MF'), { latency: 0.025 }, 'dWr', { latencyTable });
 * console.log(fast.factor, fast.latency?.seconds);
 * ```
 */
export function scaleToTarget(
  spec: ModelSpec,
  target: ScaleTarget,
  strategy: ScalingStrategy | string,
  options: TargetOptions = {},
): TargetResult {
  const base = checkSpec(spec);
  const [metric, goal] = checkTarget(target);
  const checkedStrategy = toStrategy(strategy);
  const { policy, table } = checkTargetOptions(options);
  if (metric === 'latency' && table === null) {
    throw new ScalingError('options.latencyTable', 'is missing: a latency target needs a latency table (buildLatencyTable, readLatencyTable)');
  }

  /**
   * The scaled model at s, or null where rounding breaks the network (too small or too large). The search
   * uses V8's `**` and does not keep its candidates (no freezing, no caching); the answer is recomputed
   * exactly (`exact`: Python's correctly rounded powers), and kept, at the end.
   */
  const evaluate = (s: number, exact = false): ScaledModel | null => {
    try {
      const factors = exact ? scalingFactors(checkedStrategy, s) : approximateScalingFactors(checkedStrategy, s);
      return scaleChecked(base, factors, policy, false);
    } catch (error) {
      if (error instanceof ScalingError) return null;
      throw error;
    }
  };
  // Predicted once per candidate: the search compares each several times.
  const predicted = new WeakMap<ScaledModel, number>();
  const value =
    metric !== 'latency'
      ? (model: ScaledModel): number => model.complexity[metric]
      : (model: ScaledModel): number => {
          let seconds = predicted.get(model);
          if (seconds === undefined) {
            seconds = predictCompiled(model.spec, table!).seconds;
            predicted.set(model, seconds);
          }
          return seconds;
        };
  // Latency is taken to grow like flops for the closed-form guess.
  const exponent = complexityExponents(checkedStrategy)[metric === 'latency' ? 'flops' : metric];
  const baseValue = metric === 'latency' ? predictCompiled(base, table!).seconds : countComplexity(base)[metric];
  const strategyText = formatStrategy(checkedStrategy);
  const unreachable = (): never => {
    if (exponent === 0) {
      throw new ScalingError('target', `${strategyText} does not change ${metric} (${count(baseValue)} at every factor): choose a strategy that scales ${metric}`);
    }
    const range = reachableRange(evaluate, value);
    if (range === null) throw new ScalingError('target', `no factor gives a valid network with ${strategyText}`);
    if (metric === 'latency') {
      const [low, high] = range.map((seconds) => Number(seconds.toPrecision(4)));
      throw new ScalingError('target', `latency ${goal} s is outside what ${strategyText} reaches from this network: about ${low} to ${high} s (predicted)`);
    }
    throw new ScalingError(
      'target',
      `${metric} ${count(goal)} is outside what ${strategyText} reaches from this network: ${count(range[0])} to ${count(range[1])}`,
    );
  };

  // Bracket the target from the closed-form guess: lo below it, hi above it, both valid networks.
  let startFactor = exponent > 0 ? clamp((goal / baseValue) ** (1 / exponent)) : 1;
  let start = evaluate(startFactor);
  if (start === null) {
    startFactor = 1;
    start = evaluate(1);
    if (start === null) return unreachable();
  }
  const candidates: [number, ScaledModel][] = [[startFactor, start]];
  const above = value(start) > goal;
  /** Whether a model is at the goal or on its other side (the bracket is found). */
  const crosses = (model: ScaledModel): boolean => value(model) === goal || value(model) > goal !== above;
  let [near, nearModel] = [startFactor, start];
  let [far, farModel] = [startFactor, start];
  for (let step = 1.05; !crosses(farModel); step *= step) {
    [near, nearModel] = [far, farModel];
    const next = clamp(above ? far / step : far * step); // steps 1.05, 1.1, 1.22, 1.49, 2.2, 4.9, ...
    const model = next === far ? null : evaluate(next);
    if (model === null) {
      // The valid networks end between far and next (or at the search's bound): go to the last one.
      const [edge, edgeModel] = validEdge(evaluate, far, farModel, next);
      if (!crosses(edgeModel)) return unreachable();
      [far, farModel] = [edge, edgeModel];
      break;
    }
    [far, farModel] = [next, model];
    // Keep every network the walk sees: rounding is not monotone, and one passed over may be the closest.
    candidates.push([far, farModel]);
  }
  let [lo, loModel, hi, hiModel] = above ? [far, farModel, near, nearModel] : [near, nearModel, far, farModel];

  // Narrow the bracket to the step where the metric crosses the goal: interpolate in log-log (the
  // metric is close to a power of s), alternating with bisection so that the bracket always shrinks.
  for (let i = 0; i < 100 && value(loModel) !== goal && value(hiModel) !== goal && hi / lo > 1 + RESOLUTION; i++) {
    const [lv, hv] = [Math.log(value(loModel)), Math.log(value(hiModel))];
    const t = i % 2 === 0 && hv > lv ? Math.min(0.9, Math.max(0.1, (Math.log(goal) - lv) / (hv - lv))) : 0.5;
    const mid = Math.exp(Math.log(lo) + t * Math.log(hi / lo));
    const midModel = evaluate(mid);
    if (midModel === null) break; // cannot happen between two valid networks; stop rather than guess
    candidates.push([mid, midModel]);
    if (value(midModel) < goal) [lo, loModel] = [mid, midModel];
    else [hi, hiModel] = [mid, midModel];
  }
  candidates.push([lo, loModel], [hi, hiModel]);

  // Rounding is not monotone everywhere (a group width that grows can step a width, and so a metric,
  // back down), so look at every plateau within 3% of the best factor so far, and again around any
  // closer one, until none is closer.
  const distance = (model: ScaledModel): number => Math.abs(value(model) - goal);
  const closer = (a: [number, ScaledModel], b: [number, ScaledModel]): boolean =>
    distance(a[1]) < distance(b[1]) || (distance(a[1]) === distance(b[1]) && value(a[1]) < value(b[1]));
  let best = candidates.reduce((a, b) => (closer(b, a) ? b : a));
  for (let round = 0; round < WINDOW_ROUNDS; round++) {
    const improved = best;
    for (const s of plateauPoints(base, checkedStrategy, policy, best[0] / WINDOW, best[0] * WINDOW)) {
      const model = evaluate(s);
      if (model === null) continue;
      candidates.push([s, model]);
      if (closer([s, model], best)) best = [s, model];
    }
    if (best === improved) break;
  }

  // Recompute the closest candidates exactly, so that scale(spec, strategy, factor) reproduces the answer
  // (the exact multipliers can differ from the search's in the last bit).
  const closest = candidates.sort((a, b) => distance(a[1]) - distance(b[1]) || value(a[1]) - value(b[1])).slice(0, EXACT_CANDIDATES);
  let chosen: { model: ScaledModel; factor: number; relativeError: number } | null = null;
  for (const [s] of closest) {
    const model = evaluate(s, true);
    if (model === null) continue;
    const error = (value(model) - goal) / goal;
    if (chosen === null || Math.abs(error) < Math.abs(chosen.relativeError) || (Math.abs(error) === Math.abs(chosen.relativeError) && error < chosen.relativeError)) {
      chosen = { model, factor: s, relativeError: error };
    }
  }
  if (chosen === null) return unreachable();
  // Only the answer is kept (frozen, owned, its counts remembered).
  const kept = keepModel(chosen.model);
  const answer: TargetResult = { spec: kept.spec, factor: chosen.factor, complexity: kept.complexity, relativeError: chosen.relativeError };
  return table === null ? answer : { ...answer, latency: predictCompiled(answer.spec, table) };
}

/** The policy and the latency table (compiled) of target options. */
export function checkTargetOptions(options: unknown): { policy: RoundingPolicy; table: CompiledTable | null } {
  const fields = atBoundary(() => fieldsOf(options, ['policy', 'latencyTable'], 'options', 'scale options', ScalingError), ScalingError);
  const policy = checkPolicy(fields.policy === undefined ? {} : { policy: fields.policy });
  if (fields.latencyTable === undefined) return { policy, table: null };
  try {
    return { policy, table: compileTable(fields.latencyTable) };
  } catch (error) {
    if (error instanceof LatencyTableError) throw new LatencyTableError(join('options.latencyTable', error.path), error.reason, { cause: error });
    throw error;
  }
}

/**
 * One factor inside each plateau of (lo, hi): the geometric middle between consecutive boundaries. A
 * window with more plateaus than {@link MAX_PLATEAUS} (very wide networks, whose plateaus are tiny and
 * whose metrics are all but continuous) is sampled evenly instead.
 */
function plateauPoints(base: ModelSpec, strategy: ScalingStrategy, policy: RoundingPolicy, lo: number, hi: number): number[] {
  const boundaries = plateauBoundaries(base, strategy, policy, lo, hi, MAX_PLATEAUS);
  if (boundaries === null) return Array.from({ length: MAX_PLATEAUS }, (_, i) => lo * (hi / lo) ** ((i + 0.5) / MAX_PLATEAUS));
  const edges = [lo, ...boundaries, hi];
  return edges.slice(1).map((edge, i) => Math.sqrt(edge * edges[i]!));
}

function clamp(s: number): number {
  return Math.min(Math.max(s, SMALLEST_FACTOR), LARGEST_FACTOR);
}

function checkTarget(target: unknown): [TargetMetric, number] {
  const fields = ownedRecord(target, ['flops', 'params', 'acts', 'latency'], 'target', 'a complexity or latency target', ScalingError);
  const keys = Object.keys(fields) as TargetMetric[];
  if (keys.length !== 1) {
    throw new ScalingError('target', `names ${keys.length === 0 ? 'no metric' : keys.join(' and ')}: give exactly one of flops, params, acts, latency`);
  }
  const metric = keys[0]!;
  const goal = fields[metric];
  if (typeof goal !== 'number' || !Number.isFinite(goal) || goal <= 0) {
    throw new ScalingError(`target.${metric}`, `${describe(goal)} is not a finite number > 0`);
  }
  if (metric !== 'latency' && goal > Number.MAX_SAFE_INTEGER) {
    throw new ScalingError(`target.${metric}`, `${goal} is above Number.MAX_SAFE_INTEGER: no exactly countable network reaches it`);
  }
  return [metric, goal];
}

/**
 * The valid network nearest `invalid` between a valid factor and an invalid one (or the search's bound),
 * by bisection in log s to within a millionth.
 */
function validEdge(evaluate: (s: number) => ScaledModel | null, valid: number, validModel: ScaledModel, invalid: number): [number, ScaledModel] {
  let [inside, insideModel, outside] = [valid, validModel, invalid];
  const atBound = evaluate(invalid);
  if (atBound !== null) return [invalid, atBound];
  for (let i = 0; i < 100 && Math.abs(Math.log(outside / inside)) > 1e-6; i++) {
    const mid = Math.sqrt(inside * outside);
    const midModel = evaluate(mid);
    if (midModel === null) outside = mid;
    else [inside, insideModel] = [mid, midModel];
  }
  return [inside, insideModel];
}

/**
 * The smallest and largest values of the metric over valid scaled networks, from the networks at the edges
 * of the valid factors (where rounding breaks the network, or at the search's bounds). The metric is not
 * monotone everywhere, so this is the range at the edges, stated as such. Only on the error path.
 */
function reachableRange(
  evaluate: (s: number) => ScaledModel | null,
  value: (model: ScaledModel) => number,
): [number, number] | null {
  const unit = evaluate(1);
  if (unit === null) return null;
  const low = value(validEdge(evaluate, 1, unit, SMALLEST_FACTOR)[1]);
  const high = value(validEdge(evaluate, 1, unit, LARGEST_FACTOR)[1]);
  return [Math.min(low, high), Math.max(low, high)];
}

/** An integer with thousands separators, for messages. */
function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
