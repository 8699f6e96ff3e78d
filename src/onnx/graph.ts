/**
 * The graph under construction and its layer primitives, one per function of src/complexity/layers.ts
 * (the walk that counts pycls's complexity): each adds the ONNX nodes and initializers of one pycls layer.
 *
 * Names follow the pycls module tree, so initializers carry the keys of the PyTorch state dict of the same
 * pycls model (`s1.b1.f.a.weight`, `s1.b1.f.a_bn.running_var`). A node's output tensor has the node's name.
 */
import type { Activation } from '../spec/types.js';
import { OnnxError } from './errors.js';
import { ATTRIBUTE_TYPE, type AttributeProto, type NodeProto } from './schema.js';
import type { WeightStream } from './random.js';

/** A 4-D activation tensor [N, channels, size, size] (inputs are square). A flattened one keeps size 1. */
export interface Tensor {
  readonly name: string;
  readonly channels: number;
  readonly size: number;
}

/** A float32 initializer; its data may still change (batch norm folding) until the graph is encoded. */
export interface Initializer {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

/** Names of the graph's input [N, 3, r, r] and output [N, numClasses]. */
export const INPUT = 'input';
export const LOGITS = 'logits';

/** pycls's `BN.EPS`. */
export const BN_EPSILON = 1e-5;

/**
 * Initializers beyond this many bytes cannot be written: protobuf messages are limited to 2 GiB, and the
 * graph's nodes need a little of it.
 */
export const MAX_INITIALIZER_BYTES = 2 ** 31 - 2 ** 24;

/** How a graph is built. */
export interface GraphSettings {
  readonly activation: Activation;
  readonly foldBatchNorm: boolean;
  readonly exposeActivations: boolean;
  readonly weights: WeightStream;
  /** Factor on the scale of the batch norm ending each residual branch: 1 / sqrt(number of blocks). */
  readonly residualScale: number;
}

/** A conv whose batch norm may still be folded into it. */
interface FoldableConv {
  readonly node: NodeProto;
  readonly weight: Float32Array;
}

/** Nodes, initializers and exposed activations, in the order the layers were added. */
export class Graph {
  readonly nodes: NodeProto[] = [];
  readonly initializers: Initializer[] = [];
  /** Outputs of Conv and MaxPool nodes, to be declared graph outputs (option `exposeActivations`). */
  readonly exposed: Tensor[] = [];
  /** Bias-free convs by output name: the only layers a batch norm can follow. */
  private readonly foldable = new Map<string, FoldableConv>();
  private bytes = 0;

  constructor(readonly settings: GraphSettings) {}

  /** Adds a node; its output tensor is named `output` (by default the node's name). */
  node(opType: string, name: string, input: readonly string[], attribute: AttributeProto[] = [], output = name): NodeProto {
    const node: NodeProto = { name, op_type: opType, input: [...input], output: [output], attribute };
    this.nodes.push(node);
    return node;
  }

  /** Adds an initializer of `dims`, drawing its values with `draw` once the size is known to fit. */
  initializer(name: string, dims: readonly number[], draw: (count: number) => Float32Array): Float32Array {
    const count = dims.reduce((a, b) => a * b, 1);
    this.bytes += 4 * count;
    if (this.bytes > MAX_INITIALIZER_BYTES) {
      throw new OnnxError(
        '',
        `the network's weights need more than ${MAX_INITIALIZER_BYTES} bytes (at ${name}); an ONNX file is one protobuf message, limited to 2 GiB`,
      );
    }
    const data = draw(count);
    this.initializers.push({ name, dims, data });
    return data;
  }

  expose(tensor: Tensor): void {
    if (this.settings.exposeActivations) this.exposed.push(tensor);
  }

  rememberFoldable(output: string, conv: FoldableConv): void {
    this.foldable.set(output, conv);
  }

