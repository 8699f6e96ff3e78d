/**
 * Structural validation of model specs: every field present, of the right type and range, and the
 * cross-field rules pycls relies on (group widths dividing bottleneck widths, ResNet depths, ...).
 * Complexity overflow is checked by the complexity walk itself (see `validateSpec`).
 */
import { SpecError } from '../errors.js';
import {
  boolean,
  join,
  nonEmptyArray,
  nonNegativeInteger,
  nonNegativeNumber,
  oneOf,
  positiveInteger,
  positiveNumber,
  record,
} from '../internal/check.js';
import { describe } from '../internal/describe.js';
import { isDeepFrozen } from '../internal/freeze.js';
import { roundHalfEven, truncate } from '../internal/python.js';
import { IMAGENET_STAGE_DEPTHS } from '../complexity/resnet.js';
import type {
  Activation,
  AnyNetSpec,
  BlockType,
  EfficientNetSpec,
  ModelFamily,
  ModelSpec,
  RegNetSpec,
  ResNetSpec,
  StemType,
} from './types.js';

/** All values of the string unions, for checks and messages. */
export const FAMILIES: readonly ModelFamily[] = ['anynet', 'regnet', 'resnet', 'efficientnet'];
export const STEM_TYPES: readonly StemType[] = ['simple_stem_in', 'res_stem_in', 'res_stem_cifar'];
export const BLOCK_TYPES: readonly BlockType[] = [
  'res_bottleneck_block',
  'res_basic_block',
  'vanilla_block',
  'res_bottleneck_linear_block',
];
export const ACTIVATIONS: readonly Activation[] = ['relu', 'silu'];

const COMMON_FIELDS = ['family', 'numClasses', 'activation', 'resolution'] as const;
const ANYNET_FIELDS = [...COMMON_FIELDS, 'stem', 'blockType', 'stages', 'seRatio', 'headWidth'];
const REGNET_FIELDS = [
  ...COMMON_FIELDS,
  'wa',
  'w0',
  'wm',
  'depth',
  'groupWidth',
  'bottleneckMultiplier',
  'stride',
  'seRatio',
  'stem',
  'blockType',
  'headWidth',
];
const RESNET_FIELDS = [...COMMON_FIELDS, 'dataset', 'depth', 'transformation', 'groups', 'widthPerGroup', 'strideOn1x1'];
const EFFICIENTNET_FIELDS = [...COMMON_FIELDS, 'stemWidth', 'stages', 'seRatio', 'headWidth'];
const ANYNET_STAGE_FIELDS = ['depth', 'width', 'stride', 'bottleneckMultiplier', 'groupWidth'];
const EFFICIENTNET_STAGE_FIELDS = ['depth', 'width', 'expansionRatio', 'kernel', 'stride'];

/** Specs already proven valid and deeply frozen: they cannot change, so they are not checked again. */
const verified = new WeakSet<object>();

/**
 * Checks a spec this library has just built and deeply frozen itself, and records it as verified
 * without walking it again to prove it frozen.
 */
export function checkOwnFrozenSpec(value: ModelSpec): ModelSpec {
  if (!verified.has(value)) {
    checkStructure(value);
    verified.add(value);
  }
  return value;
}

/**
 * Checks the structure of a spec and returns it typed. Throws {@link SpecError} naming the first bad field.
 * Does not check complexity overflow.
 */
export function checkSpec(value: unknown): ModelSpec {
  if (typeof value === 'object' && value !== null && verified.has(value)) return value as ModelSpec;
  checkStructure(value);
  if (isDeepFrozen(value)) verified.add(value as object);
  return value as ModelSpec;
}

function checkStructure(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SpecError('', `${describe(value)} is not an object (a model spec)`);
  }
  const spec = value as Readonly<Record<string, unknown>>;
  const family = oneOf(spec.family, FAMILIES, 'family', SpecError);
  switch (family) {
    case 'anynet':
      checkAnyNet(spec);
      break;
    case 'regnet':
      checkRegNet(spec);
      break;
    case 'resnet':
      checkResNet(spec);
      break;
    case 'efficientnet':
      checkEfficientNet(spec);
      break;
  }
}

