/**
 * What the plateau search steps in an EfficientNet (src/families/efficientnet/scale.ts `dimensions`):
 * per stage its depth and width, then the stem and head widths (all multiples of 8), then the image sizes.
 */
import { describe, expect, it } from 'vitest';
import { efficientNetScaling } from '../../../src/families/efficientnet/scale.js';
import { zooModel, type EfficientNetSpec } from '../../../src/index.js';

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
