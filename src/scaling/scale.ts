import { ScalingError, SpecError } from '../errors.js';
import { join, oneOf, positiveNumber, record } from '../internal/check.js';
import { deepFreeze } from '../internal/freeze.js';
import { countComplexity } from '../complexity/index.js';
import { checkOwnFrozenSpec, checkSpec } from '../spec/check.js';
import { adjustBlockCompatibility, type StageShape } from '../spec/compatibility.js';
import { anyNetForm } from '../spec/to-anynet.js';
import type { AnyNetSpec, Complexity, EfficientNetSpec, ModelSpec, Resolution } from '../spec/types.js';
import { type ScalingFactors, scalingFactors } from './factors.js';
import {
  efficientNetChannels,
  efficientNetDepth,
  nearestEven,
  pyclsDepth,
  pyclsGroupWidth,
  pyclsResolution,
  pyclsWidth,
  type RoundingPolicy,
} from './rounding.js';
import { checkStrategy, fastCompound, parseStrategy, type ScalingStrategy } from './strategy.js';

/**
 * Options of {@link scale}, {@link fastScale} and {@link applyScalingFactors}.
 *
 * @example
 * ```ts
 * import type { ScaleOptions } from 'fastscale';
 * const options: ScaleOptions = { policy: 'efficientnet' };
 * ```
 */
export interface ScaleOptions {
  /** Rounding policy; default `pycls`. */
  readonly policy?: RoundingPolicy;
}

/** How one policy rounds each scaled dimension. */
interface Rounding {
  readonly depth: (depth: number, multiplier: number) => number;
  readonly width: (width: number, multiplier: number) => number;
  readonly resolution: (resolution: Resolution, multiplier: number) => Resolution;
  /** Whether EfficientNet widths go through pycls's block compatibility step (pycls does it; TF does not). */
  readonly adjustsEfficientNet: boolean;
}

const ROUNDING: Readonly<Record<RoundingPolicy, Rounding>> = {
  pycls: {
    depth: pyclsDepth,
    width: pyclsWidth,
    resolution: (resolution, r) => ({ train: pyclsResolution(resolution.train, r), test: pyclsResolution(resolution.test, r) }),
    adjustsEfficientNet: true,
  },
  efficientnet: {
    depth: efficientNetDepth,
    width: efficientNetChannels,
    resolution: (resolution, r) => {
      // Test crops keep the base's train/test ratio and are even, as in pycls's EfficientNet configs.
      const train = pyclsResolution(resolution.train, r);
      return { train, test: nearestEven((train * resolution.test) / resolution.train) };
    },
    adjustsEfficientNet: false,
  },
};

/**
 * Scales a network to about `s` times its flops with a strategy, rounding the result to a valid,
 * trainable network exactly as pycls's `scale_model` does (policy `pycls`, the default) or as the
 * EfficientNet reference rounds (policy `efficientnet`).
 *
 * pycls policy: stage depths `max(1, round(d * md))`; stage widths to multiples of 8; group widths scaled
 * by `mg` and rounded (1, 2, 4 or a multiple of 8); then block compatibility ({@link adjustBlockCompatibility});
 * image sizes to multiples of 4. AnyNet stem and head widths are not scaled (as in pycls); EfficientNet's
 * are. RegNets and ResNets are scaled through their AnyNet form ({@link toAnyNet}) and come back as AnyNets.
 * Python's round-half-to-even throughout.
 *
 * efficientnet policy: widths (and EfficientNet stem and head) by TensorFlow's `round_filters` (multiples
 * of 8, never below 90% of the target), depths rounded up, train size to a multiple of 4 and test size to
 * the even number keeping the base's test/train ratio; group widths as pycls.
 *
 * The input is never modified; the result is a new, deeply frozen spec. Because of rounding, the scaled
 * flops are close to, not exactly, `s` times the base: measure them with {@link complexity}.
 *
 * @param strategy - a {@link ScalingStrategy} or a pycls strategy string (`'d1_w8_g8_r1'`, `'dwr'`)
 * @param s - flops factor, a finite number > 0 (below 1 scales down)
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link ScalingError} for an invalid strategy, factor or policy; for an ImageNet ResNet with
 * `strideOn1x1: true` (no AnyNet form); or when the rounded network would be invalid (say, a depth beyond
 * the safe integer range)
 *
 * @example
 * ```ts
 * import { complexity, scale, zooModel } from 'fastscale';
 * const scaled = scale(zooModel('RegNetY-400MF'), 'd1_w8_g8_r1', 4);
 * complexity(scaled); // { flops: 1572517292, params: 14594380, acts: 7919628 }
 * ```
 */
