/**
 * Vision transformer specs at the boundary: every field read once and checked, with pycls's
 * `ViT.check_params` rules (and what PyTorch needs to build the module) as typed errors naming the field.
 */
import { SpecError } from '../../errors.js';
import { integerInRange, join, oneOf } from '../../internal/check.js';
import { describe } from '../../internal/describe.js';
import { fieldsOf, itemsOf } from '../../internal/read.js';
import { LIMITS } from '../../limits.js';
import { readDepth, readNumClasses, readResolution, readStride, readWidth } from '../../spec/common.js';
import { IMPLEMENTATIONS } from '../anynet/schema.js';
import type { VitClassifier, VitConvStemLayer, VitSpec, VitStem } from './types.js';

export const VIT_STEM_TYPES: readonly VitStem['type'][] = ['patchify', 'conv'];
export const VIT_CLASSIFIERS: readonly VitClassifier[] = ['token', 'pooled'];

const FIELDS = ['family', 'patchSize', 'stem', 'layers', 'heads', 'hiddenWidth', 'mlpWidth', 'classifier', 'numClasses', 'resolution', 'implementation'];

/** Reads a vision transformer spec. */
export function parseVit(value: object): VitSpec {
  const spec = fieldsOf(value, FIELDS, '', 'a vit spec', SpecError);
  // The patchify stem's kernel is the patch; a conv stem's strides multiply to it.
  const patchSize = integerInRange(spec.patchSize, 1, LIMITS.maxKernel, 'patchSize', SpecError);
  const hiddenWidth = readWidth(spec.hiddenWidth, 'hiddenWidth');
  const stem = readStem(spec.stem, patchSize, hiddenWidth);
  const layers = readDepth(spec.layers, 'layers');
  const heads = integerInRange(spec.heads, 1, LIMITS.maxWidth, 'heads', SpecError);
  // pycls counts any head count; PyTorch's MultiheadAttention cannot be built unless it divides the width.
  if (hiddenWidth % heads !== 0) {
    throw new SpecError('heads', `${heads} does not divide the hidden width ${hiddenWidth} (each head is hidden width / heads channels wide)`);
  }
  const mlpWidth = readWidth(spec.mlpWidth, 'mlpWidth');
  const classifier = oneOf(spec.classifier, VIT_CLASSIFIERS, 'classifier', SpecError);
  const numClasses = readNumClasses(spec.numClasses);
  const resolution = readResolution(spec.resolution);
  if (resolution.train % patchSize !== 0) {
    throw new SpecError('resolution.train', `${resolution.train} is not a multiple of the patch size ${patchSize} (the image must split into whole patches)`);
  }
  const result: VitSpec = { family: 'vit', patchSize, stem, layers, heads, hiddenWidth, mlpWidth, classifier, numClasses, resolution };
  return spec.implementation === undefined
    ? result
    : { ...result, implementation: oneOf(spec.implementation, IMPLEMENTATIONS, 'implementation', SpecError) };
}

function readStem(value: unknown, patchSize: number, hiddenWidth: number): VitStem {
  const stem = fieldsOf(value, ['type', 'convs'], 'stem', 'a vit stem', SpecError);
  const type = oneOf(stem.type, VIT_STEM_TYPES, 'stem.type', SpecError);
  if (type === 'patchify') {
    if (stem.convs !== undefined) throw new SpecError('stem.convs', `${describe(stem.convs)} is set, but a patchify stem has no convs (use type 'conv')`);
    return { type };
  }
  const items = itemsOf(stem.convs, 'stem.convs', LIMITS.maxStages, 'conv stem layers', SpecError);
  if (items.length === 0) throw new SpecError('stem.convs', 'is empty (expected at least one conv)');
  const convs = items.map((item, i) => readConv(item, join('stem.convs', i)));
  const strides = convs.map((conv) => conv.stride);
  const totalStride = strides.reduce((a, b) => a * b, 1);
  if (totalStride !== patchSize) {
    throw new SpecError('patchSize', `${patchSize} is not the conv stem's total stride (${strides.join(' x ')} = ${totalStride})`);
  }
  const last = convs.length - 1;
  if (convs[last]!.width !== hiddenWidth) {
    throw new SpecError(join(join('stem.convs', last), 'width'), `${convs[last]!.width} is not the hidden width ${hiddenWidth} (the stem's last conv makes the tokens)`);
  }
  return { type, convs };
}

function readConv(value: unknown, path: string): VitConvStemLayer {
  const conv = fieldsOf(value, ['kernel', 'stride', 'width'], path, 'a conv stem layer', SpecError);
  const kernel = integerInRange(conv.kernel, 1, LIMITS.maxKernel, join(path, 'kernel'), SpecError);
  if (kernel % 2 === 0) throw new SpecError(join(path, 'kernel'), `${kernel} is not odd (the conv pads by (k - 1) / 2)`);
  return { kernel, stride: readStride(conv.stride, join(path, 'stride')), width: readWidth(conv.width, join(path, 'width')) };
}
