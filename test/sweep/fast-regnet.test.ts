import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complexity as countComplexity } from '../../src/index.js';
import { RegNetJudge } from '../../src/sweep/fast-regnet.js';
import { pyclsComplexity } from '../../src/sweep/model.js';
import { PYCLS_DEFAULTS } from '../../src/sweep/pycls-defaults.js';
import type { PyConfigNode } from '../../src/sweep/python.js';
import { generateRegNetNumpy } from '../../src/sweep/regnet.js';
import { pyclsScalingFactors, scaleImageSize, scaleModelConfig } from '../../src/sweep/scale.js';
import { setPath } from '../../src/sweep/yacs.js';

const stems = ['simple_stem_in', 'res_stem_in', 'res_stem_cifar'] as const;
const blocks = ['res_bottleneck_block', 'res_basic_block', 'vanilla_block', 'res_bottleneck_linear_block'] as const;
const scalings = ['', 'd1_w8_g8_r1', 'dwr', 'w', 'd', 'g', 'd1_w2'] as const;

const sample = fc.record({
  depth: fc.integer({ min: 1, max: 30 }),
  w0: fc.integer({ min: 1, max: 40 }).map((k) => 8 * k),
  wa: fc.integer({ min: 1, max: 3000 }).map((k) => k / 10),
  wm: fc.integer({ min: 1001, max: 4000 }).map((k) => k / 1000),
  groupW: fc.constantFrom(1, 2, 4, 8, 16, 24, 32, 48, 64),
  botMul: fc.constantFrom(0.25, 0.5, 1.0, 2.0),
});
const base = fc.record({
  stem: fc.constantFrom(...stems),
  block: fc.constantFrom(...blocks),
  stemWidth: fc.constantFrom(16, 32),
  se: fc.boolean(),
  head: fc.constantFrom(0, 1024),
  classes: fc.constantFrom(10, 1000),
  size: fc.constantFrom(32, 64, 224),
  scaling: fc.constantFrom(...scalings),
  factor: fc.constantFrom(0.5, 1.0, 2.0, 4.0),
  stride: fc.constantFrom(1, 2),
});

/** The general path: a config tree as sample_cfgs builds it, judged as pycls judges it. */
type Sample = typeof sample extends fc.Arbitrary<infer T> ? T : never;
type Base = typeof base extends fc.Arbitrary<infer T> ? T : never;

function general(s: Sample, b: Base, cx: readonly [number, number]): 'kept' | 'rejected' | 'error' {
  let config: PyConfigNode = PYCLS_DEFAULTS;
  const set = (path: string, value: PyConfigNode[string]): void => {
    config = setPath(config, path.split('.'), value);
  };
  set('MODEL.TYPE', 'regnet');
  set('MODEL.NUM_CLASSES', BigInt(b.classes));
  set('MODEL.SCALING_TYPE', b.scaling);
  set('MODEL.SCALING_FACTOR', b.factor);
  set('REGNET.STEM_TYPE', b.stem);
  set('REGNET.STEM_W', BigInt(b.stemWidth));
  set('REGNET.BLOCK_TYPE', b.block);
  set('REGNET.SE_ON', b.se);
  set('REGNET.HEAD_W', BigInt(b.head));
  set('REGNET.STRIDE', BigInt(b.stride));
  set('REGNET.DEPTH', BigInt(s.depth));
  set('REGNET.W0', BigInt(s.w0));
  set('REGNET.WA', s.wa);
  set('REGNET.WM', s.wm);
  set('REGNET.GROUP_W', BigInt(s.groupW));
  set('REGNET.BOT_MUL', s.botMul);
  set('TRAIN.IM_SIZE', BigInt(b.size));
  try {
    const { numStages, totalStages } = generateRegNetNumpy(s.wa, s.w0, s.wm, s.depth);
    if (numStages !== totalStages || numStages < 1 || numStages > 5) return 'rejected';
    const flops = pyclsComplexity(scaleModelConfig(config, 'x'), 'x').flops;
    return cx[0] <= flops && flops <= cx[1] ? 'kept' : 'rejected';
  } catch {
    return 'error';
  }
}

describe('RegNetJudge: the fast path agrees with the config-tree path', () => {
  it('on random RegNet samples, base configs and flops bands (fast-check)', () => {
    fc.assert(
      fc.property(sample, base, fc.integer({ min: 1, max: 2000 }), (s, b, megaflops) => {
        const cx = [megaflops * 1e6 * 0.8, megaflops * 1e6 * 1.2] as const;
        const factors = pyclsScalingFactors(b.scaling, b.factor, 'x');
        const judge = new RegNetJudge({
          stemType: b.stem,
          stemWidth: b.stemWidth,
          blockType: b.block,
          seRatio: b.se ? 0.25 : 0,
          headWidth: b.head,
          numClasses: b.classes,
          stride: b.stride,
          trainSize: scaleImageSize(b.size, factors.r, 'x'),
          factors,
          numStages: [1, 5],
          cx: [['flops', cx[0], cx[1]]],
        });
        const verdict = judge.judge(s.depth, s.w0, s.wa, s.wm, s.groupW, s.botMul);
        const expected = general(s, b, cx);
        if (expected === 'error') return verdict === 'unsure';
        return verdict === expected;
      }),
      { numRuns: 3000 },
    );
  });

  it('counts exactly what countComplexity counts', () => {
    const judge = new RegNetJudge({
      stemType: 'res_stem_cifar',
      stemWidth: 16,
      blockType: 'res_bottleneck_block',
      seRatio: 0.25,
      headWidth: 0,
      numClasses: 10,
      stride: 2,
      trainSize: 32,
      factors: { d: 1, w: 1, g: 1, r: 1 },
      numStages: [2, 2],
      cx: [['flops', 1, 1e12]],
    });
    // pub_chunk_regnet_1.json's first kept config, and its AnyNet form (widths 96, 192; depths 5, 8).
    expect(judge.judge(13, 88, 9.4, 2.286, 32, 1.0)).toBe('kept');
    expect(judge.last).toEqual({ flops: 128792630, params: 1431430, acts: 829878 });
    const spec = {
      family: 'anynet',
      stem: { type: 'res_stem_cifar', width: 16 },
      blockType: 'res_bottleneck_block',
      stages: [
        { depth: 5, width: 96, stride: 2, bottleneckMultiplier: 1, groupWidth: 32 },
        { depth: 8, width: 192, stride: 2, bottleneckMultiplier: 1, groupWidth: 32 },
      ],
      seRatio: 0.25,
      headWidth: 0,
      numClasses: 10,
      activation: 'relu',
      resolution: { train: 32, test: 32 },
    } as const;
    expect(countComplexity(spec)).toEqual(judge.last);
  });
});
