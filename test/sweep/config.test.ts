import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FastscaleError, loadSweepConfig, sampleConfigs, SweepError } from '../../src/index.js';

const CIFAR_REGNET = readFileSync(new URL('../fixtures/pycls-sweeps/cifar_regnet.yaml', import.meta.url), 'utf8');

/** A minimal valid sweep with one sampler and a small AnyNet. */
function sweep(samplers: string, extra = ''): string {
  return `NAME: t
SETUP:
  NUM_CONFIGS: 4
  SAMPLERS:
${samplers.replace(/^/gm, '    ')}
  BASE_CFG:
    MODEL: {TYPE: anynet}
    ANYNET: {BLOCK_TYPE: res_basic_block, DEPTHS: [1], WIDTHS: [16], STRIDES: [1]}
    TRAIN: {IM_SIZE: 32}
${extra}`;
}

function errorOf(text: string): SweepError {
  try {
    loadSweepConfig(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SweepError);
    expect(error).toBeInstanceOf(FastscaleError);
    return error as SweepError;
  }
  throw new Error('loadSweepConfig accepted it');
}

describe('loadSweepConfig: what pycls reads', () => {
  it('reads cifar_regnet.yaml with pycls defaults filled in', () => {
    const s = loadSweepConfig(CIFAR_REGNET);
    expect(s.name).toBe('cifar/cifar_regnet');
    expect(s.description).toBe(
      'Example CIFAR sweep 2 of 3 (uses lr and wd found by cifar_optim sweep). This sweep searches for a good RegNet-125MF model on cifar (same flops as R56). The purpose of this sweep is to show how to optimize REGNET parameters.',
    );
    expect([s.setup.numConfigs, s.setup.numSamples, s.setup.chunkSize, s.setup.rngSeed]).toEqual([32, 1000000, 5000, 0]);
    expect(s.setup.samplers).toEqual([
      { key: 'REGNET', sampler: { type: 'regnet_sampler', depth: [6, 16], w0: [8, 256], wa: [8, 256], wm: [2, 3], groupWidth: [1, 32], bottleneckMultiplier: [1, 1] } },
    ]);
    expect(s.setup.constraints).toEqual({ cx: { flops: [0.12e9, 0.13e9], params: [0, 2e6], acts: [0, 1e6] }, regnet: { numStages: [2, 2] } });
    expect((s.setup.baseConfig.REGNET as Record<string, unknown>).STEM_W).toBe(16n);
    expect((s.setup.baseConfig.OPTIM as Record<string, unknown>).BASE_LR).toBe(1.0);
    // LAUNCH and ANALYZE are kept as pycls reads them.
    expect((s.tree.LAUNCH as Record<string, unknown>).PARTITION).toBe('devlab');
    expect((s.tree.ANALYZE as Record<string, unknown>).METRICS).toEqual(['regnet_depth', 'regnet_w0', 'regnet_wa', 'regnet_wm', 'regnet_gw']);
    expect(Object.isFrozen(s.setup.samplers[0]!.sampler)).toBe(true);
  });

  it('decodes strings as yacs does: 1e-5 in YAML is a string, and a float in the config', () => {
    const s = loadSweepConfig(sweep('OPTIM.BASE_LR: {TYPE: float_sampler, RANGE: [0.1, 0.2], QUANTIZE: 0.1}', '    OPTIM: {WEIGHT_DECAY: 1e-5}'));
    expect((s.setup.baseConfig.OPTIM as Record<string, unknown>).WEIGHT_DECAY).toBe(1e-5);
  });

  it('skips the deprecated LAUNCH.SCRIPT as pycls does', () => {
    expect(() => loadSweepConfig(sweep('RNG_SEED: {TYPE: value_sampler, VALUES: [1]}', 'LAUNCH: {SCRIPT: x.py}'))).not.toThrow();
  });

  it('fills sampler templates: a float sampler defaults to uniform', () => {
    const s = loadSweepConfig(sweep('OPTIM.BASE_LR: {TYPE: float_sampler, RANGE: [0.1, 0.2], QUANTIZE: 0.1}'));
    expect(s.setup.samplers[0]!.sampler).toEqual({ type: 'float_sampler', randType: 'uniform', range: [0.1, 0.2], quantize: 0.1 });
  });
});

