import { SpecError } from '../errors.js';
import { join, positiveInteger, positiveNumber } from '../internal/check.js';
import { describe } from '../internal/describe.js';
import { lcm, roundHalfEven, truncate } from '../internal/python.js';

/**
 * The three per-stage quantities that must agree for a bottleneck stage to be buildable.
 *
 * @example
 * ```ts
 * import type { StageShape } from 'fastscale';
 * const shape: StageShape = { width: 232, bottleneckMultiplier: 1, groupWidth: 8 };
 * ```
 */
export interface StageShape {
  /** Output width of the stage's blocks. */
  readonly width: number;
  /** Bottleneck width over output width: below 1, or an integer. */
  readonly bottleneckMultiplier: number;
  /** Channels per group of the 3x3 conv. */
  readonly groupWidth: number;
}

/**
 * pycls's `adjust_block_compatibility`: makes each stage's bottleneck width (`width * bottleneckMultiplier`)
 * a multiple of its group width (and of an integer multiplier > 1), moving the width to the nearest such
 * value, with Python's round-half-to-even. The group width is capped at the bottleneck width.
 *
 * @throws {@link SpecError} for a non-positive width, multiplier or group width, for a multiplier above 1
 * that is not an integer, or where the float arithmetic leaves `width * bottleneckMultiplier` indivisible
 * (pycls asserts there too).
 *
 * @example
 * ```ts
 * import { adjustBlockCompatibility } from 'fastscale';
 * adjustBlockCompatibility([{ width: 80, bottleneckMultiplier: 0.25, groupWidth: 8 }]);
 * // [{ width: 64, bottleneckMultiplier: 0.25, groupWidth: 8 }]: 80 x 0.25 = 20 is 2.5 groups of 8, and
 * // Python rounds 2.5 to 2
 * ```
 */
export function adjustBlockCompatibility(stages: readonly StageShape[]): StageShape[] {
  return stages.map((stage, i) => {
    const path = join('', i);
    const width = positiveInteger(stage.width, join(path, 'width'), SpecError);
    const multiplier = positiveNumber(stage.bottleneckMultiplier, join(path, 'bottleneckMultiplier'), SpecError);
    const groupWidth = positiveInteger(stage.groupWidth, join(path, 'groupWidth'), SpecError);
    if (multiplier > 1 && !Number.isInteger(multiplier)) {
      throw new SpecError(
        join(path, 'bottleneckMultiplier'),
        `${describe(multiplier)} is above 1 but not an integer (pycls requires b < 1 or an integer)`,
      );
    }
    let bottleneck = truncate(Math.max(1, width * multiplier));
    const cappedGroupWidth = truncate(Math.min(groupWidth, bottleneck));
    const quantum = multiplier > 1 ? lcm(cappedGroupWidth, truncate(multiplier)) : cappedGroupWidth;
    bottleneck = Math.max(quantum, truncate(roundHalfEven(bottleneck / quantum) * quantum));
    const adjustedWidth = truncate(bottleneck / multiplier);
    if ((adjustedWidth * multiplier) % cappedGroupWidth !== 0) {
      throw new SpecError(
        join(path, 'bottleneckMultiplier'),
        `width ${adjustedWidth} x ${describe(multiplier)} is not a multiple of group width ${cappedGroupWidth}`,
      );
    }
    return { width: adjustedWidth, bottleneckMultiplier: multiplier, groupWidth: cappedGroupWidth };
  });
}
