import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, fromPyclsConfig, SpecError, toPyclsConfig, validateSpec, zooConfig, zooModel, zooNames, type ModelSpec } from '../../src/index.js';
import { hasPyclsConfig } from '../../src/zoo/config.js';
import { REPRODUCE, SEED } from '../seed.js';
import { configPaths, readConfig } from '../helpers/fixtures.js';
import { modelSpec } from '../arbitraries.js';

describe('fromPyclsConfig / toPyclsConfig', () => {
  it.each(configPaths())('%s: round trip gives an equal spec', (path) => {
    const spec = fromPyclsConfig(readConfig(path));
    expect(fromPyclsConfig(toPyclsConfig(spec))).toEqual(spec);
  });

  /** Specs a pycls config holds entirely: families pycls builds, with pycls's blocks, names and epsilon. */
  const pyclsBuilds = (spec: ModelSpec): boolean =>
    spec.family !== 'convnext' &&
    !(spec.family === 'efficientnet' && (spec.implementation !== undefined || spec.batchNormEps !== undefined || spec.stages.some((s) => s.fused === true)));

  it('round trips arbitrary valid specs of every family pycls builds', () => {
    fc.assert(
      fc.property(modelSpec().filter(pyclsBuilds), (spec) => {
        expect(fromPyclsConfig(toPyclsConfig(spec))).toEqual(spec);
      }),
    );
  });

  it('writes the same network for torchvision-named EfficientNets, or refuses with a SpecError what pycls cannot build', () => {
    fc.assert(
      fc.property(
        modelSpec().filter((spec) => !pyclsBuilds(spec)),
        (spec) => {
          let text: string;
          try {
            text = toPyclsConfig(spec);
          } catch (error) {
            expect(error).toBeInstanceOf(SpecError);
            expect((error as SpecError).path).toMatch(/^(family|stages\[\d+\]\.(fused|expansionRatio))$/);
            return;
          }
          expect(complexity(fromPyclsConfig(text))).toEqual(complexity(spec));
        },
      ),
    );
  });

  it('reads pycls defaults for absent keys', () => {
    const spec = fromPyclsConfig('MODEL:\n  TYPE: regnet\n');
    expect(spec).toEqual({
      family: 'regnet',
      wa: 5.0,
      w0: 32,
      wm: 2.5,
      depth: 10,
      groupWidth: 16,
      bottleneckMultiplier: 1.0,
      stride: 2,
      seRatio: null,
      stem: { type: 'simple_stem_in', width: 32 },
      blockType: 'res_bottleneck_block',
      headWidth: 0,
      numClasses: 10,
      activation: 'relu',
      resolution: { train: 224, test: 256 },
    });
    const effnet = fromPyclsConfig(
      'MODEL: {TYPE: effnet}\nEN: {DEPTHS: [1], WIDTHS: [16], EXP_RATIOS: [1], KERNELS: [3], STRIDES: [1]}\n',
    );
    expect(effnet).toMatchObject({ stemWidth: 32, seRatio: 0.25, headWidth: 1280, numClasses: 10 });
  });

  it('reads SE_ON/SE_R, swish as silu, and leaves BOT_MULS/GROUP_WS out of basic-block stages, as the config does', () => {
    const spec = fromPyclsConfig(readConfig('configs/archive/cifar/anynet/R-56_nds_1gpu.yaml'));
    expect(spec.family === 'anynet' && spec.stages).toEqual([
      { depth: 9, width: 16, stride: 1 },
      { depth: 9, width: 32, stride: 2 },
      { depth: 9, width: 64, stride: 2 },
    ]);
    expect(fromPyclsConfig('MODEL: {TYPE: regnet, ACTIVATION_FUN: swish}\nREGNET: {SE_ON: True}')).toMatchObject({
      activation: 'silu',
      seRatio: 0.25,
    });
  });

  it('ignores training keys and the sections of other model types', () => {
    const yaml = `${readConfig('configs/dds_baselines/regnetx/RegNetX-200MF_dds_8gpu.yaml')}\nANYNET:\n  DEPTHS: [1]\nEN:\n  DC_RATIO: 0.2\n`;
    expect(fromPyclsConfig(yaml)).toEqual(zooModel('RegNetX-200MF'));
  });

  it('writes float-typed keys with a decimal point, as pycls requires', () => {
    const yaml = toPyclsConfig({ ...zooModel('RegNetX-200MF'), wa: 36, wm: 2, bottleneckMultiplier: 1 } as never);
    expect(yaml).toMatch(/WA: 36\.0\n/);
    expect(yaml).toMatch(/WM: 2\.0\n/);
    expect(yaml).toMatch(/BOT_MUL: 1\.0\n/);
    expect(toPyclsConfig(zooModel('ResNet-50'))).toMatch(/BOT_MULS: \[0\.25, 0\.25, 0\.25, 0\.25\]/);
  });

  it('keeps a template’s training settings and replaces its model sections', () => {
    const scaledLike = zooModel('ResNeXt-50');
    const yaml = toPyclsConfig(scaledLike, { template: zooConfig('RegNetY-400MF') });
    const config = parse(yaml);
    expect(config.OPTIM.BASE_LR).toBe(0.8);
    expect(config.TRAIN).toMatchObject({ DATASET: 'imagenet', IM_SIZE: 224, BATCH_SIZE: 1024 });
    expect(config.REGNET).toBeUndefined();
    expect(config.MODEL.TYPE).toBe('anynet');
    expect(fromPyclsConfig(yaml)).toEqual(scaledLike);
  });

  it('writes MODEL first and the family section right after it, as pycls configs do', () => {
    for (const yaml of [toPyclsConfig(zooModel('RegNetX-200MF')), toPyclsConfig(zooModel('RegNetX-200MF'), { template: zooConfig('ResNet-50') })]) {
      const sections = yaml.split('\n').filter((line) => /^[A-Z_]+:/.test(line)).map((line) => line.split(':')[0]);
      expect(sections.slice(0, 2)).toEqual(['MODEL', 'REGNET']);
    }
  });

  it('writes the dataset that selects a ResNet layout', () => {
    const cifar = fromPyclsConfig(readConfig('configs/archive/cifar/resnet/R-56_nds_1gpu.yaml'));
    const config = parse(toPyclsConfig(cifar));
    expect(config.TRAIN.DATASET).toBe('cifar10');
    expect(config.MODEL.DEPTH).toBe(56);
  });
});

