/**
 * `buildLatencyTable`: every distinct part of some networks timed as its own small ONNX model in
 * onnxruntime-node, and the per-run overhead, as a latency table for `predictLatency`.
 */
import os from 'node:os';
import { SpecError } from '../errors.js';
import type { ModelSpec } from '../families/index.js';
import { integerInRange, join } from '../internal/check.js';
import { describe } from '../internal/describe.js';
import { atBoundary, fieldsOf, itemsOf, ownedRecord } from '../internal/read.js';
import { networkParts, type PartKind } from '../latency/parts.js';
import {
  LATENCY_TABLE_FORMAT,
  LATENCY_TABLE_VERSION,
  type LatencyEntry,
  type LatencySettings,
  type LatencyTable,
  MAX_TABLE_ENTRIES,
  type MeasuredTime,
  readLatencyTable,
} from '../latency/table.js';
import { LIMITS } from '../limits.js';
import { checkSpec } from '../spec/check.js';
import { OnnxError } from './errors.js';
import { DEFAULT_OPSET, MAX_OPSET, MIN_OPSET } from './export.js';
import { latencySettings, loadOnnxRuntime } from './measure.js';
import { partToOnnx } from './part.js';
import { type RunSettings, type RunTimes, summarizeTimes, timeRuns } from './timing.js';

/**
 * A network to profile: a spec, or a spec with a name that the table's labels use
 * (`RegNetY-400MF s2 blocks 1..2`).
 *
 * @example
 * ```ts
 * import { fastScale, zooModel } from 'fastscale';
 * import type { ProfiledModel } from 'fastscale/onnx';
 * const models: ProfiledModel[] = [zooModel('RegNetY-400MF'), { name: 'RegNetY-400MF dWr x4', spec: fastScale(zooModel('RegNetY-400MF'), 4) }];
 * ```
 */
export type ProfiledModel =
  | ModelSpec
  | {
      /** Labels the table's entries: `RegNetY-400MF s2 blocks 1..2`. */
      readonly name: string;
      /** The network. */
      readonly spec: ModelSpec;
    };

/**
 * Options of {@link buildLatencyTable}.
 *
 * @example
 * ```ts
 * import type { LatencyTableOptions } from 'fastscale/onnx';
 * const options: LatencyTableOptions = { threads: 1, warmup: 5, runs: 20, onProgress: (done, total) => console.log(`${done}/${total}`) };
 * ```
 */
export interface LatencyTableOptions {
  /** Images per run (N); default 1. */
  readonly batchSize?: number;
  /** ONNX Runtime intra-op threads; default 1. */
  readonly threads?: number;
  /** Untimed runs of each part before timing it; default 5. */
  readonly warmup?: number;
  /** Timed runs of each part; default 20. */
  readonly runs?: number;
  /** Seed of the weights and inputs, an integer in [0, 2^32 - 1]; default 0. */
  readonly seed?: number;
  /** ONNX Runtime execution provider; default `cpu` (see docs/latency.md for GPUs). */
  readonly executionProvider?: string;
  /** ONNX opset of the exported parts; default 17. */
  readonly opset?: number;
  /**
   * A table to add to: its entries are kept (and not measured again), new parts are measured with its
   * settings (options that differ from them are refused) and appended.
   */
  readonly extend?: LatencyTable;
  /** Called after each part is measured: `done` of `total`, and the part's label. */
  readonly onProgress?: (done: number, total: number, label: string) => void;
  /** Stops the measurement (the promise rejects with the signal's reason) between runs. */
  readonly signal?: AbortSignal;
}

/** Times a part's model: the timed runs, in milliseconds. Injected by tests; ONNX Runtime otherwise. */
export type PartTimer = (bytes: Uint8Array, inputDims: readonly number[], settings: RunSettings, signal?: AbortSignal) => Promise<RunTimes>;

/** The key of a model that does nothing but one element-wise op on one element: its run is the overhead. */
export const OVERHEAD_KEY = '1x1/arelu';

const OPTION_FIELDS = ['batchSize', 'threads', 'warmup', 'runs', 'seed', 'executionProvider', 'opset', 'extend', 'onProgress', 'signal'];

