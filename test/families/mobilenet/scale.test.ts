/**
 * Scaling MobileNets: width as torchvision's own `width_mult` (test/fixtures/torchvision-width-multipliers.json,
 * built and counted by torchvision), depth per stage by the policy, resolution to multiples of 4; the
 * family's asymptotic and validity properties. Where the rounding steps: widths move in steps of 8
 * (`_make_divisible`), depths in whole blocks per stage, image sizes in steps of 4.
 */
import { describe, expect, it } from 'vitest';
import {
  applyScalingFactors,
  complexity,
  fastScale,
  layers,
  scale,
  scaleToTarget,
  STRATEGIES,
  zooModel,
  type MobileNetSpec,
  type ModelSpec,
} from '../../../src/index.js';
import { mobileNetScaling } from '../../../src/families/mobilenet/scale.js';
import { realisticMobileNet } from '../../arbitraries.js';
import { describeFamilyScaling, slope } from '../../helpers/family-scaling.js';
import { widthMultiplierFixture } from '../../helpers/torchvision-fixtures.js';

const widths = widthMultiplierFixture();
const NAMES = ['mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small'] as const;

describe.each(NAMES)("%s scaled by width alone is torchvision's width_mult network", (name) => {
  it.each(widths.models[name]!.runs.map((run) => run.multiplier))('width_mult %d: totals and every module equal', (multiplier) => {
    const run = widths.models[name]!.runs.find((r) => r.multiplier === multiplier)!;
    const spec = applyScalingFactors(zooModel(name), { d: 1, w: multiplier, g: 1, r: 1 });
    const atSize = { ...spec, resolution: { train: widths.imageSize, test: widths.imageSize } };
    expect(complexity(atSize)).toEqual(run.totals);
    expect(layers(atSize).map((row) => [row.name, row.params, row.flops, row.acts])).toEqual(run.modules);
  });
});

