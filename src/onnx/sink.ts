/**
 * The ONNX interpreter of a network description: each layer the walk hands over becomes ONNX nodes and
 * initializers. Shapes come from the walk, so the graph's shapes are the ones `complexity` counted.
 */
import type { Layer, Shape, Sink } from '../network/net.js';
import { OnnxError } from './errors.js';
import { type Graph, INPUT, LOGITS } from './graph.js';

/** How the current tensor is laid out in the graph: an image, channels-last pixels, a vector, or a token sequence [N, L, C]. */
type Layout = 'NCHW' | 'NHWC' | 'NC' | 'NLC';

/** Dims after the batch axis of a tensor of `shape` laid out as `layout`. */
function dims(shape: Shape, layout: Layout): number[] {
  if (layout === 'NC') return [shape.channels];
  if (layout === 'NLC') return [shape.tokens, shape.channels];
  if (layout === 'NHWC') return [shape.size, shape.size, shape.channels];
  return [shape.channels, shape.size, shape.size];
}

/** Turns layers into graph nodes; the last layer's output is renamed `logits`. */
export class OnnxSink implements Sink {
  private current = INPUT;
  private layout: Layout = 'NCHW';
  private readonly stack: { name: string; layout: Layout }[] = [];
  /** Output names used so far: a module applied twice (torchvision's shared `relu`) gets `.1`, `.2`, ... */
  private readonly used = new Set<string>();

  constructor(private readonly graph: Graph) {}

  layer(layer: Layer): void {
    const g = this.graph;
    const x = this.current;
    switch (layer.op) {
      case 'conv':
        g.conv(x, layer.name, layer.input.channels, layer.output.channels, layer.kernel, layer.stride, layer.padding, layer.groups, layer.bias);
        this.produced(layer.name, dims(layer.output, 'NCHW'));
        return;
      case 'norm': {
        if (layer.kind === 'batch') {
          this.to(g.batchNorm(x, layer.name, layer.input.channels, layer.eps, layer.endsResidual));
          return;
        }
        if (layer.kind === 'layer2d') {
          // LayerNorm over the channels of an NCHW tensor: to NHWC, normalise the last axis, and back.
          g.transpose(x, `${layer.name}.to_nhwc`, [0, 2, 3, 1]);
          g.layerNorm(`${layer.name}.to_nhwc`, layer.name, layer.input.channels, layer.eps, layer.endsResidual, `${layer.name}.norm`);
          this.to(g.transpose(`${layer.name}.norm`, this.unique(`${layer.name}.to_nchw`), [0, 3, 1, 2]));
        } else {
          g.layerNorm(x, layer.name, layer.input.channels, layer.eps, layer.endsResidual);
          this.to(layer.name);
        }
        return;
      }
      case 'act':
        this.to(g.activation(x, this.unique(layer.name), layer.kind));
        return;
      case 'maxpool':
        g.maxPool(x, layer.name, layer.kernel, layer.stride, layer.padding);
        this.produced(layer.name, dims(layer.output, 'NCHW'));
        return;
      case 'avgpool':
        this.to(g.node('GlobalAveragePool', this.unique(layer.name), [x]).output[0]!);
        return;
      case 'flatten':
        this.to(g.flatten(x, this.unique(layer.name)));
        this.layout = 'NC';
        return;
      case 'permute':
        this.to(g.transpose(x, this.unique(layer.name), layer.layout === 'channelsLast' ? [0, 2, 3, 1] : [0, 3, 1, 2]));
        this.layout = layer.layout === 'channelsLast' ? 'NHWC' : 'NCHW';
        return;
      case 'linear':
        g.linear(x, layer.name, layer.input.channels, layer.output.channels, layer.bias, this.layout === 'NC');
        this.produced(layer.name, dims(layer.output, this.layout));
        return;
      case 'scale': {
        // A learned per-channel factor of shape [C, 1, 1], broadcast over an NCHW tensor.
        const channels = layer.input.channels;
        g.initializer(layer.name, [channels, 1, 1], (n) => g.settings.weights.uniform(n, 0.5, 1));
        this.to(g.node('Mul', this.unique(`${layer.name}.mul`), [x, layer.name]).output[0]!);
        return;
      }
      case 'fork':
        this.stack.push({ name: x, layout: this.layout });
        return;
      case 'swap': {
        const top = this.stack.pop()!;
        this.stack.push({ name: x, layout: this.layout });
        this.current = top.name;
        this.layout = top.layout;
        return;
      }
      case 'merge': {
        const kept = this.stack.pop()!;
        const name = this.unique(layer.name === '' ? 'merge' : layer.name);
        g.node(layer.kind === 'add' ? 'Add' : 'Mul', name, [kept.name, x]);
        this.layout = kept.layout;
        this.to(name);
        return;
      }
      case 'tokens':
        this.to(g.tokens(x, this.unique(layer.name), layer.input.channels));
        this.layout = 'NLC';
        return;
      case 'classToken':
        this.to(g.classToken(x, layer.name, this.unique(`${layer.name}.cat`), layer.input.channels));
        return;
      case 'positionEmbedding':
        this.to(g.positionEmbedding(x, layer.name, this.unique(`${layer.name}.add`), layer.input.tokens, layer.input.channels, layer.sequenceFirst));
        return;
      case 'attention':
        this.to(g.attention(x, layer.name, layer.input.channels, layer.heads, layer.input.tokens));
        return;
      case 'token':
        this.to(g.selectToken(x, this.unique(layer.name), layer.select));
        this.layout = 'NC';
        return;
    }
  }

  /** Renames the last node's output to `logits`, the graph's output. */
  finish(): void {
    const last = this.graph.nodes[this.graph.nodes.length - 1];
    if (last === undefined) throw new OnnxError('', 'internal error: an empty network');
    last.output[0] = LOGITS;
    this.graph.exposed.splice(0, this.graph.exposed.length, ...this.graph.exposed.filter((t) => t.name !== last.name));
  }

  /** `name`, or `name.1`, `name.2`, ... where it is taken. */
  private unique(name: string): string {
    let candidate = name;
    for (let i = 1; this.used.has(candidate); i++) candidate = `${name}.${i}`;
    this.used.add(candidate);
    return candidate;
  }

  private produced(name: string, tensorDims: number[]): void {
    this.graph.expose(name, tensorDims);
    this.to(name);
  }

  private to(name: string): void {
    this.current = name;
  }
}
