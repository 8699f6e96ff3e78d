/**
 * EfficientNet in forward order, with pycls's module names (`effnet.py`: `stem`, `s1.b1.dwise`, `head`)
 * or torchvision's (`efficientnet.py`: `features.0.0`, `features.1.0.block.1.0`, `classifier.1`).
 */
import type { BlockBody, Net } from '../../network/net.js';
import { squeezeExcite } from '../blocks/pycls.js';
import type { EfficientNetSpec, EfficientNetStage } from './types.js';
import { expandedWidth, squeezeWidth } from './widths.js';

/** pycls's `BN.EPS` and torchvision's BatchNorm2d default. */
const DEFAULT_EPS = 1e-5;

/** The network of either implementation. */
export function describeEfficientNet(net: Net, spec: EfficientNetSpec): void {
  if (spec.implementation === 'torchvision') describeTorchvision(net, spec);
  else describePycls(net, spec);
}

/** pycls: `stem`, MBConv stages `s1`, `s2`, ..., `head`. */
function describePycls(net: Net, spec: EfficientNetSpec): void {
  const eps = spec.batchNormEps ?? DEFAULT_EPS;
  net.enter('stem');
  net.conv('conv', spec.stemWidth, 3, 2);
  net.norm('bn', 'batch', false, eps);
  net.act('af', spec.activation);
  net.exit();
  for (let i = 0; i < spec.stages.length; i++) {
    const stage = spec.stages[i]!;
    net.enter('s', i + 1);
    net.blocks(stage.depth, stage.fused === true ? pyclsFusedMBConv : pyclsMBConv, stage, spec);
    net.exit();
  }
  net.enter('head');
  net.conv('conv', spec.headWidth, 1);
  net.norm('conv_bn', 'batch', false, eps);
  net.act('conv_af', spec.activation);
  net.avgPool('avg_pool');
  net.flatten('flatten');
  net.linear('fc', spec.numClasses, true);
  net.exit();
}

/** What MBConv and fused-MBConv blocks both work out first. */
interface BlockFrame {
  /** The stage's stride on its first block, else 1. */
  readonly stride: number;
  readonly inputWidth: number;
  readonly expanded: number;
  /** Whether the block keeps width and resolution, so that its input is added to its output. */
  readonly hasSkip: boolean;
}

/** A block's layers, inside the block's scope and its skip connection. */
type BlockLayers = (net: Net, block: BlockFrame, stage: EfficientNetStage, spec: EfficientNetSpec) => void;
type Block = BlockBody<EfficientNetStage, EfficientNetSpec>;

/** Block `index`'s frame, read before the block opens its scope (`net.channels` is its input width). */
function blockFrame(net: Net, index: number, stage: EfficientNetStage, rounding: 'pycls' | 'torchvision'): BlockFrame {
  const stride = index === 0 ? stage.stride : 1;
  const inputWidth = net.channels;
  return { stride, inputWidth, expanded: expandedWidth(inputWidth, stage.expansionRatio, rounding), hasSkip: stride === 1 && inputWidth === stage.width };
}

/** Block `b<index + 1>` in pycls's naming: `layers`, with the skip connection `add` around them where it has one. */
function pyclsBlock(layers: BlockLayers): Block {
  return (net, index, stage, spec) => {
    const frame = blockFrame(net, index, stage, 'pycls');
    net.enter('b', index + 1);
    if (frame.hasSkip) net.fork();
    layers(net, frame, stage, spec);
    if (frame.hasSkip) net.merge('add', 'add');
    net.exit();
  };
}

/** Block `<index>` of a torchvision stage: `layers` in its `block`, plus the input where it has the skip. */
function torchvisionBlock(layers: BlockLayers): Block {
  return (net, index, stage, spec) => {
    const frame = blockFrame(net, index, stage, 'torchvision');
    net.enter('', index);
    if (frame.hasSkip) net.fork();
    net.enter('block');
    layers(net, frame, stage, spec);
    net.exit();
    if (frame.hasSkip) net.merge('', 'add');
    net.exit();
  };
}

/**
 * pycls's mobile inverted bottleneck (`MBConv`): 1x1 expansion + BN + activation (absent when the
 * expanded width equals the input width); k x k depthwise conv + BN + activation; squeeze-excite of width
 * `int(w_in * se_r)` (truncated, relative to the block input); 1x1 linear projection + BN; the skip
 * connection when the block keeps width and resolution.
 */
const pyclsMBConv = pyclsBlock((net, { stride, inputWidth, expanded, hasSkip }, stage, spec) => {
  const eps = spec.batchNormEps ?? DEFAULT_EPS;
  if (expanded !== inputWidth) {
    net.conv('exp', expanded, 1);
    net.norm('exp_bn', 'batch', false, eps);
    net.act('exp_af', spec.activation);
  }
  net.conv('dwise', expanded, stage.kernel, stride, expanded);
  net.norm('dwise_bn', 'batch', false, eps);
  net.act('dwise_af', spec.activation);
  squeezeExcite(net, squeezeWidth(inputWidth, spec.seRatio), spec.activation);
  net.conv('lin_proj', stage.width, 1);
  net.norm('lin_proj_bn', 'batch', hasSkip, eps);
});

