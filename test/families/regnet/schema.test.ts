/** RegNet specs at the boundary (src/families/regnet/schema.ts) and their generated AnyNet form (anynet-form.ts). */
import { describe, expect, it } from 'vitest';
import { SpecError, toAnyNet, validateSpec, zooModel, type RegNetSpec } from '../../../src/index.js';
import { thrown } from '../../helpers/errors.js';

const base = zooModel('RegNetY-400MF') as RegNetSpec;

describe('RegNet specs: each check names the field and the value', () => {
  it.each<[string, unknown, string]>([
    ['w0 not a multiple of 8', { ...base, w0: 20 }, 'w0: 20 is not a multiple of 8'],
    ['w0 of 0', { ...base, w0: 0 }, 'w0: 0 is not a positive integer'],
    ['wm of 1', { ...base, wm: 1 }, 'wm: 1 is not a finite number > 1'],
    ['wm as a string', { ...base, wm: '2' }, 'wm: "2" is not a finite number > 0'],
    ['a negative wa', { ...base, wa: -1 }, 'wa: -1 is not a finite number >= 0'],
    ['a depth beyond the listed-block limit', { ...base, depth: 10_001 }, 'depth: 10001 is above the limit of 10000'],
    ['a depth of 0', { ...base, depth: 0 }, 'depth: 0 is not a positive integer'],
    ['a group width of 0', { ...base, groupWidth: 0 }, 'groupWidth: 0 is not a positive integer'],
    ['a multiplier above 1 that is not an integer', { ...base, bottleneckMultiplier: 2.5 }, 'bottleneckMultiplier: 2.5 is above 1 but not an integer'],
    ['a stride of 0', { ...base, stride: 0 }, 'stride: 0 is not a positive integer'],
    ['a negative head width', { ...base, headWidth: -1 }, 'headWidth: -1 is not a non-negative integer'],
    ['a head beyond the width limit', { ...base, headWidth: 2 ** 21 }, 'headWidth: 2097152 is above the limit of 1048576'],
    ['squeeze-excite on basic blocks', { ...base, blockType: 'res_basic_block' }, 'seRatio: 0.25 is set, but res_basic_block has no squeeze-excite (use null)'],
    ['an unknown block', { ...base, blockType: 'x' }, "blockType: \"x\" is not one of 'res_bottleneck_block', 'res_basic_block', 'vanilla_block', 'res_bottleneck_linear_block'"],
    ['an unknown activation', { ...base, activation: 'gelu' }, "activation: \"gelu\" is not one of 'relu', 'silu'"],
    ['an unknown implementation', { ...base, implementation: 'x' }, "implementation: \"x\" is not one of 'pycls', 'torchvision'"],
    ['0 classes', { ...base, numClasses: 0 }, 'numClasses: 0 is not a positive integer'],
    [
      'stages given (a RegNet generates them)',
      { ...base, stages: [] },
      'stages: is not a field of a regnet spec (fields: family, wa, w0, wm, depth, groupWidth, bottleneckMultiplier, stride, seRatio, stem, blockType, headWidth, numClasses, activation, resolution, implementation)',
    ],
    ['a wa that generates a width beyond the limit', { ...base, wa: 1e6 }, 'wa: 1000000 makes block 2 1456432 channels wide, beyond the limit of 1048576'],
  ])('%s', (_, spec, message) => {
    expect(thrown(() => validateSpec(spec), SpecError).message).toBe(message);
  });
});

describe('the AnyNet form a RegNet generates', () => {
  it("RegNetY-400MF: pycls's generated stages (widths 48, 104, 208, 440; depths 1, 3, 6, 6), stride 2, group width 8, its stem, SE and head", () => {
    const form = toAnyNet(base);
    expect(form.stages).toEqual([
      { depth: 1, width: 48, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 },
      { depth: 3, width: 104, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 },
      { depth: 6, width: 208, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 },
      { depth: 6, width: 440, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 },
    ]);
    expect({ ...form, stages: [] }).toEqual({
      family: 'anynet',
      stem: { type: 'simple_stem_in', width: 32 },
      blockType: 'res_bottleneck_block',
      stages: [],
      seRatio: 0.25,
      headWidth: 0,
      numClasses: 1000,
      activation: 'relu',
      resolution: { train: 224, test: 256 },
    });
    // The same form, from a cache, for the same spec object.
    expect(toAnyNet(base)).toBe(toAnyNet(base));
  });

  it('keeps the implementation tag', () => {
    expect(toAnyNet({ ...base, implementation: 'torchvision' }).implementation).toBe('torchvision');
    expect('implementation' in toAnyNet(base)).toBe(false);
  });

  it('group widths are capped by block compatibility (RegNetX-200MF: group width 8 on its 24-wide first stage)', () => {
    const form = toAnyNet(zooModel('RegNetX-200MF'));
    expect(form.stages.map((s) => [s.width, s.groupWidth])).toEqual([
      [24, 8],
      [56, 8],
      [152, 8],
      [368, 8],
    ]);
  });

  it("a generated form beyond the squeeze-excite limit: the AnyNet form's error, whole (pycls's and torchvision's generation)", () => {
    // Widths 2^19 and 2^20 (wa 8 keeps the exponent 0 for block 1: log(1 + 8 / 2^19) / log 2 rounds to 0): SE 3 x 2^19.
    for (const implementation of [undefined, 'torchvision'] as const) {
      const error = thrown(() => validateSpec({ ...base, w0: 2 ** 19, wa: 8, wm: 2, depth: 2, seRatio: 3, ...(implementation && { implementation }) }), SpecError);
      expect(error.path).toBe('');
      expect(error.message).toBe('the AnyNet form this RegNet generates is invalid: seRatio: 3 makes a squeeze-excite of 524288 channels 1572864 wide, beyond the limit of 1048576');
    }
  });

  it("pycls's RegNet takes any of pycls's stems, named or not (only torchvision's needs the simple stem)", () => {
    for (const type of ['res_stem_in', 'res_stem_cifar'] as const) {
      expect(toAnyNet({ ...base, stem: { type, width: 32 } }).stem).toEqual({ type, width: 32 });
      expect(toAnyNet({ ...base, stem: { type, width: 32 }, implementation: 'pycls' }).stem).toEqual({ type, width: 32 });
    }
  });

  it('names the RegNet field when the generated stages are invalid', () => {
    // As pycls asserts: width 8 x 0.3 = 2.4 -> 2 channels -> width int(2 / 0.3) = 6, and 6 x 0.3 is not whole.
    const error = thrown(() => validateSpec({ ...base, w0: 8, wa: 8, bottleneckMultiplier: 0.3, groupWidth: 1 }), SpecError);
    expect(error.path).toBe('bottleneckMultiplier');
    expect(error.message).toMatch(/^bottleneckMultiplier: the generated stages cannot be made compatible: \[0\]\.bottleneckMultiplier: width 6 x 0\.3 is not a multiple of group width 1$/);
  });
});
