/**
 * Latency tables: measured times of network parts on one machine, as plain JSON data, and their checked,
 * frozen form. `buildLatencyTable` (fastscale/onnx) measures one; `predictLatency` reads one.
 */
import { LatencyTableError } from '../errors.js';
import { integerInRange, join, nonNegativeNumber, oneOf, positiveInteger } from '../internal/check.js';
import { describe } from '../internal/describe.js';
import { deepFreeze } from '../internal/freeze.js';
import { atBoundary, fieldsOf, itemsOf } from '../internal/read.js';
import { replayKey } from './key.js';
import type { PartKind } from './parts.js';

/**
 * The `format` tag of a latency table.
 *
 * @example
 * ```ts
 * import { LATENCY_TABLE_FORMAT } from 'fastscale';
 * LATENCY_TABLE_FORMAT; // 'fastscale-latency-table'
 * ```
 */
export const LATENCY_TABLE_FORMAT = 'fastscale-latency-table';

/**
 * The table version this fastscale writes and reads. It changes whenever cost keys or the way parts are
 * measured change, so that an old table is refused rather than misread.
 *
 * @example
 * ```ts
 * import { LATENCY_TABLE_VERSION } from 'fastscale';
 * LATENCY_TABLE_VERSION; // 1
 * ```
 */
export const LATENCY_TABLE_VERSION = 1;

/** Most entries a table may hold. */
export const MAX_TABLE_ENTRIES = 1_000_000;

/**
 * A measured time: the median of the timed runs, with their fastest and slowest, in milliseconds per
 * batch.
 *
 * @example
 * ```ts
 * import type { MeasuredTime } from 'fastscale';
 * const time: MeasuredTime = { medianMs: 0.41, minMs: 0.39, maxMs: 0.52 };
 * ```
 */
export interface MeasuredTime {
  /** Median of the timed runs, in milliseconds. */
  readonly medianMs: number;
  /** Fastest timed run, in milliseconds. */
  readonly minMs: number;
  /** Slowest timed run, in milliseconds. */
  readonly maxMs: number;
}

/**
 * One measured part: its cost key (the layers that decide its work, see `predictLatency`), where it was
 * first seen, and its time.
 *
 * @example
 * ```ts
 * import type { LatencyEntry } from 'fastscale';
 * const entry: LatencyEntry = { key: '440x7/g;f;l1000b', kind: 'head', label: 'RegNetY-400MF head', medianMs: 0.03, minMs: 0.03, maxMs: 0.04 };
 * ```
 */
export interface LatencyEntry extends MeasuredTime {
  /** Its cost key: the part's input shape and layers, without names (equal keys do equal work). */
  readonly key: string;
  /** Where in a network it is: stem, block, transition or head. */
  readonly kind: PartKind;
  /** Where it was first seen, for people: `RegNetY-400MF s2 blocks 1..2`. */
  readonly label: string;
}

/**
 * How a table was measured. Predictions hold for these settings only.
 *
 * @example
 * ```ts
 * import type { LatencySettings } from 'fastscale';
 * const settings: LatencySettings = { batchSize: 1, threads: 1, warmup: 5, runs: 20, executionProvider: 'cpu', seed: 0, opset: 17 };
 * ```
 */
export interface LatencySettings {
  /** Images per run. */
  readonly batchSize: number;
  /** ONNX Runtime intra-op threads. */
  readonly threads: number;
  /** Untimed runs before timing each part. */
  readonly warmup: number;
  /** Timed runs of each part. */
  readonly runs: number;
  /** ONNX Runtime execution provider (`cpu`, `cuda`, ...). */
  readonly executionProvider: string;
  /** Seed of the weights and inputs. */
  readonly seed: number;
  /** ONNX opset of the exported parts. */
  readonly opset: number;
}

/**
 * A latency table: the measured time of every distinct part (stem, block, head) of some networks, on
 * one machine, with how it was measured. Plain JSON data: `JSON.stringify` it to keep it, and
 * {@link readLatencyTable} to use it again.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { predictLatency, readLatencyTable, zooModel, type LatencyTable } from 'fastscale';
 * const table: LatencyTable = readLatencyTable(JSON.parse(readFileSync('table.json', 'utf8')));
 * console.log(table.device.cpu, table.entries.length, predictLatency(zooModel('RegNetY-400MF'), table).seconds);
 * ```
 */
export interface LatencyTable {
  /** What the file is: {@link LATENCY_TABLE_FORMAT}. */
  readonly format: typeof LATENCY_TABLE_FORMAT;
  /** Its format version, {@link LATENCY_TABLE_VERSION}: other versions are refused. */
  readonly version: typeof LATENCY_TABLE_VERSION;
  /** When it was measured (ISO 8601). */
  readonly created: string;
  /** The machine: CPU model, logical cores, platform and architecture (as Node's `os` reports them). */
  readonly device: {
    /** CPU model. */
    readonly cpu: string;
    /** Logical cores. */
    readonly cores: number;
    /** `linux`, `darwin`, `win32`, ... */
    readonly platform: string;
    /** `x64`, `arm64`, ... */
    readonly arch: string;
  };
  /** The runtime that ran the parts. */
  readonly runtime: {
    /** `onnxruntime-node`. */
    readonly name: string;
    /** Its version. */
    readonly version: string;
  };
  /** How the parts were run: predictions hold for these settings only. */
  readonly settings: LatencySettings;
  /**
   * The time of a run that does no work (a one-element model): what every run costs besides its
   * layers. Each part was timed as its own model, so each entry includes it once; a whole network pays
   * it once.
   */
  readonly overhead: MeasuredTime;
  /** The measured parts, each key once. */
  readonly entries: readonly LatencyEntry[];
}

