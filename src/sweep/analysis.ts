/**
 * Analysis of a finished sweep, as pycls's `sweep/analysis.py` and "On Network Design Spaces for Visual
 * Recognition" (Radosavovic et al., 2019) do it: error EDFs (plain and complexity-normalized), pycls's
 * bootstrap estimate of good metric ranges (`get_filters`) and `apply_filters`. Records are what users
 * bring: a trained model's error with its pycls config or fastscale spec, and any metrics.
 */
import { atBoundary, ownedArray, ownedRecord, pickFields } from '../internal/read.js';
import { checkSpec, complexity as countSpec, deepFreeze, describe, type Complexity, type ModelSpec } from './core.js';
import { SweepError } from './errors.js';
import { specOf } from './model.js';
import { PYCLS_DEFAULTS, PYCLS_DEPRECATED_KEYS } from './pycls-defaults.js';
import { isNode, ownPyValue, type PyConfigNode, type PyValue } from './python.js';
import { loadYaml } from './pyyaml-load.js';
import { RandomState, type RandomSeed } from './random-state.js';
import { getPath, mergeInto } from './yacs.js';

/**
 * One trained model of a sweep: its error and what describes it. Give `config` (a pycls config, as YAML
 * text or as an object, missing keys taking pycls's defaults) or `spec` (a fastscale spec), or neither
 * when only `metrics` are analysed.
 *
 * @example
 * ```ts
 * import type { SweepRecord } from 'fastscale';
 * const record: SweepRecord = {
 *   error: 5.84,
 *   config: 'MODEL: {TYPE: regnet}\nREGNET: {DEPTH: 13, W0: 88, WA: 9.4, WM: 2.286, GROUP_W: 32, SE_ON: true}\nTRAIN: {IM_SIZE: 32}\n',
 *   metrics: { epoch_time: 12.5 },
 * };
 * ```
 */
export interface SweepRecord {
  /** Top-1 error in percent (pycls's `min(test_ema_epoch.min_top1_err)`): what EDFs and filters rank by. */
  readonly error: number;
  /** The model's pycls config: YAML text or a parsed object (ints may be numbers or bigints). */
  readonly config?: string | Readonly<Record<string, unknown>>;
  /** The model as a fastscale spec (used for complexity when there is no config). */
  readonly spec?: ModelSpec;
  /** Its complexity; counted from the config or spec when absent. */
  readonly complexity?: Complexity;
  /** Other measured numbers (`epoch_time`, `memory`, ...), looked up by name or as `metrics.NAME`. */
  readonly metrics?: Readonly<Record<string, number>>;
}

/** A record with its config merged into pycls's defaults and its complexity counted (lazily). */
interface Prepared {
  readonly record: SweepRecord;
  readonly config: PyConfigNode | null;
  complexity: Complexity | null | undefined;
}

/** pycls's metric shortcuts (`metrics_info`): a config key or complexity, and its transform. */
const SHORTCUTS: Readonly<Record<string, readonly [string, ((v: number) => number) | undefined, ((v: readonly number[]) => number) | undefined] | readonly [string] | readonly [string, (v: number) => number]>> = {
  epochs: ['cfg.OPTIM.MAX_EPOCH'],
  flops: ['complexity.flops', (v) => v / 1e9],
  params: ['complexity.params', (v) => v / 1e6],
  acts: ['complexity.acts', (v) => v / 1e6],
  resolution: ['cfg.TRAIN.IM_SIZE'],
  batch_size: ['cfg.TRAIN.BATCH_SIZE'],
  regnet_depth: ['cfg.REGNET.DEPTH'],
  regnet_w0: ['cfg.REGNET.W0'],
  regnet_wa: ['cfg.REGNET.WA'],
  regnet_wm: ['cfg.REGNET.WM'],
  regnet_gw: ['cfg.REGNET.GROUP_W'],
  regnet_bm: ['cfg.REGNET.BOT_MUL'],
  anynet_d: ['cfg.ANYNET.DEPTHS', undefined, (v) => v.reduce((a, b) => a + b, 0)],
  anynet_w: ['cfg.ANYNET.WIDTHS', undefined, (v) => Math.max(...v)],
  anynet_g: ['cfg.ANYNET.GROUP_WS', undefined, (v) => Math.max(...v)],
  anynet_b: ['cfg.ANYNET.BOT_MULS', undefined, (v) => Math.max(...v)],
  effnet_d: ['cfg.EN.DEPTHS', undefined, (v) => v.reduce((a, b) => a + b, 0)],
  effnet_w: ['cfg.EN.WIDTHS', undefined, (v) => Math.max(...v)],
  lr: ['cfg.OPTIM.BASE_LR', Math.log10],
  min_lr: ['cfg.OPTIM.MIN_LR'],
  wd: ['cfg.OPTIM.WEIGHT_DECAY', Math.log10],
  bn_wd: ['cfg.BN.CUSTOM_WEIGHT_DECAY', Math.log10],
  momentum: ['cfg.OPTIM.MOMENTUM'],
  ema_alpha: ['cfg.OPTIM.EMA_ALPHA', Math.log10],
  ema_update: ['cfg.OPTIM.EMA_UPDATE_PERIOD', Math.log2],
};

