/**
 * AnyNet specs at the boundary (src/families/anynet/schema.ts): every check names the field path and the
 * bad value; what is accepted is copied into a new plain spec.
 */
import { describe, expect, it } from 'vitest';
import { SpecError, toAnyNet, validateSpec, zooModel, type AnyNetSpec, type AnyNetStage } from '../../../src/index.js';
import { checkComputedStages } from '../../../src/families/anynet/schema.js';
import { thrown } from '../../helpers/errors.js';

const base = zooModel('ResNeXt-50') as AnyNetSpec;
const withStage = (i: number, edit: Partial<Record<keyof AnyNetStage | 'kernel', unknown>>) => ({
  ...base,
  stages: base.stages.map((stage, j) => (j === i ? { ...stage, ...edit } : stage)),
});
const basic = (stages: unknown[], extra: object = {}) => ({ ...base, blockType: 'res_basic_block', stages, ...extra });

describe('AnyNet specs: each check names the field and the value', () => {
  it.each<[string, unknown, string]>([
    ['stages not an array', { ...base, stages: 3 }, 'stages: 3 is not an array (AnyNet stages)'],
    ['no stages', { ...base, stages: [] }, 'stages: is empty (expected at least one element)'],
    ['more than 1,000 stages', { ...base, stages: Array(1001).fill(base.stages[0]) }, 'stages: has 1001 elements, more than the limit of 1000'],
    ['a hole', { ...base, stages: [base.stages[0], , base.stages[1]] }, 'stages[1]: is missing (a hole in the array)'],
    ['an unknown stage field', withStage(1, { kernel: 3 }), 'stages[1].kernel: is not a field of an AnyNet stage (fields: depth, width, stride, bottleneckMultiplier, groupWidth)'],
    ['depth 0', withStage(0, { depth: 0 }), 'stages[0].depth: 0 is not a positive integer'],
    ['depth beyond the block limit', withStage(0, { depth: 2 ** 25 }), 'stages[0].depth: 33554432 is above the limit of 16777216'],
    ['all stages beyond the block limit', { ...base, stages: Array(4).fill({ ...base.stages[0], depth: 2 ** 23 }) }, 'stages: hold 33554432 blocks in all, more than the limit of 16777216'],
    ['width 0', withStage(0, { width: 0 }), 'stages[0].width: 0 is not a positive integer'],
    ['width beyond the limit', withStage(0, { width: 2 ** 21 }), 'stages[0].width: 2097152 is above the limit of 1048576'],
    ['stride 0', withStage(3, { stride: 0 }), 'stages[3].stride: 0 is not a positive integer'],
    ['stride beyond the limit', withStage(3, { stride: 1025 }), 'stages[3].stride: 1025 is above the limit of 1024'],
    ['a multiplier above 1 that is not an integer', withStage(0, { bottleneckMultiplier: 1.5 }), 'stages[0].bottleneckMultiplier: 1.5 is above 1 but not an integer'],
    ['a multiplier beyond the width limit', withStage(0, { bottleneckMultiplier: 2 ** 21 }), 'stages[0].bottleneckMultiplier: 2097152 is above the limit of 1048576'],
    ['a bottleneck that rounds to 0 channels', withStage(0, { bottleneckMultiplier: 0.001 }), 'stages[0].bottleneckMultiplier: 0.001 makes the bottleneck of width 256 round to 0 channels'],
    ['a missing multiplier', withStage(0, { bottleneckMultiplier: undefined }), 'stages[0].bottleneckMultiplier: is missing (expected a finite number > 0)'],
    ['a missing group width', withStage(0, { groupWidth: undefined }), 'stages[0].groupWidth: is missing (expected a positive integer)'],
    ['a group width that does not divide the bottleneck', withStage(2, { groupWidth: 24 }), 'stages[2].groupWidth: 24 does not divide the bottleneck width 512 (width 1024 x bottleneckMultiplier 0.5)'],
    ['a basic stage with only a group width', basic([{ depth: 1, width: 8, stride: 1, groupWidth: 3 }]), 'stages[0].bottleneckMultiplier: is missing (expected a finite number > 0)'],
    ['a basic stage with only a multiplier', basic([{ depth: 1, width: 8, stride: 1, bottleneckMultiplier: 0.5 }], { seRatio: null }), 'stages[0].groupWidth: is missing (expected a positive integer)'],
    // round(2^20 x 1.5) channels: the widest block input is a stage here, not the stem (64).
    ['a squeeze-excite beyond the width limit', { ...withStage(1, { width: 2 ** 20 }), seRatio: 1.5 }, 'seRatio: 1.5 makes a squeeze-excite of 1048576 channels 1572864 wide, beyond the limit of 1048576'],
    ['a stem that is not an object', { ...base, stem: 3 }, 'stem: 3 is not an object (a stem)'],
    ['an unknown stem field', { ...base, stem: { type: 'res_stem_in', width: 64, kernel: 7 } }, 'stem.kernel: is not a field of a stem (fields: type, width)'],
    ['squeeze-excite on vanilla blocks', { ...basic([{ depth: 1, width: 8, stride: 1 }]), blockType: 'vanilla_block', seRatio: 0.25 }, 'seRatio: 0.25 is set, but vanilla_block has no squeeze-excite (use null)'],
    ['a negative squeeze-excite ratio', { ...base, seRatio: -1 }, 'seRatio: -1 is not a finite number > 0'],
    ['a negative head width', { ...base, headWidth: -1 }, 'headWidth: -1 is not a non-negative integer'],
    ['a head beyond the width limit', { ...base, headWidth: 2 ** 21 }, 'headWidth: 2097152 is above the limit of 1048576'],
    ['0 classes', { ...base, numClasses: 0 }, 'numClasses: 0 is not a positive integer'],
    ['classes beyond the limit', { ...base, numClasses: 2 ** 30 }, 'numClasses: 1073741824 is above the limit of 16777216'],
    ['an unknown activation', { ...base, activation: 'gelu' }, "activation: \"gelu\" is not one of 'relu', 'silu'"],
    ['a train size of 0', { ...base, resolution: { train: 0, test: 1 } }, 'resolution.train: 0 is not a positive integer'],
    ['a test size beyond the limit', { ...base, resolution: { train: 10, test: 2 ** 20 + 1 } }, 'resolution.test: 1048577 is above the limit of 1048576'],
    ['an unknown resolution field', { ...base, resolution: { train: 10, test: 10, x: 1 } }, 'resolution.x: is not a field of a resolution (fields: train, test)'],
    ['an unknown implementation', { ...base, implementation: 'keras' }, "implementation: \"keras\" is not one of 'pycls', 'torchvision'"],
    ['a stem without width', { ...base, stem: { type: 'res_stem_in' } }, 'stem.width: is missing (expected a positive integer)'],
    ['an unknown stem', { ...base, stem: { type: 'x', width: 3 } }, "stem.type: \"x\" is not one of 'simple_stem_in', 'res_stem_in', 'res_stem_cifar'"],
    ['an unknown block', { ...base, blockType: 'x' }, "blockType: \"x\" is not one of 'res_bottleneck_block', 'res_basic_block', 'vanilla_block', 'res_bottleneck_linear_block'"],
    ['an unknown field', { ...base, headwidth: 0 }, 'headwidth: is not a field of an anynet spec (fields: family, stem, blockType, stages, seRatio, headWidth, numClasses, activation, resolution, implementation)'],
    ['a family getter', Object.defineProperty({ ...base }, 'family', { get: () => 'anynet', enumerable: true }), 'family: is a getter or setter; give plain data'],
    ['not an object', 5, '5 is not an object (a model spec)'],
    // An unknown field is reported before a getter, whichever comes first in the object.
    ['a getter and an unknown field', Object.defineProperty({ ...base, headwidth: 0 }, 'headWidth', { get: () => 0, enumerable: true }), 'headwidth: is not a field of an anynet spec (fields: family, stem, blockType, stages, seRatio, headWidth, numClasses, activation, resolution, implementation)'],
    // A proxy that lists fewer keys than it describes: no unknown key to name, but not plain data either.
    [
      'a proxy hiding a field from its keys',
      new Proxy({ ...base }, { ownKeys: (target) => Reflect.ownKeys(target).filter((key) => key !== 'stem') }),
      'reports its own fields inconsistently (a proxy?); give plain data (an anynet spec)',
    ],
  ])('%s', (_, spec, message) => {
    expect(thrown(() => validateSpec(spec), SpecError).message).toBe(message);
  });

  it('a non-enumerable field is read like any other (counted, not taken for an unknown key)', () => {
    const spec = Object.defineProperty({ ...base }, 'headWidth', { value: 0, enumerable: false });
    expect(validateSpec(spec)).toEqual(validateSpec(base));
  });
});

