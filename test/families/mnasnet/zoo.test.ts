/**
 * `mnasNetOf(alpha)` (src/families/mnasnet/zoo.ts) against torchvision 0.14's `MNASNet(alpha)`: its
 * `_get_depths(alpha)` widths (`_round_to_multiple_of(d * alpha, 8)` of 32, 16, 24, 40, 80, 96, 192,
 * 320), its stacks (kernel, stride, expansion, repeats: 3 2 3 3, 5 2 3 3, 5 2 6 3, 3 1 6 2, 5 2 6 4,
 * 3 1 6 1), head 1280, 1000 classes, at 224 px.
 */
import { describe, expect, it } from 'vitest';
import { mnasNetOf } from '../../../src/families/mnasnet/zoo.js';

const stacks = (widths: number[]) =>
  [
    [3, 2, 3, 3],
    [5, 2, 3, 3],
    [5, 2, 6, 3],
    [3, 1, 6, 2],
    [5, 2, 6, 4],
    [3, 1, 6, 1],
  ].map(([kernel, stride, expansionRatio, depth], i) => ({ depth, width: widths[i], expansionRatio, kernel, stride }));

describe("mnasNetOf: torchvision's MNASNet(alpha)", () => {
  it('alpha 1.0 (mnasnet1_0)', () => {
    expect(mnasNetOf(1.0)).toEqual({
      family: 'mnasnet',
      stemWidth: 32,
      separableWidth: 16,
      stages: stacks([24, 40, 80, 96, 192, 320]),
      headWidth: 1280,
      numClasses: 1000,
      resolution: { train: 224, test: 224 },
    });
  });

  it('alpha 0.5 (mnasnet0_5): 24 x 0.5 = 12 rounds up to 16, 40 x 0.5 = 20 to 24 (never below 90%)', () => {
    const spec = mnasNetOf(0.5);
    expect([spec.stemWidth, spec.separableWidth, ...spec.stages.map((s) => s.width)]).toEqual([16, 8, 16, 24, 40, 48, 96, 160]);
  });
});
