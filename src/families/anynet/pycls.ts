/** AnyNet as a pycls config (`MODEL.TYPE: anynet`, section `ANYNET`). */
import { SpecError } from '../../errors.js';
import { flow, float, optional, sameLength, seRatioOf, seRatioEntries, stemKeyOf } from '../../io/pycls-format.js';
import type { ConfigEntries, PyclsFormat } from '../family.js';
import { usesBottleneck } from './schema.js';
import type { AnyNetSpec } from './types.js';

const STAGE_KEYS: Readonly<Record<string, string>> = {
  depth: 'DEPTHS',
  width: 'WIDTHS',
  stride: 'STRIDES',
  bottleneckMultiplier: 'BOT_MULS',
  groupWidth: 'GROUP_WS',
};

const FIELD_KEYS: Readonly<Record<string, string>> = {
  blockType: 'ANYNET.BLOCK_TYPE',
  seRatio: 'ANYNET.SE_R',
  headWidth: 'ANYNET.HEAD_W',
  stages: 'ANYNET.DEPTHS',
};

export const anyNetPycls: PyclsFormat<AnyNetSpec> = {
  type: 'anynet',
  section: 'ANYNET',
  keys: ['STEM_TYPE', 'STEM_W', 'BLOCK_TYPE', 'DEPTHS', 'WIDTHS', 'STRIDES', 'BOT_MULS', 'GROUP_WS', 'HEAD_W', 'SE_ON', 'SE_R'],

  read(config) {
    const s = config.section('ANYNET');
    const blockType = optional(s.BLOCK_TYPE, 'res_bottleneck_block');
    const depths = config.list('ANYNET', 'DEPTHS');
    const widths = config.list('ANYNET', 'WIDTHS');
    const strides = config.list('ANYNET', 'STRIDES');
    const multipliers = config.list('ANYNET', 'BOT_MULS');
    const groupWidths = config.list('ANYNET', 'GROUP_WS');
    sameLength('ANYNET', { DEPTHS: depths, WIDTHS: widths, STRIDES: strides });
    const bottleneck = blockType === 'res_bottleneck_block' || blockType === 'res_bottleneck_linear_block';
    // Basic and vanilla blocks do not use these, and pycls's own configs leave them out; bottleneck blocks
    // cannot be built without them.
    for (const [key, values] of [['BOT_MULS', multipliers], ['GROUP_WS', groupWidths]] as const) {
      if (values.length === 0 && bottleneck) throw new SpecError(`ANYNET.${key}`, `is missing (required by ${String(blockType)})`);
    }
    const perStage = multipliers.length > 0 || groupWidths.length > 0;
    if (perStage) sameLength('ANYNET', { DEPTHS: depths, BOT_MULS: multipliers, GROUP_WS: groupWidths });
    return {
      family: 'anynet',
      stem: { type: optional(s.STEM_TYPE, 'simple_stem_in'), width: optional(s.STEM_W, 32) },
      blockType,
      stages: depths.map((depth, i) => ({
        depth,
        width: widths[i],
        stride: strides[i],
        ...(perStage ? { bottleneckMultiplier: multipliers[i], groupWidth: groupWidths[i] } : {}),
      })),
      seRatio: seRatioOf(s, 'ANYNET'),
      headWidth: optional(s.HEAD_W, 0),
    };
  },

  write(spec) {
    const entries: ConfigEntries = [
      ['STEM_TYPE', spec.stem.type],
      ['STEM_W', spec.stem.width],
      ['BLOCK_TYPE', spec.blockType],
      ['DEPTHS', flow(spec.stages.map((s) => s.depth))],
      ['WIDTHS', flow(spec.stages.map((s) => s.width))],
      ['STRIDES', flow(spec.stages.map((s) => s.stride))],
    ];
    // Stages without bottleneck fields (possible for basic and vanilla blocks) leave the keys out, as
    // pycls's own configs of such networks do.
    if (usesBottleneck(spec.blockType) || spec.stages.some((s) => s.bottleneckMultiplier !== undefined)) {
      entries.push(
        ['BOT_MULS', flow(spec.stages.map((s) => float(s.bottleneckMultiplier ?? 1)))],
        ['GROUP_WS', flow(spec.stages.map((s) => s.groupWidth ?? 1))],
      );
    }
    entries.push(['HEAD_W', spec.headWidth], ...seRatioEntries(spec.seRatio));
    return { section: entries };
  },

  keyOf(path) {
    const stageField = /^stages\[(\d+)\]\.(\w+)$/.exec(path);
    if (stageField !== null && STAGE_KEYS[stageField[2]!] !== undefined) return `ANYNET.${STAGE_KEYS[stageField[2]!]}[${stageField[1]}]`;
    return stemKeyOf('ANYNET', path) ?? FIELD_KEYS[path];
  },
};