describe('AnyNet specs: what is accepted', () => {
  it('the limits themselves (1,000 stages, stride 1024, width 2^20 is the largest)', () => {
    expect(() => validateSpec({ ...base, stages: Array(1000).fill({ ...base.stages[0], stride: 1 }), resolution: { train: 8, test: 8 } })).not.toThrow();
    expect(() => validateSpec({ ...withStage(3, { stride: 1024 }), resolution: { train: 8, test: 8 } })).not.toThrow();
  });

  it('basic and vanilla stages without bottleneck fields are kept without them; with both, with both', () => {
    const input = basic([{ depth: 1, width: 8, stride: 1 }, { depth: 1, width: 16, stride: 2, bottleneckMultiplier: 1, groupWidth: 1 }], { seRatio: null });
    const spec = toAnyNet(input as AnyNetSpec);
    expect(spec).not.toBe(input);
    expect(Object.isFrozen(spec.stages[0])).toBe(true);
    expect(spec.stages).toEqual([
      { depth: 1, width: 8, stride: 1 },
      { depth: 1, width: 16, stride: 2, bottleneckMultiplier: 1, groupWidth: 1 },
    ]);
  });

  it('a squeeze-excite exactly at the width limit, from the widest stage or the stem', () => {
    expect(() => validateSpec({ ...withStage(1, { width: 2 ** 20 }), seRatio: 1 })).not.toThrow();
    expect(() => validateSpec({ ...base, stem: { type: 'res_stem_in', width: 2 ** 19 }, seRatio: 2 })).not.toThrow();
    expect(thrown(() => validateSpec({ ...base, stem: { type: 'res_stem_in', width: 2 ** 19 }, seRatio: 2.5 }), SpecError).message).toBe(
      'seRatio: 2.5 makes a squeeze-excite of 524288 channels 1310720 wide, beyond the limit of 1048576',
    );
  });

  it('a basic stage keeps a multiplier at the width limit (only bottleneck blocks use it)', () => {
    const stages = [{ depth: 1, width: 8, stride: 1, bottleneckMultiplier: 2 ** 20, groupWidth: 1 }];
    expect(toAnyNet(basic(stages, { seRatio: null }) as AnyNetSpec).stages).toEqual(stages);
  });

  it("pycls's shapes that torchvision cannot name, without an implementation or with 'pycls'", () => {
    const shapes = [
      { stem: { type: 'simple_stem_in', width: 32 } },
      { stem: { type: 'res_stem_cifar', width: 16 } },
      { blockType: 'vanilla_block', stages: [{ depth: 1, width: 8, stride: 1 }], seRatio: null },
      { blockType: 'res_bottleneck_linear_block' },
    ];
    for (const shape of shapes) {
      expect(toAnyNet({ ...base, ...shape } as AnyNetSpec)).toMatchObject(shape);
      expect(toAnyNet({ ...base, ...shape, implementation: 'pycls' } as AnyNetSpec)).toMatchObject({ ...shape, implementation: 'pycls' });
    }
  });

  it('a basic stage may take any group width (its blocks have no bottleneck)', () => {
    expect(() => validateSpec(basic([{ depth: 1, width: 8, stride: 1, bottleneckMultiplier: 1, groupWidth: 3 }], { seRatio: null }))).not.toThrow();
  });

  it('a linear bottleneck block is checked like a bottleneck block', () => {
    expect(thrown(() => validateSpec({ ...withStage(2, { groupWidth: 24 }), blockType: 'res_bottleneck_linear_block' }), SpecError).path).toBe('stages[2].groupWidth');
  });
});