export function scale(spec: ModelSpec, strategy: ScalingStrategy | string, s: number, options: ScaleOptions = {}): ModelSpec {
  const checked = checkSpec(spec);
  const policy = checkPolicy(options);
  return scaleChecked(checked, scalingFactors(toStrategy(strategy), s), policy).spec;
}

/** A strategy object or pycls string, checked. */
export function toStrategy(strategy: ScalingStrategy | string): ScalingStrategy {
  return typeof strategy === 'string' ? parseStrategy(strategy) : checkStrategy(strategy);
}

/**
 * Fast compound scaling: {@link scale} with {@link fastCompound}(alpha). alpha = 0.8 (the default, the
 * paper's recommendation) gives pycls's `d1_w8_g8_r1`: activations grow as about `s^0.6`, close to
 * width scaling's `s^0.5`.
 *
 * @param s - flops factor, a finite number > 0
 * @param alpha - share of the flops factor given to width, in [0, 1]
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link ScalingError} for a bad factor or alpha, or an unscalable network (see {@link scale})
 *
 * @example
 * ```ts
 * import { complexity, fastScale, zooModel } from 'fastscale';
 * const base = zooModel('RegNetY-400MF');
 * const scaled = fastScale(base, 4, 0.8);
 * complexity(base); //   { flops: 401849056, params: 4344144, acts: 3892496 }
 * complexity(scaled); // { flops: 1572517292, params: 14594380, acts: 7919628 }
 * ```
 */
export function fastScale(spec: ModelSpec, s: number, alpha = 0.8, options: ScaleOptions = {}): ModelSpec {
  return scale(spec, fastCompound(alpha), s, options);
}

/**
 * Applies explicit multipliers of depth, width, group width and resolution (for example from
 * {@link scalingFactors}, or chosen by hand), with the rounding of {@link scale}.
 *
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link ScalingError} for a multiplier that is not a finite number > 0, a bad policy, or an
 * unscalable network (see {@link scale})
 *
 * @example
 * ```ts
 * import { applyScalingFactors, zooModel } from 'fastscale';
 * // Twice the depth, same width and resolution:
 * applyScalingFactors(zooModel('ResNet-50'), { d: 2, w: 1, g: 1, r: 1 });
 * ```
 */
export function applyScalingFactors(spec: ModelSpec, factors: ScalingFactors, options: ScaleOptions = {}): ModelSpec {
  return scaleChecked(checkSpec(spec), checkFactors(factors), checkPolicy(options)).spec;
}

/** Multipliers, checked: four finite numbers > 0. */
function checkFactors(factors: unknown): ScalingFactors {
  const multipliers = record(factors, ['d', 'w', 'g', 'r'], 'factors', 'scaling factors', ScalingError);
  for (const k of ['d', 'w', 'g', 'r'] as const) positiveNumber(multipliers[k], join('factors', k), ScalingError);
  return factors as ScalingFactors;
}

/** The rounding policy named by scale options, checked. */
export function checkPolicy(options: unknown): RoundingPolicy {
  const fields = record(options, ['policy'], 'options', 'scale options', ScalingError);
  if (fields.policy === undefined) return 'pycls';
  return oneOf(fields.policy, ['pycls', 'efficientnet'] as const, 'options.policy', ScalingError);
}

/** A scaled network and its complexity (computed anyway to prove the network valid). */
export interface ScaledModel {
  readonly spec: ModelSpec;
  readonly complexity: Complexity;
}

