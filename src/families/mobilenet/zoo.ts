/**
 * torchvision's MobileNets as specs: `mobilenet_v2` (`MobileNetV2`'s default `inverted_residual_setting`)
 * and `mobilenet_v3_large` / `mobilenet_v3_small` (`_mobilenet_v3_conf`), at width multiplier 1 and the
 * 224 px crop of their default weights. MobileNetV3's per-block table becomes stages by grouping
 * consecutive blocks that are identical but for the first one's input and stride.
 */
import type { MobileNetActivation, MobileNetStage, MobileNetV2Spec, MobileNetV3Spec } from './types.js';

/** The crop size of the default weights, for training and test. */
const resolution = () => ({ train: 224, test: 224 });

/** `MobileNetV2`'s stages, `[t, c, n, s]`. */
const V2_SETTING = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
] as const;

function mobileNetV2(): MobileNetV2Spec {
  return {
    family: 'mobilenet',
    version: 'v2',
    stemWidth: 32,
    stages: V2_SETTING.map(([t, c, n, s]): MobileNetStage => ({ depth: n, width: c, expansionRatio: t, kernel: 3, stride: s, squeezeExcite: false, activation: 'relu6' })),
    headWidth: 1280,
    numClasses: 1000,
    resolution: resolution(),
  };
}

/** A run of `depth` MobileNetV3 blocks: `[depth, kernel, expanded, out, use_se, "RE" | "HS", stride]`. */
type V3Row = readonly [depth: number, kernel: number, expanded: number, out: number, se: boolean, activation: 'RE' | 'HS', stride: number];

const ACTIVATIONS: Readonly<Record<'RE' | 'HS', MobileNetActivation>> = { RE: 'relu', HS: 'hardswish' };

/** `_mobilenet_v3_conf("mobilenet_v3_large")`'s 15 blocks, as runs. */
const V3_LARGE: readonly V3Row[] = [
  [1, 3, 16, 16, false, 'RE', 1],
  [1, 3, 64, 24, false, 'RE', 2],
  [1, 3, 72, 24, false, 'RE', 1],
  [1, 5, 72, 40, true, 'RE', 2],
  [2, 5, 120, 40, true, 'RE', 1],
  [1, 3, 240, 80, false, 'HS', 2],
  [1, 3, 200, 80, false, 'HS', 1],
  [2, 3, 184, 80, false, 'HS', 1],
  [1, 3, 480, 112, true, 'HS', 1],
  [1, 3, 672, 112, true, 'HS', 1],
  [1, 5, 672, 160, true, 'HS', 2],
  [2, 5, 960, 160, true, 'HS', 1],
];

/** `_mobilenet_v3_conf("mobilenet_v3_small")`'s 11 blocks, as runs. */
const V3_SMALL: readonly V3Row[] = [
  [1, 3, 16, 16, true, 'RE', 2],
  [1, 3, 72, 24, false, 'RE', 2],
  [1, 3, 88, 24, false, 'RE', 1],
  [1, 5, 96, 40, true, 'HS', 2],
  [2, 5, 240, 40, true, 'HS', 1],
  [1, 5, 120, 48, true, 'HS', 1],
  [1, 5, 144, 48, true, 'HS', 1],
  [1, 5, 288, 96, true, 'HS', 2],
  [2, 5, 576, 96, true, 'HS', 1],
];

function mobileNetV3(rows: readonly V3Row[], lastChannel: number): MobileNetV3Spec {
  return {
    family: 'mobilenet',
    version: 'v3',
    stemWidth: 16,
    stages: rows.map(([depth, kernel, expandedWidth, width, squeezeExcite, activation, stride]): MobileNetStage => ({
      depth,
      width,
      expandedWidth,
      kernel,
      stride,
      squeezeExcite,
      activation: ACTIVATIONS[activation],
    })),
    lastChannel,
    numClasses: 1000,
    resolution: resolution(),
  };
}

export const MOBILENET_ZOO = {
  mobilenet_v2: mobileNetV2(),
  mobilenet_v3_large: mobileNetV3(V3_LARGE, 1280),
  mobilenet_v3_small: mobileNetV3(V3_SMALL, 1024),
};
