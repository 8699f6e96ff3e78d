import type { Resolution } from '../../spec/common.js';
import type { Activation } from '../anynet/types.js';

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
