/** MNASNet specs at the boundary: valid ones read back equal, bad ones are SpecErrors naming the field. */
import { zooModel } from '../../../src/index.js';
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
    ['an unknown stage field', withStage(base, 1, { squeezeExcite: true }), 'stages[1].squeezeExcite', /is not a field of an MNASNet stage/],
  ] satisfies BadSpecCase[],
});
