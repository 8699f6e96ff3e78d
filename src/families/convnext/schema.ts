/** ConvNeXt specs at the boundary: every field read once, checked, and copied into a new plain spec. */
import { SpecError } from '../../errors.js';
import { join } from '../../internal/check.js';
import { fieldsOf, itemsOf } from '../../internal/read.js';
import { LIMITS } from '../../limits.js';
import { checkTotalBlocks, readDepth, readNumClasses, readResolution, readWidth, type Resolution } from '../../spec/common.js';
import type { ConvNeXtSpec, ConvNeXtStage } from './types.js';

const FIELDS = ['family', 'stages', 'numClasses', 'resolution'];
const STAGE_FIELDS = ['depth', 'width'];

/** CNBlock's MLP widens each stage by this factor (fixed in torchvision's CNBlock). */
export const MLP_RATIO = 4;

/**
 * The smallest image side a ConvNeXt of `stages` stages runs on: the 4x4 stride-4 stem needs 4 pixels
 * and each 2x2 stride-2 downsampling 2.
 */
export function minimumResolution(stages: number): number {
  return 4 * 2 ** (stages - 1);
}

/** Reads a ConvNeXt spec. */
export function parseConvNeXt(value: object): ConvNeXtSpec {
  const spec = fieldsOf(value, FIELDS, '', 'a convnext spec', SpecError);
  const items = itemsOf(spec.stages, 'stages', LIMITS.maxStages, 'ConvNeXt stages', SpecError);
  if (items.length === 0) throw new SpecError('stages', 'is empty (expected at least one element)');
  const stages = items.map((item, i) => readStage(item, join('stages', i)));
  checkTotalBlocks(stages.reduce((sum, s) => sum + s.depth, 0), 'stages');
  return {
    family: 'convnext',
    stages,
    numClasses: readNumClasses(spec.numClasses),
    resolution: readLargeEnough(spec.resolution, stages.length),
  };
}

function readStage(value: unknown, path: string): ConvNeXtStage {
  const stage = fieldsOf(value, STAGE_FIELDS, path, 'a ConvNeXt stage', SpecError);
  const depth = readDepth(stage.depth, join(path, 'depth'));
  const width = readWidth(stage.width, join(path, 'width'));
  if (width * MLP_RATIO > LIMITS.maxWidth) {
    throw new SpecError(join(path, 'width'), `${width} makes the block's MLP ${width * MLP_RATIO} wide, beyond the limit of ${LIMITS.maxWidth}`);
  }
  return { depth, width };
}

/** Image sizes, both large enough for the stem and every downsampling (the test size runs the same network). */
function readLargeEnough(value: unknown, stages: number): Resolution {
  const resolution = readResolution(value);
  const minimum = minimumResolution(stages);
  for (const key of ['train', 'test'] as const) {
    if (resolution[key] < minimum) {
      const layers = stages === 1 ? 'its 4x4 stride-4 stem needs' : `its 4x4 stride-4 stem and ${stages - 1} stride-2 downsampling${stages === 2 ? '' : 's'} need`;
      throw new SpecError(`resolution.${key}`, `${resolution[key]} is too small for ${stages} stage${stages === 1 ? '' : 's'}: ${layers} at least ${minimum} px`);
    }
  }
  return resolution;
}
