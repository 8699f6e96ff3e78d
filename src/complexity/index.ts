import { countComplexity, walkComplexity } from '../network/count.js';
import { isOwned, readSpec } from '../spec/check.js';
import type { Complexity } from '../spec/common.js';
import type { ModelSpec } from '../families/index.js';

/**
 * Exact flops (multiply-adds), params and activations of a network, identical to pycls's `complexity()`
 * (and, for torchvision's models, to counting their modules the same way) at the training resolution.
 * Work: O(stages) for a spec this library made; checking a caller's spec adds O(its size).
 *
 * @throws {@link SpecError} for an invalid spec, or when a count would exceed `Number.MAX_SAFE_INTEGER`
 * (it could no longer be exact).
 *
 * @example
 * ```ts
 * import { complexity, zooModel } from 'fastscale';
 * complexity(zooModel('RegNetY-4.0GF'));
 * // { flops: 3973301344, params: 20646656, acts: 12287200 }
 * ```
 */
export function complexity(spec: ModelSpec): Complexity {
  if (isOwned(spec)) return countComplexity(spec);
  // A caller's spec: its checked copy is seen by this call alone, so it is counted, not kept.
  return Object.freeze(walkComplexity(readSpec(spec)));
}
