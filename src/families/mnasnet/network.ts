/**
 * torchvision's MNASNet (`mnasnet.py`), in forward order with its module names: one flat `layers`
 * sequence (stem `layers.0` ... `layers.7`, a `_stack` per stage `layers.8` ..., the last conv), then
 * `classifier.1`.
 */
import type { Net } from '../../network/net.js';
import type { MnasNetSpec, MnasNetStage } from './types.js';

/** Index in `layers` of the first stage: eight stem modules come before it. */
export const FIRST_STAGE = 8;

export function describeMnasNet(net: Net, spec: MnasNetSpec): void {
  net.enter('layers');
  net.conv('0', spec.stemWidth, 3, 2);
  net.norm('1');
  net.act('2', 'relu');
  // Depthwise separable, no skip.
  net.conv('3', spec.stemWidth, 3, 1, spec.stemWidth);
  net.norm('4');
  net.act('5', 'relu');
  net.conv('6', spec.separableWidth, 1);
  net.norm('7');
  for (let i = 0; i < spec.stages.length; i++) {
    net.enter('', FIRST_STAGE + i);
    net.blocks(spec.stages[i]!.depth, invertedResidual, spec.stages[i]!, null);
    net.exit();
  }
  const head = FIRST_STAGE + spec.stages.length;
  net.enter('', head);
  net.conv('', spec.headWidth, 1);
  net.exit();
  net.enter('', head + 1);
  net.norm('');
  net.exit();
  net.enter('', head + 2);
  net.act('', 'relu');
  net.exit();
  net.exit();
  // torchvision takes x.mean([2, 3]): a global average pool to [N, C].
  net.avgPool('mean');
  net.flatten('flatten');
  net.enter('classifier');
  net.linear('1', spec.numClasses, true);
  net.exit();
}

/** `_InvertedResidual` block `index` of a stage, its modules in `layers`: 1x1, depthwise, 1x1, each with BN. */
function invertedResidual(net: Net, index: number, stage: MnasNetStage): void {
  const stride = index === 0 ? stage.stride : 1;
  const input = net.channels;
  const expanded = input * stage.expansionRatio;
  const residual = stride === 1 && input === stage.width;
  net.enter('', index);
  if (residual) net.fork();
  net.enter('layers');
  net.conv('0', expanded, 1);
  net.norm('1');
  net.act('2', 'relu');
  net.conv('3', expanded, stage.kernel, stride, expanded);
  net.norm('4');
  net.act('5', 'relu');
  net.conv('6', stage.width, 1);
  net.norm('7', 'batch', residual);
  net.exit();
  if (residual) net.merge('add', 'add');
  net.exit();
}
