/** pycls's ResNet family (`resnet.py`): fixed ImageNet and CIFAR layouts, scaled through their AnyNet form. */
import { SpecError } from '../../errors.js';
import { describe } from '../../internal/describe.js';
import { optional } from '../../io/pycls-format.js';
import { anyNet } from '../anynet/index.js';
import { checkScaledAnyNet } from '../anynet/scale.js';
import { parseAnyNet } from '../anynet/schema.js';
import { anyNetTorchvision } from '../anynet/torchvision.js';
import { ANYNET_STAGE_HEADER, anyNetStageRows, commonFields } from '../anynet/summary.js';
import type { AnyNetSpec, AnyNetStage } from '../anynet/types.js';
import type { Family, SpecSummary } from '../family.js';
import { describeResNet } from './network.js';
import { IMAGENET_STAGE_DEPTHS, parseResNet } from './schema.js';
import type { ResNetSpec } from './types.js';

/** The AnyNet form of a pycls ResNet, as pycls's ResNet classes build it (errors for MSRA's strided 1x1). */
function resNetAnyNet(spec: ResNetSpec): AnyNetSpec {
  const common = { family: 'anynet', seRatio: null, headWidth: 0, numClasses: spec.numClasses, activation: spec.activation, resolution: spec.resolution } as const;
  if (spec.dataset === 'cifar') {
    const depth = (spec.depth - 2) / 6;
    const stage = (width: number, stride: number): AnyNetStage => ({ depth, width, stride, bottleneckMultiplier: 1, groupWidth: 1 });
    return parseAnyNet({ ...common, stem: { type: 'res_stem_cifar', width: 16 }, blockType: 'res_basic_block', stages: [stage(16, 1), stage(32, 2), stage(64, 2)] });
  }
  if (spec.strideOn1x1) {
    throw new SpecError(
      'strideOn1x1',
      'true puts the stride on the first 1x1 conv (MSRA); AnyNet blocks stride the 3x3 conv, so this ResNet has no AnyNet form',
    );
  }
  const bottleneckWidth = spec.groups * spec.widthPerGroup;
  return parseAnyNet({
    ...common,
    stem: { type: 'res_stem_in', width: 64 },
    blockType: 'res_bottleneck_block',
    // Stage i: width 256 * 2^i, bottleneck (groups x widthPerGroup) * 2^i, the same number of groups.
    stages: IMAGENET_STAGE_DEPTHS[spec.depth]!.map((depth, i) => ({
      depth,
      width: 256 * 2 ** i,
      stride: i === 0 ? 1 : 2,
      bottleneckMultiplier: bottleneckWidth / 256,
      groupWidth: spec.widthPerGroup * 2 ** i,
    })),
  });
}

function summary(spec: ResNetSpec): SpecSummary {
  const fields: [string, string][] = [
    ['family', 'resnet'],
    ['dataset', spec.dataset],
    ['depth', String(spec.depth)],
    ['transformation', spec.transformation],
    ['groups', String(spec.groups)],
    ['width per group', String(spec.widthPerGroup)],
    ['stride on 1x1', String(spec.strideOn1x1)],
    ...commonFields(spec),
  ];
  let form: AnyNetSpec;
  try {
    form = resNetAnyNet(spec);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { fields: [...fields, ['AnyNet form', `none: ${error.message}`]], stageHeader: [], stages: [] };
  }
  return {
    fields,
    stageHeader: ANYNET_STAGE_HEADER,
    stages: anyNetStageRows(form),
    stageCaption: `AnyNet stages (${form.blockType}, stem ${form.stem.type})`,
  };
}

export const resNet = {
  name: 'resnet',
  parse: parseResNet,
  describe: describeResNet,
  scaling: {
    apply: (spec, factors, policy) => anyNet.scaling.apply(resNetAnyNet(spec), factors, policy),
    dimensions: (spec, policy) => anyNet.scaling.dimensions(resNetAnyNet(spec), policy),
    checkScaled: checkScaledAnyNet,
  },
  pycls: {
    type: 'resnet',
    section: 'RESNET',
    keys: ['TRANS_FUN', 'NUM_GROUPS', 'WIDTH_PER_GROUP', 'STRIDE_1X1'],
    read(config) {
      const s = config.section('RESNET');
      const dataset = config.section('TRAIN').DATASET;
      // pycls's ResNet picks its layout from the training dataset and accepts only these two.
      if (dataset !== 'cifar10' && dataset !== 'imagenet') {
        throw new SpecError('TRAIN.DATASET', `${describe(dataset)} is not a dataset pycls's ResNet supports (cifar10, imagenet)`);
      }
      return {
        family: 'resnet',
        dataset: dataset === 'cifar10' ? 'cifar' : 'imagenet',
        depth: optional(config.section('MODEL').DEPTH, 0),
        transformation: optional(s.TRANS_FUN, 'basic_transform'),
        groups: optional(s.NUM_GROUPS, 1),
        widthPerGroup: optional(s.WIDTH_PER_GROUP, 64),
        strideOn1x1: optional(s.STRIDE_1X1, true),
      };
    },
    write(spec) {
      const dataset = spec.dataset === 'cifar' ? 'cifar10' : 'imagenet';
      return {
        section: [
          ['TRANS_FUN', spec.transformation],
          ['NUM_GROUPS', spec.groups],
          ['WIDTH_PER_GROUP', spec.widthPerGroup],
          ['STRIDE_1X1', spec.strideOn1x1],
        ],
        model: [['DEPTH', spec.depth]],
        train: [['DATASET', dataset]],
        test: [['DATASET', dataset]],
      };
    },
    keyOf: (path) =>
      ({
        dataset: 'TRAIN.DATASET',
        depth: 'MODEL.DEPTH',
        transformation: 'RESNET.TRANS_FUN',
        groups: 'RESNET.NUM_GROUPS',
        widthPerGroup: 'RESNET.WIDTH_PER_GROUP',
        strideOn1x1: 'RESNET.STRIDE_1X1',
      })[path],
  },
  // torchvision's Bottleneck strides its 3x3 conv; MSRA's strided 1x1 and the CIFAR layout are written module by module.
  torchvision: (spec) => (spec.dataset === 'imagenet' && !spec.strideOn1x1 ? anyNetTorchvision(resNetAnyNet(spec)) : null),
  toAnyNet: resNetAnyNet,
  summary,
} satisfies Family<ResNetSpec, AnyNetSpec>;
