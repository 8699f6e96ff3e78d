/** adjustBlockCompatibility (src/spec/compatibility.ts) against pycls's own adjust_block_compatibility. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adjustBlockCompatibility, SpecError } from '../../src/index.js';
import { errorOf, thrown } from '../helpers/errors.js';
import { pyclsRounding } from '../helpers/pycls-rounding.js';

describe("adjustBlockCompatibility: pycls's adjust_block_compatibility on every width 1..64, multiplier and group width", () => {
  const rows = pyclsRounding().compatibility;

  it('has 2,257 rows, ties of round(v / m) among them, and the inputs pycls asserts against', () => {
    expect(rows).toHaveLength(2257);
    // Ties of round(v / m): 20 / 8 = 2.5 -> 2 and 12 / 8 = 1.5 -> 2 (groups of 8), 36 x 0.5 / 4 = 4.5 -> 4.
    expect(rows).toContainEqual([20, 1, 8, 16, 8]);
    expect(rows).toContainEqual([12, 1, 8, 16, 8]);
    expect(rows).toContainEqual([36, 0.5, 4, 32, 4]);
    expect(rows.filter((row) => typeof row[3] === 'string')).toHaveLength(5);
  });

  it.each(rows.filter((row) => typeof row[3] === 'number').map((row) => [row[0], row[1], row[2], row[3], row[4]] as const))(
    'w %d, b %d, g %d -> w %d, g %d',
    (width, bottleneckMultiplier, groupWidth, expectedWidth, expectedGroupWidth) => {
      expect(adjustBlockCompatibility([{ width, bottleneckMultiplier, groupWidth }])).toEqual([
        { width: expectedWidth, bottleneckMultiplier, groupWidth: expectedGroupWidth },
      ]);
    },
  );

  it.each(rows.filter((row) => typeof row[3] === 'string').map((row) => [row[0], row[1], row[2]] as const))(
    'w %d, b %d, g %d: pycls asserts, a SpecError here',
    (width, bottleneckMultiplier, groupWidth) => {
      expect(errorOf(() => adjustBlockCompatibility([{ width, bottleneckMultiplier, groupWidth }]))).toBeInstanceOf(SpecError);
    },
  );
});

describe('adjustBlockCompatibility', () => {
  it('makes width * multiplier a multiple of the (capped) group width, as pycls asserts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            width: fc.integer({ min: 1, max: 4096 }),
            bottleneckMultiplier: fc.constantFrom(0.25, 0.5, 1, 2, 3, 4),
            groupWidth: fc.integer({ min: 1, max: 256 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (stages) => {
          const adjusted = adjustBlockCompatibility(stages);
          adjusted.forEach((stage, i) => {
            expect((stage.width * stage.bottleneckMultiplier) % stage.groupWidth).toBe(0);
            expect(stage.groupWidth).toBeLessThanOrEqual(stages[i]!.groupWidth);
            expect(stage.bottleneckMultiplier).toBe(stages[i]!.bottleneckMultiplier);
          });
        },
      ),
    );
  });

  it('throws SpecError, as pycls asserts, where a non-dyadic multiplier leaves the product fractional', () => {
    expect(() => adjustBlockCompatibility([{ width: 1, bottleneckMultiplier: 0.75, groupWidth: 1 }])).toThrow(
      '[0].bottleneckMultiplier: width 1 x 0.75 is not a multiple of group width 1',
    );
  });

  it('rounds the bottleneck width half to even: 100 x 0.25 / 8 = 3.125 -> 3 groups of 8, width 96', () => {
    expect(adjustBlockCompatibility([{ width: 100, bottleneckMultiplier: 0.25, groupWidth: 8 }])).toEqual([
      { width: 96, bottleneckMultiplier: 0.25, groupWidth: 8 },
    ]);
    // 80 x 0.25 = 20 = 2.5 groups of 8: Python's round(2.5) is 2, so 16 -> width 64 (Math.round would give 96).
    expect(adjustBlockCompatibility([{ width: 80, bottleneckMultiplier: 0.25, groupWidth: 8 }])[0]!.width).toBe(64);
  });

  it('rejects a multiplier above 1 that is not an integer', () => {
    expect(() => adjustBlockCompatibility([{ width: 64, bottleneckMultiplier: 1.5, groupWidth: 8 }])).toThrow(
      '[0].bottleneckMultiplier: 1.5 is above 1 but not an integer',
    );
  });
});

describe('adjustBlockCompatibility messages', () => {
  const message = (value: unknown): string => thrown(() => adjustBlockCompatibility(value as never), SpecError).message;
  const good = { width: 8, bottleneckMultiplier: 1, groupWidth: 8 };

  it('names the list, the stage and the field, each exactly', () => {
    expect(message(5)).toBe('stages: 5 is not an array (stage shapes)');
    expect(message(Array(1001).fill(good))).toBe('stages: has 1001 elements, more than the limit of 1000');
    expect(message([good, 5])).toBe('[1]: 5 is not an object (a stage shape)');
    expect(message([good, { ...good, width: 0 }])).toBe('[1].width: 0 is not a positive integer');
    expect(message([good, { ...good, groupWidth: 0 }])).toBe('[1].groupWidth: 0 is not a positive integer');
    expect(message([good, { ...good, bottleneckMultiplier: 0 }])).toBe('[1].bottleneckMultiplier: 0 is not a finite number > 0');
    expect(message([good, { ...good, depth: 1 }])).toBe('[1].depth: is not a field of a stage shape (fields: width, bottleneckMultiplier, groupWidth)');
    // As pycls asserts: 1 x 0.75 = 0.75 channels is no multiple of any group width.
    expect(message([good, { width: 1, bottleneckMultiplier: 0.75, groupWidth: 1 }])).toBe('[1].bottleneckMultiplier: width 1 x 0.75 is not a multiple of group width 1');
  });
});
