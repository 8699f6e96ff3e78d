import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyNetSpec, complexity, fastScale, layers, type ModelSpec, scale, SpecError, toAnyNet, validateSpec, zooModel, type ZooName } from '../../../src/index.js';
import { walk } from '../../../src/network/count.js';
import { toOnnx } from '../../../src/onnx/index.js';
import { checkSpec } from '../../../src/spec/check.js';
import { decode } from '../../onnx/helpers.js';
import { torchvisionAnyNetSpec, torchvisionRegNetSpec } from '../../arbitraries.js';
import { atResolution } from '../../specs.js';
import { fixtureRows, fixtureSizes, specRows, torchvisionFixture } from '../../helpers/torchvision-fixtures.js';
import { describeModuleNames } from '../../helpers/module-names.js';

const RESNETS = [
  'resnet18',
  'resnet34',
  'resnet50',
  'resnet101',
  'resnet152',
  'resnext50_32x4d',
  'resnext101_32x8d',
  'resnext101_64x4d',
  'wide_resnet50_2',
  'wide_resnet101_2',
] as const;

describe('torchvision ResNets: equal to torchvision 0.14 counted by PyTorch hooks', () => {
  describe.each(RESNETS)('%s', (name) => {
    const fixture = torchvisionFixture(name);
    it('is at its default weights\' crop size', () => {
      expect(zooModel(name).resolution).toEqual({ train: fixture.cropSize, test: fixture.cropSize });
      expect(zooModel(name).implementation).toBe('torchvision');
    });
    it.each(fixtureSizes(fixture))('at %i px: module by module (names, classes, params, flops, acts) and in total', (size) => {
      expect(specRows(zooModel(name), size)).toEqual(fixtureRows(fixture, size));
      expect(complexity(atResolution(zooModel(name), size))).toEqual(fixture.runs.find((run) => run.imageSize === size)!.totals);
    });
  });
});

/** The same spec with pycls's names. */
function pyclsNamed(spec: AnyNetSpec): AnyNetSpec {
  const { implementation: _, ...rest } = spec;
  return rest;
}

