/**
 * Scaling an EfficientNet: stage, stem and head widths by the policy's rounding (pycls's `scale_model`
 * then runs block compatibility with the expansion ratios as bottleneck multipliers and groups of 1;
 * TensorFlow's rounding does not), depths by the policy, image sizes to multiples of 4.
 */
import { ScalingError, SpecError } from '../../errors.js';
import { join } from '../../internal/check.js';
import { describe } from '../../internal/describe.js';
import type { ScalingFactors } from '../../scaling/factors.js';
import { policyRounding, resolutionDimensions, type RoundingPolicy } from '../../scaling/rounding.js';
import { compatibleShape } from '../../spec/compatibility.js';
import type { FamilyScaling, ScaledDimension } from '../family.js';
import type { EfficientNetSpec } from './types.js';

/** Applies depth and width multipliers with a policy's rounding; the resolution is left to the caller. */
export function scaleEfficientNetStages(spec: EfficientNetSpec, depthMultiplier: number, widthMultiplier: number, policy: RoundingPolicy): EfficientNetSpec {
  const rounding = policyRounding(policy);
  const widths = spec.stages.map((stage, i) => {
    const width = rounding.width(stage.width, widthMultiplier);
    if (policy !== 'pycls') return width;
    // pycls's adjust_block_compatibility asserts this of the expansion ratios it is given.
    if (stage.expansionRatio > 1 && !Number.isInteger(stage.expansionRatio)) {
      throw new ScalingError(
        join(join('stages', i), 'expansionRatio'),
        `${describe(stage.expansionRatio)} is above 1 but not an integer: pycls's scale_model cannot scale it (use the efficientnet policy)`,
      );
    }
    try {
      return compatibleShape({ width, bottleneckMultiplier: stage.expansionRatio, groupWidth: 1 }, '').width;
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      // An EfficientNet has no bottleneck multiplier: the error names the expansion ratio pycls takes for one.
      throw new ScalingError(join(join('stages', i), 'expansionRatio'), `cannot be scaled: ${error.reason} (pycls's adjust_block_compatibility, the expansion ratio as bottleneck multiplier)`, { cause: error });
    }
  });
  return {
    ...spec,
    stemWidth: rounding.width(spec.stemWidth, widthMultiplier),
    stages: spec.stages.map((stage, i) => ({ ...stage, depth: rounding.depth(stage.depth, depthMultiplier), width: widths[i]! })),
    headWidth: rounding.width(spec.headWidth, widthMultiplier),
  };
}

export const efficientNetScaling: FamilyScaling<EfficientNetSpec, EfficientNetSpec> = {
  apply(spec: EfficientNetSpec, factors: ScalingFactors, policy: RoundingPolicy): EfficientNetSpec {
    const scaled = scaleEfficientNetStages(spec, factors.d, factors.w, policy);
    return { ...scaled, resolution: policyRounding(policy).resolution(spec.resolution, factors.r) };
  },

  dimensions(spec: EfficientNetSpec, policy: RoundingPolicy): ScaledDimension[] {
    const { depthRule, widthRule } = policyRounding(policy);
    const width = (base: number): ScaledDimension => ({ multiplier: 'w', base, rule: widthRule, unit: 8 });
    return [
      ...spec.stages.flatMap((stage): ScaledDimension[] => [{ multiplier: 'd', base: stage.depth, rule: depthRule, unit: 1 }, width(stage.width)]),
      width(spec.stemWidth),
      width(spec.headWidth),
      ...resolutionDimensions(spec.resolution, policy),
    ];
  },
};
