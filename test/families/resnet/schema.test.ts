/** pycls ResNet specs at the boundary (src/families/resnet/schema.ts). */
import { describe, expect, it } from 'vitest';
import { complexity, SpecError, validateSpec } from '../../../src/index.js';
import { thrown } from '../../helpers/errors.js';
import { pyclsComplexity } from '../../helpers/fixtures.js';
import { cifarResNet, imageNetResNet } from '../../specs.js';

const PYCLS = pyclsComplexity();

describe('ResNet specs: each check names the field and the value', () => {
  it.each<[string, unknown, string]>([
    ['an unknown dataset', { ...cifarResNet(20), dataset: 'mnist' }, "dataset: \"mnist\" is not one of 'imagenet', 'cifar'"],
    ['a CIFAR depth not 6n + 2', { ...cifarResNet(20), depth: 21 }, 'depth: 21 is not of the form 6n + 2 with n >= 1 (CIFAR ResNet)'],
    ['a CIFAR depth of 2 (n = 0)', { ...cifarResNet(20), depth: 2 }, 'depth: 2 is not of the form 6n + 2 with n >= 1 (CIFAR ResNet)'],
    ['a CIFAR bottleneck', { ...cifarResNet(20), transformation: 'bottleneck_transform' }, "transformation: 'bottleneck_transform' is not supported on CIFAR (pycls builds basic_transform only)"],
    ['an ImageNet depth of 34', imageNetResNet({ depth: 34 }), 'depth: 34 is not an ImageNet ResNet depth (50, 101 or 152)'],
    ['an ImageNet basic transform', { ...imageNetResNet(), transformation: 'basic_transform' }, "transformation: 'basic_transform' is not supported on ImageNet (pycls builds bottleneck_transform only)"],
    ['an unknown transformation', { ...imageNetResNet(), transformation: 'x' }, "transformation: \"x\" is not one of 'basic_transform', 'bottleneck_transform'"],
    ['a depth beyond the block limit', { ...cifarResNet(20), depth: 6 * 2 ** 23 + 8 }, 'depth: 50331656 is above the limit of 33554432'],
    ['0 groups', imageNetResNet({ groups: 0 }), 'groups: 0 is not a positive integer'],
    ['a last bottleneck beyond the width limit', imageNetResNet({ groups: 2 ** 10, widthPerGroup: 2 ** 7 + 1 }), 'widthPerGroup: 129 x 1024 groups makes the last bottleneck wider than the limit of 1048576'],
    ['0 width per group', imageNetResNet({ widthPerGroup: 0 }), 'widthPerGroup: 0 is not a positive integer'],
    ['an unknown activation', { ...imageNetResNet(), activation: 'tanh' }, "activation: \"tanh\" is not one of 'relu', 'silu'"],
    ['strideOn1x1 not a boolean', { ...imageNetResNet(), strideOn1x1: 1 }, 'strideOn1x1: 1 is not a boolean'],
    ['an unknown field', { ...imageNetResNet(), stages: [] }, 'stages: is not a field of a resnet spec (fields: family, dataset, depth, transformation, groups, widthPerGroup, strideOn1x1, numClasses, activation, resolution)'],
  ])('%s', (_, spec, message) => {
    expect(thrown(() => validateSpec(spec), SpecError).message).toBe(message);
  });

  it('the largest last bottleneck within the limit is accepted (8 x 1024 x 128 = 2^20)', () => {
    expect(() => validateSpec({ ...imageNetResNet({ groups: 2 ** 10, widthPerGroup: 2 ** 7 }), resolution: { train: 8, test: 8 } })).not.toThrow();
  });
});

describe("pycls's ResNets count as pycls counts them", () => {
  it.each([
    ['R-50-1x64d', imageNetResNet({ depth: 50 }), 'configs/dds_baselines/resnet/R-50-1x64d_dds_8gpu.yaml'],
    ['R-101-1x64d', imageNetResNet({ depth: 101 }), 'configs/dds_baselines/resnet/R-101-1x64d_dds_8gpu.yaml'],
    ['X-152-32x4d', imageNetResNet({ depth: 152, groups: 32, widthPerGroup: 4 }), 'configs/dds_baselines/resnext/X-152-32x4d_dds_8gpu.yaml'],
    ['R-56 (CIFAR)', cifarResNet(56), 'configs/archive/cifar/resnet/R-56_nds_1gpu.yaml'],
  ] as const)('%s', (_, spec, config) => {
    expect(complexity(spec)).toEqual(PYCLS[config]);
  });
});
