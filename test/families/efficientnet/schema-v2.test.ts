/** EfficientNet's new fields at the boundary (fused stages, batch norm epsilon), and what pycls configs can hold. */
import { describe, expect, it } from 'vitest';
import { complexity, fromPyclsConfig, SpecError, toPyclsConfig, validateSpec, zooConfig, zooModel, type EfficientNetSpec } from '../../../src/index.js';
import { checkSpec } from '../../../src/spec/check.js';

const v2s = zooModel('efficientnet_v2_s');
const b0 = zooModel('EfficientNet-B0');

describe('EfficientNet specs', () => {
  it.each([
    ['a fused flag that is not a boolean', { ...v2s, stages: [{ ...v2s.stages[0]!, fused: 'yes' }] }, 'stages[0].fused: "yes" is not a boolean'],
    ['an epsilon of 0', { ...v2s, batchNormEps: 0 }, 'batchNormEps: 0 is not a finite number > 0'],
    ['an epsilon of 1', { ...v2s, batchNormEps: 1 }, 'batchNormEps: 1 is not a number in (0, 1) (a batch norm epsilon)'],
    ['an unknown implementation', { ...v2s, implementation: 'keras' }, "implementation: \"keras\" is not one of 'pycls', 'torchvision'"],
  ])('refuse %s with a SpecError', (_label, spec, message) => {
    expect(() => validateSpec(spec)).toThrow(SpecError);
    expect(() => validateSpec(spec)).toThrow(message);
  });

  it('leave `fused: false` out (the default), so that equal networks are equal specs', () => {
    const spec = { ...b0, stages: b0.stages.map((s) => ({ ...s, fused: false })) };
    expect(checkSpec(spec)).toEqual(b0);
  });

  it('need no squeeze-excite width in fused stages (they have none)', () => {
    // 2 channels at ratio 0.25 would squeeze to int(0.5) = 0 channels in an MBConv block.
    const spec: EfficientNetSpec = { ...v2s, stemWidth: 2, stages: [{ depth: 1, width: 24, expansionRatio: 1, kernel: 3, stride: 1, fused: true }, ...v2s.stages.slice(1)] };
    expect(() => validateSpec(spec)).not.toThrow();
    expect(() => validateSpec({ ...spec, stages: [{ ...spec.stages[0]!, fused: false }, ...spec.stages.slice(1)] })).toThrow(
      'seRatio: 0.25 gives a squeeze-excite of 0 channels for a block input of 2 (stage 0)',
    );
  });
});

describe('toPyclsConfig of EfficientNets', () => {
  it("writes pycls's zoo EfficientNets as before", () => {
    expect(fromPyclsConfig(toPyclsConfig(b0))).toEqual(b0);
    expect(fromPyclsConfig(toPyclsConfig(b0))).toEqual(fromPyclsConfig(zooConfig('EfficientNet-B0')));
  });

  it("writes torchvision's B-series as the same network under pycls's names", () => {
    for (const name of ['efficientnet_b0', 'efficientnet_b4', 'efficientnet_b7'] as const) {
      const spec = zooModel(name);
      const { implementation: _names, batchNormEps: _eps, ...network } = spec;
      const back = fromPyclsConfig(toPyclsConfig(spec));
      expect(back).toEqual(network);
      expect(complexity(back)).toEqual(complexity(spec));
    }
  });

  it('refuses fused-MBConv stages, which pycls cannot build, with a SpecError naming the stage', () => {
    expect(() => toPyclsConfig(v2s)).toThrow(SpecError);
    expect(() => toPyclsConfig(v2s)).toThrow("stages[0].fused: true: pycls's EfficientNet has no fused-MBConv blocks, so no pycls config builds this network");
  });

  it("refuses torchvision's rounding where pycls's would build other widths", () => {
    const spec: EfficientNetSpec = { ...b0, implementation: 'torchvision', stemWidth: 20, stages: [{ depth: 1, width: 20, expansionRatio: 4.5, kernel: 3, stride: 1 }] };
    expect(() => toPyclsConfig(spec)).toThrow(
      "stages[0].expansionRatio: 4.5 expands 20 channels to 88 (torchvision's rounding) where pycls builds 90, so no pycls config builds this network",
    );
  });

  it('refuses ConvNeXts: pycls does not build them', () => {
    expect(() => toPyclsConfig(zooModel('convnext_tiny'))).toThrow("family: 'convnext' has no pycls config (pycls does not build this family)");
  });
});