/** Most records an analysis reads. */
const MAX_RECORDS = 1_000_000;

/** The records, read once into records of our own (numbers finite, configs and specs checked), at most {@link MAX_RECORDS}. */
function prepare(records: readonly SweepRecord[], path = 'records'): Prepared[] {
  const items = atBoundary(() => ownedArray(records, path, SweepError, { value: MAX_RECORDS, name: 'the record limit' }, 'sweep records'), SweepError);
  if (items.length === 0) throw new SweepError(path, 'is empty (a sweep analysis needs records)');
  return items.map((item, i) => {
    const at = `${path}[${i}]`;
    // Records may carry more (a name, a path): only these fields are read, each once.
    const fields = pickFields(item, ['error', 'config', 'spec', 'complexity', 'metrics'], at, 'a sweep record { error, config?, spec?, complexity?, metrics? }', SweepError);
    const error = fields.error;
    if (typeof error !== 'number' || !Number.isFinite(error)) throw new SweepError(`${at}.error`, `${describe(error)} is not a finite number`);
    const record: SweepRecord = {
      error,
      ...(fields.config === undefined ? {} : { config: typeof fields.config === 'string' ? fields.config : (ownPyValue(fields.config, `${at}.config`) as Record<string, unknown>) }),
      ...(fields.spec === undefined ? {} : { spec: checkSpec(fields.spec) }),
      ...(fields.complexity === undefined ? {} : { complexity: complexityField(fields.complexity, `${at}.complexity`) }),
      ...(fields.metrics === undefined ? {} : { metrics: metricsField(fields.metrics, `${at}.metrics`) }),
    };
    return { record, config: configOf(record.config, `${at}.config`), complexity: record.complexity };
  });
}

/** A record's complexity: three finite non-negative numbers. */
function complexityField(value: unknown, path: string): Complexity {
  const fields = ownedRecord(value, ['flops', 'params', 'acts'], path, 'a complexity', SweepError);
  const read = (metric: 'flops' | 'params' | 'acts'): number => {
    const number = fields[metric];
    if (typeof number === 'number' && Number.isFinite(number) && number >= 0) return number;
    throw new SweepError(`${path}.${metric}`, `${describe(number)} is not a finite number >= 0`);
  };
  return { flops: read('flops'), params: read('params'), acts: read('acts') };
}

/** A record's metrics: names to finite numbers, read once. */
function metricsField(value: unknown, path: string): Readonly<Record<string, number>> {
  const node = ownPyValue(value, path);
  if (!isNode(node)) throw new SweepError(path, `${describe(value)} is not a mapping of metric names to numbers`);
  for (const [name, number] of Object.entries(node)) {
    if (typeof number !== 'number' || !Number.isFinite(number)) throw new SweepError(`${path}.${name}`, `${describe(number)} is not a finite number`);
  }
  return node as Readonly<Record<string, number>>;
}

/** A JSON value as Python values: integral numbers in int-typed places become ints by yacs's merge. */
function pyValueOf(value: unknown, original: PyValue | undefined, path: string): PyValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'bigint') return value as PyValue;
  if (typeof value === 'number') {
    // JSON cannot tell 1 from 1.0: take the type of pycls's default at that key.
    return Number.isInteger(value) && (typeof original === 'bigint' || (Array.isArray(original) && typeof original[0] === 'bigint')) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) {
    const item = Array.isArray(original) ? original[0] : undefined;
    return value.map((v, i) => pyValueOf(v, item ?? (Number.isInteger(v) ? 0n : undefined), `${path}[${i}]`));
  }
  if (typeof value === 'object') {
    const node = isNode(original) ? original : undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pyValueOf(v, node?.[k], `${path}.${k}`)]));
  }
  throw new SweepError(path, `${describe(value)} is not a config value`);
}

