/**
 * `fastscale scale` against pycls: scaled networks and their complexity from pycls's own scale_model
 * (test/fixtures/pycls-scaled.json), configs checked field by field against pycls's scaled fields, and
 * budgets against literal values (pycls has no budget search).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pyclsComplexity, pyclsScaled, type ScaledRecord } from '../helpers/fixtures.js';
import { cli, R56_YAML, REGNETY_400MF_YAML, temporaryDirectory, zooConfigPath } from './cli.js';

const tmp = temporaryDirectory();
afterAll(tmp.remove);

const R56 = 'configs/archive/cifar/anynet/R-56_nds_1gpu.yaml';
const REGNETY_400MF = 'configs/dds_baselines/regnety/RegNetY-400MF_dds_8gpu.yaml';

/** pycls's scale_model of `config` with `scaleType` by `factor`. */
function pycls(config: string, scaleType: string, factor: number): ScaledRecord {
  const record = pyclsScaled().find((r) => r.config === config && r.scale_type === scaleType && r.factor === factor);
  if (record === undefined) throw new Error(`no pycls record for ${config} ${scaleType} x${factor}`);
  return record;
}

/** A written config read as pycls reads it (YAML 1.1). */
const readYaml = (text: string): Record<string, Record<string, unknown>> => parse(text, { version: '1.1' }) as Record<string, Record<string, unknown>>;

/** The written ANYNET section holds pycls's scaled fields (SE_R may be left out where SE is off). */
function expectPyclsFields(written: Record<string, unknown>, record: ScaledRecord): void {
  for (const key of ['STEM_TYPE', 'STEM_W', 'BLOCK_TYPE', 'DEPTHS', 'WIDTHS', 'STRIDES', 'BOT_MULS', 'GROUP_WS', 'HEAD_W', 'SE_ON']) {
    expect(written[key], key).toEqual(record.spec[key]);
  }
  if (record.spec.SE_ON === true) expect(written.SE_R).toBe(record.spec.SE_R);
}

