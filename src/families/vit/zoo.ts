/**
 * Named vision transformers: the sizes of the ViT and DeiT papers at their usual patch sizes, pycls's
 * ViTs of "Early Convolutions Help Transformers See Better" (its `vitconfigs` branch, ImageNet-1k configs:
 * patchify `ViT-P-*` and conv-stem `ViT-C-*`), and torchvision's builders.
 */
import type { Implementation } from '../anynet/types.js';
import type { VitConvStemLayer, VitSpec, VitStem } from './types.js';

/** Encoder size: blocks, heads, hidden width, MLP width. */
type Size = readonly [layers: number, heads: number, hiddenWidth: number, mlpWidth: number];

/** ViT-Ti and ViT-S (DeiT), ViT-B, ViT-L and ViT-H (the ViT paper). */
const TI: Size = [12, 3, 192, 768];
const S: Size = [12, 6, 384, 1536];
const B: Size = [12, 12, 768, 3072];
const L: Size = [24, 16, 1024, 4096];
const H: Size = [32, 16, 1280, 5120];

function vit(patchSize: number, stem: VitStem, [layers, heads, hiddenWidth, mlpWidth]: Size, train: number, test: number, implementation?: Implementation): VitSpec {
  const spec: VitSpec = { family: 'vit', patchSize, stem, layers, heads, hiddenWidth, mlpWidth, classifier: 'token', numClasses: 1000, resolution: { train, test } };
  return implementation === undefined ? spec : { ...spec, implementation };
}

const PATCHIFY: VitStem = { type: 'patchify' };

/** pycls's conv stems: 3x3 convs (batch norm, ReLU) of these strides and widths, then a 1x1 conv to the hidden width. */
function convStem(strides: readonly number[], widths: readonly number[], hiddenWidth: number): VitStem {
  const convs = strides.map((stride, i): VitConvStemLayer => ({ kernel: 3, stride, width: widths[i]! }));
  return { type: 'conv', convs: [...convs, { kernel: 1, stride: 1, width: hiddenWidth }] };
}

/** A pycls ViT config of the Early Convolutions paper (TRAIN.IM_SIZE 224, TEST.IM_SIZE 256). */
const pycls = (stem: VitStem, size: Size): VitSpec => vit(16, stem, size, 224, 256);

/** A torchvision builder's model at its default weights' crop size. */
const torchvision = (patchSize: number, size: Size, crop: number): VitSpec => vit(patchSize, PATCHIFY, size, crop, crop, 'torchvision');

export const VIT_ZOO = {
  'ViT-Ti/16': vit(16, PATCHIFY, TI, 224, 256),
  'ViT-S/16': vit(16, PATCHIFY, S, 224, 256),
  'ViT-B/16': vit(16, PATCHIFY, B, 224, 256),
  'ViT-B/32': vit(32, PATCHIFY, B, 224, 256),
  'ViT-L/16': vit(16, PATCHIFY, L, 224, 256),
  'ViT-L/32': vit(32, PATCHIFY, L, 224, 256),
  'ViT-H/14': vit(14, PATCHIFY, H, 224, 256),
  'ViT-P-1.0GF': pycls(PATCHIFY, [12, 3, 192, 576]),
  'ViT-P-4.0GF': pycls(PATCHIFY, [12, 6, 384, 1152]),
  'ViT-P-18GF': pycls(PATCHIFY, [12, 12, 768, 3072]),
  'ViT-P-36GF': pycls(PATCHIFY, [14, 16, 1024, 4096]),
  'ViT-C-1.0GF': pycls(convStem([2, 2, 2, 2], [24, 48, 96, 192], 192), [11, 3, 192, 576]),
  'ViT-C-4.0GF': pycls(convStem([2, 2, 2, 2], [48, 96, 192, 384], 384), [11, 6, 384, 1152]),
  'ViT-C-18GF': pycls(convStem([2, 2, 1, 2, 1, 2], [64, 128, 128, 256, 256, 512], 768), [11, 12, 768, 3072]),
  'ViT-C-36GF': pycls(convStem([2, 2, 1, 2, 1, 2], [64, 128, 128, 256, 256, 512], 1024), [13, 16, 1024, 4096]),
  vit_b_16: torchvision(16, B, 224),
  vit_b_32: torchvision(32, B, 224),
  vit_l_16: torchvision(16, L, 224),
  vit_l_32: torchvision(32, L, 224),
  vit_h_14: torchvision(14, H, 518),
};