function checkCommon(spec: Readonly<Record<string, unknown>>): void {
  positiveInteger(spec.numClasses, 'numClasses', SpecError);
  oneOf(spec.activation, ACTIVATIONS, 'activation', SpecError);
  const resolution = record(spec.resolution, ['train', 'test'], 'resolution', 'a resolution', SpecError);
  positiveInteger(resolution.train, 'resolution.train', SpecError);
  positiveInteger(resolution.test, 'resolution.test', SpecError);
}

function checkStem(value: unknown): void {
  const stem = record(value, ['type', 'width'], 'stem', 'a stem', SpecError);
  oneOf(stem.type, STEM_TYPES, 'stem.type', SpecError);
  positiveInteger(stem.width, 'stem.width', SpecError);
}

function usesBottleneck(blockType: BlockType): boolean {
  return blockType === 'res_bottleneck_block' || blockType === 'res_bottleneck_linear_block';
}

/** Squeeze-excite ratio: `null` for none; only bottleneck blocks have squeeze-excite. */
function checkSeRatio(value: unknown, blockType: BlockType): void {
  if (value === null) return;
  positiveNumber(value, 'seRatio', SpecError);
  if (!usesBottleneck(blockType)) {
    throw new SpecError('seRatio', `${describe(value)} is set, but ${blockType} has no squeeze-excite (use null)`);
  }
}

function fields(spec: Readonly<Record<string, unknown>>, allowed: readonly string[], what: string): void {
  record(spec, allowed, '', what, SpecError);
}

function checkAnyNet(spec: Readonly<Record<string, unknown>>): void {
  fields(spec, ANYNET_FIELDS, 'an anynet spec');
  checkCommon(spec);
  checkStem(spec.stem);
  const blockType = oneOf(spec.blockType, BLOCK_TYPES, 'blockType', SpecError);
  checkSeRatio(spec.seRatio, blockType);
  nonNegativeInteger(spec.headWidth, 'headWidth', SpecError);
  const stages = nonEmptyArray(spec.stages, 'stages', SpecError);
  stages.forEach((value, i) => {
    const path = join('stages', i);
    const stage = record(value, ANYNET_STAGE_FIELDS, path, 'an AnyNet stage', SpecError);
    positiveInteger(stage.depth, join(path, 'depth'), SpecError);
    const width = positiveInteger(stage.width, join(path, 'width'), SpecError);
    positiveInteger(stage.stride, join(path, 'stride'), SpecError);
    const multiplier = positiveNumber(stage.bottleneckMultiplier, join(path, 'bottleneckMultiplier'), SpecError);
    const groupWidth = positiveInteger(stage.groupWidth, join(path, 'groupWidth'), SpecError);
    if (!usesBottleneck(blockType)) return;
    const bottleneck = roundHalfEven(width * multiplier);
    if (bottleneck < 1) {
      throw new SpecError(
        join(path, 'bottleneckMultiplier'),
        `${describe(multiplier)} makes the bottleneck of width ${width} round to ${bottleneck} channels`,
      );
    }
    if (bottleneck % groupWidth !== 0) {
      throw new SpecError(
        join(path, 'groupWidth'),
        `${groupWidth} does not divide the bottleneck width ${bottleneck} (width ${width} x bottleneckMultiplier ${multiplier})`,
      );
    }
  });
}

function checkRegNet(spec: Readonly<Record<string, unknown>>): void {
  fields(spec, REGNET_FIELDS, 'a regnet spec');
  checkCommon(spec);
  checkStem(spec.stem);
  const blockType = oneOf(spec.blockType, BLOCK_TYPES, 'blockType', SpecError);
  checkSeRatio(spec.seRatio, blockType);
  nonNegativeInteger(spec.headWidth, 'headWidth', SpecError);
  nonNegativeNumber(spec.wa, 'wa', SpecError);
  const w0 = positiveInteger(spec.w0, 'w0', SpecError);
  if (w0 % 8 !== 0) throw new SpecError('w0', `${w0} is not a multiple of 8`);
  const wm = positiveNumber(spec.wm, 'wm', SpecError);
  if (wm <= 1) throw new SpecError('wm', `${describe(wm)} is not a finite number > 1`);
  positiveInteger(spec.depth, 'depth', SpecError);
  positiveInteger(spec.groupWidth, 'groupWidth', SpecError);
  const multiplier = positiveNumber(spec.bottleneckMultiplier, 'bottleneckMultiplier', SpecError);
  if (multiplier > 1 && !Number.isInteger(multiplier)) {
    throw new SpecError('bottleneckMultiplier', `${describe(multiplier)} is above 1 but not an integer`);
  }
  positiveInteger(spec.stride, 'stride', SpecError);
}

