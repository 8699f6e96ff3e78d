/** `fastscale list`: the zoo's models, with pycls's complexities (dev/model_complexity.json). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FIXTURES, pyclsComplexity, pyclsVit } from '../fixtures.js';
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

/** The vision transformers, after pycls's zoo. */
const VITS = [
  ...['Ti/16', 'S/16', 'B/16', 'B/32', 'L/16', 'L/32', 'H/14'].map((size) => `ViT-${size}`),
  ...['P', 'C'].flatMap((stem) => ['1.0GF', '4.0GF', '18GF', '36GF'].map((size) => `ViT-${stem}-${size}`)),
  ...['b_16', 'b_32', 'l_16', 'l_32', 'h_14'].map((size) => `vit_${size}`),
];

/** torchvision's EfficientNets (after pycls's, in their family) and ConvNeXts (after the ViTs). */
const TORCHVISION_EFFICIENTNETS = [...[0, 1, 2, 3, 4, 5, 6, 7].map((b) => `efficientnet_b${b}`), ...['s', 'm', 'l'].map((size) => `efficientnet_v2_${size}`)];
const CONVNEXTS = ['tiny', 'small', 'base', 'large'].map((size) => `convnext_${size}`);
const ALL = [...ZOO, ...TORCHVISION_EFFICIENTNETS, ...VITS, ...CONVNEXTS];

/** A torchvision convnet's complexity: its hook counts at its weights' crop size (test/fixtures/torchvision). */
function torchvisionComplexity(name: string): unknown {
  const fixture = torchvisionFixture(name);
  return fixture.runs.find((run) => run.imageSize === fixture.cropSize)!.totals;
}

/** Any listed model's complexity, from the reference of its kind. */
function referenceComplexity(name: string): { flops: number } {
  if (VITS.includes(name)) return vitComplexity(name) as { flops: number };
  if (TORCHVISION_EFFICIENTNETS.includes(name) || CONVNEXTS.includes(name)) return torchvisionComplexity(name) as { flops: number };
  return pyclsComplexity()[zooConfigPath(name)]!;
}

/**
 * A ViT's complexity from the fixtures: pycls's ViT.complexity of the literature sizes (224 px, class token,
 * 1000 classes) and of its ViT-P/ViT-C configs, torchvision's hook counts (attention as pycls counts it).
 */
function vitComplexity(name: string): unknown {
  if (name.startsWith('vit_')) {
    const runs = JSON.parse(readFileSync(`${FIXTURES}torchvision/${name}.json`, 'utf8')).runs as { totalsWithAttention: unknown }[];
    return runs[0]!.totalsWithAttention;
  }
  const { records } = pyclsVit();
  const record = records.find((r) => r.name === `${name} token 224px 1000 classes` || r.name.startsWith(`${name}_adamw_`))!;
  return { flops: record.flops, params: record.params, acts: record.acts };
}

describe('fastscale list', () => {
  it("lists the 36 pycls zoo models, torchvision's EfficientNets, the vision transformers and the ConvNeXts, with their family and reference complexity (--json)", async () => {
    const { code, stdout, stderr } = await cli(['list', '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const models = JSON.parse(stdout) as { name: string; family: string; complexity: unknown }[];
    expect(models.map((m) => m.name)).toEqual(ALL);
    const complexityOf = pyclsComplexity();
    for (const m of models) {
      if (VITS.includes(m.name)) {
        expect(m.family, m.name).toBe('vit');
        expect(m.complexity, m.name).toEqual(vitComplexity(m.name));
        continue;
      }
      if (TORCHVISION_EFFICIENTNETS.includes(m.name) || CONVNEXTS.includes(m.name)) {
        expect(m.family, m.name).toBe(CONVNEXTS.includes(m.name) ? 'convnext' : 'efficientnet');
        expect(m.complexity, m.name).toEqual(torchvisionComplexity(m.name));
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
    expect(JSON.parse(stdout).map((m: { name: string }) => m.name)).toEqual(CONVNEXTS);
  });

  it('keeps models within --min-flops and --max-flops, bounds included', async () => {
    const complexityOf = pyclsComplexity();
    const flops = complexityOf[zooConfigPath('RegNetX-4.0GF')]!.flops;
    const { stdout } = await cli(['list', '--min-flops', String(flops), '--max-flops', '4.1G', '--json']);
    const expected = ALL.filter((name) => {
      const f = referenceComplexity(name).flops;
      return f >= flops && f <= 4.1e9;
    });
    expect(expected).toEqual(['RegNetX-4.0GF', 'RegNetY-4.0GF', 'ResNet-50', 'ViT-C-4.0GF']);
    expect(JSON.parse(stdout).map((m: { name: string }) => m.name)).toEqual(expected);
  });

  it('says so when no model matches', async () => {
    expect(await cli(['list', '--min-flops', '10000G'])).toEqual({ code: 0, stdout: 'no zoo model matches (fastscale list without options shows all)\n', stderr: '' });
  });
});
