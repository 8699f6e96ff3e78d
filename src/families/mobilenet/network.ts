/**
 * torchvision's MobileNetV2 and MobileNetV3 (`mobilenetv2.py`, `mobilenetv3.py`), in forward order with
 * torchvision's module names: `features.0` (stem), `features.1` ... (one per block, numbered across
 * stages), the last conv, then the classifier.
 */
import { roundHalfEven } from '../../internal/python.js';
import type { Net } from '../../network/net.js';
import { makeDivisible } from '../blocks/divisible.js';
import type { MobileNetSpec, MobileNetStage } from './types.js';

/** Batch norm epsilons: torchvision's MobileNetV2 uses BatchNorm2d's default, MobileNetV3 `eps=0.001`. */
const V2_EPS = 1e-5;
const V3_EPS = 1e-3;

/** The expanded width of a block whose input has `inputWidth` channels. */
export function expandedWidthOf(stage: MobileNetStage, inputWidth: number): number {
  return stage.expandedWidth ?? roundHalfEven(inputWidth * stage.expansionRatio!);
}

/** MobileNetV3's squeeze width: `_make_divisible(expanded // 4, 8)`. */
export function squeezeWidthOf(expandedWidth: number): number {
  return makeDivisible(Math.floor(expandedWidth / 4), 8);
}

/** The width of MobileNetV3's last conv: 6 x the last stage's width. */
export function v3HeadWidth(spec: { readonly stages: readonly MobileNetStage[] }): number {
  return 6 * spec.stages[spec.stages.length - 1]!.width;
}

export function describeMobileNet(net: Net, spec: MobileNetSpec): void {
  const v3 = spec.version === 'v3';
  const eps = v3 ? V3_EPS : V2_EPS;
  // The stem and the last conv: hardswish in V3, ReLU6 in V2.
  const outerActivation = v3 ? 'hardswish' : 'relu6';
  net.enter('features');
  convNormActivation(net, 0, spec.stemWidth, 3, 2, eps, outerActivation);
  let index = 1;
  for (const stage of spec.stages) {
    net.blocks(stage.depth, v3 ? v3Block : v2Block, stage, index);
    index += stage.depth;
  }
  convNormActivation(net, index, v3 ? v3HeadWidth(spec) : spec.headWidth, 1, 1, eps, outerActivation);
  net.exit();
  // MobileNetV3's pool is a module (`avgpool`), MobileNetV2's a function call; neither has parameters.
  net.avgPool('avgpool');
  net.flatten('flatten');
  if (v3) {
    net.enter('classifier');
    net.linear('0', spec.lastChannel, true);
    net.act('1', 'hardswish');
    net.linear('3', spec.numClasses, true);
    net.exit();
  } else {
    net.enter('classifier');
    net.linear('1', spec.numClasses, true);
    net.exit();
  }
}

/** torchvision's `Conv2dNormActivation` at `index` of the current scope: `.0` conv, `.1` batch norm, `.2` activation. */
function convNormActivation(net: Net, index: number, width: number, kernel: number, stride: number, eps: number, activation: MobileNetStage['activation'] | null, groups = 1, endsResidual = false): void {
  net.enter('', index);
  net.conv('0', width, kernel, stride, groups);
  net.norm('1', 'batch', endsResidual, eps);
  if (activation !== null) net.act('2', activation);
  net.exit();
}

/**
 * MobileNetV2's `InvertedResidual` `features.<first + index>`: in `conv`, the expansion (where the ratio is
 * not 1), the depthwise conv, then the projection conv and its batch norm as two plain modules.
 */
function v2Block(net: Net, index: number, stage: MobileNetStage, first: number): void {
  const stride = index === 0 ? stage.stride : 1;
  const input = net.channels;
  const expanded = expandedWidthOf(stage, input);
  const residual = stride === 1 && input === stage.width;
  // MobileNetV2 expands wherever its ratio is not 1 (an explicit width: wherever it is not the input's).
  const expands = stage.expansionRatio === undefined ? expanded !== input : stage.expansionRatio !== 1;
  net.enter('', first + index);
  if (residual) net.fork();
  net.enter('conv');
  let layer = 0;
  if (expands) convNormActivation(net, layer++, expanded, 1, 1, V2_EPS, stage.activation);
  convNormActivation(net, layer++, expanded, stage.kernel, stride, V2_EPS, stage.activation, expanded);
  net.enter('', layer);
  net.conv('', stage.width, 1);
  net.exit();
  net.enter('', layer + 1);
  net.norm('', 'batch', residual, V2_EPS);
  net.exit();
  net.exit();
  if (residual) net.merge('add', 'add');
  net.exit();
}

/**
 * MobileNetV3's `InvertedResidual` `features.<first + index>`: in `block`, the expansion (where the
 * expanded width differs from the input's), the depthwise conv, the squeeze-excite, the projection.
 */
function v3Block(net: Net, index: number, stage: MobileNetStage, first: number): void {
  const stride = index === 0 ? stage.stride : 1;
  const input = net.channels;
  const expanded = expandedWidthOf(stage, input);
  const residual = stride === 1 && input === stage.width;
  net.enter('', first + index);
  if (residual) net.fork();
  net.enter('block');
  let layer = 0;
  if (expanded !== input) convNormActivation(net, layer++, expanded, 1, 1, V3_EPS, stage.activation);
  convNormActivation(net, layer++, expanded, stage.kernel, stride, V3_EPS, stage.activation, expanded);
  if (stage.squeezeExcite) {
    net.enter('', layer++);
    squeezeExcitation(net, squeezeWidthOf(expanded));
    net.exit();
  }
  convNormActivation(net, layer, stage.width, 1, 1, V3_EPS, null, 1, residual);
  net.exit();
  if (residual) net.merge('add', 'add');
  net.exit();
}

/** torchvision's `SqueezeExcitation` with MobileNetV3's hard-sigmoid gate: the gate multiplies the input. */
function squeezeExcitation(net: Net, squeezeWidth: number): void {
  const width = net.channels;
  net.fork();
  net.avgPool('avgpool');
  net.conv('fc1', squeezeWidth, 1, 1, 1, true);
  net.act('activation', 'relu');
  net.conv('fc2', width, 1, 1, 1, true);
  net.act('scale_activation', 'hardsigmoid');
  net.merge('', 'mul');
}
