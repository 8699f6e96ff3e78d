/**
 * Measured runtime: an exported model timed in onnxruntime-node (an optional peer dependency, loaded only
 * when a measurement is asked for).
 */
import { complexity } from '../complexity/index.js';
import { FastscaleError, ScalingError } from '../errors.js';
import { join, nonNegativeInteger, positiveInteger } from '../internal/check.js';
import { describe } from '../internal/describe.js';
import { ownedArray, ownedRecord } from '../internal/read.js';
import { checkFactor } from '../scaling/factors.js';
import { scale } from '../scaling/scale.js';
import { checkStrategy, formatStrategy, parseStrategy, type ScalingStrategy } from '../scaling/strategy.js';
import type { Complexity, ModelSpec } from '../spec/types.js';
import { OnnxError } from './errors.js';
import { checkSeed, toOnnx } from './export.js';
import { type RunSettings, summarizeTimes, timeRuns } from './timing.js';

type OnnxRuntime = typeof import('onnxruntime-node');

/**
 * Options of {@link measureLatency}.
 *
 * @example
 * ```ts
 * import type { LatencyOptions } from 'fastscale/onnx';
 * const options: LatencyOptions = { batchSize: 8, threads: 1, warmup: 3, runs: 20 };
 * ```
 */
export interface LatencyOptions {
  /** Images per run (N); default 1. */
  readonly batchSize?: number;
  /** onnxruntime intra-op threads; default 1. */
  readonly threads?: number;
  /** Untimed runs before timing (to warm caches and allocators); default 3. */
  readonly warmup?: number;
  /** Timed runs; default 10. */
  readonly runs?: number;
  /** Seed of the weights and the input, an integer in [0, 2^32 - 1]; default 0. */
  readonly seed?: number;
  /**
   * ONNX Runtime execution provider; default `cpu`. Others (`cuda`, `tensorrt`, `webgpu`, ...) where the
   * installed onnxruntime-node has them: see docs/latency.md.
   */
  readonly executionProvider?: string;
}

/**
 * Wall-clock time of one forward pass (`session.run`), over the timed runs, in milliseconds.
 *
 * @example
 * ```ts
 * import { zooModel } from 'fastscale';
 * import { measureLatency, type Latency } from 'fastscale/onnx';
 * const latency: Latency = await measureLatency(zooModel('RegNetX-200MF'));
 * console.log(`${latency.medianMs.toFixed(2)} ms`);
 * ```
 */
export interface Latency {
  /** Median time of the timed runs, in milliseconds per batch. */
  readonly medianMs: number;
  /** Fastest timed run, in milliseconds per batch. */
  readonly minMs: number;
  /** Slowest timed run, in milliseconds per batch. */
  readonly maxMs: number;
  /** Number of timed runs. */
  readonly runs: number;
  /** Images per run (N). */
  readonly batchSize: number;
  /** onnxruntime intra-op threads. */
  readonly threads: number;
}

const LATENCY_FIELDS = ['batchSize', 'threads', 'warmup', 'runs', 'seed', 'executionProvider'];

/**
 * Bounds of the latency options, checked before anything is exported or allocated: far beyond any machine
 * onnxruntime runs on, and small enough that a typo cannot exhaust memory or run for days.
 *
 * @example
 * ```ts
 * import { LATENCY_LIMITS } from 'fastscale/onnx';
 * const fits = (batch: number, r: number) => batch * 3 * r * r * 4 <= LATENCY_LIMITS.inputBytes;
 * ```
 */
export const LATENCY_LIMITS: {
  /** Most onnxruntime intra-op threads (`threads`): 256. */
  readonly threads: number;
  /** Most images per run (`batchSize`): 4096. */
  readonly batchSize: number;
  /** Most timed runs (`runs`): 10,000. */
  readonly runs: number;
  /** Most untimed runs (`warmup`): 10,000. */
  readonly warmup: number;
  /** Largest float32 input, `batchSize * 3 * r * r * 4` bytes at training resolution `r`: 1 GiB. */
  readonly inputBytes: number;
  /** Most models (strategies times factors) one {@link measureScaling} measures: 1,000. */
  readonly models: number;
} = Object.freeze({ threads: 256, batchSize: 4096, runs: 10_000, warmup: 10_000, inputBytes: 2 ** 30, models: 1000 });