describe('checkComputedStages: stages this library computed (a RegNet form, a scaled AnyNet) get the errors parseAnyNet gives', () => {
  const stage = (edit: Partial<AnyNetStage> = {}): AnyNetStage => ({ depth: 2, width: 64, stride: 2, bottleneckMultiplier: 1, groupWidth: 16, ...edit });
  const check = (stages: readonly AnyNetStage[], seRatio: number | null = null, blockType: Parameters<typeof checkComputedStages>[1] = 'res_bottleneck_block') =>
    thrown(() => checkComputedStages(stages, blockType, 32, seRatio), SpecError).message;

  it.each<[string, readonly AnyNetStage[], number | null, string]>([
    ['no stages', [], null, 'stages: is empty (expected at least one element)'],
    ['more than 1,000 stages', Array(1001).fill(stage()), null, 'stages: has 1001 elements, more than the limit of 1000'],
    ['a depth of 0 in the second stage', [stage(), stage({ depth: 0 })], null, 'stages[1].depth: 0 is not a positive integer'],
    ['a width beyond the limit', [stage({ width: 2 ** 21, groupWidth: 1 })], null, 'stages[0].width: 2097152 is above the limit of 1048576'],
    ['a stride beyond the limit', [stage({ stride: 1025 })], null, 'stages[0].stride: 1025 is above the limit of 1024'],
    ['a group width of 0', [stage({ groupWidth: 0 })], null, 'stages[0].groupWidth: 0 is not a positive integer'],
    ['a group width that does not divide the bottleneck', [stage({ groupWidth: 24 })], null, 'stages[0].groupWidth: 24 does not divide the bottleneck width 64 (width 64 x bottleneckMultiplier 1)'],
    ['a bottleneck beyond the width limit', [stage({ width: 2 ** 20, bottleneckMultiplier: 2, groupWidth: 1 })], null, 'stages[0].bottleneckMultiplier: 2 makes the bottleneck of width 1048576 2097152 channels wide, beyond the limit of 1048576'],
    ['more blocks in all than the limit', [stage({ depth: 2 ** 23 }), stage({ depth: 2 ** 23 + 1 })], null, 'stages: hold 16777217 blocks in all, more than the limit of 16777216'],
    // The widest block input is the widest stage (or the stem): round(2^20 x 1.5) is beyond the limit.
    ['a squeeze-excite beyond the width limit', [stage(), stage({ width: 2 ** 20, groupWidth: 1 }), stage()], 1.5, 'seRatio: 1.5 makes a squeeze-excite of 1048576 channels 1572864 wide, beyond the limit of 1048576'],
  ])('%s', (_label, stages, seRatio, message) => {
    expect(check(stages, seRatio)).toBe(message);
  });

  it('passes what parseAnyNet passes: the limits themselves, and basic blocks without bottleneck fields', () => {
    expect(() => checkComputedStages([stage({ depth: 2 ** 23 }), stage({ depth: 2 ** 23 })], 'res_bottleneck_block', 32, null)).not.toThrow();
    expect(() => checkComputedStages(Array(1000).fill(stage()), 'res_bottleneck_block', 32, 0.25)).not.toThrow();
    expect(() => checkComputedStages([stage({ width: 2 ** 20, groupWidth: 1 })], 'res_bottleneck_block', 32, 1)).not.toThrow();
    expect(() => checkComputedStages([{ depth: 1, width: 8, stride: 1 }], 'res_basic_block', 32, null)).not.toThrow();
  });

  it('takes the stem as a block input for the squeeze-excite limit', () => {
    expect(thrown(() => checkComputedStages([stage()], 'res_bottleneck_block', 2 ** 20, 1.5), SpecError).message).toBe(
      'seRatio: 1.5 makes a squeeze-excite of 1048576 channels 1572864 wide, beyond the limit of 1048576',
    );
  });
});
