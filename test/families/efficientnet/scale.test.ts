/**
 * Scaling an EfficientNet (src/families/efficientnet/scale.ts): what the plateau search steps in
 * (`dimensions`: per stage its depth and width, then the stem and head widths (all multiples of 8), then the
 * image sizes), and the expansion ratios pycls's block compatibility takes.
 */
import { describe, expect, it } from 'vitest';
import { efficientNetScaling } from '../../../src/families/efficientnet/scale.js';
import { scale, ScalingError, SpecError, zooModel, type EfficientNetSpec } from '../../../src/index.js';
import { thrown } from '../../helpers/errors.js';

// pycls's EfficientNet-B0 (configs/dds_baselines/effnet/EN-B0_dds_8gpu.yaml): depths 1, 2, 2, 3, 3, 4, 1;
// widths 16, 24, 40, 80, 112, 192, 320; stem 32; head 1280; train 224 px, test 256 px.
const b0 = zooModel('EfficientNet-B0') as EfficientNetSpec;
const DEPTHS = [1, 2, 2, 3, 3, 4, 1];
const WIDTHS = [16, 24, 40, 80, 112, 192, 320];

describe('efficientNetScaling.dimensions', () => {
  /** Per stage its depth and width, then the stem and head widths. */
  const widthDimensions = (depthRule: string, widthRule: string) => [
    ...DEPTHS.flatMap((depth, i) => [
      { multiplier: 'd', base: depth, rule: depthRule, unit: 1 },
      { multiplier: 'w', base: WIDTHS[i], rule: widthRule, unit: 8 },
    ]),
    { multiplier: 'w', base: 32, rule: widthRule, unit: 8 },
    { multiplier: 'w', base: 1280, rule: widthRule, unit: 8 },
  ];

  it("EfficientNet-B0 under 'efficientnet': depths up, every width by _make_divisible, the train size alone", () => {
    expect(efficientNetScaling.dimensions(b0, 'efficientnet')).toEqual([...widthDimensions('ceil', 'divisible'), { multiplier: 'r', base: 224, rule: 'round', unit: 4 }]);
  });

  it("EfficientNet-B0 under 'pycls': round depths and widths, both image sizes", () => {
    expect(efficientNetScaling.dimensions(b0, 'pycls')).toEqual([
      ...widthDimensions('round', 'round'),
      { multiplier: 'r', base: 224, rule: 'round', unit: 4 },
      { multiplier: 'r', base: 256, rule: 'round', unit: 4 },
    ]);
  });
});

describe("scaling an EfficientNet's expansion ratios", () => {
  const withRatio = (expansionRatio: number): EfficientNetSpec => ({ ...b0, stages: b0.stages.map((stage, i) => (i === 0 ? { ...stage, expansionRatio } : stage)) });

  it("'pycls': a ratio above 1 that is not an integer is refused (pycls's adjust_block_compatibility asserts it); below 1 it scales", () => {
    expect(thrown(() => scale(withRatio(1.5), 'w', 2), ScalingError).message).toBe(
      "stages[0].expansionRatio: 1.5 is above 1 but not an integer: pycls's scale_model cannot scale it (use the efficientnet policy)",
    );
    expect(scale(withRatio(0.5), 'w', 2).stages[0]!.expansionRatio).toBe(0.5);
  });

  it("'efficientnet': any ratio scales (no block compatibility)", () => {
    expect(scale(withRatio(1.5), 'w', 2, { policy: 'efficientnet' }).stages[0]!.expansionRatio).toBe(1.5);
  });

  it("'pycls': a width block compatibility cannot make whole names the stage's expansion ratio, caused by the SpecError", () => {
    // Width 16 x sqrt(2) rounds to 24; int(24 x 0.3) = 7 channels, int(7 / 0.3) = 23, and 23 x 0.3 is not whole
    // (pycls: `assert all(w * b % g == 0 ...)` with the expansion ratios as b and groups of 1).
    const error = thrown(() => scale(withRatio(0.3), 'w', 2), ScalingError);
    expect(error.message).toBe("stages[0].expansionRatio: cannot be scaled: width 23 x 0.3 is not a multiple of group width 1 (pycls's adjust_block_compatibility, the expansion ratio as bottleneck multiplier)");
    expect(error.cause).toBeInstanceOf(SpecError);
  });
});