/** An integer option in [min, limit]. */
function bounded(value: unknown, path: string, min: 0 | 1, limit: number): number {
  const checked = min === 1 ? positiveInteger(value, path, OnnxError) : nonNegativeInteger(value, path, OnnxError);
  if (checked > limit) throw new OnnxError(path, `${checked} is more than the limit of ${limit} (LATENCY_LIMITS)`);
  return checked;
}

/** Checks the latency fields of an options object already checked for unknown keys. */
export function latencySettings(options: Readonly<Record<string, unknown>>, path: string): RunSettings {
  const field = <T>(key: string, fallback: T, check: (value: unknown, path: string) => T): T =>
    options[key] === undefined ? fallback : check(options[key], join(path, key));
  return {
    batchSize: field('batchSize', 1, (v, p) => bounded(v, p, 1, LATENCY_LIMITS.batchSize)),
    threads: field('threads', 1, (v, p) => bounded(v, p, 1, LATENCY_LIMITS.threads)),
    warmup: field('warmup', 3, (v, p) => bounded(v, p, 0, LATENCY_LIMITS.warmup)),
    runs: field('runs', 10, (v, p) => bounded(v, p, 1, LATENCY_LIMITS.runs)),
    seed: field('seed', 0, checkSeed),
    executionProvider: field('executionProvider', 'cpu', checkProvider),
  };
}

/** An execution provider's name: a non-empty string of letters, digits, '_' and '-' (ONNX Runtime checks that it exists). */
function checkProvider(value: unknown, path: string): string {
  if (typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(value)) return value;
  throw new OnnxError(path, `${describe(value)} is not an execution provider name (cpu, cuda, tensorrt, webgpu, ...)`);
}

/** The input tensor must fit LATENCY_LIMITS.inputBytes; checked before the model is exported. */
function checkInputSize(spec: ModelSpec, batchSize: number, path: string): void {
  const r = spec.resolution.train;
  const bytes = batchSize * 3 * r * r * 4;
  if (bytes > LATENCY_LIMITS.inputBytes) {
    throw new OnnxError(
      path,
      `an input of ${batchSize} x 3 x ${r} x ${r} float32 values takes ${bytes} bytes, more than the limit of ${LATENCY_LIMITS.inputBytes} (LATENCY_LIMITS.inputBytes): lower the batch size or the resolution`,
    );
  }
}

/** onnxruntime-node is not installed: the user's to fix (the CLI exits with code 2 on it). */
export class MissingOnnxRuntimeError extends Error {
  override readonly name = 'MissingOnnxRuntimeError';
}

/**
 * Loads onnxruntime-node, an optional peer dependency: only latency measurement needs it.
 *
 * @param importer - how to import it (a test can stand in for a missing package)
 */
export async function loadOnnxRuntime(importer: () => Promise<unknown> = () => import('onnxruntime-node')): Promise<OnnxRuntime> {
  let loaded: unknown;
  try {
    loaded = await importer();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new MissingOnnxRuntimeError(
      'measuring latency needs onnxruntime-node, an optional peer dependency of fastscale: run `npm install onnxruntime-node`',
      { cause: error },
    );
  }
  // A CommonJS package imported from ESM may expose its exports only as `default`.
  const module = loaded as Partial<OnnxRuntime> & { default?: OnnxRuntime };
  return module.InferenceSession === undefined && module.default !== undefined ? module.default : (module as OnnxRuntime);
}

