/** pycls's ResNet (`resnet.py`), in forward order with pycls's module names. */
import type { Net } from '../../network/net.js';
import { basicTransform, beginResidualBlock, bottleneckTransform, endResidualBlock, pyclsHead, pyclsStem } from '../blocks/pycls.js';
import { IMAGENET_STAGE_DEPTHS } from './schema.js';
import type { ResNetSpec } from './types.js';

/** One stage's widths: block output and bottleneck (0 for the basic transform). */
interface ResStage {
  readonly width: number;
  readonly bottleneckWidth: number;
  readonly stride: number;
}

/** CIFAR: 3 stages of (depth - 2) / 6 basic blocks; ImageNet: 4 bottleneck stages. */
export function describeResNet(net: Net, spec: ResNetSpec): void {
  const cifar = spec.dataset === 'cifar';
  pyclsStem(net, cifar ? 'res_stem_cifar' : 'res_stem_in', cifar ? 16 : 64, spec.activation);
  const bottleneck = spec.groups * spec.widthPerGroup;
  const depths = cifar ? [1, 2, 3].map(() => (spec.depth - 2) / 6) : IMAGENET_STAGE_DEPTHS[spec.depth]!;
  for (let i = 0; i < depths.length; i++) {
    const stage: ResStage = cifar
      ? { width: 16 * 2 ** i, bottleneckWidth: 0, stride: i === 0 ? 1 : 2 }
      : { width: 256 * 2 ** i, bottleneckWidth: bottleneck * 2 ** i, stride: i === 0 ? 1 : 2 };
    net.enter('s', i + 1);
    net.blocks(depths[i]!, resBlock, stage, spec);
    net.exit();
  }
  pyclsHead(net, 0, spec.numClasses, spec.activation);
}

/** `ResBlock` with the basic or bottleneck transformation. */
function resBlock(net: Net, index: number, stage: ResStage, spec: ResNetSpec): void {
  const stride = index === 0 ? stage.stride : 1;
  net.enter('b', index + 1);
  beginResidualBlock(net, stage.width, stride);
  if (stage.bottleneckWidth === 0) basicTransform(net, stage.width, stride, spec.activation);
  else {
    const bottleneck = { width: stage.bottleneckWidth, groups: spec.groups, seWidth: 0, strideOn1x1: spec.strideOn1x1 };
    bottleneckTransform(net, stage.width, stride, bottleneck, spec.activation);
  }
  endResidualBlock(net, spec.activation);
  net.exit();
}
