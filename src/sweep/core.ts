/**
 * The one place the sweep module reaches into the rest of fastscale: everything it uses from the core is
 * re-exported here, so that when the core's modules move only these lines change.
 */
export { FastscaleError } from '../errors.js';
export { complexity } from '../complexity/index.js';
export { walkComplexity } from '../network/count.js';
export { checkSpec } from '../spec/check.js';
export { fromPyclsConfig } from '../io/pycls-config.js';
export { validateSpec } from '../spec/validate.js';
export { pow } from '../internal/pow.js';
export { roundHalfEven, lcm } from '../internal/python.js';
export { deepFreeze } from '../internal/freeze.js';
export { describe } from '../internal/describe.js';
export { VEGA_LITE_SCHEMA, type VegaLiteSpec } from '../plot/spec.js';
export type { AnyNetSpec, BlockType, Complexity, EfficientNetSpec, ModelSpec, StemType } from '../spec/types.js';
