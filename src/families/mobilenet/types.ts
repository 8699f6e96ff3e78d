import type { Resolution } from '../../spec/common.js';

/**
 * Activation of a MobileNet block: MobileNetV2's `relu6`, MobileNetV3's `relu` (`"RE"`) and `hardswish`
 * (`"HS"`).
 *
 * @example
 * ```ts
 * import type { MobileNetActivation } from 'fastscale';
 * const activation: MobileNetActivation = 'hardswish';
 * ```
 */
export type MobileNetActivation = 'relu' | 'relu6' | 'hardswish';

/**
 * One stage of MobileNet inverted residual blocks (torchvision's `InvertedResidual`): `depth` blocks of
 * output width `width`; the first takes the stage's stride and the previous width, the others stride 1.
 * Each block: a 1x1 expansion to the expanded width (left out where nothing expands), a k x k depthwise
 * conv, an optional squeeze-excite, a 1x1 projection; a residual where the block keeps width and
 * resolution. The expanded width is given by exactly one of `expansionRatio` (MobileNetV2's `t`: the
 * block input width times it, rounded half to even) and `expandedWidth` (MobileNetV3's
 * `expanded_channels`, the same for every block of the stage).
 *
 * @example
 * ```ts
 * import type { MobileNetStage } from 'fastscale';
 * // MobileNetV2's [t, c, n, s] = [6, 24, 2, 2]:
 * const v2: MobileNetStage = { depth: 2, width: 24, expansionRatio: 6, kernel: 3, stride: 2, squeezeExcite: false, activation: 'relu6' };
 * // MobileNetV3-Large's 4th block, bneck_conf(24, 5, 72, 40, True, "RE", 2, 1):
 * const v3: MobileNetStage = { depth: 1, width: 40, expandedWidth: 72, kernel: 5, stride: 2, squeezeExcite: true, activation: 'relu' };
 * ```
 */
export interface MobileNetStage {
  /** Number of blocks. */
  readonly depth: number;
  /** Output width of every block. */
  readonly width: number;
  /** Expanded width over the block's input width, `int(round(input * ratio))`; or give `expandedWidth`. */
  readonly expansionRatio?: number;
  /** Expanded width of every block of the stage; or give `expansionRatio`. */
  readonly expandedWidth?: number;
  /** Depthwise conv kernel size, odd (padding (k - 1) / 2). */
  readonly kernel: number;
  /** Stride of the first block's depthwise conv. */
  readonly stride: number;
  /**
   * Squeeze-excite after the depthwise conv (MobileNetV3 only): `_make_divisible(expanded // 4, 8)`
   * channels, ReLU inside, hard-sigmoid gate.
   */
  readonly squeezeExcite: boolean;
  /** Activation after the expansion and the depthwise conv. */
  readonly activation: MobileNetActivation;
}

/** Fields of both MobileNet versions. */
interface MobileNetFields {
  /** Discriminant: always `'mobilenet'`. */
  readonly family: 'mobilenet';
  /** Output width of the stem's stride-2 3x3 conv (`features.0`). */
  readonly stemWidth: number;
  /** The stages of inverted residual blocks, in order (`features.1` ...). */
  readonly stages: readonly MobileNetStage[];
  /** Outputs of the classifier. */
  readonly numClasses: number;
  /** Training and test image sizes; complexity is counted at the training size. */
  readonly resolution: Resolution;
}

/**
 * torchvision's `MobileNetV2`: stem conv + BN + ReLU6, inverted residual blocks (`features.k.conv`), a
 * 1x1 conv to `headWidth` + BN + ReLU6, global average pool, one linear classifier (`classifier.1`).
 * Batch norms have epsilon 1e-5. Its blocks have no squeeze-excite; a block expands wherever its
 * expansion ratio is not 1.
 *
 * @example
 * ```ts
 * import { complexity, zooModel, type MobileNetV2Spec } from 'fastscale';
 * const v2 = zooModel('mobilenet_v2') as MobileNetV2Spec;
 * complexity(v2); // { flops: 300775272, params: 3504872, acts: 6679112 }
 * ```
 */
export interface MobileNetV2Spec extends MobileNetFields {
  /** Module layout: torchvision's `MobileNetV2`. */
  readonly version: 'v2';
  /** Output width of the last 1x1 conv (torchvision's `last_channel`, 1280). */
  readonly headWidth: number;
}

/**
 * torchvision's `MobileNetV3`: stem conv + BN + hardswish, inverted residual blocks (`features.k.block`),
 * a 1x1 conv to 6 x the last stage's width + BN + hardswish, global average pool, and a classifier of two
 * linears (`classifier.0` to `lastChannel`, hardswish, dropout, `classifier.3`). Batch norms have epsilon
 * 1e-3. A block expands wherever its expanded width differs from its input width.
 *
 * @example
 * ```ts
 * import { complexity, zooModel, type MobileNetV3Spec } from 'fastscale';
 * const large = zooModel('mobilenet_v3_large') as MobileNetV3Spec;
 * complexity(large); // { flops: 216597120, params: 5483032, acts: 4407168 }
 * ```
 */
export interface MobileNetV3Spec extends MobileNetFields {
  /** Module layout: torchvision's `MobileNetV3`. */
  readonly version: 'v3';
  /** Hidden width of the classifier (torchvision's `last_channel`: 1280 for Large, 1024 for Small). */
  readonly lastChannel: number;
}

/**
 * A MobileNet (torchvision's `MobileNetV2` or `MobileNetV3`, by `version`): explicit stages of inverted
 * residual blocks with their widths, expansions, kernels, strides, squeeze-excite and activations.
 *
 * @example
 * ```ts
 * import { complexity, fastScale, zooModel, type MobileNetSpec } from 'fastscale';
 * const spec: MobileNetSpec = fastScale(zooModel('mobilenet_v3_large'), 4);
 * complexity(spec).flops; // about 4x mobilenet_v3_large's 216597120
 * ```
 */
export type MobileNetSpec = MobileNetV2Spec | MobileNetV3Spec;
