/** MobileNet specs at the boundary: valid ones read back equal, bad ones are SpecErrors naming the field. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complexity, LIMITS, SpecError, validateSpec, zooModel, type MobileNetSpec } from '../../../src/index.js';
import { checkSpec } from '../../../src/spec/check.js';
import { badValue, leafPaths, mobileNetSpec, withLeaf } from '../../arbitraries.js';

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const v2 = zooModel('mobilenet_v2');
const v3 = zooModel('mobilenet_v3_large');
/** `spec` with stage `i` changed. */
const withStage = (spec: MobileNetSpec, i: number, change: Record<string, unknown>): unknown => ({
  ...spec,
  stages: spec.stages.map((stage, j) => (i === j ? { ...stage, ...change } : stage)),
});

describe('valid MobileNet specs', () => {
  it('read back equal, as new plain objects, and count to positive safe integers', () => {
    fc.assert(
      fc.property(mobileNetSpec(), (spec) => {
        const copy = structuredClone(spec);
        const read = checkSpec(spec);
        expect(read).toEqual(spec);
        expect(read).not.toBe(spec);
        expect(spec).toEqual(copy);
        const cx = complexity(spec);
        for (const value of Object.values(cx)) expect(Number.isSafeInteger(value) && value > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('malformed MobileNet specs', () => {
  it('any single field replaced by a bad value: passes or throws SpecError, never anything else', () => {
    fc.assert(
      fc.property(
        mobileNetSpec().chain((spec) => fc.tuple(fc.constant(spec), fc.constantFrom(...leafPaths(spec)), badValue)),
        ([spec, path, value]) => {
          const error = errorOf(() => complexity(withLeaf(spec, path, value) as MobileNetSpec));
          if (error !== undefined) expect(error).toBeInstanceOf(SpecError);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('integer fields reject wrong types, zero, negatives and fractions, naming the field path and value', () => {
    const integerKeys = ['depth', 'width', 'expandedWidth', 'kernel', 'stride', 'stemWidth', 'headWidth', 'lastChannel', 'numClasses', 'train', 'test'];
    fc.assert(
      fc.property(
        mobileNetSpec().chain((spec) =>
          fc.tuple(
            fc.constant(spec),
            fc.constantFrom(...leafPaths(spec).filter((path) => integerKeys.includes(String(path[path.length - 1])))),
            fc.constantFrom(-8, 0, NaN, 2.5, '8', null, Infinity),
          ),
        ),
        ([spec, path, value]) => {
          const error = errorOf(() => validateSpec(withLeaf(spec, path, value)));
          expect(error).toBeInstanceOf(SpecError);
          const expectedPath = path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${key}`)).join('');
          expect((error as SpecError).path).toBe(expectedPath);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a field of the other version', { ...v2, lastChannel: 1280 }, 'lastChannel', /is not a field of a MobileNetV2 spec/],
    ['a field of the other version', { ...v3, headWidth: 1280 }, 'headWidth', /is not a field of a MobileNetV3 spec/],
    ['an unknown field', { ...v2, dropout: 0.2 }, 'dropout', /is not a field of a mobilenet spec/],
    ['an unknown version', { ...v2, version: 'v1' }, 'version', /"v1" is not one of 'v2', 'v3'/],
    ['no stages', { ...v2, stages: [] }, 'stages', /is empty/],
    ['both expansions', withStage(v2, 1, { expandedWidth: 96 }), 'stages[1]', /gives both expansionRatio \(6\) and expandedWidth \(96\)/],
    ['no expansion', withStage(v3, 1, { expandedWidth: undefined }), 'stages[1].expandedWidth', /is missing/],
    ['a ratio of 0', withStage(v2, 1, { expansionRatio: 0 }), 'stages[1].expansionRatio', /0 is not a finite number > 0/],
    ['a ratio that expands to nothing', withStage(v2, 1, { expansionRatio: 0.01 }), 'stages[1].expansionRatio', /0.01 expands 16 channels to 0/],
    ['a ratio beyond the width limit', withStage(v2, 1, { expansionRatio: 2 ** 20 }), 'stages[1].expansionRatio', /beyond the limit of 1048576/],
    ['an even kernel', withStage(v3, 3, { kernel: 4 }), 'stages[3].kernel', /4 is not odd/],
    ['squeeze-excite in MobileNetV2', withStage(v2, 0, { squeezeExcite: true }), 'stages[0].squeezeExcite', /MobileNetV2, whose blocks have no squeeze-excite/],
    ['squeeze-excite that is not a boolean', withStage(v3, 0, { squeezeExcite: 1 }), 'stages[0].squeezeExcite', /1 is not a boolean/],
    ['an unknown activation', withStage(v3, 0, { activation: 'silu' }), 'stages[0].activation', /"silu" is not one of 'relu', 'relu6', 'hardswish'/],
    ['a V3 last stage whose 6x head is beyond the width limit', withStage(v3, 11, { width: LIMITS.maxWidth / 4 }), 'stages[11].width', /6 x 262144 channels wide, beyond the limit/],
  ])('%s is a SpecError at its path', (_label, spec, path, message) => {
    const error = errorOf(() => validateSpec(spec));
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).path).toBe(path);
    expect((error as SpecError).message).toMatch(message);
  });
});
