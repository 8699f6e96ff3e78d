/**
 * Layer primitives of the complexity walk, one per pycls `*_cx` function. Each adds a layer's flops,
 * params and acts to the running state and updates the spatial size.
 *
 * Inputs are square, so one `size` stands for pycls's `h` and `w`.
 */

/** Running state of a walk (pycls's `cx`). Mutable on purpose: a walk is a hot loop. */
export interface Walk {
  size: number;
  flops: number;
  params: number;
  acts: number;
  /** Largest single output counted in `acts` (for memory estimates; not a pycls number). */
  largestOutput: number;
}

/** Starts a walk at the input image size. */
export function startWalk(size: number): Walk {
  return { size, flops: 0, params: 0, acts: 0, largestOutput: 0 };
}

/** Counts one layer output as activations. */
function output(cx: Walk, elements: number): void {
  cx.acts += elements;
  if (elements > cx.largestOutput) cx.largestOutput = elements;
}

/**
 * k x k conv, stride `stride`, padding (k - 1) / 2. `groups` divides `wIn` wherever a spec is valid,
 * so `wIn / groups` is exact and equals pycls's `// groups` on the product.
 */
export function conv2d(cx: Walk, wIn: number, wOut: number, k: number, stride = 1, groups = 1, bias = false): void {
  const size = Math.floor((cx.size - 1) / stride) + 1;
  const positions = size * size;
  cx.size = size;
  cx.flops += k * k * (wIn / groups) * wOut * positions + (bias ? wOut * positions : 0);
  cx.params += k * k * (wIn / groups) * wOut + (bias ? wOut : 0);
  output(cx, wOut * positions);
}

/** Batch norm: a scale and a shift per channel. */
export function norm2d(cx: Walk, w: number): void {
  cx.params += 2 * w;
}

/** k x k max pool; its output counts as activations. */
export function pool2d(cx: Walk, w: number, _kernel: number, stride: number): void {
  const size = Math.floor((cx.size - 1) / stride) + 1;
  cx.size = size;
  output(cx, w * size * size);
}

/** Global average pool: spatial size 1, nothing counted. */
export function gap2d(cx: Walk): void {
  cx.size = 1;
}

/** Fully connected layer. */
export function linear(cx: Walk, wIn: number, wOut: number, bias: boolean): void {
  cx.flops += wIn * wOut + (bias ? wOut : 0);
  cx.params += wIn * wOut + (bias ? wOut : 0);
  output(cx, wOut);
}

/** Squeeze-excite: global pool, 1x1 conv to `wSe` and back (both with bias); the spatial size is restored. */
export function squeezeExcite(cx: Walk, wIn: number, wSe: number): void {
  const size = cx.size;
  gap2d(cx);
  conv2d(cx, wIn, wSe, 1, 1, 1, true);
  conv2d(cx, wSe, wIn, 1, 1, 1, true);
  cx.size = size;
}

/**
 * Residual projection (1x1 conv + BN) when the block changes width or resolution. It is counted on the
 * block's input, then the size is restored so that the block body starts from the same input.
 */
export function projection(cx: Walk, wIn: number, wOut: number, stride: number): void {
  if (wIn === wOut && stride === 1) return;
  const size = cx.size;
  conv2d(cx, wIn, wOut, 1, stride);
  norm2d(cx, wOut);
  cx.size = size;
}

/** A stage's block function: adds one block with input width `wIn` and first-block stride `stride`. */
export type BlockWalk<P> = (cx: Walk, wIn: number, wOut: number, stride: number, params: P) => void;

/**
 * A stage of `depth` blocks: the first takes the stage input and stride, the rest are identical
 * (input = output width, stride 1, same size). The second block is walked once and its counts added
 * `depth - 2` more times: the same totals as walking each block, in O(1) per stage.
 */
export function stage<P>(cx: Walk, block: BlockWalk<P>, wIn: number, wOut: number, stride: number, depth: number, params: P): void {
  block(cx, wIn, wOut, stride, params);
  if (depth < 2) return;
  const flops = cx.flops;
  const paramCount = cx.params;
  const acts = cx.acts;
  block(cx, wOut, wOut, 1, params);
  const repeats = depth - 2;
  cx.flops += (cx.flops - flops) * repeats;
  cx.params += (cx.params - paramCount) * repeats;
  cx.acts += (cx.acts - acts) * repeats;
}
