/**
 * Model specifications: plain, immutable descriptions of the networks pycls builds. Field names are
 * idiomatic TypeScript; each type says which pycls config keys it stands for.
 */

/**
 * Stem of an AnyNet or RegNet (pycls `STEM_TYPE`): `simple_stem_in` is a stride-2 3x3 conv,
 * `res_stem_in` a stride-2 7x7 conv and a stride-2 3x3 max pool, `res_stem_cifar` a stride-1 3x3 conv.
 *
 * @example
 * ```ts
 * import type { StemType } from 'fastscale';
 * const stem: StemType = 'res_stem_in';
 * ```
 */
export type StemType = 'simple_stem_in' | 'res_stem_in' | 'res_stem_cifar';

/**
 * Block of an AnyNet or RegNet (pycls `BLOCK_TYPE`). Only the bottleneck blocks use a stage's
 * bottleneck multiplier, group width and squeeze-excite ratio.
 *
 * @example
 * ```ts
 * import type { BlockType } from 'fastscale';
 * const block: BlockType = 'res_bottleneck_block';
 * ```
 */
export type BlockType = 'res_bottleneck_block' | 'res_basic_block' | 'vanilla_block' | 'res_bottleneck_linear_block';

/**
 * Activation function (pycls `MODEL.ACTIVATION_FUN`; `swish` is read as `silu`).
 *
 * @example
 * ```ts
 * import type { Activation } from 'fastscale';
 * const activation: Activation = 'silu';
 * ```
 */
export type Activation = 'relu' | 'silu';

/**
 * Input image sizes in pixels (square images). Complexity is counted at the training size, as pycls does.
 *
 * @example
 * ```ts
 * import type { Resolution } from 'fastscale';
 * const resolution: Resolution = { train: 224, test: 256 };
 * ```
 */
export interface Resolution {
  /** `TRAIN.IM_SIZE`. */
  readonly train: number;
  /** `TEST.IM_SIZE`. */
  readonly test: number;
}

/**
 * A stem: its type and output width (`STEM_TYPE`, `STEM_W`).
 *
 * @example
 * ```ts
 * import type { Stem } from 'fastscale';
 * const stem: Stem = { type: 'simple_stem_in', width: 32 };
 * ```
 */
export interface Stem {
  /** Stem type (`STEM_TYPE`). */
  readonly type: StemType;
  /** Output width of the stem conv (`STEM_W`). */
  readonly width: number;
}

/**
 * One AnyNet stage: `depth` identical blocks of output width `width`; the first block has stride `stride`.
 *
 * @example
 * ```ts
 * import type { AnyNetStage } from 'fastscale';
 * const stage: AnyNetStage = { depth: 4, width: 104, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 };
 * ```
 */
export interface AnyNetStage {
  /** Number of blocks (`DEPTHS[i]`). */
  readonly depth: number;
  /** Output width of every block (`WIDTHS[i]`). */
  readonly width: number;
  /** Stride of the first block (`STRIDES[i]`). */
  readonly stride: number;
  /** Bottleneck width over output width (`BOT_MULS[i]`); used by bottleneck blocks only. */
  readonly bottleneckMultiplier: number;
  /** Channels per group of the 3x3 conv (`GROUP_WS[i]`); used by bottleneck blocks only. */
  readonly groupWidth: number;
}

/**
 * AnyNet (pycls `MODEL.TYPE: anynet`): a stem, a list of stages of one block type, and a head.
 *
 * @example
 * ```ts
 * import { complexity, type AnyNetSpec } from 'fastscale';
 * const spec: AnyNetSpec = {
 *   family: 'anynet',
 *   stem: { type: 'res_stem_cifar', width: 16 },
 *   blockType: 'res_basic_block',
 *   stages: [
 *     { depth: 9, width: 16, stride: 1, bottleneckMultiplier: 1, groupWidth: 1 },
 *     { depth: 9, width: 32, stride: 2, bottleneckMultiplier: 1, groupWidth: 1 },
 *     { depth: 9, width: 64, stride: 2, bottleneckMultiplier: 1, groupWidth: 1 },
 *   ],
 *   seRatio: null,
 *   headWidth: 0,
 *   numClasses: 10,
 *   activation: 'relu',
 *   resolution: { train: 32, test: 32 },
 * };
 * complexity(spec); // { flops: 125747850, params: 855770, acts: 544778 } (ResNet-56)
 * ```
 */
