/** paretoFront: hand-checked fronts, and the defining property on random rows. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnalysisError, paretoFront } from '../../src/index.js';

interface Row {
  readonly name: string;
  readonly flops: number;
  readonly latency: number;
  readonly top1: number;
}

const rows: Row[] = [
  { name: 'a', flops: 4, latency: 10, top1: 70 },
  { name: 'b', flops: 2, latency: 12, top1: 68 },
  { name: 'c', flops: 5, latency: 11, top1: 71 }, // beaten on flops and latency by a, but more accurate
  { name: 'd', flops: 6, latency: 14, top1: 69 }, // beaten by a on everything
  { name: 'e', flops: 2, latency: 12, top1: 68 }, // ties b exactly
];

describe('paretoFront', () => {
  it('keeps the rows no other row beats on every objective, in the order given', () => {
    expect(paretoFront(rows, [(r) => r.flops, (r) => r.latency]).map((r) => r.name)).toEqual(['a', 'b', 'e']);
    expect(paretoFront(rows, [(r) => r.latency, { value: (r) => r.top1, goal: 'max' }]).map((r) => r.name)).toEqual(['a', 'c']);
    expect(paretoFront(rows, [(r) => r.flops, (r) => r.latency, { value: (r) => r.top1, goal: 'max', name: 'top-1' }]).map((r) => r.name)).toEqual(['a', 'b', 'c', 'e']);
  });

  it('with one objective, keeps the rows with the best value', () => {
    expect(paretoFront(rows, [(r) => r.flops]).map((r) => r.name)).toEqual(['b', 'e']);
    expect(paretoFront([], [(r: Row) => r.flops])).toEqual([]);
  });

  it('keeps exactly the non-dominated rows of random data (seeds printed on failure)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { maxLength: 40 }), fc.boolean(), (points, maximiseLast) => {
        const objectives = [(p: number[]) => p[0]!, (p: number[]) => p[1]!, maximiseLast ? { value: (p: number[]) => p[2]!, goal: 'max' as const } : (p: number[]) => p[2]!];
        const sign = [1, 1, maximiseLast ? -1 : 1];
        const dominates = (a: number[], b: number[]): boolean =>
          a.every((v, j) => sign[j]! * v <= sign[j]! * b[j]!) && a.some((v, j) => sign[j]! * v < sign[j]! * b[j]!);
        const front = paretoFront(points, objectives);
        const expected = points.filter((p) => !points.some((q) => dominates(q, p)));
        expect(front).toEqual(expected);
      }),
    );
  });

  it.each<[string, unknown, unknown, RegExp]>([
    ['rows that are not an array', 'rows', [(r: Row) => r.flops], /^rows: "rows" is not an array/],
    ['no objectives', rows, [], /^objectives: is empty/],
    ['an objective that is not a function', rows, [42], /^objectives\[0\]: 42 is not an object/],
    ['a bad goal', rows, [{ value: (r: Row) => r.flops, goal: 'least' }], /^objectives\[0\]\.goal: "least" is not 'min' or 'max'/],
    ['a NaN value', rows, [(r: Row) => (r.name === 'c' ? NaN : r.flops)], /^rows\[2\]: objective objectives\[0\] gives NaN, not a finite number/],
    ['a named objective giving a string', rows, [{ value: () => 'fast', name: 'latency' }], /^rows\[0\]: objective latency gives "fast"/],
  ])('refuses %s with AnalysisError', (_, input, objectives, message) => {
    expect(() => paretoFront(input as never, objectives as never)).toThrow(AnalysisError);
    expect(() => paretoFront(input as never, objectives as never)).toThrow(message);
  });

  it("turns an objective's own exception into an AnalysisError naming the row", () => {
    const rows = [{ flops: 1 }, undefined as unknown as { flops: number }];
    let caught: unknown;
    try {
      paretoFront(rows, [(row) => row.flops]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AnalysisError);
    expect((caught as AnalysisError).path).toBe('rows[1]');
  });
});
