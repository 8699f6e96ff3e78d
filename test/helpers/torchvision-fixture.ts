/**
 * Readers of test/fixtures/torchvision (scripts/torchvision-fixtures.py: torchvision 0.14's models counted
 * with PyTorch hooks, module by module) and test/fixtures/torchvision-width-multipliers.json.
 */
import { readFileSync } from 'node:fs';
import type { Complexity, LayerRow } from '../../src/index.js';
import { FIXTURES } from '../fixtures.js';

/** One model's fixture file. */
export interface TorchvisionFixture {
  readonly model: string;
  readonly cropSize: number;
  /** [name, class, own params] per listed module, in forward order. */
  readonly modules: [string, string, number][];
  /** [key, shape] of every state dict entry. */
  readonly stateDict: [string, number[]][];
  readonly runs: { imageSize: number; totals: Complexity; layers: [number, number, number[] | null][] }[];
}

export function torchvisionFixture(model: string): TorchvisionFixture {
  return JSON.parse(readFileSync(`${FIXTURES}torchvision/${model}.json`, 'utf8')) as TorchvisionFixture;
}

/** A module as both sides list it: name, class, own params, flops, acts. */
export type ModuleRow = [name: string, module: string, params: number, flops: number, acts: number];

/** The fixture's modules in one run, as {@link ModuleRow}s. */
export function fixtureRows(fixture: TorchvisionFixture, imageSize: number): ModuleRow[] {
  const run = fixture.runs.find((r) => r.imageSize === imageSize)!;
  return fixture.modules.map(([name, module, params], i) => [name, module, params, run.layers[i]![0], run.layers[i]![1]]);
}

/** Our layer table as {@link ModuleRow}s. */
export function layerRows(rows: readonly LayerRow[]): ModuleRow[] {
  return rows.map((row) => [row.name, row.module, row.params, row.flops, row.acts]);
}

/** torchvision's width multipliers of its mobile networks, counted at `imageSize` (scripts/torchvision-width-fixtures.py). */
export interface WidthMultiplierFixture {
  readonly imageSize: number;
  readonly models: Record<string, { call: string; runs: { multiplier: number; totals: Complexity; modules: [string, number, number, number][] }[] }>;
}

export function widthMultiplierFixture(): WidthMultiplierFixture {
  return JSON.parse(readFileSync(`${FIXTURES}torchvision-width-multipliers.json`, 'utf8')) as WidthMultiplierFixture;
}
