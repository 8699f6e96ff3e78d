import { AnalysisError } from '../errors.js';
import { join, positiveInteger, boolean } from '../internal/check.js';
import { ownedRecord } from '../internal/read.js';
import type { ModelSpec } from '../families/index.js';
import { countComplexity, walk } from '../network/count.js';
import { checkSpec } from '../spec/check.js';

/**
 * Options of {@link estimateActivationMemory}.
 *
 * @example
 * ```ts
 * import type { ActivationMemoryOptions } from 'fastscale';
 * const options: ActivationMemoryOptions = { batchSize: 64, bytesPerElement: 2, training: true };
 * ```
 */
export interface ActivationMemoryOptions {
  /** Images per batch; default 1. */
  readonly batchSize?: number;
  /** Bytes per activation element: 4 for float32 (default), 2 for float16/bfloat16. */
  readonly bytesPerElement?: number;
  /** Training (default) keeps activations for the backward pass; inference does not. */
  readonly training?: boolean;
}

/**
 * Bytes of activation memory a network implies, from the activation counts of {@link complexity}.
 *
 * The model, deliberately simple:
 * - training: every counted activation (each conv, linear and pooling output) is kept for the backward
 *   pass: `acts * batchSize * bytesPerElement`;
 * - inference: only a layer's input and output are alive at once, bounded by twice the largest single
 *   output: `2 * largestOutput * batchSize * bytesPerElement`.
 *
 * Not counted: weights, gradients, optimizer state, in-place ReLU and batch-norm outputs (pycls does not
 * count them either), residual copies, framework workspace. Use it to compare networks, not to size a GPU
 * to the byte.
 *
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link AnalysisError} for a bad option or a byte count beyond `Number.MAX_SAFE_INTEGER`
 *
 * @example
 * ```ts
 * import { estimateActivationMemory, zooModel } from 'fastscale';
 * const spec = zooModel('RegNetY-4.0GF');
 * estimateActivationMemory(spec, { batchSize: 32, bytesPerElement: 2, training: true }); // 786380800 (~786 MB)
 * ```
 */
export function estimateActivationMemory(spec: ModelSpec, options: ActivationMemoryOptions = {}): number {
  const checked = checkSpec(spec);
  const fields = ownedRecord(options, ['batchSize', 'bytesPerElement', 'training'], 'options', 'activation memory options', AnalysisError);
  const batchSize = fields.batchSize === undefined ? 1 : positiveInteger(fields.batchSize, join('options', 'batchSize'), AnalysisError);
  const bytes = fields.bytesPerElement === undefined ? 4 : positiveInteger(fields.bytesPerElement, join('options', 'bytesPerElement'), AnalysisError);
  const training = fields.training === undefined ? true : boolean(fields.training, join('options', 'training'), AnalysisError);
  const elements = training ? countComplexity(checked).acts : 2 * walk(checked).largestOutput;
  const total = elements * batchSize * bytes;
  if (!Number.isSafeInteger(total)) {
    throw new AnalysisError('options.batchSize', `${batchSize} images of ${elements} elements at ${bytes} bytes exceed Number.MAX_SAFE_INTEGER bytes`);
  }
  return total;
}
