/**
 * torchvision's vision transformers: the zoo's vit_* models against test/fixtures/torchvision/vit_*.json
 * (torchvision 0.14 counted with PyTorch hooks, attention as pycls counts it) at their crop size, 160 and
 * 288 px, in total and module by module; and `toTorchvision`'s code, built and counted with hooks
 * (zoo models: torchvision's own class, with its builder's state dict; scaled and other specs).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { complexity, layers, scale, STRATEGIES, toTorchvision, zooModel, type LayerRow, type VitSpec } from '../../../src/index.js';
import { torchvisionLimitation } from '../../../src/families/vit/torchvision.js';
import { FIXTURES } from '../../fixtures.js';
import { moduleNameMismatches } from '../../helpers/module-names.js';
import { countTorchCodes, TORCH_MISSING } from '../../helpers/torch.js';

const MODELS = ['vit_b_16', 'vit_b_32', 'vit_l_16', 'vit_l_32', 'vit_h_14'] as const;

type Terms = [number, number];
interface Run {
  imageSize: number;
  totalsWithAttention: { flops: number; params: number; acts: number };
  layers: [number, number, number[] | null][];
  paramsChanged?: [string, number][];
  attention: [string, number, number, number, Terms, Terms, Terms, Terms][];
}
interface Fixture {
  cropSize: number;
  modules: [string, string, number][];
  stateDict: [string, number[]][];
  runs: Run[];
}

const fixture = (model: string): Fixture => JSON.parse(readFileSync(`${FIXTURES}torchvision/${model}.json`, 'utf8'));

const atSize = (spec: VitSpec, size: number): VitSpec => ({ ...spec, resolution: { train: size, test: size } });

/** A row as compared: module name, params, flops, acts. */
type Row = [name: string, params: number, flops: number, acts: number];

/**
 * The fixture's modules as the rows `layers()` gives: the class token (owned by the root module) and the
 * position embedding (owned by `encoder`) under their parameter names; `nn.MultiheadAttention` and its
 * `out_proj` (whose forward never runs) as one row with pycls's four attention terms.
 */
function expectedRows(fx: Fixture, run: Run): Row[] {
  const changed = new Map(run.paramsChanged ?? []);
  const attention = new Map(run.attention.map((row) => [row[0], row]));
  const rows = new Map<string, Row>();
  fx.modules.forEach(([name, kind, ownParams], i) => {
    const params = changed.get(name) ?? ownParams;
    const [flops, acts] = run.layers[i]!;
    if (name.endsWith('.out_proj')) {
      rows.get(name.slice(0, -'.out_proj'.length))![1] += params;
      return;
    }
    if (kind === 'VisionTransformer') rows.set('class_token', ['class_token', params, flops, acts]);
    else if (kind === 'Encoder') rows.set('encoder.pos_embedding', ['encoder.pos_embedding', params, flops, acts]);
    else if (kind === 'MultiheadAttention') {
      const terms = attention.get(name)!.slice(4) as Terms[];
      rows.set(name, [name, params, terms.reduce((s, t) => s + t[0], 0), terms.reduce((s, t) => s + t[1], 0)]);
    } else rows.set(name, [name, params, flops, acts]);
  });
  return [...rows.values()];
}

const rowOf = (row: LayerRow): Row => [row.name, row.params, row.flops, row.acts];
const byName = (a: Row, b: Row): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

describe.each(MODELS)('%s', (model) => {
  const fx = fixture(model);
  const base = zooModel(model) as VitSpec;

  it('is in the zoo at its default weights\' crop size, with torchvision\'s module names', () => {
    expect(base.resolution).toEqual({ train: fx.cropSize, test: fx.cropSize });
    expect(base.implementation).toBe('torchvision');
  });

  it.each(fx.runs.map((run) => [run.imageSize, run] as const))('at %i px: totals and every module equal the fixture', (size, run) => {
    const spec = atSize(base, size);
    expect(complexity(spec)).toEqual(run.totalsWithAttention);
    const rows = layers(spec);
    expect(rows.map(rowOf).sort(byName)).toEqual(expectedRows(fx, run).sort(byName));
    // Counted modules in the fixture's (forward) order, with its output shapes (batch axis dropped).
    const counted = fx.modules.map(([name], i) => [name, run.layers[i]![2]] as const).filter(([, shape]) => shape !== null);
    const ours = rows.filter((row) => row.op === 'conv' || row.op === 'linear');
    expect(ours.map((row) => row.name)).toEqual(counted.map(([name]) => name));
    ours.forEach((row, i) => {
      const shape = counted[i]![1]!.slice(1);
      // The classifier's [N, classes] is the layer table's [classes, 1, 1].
      expect(shape.length === 1 ? [...shape, 1, 1] : shape, row.name).toEqual(row.output);
    });
  });
});

