/**
 * AnyNet (and RegNet, through its AnyNet form) as an ONNX graph: the stems, blocks and head of pycls's
 * `anynet.py`, layer for layer in the order of src/complexity/anynet.ts.
 */
import { roundHalfEven } from '../internal/python.js';
import type { AnyNetSpec, AnyNetStage, BlockType, StemType } from '../spec/types.js';
import {
  LOGITS,
  type BlockGraph,
  type Graph,
  type Tensor,
  activation,
  add,
  conv2d,
  flatten,
  gap2d,
  linear,
  norm2d,
  pool2d,
  projection,
  squeezeExcite,
  stage,
} from './graph.js';

/** What a block needs besides its widths and stride. */
interface BlockParams {
  readonly bottleneckMultiplier: number;
  readonly groupWidth: number;
  /** 0 for no squeeze-excite. */
  readonly seRatio: number;
}

// ---- Stems --------------------------------------------------------------------------------------

/** ResNet stem for CIFAR: 3x3, BN, activation. */
export function resStemCifar(g: Graph, x: Tensor, wOut: number): Tensor {
  x = conv2d(g, x, 'stem.conv', wOut, 3);
  x = norm2d(g, x, 'stem.bn');
  return activation(g, x, 'stem.af');
}

/** ResNet stem for ImageNet: 7x7 stride 2, BN, activation, 3x3 max pool stride 2. */
export function resStemIn(g: Graph, x: Tensor, wOut: number): Tensor {
  x = conv2d(g, x, 'stem.conv', wOut, 7, 2);
  x = norm2d(g, x, 'stem.bn');
  x = activation(g, x, 'stem.af');
  return pool2d(g, x, 'stem.pool', 3, 2);
}

/** Simple stem for ImageNet: 3x3 stride 2, BN, activation. */
export function simpleStemIn(g: Graph, x: Tensor, wOut: number): Tensor {
  x = conv2d(g, x, 'stem.conv', wOut, 3, 2);
  x = norm2d(g, x, 'stem.bn');
  return activation(g, x, 'stem.af');
}

const STEMS: Readonly<Record<StemType, (g: Graph, x: Tensor, wOut: number) => Tensor>> = {
  res_stem_cifar: resStemCifar,
  res_stem_in: resStemIn,
  simple_stem_in: simpleStemIn,
};

// ---- Blocks -------------------------------------------------------------------------------------

/** Vanilla block: [3x3 conv, BN, activation] x2, no residual. */
const vanillaBlock: BlockGraph<BlockParams> = (g, x, name, wOut, stride) => {
  x = conv2d(g, x, `${name}.a`, wOut, 3, stride);
  x = norm2d(g, x, `${name}.a_bn`);
  x = activation(g, x, `${name}.a_af`);
  x = conv2d(g, x, `${name}.b`, wOut, 3);
  x = norm2d(g, x, `${name}.b_bn`);
  return activation(g, x, `${name}.b_af`);
};

/** Basic transform: 3x3 conv, BN, activation, 3x3 conv, BN. */
export function basicTransform(g: Graph, x: Tensor, name: string, wOut: number, stride: number): Tensor {
  x = conv2d(g, x, `${name}.a`, wOut, 3, stride);
  x = norm2d(g, x, `${name}.a_bn`);
  x = activation(g, x, `${name}.a_af`);
  x = conv2d(g, x, `${name}.b`, wOut, 3);
  return norm2d(g, x, `${name}.b_bn`, true);
}

/** Residual basic block: activation(projection(x) + basic transform(x)). */
export const resBasicBlock: BlockGraph<unknown> = (g, x, name, wOut, stride) => {
  const shortcut = projection(g, x, name, wOut, stride);
  const f = basicTransform(g, x, `${name}.f`, wOut, stride);
  return activation(g, add(g, shortcut, f, `${name}.add`), `${name}.af`);
};

