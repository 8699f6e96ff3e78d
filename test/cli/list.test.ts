/** `fastscale list`: the zoo's models, with pycls's complexities (dev/model_complexity.json). */
import { describe, expect, it } from 'vitest';
import { pyclsComplexity } from '../helpers/fixtures.js';
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

describe('fastscale list', () => {
  it("lists the 36 zoo models with their family and pycls's complexity (--json)", async () => {
    const { code, stdout, stderr } = await cli(['list', '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const models = JSON.parse(stdout) as { name: string; family: string; complexity: unknown }[];
    expect(models.map((m) => m.name)).toEqual(ZOO);
    const complexityOf = pyclsComplexity();
    for (const m of models) {
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
