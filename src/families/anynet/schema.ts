/** AnyNet specs at the boundary: every field read once, checked, and copied into a new plain spec. */
import { SpecError } from '../../errors.js';
import { integerInRange, join, oneOf, positiveNumber } from '../../internal/check.js';
import { describe } from '../../internal/describe.js';
import { roundHalfEven } from '../../internal/python.js';
import { fieldsOf, itemsOf } from '../../internal/read.js';
import { LIMITS } from '../../limits.js';
import { checkTotalBlocks, readDepth, readNumClasses, readResolution, readStride, readWidth } from '../../spec/common.js';
import { checkTorchvisionShape, type TorchvisionShape } from './torchvision-network.js';
import type { Activation, AnyNetSpec, AnyNetStage, BlockType, Implementation, Stem, StemType } from './types.js';

export const STEM_TYPES: readonly StemType[] = ['simple_stem_in', 'res_stem_in', 'res_stem_cifar'];
export const BLOCK_TYPES: readonly BlockType[] = ['res_bottleneck_block', 'res_basic_block', 'vanilla_block', 'res_bottleneck_linear_block'];
export const ACTIVATIONS: readonly Activation[] = ['relu', 'silu'];
export const IMPLEMENTATIONS: readonly Implementation[] = ['pycls', 'torchvision'];

const FIELDS = ['family', 'stem', 'blockType', 'stages', 'seRatio', 'headWidth', 'numClasses', 'activation', 'resolution', 'implementation'];
const STAGE_FIELDS = ['depth', 'width', 'stride', 'bottleneckMultiplier', 'groupWidth'];

/** Whether a block type has a bottleneck (and so uses multipliers, group widths and squeeze-excite). */
export function usesBottleneck(blockType: BlockType): boolean {
  return blockType === 'res_bottleneck_block' || blockType === 'res_bottleneck_linear_block';
}

/** Reads an AnyNet spec. */
export function parseAnyNet(value: object): AnyNetSpec {
  const spec = fieldsOf(value, FIELDS, '', 'an anynet spec', SpecError);
  const blockType = oneOf(spec.blockType, BLOCK_TYPES, 'blockType', SpecError);
  const stages = itemsOf(spec.stages, 'stages', LIMITS.maxStages, 'AnyNet stages', SpecError);
  if (stages.length === 0) throw new SpecError('stages', 'is empty (expected at least one element)');
  const parsed = stages.map((stage, i) => readStage(stage, join('stages', i), blockType));
  checkTotalBlocks(parsed.reduce((sum, s) => sum + s.depth, 0), 'stages');
  const stem = readStem(spec.stem);
  const seRatio = readSeRatio(spec.seRatio, blockType);
  if (seRatio !== null) checkSeWidths(seRatio, [stem.width, ...parsed.map((s) => s.width)]);
  const result: AnyNetSpec = {
    family: 'anynet',
    stem,
    blockType,
    stages: parsed,
    seRatio,
    headWidth: integerInRange(spec.headWidth, 0, LIMITS.maxWidth, 'headWidth', SpecError),
    numClasses: readNumClasses(spec.numClasses),
    activation: oneOf(spec.activation, ACTIVATIONS, 'activation', SpecError),
    resolution: readResolution(spec.resolution),
  };
  return spec.implementation === undefined ? result : { ...result, implementation: readImplementation(spec.implementation, result) };
}

/** `implementation`; torchvision's names only where torchvision has a network of the spec's shape. */
export function readImplementation(value: unknown, shape: TorchvisionShape): Implementation {
  const implementation = oneOf(value, IMPLEMENTATIONS, 'implementation', SpecError);
  if (implementation === 'torchvision') checkTorchvisionShape(shape);
  return implementation;
}

/** Reads a stem (AnyNet and RegNet). */
export function readStem(value: unknown): Stem {
  const stem = fieldsOf(value, ['type', 'width'], 'stem', 'a stem', SpecError);
  return { type: oneOf(stem.type, STEM_TYPES, 'stem.type', SpecError), width: readWidth(stem.width, 'stem.width') };
}

/** Squeeze-excite ratio: `null` for none; only bottleneck blocks have squeeze-excite. */
export function readSeRatio(value: unknown, blockType: BlockType): number | null {
  if (value === null) return null;
  const ratio = positiveNumber(value, 'seRatio', SpecError);
  if (!usesBottleneck(blockType)) {
    throw new SpecError('seRatio', `${describe(value)} is set, but ${blockType} has no squeeze-excite (use null)`);
  }
  return ratio;
}

/** Squeeze-excite widths `round(w_in * ratio)` within the width limit for every block input width. */
function checkSeWidths(ratio: number, inputWidths: readonly number[]): void {
  const widest = Math.max(...inputWidths);
  if (roundHalfEven(widest * ratio) > LIMITS.maxWidth) {
    throw new SpecError('seRatio', `${describe(ratio)} makes a squeeze-excite of ${widest} channels ${roundHalfEven(widest * ratio)} wide, beyond the limit of ${LIMITS.maxWidth}`);
  }
}

