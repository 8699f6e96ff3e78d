import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { complexity, fromPyclsConfig, type RegNetSpec, SpecError, toAnyNet, toPyclsConfig, validateSpec, zooModel } from '../../../src/index.js';
import { makeDivisible, torchvisionBlockWidths, torchvisionCompatibleStage, torchvisionRegNetStages } from '../../../src/families/regnet/torchvision.js';
import { FIXTURES } from '../../fixtures.js';
import { atResolution } from '../../specs.js';
import { fixtureRows, fixtureSizes, specRows, torchvisionFixture } from '../../helpers/torchvision-fixtures.js';

interface Settings {
  readonly depth: number;
  readonly w_0: number;
  readonly w_a: number;
  readonly w_m: number;
  readonly group_width: number;
  readonly bottleneck_multiplier?: number;
  readonly se_ratio?: number;
}
interface Generated {
  readonly settings: Settings;
  readonly blockWidths: number[];
  readonly depths: number[];
  readonly widths: number[];
  readonly groupWidths: number[];
}
const generation = JSON.parse(readFileSync(join(FIXTURES, 'torchvision-regnet.json'), 'utf8')) as {
  builders: (Generated & { name: string })[];
  cases: Generated[];
  makeDivisible: [number, number, number][];
};

/** A torchvision RegNet spec of fixture settings. */
function specOf(settings: Settings): RegNetSpec {
  return {
    family: 'regnet',
    wa: settings.w_a,
    w0: settings.w_0,
    wm: settings.w_m,
    depth: settings.depth,
    groupWidth: settings.group_width,
    bottleneckMultiplier: settings.bottleneck_multiplier ?? 1,
    stride: 2,
    seRatio: settings.se_ratio ?? null,
    stem: { type: 'simple_stem_in', width: 32 },
    blockType: 'res_bottleneck_block',
    headWidth: 0,
    numClasses: 1000,
    activation: 'relu',
    resolution: { train: 224, test: 224 },
    implementation: 'torchvision',
  };
}

function expectGenerated(generated: Generated): void {
  const { settings } = generated;
  expect(torchvisionBlockWidths(settings.w_a, settings.w_0, settings.w_m, settings.depth)).toEqual(generated.blockWidths);
  const stages = torchvisionRegNetStages(specOf(settings));
  expect(stages.map((s) => s.depth)).toEqual(generated.depths);
  expect(stages.map((s) => s.width)).toEqual(generated.widths);
  expect(stages.map((s) => s.groupWidth)).toEqual(generated.groupWidths);
}

describe("torchvision's RegNet generation (BlockParams.from_init_params, torchvision 0.14)", () => {
  it.each(generation.builders.map((b) => [b.name, b] as const))('%s: block widths and stages', (_, builder) => {
    expectGenerated(builder);
  });

  it(`${generation.cases.length} random settings (bottleneck multipliers 0.25 to 4, group widths 1 to 232): block widths and stages`, () => {
    for (const generated of generation.cases) expectGenerated(generated);
  });

  it('_make_divisible on edge inputs (halves round up; never below the divisor; +divisor below 90%)', () => {
    for (const [value, divisor, expected] of generation.makeDivisible) expect([value, divisor, makeDivisible(value, divisor)]).toEqual([value, divisor, expected]);
  });

  it("regnet_x_400mf has a 400-wide last stage where pycls's RegNetX-400MF has 384 (392 / 16 = 24.5)", () => {
    expect(toAnyNet(zooModel('regnet_x_400mf')).stages.map((s) => s.width)).toEqual([32, 64, 160, 400]);
    expect(toAnyNet(zooModel('RegNetX-400MF')).stages.map((s) => s.width)).toEqual([32, 64, 160, 384]);
  });

  it('a bottleneck that truncates to 0 channels is a SpecError (torchvision divides by zero)', () => {
    const spec = { ...specOf({ depth: 2, w_0: 8, w_a: 1, w_m: 2, group_width: 8 }), bottleneckMultiplier: 0.1 };
    expect(() => complexity(spec)).toThrow(SpecError);
    expect(() => complexity(spec)).toThrow(/bottleneckMultiplier: 0.1 makes the bottleneck of width 8 0 channels wide/);
  });

  it('a bottleneck of exactly 1 channel is built (torchvision: _make_divisible(1, 1) = 1)', () => {
    expect(torchvisionCompatibleStage(8, 0.125, 8)).toEqual({ width: 8, groupWidth: 1 });
  });

  it('block widths at the width limit, beyond it, and where float32 makes wm 1 and wa infinite', () => {
    // torch 1.13 (BlockParams.from_init_params' arithmetic): [1048576, 1048576]; and, with w_a = 1e39 (inf in
    // float32) and w_m = 1.00000001 (1 in float32), [16, 16, 16]: C's pow(1, nan) and pow(1, inf) are 1.
    expect(torchvisionBlockWidths(0, 2 ** 20, 2, 2)).toEqual([2 ** 20, 2 ** 20]);
    expect(torchvisionBlockWidths(1e39, 16, 1.00000001, 3)).toEqual([16, 16, 16]);
    expect(() => torchvisionBlockWidths(2 ** 20, 2 ** 20, 2, 2)).toThrow(new SpecError('wa', '1048576 makes block 1 2097152 channels wide, beyond the limit of 1048576'));
  });

  it('keeps the RegNet checks: a torchvision RegNet is a RegNet spec', () => {
    expect(() => validateSpec({ ...zooModel('regnet_y_400mf'), w0: 44 })).toThrow(/w0: 44 is not a multiple of 8/);
  });

  it("is torchvision's RegNet: the simple stem (SpecError at stem.type otherwise)", () => {
    const resStem = { ...zooModel('regnet_x_400mf'), stem: { type: 'res_stem_in', width: 64 } };
    expect(() => validateSpec(resStem)).toThrow(SpecError);
    expect(() => validateSpec(resStem)).toThrow(/^stem\.type: 'res_stem_in' is not the stem of torchvision's RegNet/);
  });

  it("has no pycls config: pycls's REGNET section would round otherwise; its AnyNet form is the same network", () => {
    expect(() => toPyclsConfig(zooModel('regnet_x_400mf'))).toThrow(/^implementation: 'torchvision' generates the stages with torchvision's rounding/);
    const config = toPyclsConfig(toAnyNet(zooModel('regnet_x_400mf')));
    expect(config).toContain('WIDTHS: [32, 64, 160, 400]');
    expect(complexity(fromPyclsConfig(config))).toEqual(complexity(zooModel('regnet_x_400mf')));
  });
});

const REGNETS = generation.builders.map((b) => b.name);

describe('torchvision RegNets: equal to torchvision 0.14 counted by PyTorch hooks', () => {
  describe.each(REGNETS)('%s', (name) => {
    const fixture = torchvisionFixture(name);
    it("is at its default weights' crop size", () => {
      expect(zooModel(name).resolution).toEqual({ train: fixture.cropSize, test: fixture.cropSize });
    });
    it.each(fixtureSizes(fixture))('at %i px: module by module (names, classes, params, flops, acts) and in total', (size) => {
      expect(specRows(zooModel(name), size)).toEqual(fixtureRows(fixture, size));
      expect(complexity(atResolution(zooModel(name), size))).toEqual(fixture.runs.find((run) => run.imageSize === size)!.totals);
    });
  });
});
