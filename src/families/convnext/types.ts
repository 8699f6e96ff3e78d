import type { Resolution } from '../../spec/common.js';

/**
 * One ConvNeXt stage: `depth` CNBlocks of `width` channels (torchvision's `CNBlockConfig`). Every stage
 * after the first opens with a downsampling layer from the previous stage's width.
 *
 * @example
 * ```ts
 * import type { ConvNeXtStage } from 'fastscale';
 * const stage: ConvNeXtStage = { depth: 3, width: 96 };
 * ```
 */
export interface ConvNeXtStage {
  /** CNBlocks in the stage (`num_layers`). */
  readonly depth: number;
  /** Channels of every block in the stage (`input_channels`). */
  readonly width: number;
}

/**
 * ConvNeXt (Liu et al. 2022) as torchvision builds it (`torchvision.models.ConvNeXt`), with torchvision's
 * module names (`features.1.0.block.3`): a 4x4 stride-4 patchify stem with LayerNorm, stages of CNBlocks
 * (7x7 depthwise conv, LayerNorm, per-pixel linear to 4x the width, GELU, linear back, layer scale,
 * residual), a LayerNorm + 2x2 stride-2 conv before every stage but the first, and a head of global
 * average pool, LayerNorm and linear classifier. The image side must be at least 4 * 2^(stages - 1).
 *
 * @example
 * ```ts
 * import { complexity, type ConvNeXtSpec } from 'fastscale';
 * const tiny: ConvNeXtSpec = {
 *   family: 'convnext',
 *   stages: [
 *     { depth: 3, width: 96 },
 *     { depth: 3, width: 192 },
 *     { depth: 9, width: 384 },
 *     { depth: 3, width: 768 },
 *   ],
 *   numClasses: 1000,
 *   resolution: { train: 224, test: 224 },
 * };
 * complexity(tiny); // { flops: 4468966888, params: 28589128, acts: 13435624 } (torchvision's convnext_tiny)
 * ```
 */
export interface ConvNeXtSpec {
  /** Discriminant: always `'convnext'`. */
  readonly family: 'convnext';
  /** The stages, in order; the stem's width is the first stage's. */
  readonly stages: readonly ConvNeXtStage[];
  /** Outputs of the classifier. */
  readonly numClasses: number;
  /** Training and test image sizes; complexity is counted at the training size. */
  readonly resolution: Resolution;
}
