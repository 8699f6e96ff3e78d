import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnalysisError, fitLinear, MAX_SERIES_LENGTH, pearson } from '../../src/index.js';
import { REPRODUCE, SEED } from '../seed.js';

const finite = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, -0, 5e-324, 1e308, -1.7976931348623157e308));
const hostileValue = fc.constantFrom<unknown>(NaN, Infinity, -Infinity, undefined, null, '1', 1n, {}, [], true);

/** Two equally long series of finite numbers, sometimes with one element or one array made hostile. */
const hostileSeriesPair: fc.Arbitrary<[number[], number[]]> = fc
  .array(fc.tuple(finite, finite), { minLength: 2, maxLength: 20 })
  .chain((pairs) =>
    fc.tuple(
      fc.constant(pairs),
      fc.oneof(
        { weight: 3, arbitrary: fc.constant('none' as const) },
        fc.tuple(fc.nat(pairs.length - 1), hostileValue).map(([i, v]) => ({ kind: 'value' as const, i, v })),
        fc.nat(pairs.length - 1).map((i) => ({ kind: 'hole' as const, i })),
        fc.constantFrom('revoked' as const, 'getter' as const, 'shorter' as const),
      ),
    ),
  )
  .map(([pairs, mutation]) => {
    const xs: unknown[] = pairs.map(([x]) => x);
    const ys: unknown[] = pairs.map(([, y]) => y);
    if (typeof mutation === 'object') {
      if (mutation.kind === 'value') xs[mutation.i] = mutation.v;
      else delete xs[mutation.i];
    } else if (mutation === 'shorter') {
      ys.pop();
    } else if (mutation === 'getter') {
      let reads = 0;
      Object.defineProperty(xs, 0, { get: () => (reads++ === 0 ? 1 : NaN) }); // a different answer each time
    } else if (mutation === 'revoked') {
      const { proxy, revoke } = Proxy.revocable(ys, {});
      revoke();
      return [xs as number[], proxy as number[]];
    }
    return [xs as number[], ys as number[]];
  });

describe('pearson and fitLinear', () => {
  it('are exact on lines', () => {
    expect(pearson([1, 2, 3, 4], [3, 5, 7, 9])).toBe(1);
    expect(pearson([1, 2, 3, 4], [9, 7, 5, 3])).toBe(-1);
    expect(fitLinear([0, 1, 2], [1, 3, 5])).toEqual({ intercept: 1, slope: 2 });
    expect(fitLinear([1, 2, 3], [4, 4, 4])).toEqual({ intercept: 4, slope: 0 });
  });

  it('agree with the textbook formulas on random data', () => {
    // Integer data keeps the textbook sums exact in doubles, so they make an independent reference.
    const series = fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), { minLength: 3, maxLength: 40 });
    fc.assert(
      fc.property(series, (pairs) => {
        const xs = pairs.map(([x]) => x);
        const ys = pairs.map(([, y]) => y);
        fc.pre(new Set(xs).size > 1 && new Set(ys).size > 1);
        const n = xs.length;
        const sx = xs.reduce((a, b) => a + b, 0);
        const sy = ys.reduce((a, b) => a + b, 0);
        const sxy = xs.reduce((a, x, i) => a + x * ys[i]!, 0);
        const sxx = xs.reduce((a, x) => a + x * x, 0);
        const syy = ys.reduce((a, y) => a + y * y, 0);
        const covariance = n * sxy - sx * sy;
        const naive = covariance / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        const r = pearson(xs, ys);
        expect(r).toBeGreaterThanOrEqual(-1);
        expect(r).toBeLessThanOrEqual(1);
        expect(r).toBeCloseTo(Math.max(-1, Math.min(1, naive)), 10);
        const { slope } = fitLinear(xs, ys);
        expect(slope).toBeCloseTo(covariance / (n * sxx - sx * sx), 10);
      }),
    );
  });

  it.each<[string, unknown, unknown, RegExp]>([
    ['empty', [], [], /^xs: has 0 values/],
    ['one value', [1], [2], /^xs: has 1 value \(at least 2/],
    ['length mismatch', [1, 2, 3], [1, 2], /^ys: has 2 values but xs has 3/],
    ['constant xs', [2, 2, 2], [1, 2, 3], /^xs: is constant/],
    ['NaN', [1, NaN, 3], [1, 2, 3], /^xs\[1\]: NaN is not a finite number/],
    ['Infinity', [1, 2, 3], [1, Infinity, 3], /^ys\[1\]: Infinity is not a finite number/],
    ['not an array', 'abc', [1, 2, 3], /^xs: "abc" is not an array/],
  ])('pearson rejects %s with an AnalysisError', (_, xs, ys, message) => {
    expect(() => pearson(xs as number[], ys as number[])).toThrow(AnalysisError);
    expect(() => pearson(xs as number[], ys as number[])).toThrow(message);
  });

  it('on near-valid series (one element or the array itself made hostile) gives a number in [-1, 1] or an AnalysisError', () => {
    let computed = 0;
    let runs = 0;
    fc.assert(
      fc.property(hostileSeriesPair, ([xs, ys]) => {
        runs++;
        for (const run of [() => pearson(xs, ys), () => fitLinear(xs, ys).slope]) {
          let result: number;
          try {
            result = run();
          } catch (error) {
            expect(error).toBeInstanceOf(AnalysisError);
            expect((error as AnalysisError).reason).not.toBe('');
            continue;
          }
          computed++;
          expect(Number.isFinite(result)).toBe(true);
        }
      }),
      { seed: SEED },
    );
    // Not vacuous: a good share of the inputs get past the checks to the arithmetic.
    expect(computed, REPRODUCE).toBeGreaterThan(runs / 4);
  });
});


