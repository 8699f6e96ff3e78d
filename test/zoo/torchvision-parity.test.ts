/**
 * Issue 11's cross-check: 23 of torchvision 0.14's models are fastscale's pycls zoo models (counted by
 * PyTorch hooks, in total and at every image size of the fixtures); three carry a pycls name but are other
 * networks (torchvision rounds half up), and equal fastscale's torchvision-named models instead.
 */
import { describe, expect, it } from 'vitest';
import { complexity, efficientNetCompound, type ModelSpec, zooModel } from '../../src/index.js';
import { atResolution } from '../specs.js';
import { fixtureSizes, torchvisionFixture } from '../helpers/torchvision-fixtures.js';

const SAME: [torchvision: string, spec: () => ModelSpec][] = [
  ['resnet50', () => zooModel('ResNet-50')],
  ['resnet101', () => zooModel('ResNet-101')],
  ['resnet152', () => zooModel('ResNet-152')],
  ['resnext50_32x4d', () => zooModel('ResNeXt-50')],
  ...(['B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'] as const).map(
    (variant): [string, () => ModelSpec] => [`efficientnet_${variant.toLowerCase()}`, () => efficientNetCompound(zooModel('EfficientNet-B0'), variant)],
  ),
  ['regnet_x_800mf', () => zooModel('RegNetX-800MF')],
  ['regnet_x_1_6gf', () => zooModel('RegNetX-1.6GF')],
  ['regnet_x_3_2gf', () => zooModel('RegNetX-3.2GF')],
  ['regnet_x_8gf', () => zooModel('RegNetX-8.0GF')],
  ['regnet_x_16gf', () => zooModel('RegNetX-16GF')],
  ['regnet_x_32gf', () => zooModel('RegNetX-32GF')],
  ['regnet_y_400mf', () => zooModel('RegNetY-400MF')],
  ['regnet_y_1_6gf', () => zooModel('RegNetY-1.6GF')],
  ['regnet_y_3_2gf', () => zooModel('RegNetY-3.2GF')],
  ['regnet_y_16gf', () => zooModel('RegNetY-16GF')],
  ['regnet_y_32gf', () => zooModel('RegNetY-32GF')],
];

const DIFFERENT: [torchvision: string, pycls: string][] = [
  ['regnet_x_400mf', 'RegNetX-400MF'],
  ['regnet_y_800mf', 'RegNetY-800MF'],
  ['regnet_y_8gf', 'RegNetY-8.0GF'],
];

describe('torchvision models that are pycls zoo models', () => {
  it('are 23', () => expect(SAME).toHaveLength(23));

  it.each(SAME)('%s equals its pycls counterpart at every fixture size', (name, spec) => {
    const fixture = torchvisionFixture(name);
    for (const size of fixtureSizes(fixture)) {
      expect(complexity(atResolution(spec(), size))).toEqual(fixture.runs.find((run) => run.imageSize === size)!.totals);
    }
  });

  it.each(DIFFERENT)("%s differs from pycls's %s, and is fastscale's torchvision-named model", (name, pycls) => {
    const fixture = torchvisionFixture(name);
    const totals = fixture.runs.find((run) => run.imageSize === fixture.cropSize)!.totals;
    expect(complexity(atResolution(zooModel(pycls), fixture.cropSize))).not.toEqual(totals);
    expect(complexity(zooModel(name))).toEqual(totals);
  });
});
