/** EfficientNet's own compound scaling (Tan & Le, 2019): B0 to B1 ... B7. */
import { ScalingError } from '../../errors.js';
import { oneOf } from '../../internal/check.js';
import { nearestEven } from '../../scaling/rounding.js';
import { checkSpec, own } from '../../spec/check.js';
import type { ModelSpec } from '../index.js';
import { parseEfficientNet } from './schema.js';
import { scaleEfficientNetStages } from './scale.js';
import type { EfficientNetSpec } from './types.js';

/**
 * One EfficientNet variant's compound coefficients relative to B0 (Tan & Le, 2019).
 *
 * @example
 * ```ts
 * import { EFFICIENTNET_COEFFICIENTS, type EfficientNetCoefficients } from 'fastscale';
 * const b3: EfficientNetCoefficients = EFFICIENTNET_COEFFICIENTS.B3; // { width: 1.2, depth: 1.4, resolution: 300 }
 * ```
 */
export interface EfficientNetCoefficients {
  /** Width multiplier. */
  readonly width: number;
  /** Depth multiplier. */
  readonly depth: number;
  /** Training resolution in pixels. */
  readonly resolution: number;
}

/**
 * EfficientNet variants and their official compound coefficients (Tan & Le, 2019): width multiplier,
 * depth multiplier, training resolution.
 *
 * @example
 * ```ts
 * import { EFFICIENTNET_COEFFICIENTS } from 'fastscale';
 * EFFICIENTNET_COEFFICIENTS.B3; // { width: 1.2, depth: 1.4, resolution: 300 }
 * ```
 */
export const EFFICIENTNET_COEFFICIENTS = Object.freeze({
  /** EfficientNet-B0, the base: width x1.0, depth x1.0, 224 px. */
  B0: Object.freeze<EfficientNetCoefficients>({ width: 1.0, depth: 1.0, resolution: 224 }),
  /** EfficientNet-B1: width x1.0, depth x1.1, 240 px. */
  B1: Object.freeze<EfficientNetCoefficients>({ width: 1.0, depth: 1.1, resolution: 240 }),
  /** EfficientNet-B2: width x1.1, depth x1.2, 260 px. */
  B2: Object.freeze<EfficientNetCoefficients>({ width: 1.1, depth: 1.2, resolution: 260 }),
  /** EfficientNet-B3: width x1.2, depth x1.4, 300 px. */
  B3: Object.freeze<EfficientNetCoefficients>({ width: 1.2, depth: 1.4, resolution: 300 }),
  /** EfficientNet-B4: width x1.4, depth x1.8, 380 px. */
  B4: Object.freeze<EfficientNetCoefficients>({ width: 1.4, depth: 1.8, resolution: 380 }),
  /** EfficientNet-B5: width x1.6, depth x2.2, 456 px. */
  B5: Object.freeze<EfficientNetCoefficients>({ width: 1.6, depth: 2.2, resolution: 456 }),
  /** EfficientNet-B6: width x1.8, depth x2.6, 528 px. */
  B6: Object.freeze<EfficientNetCoefficients>({ width: 1.8, depth: 2.6, resolution: 528 }),
  /** EfficientNet-B7: width x2.0, depth x3.1, 600 px. */
  B7: Object.freeze<EfficientNetCoefficients>({ width: 2.0, depth: 3.1, resolution: 600 }),
});

/**
 * An EfficientNet variant name.
 *
 * @example
 * ```ts
 * import type { EfficientNetVariant } from 'fastscale';
 * const variant: EfficientNetVariant = 'B3';
 * ```
 */
export type EfficientNetVariant = keyof typeof EFFICIENTNET_COEFFICIENTS;

/**
 * EfficientNet's own compound scaling: B0 to a variant with the official width and depth coefficients and
 * resolution, rounded with the `efficientnet` policy (TF `round_filters` for stage, stem and head widths,
 * `ceil` for repeats). The test size keeps the base's test/train ratio, rounded to an even number. Applied
 * to pycls's EN-B0 this gives pycls's EN-B1 ... EN-B5 configs exactly.
 *
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link ScalingError} when the spec is not an EfficientNet or the variant is unknown
 *
 * @example
 * ```ts
 * import { efficientNetCompound, zooModel } from 'fastscale';
 * const b3 = efficientNetCompound(zooModel('EfficientNet-B0'), 'B3');
 * // equals zooModel('EfficientNet-B3'): stem 40, head 1536, resolution { train: 300, test: 342 }
 * ```
 */
export function efficientNetCompound(b0Spec: ModelSpec, variant: EfficientNetVariant): EfficientNetSpec {
  const spec = checkSpec(b0Spec);
  if (spec.family !== 'efficientnet') {
    throw new ScalingError('family', `'${spec.family}' is not 'efficientnet': EfficientNet coefficients apply to EfficientNets`);
  }
  const key = oneOf(variant, Object.keys(EFFICIENTNET_COEFFICIENTS) as EfficientNetVariant[], 'variant', ScalingError);
  const { width, depth, resolution } = EFFICIENTNET_COEFFICIENTS[key];
  const scaled = scaleEfficientNetStages(spec, depth, width, 'efficientnet');
  const test = nearestEven((resolution * spec.resolution.test) / spec.resolution.train);
  return own(parseEfficientNet({ ...scaled, resolution: { train: resolution, test } }));
}