function checkResNet(spec: Readonly<Record<string, unknown>>): void {
  fields(spec, RESNET_FIELDS, 'a resnet spec');
  checkCommon(spec);
  const dataset = oneOf(spec.dataset, ['imagenet', 'cifar'] as const, 'dataset', SpecError);
  const depth = positiveInteger(spec.depth, 'depth', SpecError);
  const transformation = oneOf(spec.transformation, ['basic_transform', 'bottleneck_transform'] as const, 'transformation', SpecError);
  positiveInteger(spec.groups, 'groups', SpecError);
  positiveInteger(spec.widthPerGroup, 'widthPerGroup', SpecError);
  boolean(spec.strideOn1x1, 'strideOn1x1', SpecError);
  if (dataset === 'cifar') {
    if (depth < 8 || (depth - 2) % 6 !== 0) {
      throw new SpecError('depth', `${depth} is not of the form 6n + 2 with n >= 1 (CIFAR ResNet)`);
    }
    if (transformation !== 'basic_transform') {
      throw new SpecError('transformation', `'${transformation}' is not supported on CIFAR (pycls builds basic_transform only)`);
    }
  } else {
    if (IMAGENET_STAGE_DEPTHS[depth] === undefined) {
      throw new SpecError('depth', `${depth} is not an ImageNet ResNet depth (50, 101 or 152)`);
    }
    if (transformation !== 'bottleneck_transform') {
      throw new SpecError('transformation', `'${transformation}' is not supported on ImageNet (pycls builds bottleneck_transform only)`);
    }
  }
}

function checkEfficientNet(spec: Readonly<Record<string, unknown>>): void {
  fields(spec, EFFICIENTNET_FIELDS, 'an efficientnet spec');
  checkCommon(spec);
  const stemWidth = positiveInteger(spec.stemWidth, 'stemWidth', SpecError);
  const seRatio = positiveNumber(spec.seRatio, 'seRatio', SpecError);
  positiveInteger(spec.headWidth, 'headWidth', SpecError);
  const stages = nonEmptyArray(spec.stages, 'stages', SpecError);
  let wIn = stemWidth;
  stages.forEach((value, i) => {
    const path = join('stages', i);
    const stage = record(value, EFFICIENTNET_STAGE_FIELDS, path, 'an EfficientNet stage', SpecError);
    const depth = positiveInteger(stage.depth, join(path, 'depth'), SpecError);
    const width = positiveInteger(stage.width, join(path, 'width'), SpecError);
    const ratio = positiveNumber(stage.expansionRatio, join(path, 'expansionRatio'), SpecError);
    const kernel = positiveInteger(stage.kernel, join(path, 'kernel'), SpecError);
    if (kernel % 2 === 0) throw new SpecError(join(path, 'kernel'), `${kernel} is not odd (pycls pads by (k - 1) / 2)`);
    positiveInteger(stage.stride, join(path, 'stride'), SpecError);
    // The first block reads the previous width, the others this stage's width.
    for (const blockInput of depth > 1 ? [wIn, width] : [wIn]) {
      if (truncate(blockInput * ratio) < 1) {
        throw new SpecError(join(path, 'expansionRatio'), `${describe(ratio)} expands ${blockInput} channels to 0`);
      }
      if (truncate(blockInput * seRatio) < 1) {
        throw new SpecError('seRatio', `${describe(seRatio)} gives a squeeze-excite of 0 channels for a block input of ${blockInput} (stage ${i})`);
      }
    }
    wIn = width;
  });
}