function configOf(config: SweepRecord['config'], path: string): PyConfigNode | null {
  if (config === undefined) return null;
  const raw = typeof config === 'string' ? loadYaml(config) : pyValueOf(config, PYCLS_DEFAULTS, path);
  if (!isNode(raw)) throw new SweepError(path, 'is not a mapping of pycls config sections');
  return mergeInto(raw, PYCLS_DEFAULTS, { openNodes: new Set(), deprecated: PYCLS_DEPRECATED_KEYS, pathPrefix: path });
}

function complexityOf(p: Prepared, path: string): Complexity {
  if (p.complexity === undefined) {
    if (p.record.spec !== undefined) p.complexity = countSpec(p.record.spec);
    else if (p.config !== null) {
      const { spec, reason } = specOf(p.config);
      if (spec === null) throw new SweepError(path, `has no complexity, and its config cannot be counted: ${reason ?? ''}`);
      p.complexity = countSpec(spec);
    } else p.complexity = null;
  }
  if (p.complexity === null) throw new SweepError(path, 'has no complexity, config or spec');
  return p.complexity;
}

function numberOf(value: PyValue | undefined, metric: string, path: string): number | readonly number[] {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return (value as readonly PyValue[]).map((v) => numberOf(v, metric, path) as number);
  throw new SweepError(path, `metric ${metric} is ${describe(value ?? undefined)}, not a number`);
}

/**
 * pycls's `get_vals(sweep, metric)` for one record: `error`, a shortcut of pycls's `metrics_info`
 * (`flops` in billions, `params`/`acts` in millions, `lr` as log10, `regnet_wa`, `anynet_d`, ...), a
 * dotted path (`cfg.OPTIM.BASE_LR`, `complexity.acts`, `metrics.epoch_time`) or a name in `metrics`.
 */
function valueOf(p: Prepared, metric: string, path: string): number {
  if (typeof metric !== 'string') throw new SweepError('metric', `${describe(metric)} is not a metric name`);
  if (metric === 'error' || metric === 'error_ema') return p.record.error;
  if (metric === 'lr_wd') return valueOf(p, 'lr', path) + valueOf(p, 'wd', path);
  const shortcut = Object.hasOwn(SHORTCUTS, metric) ? SHORTCUTS[metric] : undefined;
  const key = shortcut?.[0] ?? metric;
  let raw: number | readonly number[];
  if (key.startsWith('cfg.')) {
    if (p.config === null) throw new SweepError(path, `has no config for metric ${metric}`);
    raw = numberOf(getPath(p.config, key.slice(4).split('.')), metric, path);
  } else if (key.startsWith('complexity.')) {
    const name = key.slice(11);
    if (name !== 'flops' && name !== 'params' && name !== 'acts') throw new SweepError(path, `${metric} is not a complexity metric`);
    raw = complexityOf(p, path)[name];
  } else {
    const name = key.startsWith('metrics.') ? key.slice(8) : key;
    const value = p.record.metrics?.[name];
    if (typeof value !== 'number' || Number.isNaN(value)) throw new SweepError(path, `has no metric ${metric}`);
    raw = value;
  }
  if (Array.isArray(raw)) {
    const reduce = shortcut?.[2];
    if (reduce === undefined) throw new SweepError(path, `metric ${metric} is a list; only scalar metrics can be analysed`);
    raw = reduce(raw);
  }
  const transform = shortcut?.[1];
  const value = transform === undefined ? (raw as number) : transform(raw as number);
  // A logarithm of 0 or of a negative value: pycls would plot -inf or nan; no analysis can use it.
  if (!Number.isFinite(value)) throw new SweepError(path, `metric ${metric} is ${value} here (from ${String(raw)}), not a finite number`);
  return value;
}

