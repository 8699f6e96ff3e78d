/**
 * ResNet/ResNeXt in pycls's `resnet` form (`resnet.py`) as an ONNX graph, in the order of
 * src/complexity/resnet.ts: fixed stage layouts for ImageNet and CIFAR.
 */
import { IMAGENET_STAGE_DEPTHS } from '../complexity/resnet.js';
import type { ResNetSpec } from '../spec/types.js';
import { resBasicBlock, resStemCifar, resStemIn } from './anynet.js';
import { LOGITS, type BlockGraph, type Graph, type Tensor, activation, add, conv2d, flatten, gap2d, linear, norm2d, projection, stage } from './graph.js';

interface ResBlockParams {
  readonly bottleneckWidth: number;
  readonly groups: number;
  readonly strideOn1x1: boolean;
}

/** Bottleneck transform: 1x1, BN, activation, 3x3 grouped, BN, activation, 1x1, BN; the stride on the first 1x1 (MSRA) or on the 3x3. */
function bottleneckTransform(g: Graph, x: Tensor, name: string, wOut: number, stride: number, params: ResBlockParams): Tensor {
  const [stride1x1, stride3x3] = params.strideOn1x1 ? [stride, 1] : [1, stride];
  const wB = params.bottleneckWidth;
  x = conv2d(g, x, `${name}.a`, wB, 1, stride1x1);
  x = norm2d(g, x, `${name}.a_bn`);
  x = activation(g, x, `${name}.a_af`);
  x = conv2d(g, x, `${name}.b`, wB, 3, stride3x3, params.groups);
  x = norm2d(g, x, `${name}.b_bn`);
  x = activation(g, x, `${name}.b_af`);
  x = conv2d(g, x, `${name}.c`, wOut, 1);
  return norm2d(g, x, `${name}.c_bn`, true);
}

/** Residual block with the bottleneck transform: activation(projection(x) + f(x)). */
const resBottleneckBlock: BlockGraph<ResBlockParams> = (g, x, name, wOut, stride, params) => {
  const shortcut = projection(g, x, name, wOut, stride);
  const f = bottleneckTransform(g, x, `${name}.f`, wOut, stride, params);
  return activation(g, add(g, shortcut, f, `${name}.add`), `${name}.af`);
};

/** ResNet head: global average pool, flatten, fully connected with bias. */
function resHead(g: Graph, x: Tensor, numClasses: number): Tensor {
  x = gap2d(g, x, 'head.avg_pool');
  x = flatten(g, x, 'head.flatten');
  return linear(g, x, 'head.fc', numClasses, LOGITS);
}

/** ResNet: CIFAR (3 stages of (depth - 2) / 6 basic blocks) or ImageNet (4 bottleneck stages). */
export function resNetGraph(g: Graph, x: Tensor, spec: ResNetSpec): Tensor {
  if (spec.dataset === 'cifar') {
    const d = (spec.depth - 2) / 6;
    x = resStemCifar(g, x, 16);
    x = stage(g, resBasicBlock, x, 's1', 16, 1, d, null);
    x = stage(g, resBasicBlock, x, 's2', 32, 2, d, null);
    x = stage(g, resBasicBlock, x, 's3', 64, 2, d, null);
    return resHead(g, x, spec.numClasses);
  }
  const [d1, d2, d3, d4] = IMAGENET_STAGE_DEPTHS[spec.depth]!;
  const wB = spec.widthPerGroup * spec.groups;
  const { groups, strideOn1x1 } = spec;
  x = resStemIn(g, x, 64);
  x = stage(g, resBottleneckBlock, x, 's1', 256, 1, d1, { bottleneckWidth: wB, groups, strideOn1x1 });
  x = stage(g, resBottleneckBlock, x, 's2', 512, 2, d2, { bottleneckWidth: wB * 2, groups, strideOn1x1 });
  x = stage(g, resBottleneckBlock, x, 's3', 1024, 2, d3, { bottleneckWidth: wB * 4, groups, strideOn1x1 });
  x = stage(g, resBottleneckBlock, x, 's4', 2048, 2, d4, { bottleneckWidth: wB * 8, groups, strideOn1x1 });
  return resHead(g, x, spec.numClasses);
}