describe('implementation: torchvision', () => {
  it('names ResNet modules as torchvision does: the shortcut after the branch, one relu module per block', () => {
    const names = layers(zooModel('resnet50')).map((row) => row.name);
    expect(names.slice(0, 12)).toEqual([
      'conv1', 'bn1', 'maxpool',
      'layer1.0.conv1', 'layer1.0.bn1', 'layer1.0.conv2', 'layer1.0.bn2', 'layer1.0.conv3', 'layer1.0.bn3',
      'layer1.0.downsample.0', 'layer1.0.downsample.1', 'layer1.1.conv1',
    ]);
    expect(names.at(-1)).toBe('fc');
  });

  it('names RegNet modules as torchvision does: the projection first, squeeze-excite fc1/fc2', () => {
    const names = layers({ ...zooModel('RegNetY-400MF'), implementation: 'torchvision' }).map((row) => row.name);
    expect(names.slice(0, 12)).toEqual([
      'stem.0', 'stem.1',
      'trunk_output.block1.block1-0.proj.0', 'trunk_output.block1.block1-0.proj.1',
      'trunk_output.block1.block1-0.f.a.0', 'trunk_output.block1.block1-0.f.a.1',
      'trunk_output.block1.block1-0.f.b.0', 'trunk_output.block1.block1-0.f.b.1',
      'trunk_output.block1.block1-0.f.se.fc1', 'trunk_output.block1.block1-0.f.se.fc2',
      'trunk_output.block1.block1-0.f.c.0', 'trunk_output.block1.block1-0.f.c.1',
    ]);
    expect(names).toContain('trunk_output.block4.block4-5.f.c.1');
  });

  it('changes names only: any ResNet- or RegNet-shaped AnyNet counts the same, layer by layer', () => {
    fc.assert(
      fc.property(torchvisionAnyNetSpec(), (torchvision) => {
        const pycls = pyclsNamed(torchvision);
        expect(complexity(torchvision)).toEqual(complexity(pycls));
        const counts = (spec: AnyNetSpec) => layers(spec).map((row) => [row.module, row.params, row.flops, row.acts]);
        // Same rows; the order differs only where torchvision computes a ResNet's shortcut after its branch.
        const sorted = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
        expect(sorted(counts(torchvision))).toEqual(sorted(counts(pycls)));
      }),
      { numRuns: 200 },
    );
  });

  it('scales within torchvision: any scaled torchvision ResNet, RegNet or its AnyNet is a valid torchvision-named AnyNet', () => {
    fc.assert(
      fc.property(
        fc.oneof(torchvisionAnyNetSpec(), torchvisionRegNetSpec()),
        fc.constantFrom('d', 'w', 'r', 'dwr', 'dWr', 'g'),
        fc.double({ min: 1 / 16, max: 64, noNaN: true }),
        (spec, strategy, s) => {
          fc.pre(Math.min(spec.resolution.train, spec.resolution.test) * Math.sqrt(s) >= 16); // no image size rounded to 0
          const scaled = scale(spec, strategy, s);
          expect(scaled).toMatchObject({ family: 'anynet', implementation: 'torchvision' });
          validateSpec(scaled);
          expect(layers(scaled)[0]!.name).toBe(scaled.stem.type === 'res_stem_in' ? 'conv1' : 'stem.0');
        },
      ),
      { numRuns: 200 },
    );
    expect(fastScale(zooModel('regnet_y_8gf'), 4).implementation).toBe('torchvision');
  });

  it("generates a torchvision RegNet's stages with torchvision's rounding, and counts them as that AnyNet", () => {
    fc.assert(
      fc.property(torchvisionRegNetSpec(), (spec) => {
        const form = toAnyNet(spec);
        expect(form.implementation).toBe('torchvision');
        expect(complexity(spec)).toEqual(complexity(pyclsNamed(form)));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [{ stem: { type: 'res_stem_cifar', width: 16 } }, 'stem.type', /'res_stem_cifar' is neither/],
    [{ headWidth: 1024 }, 'headWidth', /1024 adds a head conv/],
    [{ seRatio: 0.25 }, 'seRatio', /0.25 adds squeeze-excite to a torchvision ResNet/],
    [{ activation: 'silu' }, 'activation', /'silu' replaces the ReLU/],
    [{ blockType: 'vanilla_block', stages: [{ depth: 1, width: 64, stride: 1 }] }, 'blockType', /'vanilla_block' on the ResNet stem/],
  ])('refuses a ResNet torchvision does not have (%j): SpecError at %s', (change, path, message) => {
    const spec = { ...zooModel('resnet50'), ...change };
    expect(() => validateSpec(spec)).toThrow(SpecError);
    expect(() => validateSpec(spec)).toThrow(message);
    try {
      validateSpec(spec);
    } catch (error) {
      expect((error as SpecError).path).toBe(path);
    }
  });

  it('refuses a RegNet-stem AnyNet of other blocks, and a torchvision RegNet spec of another stem, naming the field', () => {
    const regNetShaped = { ...zooModel('RegNetY-400MF'), implementation: 'torchvision' as const };
    expect(() => validateSpec({ ...regNetShaped, blockType: 'res_bottleneck_linear_block' })).toThrow(/blockType: 'res_bottleneck_linear_block' on the simple stem/);
    expect(() => validateSpec({ ...regNetShaped, stem: { type: 'res_stem_cifar', width: 32 } })).toThrow(/^stem\.type: /);
    expect(() => validateSpec({ ...zooModel('resnet50'), implementation: 'keras' })).toThrow(/implementation: "keras" is not one of 'pycls', 'torchvision'/);
  });
});

// torchvision's ResNet and RegNet flatten with torch.flatten / x.flatten (no module).
describeModuleNames(
  [
    ...(['resnet18', 'resnet34', 'resnet50', 'resnet101', 'resnet152', 'resnext50_32x4d', 'resnext101_32x8d', 'resnext101_64x4d', 'wide_resnet50_2', 'wide_resnet101_2'] as const),
    ...(['regnet_x_400mf', 'regnet_x_800mf', 'regnet_x_1_6gf', 'regnet_x_3_2gf', 'regnet_x_8gf', 'regnet_x_16gf', 'regnet_x_32gf'] as const),
    ...(['regnet_y_400mf', 'regnet_y_800mf', 'regnet_y_1_6gf', 'regnet_y_3_2gf', 'regnet_y_8gf', 'regnet_y_16gf', 'regnet_y_32gf', 'regnet_y_128gf'] as const),
  ],
  [['flatten', 'flatten']],
);

describe('residual branches', () => {
  /** Names (digits as N) of the norms a walk marks as ending a residual branch. */
  const residualEnds = (spec: ModelSpec): string[] => {
    const names = new Set<string>();
    walk(checkSpec(spec), { layer: (layer) => void (layer.op === 'norm' && layer.endsResidual && names.add(layer.name.replace(/\d+/g, 'N'))) });
    return [...names];
  };

  it("end in the norm torchvision's zero_init_residual zeroes (bn2 of a BasicBlock, bn3 of a Bottleneck) and RegNet's f.c.1", () => {
    const bn = (name: ZooName) => {
      const found = new Set<string>();
      walk(checkSpec(zooModel(name)), { layer: (layer) => void (layer.op === 'norm' && layer.endsResidual && found.add(layer.name.split('.').at(-1)!)) });
      return [...found];
    };
    expect(bn('resnet18')).toEqual(['bn2']);
    expect(bn('resnet50')).toEqual(['bn3']);
    expect(residualEnds(zooModel('regnet_y_400mf'))).toEqual(['trunk_output.blockN.blockN-N.f.c.N']);
  });

  it("downsample where a block changes the stride alone, as torchvision's _make_layer does (stride != 1 or inplanes != planes)", () => {
    const spec: AnyNetSpec = {
      family: 'anynet',
      stem: { type: 'res_stem_in', width: 64 },
      blockType: 'res_basic_block',
      stages: [
        { depth: 1, width: 64, stride: 1 },
        { depth: 1, width: 64, stride: 2 },
      ],
      seRatio: null,
      headWidth: 0,
      numClasses: 10,
      activation: 'relu',
      resolution: { train: 64, test: 64 },
      implementation: 'torchvision',
    };
    const names = layers(spec).map((row) => row.name);
    expect(names).not.toContain('layer1.0.downsample.0');
    expect(layers(spec).find((row) => row.name === 'layer2.0.downsample.0')).toMatchObject({ op: 'conv', kernel: 1, stride: 2, output: [64, 8, 8] });
  });
});

describe("a torchvision AnyNet's ONNX graph: torchvision's module names in forward order", () => {
  const nodes = (name: ZooName, from: number, to: number): string[][] => {
    const graph = decode(toOnnx(atResolution(zooModel(name), 32))).graph;
    return graph.node.slice(from, to).map((n) => [n.op_type, n.name]);
  };

  it('BasicBlock and Bottleneck: the downsample after the branch (as `forward` calls it), the sum `<block>.add`, the reused `relu` made unique', () => {
    // torchvision calls one `self.relu` module two or three times; ONNX node names must be unique.
    expect(nodes('resnet18', 18, 27)).toEqual([
      ['Conv', 'layer2.0.conv1'],
      ['BatchNormalization', 'layer2.0.bn1'],
      ['Relu', 'layer2.0.relu'],
      ['Conv', 'layer2.0.conv2'],
      ['BatchNormalization', 'layer2.0.bn2'],
      ['Conv', 'layer2.0.downsample.0'],
      ['BatchNormalization', 'layer2.0.downsample.1'],
      ['Add', 'layer2.0.add'],
      ['Relu', 'layer2.0.relu.1'],
    ]);
    expect(nodes('resnet50', 4, 16)).toEqual([
      ['Conv', 'layer1.0.conv1'],
      ['BatchNormalization', 'layer1.0.bn1'],
      ['Relu', 'layer1.0.relu'],
      ['Conv', 'layer1.0.conv2'],
      ['BatchNormalization', 'layer1.0.bn2'],
      ['Relu', 'layer1.0.relu.1'],
      ['Conv', 'layer1.0.conv3'],
      ['BatchNormalization', 'layer1.0.bn3'],
      ['Conv', 'layer1.0.downsample.0'],
      ['BatchNormalization', 'layer1.0.downsample.1'],
      ['Add', 'layer1.0.add'],
      ['Relu', 'layer1.0.relu.2'],
    ]);
  });

  it("ResBottleneckBlock: the SE product named after its SqueezeExcitation module, the sum `<block>.add`", () => {
    const at = 'trunk_output.block1.block1-0';
    expect(nodes('regnet_y_400mf', 15, 21)).toEqual([
      ['Sigmoid', `${at}.f.se.scale_activation`],
      ['Mul', `${at}.f.se`],
      ['Conv', `${at}.f.c.0`],
      ['BatchNormalization', `${at}.f.c.1`],
      ['Add', `${at}.add`],
      ['Relu', `${at}.activation`],
    ]);
  });
});
