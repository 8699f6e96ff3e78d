import { SpecError } from '../errors.js';
import { checkSpec } from '../spec/check.js';
import { anyNetForm } from '../spec/to-anynet.js';
import type { Complexity, ModelSpec } from '../spec/types.js';
import { anyNetWalk } from './anynet.js';
import { efficientNetWalk } from './efficientnet.js';
import { type Walk, startWalk } from './layers.js';
import { resNetWalk } from './resnet.js';

/**
 * Exact flops (multiply-adds), params and activations of a network, identical to pycls's
 * `complexity()` at the training resolution. A RegNet is counted through its AnyNet form.
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
  return countComplexity(checkSpec(spec));
}

/** {@link complexity} of a spec already checked. */
export function countComplexity(spec: ModelSpec): Complexity {
  return exactCounts(walkSpec(spec));
}

/** The complexity walk of a spec already checked, with its running state at the end. */
export function walkSpec(spec: ModelSpec): Walk {
  const cx = startWalk(spec.resolution.train);
  switch (spec.family) {
    case 'anynet':
      anyNetWalk(cx, spec);
      break;
    case 'regnet':
      anyNetWalk(cx, anyNetForm(spec));
      break;
    case 'resnet':
      resNetWalk(cx, spec);
      break;
    case 'efficientnet':
      efficientNetWalk(cx, spec);
      break;
  }
  return cx;
}

/**
 * Every term of a walk is a non-negative integer no larger than the final total, so a total within the
 * safe range proves that every step was exact; a total beyond it is an error, not a rounding.
 */
function exactCounts(cx: Walk): Complexity {
  for (const metric of ['flops', 'params', 'acts'] as const) {
    if (!Number.isSafeInteger(cx[metric])) {
      throw new SpecError('', `the network's ${metric} (${cx[metric]}) exceed Number.MAX_SAFE_INTEGER; it is too large to count exactly`);
    }
  }
  return { flops: cx.flops, params: cx.params, acts: cx.acts };
}
