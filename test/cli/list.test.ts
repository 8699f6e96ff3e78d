/** `fastscale list`: the zoo's models, with pycls's complexities (dev/model_complexity.json). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { type Complexity, type ZooName, zooNames } from '../../src/index.js';
import { FIXTURES, pyclsComplexity, pyclsVit } from '../helpers/fixtures.js';
import { torchvisionFixture } from '../helpers/torchvision-fixtures.js';
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
/** torchvision's mobile models by builder name, with their families. */
const MOBILE: Record<string, string> = {
  mobilenet_v2: 'mobilenet',
  mobilenet_v3_large: 'mobilenet',
  mobilenet_v3_small: 'mobilenet',
  mnasnet0_5: 'mnasnet',
  mnasnet0_75: 'mnasnet',
  mnasnet1_0: 'mnasnet',
  mnasnet1_3: 'mnasnet',
};

/** pycls's vision transformers, after its zoo. */
const VITS = [
  ...['Ti/16', 'S/16', 'B/16', 'B/32', 'L/16', 'L/32', 'H/14'].map((size) => `ViT-${size}`),
  ...['P', 'C'].flatMap((stem) => ['1.0GF', '4.0GF', '18GF', '36GF'].map((size) => `ViT-${stem}-${size}`)),
];

/** torchvision's models of the zoo, after pycls's. */
const TORCHVISION: string[] = zooNames().slice(ZOO.length + VITS.length);

/**
 * A model's complexity from the fixtures: pycls's ViT.complexity of the literature sizes (224 px, class
 * token, 1000 classes) and of its ViT-P/ViT-C configs; torchvision's hook counts at the crop size
 * (a ViT's attention as pycls counts it).
 */
function referenceComplexity(name: string): Complexity {
  if (name.startsWith('vit_')) {
    const runs = JSON.parse(readFileSync(`${FIXTURES}torchvision/${name}.json`, 'utf8')).runs as { totalsWithAttention: Complexity }[];
    return runs[0]!.totalsWithAttention;
  }
  if (TORCHVISION.includes(name)) {
    const fixture = torchvisionFixture(name);
    return fixture.runs.find((run) => run.imageSize === fixture.cropSize)!.totals;
  }
  const { records } = pyclsVit();
  const record = records.find((r) => r.name === `${name} token 224px 1000 classes` || r.name.startsWith(`${name}_adamw_`))!;
  return { flops: record.flops!, params: record.params!, acts: record.acts! };
}

describe('fastscale list', () => {
  it("lists the 36 pycls zoo models, pycls's vision transformers, then torchvision's models, with their family and complexity (--json)", async () => {
    const { code, stdout, stderr } = await cli(['list', '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const models = JSON.parse(stdout) as { name: string; family: string; complexity: unknown }[];
    expect(models.map((m) => m.name)).toEqual([...ZOO, ...VITS, ...TORCHVISION]);
    expect(TORCHVISION).toEqual(expect.arrayContaining(['resnet18', 'regnet_x_400mf', 'vit_b_16', 'efficientnet_b0', 'efficientnet_v2_l', 'convnext_tiny', 'convnext_large', ...Object.keys(MOBILE)]));
    const complexityOf = pyclsComplexity();
    for (const m of models) {
      if (!ZOO.includes(m.name)) {
        if (m.name.startsWith('ViT') || m.name.startsWith('vit_')) expect(m.family, m.name).toBe('vit');
        if (m.name.startsWith('efficientnet_')) expect(m.family, m.name).toBe('efficientnet');
        if (m.name.startsWith('convnext_')) expect(m.family, m.name).toBe('convnext');
        if (Object.hasOwn(MOBILE, m.name)) expect(m.family, m.name).toBe(MOBILE[m.name]);
        expect(m.complexity, m.name).toEqual(referenceComplexity(m.name));
        continue;
      }
      expect(m.complexity, m.name).toEqual(complexityOf[zooConfigPath(m.name)]);
      expect(m.family, m.name).toBe(m.name.startsWith('RegNet') ? 'regnet' : m.name.startsWith('Eff') ? 'efficientnet' : 'anynet');
    }
  });

  it('filters by family and a flops range (written with suffixes), as a table', async () => {
    const { code, stdout } = await cli(['list', '--family', 'efficientnet', '--max-flops', '1GF']);
    expect(code).toBe(0);
    // pycls's complexities of EN-B0, B1 and B2 (B3 has 1.83 GF), then torchvision's of efficientnet_b0 and
    // b1 (b2, at 288 px, has 1.09 GF), in the units of the other commands.
    expect(stdout).toBe(`model            family            flops  params    acts
---------------  ------------  ---------  ------  ------
EfficientNet-B0  efficientnet  385.83 MF  5.29 M  6.75 M
EfficientNet-B1  efficientnet  686.82 MF  7.79 M  10.9 M
EfficientNet-B2  efficientnet  993.58 MF  9.11 M  13.8 M
efficientnet_b0  efficientnet  385.83 MF  5.29 M  6.75 M
efficientnet_b1  efficientnet  686.82 MF  7.79 M  10.9 M
`);
  });

  it("filters by the families pycls does not have (torchvision's ConvNeXts)", async () => {
    const { code, stdout } = await cli(['list', '--family', 'convnext', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((m: { name: string }) => m.name)).toEqual(['convnext_tiny', 'convnext_small', 'convnext_base', 'convnext_large']);
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
    const expected = [...ZOO, ...VITS, ...TORCHVISION].filter((name) => {
      const f = ZOO.includes(name) ? complexityOf[zooConfigPath(name)]!.flops : referenceComplexity(name).flops;
      return f >= flops && f <= 4.1e9;
    });
    expect(expected).toEqual(['RegNetX-4.0GF', 'RegNetY-4.0GF', 'ResNet-50', 'ViT-C-4.0GF', 'resnet50']);
    expect(JSON.parse(stdout).map((m: { name: string }) => m.name)).toEqual(expected);
  });

  it('says so when no model matches', async () => {
    // The largest zoo model, vit_h_14 at 518 px, has about 1 TF.
    expect(await cli(['list', '--min-flops', '10000G'])).toEqual({ code: 0, stdout: 'no zoo model matches (fastscale list without options shows all)\n', stderr: '' });
  });
});