/**
 * Bottleneck transform: 1x1 to the bottleneck width, BN, activation; 3x3 grouped conv, BN, activation;
 * squeeze-excite (width relative to the block input); 1x1 to the output width, BN (`residual` when the
 * result is added to a skip connection).
 */
function bottleneckTransform(
  g: Graph,
  x: Tensor,
  name: string,
  wOut: number,
  stride: number,
  params: BlockParams,
  residual: boolean,
): Tensor {
  const wB = roundHalfEven(wOut * params.bottleneckMultiplier);
  const wSe = roundHalfEven(x.channels * params.seRatio);
  const groups = wB / params.groupWidth;
  x = conv2d(g, x, `${name}.a`, wB, 1);
  x = norm2d(g, x, `${name}.a_bn`);
  x = activation(g, x, `${name}.a_af`);
  x = conv2d(g, x, `${name}.b`, wB, 3, stride, groups);
  x = norm2d(g, x, `${name}.b_bn`);
  x = activation(g, x, `${name}.b_af`);
  if (wSe > 0) x = squeezeExcite(g, x, `${name}.se`, wSe);
  x = conv2d(g, x, `${name}.c`, wOut, 1);
  return norm2d(g, x, `${name}.c_bn`, residual);
}

/** Residual bottleneck block: activation(projection(x) + bottleneck transform(x)). */
const resBottleneckBlock: BlockGraph<BlockParams> = (g, x, name, wOut, stride, params) => {
  const shortcut = projection(g, x, name, wOut, stride);
  const f = bottleneckTransform(g, x, `${name}.f`, wOut, stride, params, true);
  return activation(g, add(g, shortcut, f, `${name}.add`), `${name}.af`);
};

/** Residual linear bottleneck block: x + bottleneck transform(x) where shapes allow; no projection, no final activation. */
const resBottleneckLinearBlock: BlockGraph<BlockParams> = (g, x, name, wOut, stride, params) => {
  const hasSkip = x.channels === wOut && stride === 1;
  const f = bottleneckTransform(g, x, `${name}.f`, wOut, stride, params, hasSkip);
  return hasSkip ? add(g, x, f, `${name}.add`) : f;
};

const BLOCKS: Readonly<Record<BlockType, BlockGraph<BlockParams>>> = {
  vanilla_block: vanillaBlock,
  res_basic_block: resBasicBlock,
  res_bottleneck_block: resBottleneckBlock,
  res_bottleneck_linear_block: resBottleneckLinearBlock,
};

// ---- Head and network ---------------------------------------------------------------------------

/** AnyNet head: optional 1x1 conv + BN + activation, global average pool, flatten, fully connected with bias. */
function anyHead(g: Graph, x: Tensor, headWidth: number, numClasses: number): Tensor {
  if (headWidth > 0) {
    x = conv2d(g, x, 'head.conv', headWidth, 1);
    x = norm2d(g, x, 'head.bn');
    x = activation(g, x, 'head.af');
  }
  x = gap2d(g, x, 'head.avg_pool');
  x = flatten(g, x, 'head.flatten');
  return linear(g, x, 'head.fc', numClasses, LOGITS);
}

/** AnyNet: stem, stages `s1`, `s2`, ..., head. */
export function anyNetGraph(g: Graph, x: Tensor, spec: AnyNetSpec): Tensor {
  x = STEMS[spec.stem.type](g, x, spec.stem.width);
  const block = BLOCKS[spec.blockType];
  const seRatio = spec.seRatio ?? 0;
  spec.stages.forEach((s, i) => {
    x = stage(g, block, x, `s${i + 1}`, s.width, s.stride, s.depth, blockParams(s, seRatio));
  });
  return anyHead(g, x, spec.headWidth, spec.numClasses);
}

function blockParams(s: AnyNetStage, seRatio: number): BlockParams {
  return { bottleneckMultiplier: s.bottleneckMultiplier, groupWidth: s.groupWidth, seRatio };
}
