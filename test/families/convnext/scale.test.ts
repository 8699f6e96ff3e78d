/**
 * Scaling ConvNeXts: depth per stage, widths to multiples of 8 (depthwise convs stay depthwise), image
 * sizes to multiples of 4 and never below what the stem and downsamplings need. Expected values are
 * Python's: round(96 * 2 ** 0.5 / 8) * 8 == 136, math.ceil(9 * 2) == 18, and so on.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, fastScale, fitLinear, layers, scale, ScalingError, scaleToTarget, STRATEGIES, validateSpec, zooModel, type ConvNeXtSpec, type Metric, type ScalingStrategy } from '../../../src/index.js';
import { convNeXtScaling } from '../../../src/families/convnext/scale.js';
import { convNeXtSpec } from '../../arbitraries.js';

const tiny = zooModel('convnext_tiny');
const shape = (spec: ConvNeXtSpec) => spec.stages.map((s) => [s.depth, s.width]);

describe('scale on ConvNeXt', () => {
  it("rounds widths as pycls (nearest multiple of 8) and depths as pycls (half to even), under 'pycls'", () => {
    const scaled = scale(tiny, 'dw', 4); // d = 4^(1/2) = 2, w = 4^(1/4) = sqrt(2)
    expect(shape(scaled)).toEqual([
      [6, 136],
      [6, 272],
      [18, 544],
      [6, 1088],
    ]);
    expect(scaled.family).toBe('convnext');
    expect(scaled.resolution).toEqual(tiny.resolution);
  });

  it("rounds widths with _make_divisible and depths up, under 'efficientnet'", () => {
    const scaled = scale(tiny, 'w', 1.5, { policy: 'efficientnet' });
    // 96 * sqrt(1.5) = 117.6 -> 120; 192 -> 235.2 -> 232; 384 -> 470.3 -> 472; 768 -> 940.6 -> 944.
    expect(scaled.stages.map((s) => s.width)).toEqual([120, 232, 472, 944]);
    expect(shape(scale(tiny, 'd', 1.1, { policy: 'efficientnet' }))).toEqual([
      [4, 96],
      [4, 192],
      [10, 384],
      [4, 768],
    ]);
  });

  it('keeps the 7x7 convs depthwise at every scaled width', () => {
    const scaled = scale(tiny, 'w', 3);
    for (const row of layers(scaled).filter((r) => r.name.endsWith('.block.0'))) expect(row.groups).toBe(row.output[0]);
  });

  it('scales the image side to multiples of 4 (224 * 4 = 896), and never below 4 * 2^(stages - 1)', () => {
    expect(scale(tiny, 'r', 16).resolution).toEqual({ train: 896, test: 896 });
    expect(scale(tiny, 'r', 1 / 16).resolution).toEqual({ train: 56, test: 56 });
    // 224 / 16 = 14 rounds to 16, too small for the last downsampling: the smallest valid side, 32.
    expect(scale(tiny, 'r', 1 / 256).resolution).toEqual({ train: 32, test: 32 });
    const oneStage: ConvNeXtSpec = { ...tiny, stages: [tiny.stages[0]!], resolution: { train: 8, test: 8 } };
    expect(scale(oneStage, 'r', 1 / 64).resolution).toEqual({ train: 4, test: 4 });
  });

  it('gives valid networks for every s in [2^-4, 2^16], alpha in [0, 1] and either policy (fastScale)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(['convnext_tiny', 'convnext_small', 'convnext_base', 'convnext_large'] as const)),
        fc.oneof(fc.constantFrom(-4, 16), fc.double({ min: -4, max: 16, noNaN: true })),
        fc.oneof(fc.constantFrom(0, 0.8, 1), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.constantFrom('pycls' as const, 'efficientnet' as const),
        (name, log2s, alpha, policy) => {
          const spec = zooModel(name);
          let scaled: ConvNeXtSpec;
          try {
            scaled = fastScale(spec, 2 ** log2s, alpha, { policy });
          } catch (error) {
            // Only a width multiplier near 2^8 takes convnext_large's 1536-channel MLPs (4x) past LIMITS.maxWidth.
            expect(error).toBeInstanceOf(ScalingError);
            expect((error as ScalingError).message).toMatch(/^stages\[3\]\.width: the scaled network would be invalid: \d+ makes the block's MLP \d+ wide, beyond the limit of 1048576$/);
            expect(4 * 1536 * (2 ** log2s) ** (alpha / 2)).toBeGreaterThan(0.99 * 2 ** 20);
            return;
          }
          validateSpec(scaled);
          for (const stage of scaled.stages) expect(stage.width % 8).toBe(0);
          expect(scaled.resolution.train % 4).toBe(0);
          expect(Number.isSafeInteger(complexity(scaled).flops)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses, with a ScalingError naming the stage, a width beyond the limit for its 4x MLP', () => {
    expect(() => scale(zooModel('convnext_large'), 'w', 2 ** 16)).toThrow(ScalingError);
    expect(() => scale(zooModel('convnext_large'), 'w', 2 ** 16)).toThrow("stages[3].width: the scaled network would be invalid: 393216 makes the block's MLP 1572864 wide, beyond the limit of 1048576");
    expect(scale(zooModel('convnext_base'), 'w', 2 ** 16).stages[3]!.width).toBe(262144);
  });

  it('keeps random ConvNeXts valid under any strategy, factor and policy', () => {
    const strategies = fc.constantFrom(...Object.values(STRATEGIES));
    fc.assert(
      fc.property(convNeXtSpec(), strategies, fc.double({ min: 1 / 16, max: 256, noNaN: true }), fc.constantFrom('pycls' as const, 'efficientnet' as const), (spec, strategy, s, policy) => {
        const scaled = scale(spec, strategy, s, { policy });
        validateSpec(scaled);
        expect(scaled.stages).toHaveLength(spec.stages.length);
      }),
      { numRuns: 200 },
    );
  });

  it('lists the dimensions the plateau search steps: depth and width (multiples of 8) per stage, then the image sizes (multiples of 4)', () => {
    const spec: ConvNeXtSpec = { family: 'convnext', stages: [{ depth: 2, width: 16 }, { depth: 1, width: 24 }], numClasses: 10, resolution: { train: 36, test: 40 } };
    expect(convNeXtScaling.dimensions(spec, 'pycls')).toEqual([
      { multiplier: 'd', base: 2, rule: 'round', unit: 1 },
      { multiplier: 'w', base: 16, rule: 'round', unit: 8 },
      { multiplier: 'd', base: 1, rule: 'round', unit: 1 },
      { multiplier: 'w', base: 24, rule: 'round', unit: 8 },
      { multiplier: 'r', base: 36, rule: 'round', unit: 4 },
      { multiplier: 'r', base: 40, rule: 'round', unit: 4 },
    ]);
    // The efficientnet policy: depths up, widths by _make_divisible, and the test size follows the train size.
    expect(convNeXtScaling.dimensions(spec, 'efficientnet')).toEqual([
      { multiplier: 'd', base: 2, rule: 'ceil', unit: 1 },
      { multiplier: 'w', base: 16, rule: 'divisible', unit: 8 },
      { multiplier: 'd', base: 1, rule: 'ceil', unit: 1 },
      { multiplier: 'w', base: 24, rule: 'divisible', unit: 8 },
      { multiplier: 'r', base: 36, rule: 'round', unit: 4 },
    ]);
  });

  it('reaches a flops target within 10% (scaleToTarget), staying a ConvNeXt', () => {
    const result = scaleToTarget(tiny, { flops: 4 * complexity(tiny).flops }, 'dWr');
    expect(result.spec.family).toBe('convnext');
    expect(Math.abs(Math.log(result.complexity.flops / (4 * complexity(tiny).flops)))).toBeLessThan(Math.log(1.1));
  });
});

describe('asymptotic slopes on the zoo ConvNeXts (s = 2^6 .. 2^16, within 0.05 of the closed form)', () => {
  const FACTORS = Array.from({ length: 11 }, (_, i) => 2 ** (6 + i));
  const slope = (spec: ConvNeXtSpec, strategy: ScalingStrategy, metric: Metric): number =>
    fitLinear(
      FACTORS.map(Math.log),
      FACTORS.map((s) => Math.log(complexity(scale(spec, strategy, s))[metric])),
    ).slope;

  // flops ~ s for every strategy; acts ~ s^(e_d + e_r) with w counted once: d 1, w 1/2, r 1, dWr 0.6.
  it.each(['convnext_tiny', 'convnext_base'] as const)('%s', (name) => {
    const spec = zooModel(name);
    for (const [strategy, acts] of [['d', 1], ['w', 0.5], ['r', 1], ['dwr', 5 / 6], ['dWr', 0.6]] as const) {
      expect(Math.abs(slope(spec, STRATEGIES[strategy], 'flops') - 1)).toBeLessThan(0.05);
      expect(Math.abs(slope(spec, STRATEGIES[strategy], 'acts') - acts)).toBeLessThan(0.05);
    }
  });
});