/**
 * Times a network's forward pass with onnxruntime-node (on the CPU, or with another `executionProvider`
 * where the installed runtime has one): the model is exported with
 * {@link toOnnx} (`foldBatchNorm: true`, as deployed), run on a seeded random input of `batchSize` images at
 * the training resolution with `threads` intra-op threads, one inter-op thread, sequential execution and all
 * graph optimizations; `warmup` untimed runs, then `runs` timed ones. Session creation is not timed.
 *
 * Needs the optional peer dependency `onnxruntime-node` (`npm install onnxruntime-node`).
 *
 * @throws `SpecError` for an invalid spec
 * @throws {@link OnnxError} for a bad option, or one beyond {@link LATENCY_LIMITS} (the input tensor included),
 * before anything is exported or allocated
 * @throws `Error` when onnxruntime-node is not installed (the message says how to install it)
 *
 * @example
 * ```ts
 * import { zooModel } from 'fastscale';
 * import { measureLatency } from 'fastscale/onnx';
 * const { medianMs } = await measureLatency(zooModel('RegNetY-400MF'), { batchSize: 8, threads: 1, runs: 20 });
 * ```
 */
export async function measureLatency(spec: ModelSpec, options?: LatencyOptions): Promise<Latency> {
  complexity(spec);
  const settings = latencySettings(ownedRecord(options === undefined ? {} : options, LATENCY_FIELDS, 'options', 'latency options', OnnxError), 'options');
  checkInputSize(spec, settings.batchSize, 'options.batchSize');
  return timeModel(spec, settings);
}

async function timeModel(spec: ModelSpec, settings: RunSettings): Promise<Latency> {
  const bytes = toOnnx(spec, { seed: settings.seed, foldBatchNorm: true });
  const ort = await loadOnnxRuntime();
  const r = spec.resolution.train;
  const times = await timeRuns(ort, bytes, [3, r, r], settings);
  return { ...summarizeTimes(times), runs: settings.runs, batchSize: settings.batchSize, threads: settings.threads };
}

/** Median (the mean of the middle two for an even count), minimum and maximum of the timed runs. */
export function summarizeLatency(times: readonly number[]): { medianMs: number; minMs: number; maxMs: number } {
  return summarizeTimes(times);
}

/**
 * Options of {@link measureScaling}: the grid of strategies and factors, and the latency options for each model.
 *
 * @example
 * ```ts
 * import type { MeasureScalingOptions } from 'fastscale/onnx';
 * const options: MeasureScalingOptions = { factors: [1, 2, 4], strategies: ['w', 'dwr', 'd1_w8_g8_r1'], batchSize: 8 };
 * ```
 */
export interface MeasureScalingOptions extends LatencyOptions {
  /** Flops factors, each a finite number > 0. */
  readonly factors: readonly number[];
  /** Strategies, as {@link ScalingStrategy} objects or pycls strings (`'dwr'`, `'d1_w8_g8_r1'`). */
  readonly strategies: readonly (ScalingStrategy | string)[];
  /** Called after each model is measured: `done` of `total`, and a label such as `'dwr x2'`. */
  readonly onProgress?: (done: number, total: number, label: string) => void;
}

/**
 * One scaled model and its measured latency.
 *
 * @example
 * ```ts
 * import type { MeasuredModel } from 'fastscale/onnx';
 * const describe = (m: MeasuredModel) => `${m.strategy} x${m.factor}: ${m.complexity.acts} acts, ${m.medianMs} ms`;
 * ```
 */
export interface MeasuredModel {
  /** The strategy as pycls writes it (`formatStrategy`): `'dwr'`, `'d1_w8_g8_r1'`. */
  readonly strategy: string;
  /** The requested flops factor. */
  readonly factor: number;
  /** The scaled network. */
  readonly spec: ModelSpec;
  /** Its exact complexity. */
  readonly complexity: Complexity;
  /** Median time of the timed runs, in milliseconds per batch. */
  readonly medianMs: number;
  /** Fastest timed run, in milliseconds per batch. */
  readonly minMs: number;
  /** Slowest timed run, in milliseconds per batch. */
  readonly maxMs: number;
}

const SCALING_FIELDS = [...LATENCY_FIELDS, 'factors', 'strategies', 'onProgress'];

