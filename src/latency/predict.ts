/** `predictLatency`: a network's latency from a latency table, without running anything. */
import { AnalysisError, LatencyTableError } from '../errors.js';
import type { ModelSpec } from '../families/index.js';
import { join, positiveInteger } from '../internal/check.js';
import { ownedRecord } from '../internal/read.js';
import { describe } from '../internal/describe.js';
import { checkSpec } from '../spec/check.js';
import { FEATURE_NAMES, FEATURES, NODES, OFFSET, OP_TYPES } from './features.js';
import { nonNegativeLeastSquares } from './fit.js';
import { type Codes, replayKey } from './key.js';
import { cutNetwork, walkParts } from './part-net.js';
import type { PartKind } from './parts.js';
import { type LatencyTable, readLatencyTable } from './table.js';

/**
 * One part of a predicted network: where it is, how often it runs, and where its time came from.
 *
 * @example
 * ```ts
 * import { predictLatency, readLatencyTable, zooModel, type PredictedPart } from 'fastscale';
 * declare const table: ReturnType<typeof readLatencyTable>;
 * const fitted: PredictedPart[] = predictLatency(zooModel('RegNetY-400MF'), table).parts.filter((p) => p.source === 'fit');
 * ```
 */
export interface PredictedPart {
  /** Stem, block, transition or head. */
  readonly kind: PartKind;
  /** `stem`, `s2 blocks 1..2`, `head`. */
  readonly label: string;
  /** How many times the network runs it. */
  readonly repeats: number;
  /** Predicted seconds of one run of it, without the per-run overhead. */
  readonly seconds: number;
  /** `table`: measured (looked up); `fit`: not in the table, predicted by the op-type fit. */
  readonly source: 'table' | 'fit';
}

/**
 * A predicted latency and how it was made.
 *
 * @example
 * ```ts
 * import { predictLatency, readLatencyTable, zooModel, type LatencyPrediction } from 'fastscale';
 * declare const table: ReturnType<typeof readLatencyTable>;
 * const p: LatencyPrediction = predictLatency(zooModel('RegNetY-400MF'), table);
 * console.log(`${(p.seconds * 1e3).toFixed(2)} ms, ${(100 * p.lookedUp.seconds / p.seconds).toFixed(0)}% looked up`);
 * ```
 */
export interface LatencyPrediction {
  /** Predicted seconds of one forward pass of a batch of `table.settings.batchSize` images. */
  readonly seconds: number;
  /** The parts found in the table: how many (distinct) and their seconds (repeats included). */
  readonly lookedUp: {
    /** Distinct parts. */
    readonly parts: number;
    /** Their seconds, repeats included. */
    readonly seconds: number;
  };
  /** The parts predicted by the op-type fit: how many and their seconds. */
  readonly fitted: {
    /** Distinct parts. */
    readonly parts: number;
    /** Their seconds, repeats included. */
    readonly seconds: number;
  };
  /** The per-run overhead (the table's `overhead`), paid once. */
  readonly overheadSeconds: number;
  /** Every part, in forward order. */
  readonly parts: readonly PredictedPart[];
}

/**
 * Options of {@link predictLatency}: the settings the prediction is for. A table measured with other
 * settings is refused (its times would not hold).
 *
 * @example
 * ```ts
 * import type { PredictLatencyOptions } from 'fastscale';
 * const options: PredictLatencyOptions = { batchSize: 1, threads: 1, executionProvider: 'cpu' };
 * ```
 */
export interface PredictLatencyOptions {
  /** Images per run the table must have been measured with. */
  readonly batchSize?: number;
  /** ONNX Runtime intra-op threads the table must have been measured with. */
  readonly threads?: number;
  /** Execution provider the table must have been measured with (`cpu`, `cuda`, ...). */
  readonly executionProvider?: string;
}

/** The op-type fit of a table: coefficients in ms per unit of each feature, and which features it can price. */
interface Fit {
  readonly coefficients: Float64Array;
  readonly seen: Uint8Array;
}

/** A measured part as prediction looks it up: its codes (see `PartNet`) and net time. */
interface Measured {
  readonly codes: Int32Array;
  readonly netMs: number;
}

/**
 * A table ready to predict with: net times (overhead removed) by the hash of the part's codes, the
 * entries' op-type features (for the fit) and, once needed, the fit.
 */
export interface CompiledTable {
  readonly table: LatencyTable;
  readonly overheadMs: number;
  readonly byHash: ReadonlyMap<number, readonly Measured[]>;
  /** Each entry's op-type features, in the order of `table.entries`. */
  readonly features: readonly Float64Array[];
  fit: Fit | undefined;
}

const compiled = new WeakMap<LatencyTable, CompiledTable>();

