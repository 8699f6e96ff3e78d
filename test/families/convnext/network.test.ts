/** ConvNeXt's description against torchvision 0.14's own modules, counted with PyTorch hooks. */
import { describe, expect, it } from 'vitest';
import { complexity, layers, zooModel, type ConvNeXtSpec } from '../../../src/index.js';
import { fixtureModules, layerModules, torchvisionFixture } from '../../helpers/torchvision-fixture.js';
import { describeModuleNames } from '../../helpers/module-names.js';

const MODELS = ['convnext_tiny', 'convnext_small', 'convnext_base', 'convnext_large'] as const;

const atSize = (spec: ConvNeXtSpec, size: number): ConvNeXtSpec => ({ ...spec, resolution: { train: size, test: size } });

describe.each(MODELS)('%s', (name) => {
  const fixture = torchvisionFixture(name);

  it("is in the zoo at its weights' crop size", () => {
    expect(zooModel(name).resolution).toEqual({ train: fixture.cropSize, test: fixture.cropSize });
  });

  it.each(fixture.runs.map((run) => [run.imageSize, run] as const))('at %i px: totals and every module equal torchvision', (size, run) => {
    const spec = atSize(zooModel(name), size);
    expect(complexity(spec)).toEqual(run.totals);
    expect(layerModules(layers(spec))).toEqual(fixtureModules(fixture, run));
  });

  it('lists the modules with their PyTorch classes', () => {
    const classes = new Map(fixture.modules.map(([module, type]) => [module, type]));
    for (const row of layers(zooModel(name))) {
      if (row.op === 'scale') expect(classes.get(row.name.replace(/\.layer_scale$/, ''))).toBe('CNBlock');
      else expect(row.module).toBe(classes.get(row.name));
    }
  });
});

describe('layer table', () => {
  it('gives per-pixel linears their locations and the layer scale its channels', () => {
    const rows = layers(zooModel('convnext_tiny'));
    expect(rows.find((r) => r.name === 'features.1.0.block.3')).toMatchObject({ op: 'linear', output: [384, 56, 56], flops: 96 * 384 * 56 * 56 + 384 * 56 * 56 });
    expect(rows.find((r) => r.name === 'features.7.2.layer_scale')).toMatchObject({ op: 'scale', module: 'Parameter', params: 768, flops: 0, acts: 0 });
    expect(rows.find((r) => r.name === 'features.6.1')).toMatchObject({ op: 'conv', kernel: 2, stride: 2, output: [768, 7, 7] });
  });
});

describeModuleNames(MODELS);
