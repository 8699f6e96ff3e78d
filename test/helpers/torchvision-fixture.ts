/**
 * torchvision's own counts (test/fixtures/torchvision/<model>.json, read by ./torchvision-fixtures.ts)
 * compared module by module with {@link layers}, a parameter row such as a layer scale listed under its
 * owning module as the hooks list it.
 */
import type { Complexity, LayerRow } from '../../src/index.js';
import type { TorchvisionFixture } from './torchvision-fixtures.js';

export { torchvisionFixture, type TorchvisionFixture } from './torchvision-fixtures.js';

/** One run of a fixture: the image size, the totals and [flops, acts, shape] per module. */
export interface FixtureRun {
  readonly imageSize: number;
  readonly totals: Complexity;
  readonly layers: [number, number, number[] | null][];
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
