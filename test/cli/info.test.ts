/**
 * `fastscale info` against pycls's reference data: complexities from pycls's dev/model_complexity.json,
 * fields from the pycls configs, and the printed text written out literally.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pyclsComplexity } from '../helpers/fixtures.js';
import { cli, R56_YAML, REGNETY_400MF_YAML, zooConfigPath } from './cli.js';

const complexityOf = pyclsComplexity();

describe('fastscale info --json', () => {
  it("prints a zoo RegNet's fields as its pycls config gives them and pycls's exact complexity", async () => {
    const { code, stdout, stderr } = await cli(['info', 'RegNetY-400MF', '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const json = JSON.parse(stdout);
    const { REGNET } = parse(readFileSync(REGNETY_400MF_YAML, 'utf8')) as { REGNET: Record<string, number> };
    expect(json.name).toBe('RegNetY-400MF');
    expect(json.spec).toMatchObject({ family: 'regnet', depth: REGNET.DEPTH, w0: REGNET.W0, wa: REGNET.WA, wm: REGNET.WM, groupWidth: REGNET.GROUP_W, seRatio: 0.25 });
    expect(json.complexity).toEqual(complexityOf[zooConfigPath('RegNetY-400MF')]);
  });

  it.each(['RegNetX-200MF', 'RegNetY-32GF', 'ResNet-50', 'ResNeXt-101', 'EfficientNet-B5'])("gives %s pycls's exact complexity", async (name) => {
    const { code, stdout } = await cli(['info', name, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).complexity).toEqual(complexityOf[zooConfigPath(name)]);
  });

  it("reads a config file, named after the file, with pycls's complexity of that config", async () => {
    const { code, stdout } = await cli(['info', R56_YAML, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.name).toBe('R-56_nds_1gpu');
    expect(json.complexity).toEqual(complexityOf['configs/archive/cifar/anynet/R-56_nds_1gpu.yaml']);
    expect(json.spec.stages.map((s: { depth: number; width: number }) => [s.depth, s.width])).toEqual([
      [9, 16],
      [9, 32],
      [9, 64],
    ]);
  });

  it('matches a zoo name in any case when only one name matches, and reports the zoo spelling', async () => {
    const { code, stdout } = await cli(['info', 'regnety-400mf', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).name).toBe('RegNetY-400MF');
    expect(JSON.parse(stdout).complexity).toEqual(complexityOf[zooConfigPath('RegNetY-400MF')]);
  });
});

describe('fastscale info text', () => {
  it('shows a RegNet: its parameters, the AnyNet stages they generate, its complexity', async () => {
    const { code, stdout } = await cli(['info', 'RegNetY-400MF']);
    expect(code).toBe(0);
    // 401,849,056 flops, 4,344,144 params, 3,892,496 acts: pycls's dev/model_complexity.json.
    expect(stdout).toBe(`RegNetY-400MF

family:          regnet
wa, w0, wm:      27.89, 48, 2.09
depth:           16
group width:     8
bottleneck mul:  1
stride:          2
stem:            simple_stem_in, width 32
block:           res_bottleneck_block
squeeze-excite:  0.25
head width:      0 (no head conv)
classes:         1000
activation:      relu
resolution:      train 224 px, test 256 px

generated AnyNet stages:
stage  depth  width  stride  bot mul  group width
-----  -----  -----  ------  -------  -----------
    1      1     48       2        1            8
    2      3    104       2        1            8
    3      6    208       2        1            8
    4      6    440       2        1            8

complexity at 224 px:
metric      value        exact
------  ---------  -----------
flops   401.85 MF  401,849,056
params     4.34 M    4,344,144
acts       3.89 M    3,892,496
`);
  });

  it('shows an EfficientNet: depth, width, expansion, kernel and stride per stage', async () => {
    const { code, stdout } = await cli(['info', 'EfficientNet-B0']);
    expect(code).toBe(0);
    // The stages of pycls's EN-B0 config (EN.DEPTHS, WIDTHS, EXP_RATIOS, KERNELS, STRIDES).
    expect(stdout).toContain(`stage  depth  width  expansion  kernel  stride
-----  -----  -----  ---------  ------  ------
    1      1     16          1       3       1
    2      2     24          6       3       2
    3      2     40          6       5       2
    4      3     80          6       3       2
    5      3    112          6       5       1
    6      4    192          6       5       2
    7      1    320          6       3       1
`);
    expect(stdout).toContain('flops   385.83 MF  385,825,092\n');
    expect(complexityOf[zooConfigPath('EfficientNet-B0')]!.flops).toBe(385_825_092);
  });

  it("shows a torchvision MobileNetV3: its stages, head and classifier widths, torchvision's complexity", async () => {
    const { code, stdout } = await cli(['info', 'mobilenet_v3_small']);
    expect(code).toBe(0);
    expect(stdout).toContain('version:           MobileNetV3\n');
    expect(stdout).toContain('head width:        576 (6 x the last stage)\nclassifier width:  1024\n');
    // torchvision's _mobilenet_v3_conf("mobilenet_v3_small"), its identical blocks as one stage.
    expect(stdout).toContain(`stage  depth  width  expansion  kernel  stride  squeeze-excite  activation
-----  -----  -----  ---------  ------  ------  --------------  ----------
    1      1     16         16       3       2             yes        relu
    2      1     24         72       3       2              no        relu
`);
    // test/fixtures/torchvision/mobilenet_v3_small.json at 224 px.
    expect(stdout).toContain('flops   56.52 MF  56,515,312\n');
  });

  it('shows a CIFAR AnyNet config at its 32 px resolution', async () => {
    const { code, stdout } = await cli(['info', R56_YAML]);
    expect(code).toBe(0);
    expect(stdout).toContain(`resolution:      train 32 px, test 32 px

stage  depth  width  stride  bot mul  group width
-----  -----  -----  ------  -------  -----------
    1      9     16       1        -            -
    2      9     32       2        -            -
    3      9     64       2        -            -

complexity at 32 px:
metric      value        exact
------  ---------  -----------
flops   125.75 MF  125,747,850
params    0.856 M      855,770
acts      0.545 M      544,778
`);
  });
});