  /** The bias-free conv producing `output`, once: a conv takes at most one batch norm. */
  takeFoldable(output: string): FoldableConv {
    const conv = this.foldable.get(output);
    if (conv === undefined) throw new Error(`internal error: batch norm after '${output}', which is not a bias-free conv`);
    this.foldable.delete(output);
    return conv;
  }
}

const ints = (name: string, values: number[]): AttributeProto => ({ name, type: ATTRIBUTE_TYPE.INTS, ints: values });
const int = (name: string, value: number): AttributeProto => ({ name, type: ATTRIBUTE_TYPE.INT, i: value });
const float = (name: string, value: number): AttributeProto => ({ name, type: ATTRIBUTE_TYPE.FLOAT, f: value });

/** Output size of a k x k window with stride `stride` and padding (k - 1) / 2: pycls's `(h - 1) // stride + 1`. */
function strided(size: number, stride: number): number {
  return Math.floor((size - 1) / stride) + 1;
}

/**
 * k x k conv, stride `stride`, padding (k - 1) / 2, `groups` groups (depthwise when groups = channels).
 * Weights are He-uniform on the fan-in (variance 2 / fan-in), which keeps activations of order 1 through
 * conv + ReLU; biases (squeeze-excite only) as PyTorch's default, uniform within 1 / sqrt(fan-in).
 */
export function conv2d(g: Graph, x: Tensor, name: string, wOut: number, k: number, stride = 1, groups = 1, bias = false): Tensor {
  const fanIn = (k * k * x.channels) / groups;
  const weight = g.initializer(`${name}.weight`, [wOut, x.channels / groups, k, k], (n) =>
    g.settings.weights.symmetric(n, Math.sqrt(6 / fanIn)),
  );
  const input = [x.name, `${name}.weight`];
  if (bias) {
    g.initializer(`${name}.bias`, [wOut], (n) => g.settings.weights.symmetric(n, 1 / Math.sqrt(fanIn)));
    input.push(`${name}.bias`);
  }
  const pad = (k - 1) / 2;
  const node = g.node('Conv', name, input, [
    ints('kernel_shape', [k, k]),
    ints('strides', [stride, stride]),
    ints('pads', [pad, pad, pad, pad]),
    ints('dilations', [1, 1]),
    int('group', groups),
  ]);
  const y: Tensor = { name, channels: wOut, size: strided(x.size, stride) };
  if (!bias) g.rememberFoldable(name, { node, weight });
  g.expose(y);
  return y;
}

/**
 * Batch norm in inference form. Scale, shift and running statistics are drawn near their trained ranges
 * (scale in [0.5, 1), shift and mean in [-0.1, 0.1), variance in [0.5, 1.5)) so activations stay of order 1.
 * The batch norm that ends a residual branch (`residual`, pycls's `final_bn`) has its scale shrunk by
 * `residualScale`, 1 / sqrt(number of blocks), as Fixup and pycls's `ZERO_INIT_FINAL_GAMMA` do: each
 * residual sum then adds O(1 / blocks) to the variance, which stays bounded at any depth (unshrunk, a
 * 600-block CIFAR ResNet overflows float32).
 * With `foldBatchNorm`, it becomes part of the preceding conv instead: y = (x - mean) * scale / sqrt(var + eps)
 * + shift gives that conv's weights a per-output-channel factor and a bias, as a deployed network has.
 */
export function norm2d(g: Graph, x: Tensor, name: string, residual = false): Tensor {
  const { foldBatchNorm, weights, residualScale } = g.settings;
  // The same draws in the same order either way, so a folded model is the unfolded one, folded.
  const draw = (suffix: string, lo: number, hi: number): Float32Array =>
    foldBatchNorm ? weights.uniform(x.channels, lo, hi) : g.initializer(`${name}.${suffix}`, [x.channels], (n) => weights.uniform(n, lo, hi));
  const shrink = residual ? residualScale : 1;
  const scale = draw('weight', 0.5 * shrink, shrink);
  const shift = draw('bias', -0.1, 0.1);
  const mean = draw('running_mean', -0.1, 0.1);
  const variance = draw('running_var', 0.5, 1.5);
  if (foldBatchNorm) {
    foldIntoConv(g, x, { scale, shift, mean, variance });
    return x;
  }
  const input = [x.name, `${name}.weight`, `${name}.bias`, `${name}.running_mean`, `${name}.running_var`];
  g.node('BatchNormalization', name, input, [float('epsilon', BN_EPSILON)]);
  return { ...x, name };
}

interface BatchNormValues {
  readonly scale: Float32Array;
  readonly shift: Float32Array;
  readonly mean: Float32Array;
  readonly variance: Float32Array;
}

/** Folds batch norm values into the conv producing `x` (arithmetic in float64, rounded once to float32). */
function foldIntoConv(g: Graph, x: Tensor, bn: BatchNormValues): void {
  const conv = g.takeFoldable(x.name);
  const c = x.channels;
  const perChannel = conv.weight.length / c;
  const bias = g.initializer(`${conv.node.name}.bias`, [c], (n) => new Float32Array(n));
  for (let o = 0; o < c; o++) {
    const factor = bn.scale[o]! / Math.sqrt(bn.variance[o]! + BN_EPSILON);
    for (let j = o * perChannel; j < (o + 1) * perChannel; j++) conv.weight[j] = conv.weight[j]! * factor;
    bias[o] = bn.shift[o]! - bn.mean[o]! * factor;
  }
  conv.node.input.push(`${conv.node.name}.bias`);
}

/** The model's activation function: ReLU, or SiLU as x * sigmoid(x) (ONNX has no SiLU operator before opset 24). */
export function activation(g: Graph, x: Tensor, name: string): Tensor {
  if (g.settings.activation === 'relu') {
    g.node('Relu', name, [x.name]);
  } else {
    g.node('Sigmoid', `${name}.sigmoid`, [x.name]);
    g.node('Mul', name, [x.name, `${name}.sigmoid`]);
  }
  return { ...x, name };
}

/** k x k max pool, stride `stride`, padding (k - 1) / 2; its output counts as activations. */
export function pool2d(g: Graph, x: Tensor, name: string, k: number, stride: number): Tensor {
  const pad = (k - 1) / 2;
  g.node('MaxPool', name, [x.name], [ints('kernel_shape', [k, k]), ints('strides', [stride, stride]), ints('pads', [pad, pad, pad, pad])]);
  const y: Tensor = { name, channels: x.channels, size: strided(x.size, stride) };
  g.expose(y);
  return y;
}

/** Global average pool: spatial size 1. */
export function gap2d(g: Graph, x: Tensor, name: string): Tensor {
  g.node('GlobalAveragePool', name, [x.name]);
  return { name, channels: x.channels, size: 1 };
}

/** [N, C, 1, 1] to [N, C], as pycls's `x.view(x.size(0), -1)`. */
export function flatten(g: Graph, x: Tensor, name: string): Tensor {
  g.node('Flatten', name, [x.name], [int('axis', 1)]);
  return { ...x, name };
}

/**
 * Fully connected layer with bias, as Gemm with the PyTorch weight layout [out, in] (transB). Weights and
 * bias as PyTorch's default, uniform within 1 / sqrt(fan-in), so logits stay of order 1.
 */
export function linear(g: Graph, x: Tensor, name: string, wOut: number, output = name): Tensor {
  const bound = 1 / Math.sqrt(x.channels);
  g.initializer(`${name}.weight`, [wOut, x.channels], (n) => g.settings.weights.symmetric(n, bound));
  g.initializer(`${name}.bias`, [wOut], (n) => g.settings.weights.symmetric(n, bound));
  g.node('Gemm', name, [x.name, `${name}.weight`, `${name}.bias`], [int('transB', 1)], output);
  return { name: output, channels: wOut, size: 1 };
}

/**
 * Squeeze-excite: global pool, 1x1 conv to `wSe` with bias, the model's activation, 1x1 conv back with bias,
 * sigmoid; the result gates x channel by channel (broadcast over the spatial size, which is unchanged).
 */
export function squeezeExcite(g: Graph, x: Tensor, name: string, wSe: number): Tensor {
  let gate = gap2d(g, x, `${name}.avg_pool`);
  gate = conv2d(g, gate, `${name}.f_ex.0`, wSe, 1, 1, 1, true);
  gate = activation(g, gate, `${name}.f_ex.1`);
  gate = conv2d(g, gate, `${name}.f_ex.2`, x.channels, 1, 1, 1, true);
  g.node('Sigmoid', `${name}.f_ex.3`, [gate.name]);
  g.node('Mul', name, [x.name, `${name}.f_ex.3`]);
  return { ...x, name };
}

/**
 * Residual projection (1x1 conv with stride + BN, pycls's `proj` and `bn` of a block) when the block changes
 * width or resolution; otherwise the identity.
 */
export function projection(g: Graph, x: Tensor, block: string, wOut: number, stride: number): Tensor {
  if (x.channels === wOut && stride === 1) return x;
  const p = conv2d(g, x, `${block}.proj`, wOut, 1, stride);
  return norm2d(g, p, `${block}.bn`);
}

/** Element-wise sum of a residual connection. */
export function add(g: Graph, a: Tensor, b: Tensor, name: string): Tensor {
  g.node('Add', name, [a.name, b.name]);
  return { ...b, name };
}

/** A stage's block function: adds one block named `name` with first-block stride `stride`. */
export type BlockGraph<P> = (g: Graph, x: Tensor, name: string, wOut: number, stride: number, params: P) => Tensor;

/** A stage of `depth` blocks `${name}.b1`, `${name}.b2`, ...: the first takes the stride, the rest stride 1. */
export function stage<P>(g: Graph, block: BlockGraph<P>, x: Tensor, name: string, wOut: number, stride: number, depth: number, params: P): Tensor {
  for (let i = 0; i < depth; i++) x = block(g, x, `${name}.b${i + 1}`, wOut, i === 0 ? stride : 1, params);
  return x;
}
