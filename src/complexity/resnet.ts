/** ResNet/ResNeXt in pycls's `resnet` form (`resnet.py`): fixed stage layouts for ImageNet and CIFAR. */
import type { ResNetSpec } from '../spec/types.js';
import { basicTransform, resStemCifar, resStemIn } from './anynet.js';
import { type BlockWalk, type Walk, conv2d, gap2d, linear, norm2d, projection, stage } from './layers.js';

/** Stage depths of the ImageNet ResNets, by total depth. */
export const IMAGENET_STAGE_DEPTHS: Readonly<Record<number, readonly [number, number, number, number]>> = {
  50: [3, 4, 6, 3],
  101: [3, 4, 23, 3],
  152: [3, 8, 36, 3],
};

interface ResBlockParams {
  readonly bottleneckWidth: number;
  readonly groups: number;
  readonly strideOn1x1: boolean;
}

/** Bottleneck transform: 1x1, BN, ReLU, 3x3 grouped, BN, ReLU, 1x1, BN; the stride on the first 1x1 (MSRA) or on the 3x3. */
function bottleneckTransform(cx: Walk, wIn: number, wOut: number, stride: number, params: ResBlockParams): void {
  const [stride1x1, stride3x3] = params.strideOn1x1 ? [stride, 1] : [1, stride];
  const wB = params.bottleneckWidth;
  conv2d(cx, wIn, wB, 1, stride1x1);
  norm2d(cx, wB);
  conv2d(cx, wB, wB, 3, stride3x3, params.groups);
  norm2d(cx, wB);
  conv2d(cx, wB, wOut, 1);
  norm2d(cx, wOut);
}

/** Residual block with the bottleneck transform: ReLU(projection(x) + f(x)). */
const resBottleneckBlock: BlockWalk<ResBlockParams> = (cx, wIn, wOut, stride, params) => {
  projection(cx, wIn, wOut, stride);
  bottleneckTransform(cx, wIn, wOut, stride, params);
};

/** Residual block with the basic transform. */
const resBasicBlock: BlockWalk<null> = (cx, wIn, wOut, stride) => {
  projection(cx, wIn, wOut, stride);
  basicTransform(cx, wIn, wOut, stride);
};

/** ResNet head: global average pool, fully connected with bias. */
function resHead(cx: Walk, wIn: number, numClasses: number): void {
  gap2d(cx);
  linear(cx, wIn, numClasses, true);
}

/** ResNet: CIFAR (3 stages of (depth - 2) / 6 basic blocks) or ImageNet (4 bottleneck stages). */
export function resNetWalk(cx: Walk, spec: ResNetSpec): void {
  if (spec.dataset === 'cifar') {
    const d = (spec.depth - 2) / 6;
    resStemCifar(cx, 3, 16);
    stage(cx, resBasicBlock, 16, 16, 1, d, null);
    stage(cx, resBasicBlock, 16, 32, 2, d, null);
    stage(cx, resBasicBlock, 32, 64, 2, d, null);
    resHead(cx, 64, spec.numClasses);
    return;
  }
  const [d1, d2, d3, d4] = IMAGENET_STAGE_DEPTHS[spec.depth]!;
  const wB = spec.widthPerGroup * spec.groups;
  const { groups, strideOn1x1 } = spec;
  resStemIn(cx, 3, 64);
  stage(cx, resBottleneckBlock, 64, 256, 1, d1, { bottleneckWidth: wB, groups, strideOn1x1 });
  stage(cx, resBottleneckBlock, 256, 512, 2, d2, { bottleneckWidth: wB * 2, groups, strideOn1x1 });
  stage(cx, resBottleneckBlock, 512, 1024, 2, d3, { bottleneckWidth: wB * 4, groups, strideOn1x1 });
  stage(cx, resBottleneckBlock, 1024, 2048, 2, d4, { bottleneckWidth: wB * 8, groups, strideOn1x1 });
  resHead(cx, 2048, spec.numClasses);
}