describe('fastscale scale --factor', () => {
  const record = pycls(REGNETY_400MF, 'd1_w8_g8_r1', 4);

  it("gives pycls's network and complexity with --json, and writes the config pycls trains", async () => {
    const out = join(tmp.dir, 'regnety-4x.yaml');
    const { code, stdout, stderr } = await cli(['scale', 'RegNetY-400MF', '--factor', '4', '--json', '-o', out]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const json = JSON.parse(stdout);
    const base = pyclsComplexity()[zooConfigPath('RegNetY-400MF')]!;
    expect(json).toMatchObject({ name: 'RegNetY-400MF', strategy: 'd1_w8_g8_r1', policy: 'pycls', factor: 4, target: null });
    expect(json.base.complexity).toEqual(base);
    expect(json.scaled.complexity).toEqual(record.complexity);
    expect(json.scaled.spec.stages.map((s: { width: number }) => s.width)).toEqual(record.spec.WIDTHS);
    expect(json.scaled.spec.stages.map((s: { depth: number }) => s.depth)).toEqual(record.spec.DEPTHS);
    expect(json.scaled.spec.resolution).toEqual({ train: record.train_im_size, test: record.test_im_size });
    expect(json.ratios).toEqual({
      flops: record.complexity.flops / base.flops,
      params: record.complexity.params / base.params,
      acts: record.complexity.acts / base.acts,
    });

    const written = readYaml(readFileSync(out, 'utf8'));
    expect(written.MODEL).toMatchObject({ TYPE: 'anynet', NUM_CLASSES: 1000 });
    expectPyclsFields(written.ANYNET!, record);
    expect(written.TRAIN!.IM_SIZE).toBe(record.train_im_size);
    expect(written.TEST!.IM_SIZE).toBe(record.test_im_size);
    // The zoo config's training settings are kept, so that pycls trains the scaled model as is.
    const template = readYaml(readFileSync(REGNETY_400MF_YAML, 'utf8'));
    expect(written.OPTIM).toEqual(template.OPTIM);
    expect(written.NUM_GPUS).toEqual(template.NUM_GPUS);
  });

  it('prints base and scaled side by side', async () => {
    const { code, stdout } = await cli(['scale', 'RegNetY-400MF', '--factor', '4']);
    expect(code).toBe(0);
    // Scaled widths, depths, group widths, sizes and counts: pycls's scale_model (the record above).
    expect(stdout).toBe(`RegNetY-400MF scaled x4 with d1_w8_g8_r1 (fast compound, alpha 0.8), policy pycls

stage   depth       width  stride  bot mul  group width
-----  ------  ----------  ------  -------  -----------
    1       1    48 -> 80       2        1      8 -> 16
    2       3  104 -> 192       2        1      8 -> 16
    3  6 -> 7  208 -> 352       2        1      8 -> 16
    4  6 -> 7  440 -> 768       2        1      8 -> 16
resolution: train 224 -> 240 px, test 256 -> 276 px

metric       base   scaled  ratio  base (exact)  scaled (exact)
------  ---------  -------  -----  ------------  --------------
flops   401.85 MF  1.57 GF  3.91x   401,849,056   1,572,517,292
params     4.34 M   14.6 M  3.36x     4,344,144      14,594,380
acts       3.89 M   7.92 M  2.03x     3,892,496       7,919,628
`);
    expect(record.complexity).toEqual({ flops: 1_572_517_292, params: 14_594_380, acts: 7_919_628 });
  });

  it('writes the scaled config alone to stdout with -o -', async () => {
    const { code, stdout, stderr } = await cli(['scale', R56_YAML, '--factor', '2', '--strategy', 'w', '-o', '-']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const written = readYaml(stdout);
    expectPyclsFields(written.ANYNET!, pycls(R56, 'w', 2));
    expect(written.OPTIM).toEqual(readYaml(readFileSync(R56_YAML, 'utf8')).OPTIM);
  });

  it.each([
    ['dwr', 'dwr', 0.5],
    ['d1_w8_r1', 'd1_w8_r1', 16],
    ['g', 'g', 2],
  ])("EfficientNet-B0 --strategy %s (pycls %s) --factor %s: pycls's network", async (strategy, scaleType, factor) => {
    const { code, stdout } = await cli(['scale', 'EfficientNet-B0', '--factor', String(factor), '--strategy', strategy, '--json']);
    expect(code).toBe(0);
    const record = pycls('configs/dds_baselines/effnet/EN-B0_dds_8gpu.yaml', scaleType, factor);
    const json = JSON.parse(stdout);
    expect(json.scaled.complexity).toEqual(record.complexity);
    expect(json.scaled.spec.stages.map((s: { width: number }) => s.width)).toEqual(record.spec.WIDTHS);
    expect(json.scaled.spec.stages.map((s: { depth: number }) => s.depth)).toEqual(record.spec.DEPTHS);
  });
});

describe('fastscale scale to a budget', () => {
  it('finds the factor for a flops budget written with a GF suffix, and writes that network', async () => {
    const out = join(tmp.dir, 'r56-target.yaml');
    const { code, stdout } = await cli(['scale', R56_YAML, '--target-flops', '0.5GF', '--strategy', 'dwr', '--json', '-o', out]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.strategy).toBe('dwr');
    expect(json.factor).toBe(3.9762111240868134);
    expect(json.scaled.complexity).toEqual({ flops: 548_864_810, params: 2_139_034, acts: 1_835_210 });
    expect(json.target).toEqual({ metric: 'flops', value: 5e8, reached: 548_864_810, relativeError: (548_864_810 - 5e8) / 5e8 });
    expect(json.scaled.spec.stages.map((s: { depth: number; width: number }) => [s.depth, s.width])).toEqual([
      [14, 24],
      [14, 40],
      [14, 80],
    ]);
    expect(json.scaled.spec.resolution).toEqual({ train: 40, test: 40 });
    const written = readYaml(readFileSync(out, 'utf8'));
    expect(written.ANYNET!.DEPTHS).toEqual([14, 14, 14]);
    expect(written.ANYNET!.WIDTHS).toEqual([24, 40, 80]);
    expect(written.TRAIN!.IM_SIZE).toBe(40);
    // The found factor given as --factor gives the same network.
    const again = JSON.parse((await cli(['scale', R56_YAML, '--factor', String(json.factor), '--strategy', 'dwr', '--json'])).stdout);
    expect(again.scaled).toEqual(json.scaled);
  });

  it('states the found factor and how close it lands for a parameter budget', async () => {
    const { code, stdout } = await cli(['scale', REGNETY_400MF_YAML, '--target-params', '20M', '--alpha', '0.5', '--policy', 'efficientnet']);
    expect(code).toBe(0);
    expect(stdout).toBe(`RegNetY-400MF_dds_8gpu scaled x7.659 with d1_w2_g2_r1 (fast compound, alpha 0.5), policy efficientnet
target params 20.0 M: factor 7.65892 reaches 19.4 M (-3.04%)

stage    depth       width  stride  bot mul  group width
-----  -------  ----------  ------  -------  -----------
    1   1 -> 2    48 -> 80       2        1      8 -> 16
    2   3 -> 5  104 -> 176       2        1      8 -> 16
    3  6 -> 10  208 -> 352       2        1      8 -> 16
    4  6 -> 10  440 -> 736       2        1      8 -> 16
resolution: train 224 -> 288 px, test 256 -> 330 px

metric       base   scaled  ratio  base (exact)  scaled (exact)
------  ---------  -------  -----  ------------  --------------
flops   401.85 MF  2.98 GF  7.41x   401,849,056   2,975,781,484
params     4.34 M   19.4 M  4.46x     4,344,144      19,392,236
acts       3.89 M   15.1 M  3.87x     3,892,496      15,064,876
`);
  });
});