describe('the scaling rules', () => {
  const v2 = zooModel('mobilenet_v2');
  const v3 = zooModel('mobilenet_v3_large');

  it("scales depth per stage: pycls's round half to even, or ceil under the efficientnet policy", () => {
    // MobileNetV2's depths 1, 2, 3, 4, 3, 3, 1 times 1.5: 1.5, 3, 4.5, 6, 4.5, 4.5, 1.5.
    const factors = { d: 1.5, w: 1, g: 1, r: 1 };
    expect(applyScalingFactors(v2, factors).stages.map((s) => s.depth)).toEqual([2, 3, 4, 6, 4, 4, 2]);
    expect(applyScalingFactors(v2, factors, { policy: 'efficientnet' }).stages.map((s) => s.depth)).toEqual([2, 3, 5, 6, 5, 5, 2]);
    // Depth never rounds below one block.
    expect(applyScalingFactors(v2, { d: 0.01, w: 1, g: 1, r: 1 }).stages.map((s) => s.depth)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('keeps the version, the expansion ratios, kernels, strides, squeeze-excite and activations', () => {
    for (const base of [v2, v3, zooModel('mobilenet_v3_small')]) {
      const scaled = fastScale(base, 16) as MobileNetSpec;
      expect(scaled.version).toBe(base.version);
      const shape = (spec: MobileNetSpec) => spec.stages.map(({ expansionRatio, kernel, stride, squeezeExcite, activation }) => [expansionRatio, kernel, stride, squeezeExcite, activation]);
      expect(shape(scaled)).toEqual(shape(base));
    }
  });

  it("rounds explicit expanded widths and MobileNetV3's classifier width with _make_divisible(v, 8)", () => {
    const scaled = applyScalingFactors(v3, { d: 1, w: 1.3, g: 1, r: 1 }) as MobileNetSpec & { version: 'v3' };
    // 64 * 1.3 = 83.2 -> 80; 72 * 1.3 = 93.6 -> 96; 184 * 1.3 = 239.2 -> 240; 1280 * 1.3 = 1664.
    expect(scaled.stages.slice(1, 3).map((s) => s.expandedWidth)).toEqual([80, 96]);
    expect(scaled.stages[7]!.expandedWidth).toBe(240);
    expect(scaled.lastChannel).toBe(1664);
  });

  it("never narrows MobileNetV2's head below its base (torchvision's max(1.0, width_mult))", () => {
    expect((applyScalingFactors(v2, { d: 1, w: 0.5, g: 1, r: 1 }) as { headWidth: number }).headWidth).toBe(1280);
    expect((applyScalingFactors(v2, { d: 1, w: 1.4, g: 1, r: 1 }) as { headWidth: number }).headWidth).toBe(1792);
  });

  it('scales image sizes to multiples of 4', () => {
    expect(applyScalingFactors(v2, { d: 1, w: 1, g: 1, r: 1.3 }).resolution).toEqual({ train: 292, test: 292 });
  });

  it("matches the paper's exponents on the zoo models: acts under w, dWr and d within 0.04", () => {
    for (const name of NAMES) {
      const spec = zooModel(name);
      expect(Math.abs(slope(spec, STRATEGIES.w, 'acts') - 0.5)).toBeLessThan(0.04);
      expect(Math.abs(slope(spec, STRATEGIES.dWr, 'acts') - 0.6)).toBeLessThan(0.04);
      expect(Math.abs(slope(spec, STRATEGIES.d, 'acts') - 1)).toBeLessThan(0.04);
    }
  });

  it('reaches a flops budget with scaleToTarget', () => {
    const result = scaleToTarget(v3, { flops: 4 * complexity(v3).flops }, 'dWr');
    expect(result.spec.family).toBe('mobilenet');
    expect(Math.abs(result.relativeError)).toBeLessThan(0.02);
    expect(scale(v3, 'dWr', result.factor)).toEqual(result.spec);
  });
});

describeFamilyScaling('mobilenet', {
  realistic: realisticMobileNet,
  zoo: NAMES.map((name) => zooModel(name)),
  check: (base: ModelSpec, scaled: ModelSpec) => {
    const [b, s] = [base as MobileNetSpec, scaled as MobileNetSpec];
    expect(s.version).toBe(b.version);
    expect(s.stages.length).toBe(b.stages.length);
    for (const stage of s.stages) {
      expect(stage.width % 8).toBe(0);
      if (stage.expandedWidth !== undefined) expect(stage.expandedWidth % 8).toBe(0);
    }
    expect(s.stemWidth % 8).toBe(0);
  },
});

describe('mobileNetScaling.dimensions', () => {
  // torchvision's MobileNetV2 [t, c, n, s]: (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
  // (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1); stem 32, last conv 1280; 224 px.
  const v2Stages = [[1, 16], [2, 24], [3, 32], [4, 64], [3, 96], [3, 160], [1, 320]] as const;

  it("mobilenet_v2: the stem, per stage its depth and width, the head (widths always by _make_divisible), then the image sizes", () => {
    const dims = (depthRule: string) => [
      { multiplier: 'w', base: 32, rule: 'divisible', unit: 8 },
      ...v2Stages.flatMap(([depth, width]) => [
        { multiplier: 'd', base: depth, rule: depthRule, unit: 1 },
        { multiplier: 'w', base: width, rule: 'divisible', unit: 8 },
      ]),
      { multiplier: 'w', base: 1280, rule: 'divisible', unit: 8 },
      { multiplier: 'r', base: 224, rule: 'round', unit: 4 },
    ];
    expect(mobileNetScaling.dimensions(zooModel('mobilenet_v2') as MobileNetSpec, 'pycls')).toEqual([...dims('round'), { multiplier: 'r', base: 224, rule: 'round', unit: 4 }]);
    expect(mobileNetScaling.dimensions(zooModel('mobilenet_v2') as MobileNetSpec, 'efficientnet')).toEqual(dims('ceil'));
  });

  it('mobilenet_v3_small: a stage with an explicit expanded width steps it too; the classifier width (1024) ends the widths', () => {
    // _mobilenet_v3_conf("mobilenet_v3_small"): stem 16; (16, 3, 16, 16, SE, RE, 2), (16, 3, 72, 24, -, RE, 2), ...; last_channel 1024.
    const dims = mobileNetScaling.dimensions(zooModel('mobilenet_v3_small') as MobileNetSpec, 'efficientnet');
    expect(dims.slice(0, 7)).toEqual([
      { multiplier: 'w', base: 16, rule: 'divisible', unit: 8 },
      { multiplier: 'd', base: 1, rule: 'ceil', unit: 1 },
      { multiplier: 'w', base: 16, rule: 'divisible', unit: 8 },
      { multiplier: 'w', base: 16, rule: 'divisible', unit: 8 },
      { multiplier: 'd', base: 1, rule: 'ceil', unit: 1 },
      { multiplier: 'w', base: 24, rule: 'divisible', unit: 8 },
      { multiplier: 'w', base: 72, rule: 'divisible', unit: 8 },
    ]);
    expect(dims.slice(-2)).toEqual([
      { multiplier: 'w', base: 1024, rule: 'divisible', unit: 8 },
      { multiplier: 'r', base: 224, rule: 'round', unit: 4 },
    ]);
  });
});