describe('loadSweepConfig: bad sweep files are SweepErrors naming the YAML key', () => {
  const valueSampler = 'RNG_SEED: {TYPE: value_sampler, VALUES: [1, 2]}';
  it.each([
    ['invalid YAML', 'NAME: [x', '', /invalid YAML/],
    ['a list at the root', '- 1\n', '', /not a mapping/],
    ['an unknown top-level key', sweep(valueSampler, 'SEED: 1'), 'SEED', /not a pycls config key/],
    ['a missing NAME', sweep(valueSampler).replace('NAME: t\n', ''), 'NAME', /has to be specified/],
    ['NUM_CONFIGS 0', sweep(valueSampler).replace('NUM_CONFIGS: 4', 'NUM_CONFIGS: 0'), 'SETUP.NUM_CONFIGS', /has to be specified/],
    ['NUM_CONFIGS as a float', sweep(valueSampler).replace('NUM_CONFIGS: 4', 'NUM_CONFIGS: 4.0'), 'SETUP.NUM_CONFIGS', /4.0 is a float, but pycls's default 0 is an int/],
    ['a RNG_SEED above 2^32 - 1', sweep(valueSampler).replace('NUM_CONFIGS: 4', 'NUM_CONFIGS: 4\n  RNG_SEED: 4294967296'), 'SETUP.RNG_SEED', /2\^32/],
    ['CHUNK_SIZE 0', sweep(valueSampler).replace('NUM_CONFIGS: 4', 'NUM_CONFIGS: 4\n  CHUNK_SIZE: 0'), 'SETUP.CHUNK_SIZE', /not an integer/],
    ['an unknown base config key', sweep(valueSampler, '    OPTIM: {LR: 0.1}'), 'SETUP.BASE_CFG.OPTIM.LR', /not a pycls config key/],
    ['an int where pycls has a float', sweep(valueSampler, '    OPTIM: {BASE_LR: 1}'), 'SETUP.BASE_CFG.OPTIM.BASE_LR', /1 is an int, but pycls's default 0.1 is a float/],
    ['an empty section', sweep(valueSampler, '    OPTIM:'), 'SETUP.BASE_CFG.OPTIM', /type mismatch/],
    ['a deprecated pycls key in BASE_CFG', sweep(valueSampler, '    PORT: 10001'), 'SETUP.BASE_CFG.PORT', /not a pycls config key/],
    ['a bad CHECKPOINTS_KEEP', sweep(valueSampler, 'COLLECT: {CHECKPOINTS_KEEP: some}'), 'COLLECT.CHECKPOINTS_KEEP', /'all', 'last', 'none'/],
    ['a constraint that is not a pair', sweep(valueSampler).replace('  SAMPLERS:', '  CONSTRAINTS: {CX: {FLOPS: [1]}}\n  SAMPLERS:'), 'SETUP.CONSTRAINTS.CX.FLOPS', /pair/],
    ['a sampler without TYPE', sweep('RNG_SEED: {VALUES: [1]}'), 'SETUP.SAMPLERS.RNG_SEED.TYPE', /is missing/],
    ['an unknown sampler TYPE', sweep('RNG_SEED: {TYPE: grid_sampler}'), 'SETUP.SAMPLERS.RNG_SEED.TYPE', /not a sampler TYPE/],
    ['an upper-case TYPE', sweep('RNG_SEED: {TYPE: VALUE_SAMPLER, VALUES: [1]}'), 'SETUP.SAMPLERS.RNG_SEED.TYPE', /lower case/],
    ['a field of another sampler', sweep('RNG_SEED: {TYPE: value_sampler, VALUES: [1], RANGE: [1, 2]}'), 'SETUP.SAMPLERS.RNG_SEED.RANGE', /not a pycls config key/],
    ['empty VALUES', sweep('RNG_SEED: {TYPE: value_sampler, VALUES: []}'), 'SETUP.SAMPLERS.RNG_SEED.VALUES', /empty/],
    ['an int QUANTIZE in a float sampler', sweep('OPTIM.BASE_LR: {TYPE: float_sampler, RANGE: [0.1, 0.2], QUANTIZE: 1}'), 'SETUP.SAMPLERS.OPTIM.BASE_LR.QUANTIZE', /type mismatch/],
    ['a RANGE of three', sweep('OPTIM.BASE_LR: {TYPE: float_sampler, RANGE: [0.1, 0.2, 0.3], QUANTIZE: 0.1}'), 'SETUP.SAMPLERS.OPTIM.BASE_LR.RANGE', /pair/],
    ['int bounds in a float sampler', sweep('OPTIM.BASE_LR: {TYPE: float_sampler, RANGE: [1, 2], QUANTIZE: 0.1}'), 'SETUP.SAMPLERS.OPTIM.BASE_LR.RANGE[0]', /not a float/],
    ['low above high', sweep('OPTIM.BASE_LR: {TYPE: float_sampler, RANGE: [0.2, 0.1], QUANTIZE: 0.1}'), 'SETUP.SAMPLERS.OPTIM.BASE_LR', /uniform\(low=0.2, high=0.1, q=0.1\) is invalid: low must be <= high/],
    ['log_uniform from 0', sweep('OPTIM.BASE_LR: {TYPE: float_sampler, RAND_TYPE: log_uniform, RANGE: [0.0, 0.1], QUANTIZE: 0.1}'), 'SETUP.SAMPLERS.OPTIM.BASE_LR', /low must be > 0/],
    ['a bound off the quantum', sweep('OPTIM.BASE_LR: {TYPE: float_sampler, RANGE: [0.15, 0.3], QUANTIZE: 0.1}'), 'SETUP.SAMPLERS.OPTIM.BASE_LR', /low 0.15 is not a multiple of q 0.1/],
    ['power2_uniform off powers of two', sweep('TRAIN.BATCH_SIZE: {TYPE: int_sampler, RAND_TYPE: power2_uniform, RANGE: [48, 256], QUANTIZE: 16}'), 'SETUP.SAMPLERS.TRAIN.BATCH_SIZE', /48 is not a power of 2/],
    ['an unknown RAND_TYPE', sweep('OPTIM.BASE_LR: {TYPE: float_sampler, RAND_TYPE: gaussian, RANGE: [0.1, 0.2], QUANTIZE: 0.1}'), 'SETUP.SAMPLERS.OPTIM.BASE_LR.RAND_TYPE', /not one of uniform/],
    ['a regnet_sampler on another key', sweep('RN: {TYPE: regnet_sampler}'), 'SETUP.SAMPLERS.RN', /only be used for REGNET/],
    ['DEPTH reversed', sweep('REGNET: {TYPE: regnet_sampler, DEPTH: [16, 8]}'), 'SETUP.SAMPLERS.REGNET.DEPTH', /low must be <= high/],
    ['W0 off multiples of 8', sweep('REGNET: {TYPE: regnet_sampler, W0: [12, 256]}'), 'SETUP.SAMPLERS.REGNET.W0', /low 12 is not a multiple of q 8/],
    ['WA as ints', sweep('REGNET: {TYPE: regnet_sampler, WA: [8, 256]}'), 'SETUP.SAMPLERS.REGNET.WA[0]', /not a float/],
    ['GROUP_W off powers of two', sweep('REGNET: {TYPE: regnet_sampler, GROUP_W: [3, 32]}'), 'SETUP.SAMPLERS.REGNET.GROUP_W', /3 is not a power of 2/],
    ['a list sampler without ITEM_SAMPLER', sweep('ANYNET.DEPTHS: {TYPE: list_sampler, LENGTH: 2}'), 'SETUP.SAMPLERS.ANYNET.DEPTHS.ITEM_SAMPLER', /is missing/],
    ['a bad item sampler', sweep('ANYNET.DEPTHS: {TYPE: list_sampler, LENGTH: 2, ITEM_SAMPLER: {TYPE: int_sampler, RANGE: [1, 0], QUANTIZE: 1}}'), 'SETUP.SAMPLERS.ANYNET.DEPTHS.ITEM_SAMPLER', /low must be <= high/],
    ['a sampled key pycls lacks', sweep('OPTIM.NOPE: {TYPE: value_sampler, VALUES: [1]}'), 'SETUP.SAMPLERS.OPTIM.NOPE', /not a pycls config key/],
    ['a float sampler on an int key', sweep('OPTIM.MAX_EPOCH: {TYPE: float_sampler, RANGE: [1.0, 2.0], QUANTIZE: 1.0}'), 'SETUP.SAMPLERS.OPTIM.MAX_EPOCH', /0.5 is a float, but pycls's default 200 is an int/],
    ['a value of the wrong type', sweep('MODEL.ACTIVATION_FUN: {TYPE: value_sampler, VALUES: [relu, 3]}'), 'SETUP.SAMPLERS.MODEL.ACTIVATION_FUN', /3 is an int/],
  ])('%s', (_, text, path, message) => {
    const error = errorOf(text);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });

  it('not a string at all', () => {
    expect(() => loadSweepConfig(42 as unknown as string)).toThrow(SweepError);
  });
});

describe('errors pycls would raise while sampling', () => {
  it('a scaling type pycls cannot parse names the sample', () => {
    const s = loadSweepConfig(sweep('MODEL.SCALING_TYPE: {TYPE: value_sampler, VALUES: [d1_x2]}'));
    expect(() => sampleConfigs(s, 0, { chunkSize: 1 })).toThrow(/sample "MODEL.SCALING_TYPE d1_x2"/);
    expect(() => sampleConfigs(s, 0, { chunkSize: 1 })).toThrow(SweepError);
  });

  it('a negative chunk size or a bad seed', () => {
    const s = loadSweepConfig(sweep('RNG_SEED: {TYPE: value_sampler, VALUES: [1]}'));
    expect(() => sampleConfigs(s, 0, { chunkSize: -1 })).toThrow(SweepError);
    expect(() => sampleConfigs(s, -3)).toThrow(SweepError);
  });
});
