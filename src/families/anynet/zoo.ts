/** pycls's ResNet and ResNeXt zoo models, which pycls's zoo configs define as AnyNets. */
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

export const ANYNET_ZOO = {
  'ResNet-50': resNet([3, 4, 6, 3], 0.25, 64),
  'ResNet-101': resNet([3, 4, 23, 3], 0.25, 64),
  'ResNet-152': resNet([3, 8, 36, 3], 0.25, 64),
  'ResNeXt-50': resNet([3, 4, 6, 3], 0.5, 4),
  'ResNeXt-101': resNet([3, 4, 23, 3], 0.5, 4),
  'ResNeXt-152': resNet([3, 8, 36, 3], 0.5, 4),
};