/**
 * A fused-MBConv block in pycls's naming style (pycls has no such block): a k x k conv `exp` to the
 * expanded width with the stride + BN + activation and a 1x1 projection `lin_proj` + BN, or, where the
 * expanded width is the input width, one k x k conv `conv` + BN + activation; the skip connection as
 * MBConv's.
 */
const pyclsFusedMBConv = pyclsBlock((net, { stride, inputWidth, expanded, hasSkip }, stage, spec) => {
  const eps = spec.batchNormEps ?? DEFAULT_EPS;
  if (expanded !== inputWidth) {
    net.conv('exp', expanded, stage.kernel, stride);
    net.norm('exp_bn', 'batch', false, eps);
    net.act('exp_af', spec.activation);
    net.conv('lin_proj', stage.width, 1);
    net.norm('lin_proj_bn', 'batch', hasSkip, eps);
  } else {
    net.conv('conv', stage.width, stage.kernel, stride);
    net.norm('conv_bn', 'batch', hasSkip, eps);
    net.act('conv_af', spec.activation);
  }
});

/**
 * torchvision: `features.0` (stem conv, BN, activation), `features.1` ... `features.n` (the stages),
 * `features.(n+1)` (head 1x1 conv, BN, activation), `avgpool`, flatten, `classifier.1` (after dropout).
 */
function describeTorchvision(net: Net, spec: EfficientNetSpec): void {
  const stages = spec.stages;
  net.enter('features');
  convNormActivation(net, 0, spec.stemWidth, 3, 2, spec, true);
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i]!;
    net.enter('', i + 1);
    net.blocks(stage.depth, stage.fused === true ? torchvisionFusedMBConv : torchvisionMBConv, stage, spec);
    net.exit();
  }
  convNormActivation(net, stages.length + 1, spec.headWidth, 1, 1, spec, true);
  net.exit();
  net.avgPool('avgpool');
  net.flatten('flatten');
  net.enter('classifier');
  net.linear('1', spec.numClasses, true);
  net.exit();
}

/**
 * torchvision's `Conv2dNormActivation` at `index` of the current scope: conv `0` (no bias), BN `1`, and
 * the activation `2` unless `activation` is false (a projection, which may end a residual branch).
 */
function convNormActivation(net: Net, index: number, out: number, kernel: number, stride: number, spec: EfficientNetSpec, activation: boolean, groups = 1, endsResidual = false): void {
  net.enter('', index);
  net.conv('0', out, kernel, stride, groups);
  net.norm('1', 'batch', endsResidual, spec.batchNormEps ?? DEFAULT_EPS);
  if (activation) net.act('2', spec.activation);
  net.exit();
}

/**
 * torchvision's `MBConv`, `features.i.j.block`: expansion (where it widens), depthwise conv,
 * `SqueezeExcitation` (`avgpool`, `fc1`, `activation`, `fc2`, `scale_activation`), projection; plus the
 * input where the block keeps width and resolution.
 */
const torchvisionMBConv = torchvisionBlock((net, { stride, inputWidth, expanded, hasSkip }, stage, spec) => {
  let layer = 0;
  if (expanded !== inputWidth) convNormActivation(net, layer++, expanded, 1, 1, spec, true);
  convNormActivation(net, layer++, expanded, stage.kernel, stride, spec, true, expanded);
  net.enter('', layer++);
  net.fork();
  net.avgPool('avgpool');
  net.conv('fc1', squeezeWidth(inputWidth, spec.seRatio), 1, 1, 1, true);
  net.act('activation', spec.activation);
  net.conv('fc2', expanded, 1, 1, 1, true);
  net.act('scale_activation', 'sigmoid');
  net.merge('', 'mul');
  net.exit();
  convNormActivation(net, layer, stage.width, 1, 1, spec, false, 1, hasSkip);
});

/**
 * torchvision's `FusedMBConv`, `features.i.j.block`: a k x k conv to the expanded width (with the stride)
 * and a 1x1 projection, or one k x k conv with activation where the expansion keeps the input width; plus
 * the input where the block keeps width and resolution.
 */
const torchvisionFusedMBConv = torchvisionBlock((net, { stride, inputWidth, expanded, hasSkip }, stage, spec) => {
  if (expanded !== inputWidth) {
    convNormActivation(net, 0, expanded, stage.kernel, stride, spec, true);
    convNormActivation(net, 1, stage.width, 1, 1, spec, false, 1, hasSkip);
  } else {
    convNormActivation(net, 0, stage.width, stage.kernel, stride, spec, true, 1, hasSkip);
  }
});
