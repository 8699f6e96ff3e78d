/**
 * EfficientNet V1 and V2 under torchvision's names against torchvision 0.14's own modules, counted with
 * PyTorch hooks; fused-MBConv stages; pycls's names unchanged for pycls specs.
 */
import { describe, expect, it } from 'vitest';
import { complexity, efficientNetCompound, layers, zooModel, type EfficientNetSpec, type EfficientNetStage } from '../../../src/index.js';
import { fixtureModules, layerModules, torchvisionFixture } from '../../helpers/torchvision-fixture.js';
import { describeModuleNames } from '../../helpers/module-names.js';

const MODELS = [
  'efficientnet_b0',
  'efficientnet_b1',
  'efficientnet_b2',
  'efficientnet_b3',
  'efficientnet_b4',
  'efficientnet_b5',
  'efficientnet_b6',
  'efficientnet_b7',
  'efficientnet_v2_s',
  'efficientnet_v2_m',
  'efficientnet_v2_l',
] as const;

const atSize = (spec: EfficientNetSpec, size: number): EfficientNetSpec => ({ ...spec, resolution: { train: size, test: size } });

describe.each(MODELS)('%s', (name) => {
  const fixture = torchvisionFixture(name);

  it("is in the zoo at its weights' crop size, with torchvision's names", () => {
    expect(zooModel(name).resolution).toEqual({ train: fixture.cropSize, test: fixture.cropSize });
    expect(zooModel(name).implementation).toBe('torchvision');
  });

  it.each(fixture.runs.map((run) => [run.imageSize, run] as const))('at %i px: totals and every module equal torchvision', (size, run) => {
    const spec = atSize(zooModel(name), size);
    expect(complexity(spec)).toEqual(run.totals);
    expect(layerModules(layers(spec))).toEqual(fixtureModules(fixture, run));
  });

  it('lists the modules with their PyTorch classes', () => {
    const classes = new Map(fixture.modules.map(([module, type]) => [module, type]));
    for (const row of layers(zooModel(name))) expect(row.module).toBe(classes.get(row.name));
  });
});

describe("torchvision's B-series rounding", () => {
  it('gives the channels and depths of its builders (width_mult through _make_divisible, depth_mult through ceil)', () => {
    // From torchvision 0.14's efficientnet_b4 (width 1.4, depth 1.8): 32 * 1.4 = 44.8 -> 48, 16 * 1.4 = 22.4 -> 24.
    expect(zooModel('efficientnet_b4')).toMatchObject({ stemWidth: 48, headWidth: 1792 });
    expect(zooModel('efficientnet_b4').stages.map((s) => [s.depth, s.width])).toEqual([
      [2, 24],
      [4, 32],
      [4, 56],
      [6, 112],
      [6, 160],
      [8, 272],
      [2, 448],
    ]);
    // B1's 3 * 1.1 = 3.3000000000000003 rounds up to 4, as Python's math.ceil does.
    expect(zooModel('efficientnet_b1').stages.map((s) => s.depth)).toEqual([2, 3, 3, 4, 4, 5, 2]);
  });

  it("counts B0 ... B5 as pycls counts its own at the same image size (the same networks, other names)", () => {
    for (const i of [0, 1, 2, 3, 4, 5] as const) {
      const [tv, pycls] = [`efficientnet_b${i}`, `EfficientNet-B${i}`] as const;
      const ours = zooModel(tv);
      expect(zooModel(pycls)).toMatchObject({ stemWidth: ours.stemWidth, headWidth: ours.headWidth, stages: ours.stages });
      expect(complexity(ours)).toEqual(complexity(atSize(zooModel(pycls), ours.resolution.train)));
    }
  });
});

describe("efficientNetCompound on torchvision's B0", () => {
  it("gives torchvision's B1 ... B7 (TensorFlow's round_filters is torchvision's _make_divisible), names and all", () => {
    for (const i of [1, 2, 3, 4, 5, 6, 7] as const) {
      const compound = efficientNetCompound(zooModel('efficientnet_b0'), `B${i}`);
      const builder = zooModel(`efficientnet_b${i}`);
      expect(compound).toMatchObject({ stemWidth: builder.stemWidth, stages: builder.stages, headWidth: builder.headWidth, implementation: 'torchvision' });
      // The paper's image sizes; torchvision's B2 weights crop 288 px instead of 260.
      expect(compound.resolution.train).toBe(i === 2 ? 260 : builder.resolution.train);
    }
  });
});