/**
 * The values of a metric over the records, as pycls's `get_vals` gives them (see {@link SweepRecord}
 * for the names).
 *
 * @throws {@link SweepError} naming the record that lacks the metric
 *
 * @example
 * ```ts
 * import { metricValues } from 'fastscale';
 * metricValues([{ error: 6.1, metrics: { epoch_time: 12 } }, { error: 5.9, metrics: { epoch_time: 15 } }], 'epoch_time'); // [12, 15]
 * ```
 */
export function metricValues(records: readonly SweepRecord[], metric: string): number[] {
  return prepare(records).map((p, i) => valueOf(p, metric, `records[${i}]`));
}

/**
 * One point of an error EDF: the fraction of models (or of normalized weight) with error at most `error`.
 *
 * @example
 * ```ts
 * import type { EdfPoint } from 'fastscale';
 * const point: EdfPoint = { error: 5.84, probability: 0.25 };
 * ```
 */
export interface EdfPoint {
  /** A model's error (percent). */
  readonly error: number;
  /** Fraction of models (or of normalized weight) with an error at most this one. */
  readonly probability: number;
}

/**
 * The error EDF of pycls's `plot_edf`: errors sorted, cumulative probability `k / n` (summed as numpy's
 * `cumsum` sums `1 / n`).
 *
 * @throws {@link SweepError} for no records or a non-finite error
 *
 * @example
 * ```ts
 * import { errorEdf } from 'fastscale';
 * errorEdf([{ error: 7 }, { error: 5 }, { error: 6 }, { error: 8 }]);
 * // [{ error: 5, probability: 0.25 }, { error: 6, probability: 0.5 }, { error: 7, probability: 0.75 }, { error: 8, probability: 1 }]
 * ```
 */
export function errorEdf(records: readonly SweepRecord[]): EdfPoint[] {
  const errors = prepare(records).map((p) => p.record.error).sort((a, b) => a - b);
  const step = 1 / errors.length;
  let probability = 0;
  return errors.map((error) => ({ error, probability: (probability += step) }));
}

/**
 * Options of {@link normalizedErrorEdf}.
 *
 * @example
 * ```ts
 * import type { NormalizedEdfOptions } from 'fastscale';
 * const options: NormalizedEdfOptions = { metric: 'flops', bins: 10, range: [0.02e9, 0.13e9] };
 * ```
 */
export interface NormalizedEdfOptions {
  /** The complexity the EDF is normalized over; default `flops`. */
  readonly metric?: 'flops' | 'params' | 'acts';
  /** Number of equal-width complexity bins; default 10. Every bin must hold a model. */
  readonly bins?: number;
  /** [low, high] of the bins; default the records' own range. Records outside it are left out. */
  readonly range?: readonly [number, number];
}

/**
 * The complexity-normalized error EDF of "On Network Design Spaces for Visual Recognition": each model
 * weighs `1 / (models in its complexity bin) / bins`, so that every complexity bin carries the same mass
 * and design spaces of different complexity distributions compare fairly. Bins are numpy's histogram
 * bins over `range`; the EDF sums the weights of the models in order of error.
 *
 * @throws {@link SweepError} for no records in range, a bad option, or an empty bin (the paper's method
 * needs a model in every bin: use fewer bins)
 *
 * @example
 * ```ts
 * import { normalizedErrorEdf } from 'fastscale';
 * const edf = normalizedErrorEdf(
 *   [
 *     { error: 6, complexity: { flops: 1e8, params: 1e6, acts: 1e6 } },
 *     { error: 5, complexity: { flops: 1.1e8, params: 1e6, acts: 1e6 } },
 *     { error: 7, complexity: { flops: 3e8, params: 2e6, acts: 2e6 } },
 *   ],
 *   { bins: 2 },
 * );
 * // [{ error: 5, probability: 0.25 }, { error: 6, probability: 0.5 }, { error: 7, probability: 1 }]
 * ```
 */