const TABLE_FIELDS = ['format', 'version', 'created', 'device', 'runtime', 'settings', 'overhead', 'entries'];
const KINDS: readonly PartKind[] = ['stem', 'block', 'transition', 'head'];

/** Tables this library built or checked (frozen, never checked again). */
const owned = new WeakSet<object>();

/** Records a table this library built from checked values. */
export function ownTable(table: LatencyTable): LatencyTable {
  owned.add(deepFreeze(table));
  return table;
}

/**
 * Checks a latency table (such as `JSON.parse` of a saved one) and returns the library's own frozen copy,
 * which {@link predictLatency} then uses without checking again: read a table once, predict many
 * networks with it. Every time must be a finite number >= 0 with min <= median <= max, every key a
 * well-formed cost key (given once), and there must be at least one entry.
 *
 * @throws {@link LatencyTableError} naming the field: another `format`, another `version`, a bad entry
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readLatencyTable } from 'fastscale';
 * const table = readLatencyTable(JSON.parse(readFileSync('table.json', 'utf8')));
 * ```
 */
export function readLatencyTable(value: unknown): LatencyTable {
  if (typeof value === 'object' && value !== null && owned.has(value)) return value as LatencyTable;
  return ownTable(atBoundary(() => parseTable(value), LatencyTableError));
}

function parseTable(value: unknown): LatencyTable {
  const E = LatencyTableError;
  const fields = fieldsOf(value, TABLE_FIELDS, '', 'a latency table', E);
  if (fields.format !== LATENCY_TABLE_FORMAT) {
    throw new E('format', `${describe(fields.format)} is not '${LATENCY_TABLE_FORMAT}': this is not a latency table fastscale wrote`);
  }
  if (fields.version !== LATENCY_TABLE_VERSION) {
    throw new E('version', `${describe(fields.version)} is not ${LATENCY_TABLE_VERSION}, the table version this fastscale reads: measure the table again`);
  }
  const device = fieldsOf(fields.device, ['cpu', 'cores', 'platform', 'arch'], 'device', 'the device', E);
  const runtime = fieldsOf(fields.runtime, ['name', 'version'], 'runtime', 'the runtime', E);
  const entryItems = itemsOf(fields.entries, 'entries', MAX_TABLE_ENTRIES, 'the measured parts', E);
  if (entryItems.length === 0) throw new E('entries', 'is empty: the table has measured nothing to predict from');
  const seen = new Set<string>();
  const entries = entryItems.map((item, i) => {
    const path = `entries[${i}]`;
    const entry = fieldsOf(item, ['key', 'kind', 'label', 'medianMs', 'minMs', 'maxMs'], path, 'a table entry', E);
    const key = entry.key;
    replayKey(key, null, join(path, 'key'));
    if (seen.has(key as string)) throw new E(join(path, 'key'), `${describe(key)} is in the table twice`);
    seen.add(key as string);
    return {
      key: key as string,
      kind: oneOf(entry.kind, KINDS, join(path, 'kind'), E),
      label: text(entry.label, join(path, 'label')),
      ...time(entry, path),
    };
  });
  return {
    format: LATENCY_TABLE_FORMAT,
    version: LATENCY_TABLE_VERSION,
    created: text(fields.created, 'created'),
    device: {
      cpu: text(device.cpu, 'device.cpu'),
      cores: positiveInteger(device.cores, 'device.cores', E),
      platform: text(device.platform, 'device.platform'),
      arch: text(device.arch, 'device.arch'),
    },
    runtime: { name: text(runtime.name, 'runtime.name'), version: text(runtime.version, 'runtime.version') },
    settings: readSettings(fields.settings),
    overhead: time(fieldsOf(fields.overhead, ['medianMs', 'minMs', 'maxMs'], 'overhead', 'a measured time', E), 'overhead'),
    entries,
  };
}

function readSettings(value: unknown): LatencySettings {
  const E = LatencyTableError;
  const s = fieldsOf(value, ['batchSize', 'threads', 'warmup', 'runs', 'executionProvider', 'seed', 'opset'], 'settings', 'the measurement settings', E);
  return {
    batchSize: positiveInteger(s.batchSize, 'settings.batchSize', E),
    threads: positiveInteger(s.threads, 'settings.threads', E),
    warmup: integerInRange(s.warmup, 0, Number.MAX_SAFE_INTEGER, 'settings.warmup', E),
    runs: positiveInteger(s.runs, 'settings.runs', E),
    executionProvider: text(s.executionProvider, 'settings.executionProvider'),
    seed: integerInRange(s.seed, 0, 0xffffffff, 'settings.seed', E),
    opset: positiveInteger(s.opset, 'settings.opset', E),
  };
}

/** A measured time: three finite numbers >= 0 with min <= median <= max. */
function time(fields: Readonly<Record<string, unknown>>, path: string): MeasuredTime {
  const E = LatencyTableError;
  const medianMs = nonNegativeNumber(fields.medianMs, join(path, 'medianMs'), E);
  const minMs = nonNegativeNumber(fields.minMs, join(path, 'minMs'), E);
  const maxMs = nonNegativeNumber(fields.maxMs, join(path, 'maxMs'), E);
  if (!(minMs <= medianMs && medianMs <= maxMs)) {
    throw new E(path, `times ${minMs} <= ${medianMs} <= ${maxMs} (min <= median <= max) do not hold`);
  }
  return { medianMs, minMs, maxMs };
}

function text(value: unknown, path: string): string {
  if (typeof value === 'string' && value.length <= 10_000) return value;
  throw new LatencyTableError(path, `${describe(value)} is not a string (of at most 10000 characters)`);
}