interface Plan {
  readonly settings: LatencySettings;
  readonly base: LatencyTable | null;
  readonly parts: { key: string; kind: PartKind; label: string }[];
  readonly onProgress: LatencyTableOptions['onProgress'];
  readonly signal: AbortSignal | undefined;
}

/** Checks every input and lists the parts to measure, before anything is timed. */
function plan(models: unknown, options: unknown): Plan {
  // Read once into an owned copy: a throwing or revoked proxy is a typed error.
  const checked = ownedRecord(options === undefined ? {} : options, OPTION_FIELDS, 'options', 'latency table options', OnnxError);
  const run = latencySettings({ warmup: 5, runs: 20, ...withoutUndefined(checked) }, 'options');
  const opset = checked.opset === undefined ? DEFAULT_OPSET : integerInRange(checked.opset, MIN_OPSET, MAX_OPSET, 'options.opset', OnnxError);
  const settings: LatencySettings = { ...run, opset };
  const base = checked.extend === undefined ? null : readLatencyTable(checked.extend);
  if (base !== null) {
    for (const field of ['batchSize', 'threads', 'warmup', 'runs', 'executionProvider', 'seed', 'opset'] as const) {
      if (checked[field] !== undefined && checked[field] !== base.settings[field]) {
        throw new OnnxError(`options.${field}`, `${describe(checked[field])} differs from the ${describe(base.settings[field])} the extended table was measured with`);
      }
    }
  }
  const onProgress = checked.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new OnnxError('options.onProgress', `${describe(onProgress)} is not a function`);
  const signal = checked.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new OnnxError('options.signal', `${describe(signal)} is not an AbortSignal`);

  const items = atBoundary(() => itemsOf(models, 'models', LIMITS.maxListedBlocks, 'the networks to profile', SpecError), SpecError);
  if (items.length === 0) throw new SpecError('models', 'is empty: give at least one network to profile');
  const known = new Set(base?.entries.map((entry) => entry.key));
  const parts: Plan['parts'] = [];
  items.forEach((item, i) => {
    const { name, spec } = namedModel(item, `models[${i}]`);
    for (const part of networkParts(spec)) {
      if (known.has(part.key)) continue;
      known.add(part.key);
      parts.push({ key: part.key, kind: part.kind, label: `${name} ${part.label}` });
    }
  });
  if ((base?.entries.length ?? 0) + parts.length > MAX_TABLE_ENTRIES) {
    throw new OnnxError('models', `have more than ${MAX_TABLE_ENTRIES} distinct parts, the most a table holds`);
  }
  const finalSettings = base === null ? settings : base.settings;
  return { settings: finalSettings, base, parts, onProgress: onProgress as Plan['onProgress'], signal: signal as AbortSignal | undefined };
}

function withoutUndefined(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of ['batchSize', 'threads', 'warmup', 'runs', 'seed', 'executionProvider']) if (fields[key] !== undefined) result[key] = fields[key];
  return result;
}

/** A spec, or `{ name, spec }`: the name labels its parts (`models[2]` when absent). */
function namedModel(item: unknown, path: string): { name: string; spec: ModelSpec } {
  const descriptor = typeof item === 'object' && item !== null ? Object.getOwnPropertyDescriptor(item, 'spec') : undefined;
  if (descriptor === undefined) {
    try {
      return { name: path, spec: checkSpec(item) };
    } catch (error) {
      if (error instanceof SpecError) throw new SpecError(join(path, error.path), error.reason, { cause: error });
      throw error;
    }
  }
  const fields = fieldsOf(item, ['name', 'spec'], path, 'a named network', SpecError);
  if (typeof fields.name !== 'string' || fields.name.length === 0 || fields.name.length > LIMITS.maxNameLength) {
    throw new SpecError(join(path, 'name'), `${describe(fields.name)} is not a name (a non-empty string of at most ${LIMITS.maxNameLength} characters)`);
  }
  return { name: fields.name, spec: namedModel(fields.spec, join(path, 'spec')).spec };
}

/** ONNX Runtime's timer, loading the runtime once. */
function runtimeTimer(ort: Awaited<ReturnType<typeof loadOnnxRuntime>>): PartTimer {
  return (bytes, inputDims, settings, signal) => timeRuns(ort, bytes, inputDims, settings, signal);
}