export interface AnyNetSpec {
  /** Discriminant: always `'anynet'`. */
  readonly family: 'anynet';
  /** The stem: type and output width (`STEM_TYPE`, `STEM_W`). */
  readonly stem: Stem;
  /** Block type of every stage (`BLOCK_TYPE`). */
  readonly blockType: BlockType;
  /** The stages, in order (`DEPTHS`, `WIDTHS`, `STRIDES`, `BOT_MULS`, `GROUP_WS`). */
  readonly stages: readonly AnyNetStage[];
  /** Squeeze-excite width over block input width (`SE_R` when `SE_ON`), or `null` for no squeeze-excite. */
  readonly seRatio: number | null;
  /** Width of the 1x1 conv before the classifier (`HEAD_W`); 0 omits that conv. */
  readonly headWidth: number;
  /** Outputs of the classifier (`MODEL.NUM_CLASSES`). */
  readonly numClasses: number;
  /** Activation function (`MODEL.ACTIVATION_FUN`). */
  readonly activation: Activation;
  /** Training and test image sizes; complexity is counted at the training size. */
  readonly resolution: Resolution;
}

/**
 * RegNet (pycls `MODEL.TYPE: regnet`): per-block widths `u_i = wa * i + w0` quantized on a log scale
 * of base `wm` (see {@link generateRegNet}), grouped into stages.
 *
 * @example
 * ```ts
 * import { complexity, type RegNetSpec } from 'fastscale';
 * const regNetY400MF: RegNetSpec = {
 *   family: 'regnet', wa: 27.89, w0: 48, wm: 2.09, depth: 16, groupWidth: 8, bottleneckMultiplier: 1,
 *   stride: 2, seRatio: 0.25, stem: { type: 'simple_stem_in', width: 32 }, blockType: 'res_bottleneck_block',
 *   headWidth: 0, numClasses: 1000, activation: 'relu', resolution: { train: 224, test: 256 },
 * };
 * complexity(regNetY400MF).flops; // 401849056
 * ```
 */
export interface RegNetSpec {
  /** Discriminant: always `'regnet'`. */
  readonly family: 'regnet';
  /** Slope of the per-block widths (`WA`), >= 0. */
  readonly wa: number;
  /** Initial width (`W0`), a positive multiple of 8. */
  readonly w0: number;
  /** Width multiplier between stages (`WM`), > 1. */
  readonly wm: number;
  /** Total number of blocks (`DEPTH`). */
  readonly depth: number;
  /** `GROUP_W`. */
  readonly groupWidth: number;
  /** `BOT_MUL`. */
  readonly bottleneckMultiplier: number;
  /** Stride of every stage's first block (`STRIDE`). */
  readonly stride: number;
  /** `SE_R` when `SE_ON`, else `null`. */
  readonly seRatio: number | null;
  /** The stem: type and output width (`STEM_TYPE`, `STEM_W`). */
  readonly stem: Stem;
  /** Block type of every stage (`BLOCK_TYPE`). */
  readonly blockType: BlockType;
  /** Width of the 1x1 conv before the classifier (`HEAD_W`); 0 omits that conv. */
  readonly headWidth: number;
  /** Outputs of the classifier (`MODEL.NUM_CLASSES`). */
  readonly numClasses: number;
  /** Activation function (`MODEL.ACTIVATION_FUN`). */
  readonly activation: Activation;
  /** Training and test image sizes; complexity is counted at the training size. */
  readonly resolution: Resolution;
}

/**
 * ResNet/ResNeXt in pycls's `resnet` form (`MODEL.TYPE: resnet`). On ImageNet: depth 50, 101 or 152 with
 * the bottleneck transformation, `groups` x `widthPerGroup` channels in the first stage's bottleneck.
 * On CIFAR: depth `6n + 2` with the basic transformation (widths 16, 32, 64).
 *
 * @example
 * ```ts
 * import { complexity, type ResNetSpec } from 'fastscale';
 * const resNeXt50: ResNetSpec = {
 *   family: 'resnet', dataset: 'imagenet', depth: 50, transformation: 'bottleneck_transform', groups: 32,
 *   widthPerGroup: 4, strideOn1x1: false, numClasses: 1000, activation: 'relu',
 *   resolution: { train: 224, test: 256 },
 * };
 * complexity(resNeXt50).params; // 25028904
 * ```
 */
