import { countComplexity } from '../network/count.js';
import { checkSpec } from './check.js';
import type { ModelSpec } from '../families/index.js';

/**
 * Checks that a value is a valid {@link ModelSpec}: every field present and in range (see `LIMITS`), the
 * cross-field rules the family relies on (group widths dividing bottleneck widths, ResNet depths, odd
 * kernels, ...), and complexity within `Number.MAX_SAFE_INTEGER`. A spec that passes can be counted,
 * scaled and exported. Only own data properties are read, each once.
 *
 * @throws {@link SpecError} naming the first bad field and its value
 *
 * @example
 * ```ts
 * import { validateSpec, zooModel } from 'fastscale';
 * const spec = zooModel('ResNeXt-50');
 * validateSpec(spec); // passes
 * const stages = spec.stages.map((s, i) => (i === 2 ? { ...s, groupWidth: 0 } : s));
 * validateSpec({ ...spec, stages }); // throws SpecError: 'stages[2].groupWidth: 0 is not a positive integer'
 * ```
 */
export function validateSpec(value: unknown): asserts value is ModelSpec {
  countComplexity(checkSpec(value));
}
