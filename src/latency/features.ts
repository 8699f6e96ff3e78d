/**
 * What the fitted fallback of a latency table sees of a part: per op type, the multiply-adds and the
 * elements it writes, and how many runtime nodes the part has. A part's predicted time is a non-negative
 * weighted sum of these (src/latency/fit.ts).
 */
import type { Layer } from '../network/net.js';

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

/** First column of each op type. */
export const OFFSET: number[] = [];
{
  let offset = 0;
  for (const type of OP_TYPES) {
    OFFSET.push(offset);
    offset += type.columns.length;
  }
}
export const NODES = FEATURES - 1;

/** Elements of a layer's output for one image. */
function elements(layer: Layer): number {
  const { output } = layer;
  return output.tokens > 0 ? output.tokens * output.channels : output.channels * output.size * output.size;
}

/** Elements of a layer's input for one image. */
function inputElements(layer: Layer): number {
  const { input } = layer;
  return input.tokens > 0 ? input.tokens * input.channels : input.channels * input.size * input.size;
}

/** Adds `flops` and `moved` elements of op type `type` to `into`, and one node. */
function add(into: Float64Array, type: number, flops: number, moved: number): void {
  const offset = OFFSET[type]!;
  if (OP_TYPES[type]!.columns.length === 2) {
    into[offset] = into[offset]! + flops;
    into[offset + 1] = into[offset + 1]! + moved;
  } else into[offset] = into[offset]! + moved;
  into[NODES] = into[NODES]! + 1;
}

/**
 * Adds the features of one layer to `into`. Batch norms count nothing: the exported model folds each
 * into the conv before it. Forks and swaps are bookkeeping, not runtime nodes.
 */
export function addLayerFeatures(into: Float64Array, layer: Layer): void {
  switch (layer.op) {
    case 'conv': {
      const type = layer.groups === 1 ? (layer.kernel === 1 ? 0 : 1) : layer.groups === layer.input.channels ? 3 : 2;
      add(into, type, layer.flops, layer.acts);
      return;
    }
    case 'linear':
      add(into, 4, layer.flops, layer.acts);
      return;
    case 'attention':
      add(into, 5, layer.flops, layer.acts);
      return;
    case 'maxpool':
      add(into, 6, 0, inputElements(layer));
      return;
    case 'avgpool':
      add(into, 7, 0, inputElements(layer));
      return;
    case 'act':
      add(into, layer.kind === 'sigmoid' || layer.kind === 'silu' || layer.kind === 'gelu' ? 9 : 8, 0, elements(layer));
      return;
    case 'merge':
      add(into, layer.kind === 'add' ? 10 : 11, 0, elements(layer));
      return;
    case 'norm':
      if (layer.kind !== 'batch') add(into, 12, 0, elements(layer));
      return;
    case 'fork':
    case 'swap':
      return;
    default:
      add(into, 13, 0, elements(layer));
  }
}

/** The feature vector of a part made of `layers`. */
export function partFeatures(layers: readonly Layer[]): Float64Array {
  const features = new Float64Array(FEATURES);
  for (const layer of layers) addLayerFeatures(features, layer);
  return features;
}
