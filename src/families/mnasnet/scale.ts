/**
 * Scaling an MNASNet as torchvision's `alpha` does, with depth and resolution added: stem, separable and
 * stage widths to `_round_to_multiple_of(width * w, 8)` (torchvision's `_make_divisible`), the head's
 * width unchanged (torchvision keeps 1280 at every alpha), expansion ratios unchanged (so expanded widths
 * follow their inputs; depthwise convs stay depthwise). Depths per stage by the policy
 * (`max(1, round_half_even(d * m))` under pycls, `ceil(d * m)` under efficientnet), image sizes as for
 * every family. So `w` alone gives exactly torchvision's `MNASNet(alpha=w)` from `mnasnet1_0`.
 */
import type { ScalingFactors } from '../../scaling/factors.js';
import { policyRounding, resolutionDimensions, type RoundingPolicy } from '../../scaling/rounding.js';
import { makeDivisible } from '../blocks/divisible.js';
import type { FamilyScaling, ScaledDimension } from '../family.js';
import type { MnasNetSpec } from './types.js';

/** A width under width multiplier `w`: `_round_to_multiple_of(width * w, 8)`. */
const scaledWidth = (width: number, w: number): number => makeDivisible(width * w, 8);

export const mnasNetScaling: FamilyScaling<MnasNetSpec, MnasNetSpec> = {
  apply(spec: MnasNetSpec, factors: ScalingFactors, policy: RoundingPolicy): MnasNetSpec {
    const rounding = policyRounding(policy);
    return {
      ...spec,
      stemWidth: scaledWidth(spec.stemWidth, factors.w),
      separableWidth: scaledWidth(spec.separableWidth, factors.w),
      stages: spec.stages.map((stage) => ({ ...stage, depth: rounding.depth(stage.depth, factors.d), width: scaledWidth(stage.width, factors.w) })),
      resolution: rounding.resolution(spec.resolution, factors.r),
    };
  },

  dimensions(spec: MnasNetSpec, policy: RoundingPolicy): ScaledDimension[] {
    const { depthRule } = policyRounding(policy);
    const width = (base: number): ScaledDimension => ({ multiplier: 'w', base, rule: 'divisible', unit: 8 });
    return [
      width(spec.stemWidth),
      width(spec.separableWidth),
      ...spec.stages.flatMap((stage): ScaledDimension[] => [{ multiplier: 'd', base: stage.depth, rule: depthRule, unit: 1 }, width(stage.width)]),
      ...resolutionDimensions(spec.resolution, policy),
    ];
  },
};
