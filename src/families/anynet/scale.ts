/**
 * Scaling an AnyNet as pycls's `scale_model` does: stage depths and widths by the policy's rounding, group
 * widths by pycls's rule, then block compatibility; image sizes to multiples of 4. Stem and head widths
 * are not scaled (as in pycls).
 */
import { join } from '../../internal/check.js';
import { policyRounding, pyclsGroupWidth, resolutionDimensions, type RoundingPolicy } from '../../scaling/rounding.js';
import type { ScalingFactors } from '../../scaling/factors.js';
import { readLibraryData } from '../../internal/read.js';
import { readResolution } from '../../spec/common.js';
import { compatibleShape } from '../../spec/compatibility.js';
import { checkComputedStages } from './schema.js';
import type { FamilyScaling, ScaledDimension } from '../family.js';
import type { AnyNetSpec, AnyNetStage } from './types.js';

export const anyNetScaling: FamilyScaling<AnyNetSpec, AnyNetSpec> = {
  apply(spec: AnyNetSpec, factors: ScalingFactors, policy: RoundingPolicy): AnyNetSpec {
    const rounding = policyRounding(policy);
    // Written out field by field, not spread from the (frozen, marked) input: V8 gives such a literal a
    // fast, shared shape, and every scaled spec is checked, marked, frozen and walked right after.
    const scaled: AnyNetSpec = {
      family: 'anynet',
      stem: { type: spec.stem.type, width: spec.stem.width },
      blockType: spec.blockType,
      stages: spec.stages.map((stage, i) => scaledStage(stage, factors, rounding.depth(stage.depth, factors.d), rounding.width(stage.width, factors.w), join('stages', i))),
      seRatio: spec.seRatio,
      headWidth: spec.headWidth,
      numClasses: spec.numClasses,
      activation: spec.activation,
      resolution: rounding.resolution(spec.resolution, factors.r),
    };
    return spec.implementation === undefined ? scaled : { ...scaled, implementation: spec.implementation };
  },

  checkScaled: checkScaledAnyNet,

  dimensions(spec: AnyNetSpec, policy: RoundingPolicy): ScaledDimension[] {
    const rounding = policyRounding(policy);
    const dimensions: ScaledDimension[] = [];
    for (const stage of spec.stages) {
      dimensions.push(
        { multiplier: 'd', base: stage.depth, rule: rounding.depthRule, unit: 1 },
        { multiplier: 'w', base: stage.width, rule: rounding.widthRule, unit: 8 },
        { multiplier: 'g', base: stage.groupWidth ?? 1, rule: 'round', unit: 1 },
      );
    }
    return [...dimensions, ...resolutionDimensions(spec.resolution, policy)];
  },
};

/**
 * Checks an AnyNet that `apply` scaled: it copies every field but the stages and resolution from a checked
 * AnyNet (the stem too), so only those are checked (as parsing checks them).
 */
export function checkScaledAnyNet(scaled: AnyNetSpec): AnyNetSpec {
  checkComputedStages(scaled.stages, scaled.blockType, scaled.stem.width, scaled.seRatio);
  readLibraryData(() => readResolution(scaled.resolution));
  return scaled;
}

/**
 * One scaled stage. A stage without bottleneck fields (a basic or vanilla block's) is scaled as pycls
 * scales its default of 1 and 1: the scaled group width can still move the width in block compatibility,
 * and, as pycls's `scale_model` writes `BOT_MULS` and `GROUP_WS` for every AnyNet, the scaled stage has
 * both (so that scaling it again continues from pycls's values).
 */
function scaledStage(stage: AnyNetStage, factors: ScalingFactors, depth: number, width: number, path: string): AnyNetStage {
  const multiplier = stage.bottleneckMultiplier ?? 1;
  const groupWidth = pyclsGroupWidth(stage.groupWidth ?? 1, factors.g);
  // A shape pycls's adjust_block_compatibility asserts on throws a SpecError here, which scaling reports
  // as "cannot be scaled".
  const shape = compatibleShape({ width, bottleneckMultiplier: multiplier, groupWidth }, path);
  return { depth, width: shape.width, stride: stage.stride, bottleneckMultiplier: shape.bottleneckMultiplier, groupWidth: shape.groupWidth };
}
