/** MobileNet specs at the boundary: every field read once, checked, and copied into a new plain spec. */
import { SpecError } from '../../errors.js';
import { boolean, integerInRange, join, oneOf, positiveNumber } from '../../internal/check.js';
import { describe } from '../../internal/describe.js';
import { roundHalfEven } from '../../internal/python.js';
import { fieldsOf, itemsOf } from '../../internal/read.js';
import { LIMITS } from '../../limits.js';
import { checkTotalBlocks, readDepth, readNumClasses, readResolution, readStride, readWidth } from '../../spec/common.js';
import type { MobileNetActivation, MobileNetSpec, MobileNetStage } from './types.js';

export const MOBILENET_VERSIONS = ['v2', 'v3'] as const;
export const MOBILENET_ACTIVATIONS: readonly MobileNetActivation[] = ['relu', 'relu6', 'hardswish'];

const COMMON_FIELDS = ['family', 'version', 'stemWidth', 'stages', 'numClasses', 'resolution'];
/** The field only one version has: MobileNetV2's head conv width, MobileNetV3's classifier width. */
const VERSION_FIELD = { v2: 'headWidth', v3: 'lastChannel' } as const;
const STAGE_FIELDS = ['depth', 'width', 'expansionRatio', 'expandedWidth', 'kernel', 'stride', 'squeezeExcite', 'activation'];

/** Reads a MobileNet spec. */
export function parseMobileNet(value: object): MobileNetSpec {
  const spec = fieldsOf(value, [...COMMON_FIELDS, ...Object.values(VERSION_FIELD)], '', 'a mobilenet spec', SpecError);
  const version = oneOf(spec.version, MOBILENET_VERSIONS, 'version', SpecError);
  const other = VERSION_FIELD[version === 'v2' ? 'v3' : 'v2'];
  if (spec[other] !== undefined) {
    throw new SpecError(other, `is not a field of a MobileNet${version.toUpperCase()} spec (fields: ${[...COMMON_FIELDS, VERSION_FIELD[version]].join(', ')})`);
  }
  const stemWidth = readWidth(spec.stemWidth, 'stemWidth');
  const items = itemsOf(spec.stages, 'stages', LIMITS.maxStages, 'MobileNet stages', SpecError);
  if (items.length === 0) throw new SpecError('stages', 'is empty (expected at least one element)');
  let inputWidth = stemWidth;
  const stages = items.map((item, i): MobileNetStage => {
    const stage = readStage(item, join('stages', i), version, inputWidth);
    inputWidth = stage.width;
    return stage;
  });
  checkTotalBlocks(stages.reduce((sum, s) => sum + s.depth, 0), 'stages');
  const common = { family: 'mobilenet' as const, stemWidth, stages, numClasses: readNumClasses(spec.numClasses), resolution: readResolution(spec.resolution) };
  if (version === 'v2') return { ...common, version, headWidth: readWidth(spec.headWidth, 'headWidth') };
  const lastWidth = inputWidth;
  if (6 * lastWidth > LIMITS.maxWidth) {
    throw new SpecError(join(join('stages', stages.length - 1), 'width'), `${lastWidth} makes MobileNetV3's last conv 6 x ${lastWidth} channels wide, beyond the limit of ${LIMITS.maxWidth}`);
  }
  return { ...common, version, lastChannel: readWidth(spec.lastChannel, 'lastChannel') };
}

function readStage(value: unknown, path: string, version: 'v2' | 'v3', inputWidth: number): MobileNetStage {
  const stage = fieldsOf(value, STAGE_FIELDS, path, 'a MobileNet stage', SpecError);
  const depth = readDepth(stage.depth, join(path, 'depth'));
  const width = readWidth(stage.width, join(path, 'width'));
  const kernel = integerInRange(stage.kernel, 1, LIMITS.maxKernel, join(path, 'kernel'), SpecError);
  if (kernel % 2 === 0) throw new SpecError(join(path, 'kernel'), `${kernel} is not odd (torchvision pads by (k - 1) / 2)`);
  const stride = readStride(stage.stride, join(path, 'stride'));
  const squeezeExcite = boolean(stage.squeezeExcite, join(path, 'squeezeExcite'), SpecError);
  if (squeezeExcite && version === 'v2') {
    throw new SpecError(join(path, 'squeezeExcite'), "true is not possible in MobileNetV2, whose blocks have no squeeze-excite (use version 'v3')");
  }
  const activation = oneOf(stage.activation, MOBILENET_ACTIVATIONS, join(path, 'activation'), SpecError);
  const rest = { kernel, stride, squeezeExcite, activation };
  if (stage.expansionRatio !== undefined && stage.expandedWidth !== undefined) {
    throw new SpecError(path, `gives both expansionRatio (${describe(stage.expansionRatio)}) and expandedWidth (${describe(stage.expandedWidth)}); give one`);
  }
  if (stage.expandedWidth !== undefined || stage.expansionRatio === undefined) {
    if (stage.expandedWidth === undefined) throw new SpecError(join(path, 'expandedWidth'), 'is missing (give expandedWidth or expansionRatio)');
    return { depth, width, expandedWidth: readWidth(stage.expandedWidth, join(path, 'expandedWidth')), ...rest };
  }
  const ratioPath = join(path, 'expansionRatio');
  const expansionRatio = positiveNumber(stage.expansionRatio, ratioPath, SpecError);
  // The first block reads the previous width, the others this stage's width.
  for (const blockInput of depth > 1 ? [inputWidth, width] : [inputWidth]) {
    const expanded = roundHalfEven(blockInput * expansionRatio);
    if (expanded < 1) throw new SpecError(ratioPath, `${describe(expansionRatio)} expands ${blockInput} channels to 0`);
    if (expanded > LIMITS.maxWidth) {
      throw new SpecError(ratioPath, `${describe(expansionRatio)} expands ${blockInput} channels beyond the limit of ${LIMITS.maxWidth}`);
    }
  }
  return { depth, width, expansionRatio, ...rest };
}
