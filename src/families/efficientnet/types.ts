import type { Resolution } from '../../spec/common.js';
import type { Activation, Implementation } from '../anynet/types.js';

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
  /** Whose modules this describes; default `'pycls'`. `'torchvision'`: `torchvision.models.EfficientNet`. */
  readonly implementation?: Implementation;
}
