/**
 * EfficientNets by name: pycls's model zoo (EfficientNet-B0 ... B5, as its configs set them) and
 * torchvision's builders (`efficientnet_b0` ... `efficientnet_b7`, `efficientnet_v2_s/m/l`, with
 * torchvision's module names, at the crop size of their default weights).
 */
import { efficientNetChannels, efficientNetDepth } from '../../scaling/rounding.js';
import type { EfficientNetSpec, EfficientNetStage } from './types.js';

/** Stage expansion ratios, kernels and strides: the same in every EfficientNet V1. */
const RATIOS = [1, 6, 6, 6, 6, 6, 6];
const KERNELS = [3, 3, 5, 3, 5, 5, 3];
const STRIDES = [1, 2, 2, 2, 1, 2, 1];

function efficientNet(stemWidth: number, depths: readonly number[], widths: readonly number[], headWidth: number, train: number, test: number): EfficientNetSpec {
  const stages = depths.map((depth, i): EfficientNetStage => ({ depth, width: widths[i]!, expansionRatio: RATIOS[i]!, kernel: KERNELS[i]!, stride: STRIDES[i]! }));
  return { family: 'efficientnet', stemWidth, stages, seRatio: 0.25, headWidth, numClasses: 1000, activation: 'silu', resolution: { train, test } };
}

/** torchvision's B0 stages (`_efficientnet_conf`): input width, output width, layers. */
const B0_WIDTHS = [16, 24, 40, 80, 112, 192, 320];
const B0_DEPTHS = [1, 2, 2, 3, 3, 4, 1];

/**
 * torchvision's `efficientnet_bN`: B0's stages through `MBConvConfig` with `width_mult` and `depth_mult`
 * (widths `_make_divisible(w * width_mult, 8)`, depths `ceil(d * depth_mult)`), stem 32 and head 4x the
 * last stage, scaled alike; BN epsilon 1e-3 from B5 up.
 */
function torchvisionB(widthMult: number, depthMult: number, crop: number, batchNormEps?: number): EfficientNetSpec {
  const width = (w: number): number => efficientNetChannels(w, widthMult);
  const last = width(B0_WIDTHS[B0_WIDTHS.length - 1]!);
  const spec = efficientNet(width(32), B0_DEPTHS.map((d) => efficientNetDepth(d, depthMult)), B0_WIDTHS.map(width), 4 * last, crop, crop);
  return { ...spec, implementation: 'torchvision', ...(batchNormEps === undefined ? {} : { batchNormEps }) };
}

/** One torchvision V2 stage: `FusedMBConvConfig` or `MBConvConfig(expand_ratio, kernel, stride, in, out, layers)`. */
const stage = (fused: boolean, expansionRatio: number, kernel: number, stride: number, width: number, depth: number): EfficientNetStage =>
  fused ? { depth, width, expansionRatio, kernel, stride, fused } : { depth, width, expansionRatio, kernel, stride };

/** torchvision's `efficientnet_v2_*`: stem width, stages, last channel 1280, BN epsilon 1e-3. */
function torchvisionV2(stemWidth: number, stages: EfficientNetStage[], crop: number): EfficientNetSpec {
  return {
    family: 'efficientnet',
    stemWidth,
    stages,
    seRatio: 0.25,
    headWidth: 1280,
    numClasses: 1000,
    activation: 'silu',
    resolution: { train: crop, test: crop },
    implementation: 'torchvision',
    batchNormEps: 1e-3,
  };
}

export const EFFICIENTNET_ZOO = {
  'EfficientNet-B0': efficientNet(32, [1, 2, 2, 3, 3, 4, 1], [16, 24, 40, 80, 112, 192, 320], 1280, 224, 256),
  'EfficientNet-B1': efficientNet(32, [2, 3, 3, 4, 4, 5, 2], [16, 24, 40, 80, 112, 192, 320], 1280, 240, 274),
  'EfficientNet-B2': efficientNet(32, [2, 3, 3, 4, 4, 5, 2], [16, 24, 48, 88, 120, 208, 352], 1408, 260, 298),
  'EfficientNet-B3': efficientNet(40, [2, 3, 3, 5, 5, 6, 2], [24, 32, 48, 96, 136, 232, 384], 1536, 300, 342),
  'EfficientNet-B4': efficientNet(48, [2, 4, 4, 6, 6, 8, 2], [24, 32, 56, 112, 160, 272, 448], 1792, 380, 434),
  'EfficientNet-B5': efficientNet(48, [3, 5, 5, 7, 7, 9, 3], [24, 40, 64, 128, 176, 304, 512], 2048, 456, 522),
  // torchvision's builders: width_mult, depth_mult, and the default weights' crop size.
  efficientnet_b0: torchvisionB(1.0, 1.0, 224),
  efficientnet_b1: torchvisionB(1.0, 1.1, 240),
  efficientnet_b2: torchvisionB(1.1, 1.2, 288),
  efficientnet_b3: torchvisionB(1.2, 1.4, 300),
  efficientnet_b4: torchvisionB(1.4, 1.8, 380),
  efficientnet_b5: torchvisionB(1.6, 2.2, 456, 1e-3),
  efficientnet_b6: torchvisionB(1.8, 2.6, 528, 1e-3),
  efficientnet_b7: torchvisionB(2.0, 3.1, 600, 1e-3),
  efficientnet_v2_s: torchvisionV2(
    24,
    [stage(true, 1, 3, 1, 24, 2), stage(true, 4, 3, 2, 48, 4), stage(true, 4, 3, 2, 64, 4), stage(false, 4, 3, 2, 128, 6), stage(false, 6, 3, 1, 160, 9), stage(false, 6, 3, 2, 256, 15)],
    384,
  ),
  efficientnet_v2_m: torchvisionV2(
    24,
    [
      stage(true, 1, 3, 1, 24, 3),
      stage(true, 4, 3, 2, 48, 5),
      stage(true, 4, 3, 2, 80, 5),
      stage(false, 4, 3, 2, 160, 7),
      stage(false, 6, 3, 1, 176, 14),
      stage(false, 6, 3, 2, 304, 18),
      stage(false, 6, 3, 1, 512, 5),
    ],
    480,
  ),
  efficientnet_v2_l: torchvisionV2(
    32,
    [
      stage(true, 1, 3, 1, 32, 4),
      stage(true, 4, 3, 2, 64, 7),
      stage(true, 4, 3, 2, 96, 7),
      stage(false, 4, 3, 2, 192, 10),
      stage(false, 6, 3, 1, 224, 19),
      stage(false, 6, 3, 2, 384, 25),
      stage(false, 6, 3, 1, 640, 7),
    ],
    480,
  ),
};
