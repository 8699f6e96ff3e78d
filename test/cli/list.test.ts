/** `fastscale list`: the zoo's models, with pycls's complexities (dev/model_complexity.json). */
import { describe, expect, it } from 'vitest';
import { pyclsComplexity } from '../fixtures.js';
import { torchvisionFixture } from '../helpers/torchvision-fixture.js';
import { cli, zooConfigPath } from './cli.js';

/** pycls's MODEL_ZOO.md, in its order. */
const ZOO = [
  ...['200MF', '400MF', '600MF', '800MF', '1.6GF', '3.2GF', '4.0GF', '6.4GF', '8.0GF', '12GF', '16GF', '32GF'].flatMap((size) => [`RegNetX-${size}`]),
  ...['200MF', '400MF', '600MF', '800MF', '1.6GF', '3.2GF', '4.0GF', '6.4GF', '8.0GF', '12GF', '16GF', '32GF'].flatMap((size) => [`RegNetY-${size}`]),
  'ResNet-50',
  'ResNet-101',
  'ResNet-152',
  'ResNeXt-50',
  'ResNeXt-101',
  'ResNeXt-152',
  ...[0, 1, 2, 3, 4, 5].map((b) => `EfficientNet-B${b}`),
];
/** torchvision's models by builder name, after pycls's, with their families. */
const TORCHVISION: Record<string, string> = {
  mobilenet_v2: 'mobilenet',
  mobilenet_v3_large: 'mobilenet',
  mobilenet_v3_small: 'mobilenet',
  mnasnet0_5: 'mnasnet',
  mnasnet0_75: 'mnasnet',
  mnasnet1_0: 'mnasnet',
  mnasnet1_3: 'mnasnet',
};

describe('fastscale list', () => {
  it("lists pycls's 36 zoo models with their family and pycls's complexity, then torchvision's (--json)", async () => {
    const { code, stdout, stderr } = await cli(['list', '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const models = JSON.parse(stdout) as { name: string; family: string; complexity: unknown }[];
    expect(models.map((m) => m.name)).toEqual([...ZOO, ...Object.keys(TORCHVISION)]);
    for (const m of models.slice(ZOO.length)) {
      expect(m.family, m.name).toBe(TORCHVISION[m.name]);
      expect(m.complexity, m.name).toEqual(torchvisionFixture(m.name).runs[0]!.totals);
    }
    const complexityOf = pyclsComplexity();
    for (const m of models.slice(0, ZOO.length)) {
      expect(m.complexity, m.name).toEqual(complexityOf[zooConfigPath(m.name)]);
      expect(m.family, m.name).toBe(m.name.startsWith('RegNet') ? 'regnet' : m.name.startsWith('Eff') ? 'efficientnet' : 'anynet');
    }
  });

  it('filters by family and a flops range (written with suffixes), as a table', async () => {
    const { code, stdout } = await cli(['list', '--family', 'efficientnet', '--max-flops', '1GF']);
    expect(code).toBe(0);
    // pycls's complexities of EN-B0, B1 and B2 (B3 has 1.83 GF), in the units of the other commands.
    expect(stdout).toBe(`model            family            flops  params    acts
---------------  ------------  ---------  ------  ------
EfficientNet-B0  efficientnet  385.83 MF  5.29 M  6.75 M
EfficientNet-B1  efficientnet  686.82 MF  7.79 M  10.9 M
EfficientNet-B2  efficientnet  993.58 MF  9.11 M  13.8 M
`);
  });

  it("filters torchvision's families: the MNASNets with torchvision's complexities", async () => {
    const { code, stdout } = await cli(['list', '--family', 'mnasnet', '--json']);
    expect(code).toBe(0);
    const models = JSON.parse(stdout) as { name: string; complexity: unknown }[];
    expect(models.map((m) => m.name)).toEqual(['mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3']);
    for (const m of models) expect(m.complexity).toEqual(torchvisionFixture(m.name).runs[0]!.totals);
  });

  it('keeps models within --min-flops and --max-flops, bounds included', async () => {
    const complexityOf = pyclsComplexity();
    const flops = complexityOf[zooConfigPath('RegNetX-4.0GF')]!.flops;
    const { stdout } = await cli(['list', '--min-flops', String(flops), '--max-flops', '4.1G', '--json']);
    const expected = ZOO.filter((name) => {
      const f = complexityOf[zooConfigPath(name)]!.flops;
      return f >= flops && f <= 4.1e9;
    });
    expect(expected).toEqual(['RegNetX-4.0GF', 'RegNetY-4.0GF', 'ResNet-50']);
    expect(JSON.parse(stdout).map((m: { name: string }) => m.name)).toEqual(expected);
  });

  it('says so when no model matches', async () => {
    expect(await cli(['list', '--min-flops', '100G'])).toEqual({ code: 0, stdout: 'no zoo model matches (fastscale list without options shows all)\n', stderr: '' });
  });
});
