/** `toOnnx`: a model spec as an ONNX model with seeded random weights. */
import type { ModelSpec } from '../families/index.js';
import { boolean, join, nonNegativeInteger } from '../internal/check.js';
import { ownedRecord } from '../internal/read.js';
import { describe } from '../internal/describe.js';
import { countComplexity, walk } from '../network/count.js';
import type { Layer, Sink } from '../network/net.js';
import { checkSpec } from '../spec/check.js';
import type { Complexity } from '../spec/common.js';
import { OnnxError } from './errors.js';
import { Graph, INPUT, type Initializer, LOGITS, MAX_INITIALIZER_BYTES } from './graph.js';
import { WeightStream } from './random.js';
import { encodeModel, FLOAT, type ModelProto, type TensorProto, type ValueInfoProto } from './schema.js';
import { OnnxSink } from './sink.js';

/**
 * Options of {@link toOnnx}.
 *
 * @example
 * ```ts
 * import type { OnnxOptions } from 'fastscale/onnx';
 * const options: OnnxOptions = { seed: 42, foldBatchNorm: true };
 * ```
 */
export interface OnnxOptions {
  /** Seed of the pseudo-random weights, an integer in [0, 2^32 - 1]; default 0. */
  readonly seed?: number;
  /** Fold each batch norm into the preceding conv's weights and bias, as a deployed network does; default `false`. */
  readonly foldBatchNorm?: boolean;
  /**
   * Also declare as graph outputs the tensors counted as activations: every conv, max pool and linear
   * layer's output (the classifier's is `logits`), and for a transformer's attention its qkv projection,
   * attention scores, attention x v and output projection; default `false`.
   */
  readonly exposeActivations?: boolean;
  /** ONNX opset version, {@link MIN_OPSET} to {@link MAX_OPSET}; default {@link DEFAULT_OPSET}. */
  readonly opset?: number;
}

/**
 * The default ONNX opset of {@link toOnnx} (IR version 8).
 *
 * @example
 * ```ts
 * import { DEFAULT_OPSET } from 'fastscale/onnx';
 * DEFAULT_OPSET; // 17
 * ```
 */
export const DEFAULT_OPSET = 17;

/**
 * The lowest opset {@link toOnnx} writes: 17 (ONNX 1.12), a version every maintained runtime reads. (The
 * operators used - Conv, BatchNormalization, Relu, Sigmoid, Mul, Add, MaxPool, GlobalAveragePool, Flatten,
 * Gemm - have had their current form since opset 13.)
 *
 * @example
 * ```ts
 * import { MIN_OPSET, toOnnx } from 'fastscale/onnx';
 * import { zooModel } from 'fastscale';
 * toOnnx(zooModel('RegNetX-200MF'), { opset: MIN_OPSET });
 * ```
 */
export const MIN_OPSET = 17;

/**
 * The highest opset {@link toOnnx} writes (ONNX 1.17, IR version 10).
 *
 * @example
 * ```ts
 * import { MAX_OPSET, toOnnx } from 'fastscale/onnx';
 * import { zooModel } from 'fastscale';
 * toOnnx(zooModel('RegNetX-200MF'), { opset: MAX_OPSET });
 * ```
 */
export const MAX_OPSET = 22;

/** The IR version each opset was released with (onnx/docs/Versioning.md): a reader of that opset reads it. */
export function irVersion(opset: number): number {
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  return 10;
}

interface ExportSettings {
  readonly seed: number;
  readonly foldBatchNorm: boolean;
  readonly exposeActivations: boolean;
  readonly opset: number;
}

const OPTION_FIELDS = ['seed', 'foldBatchNorm', 'exposeActivations', 'opset'];

/** Checks `toOnnx` options; `undefined` stands for a default. */
export function checkOnnxOptions(value: unknown, path = 'options'): ExportSettings {
  if (value === undefined) return { seed: 0, foldBatchNorm: false, exposeActivations: false, opset: DEFAULT_OPSET };
  const options = ownedRecord(value, OPTION_FIELDS, path, 'ONNX export options', OnnxError);
  return {
    seed: options.seed === undefined ? 0 : checkSeed(options.seed, join(path, 'seed')),
    foldBatchNorm: options.foldBatchNorm === undefined ? false : boolean(options.foldBatchNorm, join(path, 'foldBatchNorm'), OnnxError),
    exposeActivations:
      options.exposeActivations === undefined ? false : boolean(options.exposeActivations, join(path, 'exposeActivations'), OnnxError),
    opset: options.opset === undefined ? DEFAULT_OPSET : checkOpset(options.opset, join(path, 'opset')),
  };
}

/** A seed: an integer in [0, 2^32 - 1] (the generator's state is 32 bits, so larger seeds would collide). */
export function checkSeed(value: unknown, path: string): number {
  const seed = nonNegativeInteger(value, path, OnnxError);
  if (seed > 0xffffffff) throw new OnnxError(path, `${describe(value)} is not an integer in [0, 4294967295]`);
  return seed;
}

function checkOpset(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= MIN_OPSET && value <= MAX_OPSET) return value;
  throw new OnnxError(path, `${describe(value)} is not an ONNX opset this exporter writes (an integer from ${MIN_OPSET} to ${MAX_OPSET})`);
}

