/**
 * Scaling a MobileNet as torchvision's own width multiplier does, with depth and resolution added: every
 * width (stem, stages, explicit expanded widths, MobileNetV3's classifier width) to
 * `_make_divisible(width * w, 8)`; MobileNetV2's head as `_make_divisible(head * max(1, w), 8)` (it never
 * narrows below the base); expansion ratios, and so the expanded widths they give, follow the block
 * inputs; MobileNetV3's squeeze widths and last conv follow from the rest. Depthwise convs stay
 * depthwise. Depths per stage by the policy (`max(1, round_half_even(d * m))` under pycls, `ceil(d * m)`
 * under efficientnet), image sizes as for every family. So `w` alone gives exactly torchvision's
 * `mobilenet_v2(width_mult=w)` / `mobilenet_v3_large(width_mult=w)` from the zoo models.
 */
import type { ScalingFactors } from '../../scaling/factors.js';
import { policyRounding, resolutionDimensions, type RoundingPolicy } from '../../scaling/rounding.js';
import { makeDivisible } from '../blocks/divisible.js';
import type { FamilyScaling, ScaledDimension } from '../family.js';
import type { MobileNetSpec, MobileNetStage } from './types.js';

/** A width under width multiplier `w`: torchvision's `_make_divisible(width * w, 8)`. */
const scaledWidth = (width: number, w: number): number => makeDivisible(width * w, 8);

export const mobileNetScaling: FamilyScaling<MobileNetSpec, MobileNetSpec> = {
  apply(spec: MobileNetSpec, factors: ScalingFactors, policy: RoundingPolicy): MobileNetSpec {
    const rounding = policyRounding(policy);
    const stages = spec.stages.map((stage): MobileNetStage => {
      const scaled = { ...stage, depth: rounding.depth(stage.depth, factors.d), width: scaledWidth(stage.width, factors.w) };
      return stage.expandedWidth === undefined ? scaled : { ...scaled, expandedWidth: scaledWidth(stage.expandedWidth, factors.w) };
    });
    const common = { stemWidth: scaledWidth(spec.stemWidth, factors.w), stages, resolution: rounding.resolution(spec.resolution, factors.r) };
    return spec.version === 'v2'
      ? { ...spec, ...common, headWidth: scaledWidth(spec.headWidth, Math.max(1, factors.w)) }
      : { ...spec, ...common, lastChannel: scaledWidth(spec.lastChannel, factors.w) };
  },

  dimensions(spec: MobileNetSpec, policy: RoundingPolicy): ScaledDimension[] {
    const { depthRule } = policyRounding(policy);
    const width = (base: number): ScaledDimension => ({ multiplier: 'w', base, rule: 'divisible', unit: 8 });
    return [
      width(spec.stemWidth),
      ...spec.stages.flatMap((stage): ScaledDimension[] => [
        { multiplier: 'd', base: stage.depth, rule: depthRule, unit: 1 },
        width(stage.width),
        ...(stage.expandedWidth === undefined ? [] : [width(stage.expandedWidth)]),
      ]),
      // MobileNetV2's head does not step below w = 1; listing its steps there too only adds boundaries.
      width(spec.version === 'v2' ? spec.headWidth : spec.lastChannel),
      ...resolutionDimensions(spec.resolution, policy),
    ];
  },
};
