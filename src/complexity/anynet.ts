/**
 * AnyNet (and RegNet, through its AnyNet form): stems, blocks and head, each written as the layers it
 * holds, in order, as pycls's `anynet.py` defines them.
 */
import type { AnyNetSpec, AnyNetStage, BlockType, StemType } from '../spec/types.js';
import { roundHalfEven } from '../internal/python.js';
import { type BlockWalk, type Walk, conv2d, gap2d, linear, norm2d, pool2d, projection, squeezeExcite, stage } from './layers.js';

/** What a block needs besides its widths and stride. */
interface BlockParams {
  readonly bottleneckMultiplier: number;
  readonly groupWidth: number;
  /** 0 for no squeeze-excite. */
  readonly seRatio: number;
}

// ---- Stems --------------------------------------------------------------------------------------

/** ResNet stem for CIFAR: 3x3, BN, ReLU. */
export function resStemCifar(cx: Walk, wIn: number, wOut: number): void {
  conv2d(cx, wIn, wOut, 3);
  norm2d(cx, wOut);
}

/** ResNet stem for ImageNet: 7x7 stride 2, BN, ReLU, 3x3 max pool stride 2. */
export function resStemIn(cx: Walk, wIn: number, wOut: number): void {
  conv2d(cx, wIn, wOut, 7, 2);
  norm2d(cx, wOut);
  pool2d(cx, wOut, 3, 2);
}

/** Simple stem for ImageNet: 3x3 stride 2, BN, ReLU. */
function simpleStemIn(cx: Walk, wIn: number, wOut: number): void {
  conv2d(cx, wIn, wOut, 3, 2);
  norm2d(cx, wOut);
}

const STEMS: Readonly<Record<StemType, (cx: Walk, wIn: number, wOut: number) => void>> = {
  res_stem_cifar: resStemCifar,
  res_stem_in: resStemIn,
  simple_stem_in: simpleStemIn,
};

// ---- Blocks -------------------------------------------------------------------------------------

/** Vanilla block: [3x3 conv, BN, ReLU] x2, no residual. */
const vanillaBlock: BlockWalk<BlockParams> = (cx, wIn, wOut, stride) => {
  conv2d(cx, wIn, wOut, 3, stride);
  norm2d(cx, wOut);
  conv2d(cx, wOut, wOut, 3);
  norm2d(cx, wOut);
};

/** Basic transform: 3x3 conv, BN, ReLU, 3x3 conv, BN. */
export function basicTransform(cx: Walk, wIn: number, wOut: number, stride: number): void {
  conv2d(cx, wIn, wOut, 3, stride);
  norm2d(cx, wOut);
  conv2d(cx, wOut, wOut, 3);
  norm2d(cx, wOut);
}

/** Residual basic block: ReLU(projection(x) + basic transform(x)). */
const resBasicBlock: BlockWalk<BlockParams> = (cx, wIn, wOut, stride) => {
  projection(cx, wIn, wOut, stride);
  basicTransform(cx, wIn, wOut, stride);
};

/**
 * Bottleneck transform: 1x1 to the bottleneck width, BN, ReLU; 3x3 grouped conv, BN, ReLU; squeeze-excite
 * (width relative to the block input); 1x1 to the output width, BN.
 */
function bottleneckTransform(cx: Walk, wIn: number, wOut: number, stride: number, params: BlockParams): void {
  const wB = roundHalfEven(wOut * params.bottleneckMultiplier);
  const wSe = roundHalfEven(wIn * params.seRatio);
  const groups = wB / params.groupWidth;
  conv2d(cx, wIn, wB, 1);
  norm2d(cx, wB);
  conv2d(cx, wB, wB, 3, stride, groups);
  norm2d(cx, wB);
  if (wSe > 0) squeezeExcite(cx, wB, wSe);
  conv2d(cx, wB, wOut, 1);
  norm2d(cx, wOut);
}

/** Residual bottleneck block: ReLU(projection(x) + bottleneck transform(x)). */
const resBottleneckBlock: BlockWalk<BlockParams> = (cx, wIn, wOut, stride, params) => {
  projection(cx, wIn, wOut, stride);
  bottleneckTransform(cx, wIn, wOut, stride, params);
};

/** Residual linear bottleneck block: x + bottleneck transform(x) where shapes allow; no projection, no final ReLU. */
const resBottleneckLinearBlock: BlockWalk<BlockParams> = (cx, wIn, wOut, stride, params) => {
  bottleneckTransform(cx, wIn, wOut, stride, params);
};

const BLOCKS: Readonly<Record<BlockType, BlockWalk<BlockParams>>> = {
  vanilla_block: vanillaBlock,
  res_basic_block: resBasicBlock,
  res_bottleneck_block: resBottleneckBlock,
  res_bottleneck_linear_block: resBottleneckLinearBlock,
};

// ---- Head and network ---------------------------------------------------------------------------

/** AnyNet head: optional 1x1 conv + BN + ReLU, global average pool, fully connected with bias. */
function anyHead(cx: Walk, wIn: number, headWidth: number, numClasses: number): void {
  if (headWidth > 0) {
    conv2d(cx, wIn, headWidth, 1);
    norm2d(cx, headWidth);
    wIn = headWidth;
  }
  gap2d(cx);
  linear(cx, wIn, numClasses, true);
}

/** AnyNet: stem, stages, head. */
export function anyNetWalk(cx: Walk, spec: AnyNetSpec): void {
  STEMS[spec.stem.type](cx, 3, spec.stem.width);
  const block = BLOCKS[spec.blockType];
  const seRatio = spec.seRatio ?? 0;
  let wIn = spec.stem.width;
  for (const s of spec.stages) {
    stage(cx, block, wIn, s.width, s.stride, s.depth, blockParams(s, seRatio));
    wIn = s.width;
  }
  anyHead(cx, wIn, spec.headWidth, spec.numClasses);
}

function blockParams(s: AnyNetStage, seRatio: number): BlockParams {
  return { bottleneckMultiplier: s.bottleneckMultiplier, groupWidth: s.groupWidth, seRatio };
}
