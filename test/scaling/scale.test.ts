/** scale, fastScale and applyScalingFactors (src/scaling/scale.ts): explicit multipliers, options, errors. */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  applyScalingFactors,
  complexity,
  fastScale,
  scale,
  ScalingError,
  SpecError,
  toPyclsConfig,
  zooModel,
  type AnyNetSpec,
  type EfficientNetSpec,
  type ScalingFactors,
} from '../../src/index.js';
import { thrown } from '../helpers/errors.js';
import { pyclsRounding, specOfKeys } from '../helpers/pycls-rounding.js';

const fixture = pyclsRounding();
const bases = new Map(fixture.bases.map((base) => [base.name, specOfKeys(base.config)]));

describe("applyScalingFactors with pycls's own multipliers gives what pycls's scale_model gives", () => {
  const records = fixture.scaleModel.filter((r) => !('error' in r));

  it.each(records.map((r) => [`${r.base} ${r.scaleType} x${r.factor}`, r] as const))('%s', (_, record) => {
    if ('error' in record) throw new Error('unreachable');
    const [d, w, g, r] = record.scalingFactors;
    const scaled = applyScalingFactors(bases.get(record.base)!, { d, w, g, r });
    const config = parse(toPyclsConfig(scaled));
    const section = config.MODEL.TYPE === 'effnet' ? config.EN : config.ANYNET;
    for (const [key, value] of Object.entries(record.scaled)) expect(section[key], key).toEqual(value);
    expect(scaled.resolution).toEqual({ train: record.trainImSize, test: record.testImSize });
    expect(complexity(scaled)).toEqual(record.complexity);
  });
});

describe('applyScalingFactors by hand', () => {
  // ResNeXt-50 in AnyNet form: depths 3, 4, 6, 3; widths 256 .. 2048; bottleneck 0.5; group widths 4 .. 32.
  const resNeXt = zooModel('ResNeXt-50') as AnyNetSpec;

  it('doubles depths alone: round(2d), widths and image sizes unchanged', () => {
    const scaled = applyScalingFactors(resNeXt, { d: 2, w: 1, g: 1, r: 1 });
    expect(scaled.stages.map((s) => s.depth)).toEqual([6, 8, 12, 6]);
    expect(scaled.stages.map((s) => s.width)).toEqual(resNeXt.stages.map((s) => s.width));
    expect(scaled.resolution).toEqual(resNeXt.resolution);
  });

  it('rounds depths half to even: 1.5 x [3, 4, 6, 3] = [4.5, 6, 9, 4.5] -> [4, 6, 9, 4]', () => {
    expect(applyScalingFactors(resNeXt, { d: 1.5, w: 1, g: 1, r: 1 }).stages.map((s) => s.depth)).toEqual([4, 6, 9, 4]);
  });

  it('scales group width with its own multiplier: 1.5 x [4, 8, 16, 32] = [6, 12, 24, 48] -> [8, 16, 24, 48]', () => {
    // 6 -> round(6 / 8) * 8 = 8; 12 -> 16 (1.5 -> 2); 24 and 48 stay multiples of 8.
    const scaled = applyScalingFactors(resNeXt, { d: 1, w: 1, g: 1.5, r: 1 });
    expect(scaled.stages.map((s) => s.groupWidth)).toEqual([8, 16, 24, 48]);
    // Widths follow block compatibility: bottlenecks 128 and 256 are 16 groups of 8 and 16; 512 / 24 = 21.3
    // and 1024 / 48 = 21.3 round to 21 groups: bottlenecks 504 and 1008, widths 1008 and 2016.
    expect(scaled.stages.map((s) => s.width)).toEqual([256, 512, 1008, 2016]);
  });

  it('rounds image sizes to multiples of 4: 224 x 1.1 = 246.4 -> 248, 256 x 1.1 = 281.6 -> 280', () => {
    expect(applyScalingFactors(resNeXt, { d: 1, w: 1, g: 1, r: 1.1 }).resolution).toEqual({ train: 248, test: 280 });
  });

  it("under the efficientnet policy, EfficientNet-B0's widths by round_filters and depths by ceil", () => {
    const b0 = zooModel('EfficientNet-B0') as EfficientNetSpec;
    const scaled = applyScalingFactors(b0, { d: 1.1, w: 1.1, g: 1, r: 1 }, { policy: 'efficientnet' });
    // EN-B2's width and depth coefficients (1.1, 1.2 differ; depths here 1.1): ceil([1, 2, 2, 3, 3, 4, 1] x 1.1).
    expect(scaled.stages.map((s) => s.depth)).toEqual([2, 3, 3, 4, 4, 5, 2]);
    // round_filters([16, 24, 40, 80, 112, 192, 320] x 1.1): 17.6 -> 16, 26.4 -> 24, 44 -> 48 (half up), 88, 123.2 -> 120, 211.2 -> 208, 352.
    expect(scaled.stages.map((s) => s.width)).toEqual([16, 24, 48, 88, 120, 208, 352]);
    expect([scaled.stemWidth, scaled.headWidth]).toEqual([32, 1408]);
  });

  it('equals scale() with the multipliers scalingFactors gives, and fastScale() with alpha', () => {
    expect(applyScalingFactors(resNeXt, { d: 2, w: 1, g: 1, r: 1 })).toEqual(scale(resNeXt, 'd', 2));
    expect(fastScale(resNeXt, 4, 0.8)).toEqual(scale(resNeXt, 'd1_w8_g8_r1', 4));
    expect(fastScale(resNeXt, 4)).toEqual(scale(resNeXt, 'd1_w8_g8_r1', 4));
    expect(fastScale(resNeXt, 4, 0)).toEqual(scale(resNeXt, 'dr', 4));
  });

  it('leaves its input alone and returns a frozen spec', () => {
    const input = structuredClone(resNeXt);
    const scaled = applyScalingFactors(input, { d: 2, w: 1.3, g: 1.3, r: 1.2 });
    expect(input).toEqual(resNeXt);
    expect(Object.isFrozen(scaled) && Object.isFrozen(scaled.stages) && Object.isFrozen(scaled.stages[0])).toBe(true);
  });
});

