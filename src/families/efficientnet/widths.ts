/** The widths inside an EfficientNet block, as each implementation rounds them. */
import { truncate } from '../../internal/python.js';
import { efficientNetChannels } from '../../scaling/rounding.js';
import type { Implementation } from '../anynet/types.js';

/**
 * Expanded width of a block whose input has `inputWidth` channels: pycls's `int(w_in * exp_r)`, or
 * torchvision's `_make_divisible(w_in * expand_ratio, 8)` (half up to a multiple of 8, at least 8, never
 * 10% below).
 */
export function expandedWidth(inputWidth: number, ratio: number, implementation: Implementation | undefined): number {
  return implementation === 'torchvision' ? efficientNetChannels(inputWidth, ratio) : truncate(inputWidth * ratio);
}

/** Squeeze-excite width: `int(w_in * se_r)`, relative to the block input (torchvision's `w_in // 4` at 0.25). */
export function squeezeWidth(inputWidth: number, seRatio: number): number {
  return truncate(inputWidth * seRatio);
}