/** A checked table's compiled form, made once per table: each key replayed on the walk prediction cuts networks with. */
export function compileTable(value: unknown): CompiledTable {
  const table = readLatencyTable(value);
  let result = compiled.get(table);
  if (result === undefined) {
    const overheadMs = table.overhead.medianMs;
    const byHash = new Map<number, Measured[]>();
    const features: Float64Array[] = [];
    for (const entry of table.entries) {
      const netMs = Math.max(0, entry.medianMs - overheadMs);
      // A key replays to one part (it has no blocks): its codes and features come as the stem.
      walkParts(
        (_kind, _repeats, _label, codes, hash, partFeatures) => {
          const measured = { codes: codes.copy(), netMs };
          const bucket = byHash.get(hash);
          if (bucket === undefined) byHash.set(hash, [measured]);
          else bucket.push(measured);
          features.push(partFeatures.slice());
        },
        (makeNet) => replayKey(entry.key, null, 'entries', makeNet),
      );
    }
    result = { table, overheadMs, byHash, features, fit: undefined };
    compiled.set(table, result);
  }
  return result;
}

/** The net milliseconds of the measured part with these codes, or undefined. */
function lookUp(table: CompiledTable, codes: Codes, hash: number): number | undefined {
  const bucket = table.byHash.get(hash);
  if (bucket === undefined) return undefined;
  for (const measured of bucket) if (codes.equals(measured.codes)) return measured.netMs;
  return undefined;
}

/** Fits the table's net part times on op-type features (see {@link predictLatency}). */
function fitTable(table: CompiledTable): Fit {
  const rows = table.features;
  const targets: number[] = [];
  const weights: number[] = [];
  const seen = new Uint8Array(FEATURES);
  const overheadMs = table.overheadMs;
  for (const features of rows) for (let j = 0; j < FEATURES; j++) if (features[j] !== 0) seen[j] = 1;
  for (const entry of table.table.entries) {
    targets.push(Math.max(0, entry.medianMs - overheadMs));
    // Relative errors: a part's weight is the inverse of its measured time.
    weights.push(1 / Math.max(entry.medianMs, 1e-9));
  }
  const columns = seen.reduce((a, b) => a + b, 0);
  if (rows.length < columns) {
    throw new LatencyTableError(
      'entries',
      `has ${rows.length} entries, too few to fit the time of a part it does not hold on ${columns} features: measure more networks into it`,
    );
  }
  return borrowForUnseen(nonNegativeLeastSquares(rows, targets, weights), seen);
}

/** Gives each op type no entry has the coefficients of its first relative that some entry has. */
function borrowForUnseen(coefficients: Float64Array, seen: Uint8Array): Fit {
  const priced = Uint8Array.from(seen);
  const typeSeen = (t: number): boolean => OP_TYPES[t]!.columns.some((_, c) => seen[OFFSET[t]! + c] === 1);
  OP_TYPES.forEach((type, t) => {
    if (typeSeen(t)) return;
    const relative = type.relatives.map((name) => OP_TYPES.findIndex((other) => other.name === name)).find((r) => r >= 0 && typeSeen(r));
    if (relative === undefined) return;
    const from = OP_TYPES[relative]!.columns as readonly string[];
    type.columns.forEach((column, c) => {
      const k = from.indexOf(column);
      coefficients[OFFSET[t]! + c] = k < 0 ? 0 : coefficients[OFFSET[relative]! + k]!;
      priced[OFFSET[t]! + c] = 1;
    });
  });
  priced[NODES] = 1;
  return { coefficients, seen: priced };
}

/** Predicted net milliseconds of a part that is not in the table, from its op-type features. */
function fittedMs(table: CompiledTable, label: string, features: Float64Array): number {
  const fit = (table.fit ??= fitTable(table));
  let ms = 0;
  for (let j = 0; j < FEATURES; j++) {
    const value = features[j]!;
    if (value === 0) continue;
    if (fit.seen[j] === 0) {
      throw new LatencyTableError(
        'entries',
        `hold no part with ${FEATURE_NAMES[j]} (nor a related op), so the time of ${label} (not in the table) cannot be fitted: measure networks that have it into the table`,
      );
    }
    ms += fit.coefficients[j]! * value;
  }
  return ms;
}

