import type { Resolution } from '../../spec/common.js';

/**
 * One MNASNet stage (torchvision's `_stack`): `depth` inverted residual blocks of output width `width`;
 * the first takes the stage's stride and the previous width, the others stride 1. Each block: 1x1
 * expansion to `input * expansionRatio` + BN + ReLU, k x k depthwise conv + BN + ReLU, 1x1 projection +
 * BN; a residual where the block keeps width and resolution.
 *
 * @example
 * ```ts
 * import type { MnasNetStage } from 'fastscale';
 * // torchvision's _stack(depths[2], depths[3], 5, 2, 3, 3, ...) at alpha 1.0:
 * const stage: MnasNetStage = { depth: 3, width: 40, expansionRatio: 3, kernel: 5, stride: 2 };
 * ```
 */
export interface MnasNetStage {
  /** Number of blocks (`repeats`). */
  readonly depth: number;
  /** Output width of every block. */
  readonly width: number;
  /** Expanded width over the block's input width, an integer (`exp_factor`). */
  readonly expansionRatio: number;
  /** Depthwise conv kernel size, odd (padding k // 2). */
  readonly kernel: number;
  /** Stride of the first block's depthwise conv. */
  readonly stride: number;
}

/**
 * torchvision's `MNASNet` (the B1 variant, version 2): a stride-2 3x3 conv to `stemWidth`, a depthwise
 * separable conv to `separableWidth` (no residual), stages of inverted residual blocks, a 1x1 conv to
 * `headWidth` + BN + ReLU, global average pool and a linear classifier. Modules `layers.0` ... and
 * `classifier.1`; batch norms with epsilon 1e-5. torchvision's `alpha` sets the stem, separable and stage
 * widths (`_round_to_multiple_of(width * alpha, 8)`), never the head's 1280.
 *
 * @example
 * ```ts
 * import { complexity, zooModel, type MnasNetSpec } from 'fastscale';
 * const spec: MnasNetSpec = zooModel('mnasnet1_0');
 * complexity(spec); // { flops: 314416872, params: 4383312, acts: 5457640 }
 * ```
 */
export interface MnasNetSpec {
  /** Discriminant: always `'mnasnet'`. */
  readonly family: 'mnasnet';
  /** Output width of the first conv (`depths[0]`, 32 at alpha 1). */
  readonly stemWidth: number;
  /** Output width of the stem's depthwise separable conv (`depths[1]`, 16 at alpha 1). */
  readonly separableWidth: number;
  /** The stages of inverted residual blocks, in order (`layers.8` ...). */
  readonly stages: readonly MnasNetStage[];
  /** Output width of the last 1x1 conv (1280 in torchvision). */
  readonly headWidth: number;
  /** Outputs of the classifier. */
  readonly numClasses: number;
  /** Training and test image sizes; complexity is counted at the training size. */
  readonly resolution: Resolution;
}