export function normalizedErrorEdf(records: readonly SweepRecord[], options: NormalizedEdfOptions = {}): EdfPoint[] {
  const metric = options.metric ?? 'flops';
  if (metric !== 'flops' && metric !== 'params' && metric !== 'acts') throw new SweepError('metric', `${describe(metric)} is not flops, params or acts`);
  const bins = options.bins ?? 10;
  if (!Number.isSafeInteger(bins) || bins < 1) throw new SweepError('bins', `${describe(bins)} is not a positive integer`);
  const prepared = prepare(records);
  const values = prepared.map((p, i) => complexityOf(p, `records[${i}]`)[metric]);
  const [low, high] = options.range ?? [Math.min(...values), Math.max(...values)];
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high)) {
    throw new SweepError('range', `[${describe(low)}, ${describe(high)}] is not a finite range`);
  }
  // numpy's histogram: edges = linspace(low, high, bins + 1) (a zero-width range widens by 0.5 each way).
  const [first, last] = low === high ? [low - 0.5, high + 0.5] : [low, high];
  const step = (last - first) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? last : i * step + first));
  const binOf = (v: number): number => {
    let index = Math.trunc((v - first) * (bins / (last - first)));
    if (index === bins) index -= 1;
    if (v < edges[index]!) index -= 1;
    else if (index !== bins - 1 && v >= edges[index + 1]!) index += 1;
    return index;
  };
  const inRange = prepared.map((p, i) => ({ error: p.record.error, value: values[i]! })).filter((r) => r.value >= first && r.value <= last);
  if (inRange.length === 0) throw new SweepError('range', `holds none of the ${prepared.length} records' ${metric}`);
  const counts = new Array<number>(bins).fill(0);
  const binned = inRange.map((r) => ({ ...r, bin: binOf(r.value) }));
  for (const r of binned) counts[r.bin]! += 1;
  const empty = counts.findIndex((c) => c === 0);
  if (empty >= 0) {
    throw new SweepError('bins', `bin ${empty} ([${edges[empty]}, ${edges[empty + 1]}]) holds no model; use fewer bins or a narrower range`);
  }
  // Stable sort by error (numpy's argsort), then cumulative weights.
  binned.sort((a, b) => a.error - b.error);
  let probability = 0;
  return binned.map((r) => ({ error: r.error, probability: (probability += 1 / counts[r.bin]! / bins) }));
}

/**
 * Good ranges per metric from pycls's `get_filters`: `[low, best, high]`, the 2.5th, 50th and 97.5th
 * percentiles (for `alpha` 5) of the metric over the best models of bootstrap samples.
 *
 * @example
 * ```ts
 * import type { MetricFilters } from 'fastscale';
 * const filters: MetricFilters = { regnet_wm: [2.11, 2.39, 2.8] };
 * ```
 */
export type MetricFilters = Readonly<Record<string, readonly [number, number, number]>>;

/**
 * Options of {@link getFilters}: pycls's defaults, and the seed of numpy's generator (pycls draws from
 * the global one, seeded or not; here it is always seeded).
 *
 * @example
 * ```ts
 * import type { GetFiltersOptions } from 'fastscale';
 * const options: GetFiltersOptions = { seed: 0, alpha: 5, sample: 0.25, bootstraps: 2500 };
 * ```
 */
export interface GetFiltersOptions {
  /** Seed of the bootstrap draws (numpy `RandomState`); default 0. */
  readonly seed?: RandomSeed;
  /** Percent outside the range, split between the two ends; default 5. */
  readonly alpha?: number;
  /** Models per bootstrap sample: a fraction of them (<= 1) or a count (> 1); default 0.25. */
  readonly sample?: number;
  /** Number of bootstrap samples; default 2500. */
  readonly bootstraps?: number;
}

/**
 * pycls's `get_filters(sweep, metrics, alpha, sample, b)`: `b` bootstrap samples of the models (numpy's
 * `choice(n, n_sample)` with replacement), the best (lowest error, first on ties) of each, and the
 * percentiles of each metric over those bests (numpy's linear `percentile`). With the same seed, the
 * same numbers as pycls after `np.random.seed(seed)`.
 *
 * @throws {@link SweepError} for no records, a bad option, or a record without a metric
 *
 * @example
 * ```ts
 * import { getFilters } from 'fastscale';
 * const records = [5.9, 6.4, 5.6, 7.1, 6.0].map((error, i) => ({ error, metrics: { width: 64 * (i + 1) } }));
 * getFilters(records, ['width'], { seed: 0 }); // { width: [64, 192, 320] }, as pycls after np.random.seed(0)
 * ```
 */
