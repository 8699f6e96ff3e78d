/**
 * pycls parity of the vision transformer: its own ViT.complexity on the 260 configs of
 * test/fixtures/pycls-vit.json, the configs it rejects, its config keys and defaults, and (where pycls's
 * code can be run) random configs no fixture holds and the state dict of the module pycls builds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, fromPyclsConfig, SpecError, toPyclsConfig, toTorchvision, zooModel, zooNames, type VitSpec } from '../../../src/index.js';
import { vitSpec } from '../../arbitraries.js';
import { configOfKeys, pyclsVit } from '../../fixtures.js';
import { moduleNameMismatches } from '../../helpers/module-names.js';
import { PYCLS_MISSING, runPycls } from '../../helpers/pycls.js';
import { countTorchCodes } from '../../helpers/torch.js';

const { records, rejected } = pyclsVit();
const vitNames = zooNames().filter((name) => zooModel(name).family === 'vit');

describe("pycls's ViT.complexity", () => {
  it('has 260 records, the shared fixture first', () => {
    expect(records).toHaveLength(260);
    expect(records[0]).toMatchObject({ name: 'shared fixture 1', flops: 17580319720, params: 86567656, acts: 23895544 });
  });

  it.each(records.map((r) => [r.name, r] as const))('%s', (_name, record) => {
    const spec = fromPyclsConfig(configOfKeys('vit', record.config));
    expect(complexity(spec)).toEqual({ flops: record.flops, params: record.params, acts: record.acts });
  });
});

describe('configs pycls rejects', () => {
  /** The config key each rejection names (pycls asserts in check_params, or PyTorch cannot build it). */
  const KEYS: Record<string, [string, RegExp]> = {
    'image size not a multiple of the patch size': ['TRAIN.IM_SIZE', /^200 is not a multiple of the patch size 16/],
    'unknown stem type': ['VIT.STEM_TYPE', /^"conv3" is not one of 'patchify', 'conv'$/],
    'unknown classifier type': ['VIT.CLASSIFIER_TYPE', /^"mean" is not one of 'token', 'pooled'$/],
    'conv stem: dims and strides of different lengths': ['VIT.C_STEM_STRIDES', /^has 5 entries but VIT.C_STEM_DIMS has 4/],
    'conv stem: strides and kernels of different lengths': ['VIT.C_STEM_KERNELS', /^has 4 entries but VIT.C_STEM_DIMS has 5/],
    'conv stem: strides multiply to 8, patch 16': ['VIT.PATCH_SIZE', /^16 is not the conv stem's total stride \(2 x 2 x 2 x 1 = 8\)$/],
    'conv stem: last dim differs from hidden': ['VIT.C_STEM_DIMS[4]', /^32 is not the hidden width 64/],
    'hidden not divisible by heads (pycls counts it, torch cannot build it)': ['VIT.NUM_HEADS', /^5 does not divide the hidden width 64/],
  };

  it('covers every rejected fixture', () => {
    expect(rejected.map((r) => r.name).sort()).toEqual(Object.keys(KEYS).sort());
  });

  it.each(rejected.map((r) => [r.name, r] as const))('%s: a SpecError naming the key', (name, record) => {
    const [path, reason] = KEYS[name]!;
    let error: unknown;
    try {
      fromPyclsConfig(configOfKeys('vit', record.config));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).path).toBe(path);
    expect((error as SpecError).reason).toMatch(reason);
  });
});

