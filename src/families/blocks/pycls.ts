/**
 * pycls's shared modules (`blocks.py`, `anynet.py`, `resnet.py`): stems, squeeze-excite, residual
 * blocks and transforms, written once on the {@link Net} with pycls's module names. AnyNet, RegNet and
 * pycls's ResNet describe their networks with them.
 */
import { roundHalfEven } from '../../internal/python.js';
import type { Net } from '../../network/net.js';
import type { Activation, StemType } from '../anynet/types.js';

/** `STEM_TYPE` stems: `stem.conv`, `stem.bn`, `stem.af` (and `stem.pool`). */
export function pyclsStem(net: Net, type: StemType, width: number, activation: Activation): void {
  net.enter('stem');
  if (type === 'res_stem_in') net.conv('conv', width, 7, 2);
  else net.conv('conv', width, 3, type === 'simple_stem_in' ? 2 : 1);
  net.norm('bn');
  net.act('af', activation);
  if (type === 'res_stem_in') net.maxPool('pool', 3, 2);
  net.exit();
}

/**
 * Squeeze-excite (`SE`): global average pool, 1x1 conv to `seWidth` with bias, activation, 1x1 conv back
 * with bias, sigmoid; the result gates the input channel by channel.
 */
export function squeezeExcite(net: Net, seWidth: number, activation: Activation): void {
  const width = net.channels;
  net.enter('se');
  net.fork();
  net.avgPool('avg_pool');
  net.conv('f_ex.0', seWidth, 1, 1, 1, true);
  net.act('f_ex.1', activation);
  net.conv('f_ex.2', width, 1, 1, 1, true);
  net.act('f_ex.3', 'sigmoid');
  net.merge('', 'mul');
  net.exit();
}

/**
 * Opens a residual block (`ResBasicBlock`, `ResBottleneckBlock`, pycls ResNet's `ResBlock`): the
 * projection (`proj` + `bn`, when the block changes width or resolution) comes first, then the transform
 * `f`, which the caller describes between this and {@link endResidualBlock}.
 */
export function beginResidualBlock(net: Net, width: number, stride: number): void {
  net.fork();
  if (net.channels !== width || stride !== 1) {
    net.conv('proj', width, 1, stride);
    net.norm('bn');
  }
  net.swap();
  net.enter('f');
}

/** Closes a residual block: the sum of the projection and the transform, then the activation `af`. */
export function endResidualBlock(net: Net, activation: Activation): void {
  net.exit();
  net.merge('add', 'add');
  net.act('af', activation);
}

/** `BasicTransform`: 3x3 conv, BN, activation, 3x3 conv, BN (the residual branch's last norm). */
export function basicTransform(net: Net, width: number, stride: number, activation: Activation): void {
  net.conv('a', width, 3, stride);
  net.norm('a_bn');
  net.act('a_af', activation);
  net.conv('b', width, 3);
  net.norm('b_bn', 'batch', true);
}

/** What a bottleneck transform needs besides its output width and stride. */
export interface Bottleneck {
  /** Bottleneck width (`w_b`). */
  readonly width: number;
  /** Groups of the 3x3 conv. */
  readonly groups: number;
  /** Squeeze-excite width, 0 for none. */
  readonly seWidth: number;
  /** Stride on the first 1x1 conv instead of the 3x3 (pycls ResNet's `STRIDE_1X1`, MSRA). */
  readonly strideOn1x1: boolean;
}

/**
 * `BottleneckTransform`: 1x1 to the bottleneck width, BN, activation; 3x3 grouped conv, BN, activation;
 * squeeze-excite; 1x1 to the output width, BN (the residual branch's last norm).
 */
export function bottleneckTransform(net: Net, width: number, stride: number, bottleneck: Bottleneck, activation: Activation, residual = true): void {
  net.conv('a', bottleneck.width, 1, bottleneck.strideOn1x1 ? stride : 1);
  net.norm('a_bn');
  net.act('a_af', activation);
  net.conv('b', bottleneck.width, 3, bottleneck.strideOn1x1 ? 1 : stride, bottleneck.groups);
  net.norm('b_bn');
  net.act('b_af', activation);
  if (bottleneck.seWidth > 0) squeezeExcite(net, bottleneck.seWidth, activation);
  net.conv('c', width, 1);
  net.norm('c_bn', 'batch', residual);
}

/** AnyNet's bottleneck of a block: width `round(w_out * b)`, SE width `round(w_in * se_r)` (relative to the block input). */
export function anyNetBottleneck(inputWidth: number, width: number, multiplier: number, groupWidth: number, seRatio: number): Bottleneck {
  const bottleneckWidth = roundHalfEven(width * multiplier);
  return { width: bottleneckWidth, groups: bottleneckWidth / groupWidth, seWidth: roundHalfEven(inputWidth * seRatio), strideOn1x1: false };
}

/** `AnyHead` / `ResHead`: an optional 1x1 conv + BN + activation, global average pool, fully connected with bias. */
export function pyclsHead(net: Net, headWidth: number, numClasses: number, activation: Activation): void {
  net.enter('head');
  if (headWidth > 0) {
    net.conv('conv', headWidth, 1);
    net.norm('bn');
    net.act('af', activation);
  }
  net.avgPool('avg_pool');
  net.flatten('flatten');
  net.linear('fc', numClasses, true);
  net.exit();
}
