/** EfficientNet (`effnet.py`) as an ONNX graph, in the order of src/complexity/efficientnet.ts. */
import { truncate } from '../internal/python.js';
import type { EfficientNetSpec, EfficientNetStage } from '../spec/types.js';
import { LOGITS, type BlockGraph, type Graph, type Tensor, activation, add, conv2d, flatten, gap2d, linear, norm2d, squeezeExcite, stage } from './graph.js';

interface MBConvParams {
  readonly expansionRatio: number;
  readonly kernel: number;
  readonly seRatio: number;
}

/**
 * Mobile inverted bottleneck: 1x1 expansion + BN + activation (absent when the expanded width equals the
 * input width); k x k depthwise conv + BN + activation; squeeze-excite of width int(wIn * seRatio) (truncated,
 * relative to the block input); 1x1 linear projection + BN; skip connection when stride is 1 and wIn = wOut.
 */
const mbConv: BlockGraph<MBConvParams> = (g, x, name, wOut, stride, params) => {
  const wIn = x.channels;
  const wExp = truncate(wIn * params.expansionRatio);
  const hasSkip = stride === 1 && wIn === wOut;
  let f = x;
  if (wExp !== wIn) {
    f = conv2d(g, f, `${name}.exp`, wExp, 1);
    f = norm2d(g, f, `${name}.exp_bn`);
    f = activation(g, f, `${name}.exp_af`);
  }
  f = conv2d(g, f, `${name}.dwise`, wExp, params.kernel, stride, wExp);
  f = norm2d(g, f, `${name}.dwise_bn`);
  f = activation(g, f, `${name}.dwise_af`);
  f = squeezeExcite(g, f, `${name}.se`, truncate(wIn * params.seRatio));
  f = conv2d(g, f, `${name}.lin_proj`, wOut, 1);
  f = norm2d(g, f, `${name}.lin_proj_bn`, hasSkip);
  return hasSkip ? add(g, x, f, `${name}.add`) : f;
};

/** EfficientNet stem: 3x3 stride 2, BN, activation. */
function stemIn(g: Graph, x: Tensor, wOut: number): Tensor {
  x = conv2d(g, x, 'stem.conv', wOut, 3, 2);
  x = norm2d(g, x, 'stem.bn');
  return activation(g, x, 'stem.af');
}

/** EfficientNet head: 1x1 conv + BN + activation, global average pool, flatten, (no dropout at inference,) fully connected with bias. */
function effHead(g: Graph, x: Tensor, wOut: number, numClasses: number): Tensor {
  x = conv2d(g, x, 'head.conv', wOut, 1);
  x = norm2d(g, x, 'head.conv_bn');
  x = activation(g, x, 'head.conv_af');
  x = gap2d(g, x, 'head.avg_pool');
  x = flatten(g, x, 'head.flatten');
  return linear(g, x, 'head.fc', numClasses, LOGITS);
}

/** EfficientNet: stem, MBConv stages `s1`, `s2`, ..., head. */
export function efficientNetGraph(g: Graph, x: Tensor, spec: EfficientNetSpec): Tensor {
  x = stemIn(g, x, spec.stemWidth);
  spec.stages.forEach((s, i) => {
    x = stage(g, mbConv, x, `s${i + 1}`, s.width, s.stride, s.depth, mbConvParams(s, spec.seRatio));
  });
  return effHead(g, x, spec.headWidth, spec.numClasses);
}

function mbConvParams(s: EfficientNetStage, seRatio: number): MBConvParams {
  return { expansionRatio: s.expansionRatio, kernel: s.kernel, seRatio };
}
