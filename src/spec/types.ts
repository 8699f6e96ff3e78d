/**
 * Model specifications: plain, immutable descriptions of networks. Each family's types live in its folder
 * (src/families/<family>/types.ts); this module gathers them for the rest of the library.
 */
export type { Activation, AnyNetSpec, AnyNetStage, BlockType, Implementation, Stem, StemType } from '../families/anynet/types.js';
export type { RegNetSpec } from '../families/regnet/types.js';
export type { ResNetSpec } from '../families/resnet/types.js';
export type { EfficientNetSpec, EfficientNetStage } from '../families/efficientnet/types.js';
export type { ConvNeXtSpec, ConvNeXtStage } from '../families/convnext/types.js';
export type { VitClassifier, VitConvStemLayer, VitSpec, VitStem } from '../families/vit/types.js';
export type { MnasNetSpec, MnasNetStage } from '../families/mnasnet/types.js';
export type { MobileNetActivation, MobileNetSpec, MobileNetStage, MobileNetV2Spec, MobileNetV3Spec } from '../families/mobilenet/types.js';
export type { ModelFamily, ModelSpec } from '../families/index.js';
export type { Complexity, Metric, Resolution } from './common.js';
