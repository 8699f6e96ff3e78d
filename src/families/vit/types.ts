import type { Resolution } from '../../spec/common.js';
import type { Implementation } from '../anynet/types.js';

/**
 * One conv of a vision transformer's convolutional stem (pycls `C_STEM_KERNELS[i]`, `C_STEM_STRIDES[i]`,
 * `C_STEM_DIMS[i]`). Every conv but the last is followed by batch norm and ReLU; the last one has a bias
 * and no norm, and its width is the transformer's hidden width.
 *
 * @example
 * ```ts
 * import type { VitConvStemLayer } from 'fastscale';
 * const layer: VitConvStemLayer = { kernel: 3, stride: 2, width: 48 };
 * ```
 */
export interface VitConvStemLayer {
  /** Kernel side, odd (padding (kernel - 1) / 2). pycls builds every conv but the last as 3x3. */
  readonly kernel: number;
  /** Stride; the strides of the stem multiply to the patch size. */
  readonly stride: number;
  /** Output channels. */
  readonly width: number;
}

/**
 * How a vision transformer turns the image into tokens: `patchify`, one `patchSize` x `patchSize` conv of
 * stride `patchSize` ("An Image is Worth 16x16 Words"), or `conv`, a stack of convs whose strides
 * multiply to `patchSize` ("Early Convolutions Help Transformers See Better"). pycls `VIT.STEM_TYPE`.
 *
 * @example
 * ```ts
 * import type { VitStem } from 'fastscale';
 * const patchify: VitStem = { type: 'patchify' };
 * const conv: VitStem = {
 *   type: 'conv',
 *   convs: [
 *     { kernel: 3, stride: 2, width: 24 },
 *     { kernel: 3, stride: 2, width: 48 },
 *     { kernel: 3, stride: 2, width: 96 },
 *     { kernel: 3, stride: 2, width: 192 },
 *     { kernel: 1, stride: 1, width: 192 },
 *   ],
 * };
 * ```
 */
export type VitStem =
  | {
      /** One conv of kernel and stride `patchSize` (with a bias). */
      readonly type: 'patchify';
    }
  | {
      /** Convs with batch norm and ReLU, then a last conv with a bias to the hidden width. */
      readonly type: 'conv';
      /** The convs in order (`C_STEM_KERNELS`, `C_STEM_STRIDES`, `C_STEM_DIMS`); the last one's width is `hiddenWidth`. */
      readonly convs: readonly VitConvStemLayer[];
    };

/**
 * The classifier's input (pycls `VIT.CLASSIFIER_TYPE`): `token`, a learned class token prepended to the
 * sequence and read out after the encoder, or `pooled`, the mean of all tokens.
 *
 * @example
 * ```ts
 * import type { VitClassifier } from 'fastscale';
 * const classifier: VitClassifier = 'token';
 * ```
 */
export type VitClassifier = 'token' | 'pooled';

/**
 * A vision transformer (pycls `MODEL.TYPE: vit`, torchvision's `VisionTransformer`): a stem that cuts the
 * image into `(image / patchSize)^2` tokens of width `hiddenWidth`, an optional class token, a learned
 * position embedding, `layers` pre-norm encoder blocks (layer norm, `heads`-head self-attention, layer
 * norm, MLP of width `mlpWidth` with GELU), a final layer norm and a linear classifier. The image size
 * is `resolution.train`, a multiple of `patchSize`.
 *
 * @example
 * ```ts
 * import { complexity, type VitSpec } from 'fastscale';
 * const vitB16: VitSpec = {
 *   family: 'vit',
 *   patchSize: 16,
 *   stem: { type: 'patchify' },
 *   layers: 12,
 *   heads: 12,
 *   hiddenWidth: 768,
 *   mlpWidth: 3072,
 *   classifier: 'token',
 *   numClasses: 1000,
 *   resolution: { train: 224, test: 224 },
 * };
 * complexity(vitB16); // { flops: 17580319720, params: 86567656, acts: 23895544 }
 * ```
 */
export interface VitSpec {
  /** Discriminant: always `'vit'`. */
  readonly family: 'vit';
  /** Side of the square patch each token stands for (`VIT.PATCH_SIZE`); a conv stem's strides multiply to it. */
  readonly patchSize: number;
  /** The stem (`VIT.STEM_TYPE`, and `C_STEM_KERNELS`, `C_STEM_STRIDES`, `C_STEM_DIMS` for a conv stem). */
  readonly stem: VitStem;
  /** Encoder blocks (`VIT.NUM_LAYERS`). */
  readonly layers: number;
  /** Attention heads (`VIT.NUM_HEADS`); they divide `hiddenWidth` (head width = hiddenWidth / heads). */
  readonly heads: number;
  /** Token width (`VIT.HIDDEN_DIM`). */
  readonly hiddenWidth: number;
  /** Hidden width of each block's MLP (`VIT.MLP_DIM`). */
  readonly mlpWidth: number;
  /** Class token or mean of the tokens (`VIT.CLASSIFIER_TYPE`). */
  readonly classifier: VitClassifier;
  /** Outputs of the classifier (`MODEL.NUM_CLASSES`). */
  readonly numClasses: number;
  /** Training and test image sizes; complexity is counted at the training size, a multiple of `patchSize`. */
  readonly resolution: Resolution;
  /**
   * Whose modules this describes; default `'pycls'` (`stem.patchify`, `encoder.block_0.self_attention.block`,
   * layer norm epsilon 1e-5). `'torchvision'`: `torchvision.models.VisionTransformer` (`conv_proj`,
   * `encoder.layers.encoder_layer_0.self_attention`, epsilon 1e-6). The counts are the same.
   */
  readonly implementation?: Implementation;
}
