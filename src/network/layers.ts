import type { ModelSpec } from '../families/index.js';
import { checkSpec } from '../spec/check.js';
import { countComplexity, walk } from './count.js';
import type { Layer, Sink } from './net.js';

/**
 * One module of a network in the per-layer table of {@link layers}.
 *
 * @example
 * ```ts
 * import { layers, zooModel, type LayerRow } from 'fastscale';
 * const first: LayerRow = layers(zooModel('ResNet-50'))[0]!; // the stem conv, 'stem.conv'
 * ```
 */
export interface LayerRow {
  /** Module path: pycls's (`s1.b1.f.a`) or torchvision's (`features.1.0.block.0.0`), as the spec's implementation names them. */
  readonly name: string;
  /** What the module is. */
  readonly op: 'conv' | 'linear' | 'norm' | 'maxpool' | 'scale' | 'classToken' | 'positionEmbedding' | 'attention';
  /** The PyTorch class it is built with (`Conv2d`, `BatchNorm2d`, `LayerNorm`, `Linear`, `MaxPool2d`, ...). */
  readonly module: string;
  /** Multiply-adds (+1 per output element with a bias). */
  readonly flops: number;
  /** Parameters the module owns itself (for a norm: its scale and shift). */
  readonly params: number;
  /** Output elements counted as activations (convs, linears, max pools, attention). */
  readonly acts: number;
  /** Output shape for one image: `[channels, height, width]`, or `[tokens, channels]` in a transformer. */
  readonly output: readonly number[];
  /** Kernel side of a conv or pool. */
  readonly kernel?: number;
  /** Stride of a conv or pool. */
  readonly stride?: number;
  /** Groups of a conv. */
  readonly groups?: number;
}

const MODULES: Readonly<Record<string, string>> = {
  conv: 'Conv2d',
  linear: 'Linear',
  maxpool: 'MaxPool2d',
  batch: 'BatchNorm2d',
  layer: 'LayerNorm',
  layer2d: 'LayerNorm2d',
  scale: 'Parameter',
  classToken: 'Parameter',
  positionEmbedding: 'Parameter',
  attention: 'MultiheadAttention',
};

/** Collects the rows of the layer table. */
class LayerTable implements Sink {
  readonly rows: LayerRow[] = [];

  layer(layer: Layer): void {
    switch (layer.op) {
      case 'conv':
        this.add(layer, 'conv', { kernel: layer.kernel, stride: layer.stride, groups: layer.groups });
        break;
      case 'maxpool':
        this.add(layer, 'maxpool', { kernel: layer.kernel, stride: layer.stride });
        break;
      case 'norm':
        this.add(layer, layer.kind);
        break;
      case 'linear':
      case 'scale':
      case 'classToken':
      case 'positionEmbedding':
      case 'attention':
        this.add(layer, layer.op);
        break;
      default:
        break; // activations, pooling to 1x1, reshapes and joins own nothing and count nothing
    }
  }

  private add(
    layer: Extract<Layer, { flops: number }>,
    module: string,
    extra: { kernel?: number; stride?: number; groups?: number } = {},
  ): void {
    const { output } = layer;
    const shape = output.tokens > 0 ? [output.tokens, output.channels] : [output.channels, output.size, output.size];
    const op = layer.op as LayerRow['op'];
    this.rows.push({ name: layer.name, op, module: MODULES[module]!, flops: layer.flops, params: layer.params, acts: layer.acts, output: shape, ...extra });
  }
}

/**
 * The per-layer table of a network: one row per module that computes or owns something, in forward
 * order, named by its module path (pycls's for pycls specs, torchvision's for torchvision-named ones).
 * Parameter-only modules (norms, layer scale, embeddings) appear with their params. The rows add up to
 * {@link complexity}. Work and size: O(layers), for at most `LIMITS.maxListedBlocks` blocks.
 *
 * @throws {@link SpecError} for an invalid spec
 *
 * @example
 * ```ts
 * import { layers, zooModel } from 'fastscale';
 * const rows = layers(zooModel('RegNetX-200MF'));
 * rows[0]; // { name: 'stem.conv', op: 'conv', module: 'Conv2d', flops: 10838016, params: 864, acts: 401408, ... }
 * rows.reduce((sum, row) => sum + row.flops, 0); // 199040872, as complexity() says
 * ```
 */
export function layers(spec: ModelSpec): LayerRow[] {
  const checked = checkSpec(spec);
  countComplexity(checked); // every row is then an exact count, within Number.MAX_SAFE_INTEGER
  const table = new LayerTable();
  walk(checked, table);
  return table.rows;
}
