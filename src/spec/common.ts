/**
 * The pieces every family's spec shares: image sizes, classifier outputs, the complexity metrics, and
 * their checks at the boundary.
 */
import { SpecError } from '../errors.js';
import { integerInRange, join } from '../internal/check.js';
import { fieldsOf } from '../internal/read.js';
import { LIMITS } from '../limits.js';

/**
 * Input image sizes in pixels (square images). Complexity is counted at the training size, as pycls does.
 *
 * @example
 * ```ts
 * import type { Resolution } from 'fastscale';
 * const resolution: Resolution = { train: 224, test: 256 };
 * ```
 */
export interface Resolution {
  /** `TRAIN.IM_SIZE`. */
  readonly train: number;
  /** `TEST.IM_SIZE`. */
  readonly test: number;
}

/**
 * The three complexity metrics pycls counts, as exact integers.
 *
 * @example
 * ```ts
 * import { complexity, zooModel, type Complexity } from 'fastscale';
 * const cx: Complexity = complexity(zooModel('RegNetX-200MF'));
 * ```
 */
export interface Complexity {
  /** Multiply-adds. */
  readonly flops: number;
  /** Weights, biases and norm scales and shifts. */
  readonly params: number;
  /** Elements in the outputs of conv, linear and pooling layers. */
  readonly acts: number;
}

/**
 * The name of one complexity metric.
 *
 * @example
 * ```ts
 * import type { Metric } from 'fastscale';
 * const metric: Metric = 'acts';
 * ```
 */
export type Metric = keyof Complexity;

/** The metrics, in their usual order. */
export const METRICS: readonly Metric[] = ['flops', 'params', 'acts'];

/** Reads `resolution` at the boundary: two image sizes within the limit. */
export function readResolution(value: unknown, path = 'resolution'): Resolution {
  const fields = fieldsOf(value, ['train', 'test'], path, 'a resolution', SpecError);
  return {
    train: integerInRange(fields.train, 1, LIMITS.maxResolution, join(path, 'train'), SpecError),
    test: integerInRange(fields.test, 1, LIMITS.maxResolution, join(path, 'test'), SpecError),
  };
}

/** Reads `numClasses` at the boundary. */
export function readNumClasses(value: unknown, path = 'numClasses'): number {
  return integerInRange(value, 1, LIMITS.maxClasses, path, SpecError);
}

/** Reads a width (channels) at the boundary. */
export function readWidth(value: unknown, path: string): number {
  return integerInRange(value, 1, LIMITS.maxWidth, path, SpecError);
}

/** Reads a stride at the boundary. */
export function readStride(value: unknown, path: string): number {
  return integerInRange(value, 1, LIMITS.maxStride, path, SpecError);
}

/** Reads a stage or network depth (blocks) at the boundary. */
export function readDepth(value: unknown, path: string): number {
  return integerInRange(value, 1, LIMITS.maxBlocks, path, SpecError);
}

/** Throws when the blocks of all stages together exceed the limit. */
export function checkTotalBlocks(total: number, path: string): void {
  if (total > LIMITS.maxBlocks) {
    throw new SpecError(path, `hold ${total} blocks in all, more than the limit of ${LIMITS.maxBlocks}`);
  }
}
