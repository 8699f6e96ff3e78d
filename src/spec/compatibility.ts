import { SpecError } from '../errors.js';
import { join } from '../internal/check.js';
import { describe } from '../internal/describe.js';
import { lcm, roundHalfEven, truncate } from '../internal/python.js';
import { atBoundary, fieldsOf, itemsOf } from '../internal/read.js';
import { LIMITS } from '../limits.js';
import { readBottleneckMultiplier } from '../families/anynet/schema.js';
import { readWidth } from './common.js';

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
 * @throws {@link SpecError} for anything but an array of stage shapes (at most `LIMITS.maxStages`) with
 * positive widths, multipliers and group widths, for a multiplier above 1 that is not an integer, or where
 * the float arithmetic leaves `width * bottleneckMultiplier` indivisible (pycls asserts there too).
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
  const shapes = atBoundary(
    () =>
      itemsOf(stages, 'stages', LIMITS.maxStages, 'stage shapes', SpecError).map((value, i) => {
        const path = join('', i);
        const stage = fieldsOf(value, ['width', 'bottleneckMultiplier', 'groupWidth'], path, 'a stage shape', SpecError);
        return {
          width: readWidth(stage.width, join(path, 'width')),
          bottleneckMultiplier: readBottleneckMultiplier(stage.bottleneckMultiplier, join(path, 'bottleneckMultiplier')),
          groupWidth: readWidth(stage.groupWidth, join(path, 'groupWidth')),
        };
      }),
    SpecError,
  );
  return shapes.map((shape, i) => compatibleShape(shape, join('', i)));
}

/** {@link adjustBlockCompatibility} of one checked stage shape; errors name `path`. */
export function compatibleShape(shape: StageShape, path: string): StageShape {
  const { width, bottleneckMultiplier: multiplier, groupWidth } = shape;
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
}
