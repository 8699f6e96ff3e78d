/**
 * AnyNets with torchvision's module names (`implementation: 'torchvision'`): on the ResNet stem they are
 * torchvision's `ResNet` (`conv1`, `layer1.0.conv1`, ..., `fc`), on the simple stem its `RegNet`
 * (`stem.0`, `trunk_output.block1.block1-0.f.a.0`, ..., `fc`). The same networks as pycls's, counted the
 * same; only names, and where torchvision computes a block's shortcut, differ.
 */
import { SpecError } from '../../errors.js';
import { describe } from '../../internal/describe.js';
import type { Net } from '../../network/net.js';
import { anyNetBottleneck } from '../blocks/pycls.js';
import type { Activation, AnyNetSpec, AnyNetStage } from './types.js';

/** The fields that decide whether torchvision has a network of a spec's shape. */
export type TorchvisionShape = Pick<AnyNetSpec, 'stem' | 'blockType' | 'seRatio' | 'headWidth' | 'activation'>;

/**
 * Throws a {@link SpecError} naming the field where torchvision has no network of this shape: its
 * `ResNet` has the ResNet stem, basic or bottleneck blocks without squeeze-excite, ReLU; its `RegNet` the
 * simple stem and bottleneck blocks (squeeze-excite and the activation as given); neither a head conv.
 */
export function checkTorchvisionShape(spec: TorchvisionShape): void {
  const { stem, blockType } = spec;
  const fail = (path: string, reason: string): never => {
    throw new SpecError(path, `${reason}, which implementation 'torchvision' cannot name (torchvision's ResNet: res_stem_in with res_basic_block or res_bottleneck_block; its RegNet: simple_stem_in with res_bottleneck_block)`);
  };
  if (spec.headWidth !== 0) fail('headWidth', `${spec.headWidth} adds a head conv`);
  if (stem.type === 'res_stem_in') {
    if (blockType !== 'res_basic_block' && blockType !== 'res_bottleneck_block') fail('blockType', `'${blockType}' on the ResNet stem is not a torchvision ResNet`);
    if (spec.seRatio !== null) fail('seRatio', `${describe(spec.seRatio)} adds squeeze-excite to a torchvision ResNet`);
    if (spec.activation !== 'relu') fail('activation', `'${spec.activation}' replaces the ReLU of a torchvision ResNet`);
  } else if (stem.type === 'simple_stem_in') {
    if (blockType !== 'res_bottleneck_block') fail('blockType', `'${blockType}' on the simple stem is not a torchvision RegNet`);
  } else {
    fail('stem.type', `'${stem.type}' is neither torchvision's ResNet stem nor its RegNet stem`);
  }
}

/** torchvision's ResNet or RegNet, as the stem says (the spec's shape is checked). */
export function describeTorchvisionAnyNet(net: Net, spec: AnyNetSpec): void {
  if (spec.stem.type === 'res_stem_in') describeResNet(net, spec);
  else describeRegNet(net, spec);
}

/** `torchvision.models.ResNet`: `conv1`, `bn1`, `relu`, `maxpool`, `layer1` ..., `avgpool`, `fc`. */
function describeResNet(net: Net, spec: AnyNetSpec): void {
  net.conv('conv1', spec.stem.width, 7, 2);
  net.norm('bn1');
  net.act('relu', 'relu');
  net.maxPool('maxpool', 3, 2);
  const block = spec.blockType === 'res_basic_block' ? basicBlock : bottleneckBlock;
  for (let i = 0; i < spec.stages.length; i++) {
    net.enter('layer', i + 1);
    net.blocks(spec.stages[i]!.depth, block, spec.stages[i]!, null);
    net.exit();
  }
  net.avgPool('avgpool');
  net.flatten('flatten');
  net.linear('fc', spec.numClasses, true);
}

/** `BasicBlock`: `conv1` (3x3, strided), `bn1`, `relu`, `conv2`, `bn2`, then the shortcut, the sum and `relu` again. */
function basicBlock(net: Net, index: number, stage: AnyNetStage): void {
  const stride = index === 0 ? stage.stride : 1;
  const inputWidth = net.channels;
  net.enter('', index);
  net.fork();
  net.conv('conv1', stage.width, 3, stride);
  net.norm('bn1');
  net.act('relu', 'relu');
  net.conv('conv2', stage.width, 3);
  net.norm('bn2', 'batch', true);
  endResNetBlock(net, inputWidth, stage.width, stride);
  net.exit();
}

