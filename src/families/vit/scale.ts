/**
 * Scaling a vision transformer with the paper's four multipliers, read for transformers: `d` scales the
 * number of encoder blocks, `w` the hidden width (and the MLP width with it, keeping their ratio, and the
 * conv stem's widths), `g` the head width (the analogue of a group width: heads = hidden / head width),
 * `r` the image size, which moves in whole patches (a conv stem's strides multiply to the patch size).
 *
 * Rounding, under the `pycls` policy: blocks `max(1, round(d * m))`; hidden and conv stem widths to
 * multiples of 8; the head width by pycls's group width rule (1, 2, 4 or a multiple of 8); then the
 * hidden width is made a multiple of the head width as pycls's block compatibility does for a group width
 * (the head width capped at the hidden width); MLP width `round(hidden' * mlp / hidden)`; image size
 * `max(1, round(size * m / patch)) * patch` (at least one patch), test size as for the convnets. Under
 * `efficientnet`: blocks rounded up and widths by TensorFlow's `round_filters`, the rest the same.
 */
import { roundHalfEven } from '../../internal/python.js';
import type { ScalingFactors } from '../../scaling/factors.js';
import { nearestEven, policyRounding, pyclsGroupWidth, pyclsResolution, type RoundingPolicy } from '../../scaling/rounding.js';
import type { Resolution } from '../../spec/common.js';
import { compatibleShape } from '../../spec/compatibility.js';
import type { FamilyScaling, ScaledDimension } from '../family.js';
import type { VitSpec, VitStem } from './types.js';

export const vitScaling: FamilyScaling<VitSpec, VitSpec> = {
  apply(spec: VitSpec, factors: ScalingFactors, policy: RoundingPolicy): VitSpec {
    const rounding = policyRounding(policy);
    const { hiddenWidth, headWidth } = scaledWidths(spec, factors, policy);
    const stem: VitStem =
      spec.stem.type === 'patchify'
        ? { type: 'patchify' }
        : {
            type: 'conv',
            convs: spec.stem.convs.map((conv, i, convs) => ({ ...conv, width: i === convs.length - 1 ? hiddenWidth : rounding.width(conv.width, factors.w) })),
          };
    return {
      ...spec,
      stem,
      layers: rounding.depth(spec.layers, factors.d),
      heads: hiddenWidth / headWidth,
      hiddenWidth,
      mlpWidth: Math.max(1, roundHalfEven((hiddenWidth * spec.mlpWidth) / spec.hiddenWidth)),
      resolution: scaledResolution(spec, factors.r, policy),
    };
  },

  dimensions(spec: VitSpec, policy: RoundingPolicy): ScaledDimension[] {
    const { depthRule, widthRule } = policyRounding(policy);
    const width = (base: number): ScaledDimension => ({ multiplier: 'w', base, rule: widthRule, unit: 8 });
    const stemWidths = spec.stem.type === 'conv' ? spec.stem.convs.slice(0, -1).map((conv) => width(conv.width)) : [];
    const dimensions: ScaledDimension[] = [
      { multiplier: 'd', base: spec.layers, rule: depthRule, unit: 1 },
      width(spec.hiddenWidth),
      ...stemWidths,
      { multiplier: 'g', base: spec.hiddenWidth / spec.heads, rule: 'round', unit: 1 },
      { multiplier: 'r', base: spec.resolution.train, rule: 'round', unit: spec.patchSize },
    ];
    if (policy === 'pycls') dimensions.push({ multiplier: 'r', base: spec.resolution.test, rule: 'round', unit: 4 });
    return dimensions;
  },
};

/**
 * The scaled hidden width and head width, compatible (pycls's block compatibility with a bottleneck
 * multiplier of 1, which always succeeds): the hidden width is a whole number of heads.
 */
function scaledWidths(spec: VitSpec, factors: ScalingFactors, policy: RoundingPolicy): { hiddenWidth: number; headWidth: number } {
  const width = policyRounding(policy).width(spec.hiddenWidth, factors.w);
  const groupWidth = pyclsGroupWidth(spec.hiddenWidth / spec.heads, factors.g);
  const shape = compatibleShape({ width, bottleneckMultiplier: 1, groupWidth }, 'hiddenWidth');
  return { hiddenWidth: shape.width, headWidth: shape.groupWidth };
}

/** The training size in whole patches (at least one); the test size as the policy rounds it for the convnets. */
function scaledResolution(spec: VitSpec, multiplier: number, policy: RoundingPolicy): Resolution {
  const { train, test } = spec.resolution;
  const patch = spec.patchSize;
  const scaledTrain = Math.max(1, roundHalfEven((train * multiplier) / patch)) * patch;
  return { train: scaledTrain, test: policy === 'pycls' ? pyclsResolution(test, multiplier) : nearestEven((scaledTrain * test) / train) };
}
