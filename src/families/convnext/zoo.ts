/** torchvision's ConvNeXt builders (`convnext_tiny` ... `convnext_large`) at their weights' crop size. */
import type { ConvNeXtSpec } from './types.js';

/** torchvision's `_convnext` block settings: stage depths and the first stage's width (doubling per stage). */
function convNeXt(depths: readonly number[], firstWidth: number): ConvNeXtSpec {
  return {
    family: 'convnext',
    stages: depths.map((depth, i) => ({ depth, width: firstWidth * 2 ** i })),
    numClasses: 1000,
    // Every ConvNeXt_*_Weights.IMAGENET1K_V1 crops 224 px (resize 230..236).
    resolution: { train: 224, test: 224 },
  };
}

export const CONVNEXT_ZOO = {
  convnext_tiny: convNeXt([3, 3, 9, 3], 96),
  convnext_small: convNeXt([3, 3, 27, 3], 96),
  convnext_base: convNeXt([3, 3, 27, 3], 128),
  convnext_large: convNeXt([3, 3, 27, 3], 192),
};