describe('applyScalingFactors errors', () => {
  const spec = zooModel('RegNetX-200MF');
  const good: ScalingFactors = { d: 1, w: 1, g: 1, r: 1 };

  it.each<[string, unknown, string]>([
    ['a missing multiplier', { d: 1, w: 1, g: 1 }, 'factors.r: is missing'],
    ['a zero multiplier', { ...good, w: 0 }, 'factors.w: 0 is not a finite number > 0'],
    ['a negative multiplier', { ...good, d: -2 }, 'factors.d: -2 is not a finite number > 0'],
    ['NaN', { ...good, g: NaN }, 'factors.g: NaN is not a finite number > 0'],
    ['Infinity', { ...good, r: Infinity }, 'factors.r: Infinity is not a finite number > 0'],
    ['a string', { ...good, d: '2' }, 'factors.d: "2" is not a finite number > 0'],
    ['an unknown key', { ...good, s: 2 }, 'factors.s: is not a field of scaling factors'],
    ['not an object', 2, 'factors: 2 is not an object'],
  ])('%s: a ScalingError naming the multiplier', (_, factors, message) => {
    const error = thrown(() => applyScalingFactors(spec, factors as ScalingFactors), ScalingError);
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('a bad policy or spec', () => {
    expect(thrown(() => applyScalingFactors(spec, good, { policy: 'tf' as never }), ScalingError).path).toBe('options.policy');
    expect(thrown(() => applyScalingFactors({ ...spec, depth: 0 }, good), SpecError).path).toBe('depth');
  });

  it('a network the multipliers make invalid', () => {
    const error = thrown(() => applyScalingFactors(spec, { ...good, r: 1e-6 }), ScalingError);
    expect(error.path).toBe('resolution.train');
  });

  it('an unknown option, named with the options it takes', () => {
    expect(thrown(() => scale(spec, 'd', 2, { foo: 1 } as never), ScalingError).message).toBe(
      'options.foo: is not a field of scale options (fields: policy)',
    );
    expect(thrown(() => scale(spec, 'd', 2, 5 as never), ScalingError).message).toBe('options: 5 is not an object (scale options)');
  });

  it('a spec its family cannot scale: a ScalingError with the reason, caused by the SpecError', () => {
    // An ImageNet ResNet striding its first 1x1 conv has no AnyNet form, which ResNet scaling goes through.
    const msra = { family: 'resnet', dataset: 'imagenet', depth: 50, transformation: 'bottleneck_transform', groups: 1, widthPerGroup: 64, strideOn1x1: true, numClasses: 1000, activation: 'relu', resolution: { train: 224, test: 256 } } as const;
    const error = thrown(() => scale(msra, 'd', 2), ScalingError);
    const reason = 'true puts the stride on the first 1x1 conv (MSRA); AnyNet blocks stride the 3x3 conv, so this ResNet has no AnyNet form';
    expect(error.message).toBe(`strideOn1x1: cannot be scaled: ${reason}`);
    expect(error.cause).toBeInstanceOf(SpecError);
    expect((error.cause as SpecError).reason).toBe(reason);
  });

  it('a scaled network beyond the limits: a ScalingError naming the field, caused by the SpecError', () => {
    // Width alone by 10^12 multiplies widths by 10^6: the first stage's 24 channels become 24,000,000 (a multiple
    // of 8), above LIMITS.maxWidth = 2^20.
    const error = thrown(() => scale(spec, 'w', 1e12), ScalingError);
    expect(error.message).toBe('stages[0].width: the scaled network would be invalid: 24000000 is above the limit of 1048576');
    expect(error.cause).toBeInstanceOf(SpecError);
    expect((error.cause as SpecError).path).toBe('stages[0].width');
  });
});