/**
 * The scale itself, on inputs already checked: the shared fast path of {@link scale}, sweeps and
 * target searches. Returns the frozen scaled spec with its complexity.
 */
export function scaleChecked(spec: ModelSpec, factors: ScalingFactors, policy: RoundingPolicy, freeze = true): ScaledModel {
  const rounding = ROUNDING[policy];
  const scaled =
    spec.family === 'efficientnet' ? scaleEfficientNet(spec, factors, rounding) : scaleAnyNet(anyNetOf(spec), factors, rounding);
  return verified(scaled, freeze);
}

function anyNetOf(spec: ModelSpec): AnyNetSpec {
  try {
    return anyNetForm(spec);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new ScalingError(error.path, `cannot be scaled: ${error.reason}`, { cause: error });
  }
}

/** Block compatibility on scaled stages; its errors are the scale's, at the stage's path. */
function compatible(shapes: readonly StageShape[]): StageShape[] {
  try {
    return adjustBlockCompatibility(shapes);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new ScalingError(`stages${error.path}`, `cannot be scaled: ${error.reason}`, { cause: error });
  }
}

function scaleAnyNet(spec: AnyNetSpec, factors: ScalingFactors, rounding: Rounding): AnyNetSpec {
  const shapes = compatible(
    spec.stages.map((stage) => ({
      width: rounding.width(stage.width, factors.w),
      bottleneckMultiplier: stage.bottleneckMultiplier,
      groupWidth: pyclsGroupWidth(stage.groupWidth, factors.g),
    })),
  );
  return {
    ...spec,
    stem: { ...spec.stem }, // a copy: the result is frozen, the caller's objects must not be
    stages: spec.stages.map((stage, i) => ({
      depth: rounding.depth(stage.depth, factors.d),
      width: shapes[i]!.width,
      stride: stage.stride,
      bottleneckMultiplier: shapes[i]!.bottleneckMultiplier,
      groupWidth: shapes[i]!.groupWidth,
    })),
    resolution: rounding.resolution(spec.resolution, factors.r),
  };
}

function scaleEfficientNet(spec: EfficientNetSpec, factors: ScalingFactors, rounding: Rounding): EfficientNetSpec {
  let widths = spec.stages.map((stage) => rounding.width(stage.width, factors.w));
  if (rounding.adjustsEfficientNet) {
    // pycls runs block compatibility with the expansion ratios as bottleneck multipliers and groups of 1.
    widths = compatible(
      spec.stages.map((stage, i) => ({ width: widths[i]!, bottleneckMultiplier: stage.expansionRatio, groupWidth: 1 })),
    ).map((shape) => shape.width);
  }
  return {
    ...spec,
    stemWidth: rounding.width(spec.stemWidth, factors.w),
    stages: spec.stages.map((stage, i) => ({ ...stage, depth: rounding.depth(stage.depth, factors.d), width: widths[i]! })),
    headWidth: rounding.width(spec.headWidth, factors.w),
    resolution: rounding.resolution(spec.resolution, factors.r),
  };
}

/**
 * The scaled spec, proven valid and countable; otherwise a ScalingError saying what broke. Frozen first
 * (so that the check records it as verified and later calls skip re-validation) unless the caller only
 * needs its numbers, as a search does for the candidates it throws away.
 */
function verified(spec: ModelSpec, freeze = true): ScaledModel {
  if (freeze) deepFreeze(spec);
  try {
    return { spec, complexity: countComplexity(freeze ? checkOwnFrozenSpec(spec) : checkSpec(spec)) };
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new ScalingError(error.path, `the scaled network would be invalid: ${error.reason}`, { cause: error });
  }
}

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
  const scaled = scaleEfficientNet(spec, { d: depth, w: width, g: 1, r: 1 }, ROUNDING.efficientnet);
  const train = resolution;
  const test = nearestEven((train * spec.resolution.test) / spec.resolution.train);
  return verified({ ...scaled, resolution: { train, test } }).spec as EfficientNetSpec;
}