describe('VIT keys', () => {
  it("reads pycls's defaults for absent keys (ViT-B/16, 10 classes, 224 px)", () => {
    const spec = fromPyclsConfig('MODEL:\n  TYPE: vit\n');
    expect(spec).toEqual({
      family: 'vit',
      patchSize: 16,
      stem: { type: 'patchify' },
      layers: 12,
      heads: 12,
      hiddenWidth: 768,
      mlpWidth: 3072,
      classifier: 'token',
      numClasses: 10,
      resolution: { train: 224, test: 256 },
    });
    expect(complexity(spec)).toEqual({ flops: 17579558410, params: 85806346, acts: 23894554 }); // 'pycls defaults only'
  });

  it('reads a conv stem as pycls builds it: 3x3 but the last conv, whatever C_STEM_KERNELS says', () => {
    const record = records.find((r) => r.name === 'conv stem, first kernels 5 and 7 (pycls uses 3)')!;
    const spec = fromPyclsConfig(configOfKeys('vit', record.config)) as VitSpec;
    expect(spec.stem).toEqual({
      type: 'conv',
      convs: [
        { kernel: 3, stride: 2, width: 8 },
        { kernel: 3, stride: 2, width: 16 },
        { kernel: 3, stride: 2, width: 32 },
        { kernel: 3, stride: 2, width: 64 },
        { kernel: 1, stride: 1, width: 64 },
      ],
    });
  });

  it('ignores MODEL.ACTIVATION_FUN (pycls builds GELU and ReLU) and writes none', () => {
    const plain = fromPyclsConfig('MODEL:\n  TYPE: vit\n');
    expect(fromPyclsConfig('MODEL:\n  TYPE: vit\n  ACTIVATION_FUN: silu\n')).toEqual(plain);
    expect(toPyclsConfig(plain)).not.toContain('ACTIVATION_FUN');
  });

  it('writes the zoo models as pycls configs that read back to the same network', () => {
    for (const name of vitNames) {
      const { implementation: _, ...network } = zooModel(name) as VitSpec;
      expect(fromPyclsConfig(toPyclsConfig(zooModel(name)))).toEqual(network);
    }
    expect(toPyclsConfig(zooModel('ViT-C-1.0GF'))).toBe(`MODEL:
  TYPE: vit
  NUM_CLASSES: 1000
VIT:
  PATCH_SIZE: 16
  STEM_TYPE: conv
  C_STEM_KERNELS: [3, 3, 3, 3, 1]
  C_STEM_STRIDES: [2, 2, 2, 2, 1]
  C_STEM_DIMS: [24, 48, 96, 192, 192]
  NUM_LAYERS: 11
  NUM_HEADS: 3
  HIDDEN_DIM: 192
  MLP_DIM: 576
  CLASSIFIER_TYPE: token
TRAIN:
  IM_SIZE: 224
TEST:
  IM_SIZE: 256
`);
  });

  it('refuses to write a conv stem pycls would build otherwise (a kernel other than 3 before the last conv)', () => {
    const spec = zooModel('ViT-C-1.0GF') as VitSpec;
    if (spec.stem.type !== 'conv') throw new Error('a conv stem');
    const convs = spec.stem.convs.map((conv, i) => (i === 1 ? { ...conv, kernel: 5 } : conv));
    expect(() => toPyclsConfig({ ...spec, stem: { type: 'conv', convs } })).toThrow(
      new SpecError('stem.convs[1].kernel', '5 cannot be written for pycls: it builds every conv of the stem but the last as 3x3, whatever C_STEM_KERNELS says'),
    );
  });

  it('names the entry of a conv stem list by its index, from the eleventh conv on too', () => {
    const list = (values: number[]) => `[${values.join(', ')}]`;
    const config = (strides: number[]) =>
      [
        'MODEL:\n  TYPE: vit\nVIT:\n  STEM_TYPE: conv\n  PATCH_SIZE: 1\n  HIDDEN_DIM: 64\n  MLP_DIM: 64\n  NUM_HEADS: 1\n  NUM_LAYERS: 1',
        `  C_STEM_DIMS: ${list([...Array<number>(11).fill(8), 64])}`,
        `  C_STEM_STRIDES: ${list(strides)}`,
        `  C_STEM_KERNELS: ${list(Array<number>(12).fill(3))}`,
        'TRAIN:\n  IM_SIZE: 8\nTEST:\n  IM_SIZE: 8\n',
      ].join('\n');
    const strides = (at: number) => Array.from({ length: 12 }, (_, i) => (i === at ? 0 : 1));
    expect(() => fromPyclsConfig(config(strides(10)))).toThrow(new SpecError('VIT.C_STEM_STRIDES[10]', '0 is not a positive integer'));
    expect(() => fromPyclsConfig(config(strides(3)))).toThrow(new SpecError('VIT.C_STEM_STRIDES[3]', '0 is not a positive integer'));
  });

  it('says which list is empty when a conv stem has none', () => {
    expect(() => fromPyclsConfig('MODEL:\n  TYPE: vit\nVIT:\n  STEM_TYPE: conv\n')).toThrow(new SpecError('VIT.C_STEM_DIMS', 'is empty (a conv stem needs at least one conv)'));
  });
});

/** Python builds and counts whole networks, on a machine that may be busy. */
const TORCH_TIMEOUT = 600_000;

describe.skipIf(PYCLS_MISSING !== null)(`pycls's own code on configs no fixture holds${PYCLS_MISSING === null ? '' : ` (skipped: ${PYCLS_MISSING})`}`, () => {
  it('random ViTs: pycls counts what complexity() counts', () => {
    const specs = fc.sample(vitSpec(), { numRuns: 60, seed: 20260212 });
    const results = runPycls(specs.map((spec) => toPyclsConfig(spec)));
    specs.forEach((spec, i) => expect(results[i], JSON.stringify(spec)).toEqual({ complexity: complexity(spec) }));
  }, TORCH_TIMEOUT);

  it("random ViTs: toTorchvision's module has the state dict (keys and shapes) of the module pycls builds", () => {
    const specs = [zooModel('ViT-C-1.0GF'), ...fc.sample(vitSpec({ maxWidthUnits: 4, maxDepth: 2, maxResolution: 64, maxStages: 2 }), { numRuns: 6, seed: 7 })];
    const pycls = runPycls(specs.map((spec) => toPyclsConfig(spec)), true);
    const ours = countTorchCodes(specs.map((spec) => ({ code: toTorchvision(spec), imageSize: spec.resolution.train, device: 'meta' })));
    const sorted = (rows: [string, number[]][]) => [...rows].sort(([a], [b]) => (a < b ? -1 : 1));
    specs.forEach((spec, i) => {
      // pycls's BatchNorm2d also tracks its batch count, a buffer of no size; the rest is the same.
      const reference = pycls[i]!.stateDict!.filter(([key]) => !key.endsWith('num_batches_tracked'));
      const built = ours[i]!.stateDict.filter(([key]) => !key.endsWith('num_batches_tracked'));
      expect(sorted(built), JSON.stringify(spec)).toEqual(sorted(reference));
      expect(ours[i]!.totals).toEqual(complexity(spec));
      // Every layer of the walk, activations included, carries the name of pycls's module of its class.
      expect(moduleNameMismatches(spec, new Map(pycls[i]!.modules!)), JSON.stringify(spec)).toEqual([]);
    });
  }, TORCH_TIMEOUT);
});
