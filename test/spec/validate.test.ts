import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, SpecError, toAnyNet, validateSpec, zooModel, type AnyNetSpec, type ModelSpec } from '../../src/index.js';
import { badValue, leafPaths, modelSpec, withLeaf } from '../arbitraries.js';
import { errorOf, thrown } from '../helpers/errors.js';
import { cifarResNet } from '../specs.js';


describe('validateSpec and complexity on valid specs', () => {
  it('never throw and give positive integer metrics for arbitrary valid specs of every family', () => {
    fc.assert(
      fc.property(modelSpec(), (spec) => {
        validateSpec(spec);
        const cx = complexity(spec);
        for (const value of [cx.flops, cx.params, cx.acts]) {
          expect(Number.isSafeInteger(value) && value > 0).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never modify their input, and count frozen and unfrozen copies alike', () => {
    fc.assert(
      fc.property(modelSpec(), (spec) => {
        const copy = structuredClone(spec);
        const cx = complexity(spec);
        expect(spec).toEqual(copy);
        expect(complexity(Object.freeze(structuredClone(spec)))).toEqual(cx);
      }),
    );
  });

  it('see a change made to an unfrozen spec after an earlier call', () => {
    const spec = structuredClone(zooModel('ResNet-50')) as { -readonly [K in keyof AnyNetSpec]: AnyNetSpec[K] };
    const before = complexity(spec as AnyNetSpec).flops;
    spec.numClasses = 10;
    expect(complexity(spec as AnyNetSpec).flops).toBeLessThan(before);
  });
});

describe('malformed specs only ever throw SpecError', () => {
  it('any single field replaced by a bad value: a SpecError naming that field or one it must agree with; where a value is accepted, a countable spec', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        modelSpec().chain((spec) => fc.tuple(fc.constant(spec), fc.constantFrom(...leafPaths(spec)), badValue)),
        ([spec, path, value]) => {
          const broken = withLeaf(spec, path, value);
          const error = errorOf(() => validateSpec(broken));
          if (error === undefined) {
            // Some bad values fit some fields (a 0.5 bottleneck multiplier, a string where any text is fine).
            const cx = complexity(broken as ModelSpec);
            expect(Number.isSafeInteger(cx.flops) && cx.flops > 0).toBe(true);
            accepted++;
            return;
          }
          expect(error).toBeInstanceOf(SpecError);
          // The path names the replaced field, a field of the same stage, or a spec-wide rule ('' or seRatio).
          const field = path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${key}`)).join('');
          const stage = /^stages\[\d+\]/.exec(field)?.[0];
          const named = (error as SpecError).path;
          expect(named === field || field.startsWith(`${named}.`) || (stage !== undefined && named.startsWith(stage)) || ['', 'seRatio', 'stages'].includes(named), `${field} -> ${named}`).toBe(true);
          refused++;
        },
      ),
      { numRuns: 1000 },
    );
    expect(refused).toBeGreaterThan(600);
    expect(accepted).toBeGreaterThan(0);
  });

  it('numeric fields reject wrong types, negatives, zero, NaN and fractions, naming the field path', () => {
    const positiveIntegerPaths = (spec: ModelSpec): (string | number)[][] =>
      leafPaths(spec).filter((path) => {
        const key = path[path.length - 1];
        return ['depth', 'width', 'stride', 'numClasses', 'train', 'test', 'stemWidth', 'w0', 'kernel', 'groups', 'widthPerGroup'].includes(
          String(key),
        );
      });
    fc.assert(
      fc.property(
        modelSpec().chain((spec) =>
          fc.tuple(
            fc.constant(spec),
            fc.constantFrom(...positiveIntegerPaths(spec)),
            fc.constantFrom(-8, 0, NaN, 2.5, '8', null, Infinity),
          ),
        ),
        ([spec, path, value]) => {
          const error = errorOf(() => validateSpec(withLeaf(spec, path, value)));
          expect(error).toBeInstanceOf(SpecError);
          const expectedPath = path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${key}`)).join('');
          expect((error as SpecError).path).toBe(expectedPath);
          expect((error as SpecError).message.startsWith(`${expectedPath}: `)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('arbitrary values (fc.anything: almost never an object with a family) are refused with a SpecError', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(errorOf(() => validateSpec(value))).toBeInstanceOf(SpecError);
      }),
    );
  });

  it('empty stages', () => {
    const spec = zooModel('ResNeXt-50');
    expect(() => validateSpec({ ...spec, stages: [] })).toThrow(new SpecError('stages', 'is empty (expected at least one element)'));
  });

  it('a group width that does not divide the bottleneck width', () => {
    const spec = zooModel('ResNeXt-50') as AnyNetSpec;
    const stages = spec.stages.map((s, i) => (i === 2 ? { ...s, groupWidth: 24 } : s));
    expect(() => validateSpec({ ...spec, stages })).toThrow(
      'stages[2].groupWidth: 24 does not divide the bottleneck width 512 (width 1024 x bottleneckMultiplier 0.5)',
    );
  });

  it('the example message of the guide', () => {
    const spec = zooModel('ResNeXt-50') as AnyNetSpec;
    const stages = spec.stages.map((s, i) => (i === 2 ? { ...s, groupWidth: 0 } : s));
    expect(() => validateSpec({ ...spec, stages })).toThrow('stages[2].groupWidth: 0 is not a positive integer');
  });

  it.each<[string, (spec: Record<string, unknown>) => unknown, string]>([
    ['unknown family', (s) => ({ ...s, family: 'hourglass' }), "family: \"hourglass\" is not one of 'anynet', 'convnext', 'efficientnet', 'mnasnet', 'mobilenet', 'regnet', 'resnet'"],
    ['misspelt field', (s) => ({ ...s, headwidth: 0 }), 'headwidth: is not a field of an anynet spec'],
    ['missing field', ({ numClasses: _, ...s }) => s, 'numClasses: is missing (expected a positive integer)'],
    ['squeeze-excite of 0', (s) => ({ ...s, seRatio: 0 }), 'seRatio: 0 is not a finite number > 0'],
    ['squeeze-excite on basic blocks', (s) => ({ ...s, blockType: 'res_basic_block', seRatio: 0.25 }), 'seRatio: 0.25 is set, but res_basic_block'],
    ['unknown stem', (s) => ({ ...s, stem: { type: 'patchify', width: 32 } }), "stem.type: \"patchify\" is not one of"],
    ['activation', (s) => ({ ...s, activation: 'gelu' }), 'activation: "gelu" is not one of'],
  ])('%s', (_, mutate, message) => {
    const spec = zooModel('RegNetY-400MF') as unknown as Record<string, unknown>;
    const anyNet = { ...(zooModel('ResNeXt-50') as unknown as Record<string, unknown>), seRatio: null };
    const target = message.startsWith('headwidth') || message.startsWith('seRatio') || message.startsWith('stem') ? anyNet : spec;
    expect(() => validateSpec(mutate(target))).toThrow(message);
  });

  it('ResNet and RegNet cross-field rules', () => {
    const cifar = cifarResNet(20);
    expect(() => validateSpec(cifar)).not.toThrow();
    expect(() => validateSpec({ ...cifar, depth: 21 })).toThrow('depth: 21 is not of the form 6n + 2');
    expect(() => validateSpec({ ...cifar, transformation: 'bottleneck_transform' })).toThrow('transformation');
    expect(() => validateSpec({ ...zooModel('RegNetX-200MF'), wm: 1 })).toThrow('wm: 1 is not a finite number > 1');
    expect(() => validateSpec({ ...zooModel('RegNetX-200MF'), bottleneckMultiplier: 1.5 })).toThrow('bottleneckMultiplier: 1.5 is above 1 but not an integer');
  });

  it('counts beyond Number.MAX_SAFE_INTEGER are an error, not a rounding', () => {
    // Within every limit: 2^20 channels at 1024 px make 9 * 2^40 * 512^2 ~ 2.6e18 multiply-adds in one conv.
    const wide = { ...zooModel('ResNet-50'), resolution: { train: 1024, test: 1024 }, stages: [{ depth: 1, width: 2 ** 20, stride: 1, bottleneckMultiplier: 0.25, groupWidth: 64 }] };
    expect(() => complexity(wide)).toThrow(/flops .* exceed Number\.MAX_SAFE_INTEGER/);
    expect(errorOf(() => validateSpec(wide))).toBeInstanceOf(SpecError);
  });
});

describe('validateSpec messages at the boundary (src/spec/check.ts, src/spec/common.ts)', () => {
  const resnet = zooModel('ResNet-50') as AnyNetSpec;
  const message = (value: unknown): string => thrown(() => validateSpec(value), SpecError).message;

  it('names what is not an object at all, with no path', () => {
    expect(message(5)).toBe('5 is not an object (a model spec)');
    expect(message(null)).toBe('null is not an object (a model spec)');
    expect(message([])).toBe('an array of length 0 is not an object (a model spec)');
  });

  it('refuses a family behind a getter, and a missing family naming every family', () => {
    expect(message(Object.defineProperty({ ...resnet }, 'family', { get: () => 'anynet', enumerable: true }))).toBe(
      'family: is a getter or setter; give plain data',
    );
    const { family: _, ...rest } = resnet;
    expect(message(rest)).toBe("family: is missing (expected one of 'anynet', 'convnext', 'efficientnet', 'mnasnet', 'mobilenet', 'regnet', 'resnet', 'vit')");
  });

  it('names each image size and its limit (LIMITS.maxResolution = 2^20)', () => {
    expect(message({ ...resnet, resolution: 5 })).toBe('resolution: 5 is not an object (a resolution)');
    expect(message({ ...resnet, resolution: { train: 0, test: 224 } })).toBe('resolution.train: 0 is not a positive integer');
    expect(message({ ...resnet, resolution: { train: 224, test: 2 ** 20 + 1 } })).toBe('resolution.test: 1048577 is above the limit of 1048576');
    expect(message({ ...resnet, resolution: { train: 224, test: 224, crop: 1 } })).toBe('resolution.crop: is not a field of a resolution (fields: train, test)');
  });

  it('names the classes, widths and strides above their limits', () => {
    expect(message({ ...resnet, numClasses: 2 ** 24 + 1 })).toBe('numClasses: 16777217 is above the limit of 16777216');
    expect(message({ ...resnet, stages: [{ ...resnet.stages[0]!, stride: 1025 }] })).toBe('stages[0].stride: 1025 is above the limit of 1024');
    expect(message({ ...resnet, stages: [{ ...resnet.stages[0]!, width: 2 ** 20 + 1 }] })).toBe('stages[0].width: 1048577 is above the limit of 1048576');
    expect(message({ ...resnet, stages: [{ ...resnet.stages[0]!, depth: 2 ** 24 + 1 }] })).toBe('stages[0].depth: 16777217 is above the limit of 16777216');
  });

  it('takes at most LIMITS.maxBlocks = 2^24 blocks in all stages together', () => {
    const stages = (depths: number[]) => depths.map((depth) => ({ ...resnet.stages[0]!, depth, width: 8, bottleneckMultiplier: 1, groupWidth: 8 }));
    // toAnyNet checks the structure without counting: exactly 2^24 blocks pass, one more is refused.
    expect(toAnyNet({ ...resnet, stages: stages([2 ** 23, 2 ** 23]) }).stages).toHaveLength(2);
    expect(thrown(() => toAnyNet({ ...resnet, stages: stages([2 ** 23, 2 ** 23 + 1]) }), SpecError).message).toBe(
      'stages: hold 16777217 blocks in all, more than the limit of 16777216',
    );
  });
});
