/**
 * The ONNX graph under construction: nodes, initializers (seeded pseudo-random weights) and the outputs
 * exposed for activation checks. The layers come from src/onnx/sink.ts, which interprets a network's
 * description; this module only knows ONNX.
 *
 * Names follow the module tree of the description, so initializers carry the keys of the PyTorch state
 * dict of the same model (`s1.b1.f.a.weight`, `s1.b1.f.a_bn.running_var`). A node's output tensor has the
 * node's name.
 */
import { OnnxError } from './errors.js';
import type { WeightStream } from './random.js';
import { ATTRIBUTE_TYPE, type AttributeProto, FLOAT, INT64, type NodeProto } from './schema.js';

/** Names of the graph's input [N, 3, r, r] and output [N, numClasses]. */
export const INPUT = 'input';
export const LOGITS = 'logits';

/**
 * Initializers beyond this many bytes cannot be written: protobuf messages are limited to 2 GiB, and the
 * graph's nodes need a little of it.
 */
export const MAX_INITIALIZER_BYTES = 2 ** 31 - 2 ** 24;

/** A float32 initializer; its data may still change (batch norm folding) until the graph is encoded. */
export interface Initializer {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

/** A graph output declared for checks: a tensor name and its dims after the batch axis. */
export interface ExposedTensor {
  readonly name: string;
  readonly dims: readonly number[];
}

/** How a graph is built. */
export interface GraphSettings {
  readonly foldBatchNorm: boolean;
  readonly exposeActivations: boolean;
  readonly weights: WeightStream;
  /** Factor on the scale of the norm ending each residual branch: 1 / sqrt(number of residual sums). */
  readonly residualScale: number;
  readonly opset: number;
}

/** A conv whose batch norm may still be folded into it. */
interface FoldableConv {
  readonly node: NodeProto;
  readonly weight: Float32Array;
}

const ints = (name: string, values: number[]): AttributeProto => ({ name, type: ATTRIBUTE_TYPE.INTS, ints: values });
const int = (name: string, value: number): AttributeProto => ({ name, type: ATTRIBUTE_TYPE.INT, i: value });
const float = (name: string, value: number): AttributeProto => ({ name, type: ATTRIBUTE_TYPE.FLOAT, f: value });

/** Nodes, initializers and exposed activations, in the order the layers were added. */
export class Graph {
  readonly nodes: NodeProto[] = [];
  readonly initializers: Initializer[] = [];
  readonly exposed: ExposedTensor[] = [];
  /** Bias-free convs by output name: the only layers a batch norm can be folded into. */
  private readonly foldable = new Map<string, FoldableConv>();
  private bytes = 0;
  private constants = 0;

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
      throw new OnnxError('', `the network's weights need more than ${MAX_INITIALIZER_BYTES} bytes (at ${name}); an ONNX file is one protobuf message, limited to 2 GiB`);
    }
    const data = draw(count);
    this.initializers.push({ name, dims, data });
    return data;
  }

  /**
   * A constant tensor (float32, or int64 for the shapes, axes and indices some operators read), named
   * uniquely. It is a Constant node, not an initializer: the initializers are exactly the network's
   * parameters and buffers.
   */
  constant(values: readonly number[], dims: readonly number[] = [values.length], type: 'float' | 'int64' = 'float'): string {
    const name = `const.${this.constants++}`;
    const raw_data = type === 'float' ? floatBytes(values) : int64Bytes(values);
    const tensor = { name, dims: [...dims], data_type: type === 'float' ? FLOAT : INT64, raw_data };
    this.node('Constant', name, [], [{ name: 'value', type: ATTRIBUTE_TYPE.TENSOR, t: tensor }]);
    return name;
  }

  /** An int64 constant: a shape, axes, or (with `dims` []) a scalar index. */
  int64s(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant(values, dims, 'int64');
  }

  /** Declares a tensor a graph output (option `exposeActivations`). */
  expose(name: string, dims: readonly number[]): void {
    if (this.settings.exposeActivations) this.exposed.push({ name, dims });
  }

  /**
   * k x k conv. Weights are He-uniform on the fan-in (variance 2 / fan-in), which keeps activations of
   * order 1 through conv + ReLU; biases as PyTorch's default, uniform within 1 / sqrt(fan-in).
   */
  conv(input: string, name: string, inChannels: number, out: number, kernel: number, stride: number, padding: number, groups: number, bias: boolean): void {
    const fanIn = (kernel * kernel * inChannels) / groups;
    const weight = this.initializer(`${name}.weight`, [out, inChannels / groups, kernel, kernel], (n) => this.settings.weights.symmetric(n, Math.sqrt(6 / fanIn)));
    const inputs = [input, `${name}.weight`];
    if (bias) {
      this.initializer(`${name}.bias`, [out], (n) => this.settings.weights.symmetric(n, 1 / Math.sqrt(fanIn)));
      inputs.push(`${name}.bias`);
    }
    const node = this.node('Conv', name, inputs, [
      ints('kernel_shape', [kernel, kernel]),
      ints('strides', [stride, stride]),
      ints('pads', [padding, padding, padding, padding]),
      ints('dilations', [1, 1]),
      int('group', groups),
    ]);
    if (!bias) this.foldable.set(name, { node, weight });
  }

  /**
   * Batch norm in inference form. Scale, shift and running statistics are drawn near their trained ranges
   * (scale in [0.5, 1), shift and mean in [-0.1, 0.1), variance in [0.5, 1.5)) so activations stay of
   * order 1. The norm that ends a residual branch has its scale shrunk by `residualScale`, as Fixup and
   * pycls's `ZERO_INIT_FINAL_GAMMA` do: each residual sum then adds O(1 / blocks) to the variance, which
   * stays bounded at any depth. With `foldBatchNorm`, it becomes part of the preceding conv instead:
   * y = (x - mean) * scale / sqrt(var + eps) + shift gives that conv's weights a per-output-channel factor
   * and a bias, as a deployed network has. Returns the output tensor's name.
   */
  batchNorm(input: string, name: string, channels: number, eps: number, endsResidual: boolean): string {
    const { foldBatchNorm, weights, residualScale } = this.settings;
    // The same draws in the same order either way, so a folded model is the unfolded one, folded.
    const draw = (suffix: string, lo: number, hi: number): Float32Array =>
      foldBatchNorm ? weights.uniform(channels, lo, hi) : this.initializer(`${name}.${suffix}`, [channels], (n) => weights.uniform(n, lo, hi));
    const shrink = endsResidual ? residualScale : 1;
    const scale = draw('weight', 0.5 * shrink, shrink);
    const shift = draw('bias', -0.1, 0.1);
    const mean = draw('running_mean', -0.1, 0.1);
    const variance = draw('running_var', 0.5, 1.5);
    const conv = foldBatchNorm ? this.foldable.get(input) : undefined;
    if (conv !== undefined) {
      this.foldable.delete(input);
      const perChannel = conv.weight.length / channels;
      const bias = this.initializer(`${conv.node.name}.bias`, [channels], (n) => new Float32Array(n));
      for (let o = 0; o < channels; o++) {
        const factor = scale[o]! / Math.sqrt(variance[o]! + eps);
        for (let j = o * perChannel; j < (o + 1) * perChannel; j++) conv.weight[j] = conv.weight[j]! * factor;
        bias[o] = shift[o]! - mean[o]! * factor;
      }
      conv.node.input.push(`${conv.node.name}.bias`);
      return input;
    }
    if (foldBatchNorm) throw new OnnxError('', `internal error: batch norm ${name} does not follow a bias-free conv`);
    this.node('BatchNormalization', name, [input, `${name}.weight`, `${name}.bias`, `${name}.running_mean`, `${name}.running_var`], [float('epsilon', eps)]);
    return name;
  }

  /** Layer norm over the last axis (scale in [0.5, 1), shift near 0); its parameters are `name.weight` and `name.bias`. */
  layerNorm(input: string, name: string, channels: number, eps: number, endsResidual: boolean, output = name): void {
    const shrink = endsResidual ? this.settings.residualScale : 1;
    this.initializer(`${name}.weight`, [channels], (n) => this.settings.weights.uniform(n, 0.5 * shrink, shrink));
    this.initializer(`${name}.bias`, [channels], (n) => this.settings.weights.uniform(n, -0.1, 0.1));
    this.node('LayerNormalization', name, [input, `${name}.weight`, `${name}.bias`], [int('axis', -1), float('epsilon', eps)], output);
  }

  /** Permutes axes; returns the output's name. */
  transpose(input: string, name: string, perm: number[]): string {
    this.node('Transpose', name, [input], [ints('perm', perm)]);
    return name;
  }

  /** [N, C, 1, 1] to [N, C]; returns the output's name. */
  flatten(input: string, name: string): string {
    this.node('Flatten', name, [input], [int('axis', 1)]);
    return name;
  }

  /** Fully connected layer over the last axis: Gemm on [N, C], MatMul + Add on more axes. Weight layout [out, in] as PyTorch's. */
  linear(input: string, name: string, inFeatures: number, out: number, bias: boolean, flat: boolean, output = name): void {
    const bound = 1 / Math.sqrt(inFeatures);
    const weights = this.settings.weights;
    if (flat) {
      this.initializer(`${name}.weight`, [out, inFeatures], (n) => weights.symmetric(n, bound));
      const inputs = [input, `${name}.weight`];
      if (bias) {
        this.initializer(`${name}.bias`, [out], (n) => weights.symmetric(n, bound));
        inputs.push(`${name}.bias`);
      }
      this.node('Gemm', name, inputs, [int('transB', 1)], output);
      return;
    }
    // MatMul multiplies by [in, out]: the weight keeps PyTorch's [out, in] layout and state-dict name, and
    // a Transpose of it (folded into a constant by runtimes) feeds the MatMul.
    this.initializer(`${name}.weight`, [out, inFeatures], (n) => weights.symmetric(n, bound));
    this.transpose(`${name}.weight`, `${name}.weight_t`, [1, 0]);
    if (!bias) {
      this.node('MatMul', name, [input, `${name}.weight_t`], [], output);
      return;
    }
    this.initializer(`${name}.bias`, [out], (n) => weights.symmetric(n, bound));
    this.node('MatMul', `${name}.matmul`, [input, `${name}.weight_t`]);
    this.node('Add', name, [`${name}.matmul`, `${name}.bias`], [], output);
  }

  /** An activation function; returns the output tensor's name. */
  activation(input: string, name: string, kind: string): string {
    switch (kind) {
      case 'relu':
        this.node('Relu', name, [input]);
        break;
      case 'relu6':
        this.node('Clip', name, [input, this.scalar(0), this.scalar(6)]);
        break;
      case 'sigmoid':
        this.node('Sigmoid', name, [input]);
        break;
      case 'silu':
        // ONNX has no SiLU operator before opset 24: x * sigmoid(x).
        this.node('Sigmoid', `${name}.sigmoid`, [input]);
        this.node('Mul', name, [input, `${name}.sigmoid`]);
        break;
      case 'hardswish':
        this.node('HardSwish', name, [input]);
        break;
      case 'hardsigmoid':
        // PyTorch's hardsigmoid is relu6(x + 3) / 6.
        this.node('HardSigmoid', name, [input], [float('alpha', 1 / 6), float('beta', 0.5)]);
        break;
      case 'gelu':
        if (this.settings.opset >= 20) this.node('Gelu', name, [input]);
        else {
          // The exact (erf) GELU: x * (1 + erf(x / sqrt 2)) / 2.
          this.node('Div', `${name}.scaled`, [input, this.scalar(Math.SQRT2)]);
          this.node('Erf', `${name}.erf`, [`${name}.scaled`]);
          this.node('Add', `${name}.one_plus`, [`${name}.erf`, this.scalar(1)]);
          this.node('Mul', `${name}.product`, [input, `${name}.one_plus`]);
          this.node('Mul', name, [`${name}.product`, this.scalar(0.5)]);
        }
        break;
      default:
        throw new OnnxError('', `internal error: no ONNX form of activation '${kind}'`);
    }
    return name;
  }

  /** k x k max pool. */
  maxPool(input: string, name: string, kernel: number, stride: number, padding: number): void {
    this.node('MaxPool', name, [input], [ints('kernel_shape', [kernel, kernel]), ints('strides', [stride, stride]), ints('pads', [padding, padding, padding, padding])]);
  }

  /** A scalar float constant. */
  scalar(value: number): string {
    return this.constant([value], []);
  }

  /**
   * [N, C, h, w] to the token sequence [N, h * w, C] (row-major patches, as PyTorch's `flatten(2)` and
   * `transpose(1, 2)`); returns the output's name.
   */
  tokens(input: string, name: string, channels: number): string {
    this.node('Reshape', `${name}.flat`, [input, this.int64s([0, channels, -1])]);
    return this.transpose(`${name}.flat`, name, [0, 2, 1]);
  }

  /** Prepends the learned token `name` ([1, 1, C], copied for each image) to the sequence; returns the output's name. */
  classToken(input: string, name: string, output: string, channels: number): string {
    this.initializer(name, [1, 1, channels], (n) => this.settings.weights.uniform(n, -0.1, 0.1));
    // Expand to [N, 1, C]: broadcast against a shape [N, 1, 1] made of the input's batch size.
    this.node('Shape', `${name}.batch`, [input], [int('start', 0), int('end', 1)]);
    this.node('Concat', `${name}.shape`, [`${name}.batch`, this.int64s([1, 1])], [int('axis', 0)]);
    this.node('Expand', `${name}.expanded`, [name, `${name}.shape`]);
    this.node('Concat', output, [`${name}.expanded`, input], [int('axis', 1)]);
    return output;
  }

  /**
   * Adds the learned position embedding `name`, stored as [1, L, C] or (`sequenceFirst`, pycls's) as
   * [L, 1, C] and transposed to the sequence's [N, L, C]; returns the output's name.
   */
  positionEmbedding(input: string, name: string, output: string, tokens: number, channels: number, sequenceFirst: boolean): string {
    this.initializer(name, sequenceFirst ? [tokens, 1, channels] : [1, tokens, channels], (n) => this.settings.weights.uniform(n, -0.1, 0.1));
    const embedding = sequenceFirst ? this.transpose(name, `${name}.batch_first`, [1, 0, 2]) : name;
    this.node('Add', output, [input, embedding]);
    return output;
  }

  /**
   * Multi-head self-attention over [N, L, C] as PyTorch's `nn.MultiheadAttention` computes it, with its
   * parameters (`in_proj_weight` [3C, C], `in_proj_bias`, `out_proj.weight` [C, C], `out_proj.bias`): the
   * qkv projection, q k^T / sqrt(head width) per head, softmax, attention x v, heads merged, the output
   * projection. The four tensors pycls counts as activations are exposed: the qkv projection [L, 3C], the
   * attention scores q k^T [heads, L, L], attention x v [heads, L, C / heads] and the output [L, C].
   * Returns the output's name (`name`).
   */
  attention(input: string, name: string, channels: number, heads: number, tokens: number): string {
    const headWidth = channels / heads;
    const weights = this.settings.weights;
    // PyTorch's init: Xavier-uniform in_proj, 1 / sqrt(fan-in) out_proj; small biases.
    this.initializer(`${name}.in_proj_weight`, [3 * channels, channels], (n) => weights.symmetric(n, Math.sqrt(6 / (4 * channels))));
    this.initializer(`${name}.in_proj_bias`, [3 * channels], (n) => weights.symmetric(n, 1 / Math.sqrt(channels)));
    this.initializer(`${name}.out_proj.weight`, [channels, channels], (n) => weights.symmetric(n, 1 / Math.sqrt(channels)));
    this.initializer(`${name}.out_proj.bias`, [channels], (n) => weights.symmetric(n, 1 / Math.sqrt(channels)));
    const qkv = `${name}.qkv`;
    this.projection(input, `${name}.in_proj_weight`, `${name}.in_proj_bias`, qkv);
    this.expose(qkv, [tokens, 3 * channels]);
    // [N, L, 3C] -> [N, L, 3, heads, hd] -> [3, N, heads, L, hd], then q, k and v.
    this.node('Reshape', `${qkv}.heads`, [qkv, this.int64s([0, 0, 3, heads, headWidth])]);
    this.transpose(`${qkv}.heads`, `${qkv}.split`, [2, 0, 3, 1, 4]);
    const [q, k, v] = ['q', 'k', 'v'].map((part, i) => {
      this.node('Gather', `${name}.${part}`, [`${qkv}.split`, this.int64s([i], [])], [int('axis', 0)]);
      return `${name}.${part}`;
    });
    this.transpose(k!, `${name}.k_t`, [0, 1, 3, 2]);
    this.node('MatMul', `${name}.scores`, [q!, `${name}.k_t`]);
    this.expose(`${name}.scores`, [heads, tokens, tokens]);
    this.node('Mul', `${name}.scaled`, [`${name}.scores`, this.scalar(1 / Math.sqrt(headWidth))]);
    this.node('Softmax', `${name}.weights`, [`${name}.scaled`], [int('axis', -1)]);
    this.node('MatMul', `${name}.context`, [`${name}.weights`, v!]);
    this.expose(`${name}.context`, [heads, tokens, headWidth]);
    this.transpose(`${name}.context`, `${name}.context.tokens`, [0, 2, 1, 3]);
    this.node('Reshape', `${name}.context.merged`, [`${name}.context.tokens`, this.int64s([0, 0, channels])]);
    this.projection(`${name}.context.merged`, `${name}.out_proj.weight`, `${name}.out_proj.bias`, name);
    this.expose(name, [tokens, channels]);
    return name;
  }

  /** x W^T + b over the last axis, for a weight stored as PyTorch stores it ([out, in]). */
  private projection(input: string, weight: string, bias: string, output: string): void {
    this.transpose(weight, `${weight}.t`, [1, 0]);
    this.node('MatMul', `${output}.matmul`, [input, `${weight}.t`]);
    this.node('Add', output, [`${output}.matmul`, bias]);
  }

  /** [N, L, C] to [N, C]: the first token, or the mean of all tokens; returns the output's name. */
  selectToken(input: string, name: string, select: 'first' | 'mean'): string {
    if (select === 'first') {
      this.node('Gather', name, [input, this.int64s([0], [])], [int('axis', 1)]);
    } else if (this.settings.opset >= 18) {
      // Opset 18 moved ReduceMean's axes from an attribute to an input.
      this.node('ReduceMean', name, [input, this.int64s([1])], [int('keepdims', 0)]);
    } else {
      this.node('ReduceMean', name, [input], [ints('axes', [1]), int('keepdims', 0)]);
    }
    return name;
  }
}

/** float32 little-endian bytes. */
function floatBytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(4 * values.length);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return bytes;
}

/** int64 little-endian bytes (the values are small integers: shapes, axes, indices). */
function int64Bytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(8 * values.length);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(8 * i, BigInt(v), true));
  return bytes;
}