/**
 * Exports the network a spec describes as an ONNX model: the same layers, in the same order, as pycls
 * builds (and as `complexity` counts), with seeded pseudo-random weights.
 *
 * The graph reads `input` [N, 3, r, r] (N symbolic, r = `spec.resolution.train`) and writes `logits`
 * [N, numClasses]. Stems, AnyNet blocks, RegNets (through their AnyNet form), ResNets in pycls's `resnet`
 * form and EfficientNet MBConv blocks are built from Conv (grouped and depthwise through `group`),
 * BatchNormalization, Relu or x * Sigmoid(x) (SiLU), MaxPool, Add, Mul, GlobalAveragePool, Flatten and Gemm;
 * vision transformers add Reshape, Transpose, Concat, Expand, Gather, LayerNormalization, MatMul, Softmax,
 * GELU (as Erf before opset 20) and ReduceMean, with PyTorch's `nn.MultiheadAttention` parameters.
 *
 * Initializers are named after the PyTorch state dict of the pycls model (`s1.b1.f.a.weight`,
 * `s1.b1.f.a_bn.running_var`). Unfolded, the initializers other than the batch norm running statistics
 * (`*.running_mean`, `*.running_var`: buffers, not parameters) hold exactly `complexity(spec).params`
 * numbers. With `exposeActivations`, the exposed outputs and the logits of one image hold exactly
 * `complexity(spec).acts` numbers.
 *
 * Weights are uniform pseudo-random numbers from `seed` (He-scaled convs, batch norms near their trained
 * ranges, residual branches damped by 1 / sqrt(blocks)), so that activations stay of order 1 at any depth:
 * fit for timing and for checking a runtime, not for predictions.
 *
 * @returns the serialized `onnx.ModelProto` (opset 17, IR version 8 by default)
 * @throws `SpecError` for an invalid spec
 * @throws {@link OnnxError} for a bad option, or weights beyond 2 GiB (the protobuf limit)
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { zooModel } from 'fastscale';
 * import { toOnnx } from 'fastscale/onnx';
 * const bytes = toOnnx(zooModel('RegNetY-400MF'), { seed: 1, foldBatchNorm: true });
 * writeFileSync('regnety-400mf.onnx', bytes);
 * ```
 */
export function toOnnx(spec: ModelSpec, options?: OnnxOptions): Uint8Array {
  const checked = checkSpec(spec);
  const cx = countComplexity(checked);
  const settings = checkOnnxOptions(options);
  // Refuse before any work: the weights alone would not fit in one protobuf message.
  if (4 * cx.params > MAX_INITIALIZER_BYTES) {
    throw new OnnxError('', `the network's ${cx.params} parameters need ${4 * cx.params} bytes, more than the ${MAX_INITIALIZER_BYTES} an ONNX file (one protobuf message, at most 2 GiB) can hold`);
  }
  const residuals = new ResidualCounter();
  walk(checked, residuals);
  const g = new Graph({
    foldBatchNorm: settings.foldBatchNorm,
    exposeActivations: settings.exposeActivations,
    weights: new WeightStream(settings.seed),
    residualScale: 1 / Math.sqrt(Math.max(1, residuals.count)),
    opset: settings.opset,
  });
  const sink = new OnnxSink(g);
  walk(checked, sink);
  sink.finish();
  return encodeModel(modelProto(g, checked, cx, settings));
}

/** Counts the residual sums of a network, for the damping of residual branches. */
class ResidualCounter implements Sink {
  count = 0;
  layer(layer: Layer): void {
    if (layer.op === 'merge' && layer.kind === 'add') this.count++;
  }
}

function modelProto(g: Graph, spec: ModelSpec, cx: Complexity, settings: ExportSettings): ModelProto {
  const r = spec.resolution.train;
  return {
    ir_version: irVersion(settings.opset),
    opset_import: [{ domain: '', version: settings.opset }],
    producer_name: 'fastscale',
    doc_string: `${spec.family} exported by fastscale with random weights (seed ${settings.seed}); pycls complexity: ${cx.flops} flops, ${cx.params} params, ${cx.acts} acts`,
    graph: {
      name: spec.family,
      node: g.nodes,
      initializer: g.initializers.map(tensorProto),
      input: [valueInfo(INPUT, ['N', 3, r, r])],
      output: [valueInfo(LOGITS, ['N', spec.numClasses]), ...g.exposed.map((t) => valueInfo(t.name, ['N', ...t.dims]))],
    },
    metadata_props: [
      { key: 'fastscale.spec', value: JSON.stringify(spec) },
      { key: 'fastscale.complexity', value: JSON.stringify(cx) },
      { key: 'fastscale.seed', value: String(settings.seed) },
      { key: 'fastscale.foldBatchNorm', value: String(settings.foldBatchNorm) },
    ],
  };
}

function valueInfo(name: string, dims: readonly (number | string)[]): ValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d }));
  return { name, type: { tensor_type: { elem_type: FLOAT, shape: { dim } } } };
}

function tensorProto(init: Initializer): TensorProto {
  return { name: init.name, dims: [...init.dims], data_type: FLOAT, raw_data: littleEndian(init.data) };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** ONNX `raw_data` is little-endian: a view of the floats on little-endian machines, a copy elsewhere. */
function littleEndian(data: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  data.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return bytes;
}