/** One cell of the grid, scaled before anything is timed so that a bad input fails at once. */
interface Job {
  readonly strategy: string;
  readonly factor: number;
  readonly spec: ModelSpec;
}

/**
 * Scales a base network by every strategy and factor (with `scale`, pycls rounding) and measures each result
 * with {@link measureLatency}: the data of the paper's runtime study (does runtime track activations?), on
 * this machine. Rows come strategy by strategy, factors in the order given. Every model is scaled before the
 * first is timed, so bad input fails at once.
 *
 * @throws `SpecError` for an invalid base spec
 * @throws `ScalingError` for a bad factor or strategy (path `options.factors[i]`, `options.strategies[i]`), or
 * a network that cannot be scaled
 * @throws {@link OnnxError} for a bad latency option or `onProgress`, or an input tensor of some scaled model
 * beyond {@link LATENCY_LIMITS}
 * @throws `Error` when onnxruntime-node is not installed
 *
 * @example
 * ```ts
 * import { zooModel } from 'fastscale';
 * import { measureScaling } from 'fastscale/onnx';
 * const rows = await measureScaling(zooModel('RegNetY-200MF'), {
 *   factors: [1, 2, 4],
 *   strategies: ['w', 'd1_w8_g8_r1'],
 *   batchSize: 8,
 *   onProgress: (done, total, label) => console.log(`${done}/${total} ${label}`),
 * });
 * for (const row of rows) console.log(row.strategy, row.factor, row.complexity.acts, row.medianMs);
 * ```
 */
export async function measureScaling(base: ModelSpec, options: MeasureScalingOptions): Promise<MeasuredModel[]> {
  complexity(base);
  const checked = ownedRecord(options, SCALING_FIELDS, 'options', 'scaling measurement options', OnnxError);
  const settings = latencySettings(checked, 'options');
  const factors = nonEmptyList(checked.factors, 'options.factors', 'factors').map((f, i) => checkFactor(f, `options.factors[${i}]`));
  const strategies = nonEmptyList(checked.strategies, 'options.strategies', 'strategies').map((s, i) => strategyString(s, `options.strategies[${i}]`));
  if (factors.length * strategies.length > LATENCY_LIMITS.models) {
    throw new OnnxError('options', `${strategies.length} strategies times ${factors.length} factors are more than LATENCY_LIMITS.models (${LATENCY_LIMITS.models}) models`);
  }
  const onProgress = checked.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new OnnxError('options.onProgress', `${describe(onProgress)} is not a function`);
  }
  const jobs: Job[] = strategies.flatMap((strategy) => factors.map((factor) => ({ strategy, factor, spec: scale(base, strategy, factor) })));
  // Resolution scales too: every model's input must fit before the first is timed.
  for (const job of jobs) checkInputSize(job.spec, settings.batchSize, 'options.batchSize');
  const rows: MeasuredModel[] = [];
  for (const job of jobs) {
    const { medianMs, minMs, maxMs } = await timeModel(job.spec, settings);
    rows.push({ ...job, complexity: complexity(job.spec), medianMs, minMs, maxMs });
    (onProgress as MeasureScalingOptions['onProgress'])?.(rows.length, jobs.length, `${job.strategy} x${job.factor}`);
  }
  return rows;
}

/** A caller's list read once into an owned array (no holes), non-empty and at most LATENCY_LIMITS.models long. */
function nonEmptyList(value: unknown, path: string, what: string): unknown[] {
  const list = ownedArray(value, path, ScalingError, { value: LATENCY_LIMITS.models, name: 'LATENCY_LIMITS.models' }, what);
  if (list.length === 0) throw new ScalingError(path, 'is empty (expected at least one element)');
  return list;
}

/** A strategy (object or pycls string) as its canonical pycls string; errors name the list entry. */
function strategyString(value: unknown, path: string): string {
  try {
    return formatStrategy(typeof value === 'string' ? parseStrategy(value) : checkStrategy(value, path));
  } catch (error) {
    if (error instanceof FastscaleError && error.path === 'strategy') throw new ScalingError(path, error.reason, { cause: error });
    throw error;
  }
}
