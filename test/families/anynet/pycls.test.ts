/**
 * AnyNet as a pycls config (src/families/anynet/pycls.ts): pycls's defaults for absent ANYNET keys
 * (pycls/core/config.py), the per-stage bottleneck lists (required by bottleneck blocks, optional for the
 * others but then both and one per stage), errors named after the config key and entry, and the section
 * written back.
 */
import { describe, expect, it } from 'vitest';
import { fromPyclsConfig, SpecError, toPyclsConfig, type AnyNetSpec } from '../../../src/index.js';
import { thrown } from '../../helpers/errors.js';

const anyNet = (section: string) => `MODEL: {TYPE: anynet}\nANYNET: {${section}}`;
const basic = 'BLOCK_TYPE: res_basic_block, DEPTHS: [1, 1], WIDTHS: [32, 64], STRIDES: [2, 2]';

describe('reading an ANYNET section', () => {
  it("takes pycls's defaults for absent keys: simple_stem_in 32 wide, no squeeze-excite, no head conv", () => {
    expect(fromPyclsConfig(anyNet(basic))).toStrictEqual({
      family: 'anynet',
      stem: { type: 'simple_stem_in', width: 32 },
      blockType: 'res_basic_block',
      stages: [
        { depth: 1, width: 32, stride: 2 },
        { depth: 1, width: 64, stride: 2 },
      ],
      seRatio: null,
      headWidth: 0,
      numClasses: 10,
      activation: 'relu',
      resolution: { train: 224, test: 256 },
    });
  });

  it.each<[string, string, string]>([
    ['a linear bottleneck block without BOT_MULS', 'BLOCK_TYPE: res_bottleneck_linear_block, DEPTHS: [1], WIDTHS: [32], STRIDES: [2], GROUP_WS: [8]', 'ANYNET.BOT_MULS: is missing (required by res_bottleneck_linear_block)'],
    ['basic blocks with BOT_MULS but no GROUP_WS', `${basic}, BOT_MULS: [1, 1]`, 'ANYNET.GROUP_WS: has 0 entries but ANYNET.DEPTHS has 2 (one per stage)'],
    ['basic blocks with GROUP_WS but no BOT_MULS', `${basic}, GROUP_WS: [8, 8]`, 'ANYNET.BOT_MULS: has 0 entries but ANYNET.DEPTHS has 2 (one per stage)'],
    ['one BOT_MULS entry for two stages', 'DEPTHS: [1, 1], WIDTHS: [32, 64], STRIDES: [2, 2], BOT_MULS: [1], GROUP_WS: [8, 8]', 'ANYNET.BOT_MULS: has 1 entries but ANYNET.DEPTHS has 2 (one per stage)'],
    ['SE_ON not a boolean', `${basic}, SE_ON: 1`, 'ANYNET.SE_ON: 1 is not a boolean'],
    ['a squeeze-excite ratio of 0', `${basic}, SE_ON: True, SE_R: 0`, 'ANYNET.SE_R: 0 is not a finite number > 0'],
    ['a negative head width', `${basic}, HEAD_W: -1`, 'ANYNET.HEAD_W: -1 is not a non-negative integer'],
    ['a stem 0 wide', `${basic}, STEM_W: 0`, 'ANYNET.STEM_W: 0 is not a positive integer'],
    ['an unknown block type', 'BLOCK_TYPE: res_basic_blk, DEPTHS: [1], WIDTHS: [32], STRIDES: [2]', "ANYNET.BLOCK_TYPE: \"res_basic_blk\" is not one of 'res_bottleneck_block', 'res_basic_block', 'vanilla_block', 'res_bottleneck_linear_block'"],
    [
      'the eleventh stage 0 wide',
      'BLOCK_TYPE: res_basic_block, DEPTHS: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], WIDTHS: [8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 0], STRIDES: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]',
      'ANYNET.WIDTHS[10]: 0 is not a positive integer',
    ],
  ])('%s: a SpecError naming the key', (_label, section, message) => {
    expect(thrown(() => fromPyclsConfig(anyNet(section)), SpecError).message).toBe(message);
  });
});

describe('writing an ANYNET section', () => {
  it('basic blocks with bottleneck fields on some stages only: both lists, 1 where a stage has none', () => {
    const spec: AnyNetSpec = {
      family: 'anynet',
      stem: { type: 'simple_stem_in', width: 32 },
      blockType: 'res_basic_block',
      stages: [
        { depth: 1, width: 32, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 },
        { depth: 1, width: 64, stride: 2 },
      ],
      seRatio: null,
      headWidth: 0,
      numClasses: 10,
      activation: 'relu',
      resolution: { train: 32, test: 32 },
    };
    const section = (yaml: string) => yaml.slice(yaml.indexOf('ANYNET:'), yaml.indexOf('TRAIN:'));
    expect(section(toPyclsConfig(spec))).toBe(
      [
        'ANYNET:',
        '  STEM_TYPE: simple_stem_in',
        '  STEM_W: 32',
        '  BLOCK_TYPE: res_basic_block',
        '  DEPTHS: [1, 1]',
        '  WIDTHS: [32, 64]',
        '  STRIDES: [2, 2]',
        '  BOT_MULS: [1.0, 1.0]',
        '  GROUP_WS: [8, 1]',
        '  HEAD_W: 0',
        '  SE_ON: false',
        '',
      ].join('\n'),
    );
    // Without bottleneck fields the lists are left out, as pycls's own configs of basic blocks do.
    const plain = { ...spec, stages: spec.stages.map(({ depth, width, stride }) => ({ depth, width, stride })) };
    expect(section(toPyclsConfig(plain))).not.toMatch(/BOT_MULS|GROUP_WS/);
  });
});
