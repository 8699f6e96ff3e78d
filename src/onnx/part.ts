/**
 * One part of a network (a stem, a block, a head) as an ONNX model of its own: its cost key is replayed
 * into the ONNX interpreter, so the part runs exactly the nodes it runs inside the whole network (batch
 * norms folded, as `measureLatency` exports).
 */
import { replayKey } from '../latency/key.js';
import type { Layer, Sink } from '../network/net.js';
import { OnnxError } from './errors.js';
import { irVersion } from './export.js';
import { Graph, INPUT, LOGITS } from './graph.js';
import { WeightStream } from './random.js';
import { encodeModel, FLOAT, type ValueInfoProto } from './schema.js';
import { OnnxSink } from './sink.js';

/** A part's model and the dims of its input after the batch axis. */
export interface PartModel {
  readonly bytes: Uint8Array;
  readonly inputDims: readonly number[];
}

/** Passes layers to the ONNX interpreter, following the tensor's layout to declare the output's rank. */
class LayoutFollower implements Sink {
  layout: 'NCHW' | 'NHWC' | 'NC' = 'NCHW';
  constructor(private readonly onnx: OnnxSink) {}
  layer(layer: Layer): void {
    if (layer.op === 'flatten') this.layout = 'NC';
    if (layer.op === 'permute') this.layout = layer.layout === 'channelsLast' ? 'NHWC' : 'NCHW';
    this.onnx.layer(layer);
  }
}

/**
 * The ONNX model of the part a cost key describes: input `input` [N, C, S, S], output `logits`, seeded
 * random weights, batch norms folded into their convs.
 *
 * @throws {@link OnnxError} for a part the exporter cannot write (a transformer's token ops)
 */
export function partToOnnx(key: string, seed: number, opset: number): PartModel {
  const slash = key.indexOf('/');
  const input = /^(\d+)x(\d+)$/.exec(key.slice(0, slash));
  if (input === null) throw new OnnxError('', `cannot export the part ${key}: its input is not an image tensor`);
  const graph = new Graph({ foldBatchNorm: true, exposeActivations: false, weights: new WeightStream(seed), residualScale: 1, opset });
  const onnx = new OnnxSink(graph);
  const follower = new LayoutFollower(onnx);
  let net;
  try {
    net = replayKey(key, follower, 'key');
  } catch (error) {
    if (error instanceof OnnxError) throw new OnnxError('', `cannot export the part ${key}: ${error.reason}`, { cause: error });
    throw error;
  }
  if (net.tokens > 0) throw new OnnxError('', `cannot export the part ${key}: it ends in a token sequence`);
  onnx.finish();
  const inputDims = [Number(input[1]), Number(input[2]), Number(input[2])];
  const { channels: c, size: s } = net.shape();
  const outputDims = follower.layout === 'NC' ? [c] : follower.layout === 'NHWC' ? [s, s, c] : [c, s, s];
  const bytes = encodeModel({
    ir_version: irVersion(opset),
    opset_import: [{ domain: '', version: opset }],
    producer_name: 'fastscale',
    doc_string: `part of a network exported by fastscale for latency measurement (seed ${seed}): ${key}`,
    graph: {
      name: 'part',
      node: graph.nodes,
      initializer: graph.initializers.map((init) => ({ name: init.name, dims: [...init.dims], data_type: FLOAT, raw_data: bytesOf(init.data) })),
      input: [valueInfo(INPUT, ['N', ...inputDims])],
      output: [valueInfo(LOGITS, ['N', ...outputDims])],
    },
    metadata_props: [{ key: 'fastscale.part', value: key }],
  });
  return { bytes, inputDims };
}

function valueInfo(name: string, dims: readonly (number | string)[]): ValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d }));
  return { name, type: { tensor_type: { elem_type: FLOAT, shape: { dim } } } };
}

/** Little-endian bytes of float32 data. */
function bytesOf(data: Float32Array): Uint8Array {
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  data.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return bytes;
}
