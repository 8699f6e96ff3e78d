/** MobileNet specs at the boundary: valid ones read back equal, bad ones are SpecErrors naming the field. */
import { describe, expect, it } from 'vitest';
import { LIMITS, validateSpec, zooModel } from '../../../src/index.js';
import { mobileNetSpec } from '../../arbitraries.js';
import { describeFamilySchema, withStage, type BadSpecCase } from '../../helpers/family-schema.js';

const v2 = zooModel('mobilenet_v2');
const v3 = zooModel('mobilenet_v3_large');
const integerKeys = ['depth', 'width', 'expandedWidth', 'kernel', 'stride', 'stemWidth', 'headWidth', 'lastChannel', 'numClasses', 'train', 'test'];

describeFamilySchema({
  family: 'MobileNet',
  specs: mobileNetSpec(),
  isIntegerPath: (path) => integerKeys.includes(String(path[path.length - 1])),
  badSpecs: [
    ['a field of the other version', { ...v2, lastChannel: 1280 }, 'lastChannel', /^lastChannel: is not a field of a MobileNetV2 spec \(fields: family, version, stemWidth, stages, numClasses, resolution, headWidth\)$/],
    ['a field of the other version', { ...v3, headWidth: 1280 }, 'headWidth', /^headWidth: is not a field of a MobileNetV3 spec \(fields: family, version, stemWidth, stages, numClasses, resolution, lastChannel\)$/],
    ['stages not an array', { ...v2, stages: 3 }, 'stages', /^stages: 3 is not an array \(MobileNet stages\)$/],
    ['stages beyond the block limit', { ...v2, stages: v2.stages.map((s) => ({ ...s, depth: 2 ** 22 })) }, 'stages', /^stages: hold 29360128 blocks in all, more than the limit of 16777216$/],
    ['an unknown stage field', withStage(v2, 0, { foo: 1 }), 'stages[0].foo', /^stages\[0\]\.foo: is not a field of a MobileNet stage \(fields: depth, width, expansionRatio, expandedWidth, kernel, stride, squeezeExcite, activation\)$/],
    // The first block expands the 16 stem channels to 32; the second the stage's 524,296 beyond 2^20.
    ['a ratio beyond the width limit in the second block', { ...v2, stemWidth: 16, stages: [{ ...v2.stages[1]!, depth: 2, width: 2 ** 19 + 8, expansionRatio: 2 }] }, 'stages[0].expansionRatio', /^stages\[0\]\.expansionRatio: 2 expands 524296 channels beyond the limit of 1048576$/],
    ['a one-block stage that expands to nothing', withStage(v2, 0, { expansionRatio: 0.01 }), 'stages[0].expansionRatio', /^stages\[0\]\.expansionRatio: 0\.01 expands 32 channels to 0$/],
    ['an unknown field', { ...v2, dropout: 0.2 }, 'dropout', /is not a field of a mobilenet spec/],
    ['an unknown version', { ...v2, version: 'v1' }, 'version', /"v1" is not one of 'v2', 'v3'/],
    ['no stages', { ...v2, stages: [] }, 'stages', /is empty/],
    ['both expansions', withStage(v2, 1, { expandedWidth: 96 }), 'stages[1]', /gives both expansionRatio \(6\) and expandedWidth \(96\)/],
    ['no expansion', withStage(v3, 1, { expandedWidth: undefined }), 'stages[1].expandedWidth', /^stages\[1\]\.expandedWidth: is missing \(give expandedWidth or expansionRatio\)$/],
    ['a ratio of 0', withStage(v2, 1, { expansionRatio: 0 }), 'stages[1].expansionRatio', /0 is not a finite number > 0/],
    ['a ratio that expands to nothing', withStage(v2, 1, { expansionRatio: 0.01 }), 'stages[1].expansionRatio', /0.01 expands 16 channels to 0/],
    ['a ratio beyond the width limit', withStage(v2, 1, { expansionRatio: 2 ** 20 }), 'stages[1].expansionRatio', /beyond the limit of 1048576/],
    ['an even kernel', withStage(v3, 3, { kernel: 4 }), 'stages[3].kernel', /4 is not odd/],
    ['squeeze-excite in MobileNetV2', withStage(v2, 0, { squeezeExcite: true }), 'stages[0].squeezeExcite', /MobileNetV2, whose blocks have no squeeze-excite/],
    ['squeeze-excite that is not a boolean', withStage(v3, 0, { squeezeExcite: 1 }), 'stages[0].squeezeExcite', /1 is not a boolean/],
    ['an unknown activation', withStage(v3, 0, { activation: 'silu' }), 'stages[0].activation', /"silu" is not one of 'relu', 'relu6', 'hardswish'/],
    ['a V3 last stage whose 6x head is beyond the width limit', withStage(v3, 11, { width: LIMITS.maxWidth / 4 }), 'stages[11].width', /6 x 262144 channels wide, beyond the limit/],
  ] satisfies BadSpecCase[],
});

describe('MobileNet specs at the limits', () => {
  it('an expansion to exactly 2^20 channels; a one-block stage checked on its input alone', () => {
    expect(() => validateSpec({ ...v2, stemWidth: 16, stages: [{ ...v2.stages[1]!, depth: 1, width: 8, expansionRatio: 2 ** 16 }] })).not.toThrow();
    expect(() => validateSpec({ ...v2, stemWidth: 16, stages: [{ ...v2.stages[1]!, depth: 1, width: 2 ** 19 + 8, expansionRatio: 2 }] })).not.toThrow();
  });
});
