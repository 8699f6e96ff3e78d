/** RegNet as a pycls config (`MODEL.TYPE: regnet`, section `REGNET`). */
import { SpecError } from '../../errors.js';
import { float, optional, seRatioEntries, seRatioOf, stemKeyOf } from '../../io/pycls-format.js';
import type { PyclsFormat } from '../family.js';
import type { RegNetSpec } from './types.js';

const FIELD_KEYS: Readonly<Record<string, string>> = {
  wa: 'REGNET.WA',
  w0: 'REGNET.W0',
  wm: 'REGNET.WM',
  depth: 'REGNET.DEPTH',
  groupWidth: 'REGNET.GROUP_W',
  bottleneckMultiplier: 'REGNET.BOT_MUL',
  stride: 'REGNET.STRIDE',
  seRatio: 'REGNET.SE_R',
  blockType: 'REGNET.BLOCK_TYPE',
  headWidth: 'REGNET.HEAD_W',
};

export const regNetPycls: PyclsFormat<RegNetSpec> = {
  type: 'regnet',
  section: 'REGNET',
  keys: ['STEM_TYPE', 'STEM_W', 'BLOCK_TYPE', 'STRIDE', 'SE_ON', 'SE_R', 'DEPTH', 'W0', 'WA', 'WM', 'GROUP_W', 'BOT_MUL', 'HEAD_W'],

  read(config) {
    const s = config.section('REGNET');
    return {
      family: 'regnet',
      wa: optional(s.WA, 5.0),
      w0: optional(s.W0, 32),
      wm: optional(s.WM, 2.5),
      depth: optional(s.DEPTH, 10),
      groupWidth: optional(s.GROUP_W, 16),
      bottleneckMultiplier: optional(s.BOT_MUL, 1.0),
      stride: optional(s.STRIDE, 2),
      seRatio: seRatioOf(s, 'REGNET'),
      stem: { type: optional(s.STEM_TYPE, 'simple_stem_in'), width: optional(s.STEM_W, 32) },
      blockType: optional(s.BLOCK_TYPE, 'res_bottleneck_block'),
      headWidth: optional(s.HEAD_W, 0),
    };
  },

  write(spec) {
    if (spec.implementation === 'torchvision') {
      // pycls would generate these settings with its own rounding: another network (regnet_x_400mf is 400 wide where pycls's is 384).
      throw new SpecError(
        'implementation',
        "'torchvision' generates the stages with torchvision's rounding, which pycls's REGNET section does not; write the same network as an AnyNet: toPyclsConfig(toAnyNet(spec))",
      );
    }
    return {
      section: [
        ['STEM_TYPE', spec.stem.type],
        ['STEM_W', spec.stem.width],
        ['BLOCK_TYPE', spec.blockType],
        ['DEPTH', spec.depth],
        ['W0', spec.w0],
        ['WA', float(spec.wa)],
        ['WM', float(spec.wm)],
        ['GROUP_W', spec.groupWidth],
        ['BOT_MUL', float(spec.bottleneckMultiplier)],
        ['STRIDE', spec.stride],
        ['HEAD_W', spec.headWidth],
        ...seRatioEntries(spec.seRatio),
      ],
    };
  },

  keyOf(path) {
    return stemKeyOf('REGNET', path) ?? FIELD_KEYS[path];
  },
};
