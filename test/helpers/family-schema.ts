/**
 * A family's specs at the boundary, as one suite its schema test registers: valid specs read back equal,
 * and bad ones are SpecErrors that name the field (its path) and the bad value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complexity, SpecError, validateSpec, type ModelSpec } from '../../src/index.js';
import { checkSpec } from '../../src/spec/check.js';
import { badValue, leafPaths, withLeaf } from '../arbitraries.js';
import { errorOf } from './errors.js';

/** `spec` with stage `i` changed (left unchecked: the point is to hand validation bad stages). */
export function withStage<S extends { readonly stages: readonly object[] }>(spec: S, i: number, change: Record<string, unknown>): unknown {
  return { ...spec, stages: spec.stages.map((stage, j) => (i === j ? { ...stage, ...change } : stage)) };
}

/** One hand-made bad spec: its title, the spec, the SpecError's path and what its message must match. */
export type BadSpecCase = [label: string, spec: unknown, path: string, message: RegExp];

export interface FamilySchemaSuite {
  /** As titles name it: `MobileNet`, `MNASNet`. */
  readonly family: string;
  readonly specs: fc.Arbitrary<ModelSpec>;
  /** The leaf paths that hold positive integers. */
  readonly isIntegerPath: (path: readonly (string | number)[]) => boolean;
  readonly badSpecs: readonly BadSpecCase[];
}

/** The path as SpecError writes it: `stages[1].width`. */
const pathText = (path: readonly (string | number)[]) => path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${key}`)).join('');

/** "valid <family> specs" and "malformed <family> specs". */
export function describeFamilySchema(suite: FamilySchemaSuite): void {
  describe(`valid ${suite.family} specs`, () => {
    it('read back equal, as new plain objects, and count to positive safe integers', () => {
      fc.assert(
        fc.property(suite.specs, (spec) => {
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

  describe(`malformed ${suite.family} specs`, () => {
    it('any single field replaced by a bad value: passes or throws SpecError, never anything else', () => {
      fc.assert(
        fc.property(
          suite.specs.chain((spec) => fc.tuple(fc.constant(spec), fc.constantFrom(...leafPaths(spec)), badValue)),
          ([spec, path, value]) => {
            const error = errorOf(() => complexity(withLeaf(spec, path, value) as ModelSpec));
            if (error !== undefined) expect(error).toBeInstanceOf(SpecError);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('integer fields reject wrong types, zero, negatives and fractions, naming the field path and value', () => {
      fc.assert(
        fc.property(
          suite.specs.chain((spec) =>
            fc.tuple(fc.constant(spec), fc.constantFrom(...leafPaths(spec).filter(suite.isIntegerPath)), fc.constantFrom(-8, 0, NaN, 2.5, '8', null, Infinity)),
          ),
          ([spec, path, value]) => {
            const error = errorOf(() => validateSpec(withLeaf(spec, path, value)));
            expect(error).toBeInstanceOf(SpecError);
            expect((error as SpecError).path).toBe(pathText(path));
            expect((error as SpecError).message).toContain(typeof value === 'string' ? JSON.stringify(value) : String(value));
          },
        ),
        { numRuns: 300 },
      );
    });

    it.each(suite.badSpecs)('%s is a SpecError at its path', (_label, spec, path, message) => {
      const error = errorOf(() => validateSpec(spec));
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).path).toBe(path);
      expect((error as SpecError).message).toMatch(message);
    });
  });
}
