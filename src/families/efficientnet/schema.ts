/** EfficientNet specs at the boundary. */
import { SpecError } from '../../errors.js';
import { boolean, integerInRange, join, oneOf, positiveNumber } from '../../internal/check.js';
import { describe } from '../../internal/describe.js';
import { fieldsOf, itemsOf } from '../../internal/read.js';
import { LIMITS } from '../../limits.js';
import { checkTotalBlocks, readDepth, readNumClasses, readResolution, readStride, readWidth } from '../../spec/common.js';
import { ACTIVATIONS, IMPLEMENTATIONS } from '../anynet/schema.js';
import type { Implementation } from '../anynet/types.js';
import type { EfficientNetSpec, EfficientNetStage } from './types.js';
import { expandedWidth, squeezeWidth } from './widths.js';

const FIELDS = ['family', 'stemWidth', 'stages', 'seRatio', 'headWidth', 'numClasses', 'activation', 'resolution', 'implementation', 'batchNormEps'];
const STAGE_FIELDS = ['depth', 'width', 'expansionRatio', 'kernel', 'stride', 'fused'];

/** Reads an EfficientNet spec. */
export function parseEfficientNet(value: object): EfficientNetSpec {
  const spec = fieldsOf(value, FIELDS, '', 'an efficientnet spec', SpecError);
  const implementation = spec.implementation === undefined ? undefined : oneOf(spec.implementation, IMPLEMENTATIONS, 'implementation', SpecError);
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
    const fused = stage.fused === undefined ? false : boolean(stage.fused, join(path, 'fused'), SpecError);
    // The first block reads the previous width, the others this stage's width.
    for (const blockInput of depth > 1 ? [inputWidth, width] : [inputWidth]) {
      checkBlock(blockInput, expansionRatio, fused ? null : seRatio, implementation, path, i);
    }
    inputWidth = width;
    // `fused: false` is the default, left out so that equal networks are equal specs.
    return fused ? { depth, width, expansionRatio, kernel, stride, fused } : { depth, width, expansionRatio, kernel, stride };
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
  return {
    ...result,
    ...(implementation === undefined ? {} : { implementation }),
    ...(spec.batchNormEps === undefined ? {} : { batchNormEps: readEps(spec.batchNormEps) }),
  };
}

/** A block's expanded and squeeze-excite widths (`seRatio` null for a fused block, which has none) must be buildable. */
function checkBlock(blockInput: number, ratio: number, seRatio: number | null, implementation: Implementation | undefined, path: string, stage: number): void {
  const expanded = expandedWidth(blockInput, ratio, implementation);
  if (expanded < 1) throw new SpecError(join(path, 'expansionRatio'), `${describe(ratio)} expands ${blockInput} channels to 0`);
  if (expanded > LIMITS.maxWidth) {
    throw new SpecError(join(path, 'expansionRatio'), `${describe(ratio)} expands ${blockInput} channels beyond the limit of ${LIMITS.maxWidth}`);
  }
  if (seRatio !== null && squeezeWidth(blockInput, seRatio) > LIMITS.maxWidth) {
    throw new SpecError('seRatio', `${describe(seRatio)} gives a squeeze-excite beyond the limit of ${LIMITS.maxWidth} channels for a block input of ${blockInput} (stage ${stage})`);
  }
  if (seRatio !== null && squeezeWidth(blockInput, seRatio) < 1) {
    throw new SpecError('seRatio', `${describe(seRatio)} gives a squeeze-excite of 0 channels for a block input of ${blockInput} (stage ${stage})`);
  }
}

/** A batch norm epsilon: a finite number in (0, 1). */
function readEps(value: unknown): number {
  const eps = positiveNumber(value, 'batchNormEps', SpecError);
  if (eps >= 1) throw new SpecError('batchNormEps', `${describe(eps)} is not a number in (0, 1) (a batch norm epsilon)`);
  return eps;
}
