import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { complexity, fromPyclsConfig, toAnyNet, zooModel } from '../../src/index.js';
import { formatExact, formatFlops, formatMillions } from '../../src/cli/format.js';
import { asJson, cli, R56_YAML, REGNETY_400MF_YAML } from './cli.js';

describe('fastscale info', () => {
  it('prints a zoo model as the library sees it with --json', async () => {
    const { code, stdout, stderr } = await cli(['info', 'RegNetY-400MF', '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const spec = zooModel('RegNetY-400MF');
    expect(JSON.parse(stdout)).toEqual(asJson({ name: 'RegNetY-400MF', spec, complexity: complexity(spec) }));
  });

  it('reads a pycls config file: the JSON equals fromPyclsConfig of the file', async () => {
    const { code, stdout } = await cli(['info', REGNETY_400MF_YAML, '--json']);
    expect(code).toBe(0);
    const spec = fromPyclsConfig(readFileSync(REGNETY_400MF_YAML, 'utf8'));
    expect(JSON.parse(stdout)).toEqual(asJson({ name: 'RegNetY-400MF_dds_8gpu', spec, complexity: complexity(spec) }));
  });

  it('shows a RegNet parameters, its generated stages and its complexity in human units and exactly', async () => {
    const { code, stdout } = await cli(['info', 'RegNetY-400MF']);
    expect(code).toBe(0);
    const spec = zooModel('RegNetY-400MF');
    const cx = complexity(spec);
    if (spec.family !== 'regnet') throw new Error('RegNetY-400MF is a regnet');
    expect(stdout).toContain(`${spec.wa}, ${spec.w0}, ${spec.wm}`);
    const lines = stdout.split('\n');
    toAnyNet(spec).stages.forEach((stage, i) => {
      const row = [i + 1, stage.depth, stage.width, stage.stride, stage.bottleneckMultiplier, stage.groupWidth].join(' ');
      expect(lines.map((line) => line.trim().split(/\s+/).join(' '))).toContain(row);
    });
    for (const text of [formatFlops(cx.flops), formatExact(cx.flops), formatMillions(cx.params), formatExact(cx.params), formatMillions(cx.acts), formatExact(cx.acts)]) {
      expect(stdout).toContain(text);
    }
  });

  it('shows the stages of an AnyNet config (CIFAR ResNet-56)', async () => {
    const { code, stdout } = await cli(['info', R56_YAML]);
    expect(code).toBe(0);
    const rows = stdout.split('\n').map((line) => line.trim().split(/\s+/).join(' '));
    // R-56_nds_1gpu.yaml: DEPTHS [9, 9, 9], WIDTHS [16, 32, 64], STRIDES [1, 2, 2]; basic blocks have no
    // bottleneck multiplier or group width. pycls's model_complexity.json: 125,747,850 flops.
    for (const row of ['1 9 16 1 - -', '2 9 32 2 - -', '3 9 64 2 - -']) expect(rows).toContain(row);
    expect(stdout).toContain('125,747,850');
  });
});

describe('fastscale info on an EfficientNet', () => {
  it('shows depth, width, expansion, kernel and stride per stage', async () => {
    const { code, stdout } = await cli(['info', 'EfficientNet-B0']);
    expect(code).toBe(0);
    const spec = zooModel('EfficientNet-B0');
    if (spec.family !== 'efficientnet') throw new Error('EfficientNet-B0 is an efficientnet');
    const rows = stdout.split('\n').map((line) => line.trim().split(/\s+/).join(' '));
    expect(rows).toContain('stage depth width expansion kernel stride');
    spec.stages.forEach((stage, i) => {
      expect(rows).toContain([i + 1, stage.depth, stage.width, stage.expansionRatio, stage.kernel, stage.stride].join(' '));
    });
  });
});