/** A bottleneck multiplier as pycls requires: below 1, or an integer. */
export function readBottleneckMultiplier(value: unknown, path: string): number {
  const multiplier = positiveNumber(value, path, SpecError);
  if (multiplier > 1 && !Number.isInteger(multiplier)) {
    throw new SpecError(path, `${describe(multiplier)} is above 1 but not an integer`);
  }
  if (multiplier > LIMITS.maxWidth) throw new SpecError(path, `${multiplier} is above the limit of ${LIMITS.maxWidth}`);
  return multiplier;
}

function readStage(value: unknown, path: string, blockType: BlockType): AnyNetStage {
  const stage = fieldsOf(value, STAGE_FIELDS, path, 'an AnyNet stage', SpecError);
  const depth = readDepth(stage.depth, join(path, 'depth'));
  const width = readWidth(stage.width, join(path, 'width'));
  const stride = readStride(stage.stride, join(path, 'stride'));
  const bottleneck = usesBottleneck(blockType);
  if (!bottleneck && stage.bottleneckMultiplier === undefined && stage.groupWidth === undefined) return { depth, width, stride };
  const multiplierPath = join(path, 'bottleneckMultiplier');
  const groupPath = join(path, 'groupWidth');
  const multiplier = readBottleneckMultiplier(stage.bottleneckMultiplier, multiplierPath);
  const groupWidth = readWidth(stage.groupWidth, groupPath);
  if (bottleneck) checkBottleneck(width, multiplier, groupWidth, path);
  // Other blocks ignore both; they are kept as given (pycls's scaler scales them all the same).
  return { depth, width, stride, bottleneckMultiplier: multiplier, groupWidth };
}

/** A bottleneck stage's bottleneck width: within the limits, and a multiple of its group width. */
function checkBottleneck(width: number, multiplier: number, groupWidth: number, path: string): void {
  const bottleneckWidth = roundHalfEven(width * multiplier);
  if (bottleneckWidth > LIMITS.maxWidth) {
    throw new SpecError(join(path, 'bottleneckMultiplier'), `${describe(multiplier)} makes the bottleneck of width ${width} ${bottleneckWidth} channels wide, beyond the limit of ${LIMITS.maxWidth}`);
  }
  if (bottleneckWidth < 1) {
    throw new SpecError(join(path, 'bottleneckMultiplier'), `${describe(multiplier)} makes the bottleneck of width ${width} round to ${bottleneckWidth} channels`);
  }
  if (bottleneckWidth % groupWidth !== 0) {
    throw new SpecError(
      join(path, 'groupWidth'),
      `${groupWidth} does not divide the bottleneck width ${bottleneckWidth} (width ${width} x bottleneckMultiplier ${multiplier})`,
    );
  }
}

/** Whether a computed value is an integer in [1, max]. */
function inRange(value: number | undefined, max: number): boolean {
  return Number.isSafeInteger(value) && value! >= 1 && value! <= max;
}

/**
 * Checks stages that this library computed for an AnyNet whose other fields are already checked (a
 * RegNet's generated form): what {@link parseAnyNet} checks of stages and across them (their count, each
 * stage's values and bottleneck, the total depth, the squeeze-excite widths), without copying them. The
 * values are this library's integers, so each is range-checked, and read again for its message only when
 * it fails. Throws the `SpecError` that parseAnyNet would.
 */
export function checkComputedStages(stages: readonly AnyNetStage[], blockType: BlockType, stemWidth: number, seRatio: number | null): void {
  if (stages.length > LIMITS.maxStages) throw new SpecError('stages', `has ${stages.length} elements, more than the limit of ${LIMITS.maxStages}`);
  if (stages.length === 0) throw new SpecError('stages', 'is empty (expected at least one element)');
  const bottleneck = usesBottleneck(blockType);
  let total = 0;
  let widest = stemWidth;
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i]!;
    if (!(inRange(stage.depth, LIMITS.maxBlocks) && inRange(stage.width, LIMITS.maxWidth) && inRange(stage.stride, LIMITS.maxStride) && (stage.groupWidth === undefined || inRange(stage.groupWidth, LIMITS.maxWidth)))) {
      readStage(stage, join('stages', i), blockType); // throws the error naming the field
    }
    if (bottleneck) checkBottleneck(stage.width, stage.bottleneckMultiplier!, stage.groupWidth!, join('stages', i));
    total += stage.depth;
    widest = Math.max(widest, stage.width);
  }
  checkTotalBlocks(total, 'stages');
  if (seRatio !== null) checkSeWidths(seRatio, [widest]);
}