/** Measures a latency table with an injected timer and runtime version (tests time nothing). */
export async function buildTableWith(models: unknown, options: unknown, timer: PartTimer, runtimeVersion: string): Promise<LatencyTable> {
  return measure(plan(models, options), timer, runtimeVersion);
}

async function measure({ settings, base, parts, onProgress, signal }: Plan, timer: PartTimer, runtimeVersion: string): Promise<LatencyTable> {
  signal?.throwIfAborted();
  const run: RunSettings = settings;
  const time = async (key: string): Promise<MeasuredTime> => {
    const model = partToOnnx(key, settings.seed, settings.opset);
    return summarizeTimes(await timer(model.bytes, model.inputDims, run, signal));
  };
  const overhead = base?.overhead ?? (await time(OVERHEAD_KEY));
  const entries: LatencyEntry[] = [...(base?.entries ?? [])];
  for (const part of parts) {
    signal?.throwIfAborted();
    entries.push({ key: part.key, kind: part.kind, label: part.label, ...(await time(part.key)) });
    onProgress?.(entries.length - (base?.entries.length ?? 0), parts.length, part.label);
  }
  const cpus = os.cpus();
  const table: LatencyTable = {
    format: LATENCY_TABLE_FORMAT,
    version: LATENCY_TABLE_VERSION,
    created: base?.created ?? new Date().toISOString(),
    device: base?.device ?? { cpu: cpus[0]?.model.trim() ?? 'unknown', cores: Math.max(1, cpus.length), platform: os.platform(), arch: os.arch() },
    runtime: base?.runtime ?? { name: 'onnxruntime-node', version: runtimeVersion },
    settings,
    overhead,
    entries,
  };
  // Checked like any table: a timer that returned a negative or non-finite time is caught here.
  return readLatencyTable(table);
}

/**
 * Measures a latency table for `predictLatency`: every distinct part of the given networks (the stem,
 * each distinct block, anything between stages, the head; a part shared by several networks once) is
 * exported as its own small ONNX model ({@link toOnnx}'s layers, batch norms folded) and timed in
 * onnxruntime-node with the given threads, batch size and execution provider: `warmup` untimed runs, then
 * `runs` timed ones, keeping the median with the fastest and slowest run. A model that does nothing (one
 * element through one ReLU) is timed the same way: the per-run overhead that each part's runs paid and a
 * whole network pays once. The result is versioned, JSON-serialisable data with the device, the runtime
 * version and the settings.
 *
 * Measure on a quiet machine: the table holds whatever else was running. Parts are measured one by one,
 * so the work is about (warmup + runs) forward passes of each distinct part, plus one session per part.
 *
 * Needs the optional peer dependency `onnxruntime-node` (`npm install onnxruntime-node`).
 *
 * @param models - specs, or `{ name, spec }` (names label the entries)
 * @throws `SpecError` for an invalid spec (path `models[i]...`) or an empty list
 * @throws {@link OnnxError} for a bad option, an option that differs from the extended table's settings, or
 * a part the exporter cannot write (transformers)
 * @throws `LatencyTableError` for a malformed `extend` table
 * @throws the signal's reason when `signal` aborts; `Error` when onnxruntime-node is not installed
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { fastScale, zooModel } from 'fastscale';
 * import { buildLatencyTable } from 'fastscale/onnx';
 * const base = zooModel('RegNetY-400MF');
 * const models = [1, 2, 4].map((s) => ({ name: `RegNetY-400MF dWr x${s}`, spec: fastScale(base, s) }));
 * const table = await buildLatencyTable(models, { threads: 1, runs: 20, onProgress: (done, total) => console.log(`${done}/${total}`) });
 * writeFileSync('table.json', JSON.stringify(table));
 * ```
 */
export async function buildLatencyTable(models: readonly ProfiledModel[], options?: LatencyTableOptions): Promise<LatencyTable> {
  const checked = plan(models, options); // every input checked before the runtime loads
  const ort = await loadOnnxRuntime();
  return measure(checked, runtimeTimer(ort), ort.env.versions.node ?? ort.env.versions.common);
}
