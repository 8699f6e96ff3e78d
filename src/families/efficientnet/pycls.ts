/** EfficientNet as a pycls config (`MODEL.TYPE: effnet`, section `EN`). */
import { float, flow, optional, sameLength } from '../../io/pycls-format.js';
import type { PyclsFormat } from '../family.js';
import type { EfficientNetSpec } from './types.js';

const STAGE_KEYS: Readonly<Record<string, string>> = {
  depth: 'DEPTHS',
  width: 'WIDTHS',
  expansionRatio: 'EXP_RATIOS',
  kernel: 'KERNELS',
  stride: 'STRIDES',
};

export const efficientNetPycls: PyclsFormat<EfficientNetSpec> = {
  type: 'effnet',
  section: 'EN',
  keys: ['STEM_W', 'DEPTHS', 'WIDTHS', 'EXP_RATIOS', 'SE_R', 'STRIDES', 'KERNELS', 'HEAD_W', 'DC_RATIO', 'DROPOUT_RATIO'],

  read(config) {
    const s = config.section('EN');
    const depths = config.list('EN', 'DEPTHS');
    const widths = config.list('EN', 'WIDTHS');
    const ratios = config.list('EN', 'EXP_RATIOS');
    const kernels = config.list('EN', 'KERNELS');
    const strides = config.list('EN', 'STRIDES');
    sameLength('EN', { DEPTHS: depths, WIDTHS: widths, EXP_RATIOS: ratios, KERNELS: kernels, STRIDES: strides });
    return {
      family: 'efficientnet',
      stemWidth: optional(s.STEM_W, 32),
      stages: depths.map((depth, i) => ({ depth, width: widths[i], expansionRatio: ratios[i], kernel: kernels[i], stride: strides[i] })),
      seRatio: optional(s.SE_R, 0.25),
      headWidth: optional(s.HEAD_W, 1280),
    };
  },

  write(spec) {
    return {
      section: [
        ['STEM_W', spec.stemWidth],
        ['DEPTHS', flow(spec.stages.map((s) => s.depth))],
        ['WIDTHS', flow(spec.stages.map((s) => s.width))],
        ['EXP_RATIOS', flow(spec.stages.map((s) => s.expansionRatio))],
        ['KERNELS', flow(spec.stages.map((s) => s.kernel))],
        ['STRIDES', flow(spec.stages.map((s) => s.stride))],
        ['SE_R', float(spec.seRatio)],
        ['HEAD_W', spec.headWidth],
      ],
    };
  },

  keyOf(path) {
    const stageField = /^stages\[(\d+)\]\.(\w+)$/.exec(path);
    if (stageField !== null && STAGE_KEYS[stageField[2]!] !== undefined) return `EN.${STAGE_KEYS[stageField[2]!]}[${stageField[1]}]`;
    return ({ stemWidth: 'EN.STEM_W', seRatio: 'EN.SE_R', headWidth: 'EN.HEAD_W', stages: 'EN.DEPTHS' } as Record<string, string>)[path];
  },
};
