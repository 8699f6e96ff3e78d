/**
 * What the fitted fallback of a latency table sees of a part: per op type, the multiply-adds and the
 * elements it writes, and how many runtime nodes the part has. A part's predicted time is a non-negative
 * weighted sum of these (src/latency/fit.ts).
 */
import type { Layer, Shape } from '../network/net.js';
import { OP } from './key.js';

/**
 * The op types, each with the work it is measured by. Compute-bound types have two columns (flops and
 * output elements), memory-bound ones one (elements moved). A type no table entry has borrows the
 * coefficients of its first relative that some entry has (a table of grouped convs can still price a
 * depthwise one, roughly).
 */
export const OP_TYPES = [
  { name: 'conv 1x1', columns: ['flops', 'elements'], relatives: ['conv kxk', 'grouped conv'] },
  { name: 'conv kxk', columns: ['flops', 'elements'], relatives: ['conv 1x1', 'grouped conv'] },
  { name: 'grouped conv', columns: ['flops', 'elements'], relatives: ['depthwise conv', 'conv kxk', 'conv 1x1'] },
  { name: 'depthwise conv', columns: ['flops', 'elements'], relatives: ['grouped conv', 'conv kxk', 'conv 1x1'] },
  { name: 'linear', columns: ['flops', 'elements'], relatives: ['conv 1x1', 'conv kxk'] },
  { name: 'attention', columns: ['flops', 'elements'], relatives: ['linear', 'conv 1x1'] },
  { name: 'max pool', columns: ['elements'], relatives: ['global pool', 'activation (relu family)'] },
  { name: 'global pool', columns: ['elements'], relatives: ['max pool', 'activation (relu family)'] },
  { name: 'activation (relu family)', columns: ['elements'], relatives: ['activation (sigmoid, silu, gelu)', 'add'] },
  { name: 'activation (sigmoid, silu, gelu)', columns: ['elements'], relatives: ['activation (relu family)', 'multiply'] },
  { name: 'add', columns: ['elements'], relatives: ['multiply', 'activation (relu family)'] },
  { name: 'multiply', columns: ['elements'], relatives: ['add', 'activation (relu family)'] },
  { name: 'layer norm', columns: ['elements'], relatives: ['activation (sigmoid, silu, gelu)', 'add'] },
  { name: 'reshape or scale', columns: ['elements'], relatives: ['add', 'activation (relu family)'] },
] as const;

/** Column names of the feature vector, in order: `conv 1x1 flops`, ..., and the last, `nodes`. */
export const FEATURE_NAMES: readonly string[] = [...OP_TYPES.flatMap((type) => type.columns.map((column) => `${type.name} ${column}`)), 'nodes'];

/** Length of a feature vector. */
export const FEATURES = FEATURE_NAMES.length;

/** First column of each op type, and whether it has a flops column. */
export const OFFSET: number[] = [];
const HAS_FLOPS: boolean[] = [];
{
  let offset = 0;
  for (const type of OP_TYPES) {
    OFFSET.push(offset);
    HAS_FLOPS.push(type.columns.length === 2);
    offset += type.columns.length;
  }
}
export const NODES = FEATURES - 1;

/** Elements of a tensor of `shape` for one image. */
function elements(shape: Shape): number {
  return shape.tokens > 0 ? shape.tokens * shape.channels : shape.channels * shape.size * shape.size;
}

/** Adds `flops` and `moved` elements of op type `type` to `into`, and one node. */
function add(into: Float64Array, type: number, flops: number, moved: number): void {
  const offset = OFFSET[type]!;
  if (HAS_FLOPS[type]) {
    into[offset] = into[offset]! + flops;
    into[offset + 1] = into[offset + 1]! + moved;
  } else into[offset] = into[offset]! + moved;
  into[NODES] = into[NODES]! + 1;
}

type Of<K extends Layer['op']> = Extract<Layer, { op: K }>;

/** The op code of a layer (see `pushLayerCodes`), for callers that do not have it yet. */
function opOf(layer: Layer): number {
  return OP[layer.op];
}

/**
 * Adds the features of one layer, of op code `op` (src/latency/key.ts), to `into`. Batch norms count
 * nothing: the exported model folds each into the conv before it. Forks and swaps are bookkeeping, not
 * runtime nodes. (The switch is on the number, and each case reads its own layer kind's fields, so that
 * every field read sees one kind of object: this runs for every layer of every fitted part.)
 */
export function addLayerFeatures(into: Float64Array, layer: Layer, op: number): void {
  switch (op) {
    case OP.conv: {
      const conv = layer as Of<'conv'>;
      const type = conv.groups === 1 ? (conv.kernel === 1 ? 0 : 1) : conv.groups === conv.input.channels ? 3 : 2;
      add(into, type, conv.flops, conv.acts);
      return;
    }
    case OP.linear: {
      const linear = layer as Of<'linear'>;
      add(into, 4, linear.flops, linear.acts);
      return;
    }
    case OP.attention: {
      const attention = layer as Of<'attention'>;
      add(into, 5, attention.flops, attention.acts);
      return;
    }
    case OP.maxpool:
      add(into, 6, 0, elements((layer as Of<'maxpool'>).input));
      return;
    case OP.avgpool:
      add(into, 7, 0, elements((layer as Of<'avgpool'>).input));
      return;
    case OP.act: {
      const kind = (layer as Of<'act'>).kind;
      add(into, kind === 'sigmoid' || kind === 'silu' || kind === 'gelu' ? 9 : 8, 0, elements((layer as Of<'act'>).output));
      return;
    }
    case OP.merge: {
      const merge = layer as Of<'merge'>;
      add(into, merge.kind === 'add' ? 10 : 11, 0, elements(merge.output));
      return;
    }
    case OP.norm: {
      const norm = layer as Of<'norm'>;
      if (norm.kind !== 'batch') add(into, 12, 0, elements(norm.output));
      return;
    }
    case OP.fork:
    case OP.swap:
      return;
    default:
      add(into, 13, 0, elements(layer.output));
  }
}

/** The feature vector of a part made of the first `count` of `layers` (all by default), of op codes `ops` when known. */
export function partFeatures(layers: readonly Layer[], count = layers.length, ops?: Uint8Array): Float64Array {
  const features = new Float64Array(FEATURES);
  for (let i = 0; i < count; i++) addLayerFeatures(features, layers[i]!, ops === undefined ? opOf(layers[i]!) : ops[i]!);
  return features;
}
