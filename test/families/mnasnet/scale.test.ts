/**
 * Scaling MNASNets: width as torchvision's own `alpha` (test/fixtures/torchvision-width-multipliers.json and
 * the four zoo models, built and counted by torchvision), depth per stage by the policy, resolution to
 * multiples of 4; the family's asymptotic and validity properties. Where the rounding steps: stem,
 * separable and stage widths move in steps of 8 (`_round_to_multiple_of`), depths in whole blocks per
 * stage, image sizes in steps of 4; the head stays 1280 wide, as at every torchvision alpha.
 */
import { describe, expect, it } from 'vitest';
import { applyScalingFactors, complexity, fastScale, layers, scale, scaleToTarget, STRATEGIES, zooModel, type MnasNetSpec, type ModelSpec } from '../../../src/index.js';
import { mnasNetScaling } from '../../../src/families/mnasnet/scale.js';
import { realisticMnasNet } from '../../arbitraries.js';
import { describeFamilyScaling, slope } from '../../helpers/family-scaling.js';
import { widthMultiplierFixture } from '../../helpers/torchvision-fixtures.js';

const widths = widthMultiplierFixture();
const base = zooModel('mnasnet1_0');

describe("mnasnet1_0 scaled by width alone is torchvision's MNASNet(alpha)", () => {
  it.each(widths.models.mnasnet1_0!.runs.map((run) => run.multiplier))('alpha %d: totals and every module equal', (alpha) => {
    const run = widths.models.mnasnet1_0!.runs.find((r) => r.multiplier === alpha)!;
    const spec = applyScalingFactors(base, { d: 1, w: alpha, g: 1, r: 1 });
    const atSize = { ...spec, resolution: { train: widths.imageSize, test: widths.imageSize } };
    expect(complexity(atSize)).toEqual(run.totals);
    expect(layers(atSize).map((row) => [row.name, row.params, row.flops, row.acts])).toEqual(run.modules);
  });

  it.each([
    ['mnasnet0_5', 0.5],
    ['mnasnet0_75', 0.75],
    ['mnasnet1_3', 1.3],
  ] as const)('%s is mnasnet1_0 at width %d', (name, alpha) => {
    expect(applyScalingFactors(base, { d: 1, w: alpha, g: 1, r: 1 })).toEqual(zooModel(name));
  });
});

describe('the scaling rules', () => {
  it("scales depth per stage: pycls's round half to even, or ceil under the efficientnet policy", () => {
    // Depths 3, 3, 3, 2, 4, 1 times 1.5: 4.5, 4.5, 4.5, 3, 6, 1.5.
    const factors = { d: 1.5, w: 1, g: 1, r: 1 };
    expect(applyScalingFactors(base, factors).stages.map((s) => s.depth)).toEqual([4, 4, 4, 3, 6, 2]);
    expect(applyScalingFactors(base, factors, { policy: 'efficientnet' }).stages.map((s) => s.depth)).toEqual([5, 5, 5, 3, 6, 2]);
  });

  it('keeps expansions, kernels, strides and the head width', () => {
    const scaled = fastScale(base, 16) as MnasNetSpec;
    expect(scaled.headWidth).toBe(1280);
    expect(scaled.stages.map(({ expansionRatio, kernel, stride }) => [expansionRatio, kernel, stride])).toEqual(base.stages.map(({ expansionRatio, kernel, stride }) => [expansionRatio, kernel, stride]));
  });

  it("matches the paper's exponents on the zoo models: acts under w, dWr and d within 0.03", () => {
    for (const name of ['mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3'] as const) {
      const spec = zooModel(name);
      expect(Math.abs(slope(spec, STRATEGIES.w, 'acts') - 0.5)).toBeLessThan(0.03);
      expect(Math.abs(slope(spec, STRATEGIES.dWr, 'acts') - 0.6)).toBeLessThan(0.03);
      expect(Math.abs(slope(spec, STRATEGIES.d, 'acts') - 1)).toBeLessThan(0.03);
    }
  });

  it('reaches a flops budget with scaleToTarget', () => {
    const result = scaleToTarget(base, { flops: 4 * complexity(base).flops }, 'dWr');
    expect(result.spec.family).toBe('mnasnet');
    expect(Math.abs(result.relativeError)).toBeLessThan(0.02);
    expect(scale(base, 'dWr', result.factor)).toEqual(result.spec);
  });
});

describeFamilyScaling('mnasnet', {
  realistic: realisticMnasNet,
  zoo: [zooModel('mnasnet0_5'), zooModel('mnasnet0_75'), base, zooModel('mnasnet1_3')],
  check: (original: ModelSpec, scaled: ModelSpec) => {
    const [b, s] = [original as MnasNetSpec, scaled as MnasNetSpec];
    expect(s.stages.length).toBe(b.stages.length);
    expect(s.headWidth).toBe(b.headWidth);
    for (const width of [s.stemWidth, s.separableWidth, ...s.stages.map((stage) => stage.width)]) expect(width % 8).toBe(0);
  },
});

describe('mnasNetScaling.dimensions', () => {
  it("mnasnet1_0: stem and separable widths, per stack its repeats and width (widths by _make_divisible), then the image sizes", () => {
    // torchvision's MNASNet(1.0): stem 32, separable 16; stacks (repeats, width) (3, 24), (3, 40), (3, 80), (2, 96), (4, 192), (1, 320); 224 px.
    const stacks = [[3, 24], [3, 40], [3, 80], [2, 96], [4, 192], [1, 320]] as const;
    const dims = (depthRule: string) => [
      { multiplier: 'w', base: 32, rule: 'divisible', unit: 8 },
      { multiplier: 'w', base: 16, rule: 'divisible', unit: 8 },
      ...stacks.flatMap(([depth, width]) => [
        { multiplier: 'd', base: depth, rule: depthRule, unit: 1 },
        { multiplier: 'w', base: width, rule: 'divisible', unit: 8 },
      ]),
      { multiplier: 'r', base: 224, rule: 'round', unit: 4 },
    ];
    expect(mnasNetScaling.dimensions(zooModel('mnasnet1_0'), 'pycls')).toEqual([...dims('round'), { multiplier: 'r', base: 224, rule: 'round', unit: 4 }]);
    expect(mnasNetScaling.dimensions(zooModel('mnasnet1_0'), 'efficientnet')).toEqual(dims('ceil'));
  });
});