describe('fromPyclsConfig errors name the config key and value', () => {
  const cases: [string, string, RegExp][] = [
    ['not YAML', 'MODEL: [', /^invalid YAML/],
    ['a list', '- 1\n- 2', /not a mapping of config sections/],
    ['no type', 'MODEL:\n  NUM_CLASSES: 10', /^MODEL\.TYPE: is missing/],
    ['unknown type', 'MODEL:\n  TYPE: mlp', /^MODEL\.TYPE: "mlp" is not a supported model type \(anynet, /],
    ['unknown model key', 'MODEL: {TYPE: anynet}\nANYNET: {DEPTS: [1]}', /^ANYNET\.DEPTS: is not a pycls ANYNET key/],
    ['unknown top-level key', 'MODEL: {TYPE: regnet}\nREGNT: {DEPTH: 3}', /^REGNT: is not a pycls config key/],
    ['bad activation', 'MODEL: {TYPE: regnet, ACTIVATION_FUN: gelu}', /^MODEL\.ACTIVATION_FUN: "gelu"/],
    [
      'group width not dividing',
      'MODEL: {TYPE: anynet}\nANYNET: {DEPTHS: [1, 1, 1], WIDTHS: [32, 64, 96], STRIDES: [2, 2, 2], BOT_MULS: [1, 1, 1], GROUP_WS: [8, 8, 20]}',
      /^ANYNET\.GROUP_WS\[2\]: 20 does not divide the bottleneck width 96/,
    ],
    [
      'fractional depth',
      'MODEL: {TYPE: anynet}\nANYNET: {BLOCK_TYPE: res_basic_block, DEPTHS: [1.5], WIDTHS: [32], STRIDES: [2]}',
      /^ANYNET\.DEPTHS\[0\]: 1\.5 is not a positive integer/,
    ],
    [
      'mismatched lists',
      'MODEL: {TYPE: anynet}\nANYNET: {BLOCK_TYPE: res_basic_block, DEPTHS: [1, 2], WIDTHS: [32], STRIDES: [2, 2]}',
      /^ANYNET\.WIDTHS: has 1 entries but ANYNET\.DEPTHS has 2/,
    ],
    ['empty stages', 'MODEL: {TYPE: anynet}\nANYNET: {BLOCK_TYPE: res_basic_block}', /^ANYNET\.DEPTHS: is empty/],
    [
      'missing bottleneck lists',
      'MODEL: {TYPE: anynet}\nANYNET: {DEPTHS: [1], WIDTHS: [32], STRIDES: [2]}',
      /^ANYNET\.BOT_MULS: is missing \(required by res_bottleneck_block\)/,
    ],
    ['regnet w0', 'MODEL: {TYPE: regnet}\nREGNET: {W0: 30}', /^REGNET\.W0: 30 is not a multiple of 8/],
    ['regnet stem width', 'MODEL: {TYPE: regnet}\nREGNET: {STEM_W: 0}', /^REGNET\.STEM_W: 0 is not a positive integer/],
    ['resnet dataset', 'MODEL: {TYPE: resnet, DEPTH: 50}', /^TRAIN\.DATASET: undefined is not a dataset/],
    ['resnet depth', 'MODEL: {TYPE: resnet, DEPTH: 34}\nTRAIN: {DATASET: imagenet}', /^MODEL\.DEPTH: 34 is not an ImageNet ResNet depth/],
    ['image size', 'MODEL: {TYPE: regnet}\nTRAIN: {IM_SIZE: -224}', /^TRAIN\.IM_SIZE: -224 is not a positive integer/],
    ['SE_ON type', 'MODEL: {TYPE: regnet}\nREGNET: {SE_ON: 1}', /^REGNET\.SE_ON: 1 is not a boolean/],
    ['even kernel', 'MODEL: {TYPE: effnet}\nEN: {DEPTHS: [1], WIDTHS: [16], EXP_RATIOS: [1], KERNELS: [4], STRIDES: [1]}', /^EN\.KERNELS\[0\]: 4 is not odd/],
  ];
  it.each(cases)('%s', (_, yaml, message) => {
    let thrown: unknown;
    try {
      fromPyclsConfig(yaml);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SpecError);
    expect((thrown as Error).message).toMatch(message);
  });

  it('rejects a non-string', () => {
    expect(() => fromPyclsConfig(42 as unknown as string)).toThrow(SpecError);
  });

  it('on a zoo config with one line edited, gives a valid spec or a SpecError with a reason, and mostly reaches the model', () => {
    /** Values PyYAML and yacs read in surprising ways, and plain mistakes. */
    const values = ['1e-5', '1e5', '.', 'y', 'on', '~', '010', '0x10', '1:30', '.inf', '-.nan', '"[1, 2]"', "'7'", '!!float 8', '!!str 8', '*nope', '[1, 2', '{a: 1}', 'toString', '__proto__', '2001-01-01', '<<', '='];
    const edit = fc.record({ name: fc.constantFrom(...zooNames().filter(hasPyclsConfig)), line: fc.nat(), kind: fc.constantFrom('value', 'duplicate', 'indent', 'rename', 'delete'), value: fc.constantFrom(...values) });
    let reached = 0;
    let runs = 0;
    fc.assert(
      fc.property(edit, ({ name, line, kind, value }) => {
        runs++;
        const lines = zooConfig(name).split('\n');
        const i = line % lines.length;
        const target = lines[i]!;
        if (kind === 'value') lines[i] = target.replace(/:\s.*$/, `: ${value}`);
        else if (kind === 'duplicate') lines.splice(i, 0, target);
        else if (kind === 'indent') lines[i] = ` ${target}`;
        else if (kind === 'rename') lines[i] = target.replace(/^(\s*)\w+/, `$1${value}`);
        else lines.splice(i, 1);
        let spec;
        try {
          spec = fromPyclsConfig(lines.join('\n'));
        } catch (error) {
          expect(error).toBeInstanceOf(SpecError);
          expect((error as SpecError).reason).toMatch(/\S/);
          if ((error as SpecError).path !== '') reached++; // an error about a config key: past the YAML
          return;
        }
        reached++;
        expect(() => validateSpec(spec)).not.toThrow();
      }),
      { seed: SEED },
    );
    expect(reached, REPRODUCE).toBeGreaterThan(runs * 0.5);
  });

  it('counts what it reads: a config edited by hand changes the numbers', () => {
    const base = fromPyclsConfig(readConfig('configs/archive/cifar/anynet/R-56_nds_1gpu.yaml'));
    const wider = fromPyclsConfig(readConfig('configs/archive/cifar/anynet/R-56_nds_1gpu.yaml').replace('WIDTHS: [16, 32, 64]', 'WIDTHS: [16, 32, 128]'));
    expect(complexity(wider).params).toBeGreaterThan(complexity(base).params);
  });
});

describe('YAML as PyYAML reads it', () => {
  it('keeps a lone "." a string, as PyYAML does (the zoo configs say OUT_DIR: .)', () => {
    const yaml = toPyclsConfig(zooModel('RegNetY-400MF'), { template: zooConfig('RegNetY-400MF') });
    expect(yaml).toMatch(/^OUT_DIR: (\.|"\.")$/m); // a string either way for PyYAML
    expect(yaml).not.toMatch(/nan/i);
  });

  it('keeps everything of the template but the model keys', () => {
    const template = zooConfig('RegNetY-400MF');
    const written = parse(toPyclsConfig(zooModel('RegNetY-400MF'), { template }), { version: '1.1' });
    const original = parse(template, { version: '1.1' });
    for (const section of ['OPTIM', 'NUM_GPUS']) expect(written[section]).toEqual(original[section]);
    expect(written.TRAIN).toEqual(original.TRAIN);
    expect(written.TEST).toEqual(original.TEST);
  });
});
