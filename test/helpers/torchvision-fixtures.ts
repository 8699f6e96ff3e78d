/**
 * Readers of test/fixtures/torchvision (scripts/torchvision-fixtures.py): torchvision 0.14's models counted
 * with PyTorch hooks, module by module, and the comparison of a spec's layer table with them; and of
 * test/fixtures/torchvision-width-multipliers.json (scripts/torchvision-width-fixtures.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Complexity, type LayerRow, layers, type ModelSpec } from '../../src/index.js';
import { FIXTURES } from '../fixtures.js';
import { atResolution } from '../specs.js';

/** One model's fixture (see its `about`). */
export interface TorchvisionFixture {
  readonly model: string;
  readonly cropSize: number;
  readonly resizeSize: number;
  /** [module path, class, own params], in first-call order. */
  readonly modules: [string, string, number][];
  /** [key, shape] of every state_dict entry. */
  readonly stateDict: [string, number[]][];
  readonly runs: { readonly imageSize: number; readonly totals: Complexity; readonly layers: [number, number, number[] | null][] }[];
}

export function torchvisionFixture(model: string): TorchvisionFixture {
  return JSON.parse(readFileSync(join(FIXTURES, 'torchvision', `${model}.json`), 'utf8')) as TorchvisionFixture;
}

/** A module as both sides list it: path, PyTorch class, own params, flops, acts. */
export type ModuleRow = [name: string, module: string, params: number, flops: number, acts: number];

/** The fixture's modules with their counts in the run at `imageSize`. */
export function fixtureRows(fixture: TorchvisionFixture, imageSize: number): ModuleRow[] {
  const run = fixture.runs.find((r) => r.imageSize === imageSize);
  if (run === undefined) throw new Error(`${fixture.model} has no run at ${imageSize} px`);
  return fixture.modules.map(([name, module, params], i) => [name, module, params, run.layers[i]![0], run.layers[i]![1]]);
}

/** The layer table of `spec` at `imageSize`, as the same rows. */
export function specRows(spec: ModelSpec, imageSize: number): ModuleRow[] {
  return layers(atResolution(spec, imageSize)).map((row) => [row.name, row.module, row.params, row.flops, row.acts]);
}

/** The fixture's image sizes: its crop size, then 160 and 288 px. */
export function fixtureSizes(fixture: TorchvisionFixture): number[] {
  return fixture.runs.map((run) => run.imageSize);
}

/** Layer table rows as {@link ModuleRow}s. */
export function layerRows(rows: readonly LayerRow[]): ModuleRow[] {
  return rows.map((row) => [row.name, row.module, row.params, row.flops, row.acts]);
}

/** torchvision's width multipliers of its mobile networks, counted at `imageSize` (scripts/torchvision-width-fixtures.py). */
export interface WidthMultiplierFixture {
  readonly imageSize: number;
  readonly models: Record<string, { call: string; runs: { multiplier: number; totals: Complexity; modules: [string, number, number, number][] }[] }>;
}

export function widthMultiplierFixture(): WidthMultiplierFixture {
  return JSON.parse(readFileSync(join(FIXTURES, 'torchvision-width-multipliers.json'), 'utf8')) as WidthMultiplierFixture;
}
