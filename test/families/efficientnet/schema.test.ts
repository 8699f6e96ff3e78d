/** EfficientNet specs at the boundary (src/families/efficientnet/schema.ts). */
import { describe, expect, it } from 'vitest';
import { SpecError, validateSpec, zooModel, type EfficientNetSpec } from '../../../src/index.js';
import { checkSpec } from '../../../src/spec/check.js';
import { thrown } from '../../helpers/errors.js';

const base = zooModel('EfficientNet-B0') as EfficientNetSpec;
const toSpec = (value: unknown) => checkSpec(value) as EfficientNetSpec;
const withStage = (i: number, edit: object) => ({ ...base, stages: base.stages.map((stage, j) => (j === i ? { ...stage, ...edit } : stage)) });
/** B0 with its stem and one stage of kernel 3, stride 1. */
const oneStage = (stemWidth: number, stage: object) => ({ ...base, stemWidth, stages: [{ kernel: 3, stride: 1, ...stage }] });

describe('EfficientNet specs: each check names the field and the value', () => {
  it.each<[string, unknown, string]>([
    ['a stem of 0', { ...base, stemWidth: 0 }, 'stemWidth: 0 is not a positive integer'],
    ['a squeeze-excite ratio of 0', { ...base, seRatio: 0 }, 'seRatio: 0 is not a finite number > 0'],
    ['a head of 0', { ...base, headWidth: 0 }, 'headWidth: 0 is not a positive integer'],
    ['no stages', { ...base, stages: [] }, 'stages: is empty (expected at least one element)'],
    ['stages not an array', { ...base, stages: {} }, 'stages: an object is not an array (EfficientNet stages)'],
    ['an even kernel', withStage(1, { kernel: 4 }), 'stages[1].kernel: 4 is not odd (pycls pads by (k - 1) / 2)'],
    ['a kernel beyond the limit', withStage(1, { kernel: 257 }), 'stages[1].kernel: 257 is above the limit of 255'],
    ['an expansion to 0 channels', withStage(1, { expansionRatio: 0.01 }), 'stages[1].expansionRatio: 0.01 expands 16 channels to 0'],
    // The first block reads the 32 stem channels (x 0.04 = 1.28 -> 1); the second reads the stage's 16 (0.64 -> 0).
    ['an expansion of the second block to 0 channels', withStage(0, { expansionRatio: 0.04, depth: 2 }), 'stages[0].expansionRatio: 0.04 expands 16 channels to 0'],
    ['an expansion beyond the width limit', withStage(1, { expansionRatio: 1e6 }), 'stages[1].expansionRatio: 1000000 expands 16 channels beyond the limit of 1048576'],
    ['a squeeze-excite of 0 channels', { ...base, seRatio: 0.01 }, 'seRatio: 0.01 gives a squeeze-excite of 0 channels for a block input of 32 (stage 0)'],
    ['a depth of 0', withStage(1, { depth: 0 }), 'stages[1].depth: 0 is not a positive integer'],
    ['a stride of 0', withStage(1, { stride: 0 }), 'stages[1].stride: 0 is not a positive integer'],
    ['an unknown stage field', withStage(1, { groupWidth: 1 }), 'stages[1].groupWidth: is not a field of an EfficientNet stage (fields: depth, width, expansionRatio, kernel, stride, fused)'],
    ['an unknown implementation', { ...base, implementation: 'x' }, "implementation: \"x\" is not one of 'pycls', 'torchvision'"],
    ['an unknown activation', { ...base, activation: 'gelu' }, "activation: \"gelu\" is not one of 'relu', 'silu'"],
    ['an unknown field', { ...base, foo: 1 }, 'foo: is not a field of an efficientnet spec (fields: family, stemWidth, stages, seRatio, headWidth, numClasses, activation, resolution, implementation, batchNormEps)'],
    ['a stage width of 0', withStage(0, { width: 0 }), 'stages[0].width: 0 is not a positive integer'],
    ['an expansion ratio of 0', withStage(0, { expansionRatio: 0 }), 'stages[0].expansionRatio: 0 is not a finite number > 0'],
    // Block 1 expands the 32 stem channels to 64; block 2 expands the stage's 524,296 beyond 2^20.
    ['an expansion of the second block beyond the width limit', oneStage(32, { depth: 2, width: 2 ** 19 + 8, expansionRatio: 2 }), 'stages[0].expansionRatio: 2 expands 524296 channels beyond the limit of 1048576'],
    ['a squeeze-excite beyond the width limit', { ...oneStage(8, { depth: 1, width: 8, expansionRatio: 1 }), seRatio: 2 ** 17 + 1 }, 'seRatio: 131073 gives a squeeze-excite beyond the limit of 1048576 channels for a block input of 8 (stage 0)'],
    ['stages beyond the block limit', { ...base, stages: base.stages.map((s) => ({ ...s, depth: 2 ** 22 })) }, 'stages: hold 29360128 blocks in all, more than the limit of 16777216'],
  ])('%s', (_, spec, message) => {
    expect(thrown(() => validateSpec(spec), SpecError).message).toBe(message);
  });

  it('checks the squeeze-excite of the later blocks too (their input is the stage width)', () => {
    // 0.25 x 3 channels rounds to 0 in blocks 2.. of a 3-wide stage, not in the first (input 32).
    const error = thrown(() => validateSpec(withStage(0, { width: 3, depth: 2 })), SpecError);
    expect(error.message).toBe('seRatio: 0.25 gives a squeeze-excite of 0 channels for a block input of 3 (stage 0)');
  });

  it('keeps the implementation tag, and no tag where none was given', () => {
    expect(toSpec({ ...base, implementation: 'torchvision' }).implementation).toBe('torchvision');
    expect(Object.keys(toSpec({ ...base }))).toEqual(['family', 'stemWidth', 'stages', 'seRatio', 'headWidth', 'numClasses', 'activation', 'resolution']);
  });

  it('takes the limits themselves: an expansion to 2^20 channels, a squeeze-excite of 2^20, a one-block stage checked on its input alone', () => {
    expect(() => validateSpec(oneStage(2 ** 19, { depth: 1, width: 8, expansionRatio: 2 }))).not.toThrow();
    expect(() => validateSpec({ ...oneStage(8, { depth: 1, width: 8, expansionRatio: 1 }), seRatio: 2 ** 17 })).not.toThrow();
    expect(() => validateSpec(oneStage(32, { depth: 1, width: 2 ** 19 + 8, expansionRatio: 2 }))).not.toThrow();
  });
});
