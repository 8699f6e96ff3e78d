/**
 * Limits on what a spec may describe. Every public function checks them where caller data enters, before
 * any work proportional to them, so that no input can make the library loop for long or exhaust memory.
 * Each is far beyond any real network: the largest torchvision model (regnet_y_128gf) has 27 blocks in 4
 * stages, at most 7,392 channels, at 384 px.
 */

/**
 * The documented limits (see docs/limits.md). A spec beyond one is a `SpecError` naming the field and
 * the limit; a scaling that would go beyond one is a `ScalingError`.
 *
 * @example
 * ```ts
 * import { LIMITS } from 'fastscale';
 * LIMITS.maxListedBlocks; // 10000
 * ```
 */
export const LIMITS = Object.freeze({
  /**
   * Blocks (layers of a transformer) in a whole network. Counting costs O(stages) whatever the depth, so
   * this only keeps counts meaningful; scaling a 16-block RegNet by depth 2^16 stays within it.
   */
  maxBlocks: 1 << 24,
  /**
   * Blocks of a network that a function lists or builds one by one: the layer table, ONNX export, PyTorch
   * code, latency profiles, and the depth of a RegNet (whose widths are generated block by block).
   */
  maxListedBlocks: 10_000,
  /** Stages of a network (entries of a per-stage list). */
  maxStages: 1_000,
  /** Channels of any layer, and hidden or MLP widths of a transformer. */
  maxWidth: 1 << 20,
  /** Input image side, in pixels. */
  maxResolution: 1 << 20,
  /** Kernel side of a convolution or pooling layer. */
  maxKernel: 255,
  /** Stride of a layer. */
  maxStride: 1 << 10,
  /** Classifier outputs. */
  maxClasses: 1 << 24,
  /** Length of a name or strategy text that is compared against known ones. */
  maxNameLength: 256,
});
