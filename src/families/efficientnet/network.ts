/** pycls's EfficientNet (`effnet.py`), in forward order with pycls's module names. */
import { truncate } from '../../internal/python.js';
import type { Net } from '../../network/net.js';
import { squeezeExcite } from '../blocks/pycls.js';
import type { EfficientNetSpec, EfficientNetStage } from './types.js';

/** EfficientNet: `stem`, MBConv stages `s1`, `s2`, ..., `head`. */
export function describeEfficientNet(net: Net, spec: EfficientNetSpec): void {
  net.enter('stem');
  net.conv('conv', spec.stemWidth, 3, 2);
  net.norm('bn');
  net.act('af', spec.activation);
  net.exit();
  for (let i = 0; i < spec.stages.length; i++) {
    net.enter('s', i + 1);
    net.blocks(spec.stages[i]!.depth, mbConv, spec.stages[i]!, spec);
    net.exit();
  }
  net.enter('head');
  net.conv('conv', spec.headWidth, 1);
  net.norm('conv_bn');
  net.act('conv_af', spec.activation);
  net.avgPool('avg_pool');
  net.flatten('flatten');
  net.linear('fc', spec.numClasses, true);
  net.exit();
}

/**
 * Mobile inverted bottleneck (`MBConv`): 1x1 expansion + BN + activation (absent when the expanded width
 * equals the input width); k x k depthwise conv + BN + activation; squeeze-excite of width
 * `int(w_in * se_r)` (truncated, relative to the block input); 1x1 linear projection + BN; the skip
 * connection when the block keeps width and resolution.
 */
function mbConv(net: Net, index: number, stage: EfficientNetStage, spec: EfficientNetSpec): void {
  const stride = index === 0 ? stage.stride : 1;
  const inputWidth = net.channels;
  const expanded = truncate(inputWidth * stage.expansionRatio);
  const hasSkip = stride === 1 && inputWidth === stage.width;
  net.enter('b', index + 1);
  if (hasSkip) net.fork();
  if (expanded !== inputWidth) {
    net.conv('exp', expanded, 1);
    net.norm('exp_bn');
    net.act('exp_af', spec.activation);
  }
  net.conv('dwise', expanded, stage.kernel, stride, expanded);
  net.norm('dwise_bn');
  net.act('dwise_af', spec.activation);
  squeezeExcite(net, truncate(inputWidth * spec.seRatio), spec.activation);
  net.conv('lin_proj', stage.width, 1);
  net.norm('lin_proj_bn', 'batch', hasSkip);
  if (hasSkip) net.merge('add', 'add');
  net.exit();
}
