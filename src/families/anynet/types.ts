import type { Resolution } from '../../spec/common.js';

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
 * Activation function of the pycls families (pycls `MODEL.ACTIVATION_FUN`; `swish` is read as `silu`).
 *
 * @example
 * ```ts
 * import type { Activation } from 'fastscale';
 * const activation: Activation = 'silu';
 * ```
 */
export type Activation = 'relu' | 'silu';

/**
 * Whose modules a spec describes: pycls's (module paths `s1.b1.f.a`, pycls's rounding), or torchvision's
 * (`layer1.0.conv1`, `trunk_output.block1.block1-0.f.a.0`, `features.1.0.block.0.0`, torchvision's
 * rounding where it differs). The network's structure and complexity are the same either way; the
 * module names of {@link layers} and of the exported PyTorch code follow it.
 *
 * @example
 * ```ts
 * import type { Implementation } from 'fastscale';
 * const implementation: Implementation = 'torchvision';
 * ```
 */
export type Implementation = 'pycls' | 'torchvision';

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
 * Bottleneck blocks need `bottleneckMultiplier` and `groupWidth`; other blocks do not use them and may
 * leave them out.
 *
 * @example
 * ```ts
 * import type { AnyNetStage } from 'fastscale';
 * const bottleneck: AnyNetStage = { depth: 4, width: 104, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 };
 * const basic: AnyNetStage = { depth: 9, width: 16, stride: 1 };
 * ```
 */
export interface AnyNetStage {
  /** Number of blocks (`DEPTHS[i]`). */
  readonly depth: number;
  /** Output width of every block (`WIDTHS[i]`). */
  readonly width: number;
  /** Stride of the first block (`STRIDES[i]`). */
  readonly stride: number;
  /** Bottleneck width over output width (`BOT_MULS[i]`): below 1, or an integer; bottleneck blocks only. */
  readonly bottleneckMultiplier?: number;
  /** Channels per group of the 3x3 conv (`GROUP_WS[i]`); bottleneck blocks only. */
  readonly groupWidth?: number;
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
 *     { depth: 9, width: 16, stride: 1 },
 *     { depth: 9, width: 32, stride: 2 },
 *     { depth: 9, width: 64, stride: 2 },
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
  /**
   * Whose modules this describes; default `'pycls'`. `'torchvision'`: torchvision's `ResNet` on the ResNet
   * stem (`conv1`, `layer1.0.conv1`, `layer1.0.downsample.0`, ..., `fc`; basic or bottleneck blocks, no
   * squeeze-excite, ReLU) or its `RegNet` on the simple stem (`stem.0`,
   * `trunk_output.block1.block1-0.f.a.0`, ..., `fc`; bottleneck blocks); no head conv. Scaling keeps it
   * (pycls's rounding rules). pycls's configs have no such key: `toPyclsConfig` writes the same network,
   * which pycls names its own way.
   */
  readonly implementation?: Implementation;
}
