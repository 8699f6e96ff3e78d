/** pycls ResNet specs at the boundary. */
import { SpecError } from '../../errors.js';
import { boolean, integerInRange, oneOf } from '../../internal/check.js';
import { fieldsOf } from '../../internal/read.js';
import { LIMITS } from '../../limits.js';
import { readNumClasses, readResolution, readWidth } from '../../spec/common.js';
import { ACTIVATIONS } from '../anynet/schema.js';
import type { ResNetSpec } from './types.js';

/** Stage depths of the ImageNet ResNets, by total depth. */
export const IMAGENET_STAGE_DEPTHS: Readonly<Record<number, readonly [number, number, number, number]>> = {
  50: [3, 4, 6, 3],
  101: [3, 4, 23, 3],
  152: [3, 8, 36, 3],
};

const FIELDS = ['family', 'dataset', 'depth', 'transformation', 'groups', 'widthPerGroup', 'strideOn1x1', 'numClasses', 'activation', 'resolution'];

/** Reads a pycls ResNet spec. */
export function parseResNet(value: object): ResNetSpec {
  const spec = fieldsOf(value, FIELDS, '', 'a resnet spec', SpecError);
  const dataset = oneOf(spec.dataset, ['imagenet', 'cifar'] as const, 'dataset', SpecError);
  // 6n + 2 blocks of 2 layers: n stage blocks at most the block limit over 3 stages.
  const depth = integerInRange(spec.depth, 1, 6 * Math.floor(LIMITS.maxBlocks / 3) + 2, 'depth', SpecError);
  const transformation = oneOf(spec.transformation, ['basic_transform', 'bottleneck_transform'] as const, 'transformation', SpecError);
  if (dataset === 'cifar') {
    if (depth < 8 || (depth - 2) % 6 !== 0) throw new SpecError('depth', `${depth} is not of the form 6n + 2 with n >= 1 (CIFAR ResNet)`);
    if (transformation !== 'basic_transform') {
      throw new SpecError('transformation', `'${transformation}' is not supported on CIFAR (pycls builds basic_transform only)`);
    }
  } else {
    if (IMAGENET_STAGE_DEPTHS[depth] === undefined) throw new SpecError('depth', `${depth} is not an ImageNet ResNet depth (50, 101 or 152)`);
    if (transformation !== 'bottleneck_transform') {
      throw new SpecError('transformation', `'${transformation}' is not supported on ImageNet (pycls builds bottleneck_transform only)`);
    }
  }
  const groups = readWidth(spec.groups, 'groups');
  const widthPerGroup = readWidth(spec.widthPerGroup, 'widthPerGroup');
  // The last stage's bottleneck is 8 x groups x widthPerGroup wide.
  if (8 * groups * widthPerGroup > LIMITS.maxWidth) {
    throw new SpecError('widthPerGroup', `${widthPerGroup} x ${groups} groups makes the last bottleneck wider than the limit of ${LIMITS.maxWidth}`);
  }
  return {
    family: 'resnet',
    dataset,
    depth,
    transformation,
    groups,
    widthPerGroup,
    strideOn1x1: boolean(spec.strideOn1x1, 'strideOn1x1', SpecError),
    numClasses: readNumClasses(spec.numClasses),
    activation: oneOf(spec.activation, ACTIVATIONS, 'activation', SpecError),
    resolution: readResolution(spec.resolution),
  };
}
