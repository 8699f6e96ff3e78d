/**
 * toTorchvision for ResNets and RegNets, run in PyTorch: torchvision's own ResNet and RegNet classes,
 * state dicts equal to torchvision's builders for the zoo, and hook counts equal to complexity (module by
 * module) for zoo models, scaled specs and pycls-named specs. Skips, saying why, without torch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnyNetSpec, type AnyNetStage, complexity, layers, type ModelSpec, scale, toAnyNet, toTorchvision, zooModel, type ZooName } from '../../../src/index.js';
import { countTorchCodes, TORCH_MISSING, type TorchCount, type TorchJob } from '../../helpers/torch.js';
import { type ModuleRow, specRows, torchvisionFixture } from '../../helpers/torchvision-fixtures.js';
import { atResolution, cifarResNet, imageNetResNet } from '../../specs.js';
import { SMALL_LIMITS, torchvisionAnyNetSpec, torchvisionRegNetSpec } from '../../arbitraries.js';
import fc from 'fast-check';

const RESNETS = ['resnet18', 'resnet34', 'resnet50', 'resnet101', 'resnet152', 'resnext50_32x4d', 'resnext101_32x8d', 'resnext101_64x4d', 'wide_resnet50_2', 'wide_resnet101_2'];
const REGNETS = [
  'regnet_y_400mf', 'regnet_y_800mf', 'regnet_y_1_6gf', 'regnet_y_3_2gf', 'regnet_y_8gf', 'regnet_y_16gf', 'regnet_y_32gf', 'regnet_y_128gf',
  'regnet_x_400mf', 'regnet_x_800mf', 'regnet_x_1_6gf', 'regnet_x_3_2gf', 'regnet_x_8gf', 'regnet_x_16gf', 'regnet_x_32gf',
];
const SCALED_BASES = ['resnet18', 'resnet50', 'resnext50_32x4d', 'wide_resnet50_2', 'regnet_x_400mf', 'regnet_y_400mf', 'regnet_y_800mf'];
const STRATEGIES = ['d', 'w', 'r', 'dwr', 'dWr'];
const FACTORS = [2, 4, 16];

/** The hook rows of a count: [name, class, own params, flops, acts]. */
function torchRows(count: TorchCount): ModuleRow[] {
  return count.modules.map(([name, module, params], i) => [name, module, params, count.layers[i]![0], count.layers[i]![1]]);
}

/** Rows without names, sorted: the same modules whatever they are called and in whichever order a block computes its branches. */
function unnamed(rows: ModuleRow[]): string[] {
  return rows.map(([, ...counts]) => JSON.stringify(counts)).sort();
}

/** A job counting `spec` at its own training size (on the meta device: shapes only). */
function job(spec: ModelSpec, reference?: string): TorchJob {
  return { code: toTorchvision(spec), imageSize: spec.resolution.train, device: 'meta', ...(reference === undefined ? {} : { reference }) };
}

