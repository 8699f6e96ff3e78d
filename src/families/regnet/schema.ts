/** RegNet specs at the boundary. */
import { SpecError } from '../../errors.js';
import { integerInRange, nonNegativeNumber, oneOf, positiveNumber } from '../../internal/check.js';
import { describe } from '../../internal/describe.js';
import { fieldsOf } from '../../internal/read.js';
import { LIMITS } from '../../limits.js';
import { readNumClasses, readResolution, readStride, readWidth } from '../../spec/common.js';
import { ACTIVATIONS, BLOCK_TYPES, readBottleneckMultiplier, readImplementation, readSeRatio, readStem } from '../anynet/schema.js';
import type { RegNetSpec } from './types.js';

const FIELDS = [
  'family', 'wa', 'w0', 'wm', 'depth', 'groupWidth', 'bottleneckMultiplier', 'stride', 'seRatio', 'stem', 'blockType',
  'headWidth', 'numClasses', 'activation', 'resolution', 'implementation',
];

/** Reads a RegNet spec (its stages are generated, and checked, when it is first used). */
export function parseRegNet(value: object): RegNetSpec {
  const spec = fieldsOf(value, FIELDS, '', 'a regnet spec', SpecError);
  const blockType = oneOf(spec.blockType, BLOCK_TYPES, 'blockType', SpecError);
  const w0 = readWidth(spec.w0, 'w0');
  if (w0 % 8 !== 0) throw new SpecError('w0', `${w0} is not a multiple of 8`);
  const wm = positiveNumber(spec.wm, 'wm', SpecError);
  if (wm <= 1) throw new SpecError('wm', `${describe(wm)} is not a finite number > 1`);
  const result: RegNetSpec = {
    family: 'regnet',
    wa: nonNegativeNumber(spec.wa, 'wa', SpecError),
    w0,
    wm,
    depth: integerInRange(spec.depth, 1, LIMITS.maxListedBlocks, 'depth', SpecError),
    groupWidth: readWidth(spec.groupWidth, 'groupWidth'),
    bottleneckMultiplier: readBottleneckMultiplier(spec.bottleneckMultiplier, 'bottleneckMultiplier'),
    stride: readStride(spec.stride, 'stride'),
    seRatio: readSeRatio(spec.seRatio, blockType),
    stem: readStem(spec.stem),
    blockType,
    headWidth: integerInRange(spec.headWidth, 0, LIMITS.maxWidth, 'headWidth', SpecError),
    numClasses: readNumClasses(spec.numClasses),
    activation: oneOf(spec.activation, ACTIVATIONS, 'activation', SpecError),
    resolution: readResolution(spec.resolution),
  };
  if (spec.implementation === undefined) return result;
  const implementation = readImplementation(spec.implementation, result);
  if (implementation === 'torchvision' && result.stem.type !== 'simple_stem_in') {
    throw new SpecError('stem.type', `'${result.stem.type}' is not the stem of torchvision's RegNet (simple_stem_in), which implementation 'torchvision' names`);
  }
  return { ...result, implementation };
}