export function getFilters(records: readonly SweepRecord[], metricNames: readonly string[], options: GetFiltersOptions = {}): MetricFilters {
  const prepared = prepare(records);
  const metrics = atBoundary(() => ownedArray(metricNames, 'metrics', SweepError, { value: 10_000, name: 'the metric limit' }, 'metric names'), SweepError) as string[];
  options = ownedRecord(options, ['alpha', 'sample', 'bootstraps', 'seed'], 'options', 'getFilters options', SweepError) as GetFiltersOptions;
  const alpha = options.alpha ?? 5;
  const sample = options.sample ?? 0.25;
  if (options.bootstraps !== undefined && (typeof options.bootstraps !== 'number' || !(options.bootstraps <= 1_000_000))) {
    throw new SweepError('bootstraps', `${describe(options.bootstraps)} is not a number of bootstraps up to 1000000`);
  }
  const b = Math.trunc(options.bootstraps ?? 2500);
  if (!(alpha >= 0 && alpha <= 100)) throw new SweepError('alpha', `${describe(alpha)} is not in [0, 100]`);
  if (!(sample > 0) || !Number.isFinite(sample)) throw new SweepError('sample', `${describe(sample)} is not a number > 0`);
  if (!(b >= 1)) throw new SweepError('bootstraps', `${describe(options.bootstraps)} is not at least 1`);
  if (!Array.isArray(metrics)) throw new SweepError('metrics', `${describe(metrics)} is not a list of metric names`);
  const n = prepared.length;
  const errors = prepared.map((p) => p.record.error);
  const percentiles = [alpha / 2, 50, 100 - alpha / 2];
  const nSample = sample > 1 ? Math.trunc(sample) : Math.max(1, Math.trunc(n * sample));
  const rs = new RandomState(options.seed ?? 0);
  const best: number[] = [];
  for (let i = 0; i < b; i++) {
    const drawn = rs.choice(n, nSample);
    let argmin = 0;
    for (let j = 1; j < drawn.length; j++) if (errors[drawn[j]!]! < errors[drawn[argmin]!]!) argmin = j;
    best.push(drawn[argmin]!);
  }
  const filters: Record<string, readonly [number, number, number]> = {};
  for (const metric of metrics) {
    const values = prepared.map((p, i) => valueOf(p, metric, `records[${i}]`));
    const chosen = best.map((i) => values[i]!).sort((x, y) => x - y);
    filters[metric] = percentiles.map((q) => percentile(chosen, q)) as unknown as readonly [number, number, number];
  }
  return deepFreeze(filters);
}

/** numpy's `percentile(sorted, q)` with the default linear method. */
function percentile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * (q / 100);
  if (virtual >= n - 1) return sorted[n - 1]!;
  if (virtual < 0) return sorted[0]!;
  const previous = Math.floor(virtual);
  const gamma = virtual - previous;
  const a = sorted[previous]!;
  const b = sorted[previous + 1]!;
  const difference = b - a;
  return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
}

/**
 * pycls's `apply_filters(sweep, filters)`: the records whose every filtered metric lies within its
 * `[low, _, high]`, in order.
 *
 * @throws {@link SweepError} for a record without a filtered metric
 *
 * @example
 * ```ts
 * import { applyFilters } from 'fastscale';
 * applyFilters([{ error: 5, metrics: { w: 1 } }, { error: 6, metrics: { w: 3 } }], { w: [0, 1, 2] }); // the first record
 * ```
 */
export function applyFilters<R extends SweepRecord>(records: readonly R[], filters: MetricFilters): R[] {
  const given = atBoundary(() => ownedArray(records, 'records', SweepError, { value: MAX_RECORDS, name: 'the record limit' }, 'sweep records'), SweepError) as R[];
  let kept = prepare(given).map((p, i) => ({ p, record: given[i]!, i }));
  const ranges = ownPyValue(filters ?? {}, 'filters');
  if (!isNode(ranges)) throw new SweepError('filters', `${describe(filters)} is not a mapping of metric names to [low, best, high]`);
  for (const [metric, range] of Object.entries(ranges)) {
    if (!Array.isArray(range) || range.length !== 3 || !range.every((x) => typeof x === 'number' && !Number.isNaN(x))) {
      throw new SweepError(`filters.${metric}`, 'is not [low, best, high] (three numbers)');
    }
    const [low, , high] = range as unknown as readonly [number, number, number];
    kept = kept.filter(({ p, i }) => {
      const value = valueOf(p, metric, `records[${i}]`);
      return low <= value && value <= high;
    });
  }
  return kept.map(({ record }) => record);
}
