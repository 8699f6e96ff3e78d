import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError, zooModel, zooNames } from '../../src/index.js';
import { closest, MAX_COMPARED_NAME_LENGTH } from '../../src/internal/closest.js';
import { REPRODUCE, SEED } from '../seed.js';

/** Textbook Levenshtein distance, the full table: the reference. */
function levenshtein(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i]![j] = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return table[a.length]![b.length]!;
}

/** The reference ranking: every distance in full, a stable sort, the first `count`. */
function reference(name: string, candidates: readonly string[], count: number): string[] {
  const probe = name.slice(0, MAX_COMPARED_NAME_LENGTH).toLowerCase();
  return candidates
    .map((candidate, i) => ({ candidate, i, d: levenshtein(probe, candidate.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, count)
    .map((x) => x.candidate);
}

describe('closest', () => {
  it('ranks as the full edit-distance table does (ties in the candidates’ order)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '-', '1'), maxLength: 12 });
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (name, candidates, count) => {
        expect(closest(name, candidates, count)).toEqual(reference(name, candidates, count));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('suggests zoo names for typos', () => {
    expect(closest('RegNetY-4GF', zooNames())).toEqual(reference('RegNetY-4GF', zooNames(), 3));
    expect(closest('ResNeXt-5O', zooNames(), 1)).toEqual(['ResNeXt-50']);
    expect(closest('resnet5O', zooNames(), 1)).toEqual(['resnet50']);
  });

  it(`compares only the first ${MAX_COMPARED_NAME_LENGTH} characters of a long name`, () => {
    const long = `ResNet-50${'x'.repeat(10_000_000)}`;
    expect(closest(long, zooNames(), 3)).toEqual(reference(long.slice(0, MAX_COMPARED_NAME_LENGTH), zooNames(), 3));
    const error = (() => {
      try {
        zooModel(long);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toMatch(/^name: "ResNet-50x{48}\.\.\." \(10000009 characters\) is not a zoo model name: names have at most 256/);
  });
});
