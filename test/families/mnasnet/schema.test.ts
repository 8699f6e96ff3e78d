/** MNASNet specs at the boundary: valid ones read back equal, bad ones are SpecErrors naming the field. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complexity, SpecError, validateSpec, zooModel, type MnasNetSpec } from '../../../src/index.js';
import { checkSpec } from '../../../src/spec/check.js';
import { badValue, leafPaths, mnasNetSpec, withLeaf } from '../../arbitraries.js';

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const base = zooModel('mnasnet1_0');
const withStage = (spec: MnasNetSpec, i: number, change: Record<string, unknown>): unknown => ({
  ...spec,
  stages: spec.stages.map((stage, j) => (i === j ? { ...stage, ...change } : stage)),
});

describe('valid MNASNet specs', () => {
  it('read back equal, as new plain objects, and count to positive safe integers', () => {
    fc.assert(
      fc.property(mnasNetSpec(), (spec) => {
        const copy = structuredClone(spec);
        const read = checkSpec(spec);
        expect(read).toEqual(spec);
        expect(read).not.toBe(spec);
        expect(spec).toEqual(copy);
        for (const value of Object.values(complexity(spec))) expect(Number.isSafeInteger(value) && value > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('malformed MNASNet specs', () => {
  it('any single field replaced by a bad value: passes or throws SpecError, never anything else', () => {
    fc.assert(
      fc.property(
        mnasNetSpec().chain((spec) => fc.tuple(fc.constant(spec), fc.constantFrom(...leafPaths(spec)), badValue)),
        ([spec, path, value]) => {
          const error = errorOf(() => complexity(withLeaf(spec, path, value) as MnasNetSpec));
          if (error !== undefined) expect(error).toBeInstanceOf(SpecError);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('integer fields reject wrong types, zero, negatives and fractions, naming the field path', () => {
    fc.assert(
      fc.property(
        mnasNetSpec().chain((spec) =>
          fc.tuple(
            fc.constant(spec),
            fc.constantFrom(...leafPaths(spec).filter((path) => path[0] !== 'family')),
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
    ['an unknown field', { ...base, alpha: 1 }, 'alpha', /is not a field of an mnasnet spec/],
    ['no stages', { ...base, stages: [] }, 'stages', /is empty/],
    ['a fractional expansion (torchvision multiplies channels by it)', withStage(base, 0, { expansionRatio: 2.5 }), 'stages[0].expansionRatio', /2.5 is not a positive integer/],
    ['an expansion beyond the width limit', withStage(base, 0, { expansionRatio: 2 ** 19 }), 'stages[0].expansionRatio', /expands 24 channels to 12582912, beyond the limit of 1048576/],
    ['an even kernel', withStage(base, 2, { kernel: 2 }), 'stages[2].kernel', /2 is not odd/],
    ['an unknown stage field', withStage(base, 1, { squeezeExcite: true }), 'stages[1].squeezeExcite', /is not a field of an MNASNet stage/],
  ])('%s is a SpecError at its path', (_label, spec, path, message) => {
    const error = errorOf(() => validateSpec(spec));
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).path).toBe(path);
    expect((error as SpecError).message).toMatch(message);
  });
});
