import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adjustBlockCompatibility, generateRegNet, layers, SpecError, toAnyNet, zooModel, type RegNetSpec } from '../../src/index.js';
import { anyNetSpec, regNetSpec, resNetSpec } from '../arbitraries.js';
import { imageNetResNet } from '../specs.js';

describe('generateRegNet', () => {
  it('groups per-block widths into stages whose depths sum to the depth', () => {
    fc.assert(
      fc.property(regNetSpec(), (spec) => {
        const { widths, depths, blockWidths } = generateRegNet(spec.wa, spec.w0, spec.wm, spec.depth);
        expect(depths.reduce((a, b) => a + b, 0)).toBe(spec.depth);
        expect(blockWidths).toHaveLength(spec.depth);
        expect(new Set(widths).size).toBe(widths.length);
        for (const w of widths) expect(w % 8).toBe(0);
        for (let i = 1; i < blockWidths.length; i++) expect(blockWidths[i]!).toBeGreaterThanOrEqual(blockWidths[i - 1]!);
      }),
    );
  });

  it('rounds half to even as numpy does (RegNetX-1.6GF: 180 / 8 = 22.5 -> 22, a width of 176)', () => {
    const spec = zooModel('RegNetX-1.6GF') as RegNetSpec;
    const { blockWidths } = generateRegNet(spec.wa, spec.w0, spec.wm, spec.depth);
    const quantized = blockWidths.map((w) => w / 8);
    // The unrounded width that lands on 22.5 exists and rounds to the even neighbour.
    const exact = blockWidths.map((_, i) => (spec.w0 * spec.wm ** Math.round(Math.log((i * spec.wa + spec.w0) / spec.w0) / Math.log(spec.wm))) / 8);
    expect(exact).toContain(22.5);
    expect(quantized).toContain(22);
    expect(quantized).not.toContain(23);
  });

  it('rejects parameters pycls asserts against', () => {
    expect(() => generateRegNet(-1, 24, 2.5, 10)).toThrow(new SpecError('wa', '-1 is not a finite number >= 0'));
    expect(() => generateRegNet(36, 20, 2.5, 10)).toThrow('w0: 20 is not a multiple of 8');
    expect(() => generateRegNet(36, 24, 1, 10)).toThrow('wm: 1 is not a finite number > 1');
    expect(() => generateRegNet(36, 24, 2.5, 0)).toThrow('depth: 0 is not a positive integer');
    expect(() => generateRegNet(1e300, 24, 2.5, 3)).toThrow(SpecError);
  });
});

describe('adjustBlockCompatibility', () => {
  it('makes width * multiplier a multiple of the (capped) group width, as pycls asserts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            width: fc.integer({ min: 1, max: 4096 }),
            bottleneckMultiplier: fc.constantFrom(0.25, 0.5, 1, 2, 3, 4),
            groupWidth: fc.integer({ min: 1, max: 256 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (stages) => {
          const adjusted = adjustBlockCompatibility(stages);
          adjusted.forEach((stage, i) => {
            expect((stage.width * stage.bottleneckMultiplier) % stage.groupWidth).toBe(0);
            expect(stage.groupWidth).toBeLessThanOrEqual(stages[i]!.groupWidth);
            expect(stage.bottleneckMultiplier).toBe(stages[i]!.bottleneckMultiplier);
          });
        },
      ),
    );
  });

  it('throws SpecError, as pycls asserts, where a non-dyadic multiplier leaves the product fractional', () => {
    expect(() => adjustBlockCompatibility([{ width: 1, bottleneckMultiplier: 0.75, groupWidth: 1 }])).toThrow(
      '[0].bottleneckMultiplier: width 1 x 0.75 is not a multiple of group width 1',
    );
  });

  it('rounds the bottleneck width half to even: 100 x 0.25 / 8 = 3.125 -> 3 groups of 8, width 96', () => {
    expect(adjustBlockCompatibility([{ width: 100, bottleneckMultiplier: 0.25, groupWidth: 8 }])).toEqual([
      { width: 96, bottleneckMultiplier: 0.25, groupWidth: 8 },
    ]);
    // 80 x 0.25 = 20 = 2.5 groups of 8: Python's round(2.5) is 2, so 16 -> width 64 (Math.round would give 96).
    expect(adjustBlockCompatibility([{ width: 80, bottleneckMultiplier: 0.25, groupWidth: 8 }])[0]!.width).toBe(64);
  });

  it('rejects a multiplier above 1 that is not an integer', () => {
    expect(() => adjustBlockCompatibility([{ width: 64, bottleneckMultiplier: 1.5, groupWidth: 8 }])).toThrow(
      '[0].bottleneckMultiplier: 1.5 is above 1 but not an integer',
    );
  });
});

describe('toAnyNet', () => {
  it('keeps AnyNets as they are (the same object once the library owns it) and converts RegNets and ResNets to a network of the same layers', () => {
    fc.assert(
      fc.property(anyNetSpec(), (spec) => {
        const owned = toAnyNet(spec);
        expect(owned).toEqual(spec);
        expect(toAnyNet(owned)).toBe(owned);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(regNetSpec(), resNetSpec().filter((s) => s.dataset === 'cifar' || !s.strideOn1x1)), (spec) => {
        const form = toAnyNet(spec);
        expect(form.family).toBe('anynet');
        // pycls's RegNet, ResNet and AnyNet modules are named alike: the same rows, names and counts.
        expect(layers(form)).toEqual(layers(spec));
      }),
      { numRuns: 40 },
    );
  });

  it('gives the ResNet-50 of the zoo for pycls resnet ResNet-50', () => {
    const resnet = imageNetResNet();
    expect(toAnyNet(resnet)).toEqual(zooModel('ResNet-50'));
    expect(() => toAnyNet({ ...resnet, strideOn1x1: true })).toThrow(/strideOn1x1: true puts the stride on the first 1x1 conv/);
  });

  it('has no AnyNet form for an EfficientNet', () => {
    expect(() => toAnyNet(zooModel('EfficientNet-B0'))).toThrow(SpecError);
  });
});