describe('pearson and fitLinear at the ends of double precision', () => {
  it('neither overflow near 1e300 nor underflow near 1e-300', () => {
    expect(pearson([1e300, -1e300, 0], [1, 3, 2])).toBeCloseTo(-1, 12);
    expect(pearson([1e300, 2e300, 3e300], [1, 3, 2])).toBeCloseTo(0.5, 12);
    expect(pearson([1e-300, 2e-300, 3e-300], [1, 2, 3])).toBeCloseTo(1, 12);
    expect(fitLinear([1e-300, 2e-300, 3e-300], [1, 2, 3]).slope).toBeCloseTo(1e300, -288);
    expect(() => fitLinear([1e-300, 2e-300, 3e-300], [1e300, 2e300, 3e300])).toThrow(AnalysisError);
  });
});

describe('pearson and fitLinear at the edges of double precision', () => {
  it('do not mistake huge values for a constant series (exact reference: fractions in Python)', () => {
    expect(pearson([0, 1.5e308, 1e308], [1, 3, 2])).toBeCloseTo(0.9819805060619657, 14);
    expect(pearson([1.7976931348623157e308, 0, -1.7976931348623157e308], [1, 2, 4])).toBeCloseTo(-0.9819805060619657, 14);
    expect(pearson([5e-324, 1e-323, 1.5e-323], [1, 3, 2])).toBeCloseTo(0.5, 14);
  });

  it('fit lines of any magnitude, and refuse a slope beyond double range', () => {
    expect(fitLinear([0, 2 ** -1000, 2 ** -999], [0, 2 ** 20, 2 ** 21])).toEqual({ intercept: 0, slope: 2 ** 1020 });
    expect(fitLinear([0, 2 ** 1000, 2 ** 1001], [1, 1 + 2 ** -40, 1 + 2 ** -39])).toEqual({ intercept: 1, slope: 2 ** -1040 });
    expect(() => fitLinear([0, 2 ** -1000, 2 ** -999], [0, 2 ** 30, 2 ** 31])).toThrow(/^ys: the fitted line does not fit in double precision/);
  });

  it('refuse holes, getters that fail, revoked proxies and over-long series with an AnalysisError naming the element', () => {
    expect(() => pearson([1, , 3] as number[], [1, 2, 3])).toThrow(/^xs\[1\]: is missing \(the array has a hole here\)$/);
    const getter = [1, 2, 3];
    Object.defineProperty(getter, 2, { get: () => { throw new Error('no'); } });
    expect(() => pearson([1, 2, 3], getter)).toThrow(/^ys\[2\]: cannot be read \(no\)$/);
    const { proxy, revoke } = Proxy.revocable([1, 2, 3], {});
    revoke();
    expect(() => fitLinear(proxy, [1, 2, 3])).toThrow(AnalysisError);
    expect(() => pearson(new Array(MAX_SERIES_LENGTH + 1), [1])).toThrow(/^xs: has 1000001 numbers, more than MAX_SERIES_LENGTH \(1000000\)$/);
  });

  it('read each element once: a getter that changes its answer is read as its first answer', () => {
    const xs = [0, 1, 2];
    let reads = 0;
    Object.defineProperty(xs, 0, { get: () => (reads++ === 0 ? 0 : NaN) });
    expect(pearson(xs, [0, 1, 2])).toBe(1);
    expect(reads).toBe(1);
  });
});
