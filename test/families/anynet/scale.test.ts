/**
 * What the plateau search steps in an AnyNet (src/families/anynet/scale.ts `dimensions`): per stage its
 * depth (unit 1), width (multiples of 8) and group width (pycls rounds it to whole numbers), then the image
 * sizes (multiples of 4; the test size is its own dimension under pycls's policy only).
 */
import { describe, expect, it } from 'vitest';
import { anyNetScaling } from '../../../src/families/anynet/scale.js';
import type { AnyNetSpec } from '../../../src/index.js';

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
  it("under 'pycls': round depths and widths, both image sizes", () => {
    expect(anyNetScaling.dimensions(spec, 'pycls')).toEqual([
      { multiplier: 'd', base: 1, rule: 'round', unit: 1 },
      { multiplier: 'w', base: 32, rule: 'round', unit: 8 },
      { multiplier: 'g', base: 8, rule: 'round', unit: 1 },
      { multiplier: 'd', base: 2, rule: 'round', unit: 1 },
      { multiplier: 'w', base: 64, rule: 'round', unit: 8 },
      { multiplier: 'g', base: 16, rule: 'round', unit: 1 },
      { multiplier: 'r', base: 224, rule: 'round', unit: 4 },
      { multiplier: 'r', base: 256, rule: 'round', unit: 4 },
    ]);
  });

  it("under 'efficientnet': depths up, widths by _make_divisible, group widths still pycls's, the train size alone", () => {
    expect(anyNetScaling.dimensions(spec, 'efficientnet')).toEqual([
      { multiplier: 'd', base: 1, rule: 'ceil', unit: 1 },
      { multiplier: 'w', base: 32, rule: 'divisible', unit: 8 },
      { multiplier: 'g', base: 8, rule: 'round', unit: 1 },
      { multiplier: 'd', base: 2, rule: 'ceil', unit: 1 },
      { multiplier: 'w', base: 64, rule: 'divisible', unit: 8 },
      { multiplier: 'g', base: 16, rule: 'round', unit: 1 },
      { multiplier: 'r', base: 224, rule: 'round', unit: 4 },
    ]);
  });

  it('a stage without a group width (a basic block) steps from pycls default of 1', () => {
    const basic: AnyNetSpec = { ...spec, blockType: 'res_basic_block', stages: [{ depth: 2, width: 16, stride: 1 }] };
    expect(anyNetScaling.dimensions(basic, 'pycls')[2]).toEqual({ multiplier: 'g', base: 1, rule: 'round', unit: 1 });
  });
});
