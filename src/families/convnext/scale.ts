/**
 * Scaling a ConvNeXt: stage depths and widths by the policy's rounding (widths to multiples of 8; the
 * 7x7 conv stays depthwise, so there are no group widths to scale), image sizes to multiples of 4 and
 * never below what the stem and the downsamplings need.
 */
import type { ScalingFactors } from '../../scaling/factors.js';
import { policyRounding, resolutionDimensions, type RoundingPolicy } from '../../scaling/rounding.js';
import type { FamilyScaling, ScaledDimension } from '../family.js';
import { minimumResolution } from './schema.js';
import type { ConvNeXtSpec } from './types.js';

export const convNeXtScaling: FamilyScaling<ConvNeXtSpec, ConvNeXtSpec> = {
  apply(spec: ConvNeXtSpec, factors: ScalingFactors, policy: RoundingPolicy): ConvNeXtSpec {
    const rounding = policyRounding(policy);
    const resolution = rounding.resolution(spec.resolution, factors.r);
    // A multiple of 4 (as every power of two from 4 up), so the floor keeps the rounding's grid.
    const minimum = minimumResolution(spec.stages.length);
    return {
      ...spec,
      stages: spec.stages.map((stage) => ({ depth: rounding.depth(stage.depth, factors.d), width: rounding.width(stage.width, factors.w) })),
      resolution: { train: Math.max(minimum, resolution.train), test: Math.max(minimum, resolution.test) },
    };
  },

  dimensions(spec: ConvNeXtSpec, policy: RoundingPolicy): ScaledDimension[] {
    const { depthRule, widthRule } = policyRounding(policy);
    return [
      ...spec.stages.flatMap((stage): ScaledDimension[] => [
        { multiplier: 'd', base: stage.depth, rule: depthRule, unit: 1 },
        { multiplier: 'w', base: stage.width, rule: widthRule, unit: 8 },
      ]),
      ...resolutionDimensions(spec.resolution, policy),
    ];
  },
};
