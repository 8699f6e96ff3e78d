/**
 * Scaling an AnyNet (src/families/anynet/scale.ts): what the plateau search steps in (`dimensions`: per
 * stage its depth (unit 1), width (multiples of 8) and group width (pycls rounds it to whole numbers), then
 * the image sizes (multiples of 4; the test size is its own dimension under pycls's policy only)), and the
 * scaled spec's fields and errors.
 */
import { describe, expect, it } from 'vitest';
import { anyNetScaling } from '../../../src/families/anynet/scale.js';
import { applyScalingFactors, scale, ScalingError, SpecError, type AnyNetSpec } from '../../../src/index.js';
import { thrown } from '../../helpers/errors.js';

const spec: AnyNetSpec = {
  family: 'anynet',
  stem: { type: 'simple_stem_in', width: 32 },
  blockType: 'res_bottleneck_block',
  stages: [
    { depth: 1, width: 32, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 },
    { depth: 2, width: 64, stride: 2, bottleneckMultiplier: 1, groupWidth: 16 },
  ],
  seRatio: null,
  headWidth: 0,
  numClasses: 10,
  activation: 'relu',
  resolution: { train: 224, test: 256 },
};

describe('anyNetScaling.dimensions', () => {
  /** Per stage: depth, width and group width (pycls rounds group widths whatever the policy). */
  const stageDimensions = (depthRule: string, widthRule: string) =>
    spec.stages.flatMap((stage) => [
      { multiplier: 'd', base: stage.depth, rule: depthRule, unit: 1 },
      { multiplier: 'w', base: stage.width, rule: widthRule, unit: 8 },
      { multiplier: 'g', base: stage.groupWidth, rule: 'round', unit: 1 },
    ]);

  it("under 'pycls': round depths and widths, both image sizes", () => {
    expect(anyNetScaling.dimensions(spec, 'pycls')).toEqual([
      ...stageDimensions('round', 'round'),
      { multiplier: 'r', base: 224, rule: 'round', unit: 4 },
      { multiplier: 'r', base: 256, rule: 'round', unit: 4 },
    ]);
    // The stages' bases, spelled out: depths 1, 2; widths 32, 64; group widths 8, 16.
    expect(stageDimensions('round', 'round').map((d) => d.base)).toEqual([1, 32, 8, 2, 64, 16]);
  });

  it("under 'efficientnet': depths up, widths by _make_divisible, group widths still pycls's, the train size alone", () => {
    expect(anyNetScaling.dimensions(spec, 'efficientnet')).toEqual([...stageDimensions('ceil', 'divisible'), { multiplier: 'r', base: 224, rule: 'round', unit: 4 }]);
  });

  it('a stage without a group width (a basic block) steps from pycls default of 1', () => {
    const basic: AnyNetSpec = { ...spec, blockType: 'res_basic_block', stages: [{ depth: 2, width: 16, stride: 1 }] };
    expect(anyNetScaling.dimensions(basic, 'pycls')[2]).toEqual({ multiplier: 'g', base: 1, rule: 'round', unit: 1 });
  });
});

describe('a scaled AnyNet: its fields and errors', () => {
  it('keeps an implementation where the spec has one, and adds none where it has none', () => {
    expect(Object.keys(scale(spec, 'd', 2))).not.toContain('implementation');
    const torchvision: AnyNetSpec = { ...spec, stem: { type: 'res_stem_in', width: 64 }, implementation: 'torchvision' };
    expect(scale(torchvision, 'd', 2).implementation).toBe('torchvision');
  });

  it("a group width pycls's adjust_block_compatibility asserts on: a ScalingError naming the stage, caused by the SpecError", () => {
    // Width 8 x 0.75 = 6 channels; group width 1 x 4 = 4: the bottleneck rounds to 8, the width to int(8 / 0.75)
    // = 10, and 10 x 0.75 = 7.5 is no multiple of 4 (pycls: `assert all(w * b % g == 0 ...)`).
    const narrow: AnyNetSpec = { ...spec, stages: [{ depth: 1, width: 8, stride: 2, bottleneckMultiplier: 0.75, groupWidth: 1 }] };
    const error = thrown(() => scale(narrow, 'g', 4), ScalingError);
    expect(error.message).toBe('stages[0].bottleneckMultiplier: cannot be scaled: width 10 x 0.75 is not a multiple of group width 4');
    expect(error.cause).toBeInstanceOf(SpecError);
  });

  it('image sizes scaled below 4 pixels: a ScalingError naming resolution.train', () => {
    const error = thrown(() => applyScalingFactors(spec, { d: 1, w: 1, g: 1, r: 1e-6 }), ScalingError);
    expect(error.message).toBe('resolution.train: the scaled network would be invalid: 0 is not a positive integer');
  });
});
