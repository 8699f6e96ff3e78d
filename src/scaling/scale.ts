import { ScalingError, SpecError } from '../errors.js';
import { join, oneOf, positiveNumber } from '../internal/check.js';
import { atBoundary, fieldsOf, readLibraryData } from '../internal/read.js';
import { familyOf, type ModelSpec, type ScaledSpec } from '../families/index.js';
import { ownCounted } from '../internal/owned.js';
import { walkComplexity } from '../network/count.js';
import { checkSpec } from '../spec/check.js';
import type { Complexity } from '../spec/common.js';
import { type ScalingFactors, scalingFactors } from './factors.js';
import type { RoundingPolicy } from './rounding.js';
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

/**
 * Scales a network to about `s` times its flops with a strategy, rounding the result to a valid,
 * trainable network exactly as pycls's `scale_model` does (policy `pycls`, the default) or as the
 * EfficientNet reference rounds (policy `efficientnet`).
 *
 * pycls policy: stage depths `max(1, round(d * md))`; stage widths to multiples of 8; group widths scaled
 * by `mg` and rounded (1, 2, 4 or a multiple of 8); then block compatibility ({@link adjustBlockCompatibility});
 * image sizes to multiples of 4. AnyNet stem and head widths are not scaled (as in pycls); EfficientNet's
 * are. RegNets and ResNets are scaled through their AnyNet form ({@link toAnyNet}) and come back as AnyNets.
 * Python's round-half-to-even throughout. Other families round as their own reference implementation
 * does (see each family's documentation).
 *
 * efficientnet policy: widths (and EfficientNet stem and head) by TensorFlow's `round_filters` (multiples
 * of 8, never below 90% of the target), depths rounded up, train size to a multiple of 4 and test size to
 * the even number keeping the base's test/train ratio; group widths as pycls.
 *
 * The input is never modified; the result is a new, deeply frozen spec, typed by the input's family
 * ({@link ScaledSpec}). Because of rounding, the scaled flops are close to, not exactly, `s` times the
 * base: measure them with {@link complexity}.
 *
 * @param strategy - a {@link ScalingStrategy} or a pycls strategy string (`'d1_w8_g8_r1'`, `'dwr'`)
 * @param s - flops factor, a finite number > 0 (below 1 scales down)
 * @throws {@link SpecError} for an invalid spec
 * @throws {@link ScalingError} for an invalid strategy, factor or policy; for an ImageNet ResNet with
 * `strideOn1x1: true` (no AnyNet form); or when the rounded network would be invalid (say, a depth beyond
 * `LIMITS.maxBlocks`)
 *
 * @example
 * ```ts
 * import { complexity, scale, zooModel } from 'fastscale';
 * const scaled = scale(zooModel('RegNetY-400MF'), 'd1_w8_g8_r1', 4);
 * complexity(scaled); // { flops: 1572517292, params: 14594380, acts: 7919628 }
 * ```
 */
export function scale<S extends ModelSpec>(spec: S, strategy: ScalingStrategy | string, s: number, options: ScaleOptions = {}): ScaledSpec<S> {
  const checked = checkSpec(spec);
  const policy = checkPolicy(options);
  return scaleChecked(checked, scalingFactors(toStrategy(strategy), s), policy).spec as unknown as ScaledSpec<S>;
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
export function fastScale<S extends ModelSpec>(spec: S, s: number, alpha = 0.8, options: ScaleOptions = {}): ScaledSpec<S> {
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
export function applyScalingFactors<S extends ModelSpec>(spec: S, factors: ScalingFactors, options: ScaleOptions = {}): ScaledSpec<S> {
  return scaleChecked(checkSpec(spec), checkFactors(factors), checkPolicy(options)).spec as unknown as ScaledSpec<S>;
}

/** Multipliers, checked: four finite numbers > 0, read once. */
function checkFactors(factors: unknown): ScalingFactors {
  return atBoundary(() => {
    const fields = fieldsOf(factors, ['d', 'w', 'g', 'r'], 'factors', 'scaling factors', ScalingError);
    const read = (k: 'd' | 'w' | 'g' | 'r'): number => positiveNumber(fields[k], join('factors', k), ScalingError);
    return { d: read('d'), w: read('w'), g: read('g'), r: read('r') };
  }, ScalingError);
}

/** The rounding policy named by scale options, checked. */
export function checkPolicy(options: unknown): RoundingPolicy {
  return atBoundary(() => {
    const fields = fieldsOf(options, ['policy'], 'options', 'scale options', ScalingError);
    if (fields.policy === undefined) return 'pycls';
    return oneOf(fields.policy, ['pycls', 'efficientnet'] as const, 'options.policy', ScalingError);
  }, ScalingError);
}

/** Keeps a model that {@link scaleChecked} made with `keep` false: its spec frozen and owned, its counts remembered. */
export function keepModel(model: ScaledModel): ScaledModel {
  return { spec: model.spec, complexity: ownCounted(model.spec, model.complexity) };
}

/** A scaled network and its complexity (computed anyway to prove the network valid). */
export interface ScaledModel {
  readonly spec: ModelSpec;
  readonly complexity: Complexity;
}

/**
 * The scale itself, on inputs already checked: the shared fast path of {@link scale}, sweeps and target
 * searches. The family rounds; the result is then checked as any spec is (so that no limit is exceeded)
 * and counted; it is frozen and owned (and its counts kept) unless `keep` is false, as for the candidates
 * a search throws away. Errors are `ScalingError`s saying what broke.
 */
export function scaleChecked(spec: ModelSpec, factors: ScalingFactors, policy: RoundingPolicy, keep = true): ScaledModel {
  const family = familyOf(spec);
  if (family.scaling === undefined) throw new ScalingError('family', `'${spec.family}' networks cannot be scaled`);
  let scaled;
  try {
    scaled = family.scaling.apply(spec, factors, policy) as ModelSpec;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new ScalingError(error.path, `cannot be scaled: ${error.reason}`, { cause: error });
  }
  try {
    // The family's own checks on the network it made (plain data this library built: read directly).
    const checked = (family.scaling.checkScaled?.(scaled) ?? readLibraryData(() => familyOf(scaled).parse(scaled))) as ModelSpec;
    const model = { spec: checked, complexity: walkComplexity(checked) };
    return keep ? keepModel(model) : model;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new ScalingError(error.path, `the scaled network would be invalid: ${error.reason}`, { cause: error });
  }
}
