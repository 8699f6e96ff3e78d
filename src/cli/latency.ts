/**
 * What the latency commands share: reading a latency table file, durations (`25ms`), and the grid of
 * networks (models, each scaled by strategies at factors) that profile and predict take.
 */
import { FastscaleError } from '../errors.js';
import { type LatencyTable, readLatencyTable } from '../latency/table.js';
import { scale } from '../scaling/scale.js';
import type { RoundingPolicy } from '../scaling/rounding.js';
import type { ModelSpec } from '../spec/types.js';
import { formatNumber } from './format.js';
import { listOption, positiveOption } from './args.js';
import { UsageError } from './errors.js';
import { type Io, readText } from './io.js';
import { loadModel } from './model.js';
import { strategiesOption } from './strategy-options.js';

/** Largest latency table file read (a table of a million parts is about 200 MB). */
export const MAX_TABLE_BYTES = 512 * 1024 * 1024;

/** Reads a latency table written by `fastscale profile` (or `buildLatencyTable`); errors name the file. */
export function loadLatencyTable(io: Io, path: string): LatencyTable {
  const text = readText(io, path, MAX_TABLE_BYTES, 'a latency table (fastscale profile -o table.json)');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not JSON (${error instanceof Error ? error.message : String(error)}); expected a latency table`, { cause: error });
  }
  try {
    return readLatencyTable(data);
  } catch (error) {
    if (error instanceof FastscaleError) throw new UsageError(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

const UNITS: Readonly<Record<string, number>> = { s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6 };

/** A duration with its unit (`25ms`, `0.025s`, `800us`), in seconds. */
export function durationOption(flag: string, text: string): number {
  const match = /^\s*(\d+(?:\.\d*)?|\.\d+)(?:[eE]([-+]?\d+))?\s*(s|ms|us|µs)\s*$/.exec(text);
  const seconds = match === null ? NaN : Number(`${match[1]}e${match[2] ?? 0}`) * UNITS[match[3]!]!;
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new UsageError(`${flag}: ${JSON.stringify(text)} is not a duration > 0 with a unit (write 25ms, 0.025s or 800us)`);
  }
  return seconds;
}

/** One network of a grid: its name, its series (the strategy, or the model), and its spec. */
export interface GridModel {
  readonly name: string;
  readonly series: string;
  readonly spec: ModelSpec;
}

/**
 * The networks of `--factors` and `--strategies` for each model argument: each model scaled by each
 * strategy at each factor (`RegNetY-400MF dWr x2`), or each model as it is when no factors are given.
 */
export function modelGrid(
  io: Io,
  models: readonly string[],
  factorsText: string | undefined,
  strategiesText: string | undefined,
  defaultStrategies: readonly string[],
  policy: RoundingPolicy,
): GridModel[] {
  const loaded = models.map((argument) => loadModel(io, argument));
  if (factorsText === undefined) {
    if (strategiesText !== undefined) throw new UsageError('--strategies needs --factors');
    return loaded.map((model) => ({ name: model.name, series: model.name, spec: model.spec }));
  }
  const factors = listOption('--factors', factorsText).map((text) => positiveOption('--factors', text));
  const strategies = strategiesOption(strategiesText, defaultStrategies);
  const grid: GridModel[] = [];
  for (const model of loaded) {
    for (const strategy of strategies) {
      for (const factor of factors) {
        grid.push({ name: `${model.name} ${strategy} x${formatNumber(factor)}`, series: strategy, spec: scale(model.spec, strategy, factor, { policy }) });
      }
    }
  }
  return grid;
}

/** The help lines of the grid options. */
export const GRID_HELP = `      --factors LIST     comma-separated flops factors: scale each model by each strategy at each
                         factor (without it, the models as they are)
      --strategies LIST  comma-separated pycls strategies or preset names (default d,w,r,dwr,dWr)
      --policy P         rounding: pycls (default) or efficientnet`;