describe.skipIf(TORCH_MISSING !== null)(`toTorchvision of torchvision's ResNets and RegNets, in PyTorch${TORCH_MISSING === null ? '' : ` (skipped: ${TORCH_MISSING})`}`, () => {
  describe('zoo models: torchvision classes, state dicts of torchvision\'s builders, counts of the fixtures', () => {
    const names = [...RESNETS, ...REGNETS];
    let counts: TorchCount[];
    beforeAll(() => {
      // torchvision's own builder is run beside for two models; the fixtures hold every builder's state dict.
      counts = countTorchCodes(names.map((name) => job(zooModel(name), name === 'resnext50_32x4d' || name === 'regnet_y_400mf' ? name : undefined)));
    }, 600_000);

    it.each(names.map((name, i) => [name, i] as const))('%s', (name, i) => {
      const spec = zooModel(name as ZooName);
      const code = toTorchvision(spec);
      expect(code).toMatch(name.startsWith('regnet') ? /return RegNet\(\n {8}BlockParams\(/ : /return ResNet\((Basic)?(Block|Bottleneck), \[/);
      const count = counts[i]!;
      if (count.reference !== undefined) expect(count.stateDict).toEqual(count.reference.stateDict);
      expect(count.stateDict).toEqual(torchvisionFixture(name).stateDict);
      expect(torchRows(count)).toEqual(specRows(spec, spec.resolution.train));
      expect(count.totals).toEqual(complexity(spec));
    });

    it('writes the constructor call torchvision\'s builder makes', () => {
      expect(toTorchvision(zooModel('resnext101_32x8d'))).toContain('return ResNet(Bottleneck, [3, 4, 23, 3], num_classes=1000, groups=32, width_per_group=8)');
      expect(toTorchvision(zooModel('wide_resnet50_2'))).toContain('return ResNet(Bottleneck, [3, 4, 6, 3], num_classes=1000, groups=1, width_per_group=128)');
      expect(toTorchvision(zooModel('resnet18'))).toContain('return ResNet(BasicBlock, [2, 2, 2, 2], num_classes=1000)');
      expect(toTorchvision(zooModel('regnet_x_400mf'))).toContain('widths=[32, 64, 160, 400]');
    });
  });

  describe(`scaled specs (${STRATEGIES.join(', ')} at s = ${FACTORS.join(', ')}): the same classes, names and counts`, () => {
    const cases = SCALED_BASES.flatMap((name) => STRATEGIES.flatMap((strategy) => FACTORS.map((s) => [name, strategy, s] as const)));
    const specs = cases.map(([name, strategy, s]) => scale(zooModel(name as ZooName), strategy, s) as AnyNetSpec);
    let counts: TorchCount[];
    beforeAll(() => {
      counts = countTorchCodes(specs.map((spec) => job(spec)));
    }, 600_000);

    it.each(cases.map((c, i) => [...c, i] as const))('%s, %s x%i', (_name, _strategy, _s, i) => {
      const spec = specs[i]!;
      expect(spec.implementation).toBe('torchvision');
      expect(toTorchvision(spec)).toMatch(/from torchvision\.models\.(resnet|regnet) import/);
      expect(torchRows(counts[i]!)).toEqual(specRows(spec, spec.resolution.train));
      expect(counts[i]!.totals).toEqual(complexity(spec));
    });
  });

  describe('pycls-named specs of these shapes through torchvision\'s classes, and the module writer for the rest', () => {
    const pyclsNamed: [string, ModelSpec][] = [
      ['ResNet-50', zooModel('ResNet-50')],
      ['ResNeXt-101', zooModel('ResNeXt-101')],
      ['RegNetX-200MF', zooModel('RegNetX-200MF')],
      ['RegNetY-400MF', zooModel('RegNetY-400MF')],
      ['RegNetY-400MF x4 dWr', scale(zooModel('RegNetY-400MF'), 'dWr', 4)],
      ['ResNeXt-50 x4 dWr', scale(zooModel('ResNeXt-50'), 'dWr', 4)],
      ['pycls ResNet-101 32x4d (resnet family)', imageNetResNet({ depth: 101, groups: 32, widthPerGroup: 4 })],
      ['RegNet, SiLU', { ...zooModel('RegNetY-400MF'), activation: 'silu' }],
    ];
    const resNet3Stages: AnyNetSpec = { ...zooModel('resnet18'), stages: zooModel('resnet18').stages.slice(0, 3) };
    const moduleWriter: [string, ModelSpec][] = [
      ['torchvision-named ResNet of 3 stages', resNet3Stages],
      ['ResNet-50 with squeeze-excite', { ...zooModel('ResNet-50'), seRatio: 0.25 }],
      ['CIFAR ResNet-20 (resnet family)', cifarResNet(20)],
      ['MSRA ResNet-50 (strided 1x1)', imageNetResNet({ depth: 50, strideOn1x1: true })],
    ];
    const all = [...pyclsNamed, ...moduleWriter].map(([label, spec]) => [label, atResolution(spec, 96)] as const);
    let counts: TorchCount[];
    beforeAll(() => {
      counts = countTorchCodes(all.map(([, spec]) => job(spec)));
    }, 600_000);

    it.each(pyclsNamed.map(([label], i) => [label, i] as const))('%s: torchvision\'s classes, the same modules and counts', (_label, i) => {
      const spec = all[i]![1];
      expect(toTorchvision(spec)).toMatch(/from torchvision\.models\.(resnet|regnet) import/);
      expect(unnamed(torchRows(counts[i]!))).toEqual(unnamed(specRows(spec, spec.resolution.train)));
      expect(counts[i]!.totals).toEqual(complexity(spec));
    });

    it.each(moduleWriter.map(([label], i) => [label, pyclsNamed.length + i] as const))('%s: module by module, with the spec\'s names', (_label, i) => {
      const spec = all[i]![1];
      expect(toTorchvision(spec)).toContain('class Network(nn.Module)');
      expect(torchRows(counts[i]!)).toEqual(specRows(spec, spec.resolution.train));
      expect(counts[i]!.totals).toEqual(complexity(spec));
    });

    it('names the torchvision-named fallback as torchvision would', () => {
      expect(layers(resNet3Stages).map((row) => row.name)).toContain('layer3.1.bn2');
    });
  });

  describe("which code: torchvision's ResNet constructor, StagedResNet, RegNet(BlockParams) or module by module", () => {
    const resnet50 = zooModel('resnet50');
    const resnet18 = zooModel('resnet18');
    const regnet = toAnyNet(zooModel('regnet_y_400mf')) as AnyNetSpec; // stem 32, widths 48, 104, 208, 440
    const withStages = (spec: AnyNetSpec, change: (stage: AnyNetStage, i: number) => AnyNetStage): AnyNetSpec => ({ ...spec, stages: spec.stages.map(change) });
    const narrowLast = (spec: AnyNetSpec, seRatio: number): AnyNetSpec => ({ ...withStages(spec, (stage, i) => (i === 3 ? { ...stage, width: 16 } : stage)), seRatio });
    // Shapes torchvision's classes cannot build are pycls-named (the torchvision-named spec would not validate).
    const pycls = (spec: AnyNetSpec): AnyNetSpec => ({ ...spec, implementation: 'pycls' });
    /** [label, spec, the code's telltale]. */
    const cases: [string, AnyNetSpec, RegExp][] = [
      // int(planes * 64 / 64) * 2 = 2 x planes: a bottleneck of 0.5 x the width in groups 64 x 2^i wide.
      ['ResNet-50 in 2 groups of 64', withStages(resnet50, (stage) => ({ ...stage, bottleneckMultiplier: 0.5 })), /return ResNet\(Bottleneck, \[3, 4, 6, 3\], num_classes=1000, groups=2, width_per_group=64\)/],
      ['ResNet-50 with a stem 32 wide', { ...resnet50, stem: { type: 'res_stem_in', width: 32 } }, /return StagedResNet\(/],
      ['ResNet-18 with a stem 64 wide and every stage twice as wide', withStages(resnet18, (stage) => ({ ...stage, width: 2 * stage.width })), /return StagedResNet\(/],
      ['ResNet-50 with only its last stage other (4096 wide, bottleneck 512)', withStages(resnet50, (stage, i) => (i === 3 ? { ...stage, width: 4096, bottleneckMultiplier: 0.125 } : stage)), /return StagedResNet\(/],
      ['ResNet-50 with a stride of 1 in its second stage', withStages(resnet50, (stage, i) => (i === 1 ? { ...stage, stride: 1 } : stage)), /return StagedResNet\(/],
      ["ResNet-50 with stage 2's bottleneck twice as wide", withStages(resnet50, (stage, i) => (i === 1 ? { ...stage, bottleneckMultiplier: 0.5, groupWidth: 256 } : stage)), /return StagedResNet\(/],
      ["ResNet-50 with stage 2's bottleneck in 2 groups", withStages(resnet50, (stage, i) => (i === 1 ? { ...stage, groupWidth: 64 } : stage)), /return StagedResNet\(/],
      // torchvision's squeeze-excite is round(se_ratio x block input) wide, built even at 0 channels.
      ['RegNetY with squeeze-excite of 32 x 1/32 = 1 channel on the stem side', { ...regnet, seRatio: 1 / 32 }, /return RegNet\(/],
      ['RegNetY with squeeze-excite of 16 x 1/16 = 1 channel in its last stage', narrowLast(regnet, 1 / 16), /return RegNet\(/],
      ['RegNetY with squeeze-excite of round(32 x 0.015) = 0 channels on the stem side', { ...regnet, seRatio: 0.015 }, /class Network\(nn\.Module\)/],
      ['RegNetY with squeeze-excite of round(16 x 0.025) = 0 channels in its last stage', narrowLast(regnet, 0.025), /class Network\(nn\.Module\)/],
      ['RegNetY with a head conv', pycls({ ...regnet, headWidth: 1024 }), /class Network\(nn\.Module\)/],
      ['a simple stem with basic blocks', pycls({ ...resnet18, stem: { type: 'simple_stem_in', width: 64 } }), /class Network\(nn\.Module\)/],
      ['a ResNet stem with linear bottlenecks', pycls({ ...resnet50, blockType: 'res_bottleneck_linear_block' }), /class Network\(nn\.Module\)/],
      ['ResNet-50 with SiLU', pycls({ ...resnet50, activation: 'silu' }), /class Network\(nn\.Module\)/],
    ];
    const specs = cases.map(([, spec]) => atResolution(spec, 64));
    let counts: TorchCount[];
    beforeAll(() => {
      counts = countTorchCodes(specs.map((spec) => job(spec)));
    }, 600_000);

    it.each(cases.map(([label, , telltale], i) => [label, telltale, i] as const))('%s: %s, counted as complexity() counts', (_label, telltale, i) => {
      const spec = specs[i]!;
      expect(toTorchvision(spec)).toMatch(telltale);
      expect(unnamed(torchRows(counts[i]!))).toEqual(unnamed(specRows(spec, spec.resolution.train)));
      expect(counts[i]!.totals).toEqual(complexity(spec));
    });

    it("a RegNet with SiLU: torchvision's RegNet built with SiLU activations, no ReLU", () => {
      const [relu, silu] = countTorchCodes([job(atResolution(regnet, 32)), job(atResolution({ ...regnet, activation: 'silu' }, 32))]);
      const classes = (count: TorchCount) => new Set(count.namedModules.map(([, className]) => className));
      expect(classes(silu!)).toContain('SiLU');
      expect(classes(silu!)).not.toContain('ReLU');
      expect(classes(relu!)).toContain('ReLU');
      expect(classes(relu!)).not.toContain('SiLU');
    });
  });

  describe('random torchvision-named specs (fast-check sample, seed 11): the same names and counts', () => {
    const random = fc.sample(fc.oneof(torchvisionAnyNetSpec(SMALL_LIMITS), torchvisionRegNetSpec(SMALL_LIMITS)).map((spec) => atResolution(spec, 48)), { numRuns: 24, seed: 11 });
    let counts: TorchCount[];
    beforeAll(() => {
      counts = countTorchCodes(random.map((spec) => job(spec)));
    }, 600_000);

    it.each(random.map((spec, i) => [i, spec.family, spec] as const))('#%i (%s)', (i, _family, spec) => {
      expect(torchRows(counts[i]!)).toEqual(specRows(spec, spec.resolution.train));
      expect(counts[i]!.totals).toEqual(complexity(spec));
    });
  });
});
