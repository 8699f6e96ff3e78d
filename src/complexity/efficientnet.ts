/** EfficientNet (`effnet.py`): stem, stages of MBConv blocks, head. */
import type { EfficientNetSpec, EfficientNetStage } from '../spec/types.js';
import { truncate } from '../internal/python.js';
import { type BlockWalk, type Walk, conv2d, gap2d, linear, norm2d, squeezeExcite, stage } from './layers.js';

interface MBConvParams {
  readonly expansionRatio: number;
  readonly kernel: number;
  readonly seRatio: number;
}

/**
 * Mobile inverted bottleneck: 1x1 expansion + BN + SiLU (absent when the expanded width equals the input
 * width); k x k depthwise conv + BN + SiLU; squeeze-excite of width int(wIn * seRatio) (truncated, relative
 * to the block input); 1x1 linear projection + BN; skip connection where shapes allow.
 */
const mbConv: BlockWalk<MBConvParams> = (cx, wIn, wOut, stride, params) => {
  const wExp = truncate(wIn * params.expansionRatio);
  if (wExp !== wIn) {
    conv2d(cx, wIn, wExp, 1);
    norm2d(cx, wExp);
  }
  conv2d(cx, wExp, wExp, params.kernel, stride, wExp);
  norm2d(cx, wExp);
  squeezeExcite(cx, wExp, truncate(wIn * params.seRatio));
  conv2d(cx, wExp, wOut, 1);
  norm2d(cx, wOut);
};

/** EfficientNet stem: 3x3 stride 2, BN, SiLU. */
function stemIn(cx: Walk, wIn: number, wOut: number): void {
  conv2d(cx, wIn, wOut, 3, 2);
  norm2d(cx, wOut);
}

/** EfficientNet head: 1x1 conv + BN + SiLU, global average pool, (dropout,) fully connected with bias. */
function effHead(cx: Walk, wIn: number, wOut: number, numClasses: number): void {
  conv2d(cx, wIn, wOut, 1);
  norm2d(cx, wOut);
  gap2d(cx);
  linear(cx, wOut, numClasses, true);
}

/** EfficientNet: stem, MBConv stages, head. */
export function efficientNetWalk(cx: Walk, spec: EfficientNetSpec): void {
  stemIn(cx, 3, spec.stemWidth);
  let wIn = spec.stemWidth;
  for (const s of spec.stages) {
    stage(cx, mbConv, wIn, s.width, s.stride, s.depth, mbConvParams(s, spec.seRatio));
    wIn = s.width;
  }
  effHead(cx, wIn, spec.headWidth, spec.numClasses);
}

function mbConvParams(s: EfficientNetStage, seRatio: number): MBConvParams {
  return { expansionRatio: s.expansionRatio, kernel: s.kernel, seRatio };
}
