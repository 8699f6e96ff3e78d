/**
 * pycls's ResNet and ResNeXt zoo models, which pycls's zoo configs define as AnyNets, and torchvision's
 * ResNets (`torchvision.models.resnet`) under their builder names.
 */
import type { AnyNetSpec } from './types.js';

/**
 * A pycls zoo ResNe(X)t: 4 bottleneck stages of widths 256..2048 on the ResNet stem, with the given stage
 * depths, bottleneck multiplier and first-stage group width (doubling per stage).
 */
function resNet(depths: readonly number[], bottleneckMultiplier: number, groupWidth: number): AnyNetSpec {
  return {
    family: 'anynet',
    stem: { type: 'res_stem_in', width: 64 },
    blockType: 'res_bottleneck_block',
    stages: depths.map((depth, i) => ({ depth, width: 256 << i, stride: i === 0 ? 1 : 2, bottleneckMultiplier, groupWidth: groupWidth << i })),
    seRatio: null,
    headWidth: 0,
    numClasses: 1000,
    activation: 'relu',
    resolution: { train: 224, test: 256 },
  };
}

/**
 * A torchvision ResNet as its builder makes it (`ResNet(block, layers, groups=, width_per_group=)`): the
 * 64-wide ResNet stem, stage i of `64 * 2^i` planes, basic blocks of that width, or bottleneck blocks 4
 * times as wide with a bottleneck of `64 * 2^i * widthPerGroup / 64 * groups` channels in `groups` groups;
 * 224 px crops (every default weight's).
 */
function torchvisionResNet(block: 'basic' | 'bottleneck', depths: readonly number[], groups = 1, widthPerGroup = 64): AnyNetSpec {
  return {
    family: 'anynet',
    stem: { type: 'res_stem_in', width: 64 },
    blockType: block === 'basic' ? 'res_basic_block' : 'res_bottleneck_block',
    stages: depths.map((depth, i) => {
      const stride = i === 0 ? 1 : 2;
      if (block === 'basic') return { depth, width: 64 << i, stride };
      // Bottleneck width over output width: (widthPerGroup * groups) / 256 in every stage.
      return { depth, width: 256 << i, stride, bottleneckMultiplier: (widthPerGroup * groups) / 256, groupWidth: widthPerGroup << i };
    }),
    seRatio: null,
    headWidth: 0,
    numClasses: 1000,
    activation: 'relu',
    resolution: { train: 224, test: 224 },
    implementation: 'torchvision',
  };
}

export const ANYNET_ZOO = {
  'ResNet-50': resNet([3, 4, 6, 3], 0.25, 64),
  'ResNet-101': resNet([3, 4, 23, 3], 0.25, 64),
  'ResNet-152': resNet([3, 8, 36, 3], 0.25, 64),
  'ResNeXt-50': resNet([3, 4, 6, 3], 0.5, 4),
  'ResNeXt-101': resNet([3, 4, 23, 3], 0.5, 4),
  'ResNeXt-152': resNet([3, 8, 36, 3], 0.5, 4),
  resnet18: torchvisionResNet('basic', [2, 2, 2, 2]),
  resnet34: torchvisionResNet('basic', [3, 4, 6, 3]),
  resnet50: torchvisionResNet('bottleneck', [3, 4, 6, 3]),
  resnet101: torchvisionResNet('bottleneck', [3, 4, 23, 3]),
  resnet152: torchvisionResNet('bottleneck', [3, 8, 36, 3]),
  resnext50_32x4d: torchvisionResNet('bottleneck', [3, 4, 6, 3], 32, 4),
  resnext101_32x8d: torchvisionResNet('bottleneck', [3, 4, 23, 3], 32, 8),
  resnext101_64x4d: torchvisionResNet('bottleneck', [3, 4, 23, 3], 64, 4),
  wide_resnet50_2: torchvisionResNet('bottleneck', [3, 4, 6, 3], 1, 128),
  wide_resnet101_2: torchvisionResNet('bottleneck', [3, 4, 23, 3], 1, 128),
};
