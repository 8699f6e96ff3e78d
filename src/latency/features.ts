/**
 * What the fitted fallback of a latency table sees of a part: per op type, the multiply-adds and the
 * elements it writes, and how many runtime nodes the part has. A part's predicted time is a non-negative
 * weighted sum of these (src/latency/fit.ts). The walk that cuts a network into parts adds each op's
 * features as it goes (src/latency/part-net.ts).
 */

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

/** Index in {@link OP_TYPES} of each op type, by a name for code. */
export const OP_TYPE = {
  conv1x1: 0,
  convKxK: 1,
  grouped: 2,
  depthwise: 3,
  linear: 4,
  attention: 5,
  maxPool: 6,
  globalPool: 7,
  reluActivation: 8,
  smoothActivation: 9,
  add: 10,
  multiply: 11,
  layerNorm: 12,
  reshape: 13,
} as const satisfies Record<string, number>;

/**
 * Adds `flops` and `moved` elements of op type `type` (an index in {@link OP_TYPES}) to the features
 * `into`, and one runtime node. (Types without a flops column take the elements only.)
 */
export function addFeatures(into: Float64Array, type: number, flops: number, moved: number): void {
  const offset = OFFSET[type]!;
  if (HAS_FLOPS[type]) {
    into[offset] = into[offset]! + flops;
    into[offset + 1] = into[offset + 1]! + moved;
  } else into[offset] = into[offset]! + moved;
  into[NODES] = into[NODES]! + 1;
}
