/** pycls's EfficientNet model zoo (B0 ... B5), as its configs set them. */
import type { EfficientNetSpec, EfficientNetStage } from './types.js';

/** Stage expansion ratios, kernels and strides: the same in every EfficientNet. */
const RATIOS = [1, 6, 6, 6, 6, 6, 6];
const KERNELS = [3, 3, 5, 3, 5, 5, 3];
const STRIDES = [1, 2, 2, 2, 1, 2, 1];

function efficientNet(stemWidth: number, depths: readonly number[], widths: readonly number[], headWidth: number, train: number, test: number): EfficientNetSpec {
  const stages = depths.map((depth, i): EfficientNetStage => ({ depth, width: widths[i]!, expansionRatio: RATIOS[i]!, kernel: KERNELS[i]!, stride: STRIDES[i]! }));
  return { family: 'efficientnet', stemWidth, stages, seRatio: 0.25, headWidth, numClasses: 1000, activation: 'silu', resolution: { train, test } };
}

export const EFFICIENTNET_ZOO = {
  'EfficientNet-B0': efficientNet(32, [1, 2, 2, 3, 3, 4, 1], [16, 24, 40, 80, 112, 192, 320], 1280, 224, 256),
  'EfficientNet-B1': efficientNet(32, [2, 3, 3, 4, 4, 5, 2], [16, 24, 40, 80, 112, 192, 320], 1280, 240, 274),
  'EfficientNet-B2': efficientNet(32, [2, 3, 3, 4, 4, 5, 2], [16, 24, 48, 88, 120, 208, 352], 1408, 260, 298),
  'EfficientNet-B3': efficientNet(40, [2, 3, 3, 5, 5, 6, 2], [24, 32, 48, 96, 136, 232, 384], 1536, 300, 342),
  'EfficientNet-B4': efficientNet(48, [2, 4, 4, 6, 6, 8, 2], [24, 32, 56, 112, 160, 272, 448], 1792, 380, 434),
  'EfficientNet-B5': efficientNet(48, [3, 5, 5, 7, 7, 9, 3], [24, 40, 64, 128, 176, 304, 512], 2048, 456, 522),
};