export interface ResNetSpec {
  /** Discriminant: always `'resnet'`. */
  readonly family: 'resnet';
  /** Which of pycls's two ResNet layouts (from `TRAIN.DATASET`). */
  readonly dataset: 'imagenet' | 'cifar';
  /** `MODEL.DEPTH`: 50, 101 or 152 on ImageNet; 6n + 2 on CIFAR. */
  readonly depth: number;
  /** `RESNET.TRANS_FUN`: `bottleneck_transform` on ImageNet, `basic_transform` on CIFAR. */
  readonly transformation: 'basic_transform' | 'bottleneck_transform';
  /** `RESNET.NUM_GROUPS` (1 for ResNet, 32 for ResNeXt-32x4d). */
  readonly groups: number;
  /** `RESNET.WIDTH_PER_GROUP` (64 for ResNet, 4 for ResNeXt-32x4d). */
  readonly widthPerGroup: number;
  /** `RESNET.STRIDE_1X1`: stride on the first 1x1 conv (MSRA) rather than on the 3x3 conv. */
  readonly strideOn1x1: boolean;
  /** Outputs of the classifier (`MODEL.NUM_CLASSES`). */
  readonly numClasses: number;
  /** Activation function (`MODEL.ACTIVATION_FUN`). */
  readonly activation: Activation;
  /** Training and test image sizes; complexity is counted at the training size. */
  readonly resolution: Resolution;
}

/**
 * One EfficientNet stage of MBConv blocks.
 *
 * @example
 * ```ts
 * import type { EfficientNetStage } from 'fastscale';
 * const stage: EfficientNetStage = { depth: 2, width: 24, expansionRatio: 6, kernel: 3, stride: 2 };
 * ```
 */
export interface EfficientNetStage {
  /** `DEPTHS[i]`. */
  readonly depth: number;
  /** Output width (`WIDTHS[i]`). */
  readonly width: number;
  /** Expanded width over block input width (`EXP_RATIOS[i]`). */
  readonly expansionRatio: number;
  /** Depthwise conv kernel size, odd (`KERNELS[i]`). */
  readonly kernel: number;
  /** Stride of the first block (`STRIDES[i]`). */
  readonly stride: number;
}

/**
 * EfficientNet (pycls `MODEL.TYPE: effnet`): stem, MBConv stages with squeeze-excite, head conv, classifier.
 *
 * @example
 * ```ts
 * import { complexity, zooModel } from 'fastscale';
 * const b0 = zooModel('EfficientNet-B0'); // an EfficientNetSpec
 * complexity(b0).acts; // 6748036
 * ```
 */
export interface EfficientNetSpec {
  /** Discriminant: always `'efficientnet'`. */
  readonly family: 'efficientnet';
  /** `STEM_W`. */
  readonly stemWidth: number;
  /** The MBConv stages, in order (`DEPTHS`, `WIDTHS`, `EXP_RATIOS`, `KERNELS`, `STRIDES`). */
  readonly stages: readonly EfficientNetStage[];
  /** Squeeze-excite width over block *input* width (`SE_R`), > 0. */
  readonly seRatio: number;
  /** `HEAD_W`. */
  readonly headWidth: number;
  /** Outputs of the classifier (`MODEL.NUM_CLASSES`). */
  readonly numClasses: number;
  /** Activation function (`MODEL.ACTIVATION_FUN`). */
  readonly activation: Activation;
  /** Training and test image sizes; complexity is counted at the training size. */
  readonly resolution: Resolution;
}

/**
 * Any supported model specification, discriminated by `family`.
 *
 * @example
 * ```ts
 * import { zooModel, type ModelSpec } from 'fastscale';
 * const spec: ModelSpec = zooModel('ResNeXt-50');
 * if (spec.family === 'anynet') console.log(spec.stages.length); // 4
 * ```
 */
export type ModelSpec = AnyNetSpec | RegNetSpec | ResNetSpec | EfficientNetSpec;

/**
 * The `family` tags of {@link ModelSpec}.
 *
 * @example
 * ```ts
 * import type { ModelFamily } from 'fastscale';
 * const family: ModelFamily = 'regnet';
 * ```
 */
export type ModelFamily = ModelSpec['family'];

/**
 * The three complexity metrics pycls counts, as exact integers.
 *
 * @example
 * ```ts
 * import { complexity, zooModel, type Complexity } from 'fastscale';
 * const cx: Complexity = complexity(zooModel('RegNetX-200MF'));
 * ```
 */
export interface Complexity {
  /** Multiply-adds. */
  readonly flops: number;
  /** Weights, biases and norm scales and shifts. */
  readonly params: number;
  /** Elements in the outputs of conv, linear and pooling layers. */
  readonly acts: number;
}

/**
 * The name of one complexity metric.
 *
 * @example
 * ```ts
 * import type { Metric } from 'fastscale';
 * const metric: Metric = 'acts';
 * ```
 */
export type Metric = keyof Complexity;
