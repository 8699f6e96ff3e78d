/** MNASNet specs at the boundary: valid ones read back equal, bad ones are SpecErrors naming the field. */
import { describe, expect, it } from 'vitest';
import { validateSpec, zooModel } from '../../../src/index.js';
import { mnasNetSpec } from '../../arbitraries.js';
import { describeFamilySchema, withStage, type BadSpecCase } from '../../helpers/family-schema.js';

const base = zooModel('mnasnet1_0');

describeFamilySchema({
  family: 'MNASNet',
  specs: mnasNetSpec(),
  // Every MNASNet field but the family name holds a positive integer.
  isIntegerPath: (path) => path[0] !== 'family',
  badSpecs: [
    ['an unknown field', { ...base, alpha: 1 }, 'alpha', /is not a field of an mnasnet spec/],
    ['no stages', { ...base, stages: [] }, 'stages', /is empty/],
    ['a fractional expansion (torchvision multiplies channels by it)', withStage(base, 0, { expansionRatio: 2.5 }), 'stages[0].expansionRatio', /2.5 is not a positive integer/],
    ['an expansion beyond the width limit', withStage(base, 0, { expansionRatio: 2 ** 19 }), 'stages[0].expansionRatio', /expands 24 channels to 12582912, beyond the limit of 1048576/],
    ['an even kernel', withStage(base, 2, { kernel: 2 }), 'stages[2].kernel', /2 is not odd/],
    ['an unknown stage field', withStage(base, 1, { squeezeExcite: true }), 'stages[1].squeezeExcite', /^stages\[1\]\.squeezeExcite: is not a field of an MNASNet stage \(fields: depth, width, expansionRatio, kernel, stride\)$/],
    ['stages not an array', { ...base, stages: 3 }, 'stages', /^stages: 3 is not an array \(MNASNet stages\)$/],
    ['stages beyond the block limit', { ...base, stages: base.stages.map((s) => ({ ...s, depth: 2 ** 22 })) }, 'stages', /^stages: hold 25165824 blocks in all, more than the limit of 16777216$/],
    // The first block expands the 16 separable-conv channels; the second the stage's own 2^19.
    ['an expansion of the second block beyond the width limit', withStage(base, 0, { depth: 2, width: 2 ** 19, expansionRatio: 3 }), 'stages[0].expansionRatio', /^stages\[0\]\.expansionRatio: 3 expands 524288 channels to 1572864, beyond the limit of 1048576$/],
  ] satisfies BadSpecCase[],
});

describe('MNASNet specs at the limits', () => {
  it('an expansion to exactly 2^20 channels; a one-block stage checked on its input alone', () => {
    expect(() => validateSpec(withStage(base, 0, { depth: 1, expansionRatio: 2 ** 16 }))).not.toThrow();
    expect(() => validateSpec(withStage(base, 5, { depth: 1, width: 2 ** 19, expansionRatio: 3 }))).not.toThrow();
  });
});
