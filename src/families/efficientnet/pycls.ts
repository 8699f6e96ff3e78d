/** EfficientNet as a pycls config (`MODEL.TYPE: effnet`, section `EN`). */
import { SpecError } from '../../errors.js';
import { join } from '../../internal/check.js';
import { float, flow, optional, sameLength } from '../../io/pycls-format.js';
import type { PyclsFormat } from '../family.js';
import type { EfficientNetSpec } from './types.js';
import { expandedWidth } from './widths.js';

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
    checkPyclsBuilds(spec);
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

/**
 * Refuses what pycls's `effnet.py` would not build as the spec describes: fused-MBConv stages, and a
 * torchvision-rounded expanded width that pycls's `int(w_in * exp_r)` would round otherwise.
 */
function checkPyclsBuilds(spec: EfficientNetSpec): void {
  let inputWidth = spec.stemWidth;
  spec.stages.forEach((stage, i) => {
    const path = join('stages', i);
    if (stage.fused === true) {
      throw new SpecError(join(path, 'fused'), "true: pycls's EfficientNet has no fused-MBConv blocks, so no pycls config builds this network");
    }
    for (const blockInput of stage.depth > 1 ? [inputWidth, stage.width] : [inputWidth]) {
      const ours = expandedWidth(blockInput, stage.expansionRatio, spec.implementation);
      const pycls = expandedWidth(blockInput, stage.expansionRatio, 'pycls');
      if (ours !== pycls) {
        throw new SpecError(
          join(path, 'expansionRatio'),
          `${stage.expansionRatio} expands ${blockInput} channels to ${ours} (torchvision's rounding) where pycls builds ${pycls}, so no pycls config builds this network`,
        );
      }
    }
    inputWidth = stage.width;
  });
}
