/** EfficientNet specs at the boundary. */
import { SpecError } from '../../errors.js';
import { integerInRange, join, oneOf, positiveNumber } from '../../internal/check.js';
import { describe } from '../../internal/describe.js';
import { truncate } from '../../internal/python.js';
import { fieldsOf, itemsOf } from '../../internal/read.js';
import { LIMITS } from '../../limits.js';
import { checkTotalBlocks, readDepth, readNumClasses, readResolution, readStride, readWidth } from '../../spec/common.js';
import { ACTIVATIONS, IMPLEMENTATIONS } from '../anynet/schema.js';
import type { EfficientNetSpec, EfficientNetStage } from './types.js';

const FIELDS = ['family', 'stemWidth', 'stages', 'seRatio', 'headWidth', 'numClasses', 'activation', 'resolution', 'implementation'];
const STAGE_FIELDS = ['depth', 'width', 'expansionRatio', 'kernel', 'stride'];

/** Reads an EfficientNet spec. */
export function parseEfficientNet(value: object): EfficientNetSpec {
  const spec = fieldsOf(value, FIELDS, '', 'an efficientnet spec', SpecError);
  const stemWidth = readWidth(spec.stemWidth, 'stemWidth');
  const seRatio = positiveNumber(spec.seRatio, 'seRatio', SpecError);
  const headWidth = readWidth(spec.headWidth, 'headWidth');
  const items = itemsOf(spec.stages, 'stages', LIMITS.maxStages, 'EfficientNet stages', SpecError);
  if (items.length === 0) throw new SpecError('stages', 'is empty (expected at least one element)');
  let inputWidth = stemWidth;
  const stages = items.map((item, i): EfficientNetStage => {
    const path = join('stages', i);
    const stage = fieldsOf(item, STAGE_FIELDS, path, 'an EfficientNet stage', SpecError);
    const depth = readDepth(stage.depth, join(path, 'depth'));
    const width = readWidth(stage.width, join(path, 'width'));
    const expansionRatio = positiveNumber(stage.expansionRatio, join(path, 'expansionRatio'), SpecError);
    const kernel = integerInRange(stage.kernel, 1, LIMITS.maxKernel, join(path, 'kernel'), SpecError);
    if (kernel % 2 === 0) throw new SpecError(join(path, 'kernel'), `${kernel} is not odd (pycls pads by (k - 1) / 2)`);
    const stride = readStride(stage.stride, join(path, 'stride'));
    // The first block reads the previous width, the others this stage's width.
    for (const blockInput of depth > 1 ? [inputWidth, width] : [inputWidth]) {
      const expanded = truncate(blockInput * expansionRatio);
      if (expanded < 1) throw new SpecError(join(path, 'expansionRatio'), `${describe(expansionRatio)} expands ${blockInput} channels to 0`);
      if (expanded > LIMITS.maxWidth) {
        throw new SpecError(join(path, 'expansionRatio'), `${describe(expansionRatio)} expands ${blockInput} channels beyond the limit of ${LIMITS.maxWidth}`);
      }
      if (truncate(blockInput * seRatio) > LIMITS.maxWidth) {
        throw new SpecError('seRatio', `${describe(seRatio)} gives a squeeze-excite beyond the limit of ${LIMITS.maxWidth} channels for a block input of ${blockInput} (stage ${i})`);
      }
      if (truncate(blockInput * seRatio) < 1) {
        throw new SpecError('seRatio', `${describe(seRatio)} gives a squeeze-excite of 0 channels for a block input of ${blockInput} (stage ${i})`);
      }
    }
    inputWidth = width;
    return { depth, width, expansionRatio, kernel, stride };
  });
  checkTotalBlocks(stages.reduce((sum, s) => sum + s.depth, 0), 'stages');
  const result: EfficientNetSpec = {
    family: 'efficientnet',
    stemWidth,
    stages,
    seRatio,
    headWidth,
    numClasses: readNumClasses(spec.numClasses),
    activation: oneOf(spec.activation, ACTIVATIONS, 'activation', SpecError),
    resolution: readResolution(spec.resolution),
  };
  return spec.implementation === undefined
    ? result
    : { ...result, implementation: oneOf(spec.implementation, IMPLEMENTATIONS, 'implementation', SpecError) };
}
