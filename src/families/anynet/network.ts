/** The AnyNet network (pycls `anynet.py`), in forward order with pycls's module names. */
import type { Net } from '../../network/net.js';
import {
  anyNetBottleneck,
  basicTransform,
  beginResidualBlock,
  bottleneckTransform,
  endResidualBlock,
  pyclsHead,
  pyclsStem,
} from '../blocks/pycls.js';
import { describeTorchvisionAnyNet } from './torchvision-network.js';
import type { AnyNetSpec, AnyNetStage } from './types.js';

/**
 * AnyNet: `stem`, stages `s1`, `s2`, ... of blocks `b1`, `b2`, ..., `head`; with torchvision's names where
 * the spec says so.
 */
export function describeAnyNet(net: Net, spec: AnyNetSpec): void {
  if (spec.implementation === 'torchvision') {
    describeTorchvisionAnyNet(net, spec);
    return;
  }
  pyclsStem(net, spec.stem.type, spec.stem.width, spec.activation);
  for (let i = 0; i < spec.stages.length; i++) {
    net.enter('s', i + 1);
    net.blocks(spec.stages[i]!.depth, anyNetBlock, spec.stages[i]!, spec);
    net.exit();
  }
  pyclsHead(net, spec.headWidth, spec.numClasses, spec.activation);
}

/** Block `index` of a stage: the first takes the stage's stride, the rest stride 1. */
function anyNetBlock(net: Net, index: number, stage: AnyNetStage, spec: AnyNetSpec): void {
  const stride = index === 0 ? stage.stride : 1;
  const { width } = stage;
  const activation = spec.activation;
  net.enter('b', index + 1);
  switch (spec.blockType) {
    case 'vanilla_block':
      net.conv('a', width, 3, stride);
      net.norm('a_bn');
      net.act('a_af', activation);
      net.conv('b', width, 3);
      net.norm('b_bn');
      net.act('b_af', activation);
      break;
    case 'res_basic_block':
      beginResidualBlock(net, width, stride);
      basicTransform(net, width, stride, activation);
      endResidualBlock(net, activation);
      break;
    case 'res_bottleneck_block':
      beginResidualBlock(net, width, stride);
      bottleneckTransform(net, width, stride, bottleneckOf(net.channels, stage, spec), activation);
      endResidualBlock(net, activation);
      break;
    case 'res_bottleneck_linear_block': {
      // x + f(x) where shapes allow: no projection, no final activation.
      const hasSkip = net.channels === width && stride === 1;
      if (hasSkip) net.fork();
      net.enter('f');
      bottleneckTransform(net, width, stride, bottleneckOf(net.channels, stage, spec), activation, hasSkip);
      net.exit();
      if (hasSkip) net.merge('add', 'add');
      break;
    }
  }
  net.exit();
}

/** The bottleneck of a block whose input has `inputWidth` channels. */
function bottleneckOf(inputWidth: number, stage: AnyNetStage, spec: AnyNetSpec) {
  return anyNetBottleneck(inputWidth, stage.width, stage.bottleneckMultiplier!, stage.groupWidth!, spec.seRatio ?? 0);
}
