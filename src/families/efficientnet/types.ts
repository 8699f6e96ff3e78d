import type { Resolution } from '../../spec/common.js';
import type { Activation, Implementation } from '../anynet/types.js';

/**
 * One EfficientNet stage of MBConv blocks, or of fused-MBConv blocks (EfficientNetV2).
 *
 * @example
 * ```ts
 * import type { EfficientNetStage } from 'fastscale';
 * const stage: EfficientNetStage = { depth: 2, width: 24, expansionRatio: 6, kernel: 3, stride: 2 };
 * const fused: EfficientNetStage = { depth: 4, width: 48, expansionRatio: 4, kernel: 3, stride: 2, fused: true };
 * ```
 */
export interface EfficientNetStage {
  /** `DEPTHS[i]`. */
  readonly depth: number;
  /** Output width (`WIDTHS[i]`). */
  readonly width: number;
  /** Expanded width over block input width (`EXP_RATIOS[i]`). */
  readonly expansionRatio: number;
  /** Kernel size, odd (`KERNELS[i]`): of the depthwise conv, or of a fused block's full conv. */
  readonly kernel: number;
  /** Stride of the first block (`STRIDES[i]`). */
  readonly stride: number;
  /**
   * Fused-MBConv blocks (EfficientNetV2, torchvision's `FusedMBConv`): a k x k conv to the expanded width
   * (with the stride) and a 1x1 projection, or one k x k conv to the output width where the expansion
   * ratio keeps the input width; no squeeze-excite. Absent means `false` (MBConv). pycls has no such
   * block: `toPyclsConfig` refuses a fused stage.
   */
  readonly fused?: boolean;
}

/**
 * EfficientNet (pycls `MODEL.TYPE: effnet`; torchvision's EfficientNet V1 and V2): stem, MBConv stages
 * with squeeze-excite (or fused-MBConv stages), head conv, classifier.
 *
 * @example
 * ```ts
 * import { complexity, zooModel } from 'fastscale';
 * const b0 = zooModel('EfficientNet-B0'); // an EfficientNetSpec
 * complexity(b0).acts; // 6748036
 * const v2 = zooModel('efficientnet_v2_s'); // torchvision's, with fused stages
 * v2.stages[0]; // { depth: 2, width: 24, expansionRatio: 1, kernel: 3, stride: 1, fused: true }
 * ```
 */
export interface EfficientNetSpec {
  /** Discriminant: always `'efficientnet'`. */
  readonly family: 'efficientnet';
  /** `STEM_W`. */
  readonly stemWidth: number;
  /** The MBConv stages, in order (`DEPTHS`, `WIDTHS`, `EXP_RATIOS`, `KERNELS`, `STRIDES`). */
  readonly stages: readonly EfficientNetStage[];
  /** Squeeze-excite width over block *input* width (`SE_R`), > 0 (MBConv blocks only). */
  readonly seRatio: number;
  /** `HEAD_W`. */
  readonly headWidth: number;
  /** Outputs of the classifier (`MODEL.NUM_CLASSES`). */
  readonly numClasses: number;
  /** Activation function (`MODEL.ACTIVATION_FUN`). */
  readonly activation: Activation;
  /** Training and test image sizes; complexity is counted at the training size. */
  readonly resolution: Resolution;
  /**
   * Whose network this describes; default `'pycls'` (pycls's `effnet.py` module names; expanded width
   * `int(w_in * ratio)`). `'torchvision'`: `torchvision.models.EfficientNet`'s module names
   * (`features.1.0.block.0.0`) and rounding (expanded width `_make_divisible(w_in * ratio, 8)`).
   */
  readonly implementation?: Implementation;
  /**
   * Epsilon of every batch norm; default 1e-5 (pycls's `BN.EPS`, torchvision's default). torchvision's
   * `efficientnet_b5`..`b7` and `efficientnet_v2_*` use 1e-3. It changes no count; `toTorchvision` and
   * `toOnnx` build with it (a pycls config keeps pycls's global `BN.EPS`).
   */
  readonly batchNormEps?: number;
}
