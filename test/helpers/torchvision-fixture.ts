/**
 * torchvision's own counts (test/fixtures/torchvision/<model>.json, written by
 * scripts/torchvision-fixtures.py with PyTorch hooks) and their comparison with {@link layers}.
 */
import { readFileSync } from 'node:fs';
import type { Complexity, LayerRow } from '../../src/index.js';
import { FIXTURES } from '../fixtures.js';

/** One run of a fixture: the image size, the totals and [flops, acts, shape] per module. */
export interface FixtureRun {
  readonly imageSize: number;
  readonly totals: Complexity;
  readonly layers: [number, number, number[] | null][];
}

/** A torchvision model as its fixture records it. */
export interface TorchvisionFixture {
  readonly model: string;
  readonly cropSize: number;
  /** [name, class, own params] in forward order (a container with its own parameters where its forward begins). */
  readonly modules: [string, string, number][];
  readonly stateDict: [string, number[]][];
  readonly runs: FixtureRun[];
}

export function torchvisionFixture(model: string): TorchvisionFixture {
  return JSON.parse(readFileSync(`${FIXTURES}torchvision/${model}.json`, 'utf8')) as TorchvisionFixture;
}

/** A module as both sides list it: [name, own params, flops, acts]. */
export type ModuleCounts = [name: string, params: number, flops: number, acts: number];

/** The fixture's modules at one run. */
export function fixtureModules(fixture: TorchvisionFixture, run: FixtureRun): ModuleCounts[] {
  return fixture.modules.map(([name, , params], i) => [name, params, run.layers[i]![0], run.layers[i]![1]]);
}

/**
 * The layer table as the hooks list modules: a parameter row (`features.1.0.layer_scale`) is its owning
 * module (`features.1.0`), listed where that module's forward begins, before its first child.
 */
export function layerModules(rows: readonly LayerRow[]): ModuleCounts[] {
  const listed: ModuleCounts[] = rows.filter((r) => r.op !== 'scale').map((r) => [r.name, r.params, r.flops, r.acts]);
  for (const row of rows.filter((r) => r.op === 'scale')) {
    const owner = row.name.slice(0, row.name.lastIndexOf('.'));
    const first = listed.findIndex(([name]) => name.startsWith(`${owner}.`));
    listed.splice(first === -1 ? listed.length : first, 0, [owner, row.params, row.flops, row.acts]);
  }
  return listed;
}