describe('torchvisionLimitation: where VisionTransformer cannot build a spec', () => {
  const tv = zooModel('vit_b_16') as VitSpec;
  it.each([
    ['pycls module names', { ...tv, implementation: 'pycls' as const }, 'its modules are named as pycls names them'],
    ['a pooled classifier', { ...tv, classifier: 'pooled' as const }, 'torchvision always classifies from a class token'],
    [
      'a conv stem ending in a 3x3 conv',
      { ...tv, stem: { type: 'conv' as const, convs: [{ kernel: 3, stride: 4, width: 64 }, { kernel: 3, stride: 4, width: 768 }] } },
      "torchvision's conv stem ends with a 1x1 conv of stride 1",
    ],
  ])('%s', (_label, spec, reason) => {
    expect(torchvisionLimitation(spec)).toBe(reason);
    expect(toTorchvision(spec)).toContain('module by module');
  });

  it('none for the zoo models and a conv stem ending in a 1x1 conv', () => {
    for (const model of MODELS) expect(torchvisionLimitation(zooModel(model) as VitSpec)).toBeNull();
    const convStem = { ...tv, stem: { type: 'conv' as const, convs: [{ kernel: 3, stride: 16, width: 64 }, { kernel: 1, stride: 1, width: 768 }] } };
    expect(torchvisionLimitation(convStem)).toBeNull();
    expect(toTorchvision(convStem)).toContain('ConvStemConfig(out_channels=64, kernel_size=3, stride=16)');
  });
});

describe("toTorchvision's VisionTransformer call with a conv stem", () => {
  const stemOf = (convs: { kernel: number; stride: number; width: number }[]): VitSpec => ({ ...(zooModel('vit_b_16') as VitSpec), stem: { type: 'conv', convs } });

  it('a conv stem must end in a 1x1 conv of stride 1: one with stride 2 or a 3x3 of stride 1 is written module by module', () => {
    for (const last of [{ kernel: 1, stride: 2, width: 768 }, { kernel: 3, stride: 1, width: 768 }]) {
      const spec = stemOf([{ kernel: 3, stride: 8, width: 64 }, last]);
      expect(torchvisionLimitation(spec)).toBe("torchvision's conv stem ends with a 1x1 conv of stride 1");
    }
  });

  it('passes every conv but the last 1x1 as a ConvStemConfig, one per line; none for a stem of the 1x1 alone', () => {
    const build = (code: string) => code.slice(code.indexOf('    return VisionTransformer('));
    expect(build(toTorchvision(stemOf([{ kernel: 3, stride: 4, width: 64 }, { kernel: 5, stride: 4, width: 128 }, { kernel: 1, stride: 1, width: 768 }])))).toBe(
      [
        '    return VisionTransformer(',
        '        image_size=224,',
        '        patch_size=16,',
        '        num_layers=12,',
        '        num_heads=12,',
        '        hidden_dim=768,',
        '        mlp_dim=3072,',
        '        num_classes=1000,',
        '        conv_stem_configs=[',
        '            ConvStemConfig(out_channels=64, kernel_size=3, stride=4),',
        '            ConvStemConfig(out_channels=128, kernel_size=5, stride=4),',
        '        ],',
        '    )',
        '',
      ].join('\n'),
    );
    const alone = { ...stemOf([{ kernel: 1, stride: 1, width: 768 }]), patchSize: 1, resolution: { train: 8, test: 8 } };
    expect(toTorchvision(alone)).toContain('        num_classes=1000,\n        conv_stem_configs=[],\n    )\n');
  });
});

/** Python builds and counts whole networks, on a machine that may be busy. */
const TORCH_TIMEOUT = 600_000;