/** `Bottleneck` (ResNet v1.5: the 3x3 conv is strided): `conv1`..`bn3` with one shared `relu`, then the shortcut. */
function bottleneckBlock(net: Net, index: number, stage: AnyNetStage): void {
  const stride = index === 0 ? stage.stride : 1;
  const inputWidth = net.channels;
  const bottleneck = anyNetBottleneck(inputWidth, stage.width, stage.bottleneckMultiplier!, stage.groupWidth!, 0);
  net.enter('', index);
  net.fork();
  net.conv('conv1', bottleneck.width, 1);
  net.norm('bn1');
  net.act('relu', 'relu');
  net.conv('conv2', bottleneck.width, 3, stride, bottleneck.groups);
  net.norm('bn2');
  net.act('relu', 'relu');
  net.conv('conv3', stage.width, 1);
  net.norm('bn3', 'batch', true);
  endResNetBlock(net, inputWidth, stage.width, stride);
  net.exit();
}

/**
 * The end of a torchvision ResNet block: torchvision computes the shortcut after the residual branch
 * (`downsample.0` conv and `downsample.1` BN on the block input, where the block changes width or
 * resolution), adds, and applies the block's `relu` once more.
 */
function endResNetBlock(net: Net, inputWidth: number, width: number, stride: number): void {
  if (inputWidth !== width || stride !== 1) {
    net.swap();
    net.conv('downsample.0', width, 1, stride);
    net.norm('downsample.1');
  }
  net.merge('add', 'add');
  net.act('relu', 'relu');
}

/** `torchvision.models.RegNet`: `stem`, `trunk_output.block1` ..., `avgpool`, `fc`. */
function describeRegNet(net: Net, spec: AnyNetSpec): void {
  net.enter('stem');
  net.conv('0', spec.stem.width, 3, 2);
  net.norm('1');
  net.act('2', spec.activation);
  net.exit();
  net.enter('trunk_output');
  for (let i = 0; i < spec.stages.length; i++) {
    net.enter('block', i + 1);
    net.blocks(spec.stages[i]!.depth, regNetBlock, i, spec);
    net.exit();
  }
  net.exit();
  net.avgPool('avgpool');
  net.flatten('flatten');
  net.linear('fc', spec.numClasses, true);
}

/**
 * `ResBottleneckBlock` `block{stage}-{index}`: the projection `proj` (first, as `proj(x) + f(x)` evaluates),
 * the bottleneck transform `f` (`a`, `b`, `se`, `c`, each a conv-norm-activation sequence), the sum and
 * `activation`.
 */
function regNetBlock(net: Net, index: number, stageIndex: number, spec: AnyNetSpec): void {
  const stage = spec.stages[stageIndex]!;
  const stride = index === 0 ? stage.stride : 1;
  const inputWidth = net.channels;
  const activation = spec.activation;
  const bottleneck = anyNetBottleneck(inputWidth, stage.width, stage.bottleneckMultiplier!, stage.groupWidth!, spec.seRatio ?? 0);
  net.enter(`block${stageIndex + 1}-`, index);
  net.fork();
  if (inputWidth !== stage.width || stride !== 1) {
    net.conv('proj.0', stage.width, 1, stride);
    net.norm('proj.1');
  }
  net.swap();
  net.enter('f');
  net.conv('a.0', bottleneck.width, 1);
  net.norm('a.1');
  net.act('a.2', activation);
  net.conv('b.0', bottleneck.width, 3, stride, bottleneck.groups);
  net.norm('b.1');
  net.act('b.2', activation);
  if (bottleneck.seWidth > 0) squeezeExcitation(net, bottleneck.seWidth, activation);
  net.conv('c.0', stage.width, 1);
  net.norm('c.1', 'batch', true);
  net.exit();
  net.merge('add', 'add');
  net.act('activation', activation);
  net.exit();
}

/** torchvision's `SqueezeExcitation` (`se.avgpool`, `se.fc1`, `se.activation`, `se.fc2`, `se.scale_activation`): a sigmoid gate. */
function squeezeExcitation(net: Net, seWidth: number, activation: Activation): void {
  const width = net.channels;
  net.enter('se');
  net.fork();
  net.avgPool('avgpool');
  net.conv('fc1', seWidth, 1, 1, 1, true);
  net.act('activation', activation);
  net.conv('fc2', width, 1, 1, 1, true);
  net.act('scale_activation', 'sigmoid');
  net.merge('', 'mul');
  net.exit();
}