describe('fused-MBConv stages', () => {
  const base = zooModel('EfficientNet-B0');
  const fusedStage = (stage: EfficientNetStage): EfficientNetStage => ({ ...stage, fused: true });
  const fusedB0: EfficientNetSpec = { ...base, stages: [fusedStage(base.stages[0]!), fusedStage(base.stages[1]!), ...base.stages.slice(2)] };

  it("with pycls's names: one k x k conv where the width is kept, else a strided k x k expansion and a 1x1 projection, no squeeze-excite", () => {
    const names = layers(fusedB0).map((r) => r.name);
    // Stage 1: 32 -> 16 at ratio 1: one 3x3 conv (no skip: the width changes).
    expect(names.filter((n) => n.startsWith('s1.'))).toEqual(['s1.b1.conv', 's1.b1.conv_bn']);
    // Stage 2: 16 -> 24 at ratio 6: 3x3 conv to 96 with the stride, then 1x1 to 24.
    expect(names.filter((n) => n.startsWith('s2.b1.'))).toEqual(['s2.b1.exp', 's2.b1.exp_bn', 's2.b1.lin_proj', 's2.b1.lin_proj_bn']);
    const rows = layers(fusedB0);
    expect(rows.find((r) => r.name === 's2.b1.exp')).toMatchObject({ kernel: 3, stride: 2, groups: 1, output: [96, 56, 56], params: 3 * 3 * 16 * 96 });
    expect(rows.find((r) => r.name === 's2.b2.exp')).toMatchObject({ kernel: 3, stride: 1, output: [144, 56, 56], params: 3 * 3 * 24 * 144 });
  });

  it('count as their convs add up (hand count of the two fused stages of B0 at 224 px)', () => {
    // Fused stage 1: 3x3 conv 32 -> 16 at 112 px. Fused stage 2: block 1 3x3/2 16 -> 96 and 1x1 96 -> 24
    // at 56 px; block 2 3x3 24 -> 144 and 1x1 144 -> 24 at 56 px.
    const stage1 = { flops: 9 * 32 * 16 * 112 ** 2, params: 9 * 32 * 16 + 2 * 16, acts: 16 * 112 ** 2 };
    const stage2 = {
      flops: (9 * 16 * 96 + 96 * 24 + 9 * 24 * 144 + 144 * 24) * 56 ** 2,
      params: 9 * 16 * 96 + 2 * 96 + 96 * 24 + 2 * 24 + 9 * 24 * 144 + 2 * 144 + 144 * 24 + 2 * 24,
      acts: (96 + 24 + 144 + 24) * 56 ** 2,
    };
    const sum = (rows: ReturnType<typeof layers>, prefix: string) =>
      rows.filter((r) => r.name.startsWith(prefix)).reduce((t, r) => ({ flops: t.flops + r.flops, params: t.params + r.params, acts: t.acts + r.acts }), { flops: 0, params: 0, acts: 0 });
    const rows = layers(fusedB0);
    expect(sum(rows, 's1.')).toEqual(stage1);
    expect(sum(rows, 's2.')).toEqual(stage2);
  });

  it('count the same under either implementation where the rounding agrees', () => {
    expect(complexity({ ...fusedB0, implementation: 'torchvision' })).toEqual(complexity(fusedB0));
  });
});

describe("the implementations' expanded widths", () => {
  // Ratio 4.5 on 20 channels: pycls int(90.0) = 90, torchvision _make_divisible(90, 8) = 88.
  const spec: EfficientNetSpec = {
    ...zooModel('EfficientNet-B0'),
    stemWidth: 20,
    stages: [{ depth: 1, width: 20, expansionRatio: 4.5, kernel: 3, stride: 1 }],
  };

  it("follow each implementation's rounding", () => {
    expect(layers(spec).find((r) => r.name === 's1.b1.exp')!.output[0]).toBe(90);
    expect(layers({ ...spec, implementation: 'torchvision' }).find((r) => r.name === 'features.1.0.block.0.0')!.output[0]).toBe(88);
  });
});

describe("pycls's EfficientNets", () => {
  it("keep pycls's module names", () => {
    const names = layers(zooModel('EfficientNet-B0')).map((r) => r.name);
    expect(names.slice(0, 4)).toEqual(['stem.conv', 'stem.bn', 's1.b1.dwise', 's1.b1.dwise_bn']);
    expect(names.slice(-3)).toEqual(['head.conv', 'head.conv_bn', 'head.fc']);
  });
});

// torchvision's EfficientNet.forward flattens with torch.flatten (no module).
describeModuleNames(['efficientnet_b0', 'efficientnet_b1', 'efficientnet_b2', 'efficientnet_b3', 'efficientnet_b4', 'efficientnet_b5', 'efficientnet_b6', 'efficientnet_b7', 'efficientnet_v2_s', 'efficientnet_v2_m', 'efficientnet_v2_l'], [['flatten', 'flatten']]);

describe("fused-MBConv blocks named in pycls's style (pycls has none; the names follow its MBConv's)", () => {
  it('a k x k conv `exp` + BN and a 1x1 `lin_proj` + BN where the block expands; one k x k `conv` + BN where it does not', () => {
    const spec: EfficientNetSpec = {
      family: 'efficientnet',
      stemWidth: 16,
      stages: [
        { depth: 1, width: 16, expansionRatio: 1, kernel: 3, stride: 1, fused: true },
        { depth: 1, width: 24, expansionRatio: 4, kernel: 3, stride: 2, fused: true },
      ],
      seRatio: 0.25,
      headWidth: 32,
      numClasses: 10,
      activation: 'silu',
      resolution: { train: 32, test: 32 },
      implementation: 'pycls',
    };
    const names = layers(spec).map((row) => row.name).filter((name) => /^(stem|s\d\.b\d)\./.test(name));
    expect(names).toEqual(['stem.conv', 'stem.bn', 's1.b1.conv', 's1.b1.conv_bn', 's2.b1.exp', 's2.b1.exp_bn', 's2.b1.lin_proj', 's2.b1.lin_proj_bn']);
  });
});
