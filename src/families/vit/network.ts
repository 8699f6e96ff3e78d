/**
 * The vision transformer, in forward order, with pycls's module names (`vit.py`) or torchvision's
 * (`vision_transformer.py`). Both build the same network: stem, tokens, class token, position embedding,
 * pre-norm encoder blocks, final layer norm, classifier.
 */
import type { Net } from '../../network/net.js';
import type { VitConvStemLayer, VitSpec } from './types.js';

/** Module names and layer norm epsilon of one implementation's encoder block and head. */
interface Naming {
  readonly block: string;
  readonly attention: string;
  readonly mlp: string;
  readonly fc1: string;
  readonly act: string;
  readonly fc2: string;
  readonly eps: number;
}

/** pycls: `encoder.block_0.{ln_1, self_attention.block, ln_2, mlp_block.{linear_1, af, linear_2}}`; `LN.EPS` 1e-5. */
const PYCLS: Naming = { block: 'block_', attention: 'self_attention.block', mlp: 'mlp_block', fc1: 'linear_1', act: 'af', fc2: 'linear_2', eps: 1e-5 };

/** torchvision: `encoder.layers.encoder_layer_0.{ln_1, self_attention, ln_2, mlp.{0, 1, 3}}`; LayerNorm eps 1e-6. */
const TORCHVISION: Naming = { block: 'encoder_layer_', attention: 'self_attention', mlp: 'mlp', fc1: '0', act: '1', fc2: '3', eps: 1e-6 };

/** torchvision's BatchNorm2d in a conv stem keeps PyTorch's default epsilon, as pycls's `BN.EPS` does. */
const BN_EPS = 1e-5;

/** The network of a vision transformer spec, named as its implementation names it. */
export function describeVit(net: Net, spec: VitSpec): void {
  if (spec.implementation === 'torchvision') describeTorchvision(net, spec);
  else describePycls(net, spec);
}

function describePycls(net: Net, spec: VitSpec): void {
  net.enter('stem');
  if (spec.stem.type === 'patchify') net.conv('patchify', spec.hiddenWidth, spec.patchSize, spec.patchSize, 1, true, 0);
  else pyclsConvStem(net, spec.stem.convs);
  net.exit();
  net.toTokens('tokens');
  if (spec.classifier === 'token') net.classToken('class_token');
  net.positionEmbedding('pos_embedding', true);
  net.enter('encoder');
  net.blocks(spec.layers, encoderBlock, spec, PYCLS);
  net.norm('ln', 'layer', false, PYCLS.eps);
  net.exit();
  net.selectToken('token', spec.classifier === 'token' ? 'first' : 'mean');
  net.enter('head');
  net.linear('head_fc', spec.numClasses, true);
  net.exit();
}

/** pycls's `ViTStemConv`: `cstem{i}_conv`, `cstem{i}_bn`, `cstem{i}_af` (ReLU), then `cstem_last_conv` with a bias. */
function pyclsConvStem(net: Net, convs: readonly VitConvStemLayer[]): void {
  const last = convs.length - 1;
  for (let i = 0; i < last; i++) {
    const conv = convs[i]!;
    net.conv(cstemName(i, 'conv'), conv.width, conv.kernel, conv.stride);
    net.norm(cstemName(i, 'bn'), 'batch', false, BN_EPS);
    net.act(cstemName(i, 'af'), 'relu');
  }
  const conv = convs[last]!;
  net.conv('cstem_last_conv', conv.width, conv.kernel, conv.stride, 1, true);
}

function describeTorchvision(net: Net, spec: VitSpec): void {
  if (spec.stem.type === 'patchify') net.conv('conv_proj', spec.hiddenWidth, spec.patchSize, spec.patchSize, 1, true, 0);
  else torchvisionConvStem(net, spec.stem.convs);
  net.toTokens('tokens');
  if (spec.classifier === 'token') net.classToken('class_token');
  net.enter('encoder');
  net.positionEmbedding('pos_embedding');
  net.enter('layers');
  net.blocks(spec.layers, encoderBlock, spec, TORCHVISION);
  net.exit();
  net.norm('ln', 'layer', false, TORCHVISION.eps);
  net.exit();
  net.selectToken('token', spec.classifier === 'token' ? 'first' : 'mean');
  net.enter('heads');
  net.linear('head', spec.numClasses, true);
  net.exit();
}

/** torchvision's conv stem: `conv_proj.conv_bn_relu_{i}.{0, 1, 2}` (conv, BatchNorm2d, ReLU), then `conv_proj.conv_last`. */
function torchvisionConvStem(net: Net, convs: readonly VitConvStemLayer[]): void {
  net.enter('conv_proj');
  const last = convs.length - 1;
  for (let i = 0; i < last; i++) {
    const conv = convs[i]!;
    net.enter('conv_bn_relu_', i);
    net.conv('0', conv.width, conv.kernel, conv.stride);
    net.norm('1', 'batch', false, BN_EPS);
    net.act('2', 'relu');
    net.exit();
  }
  const conv = convs[last]!;
  net.conv('conv_last', conv.width, conv.kernel, conv.stride, 1, true);
  net.exit();
}

/** One pre-norm encoder block: x + attention(ln_1(x)), then x + mlp(ln_2(x)). */
function encoderBlock(net: Net, index: number, spec: VitSpec, naming: Naming): void {
  net.enter(naming.block, index);
  net.fork();
  net.norm('ln_1', 'layer', false, naming.eps);
  net.attention(naming.attention, spec.heads);
  net.merge('add', 'add');
  net.fork();
  net.norm('ln_2', 'layer', false, naming.eps);
  net.enter(naming.mlp);
  net.linear(naming.fc1, spec.mlpWidth, true);
  net.act(naming.act, 'gelu');
  net.linear(naming.fc2, spec.hiddenWidth, true);
  net.exit();
  net.merge('add', 'add');
  net.exit();
}

/** `cstem{i}_{part}` names, built once each: the stem is walked on every count, which must not allocate. */
const CSTEM_NAMES: Record<string, string>[] = [];

function cstemName(index: number, part: 'conv' | 'bn' | 'af'): string {
  const names = (CSTEM_NAMES[index] ??= { conv: `cstem${index}_conv`, bn: `cstem${index}_bn`, af: `cstem${index}_af` });
  return names[part]!;
}
