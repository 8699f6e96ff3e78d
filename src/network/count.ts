/** Interpreting a spec's description: the walk, and exact complexity from it. */
import { SpecError } from '../errors.js';
import type { ErrorClass } from '../internal/check.js';
import { ownedCounts, rememberCounts } from '../internal/owned.js';
import { LIMITS } from '../limits.js';
import { familyOf, type ModelSpec } from '../families/index.js';
import type { Complexity } from '../spec/common.js';
import { type Net, type Sink, walkingNet } from './net.js';

/**
 * Walks a checked spec's description (3 input channels at the training size), handing layers to `sink` if
 * given. With a sink the work is O(blocks), so the spec's blocks are counted first (O(stages)) and a
 * network of more than `LIMITS.maxListedBlocks` blocks is refused with `error`; a sink that takes
 * {@link Sink.distinctBlocks} keeps the walk O(stages), so no limit applies to it.
 */
export function walk(spec: ModelSpec, sink: Sink | null = null, error: ErrorClass = SpecError): Net {
  if (sink !== null && sink.distinctBlocks !== true) {
    const blocks = walk(spec).blockCount;
    if (blocks > LIMITS.maxListedBlocks) {
      throw new error('', `the network has ${blocks} blocks; layer by layer, at most ${LIMITS.maxListedBlocks} are listed, exported or built (LIMITS.maxListedBlocks)`);
    }
  }
  const net = walkingNet(3, spec.resolution.train, sink);
  familyOf(spec).describe(net, spec);
  return net;
}

/**
 * Exact complexity of a checked spec, counted once per spec the library owns (its counts are kept with its
 * mark, see internal/owned.ts; every caller passes an owned spec) and walked every time otherwise (see
 * {@link walkComplexity}).
 */
export function countComplexity(spec: ModelSpec): Complexity {
  const known = ownedCounts(spec);
  if (known) return known;
  const result = Object.freeze(walkComplexity(spec));
  rememberCounts(spec, result);
  return result;
}

/**
 * Exact complexity of a checked spec, by walking its description. Every term of a walk is a non-negative
 * integer no larger than the final total, so a total within the safe range proves that every step was
 * exact; a total beyond it is an error, not a rounding.
 */
export function walkComplexity(spec: ModelSpec): Complexity {
  const net = walk(spec);
  const { flops, params, acts } = net;
  if (!(Number.isSafeInteger(flops) && Number.isSafeInteger(params) && Number.isSafeInteger(acts))) overflow(net);
  return { flops, params, acts };
}

function overflow(net: Net): never {
  for (const metric of ['flops', 'params', 'acts'] as const) {
    if (!Number.isSafeInteger(net[metric])) {
      throw new SpecError('', `the network's ${metric} (${net[metric]}) exceed Number.MAX_SAFE_INTEGER; it is too large to count exactly`);
    }
  }
  throw new SpecError('', 'the network cannot be counted exactly');
}
