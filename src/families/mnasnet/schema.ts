/** MNASNet specs at the boundary: every field read once, checked, and copied into a new plain spec. */
import { SpecError } from '../../errors.js';
import { integerInRange, join } from '../../internal/check.js';
import { fieldsOf, itemsOf } from '../../internal/read.js';
import { LIMITS } from '../../limits.js';
import { checkTotalBlocks, readDepth, readNumClasses, readResolution, readStride, readWidth } from '../../spec/common.js';
import type { MnasNetSpec, MnasNetStage } from './types.js';

const FIELDS = ['family', 'stemWidth', 'separableWidth', 'stages', 'headWidth', 'numClasses', 'resolution'];
const STAGE_FIELDS = ['depth', 'width', 'expansionRatio', 'kernel', 'stride'];

/** Reads an MNASNet spec. */
export function parseMnasNet(value: object): MnasNetSpec {
  const spec = fieldsOf(value, FIELDS, '', 'an mnasnet spec', SpecError);
  const stemWidth = readWidth(spec.stemWidth, 'stemWidth');
  const separableWidth = readWidth(spec.separableWidth, 'separableWidth');
  const items = itemsOf(spec.stages, 'stages', LIMITS.maxStages, 'MNASNet stages', SpecError);
  if (items.length === 0) throw new SpecError('stages', 'is empty (expected at least one element)');
  let inputWidth = separableWidth;
  const stages = items.map((item, i): MnasNetStage => {
    const stage = readStage(item, join('stages', i), inputWidth);
    inputWidth = stage.width;
    return stage;
  });
  checkTotalBlocks(stages.reduce((sum, s) => sum + s.depth, 0), 'stages');
  return {
    family: 'mnasnet',
    stemWidth,
    separableWidth,
    stages,
    headWidth: readWidth(spec.headWidth, 'headWidth'),
    numClasses: readNumClasses(spec.numClasses),
    resolution: readResolution(spec.resolution),
  };
}

function readStage(value: unknown, path: string, inputWidth: number): MnasNetStage {
  const stage = fieldsOf(value, STAGE_FIELDS, path, 'an MNASNet stage', SpecError);
  const depth = readDepth(stage.depth, join(path, 'depth'));
  const width = readWidth(stage.width, join(path, 'width'));
  const ratioPath = join(path, 'expansionRatio');
  // torchvision multiplies channels by it: an integer.
  const expansionRatio = integerInRange(stage.expansionRatio, 1, LIMITS.maxWidth, ratioPath, SpecError);
  const widest = Math.max(inputWidth, depth > 1 ? width : 0);
  if (widest * expansionRatio > LIMITS.maxWidth) {
    throw new SpecError(ratioPath, `${expansionRatio} expands ${widest} channels to ${widest * expansionRatio}, beyond the limit of ${LIMITS.maxWidth}`);
  }
  const kernel = integerInRange(stage.kernel, 1, LIMITS.maxKernel, join(path, 'kernel'), SpecError);
  if (kernel % 2 === 0) throw new SpecError(join(path, 'kernel'), `${kernel} is not odd (torchvision pads by k // 2)`);
  const stride = readStride(stage.stride, join(path, 'stride'));
  return { depth, width, expansionRatio, kernel, stride };
}