/** The prediction for a checked spec and a compiled table. */
export function predictCompiled(spec: ModelSpec, table: CompiledTable): LatencyPrediction {
  const parts: PredictedPart[] = [];
  let lookedUpParts = 0;
  let lookedUpMs = 0;
  let fittedParts = 0;
  let fittedPartMs = 0;
  cutNetwork(spec, (kind, repeats, label, codes, hash, features) => {
    let ms = lookUp(table, codes, hash);
    const source = ms === undefined ? 'fit' : 'table';
    if (ms === undefined) {
      ms = fittedMs(table, label, features);
      fittedParts++;
      fittedPartMs += ms * repeats;
    } else {
      lookedUpParts++;
      lookedUpMs += ms * repeats;
    }
    parts.push({ kind, label, repeats, seconds: ms / 1000, source });
  });
  return {
    seconds: (table.overheadMs + lookedUpMs + fittedPartMs) / 1000,
    lookedUp: { parts: lookedUpParts, seconds: lookedUpMs / 1000 },
    fitted: { parts: fittedParts, seconds: fittedPartMs / 1000 },
    overheadSeconds: table.overheadMs / 1000,
    parts,
  };
}

/**
 * Checks that a table was measured with the settings asked for.
 */
export function checkTableSettings(table: LatencyTable, options: unknown): void {
  if (options === undefined) return;
  const fields = ownedRecord(options, ['batchSize', 'threads', 'executionProvider'], 'options', 'latency prediction options', AnalysisError);
  const expect = (name: 'batchSize' | 'threads' | 'executionProvider', wanted: unknown, what: string): void => {
    if (wanted !== undefined && wanted !== table.settings[name]) {
      throw new LatencyTableError(`settings.${name}`, `the table was measured with ${what} ${describe(table.settings[name])}, not ${describe(wanted)}: measure a table with the settings you predict for`);
    }
  };
  const batchSize = fields.batchSize === undefined ? undefined : positiveInteger(fields.batchSize, join('options', 'batchSize'), AnalysisError);
  const threads = fields.threads === undefined ? undefined : positiveInteger(fields.threads, join('options', 'threads'), AnalysisError);
  const provider = fields.executionProvider;
  if (provider !== undefined && typeof provider !== 'string') throw new AnalysisError('options.executionProvider', `${describe(provider)} is not a string`);
  expect('batchSize', batchSize, 'batch size');
  expect('threads', threads, 'threads');
  expect('executionProvider', provider, 'execution provider');
}

/**
 * Predicts how long one forward pass of a network takes on the machine a latency table was measured on,
 * without ONNX Runtime: the network is cut into its parts (stem, each distinct block, head; a stage's
 * identical blocks are one part run several times) and each part's time is looked up by its cost key,
 * the layers that decide its work (ops, widths, kernels, strides, groups, squeeze-excite, activations,
 * input size). The prediction is the table's per-run overhead plus, for each part, its time (the entry's
 * median less the overhead, which the entry's own run paid) times its repeats.
 *
 * A part the table does not hold is predicted from the table's own entries by an op-type fit:
 * `time = sum over op types t of (a_t * flops_t + b_t * elements_t) + c * nodes`, where `flops_t` are
 * the part's multiply-adds in ops of type t (1x1, kxk, grouped and depthwise convs, linears, attention),
 * `elements_t` the elements those ops write (or, for pools, read; activations, adds, multiplies, layer
 * norms and reshapes have elements only; batch norms are folded into their convs), and `nodes` the
 * runtime nodes. The coefficients are >= 0, fitted by non-negative least squares on every entry,
 * weighted to minimise relative error; an op type no entry has borrows the coefficients of a related one
 * that some entry has (depthwise and grouped convs, 1x1 and kxk convs, linears and 1x1 convs, the
 * activations, adds and multiplies), a rough guess. The answer says how much was looked up and how much
 * fitted.
 *
 * Read the table once with {@link readLatencyTable} (or take `buildLatencyTable`'s): a table this
 * library checked is used as it is, with its fit made once; anything else is checked on every call.
 * Work: O(stages) per prediction.
 *
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link LatencyTableError} for a malformed table (wrong format or version, bad times or keys,
 * no entries), settings other than `options` asks for, or a part the table cannot fit (it has no entry
 * with an op type the part needs, or fewer entries than features)
 * @throws {@link AnalysisError} for malformed options
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { fastScale, predictLatency, readLatencyTable, zooModel } from 'fastscale';
 * const table = readLatencyTable(JSON.parse(readFileSync('table.json', 'utf8')));
 * const p = predictLatency(fastScale(zooModel('RegNetY-400MF'), 4), table, { batchSize: 1 });
 * console.log(`${(p.seconds * 1e3).toFixed(1)} ms; ${p.fitted.parts} of ${p.parts.length} parts fitted`);
 * ```
 */
export function predictLatency(spec: ModelSpec, table: LatencyTable, options?: PredictLatencyOptions): LatencyPrediction {
  const checked = checkSpec(spec);
  const ready = compileTable(table);
  checkTableSettings(ready.table, options);
  return predictCompiled(checked, ready);
}
