import type { Resolution } from '../../spec/common.js';
import type { Activation, BlockType, Implementation, Stem } from '../anynet/types.js';

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
  /**
   * Whose RegNet this is; default `'pycls'`. torchvision's (`torchvision.models.RegNet`) generates its
   * stages with other rounding (`BlockParams.from_init_params`: float32 widths, `_make_divisible` rounding
   * half up in the group-width compatibility: `regnet_x_400mf` has a 400-wide last stage where pycls's
   * RegNetX-400MF has 384) and names its modules `trunk_output.block1.block1-0...`. It needs the simple
   * stem, bottleneck blocks and no head conv, and has no pycls config of its own (`toPyclsConfig(toAnyNet(spec))`
   * writes the same network).
   */
  readonly implementation?: Implementation;
}