describe.skipIf(TORCH_MISSING !== null)(`toTorchvision, built and counted with PyTorch hooks${TORCH_MISSING === null ? '' : ` (skipped: ${TORCH_MISSING})`}`, () => {
  it("zoo models: torchvision's VisionTransformer, its builder's state dict, pycls's counts", () => {
    const codes = MODELS.map((model) => toTorchvision(zooModel(model)));
    for (const code of codes) expect(code).toContain('VisionTransformer(');
    const counts = countTorchCodes(
      MODELS.map((model, i) => {
        const size = zooModel(model).resolution.train;
        return { code: codes[i]!, imageSize: size, reference: model, referenceArgs: { image_size: size }, device: 'meta' as const };
      }),
    );
    MODELS.forEach((model, i) => {
      expect(counts[i]!.stateDict, model).toEqual(counts[i]!.reference!.stateDict);
      expect(counts[i]!.stateDict, model).toEqual(fixture(model).stateDict);
      expect(counts[i]!.totals, model).toEqual(complexity(zooModel(model)));
    });
  }, TORCH_TIMEOUT);

  it("a conv stem VisionTransformer builds: every layer of the walk carries the name of torchvision's module, of its class", () => {
    // Built in the test, not while collecting: mutation runs switch a mutant on after collecting.
    const spec: VitSpec = {
      ...atSize({ ...(zooModel('ViT-Ti/16') as VitSpec), implementation: 'torchvision', layers: 2 }, 32),
      stem: { type: 'conv', convs: [{ kernel: 3, stride: 2, width: 24 }, { kernel: 3, stride: 8, width: 48 }, { kernel: 1, stride: 1, width: 192 }] },
    };
    const code = toTorchvision(spec);
    expect(code).toContain('conv_stem_configs=[');
    const [count] = countTorchCodes([{ code, imageSize: 32, device: 'cpu' }]);
    expect(count!.namedModules).toContainEqual(['conv_proj.conv_bn_relu_1.2', 'ReLU']);
    expect(moduleNameMismatches(spec, new Map(count!.namedModules))).toEqual([]);
  }, TORCH_TIMEOUT);

  /** A torchvision-named base (built with VisionTransformer) and a pycls-named conv-stem base (module by module), at 64 px. */
  const bases: [string, VitSpec][] = [
    ['ViT-Ti/16 as torchvision names it', atSize({ ...(zooModel('ViT-Ti/16') as VitSpec), implementation: 'torchvision' }, 64)],
    ['ViT-C-1.0GF', atSize(zooModel('ViT-C-1.0GF') as VitSpec, 64)],
  ];
  const strategies = ['d', 'w', 'r', 'dwr', 'dWr'] as const;

  it.each(bases)('%s scaled by d, w, r, dwr and dWr at s = 2, 4 and 16: hooks count complexity()', (_label, base) => {
    const specs = strategies.flatMap((strategy) => [2, 4, 16].map((s) => scale(base, STRATEGIES[strategy], s)));
    const counts = countTorchCodes(specs.map((spec) => ({ code: toTorchvision(spec), imageSize: spec.resolution.train, device: 'meta' as const })));
    specs.forEach((spec, i) => expect(counts[i]!.totals, JSON.stringify(spec)).toEqual(complexity(spec)));
  }, TORCH_TIMEOUT);

  it('specs torchvision cannot build, module by module: real tensors through the forward pass, counts as complexity()', () => {
    const tv = atSize({ ...(zooModel('ViT-Ti/16') as VitSpec), implementation: 'torchvision' }, 32);
    const specs: VitSpec[] = [
      { ...tv, classifier: 'pooled' },
      { ...tv, stem: { type: 'conv', convs: [{ kernel: 3, stride: 4, width: 24 }, { kernel: 5, stride: 4, width: 192 }] } },
      { ...tv, implementation: 'pycls', classifier: 'pooled', stem: { type: 'conv', convs: [{ kernel: 7, stride: 2, width: 24 }, { kernel: 1, stride: 8, width: 192 }] } },
    ];
    const counts = countTorchCodes(specs.map((spec) => ({ code: toTorchvision(spec), imageSize: 32, device: 'cpu' as const })));
    specs.forEach((spec, i) => {
      expect(counts[i]!.totals).toEqual(complexity(spec));
      const named = layers(spec).filter((row) => row.op === 'conv' || row.op === 'linear').map((row) => row.name);
      const hooked = counts[i]!.modules.filter(([, kind]) => kind === 'Conv2d' || kind === 'Linear').map(([name]) => name);
      // nn.MultiheadAttention's out_proj is a Linear module too, though its forward never runs.
      expect(hooked.filter((name) => !name.endsWith('.out_proj'))).toEqual(named);
    });
  }, TORCH_TIMEOUT);
});
