/**
 * Rounding of scaled dimensions back to trainable values: pycls's `scale_model` rules and the
 * EfficientNet (TensorFlow) rules. Every function takes the base value and its multiplier.
 */
import type { ScaledDimension } from '../families/family.js';
import { roundHalfEven } from '../internal/python.js';
import type { Resolution } from '../spec/common.js';

/**
 * Rounding policy of a scale: `pycls` (pycls's `scale_model`, Python rounding) or `efficientnet`
 * (the EfficientNet reference: channels to multiples of 8 with the 90% rule, depths rounded up).
 *
 * @example
 * ```ts
 * import type { RoundingPolicy } from 'fastscale';
 * const policy: RoundingPolicy = 'efficientnet';
 * ```
 */
export type RoundingPolicy = 'pycls' | 'efficientnet';

/** pycls depth: `max(1, round(d * m))`. */
export function pyclsDepth(depth: number, multiplier: number): number {
  return Math.max(1, roundHalfEven(depth * multiplier));
}

/** pycls width: the nearest multiple of 8, at least 8: `max(1, round(w * m / 8)) * 8`. */
export function pyclsWidth(width: number, multiplier: number): number {
  return Math.max(1, roundHalfEven((width * multiplier) / 8)) * 8;
}

/** pycls group width: `max(1, round(g * m))`, kept if <= 2, 4 if <= 5, else the nearest multiple of 8. */
export function pyclsGroupWidth(groupWidth: number, multiplier: number): number {
  const g = Math.max(1, roundHalfEven(groupWidth * multiplier));
  if (g <= 2) return g;
  if (g <= 5) return 4;
  return roundHalfEven(g / 8) * 8;
}

/** pycls image size: the nearest multiple of 4, `round(size * m / 4) * 4`. */
export function pyclsResolution(size: number, multiplier: number): number {
  return roundHalfEven((size * multiplier) / 4) * 4;
}

/**
 * EfficientNet channels (TensorFlow `round_filters`, divisor 8): `max(8, floor((c*m + 4) / 8) * 8)`, plus 8
 * when that falls below 90% of `c*m`.
 */
export function efficientNetChannels(channels: number, multiplier: number): number {
  const target = channels * multiplier;
  const rounded = Math.max(8, Math.floor((target + 4) / 8) * 8);
  return rounded < 0.9 * target ? rounded + 8 : rounded;
}

/** EfficientNet repeats (TensorFlow `round_repeats`): `ceil(d * m)`. */
export function efficientNetDepth(depth: number, multiplier: number): number {
  return Math.ceil(depth * multiplier);
}

/** The nearest even number: pycls's EfficientNet configs take test sizes as even numbers. */
export function nearestEven(x: number): number {
  return roundHalfEven(x / 2) * 2;
}

/** How a policy rounds scaled depths, widths and image sizes (group widths are always pycls's). */
export interface PolicyRounding {
  readonly depth: (depth: number, multiplier: number) => number;
  readonly width: (width: number, multiplier: number) => number;
  readonly resolution: (resolution: Resolution, multiplier: number) => Resolution;
  /** Where `depth` and `width` step, for the plateau search. */
  readonly depthRule: ScaledDimension['rule'];
  readonly widthRule: ScaledDimension['rule'];
}

const POLICIES: Readonly<Record<RoundingPolicy, PolicyRounding>> = {
  pycls: {
    depth: pyclsDepth,
    width: pyclsWidth,
    resolution: (resolution, r) => ({ train: pyclsResolution(resolution.train, r), test: pyclsResolution(resolution.test, r) }),
    depthRule: 'round',
    widthRule: 'round',
  },
  efficientnet: {
    depth: efficientNetDepth,
    width: efficientNetChannels,
    resolution: (resolution, r) => {
      // Test crops keep the base's train/test ratio and are even, as in pycls's EfficientNet configs.
      const train = pyclsResolution(resolution.train, r);
      return { train, test: nearestEven((train * resolution.test) / resolution.train) };
    },
    depthRule: 'ceil',
    widthRule: 'divisible',
  },
};

/** The rounding functions of a policy. */
export function policyRounding(policy: RoundingPolicy): PolicyRounding {
  return POLICIES[policy];
}

/**
 * The rounded dimensions of image sizes under a policy: the training size, and under `pycls` the test
 * size too (the `efficientnet` policy derives the test size from the training size).
 */
export function resolutionDimensions(resolution: Resolution, policy: RoundingPolicy): ScaledDimension[] {
  const train: ScaledDimension = { multiplier: 'r', base: resolution.train, rule: 'round', unit: 4 };
  return policy === 'pycls' ? [train, { multiplier: 'r', base: resolution.test, rule: 'round', unit: 4 }] : [train];
}
