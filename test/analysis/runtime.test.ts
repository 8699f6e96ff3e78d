import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnalysisError, complexity, correlateRuntime, fitLinear, pearson, SpecError, zooModel, zooNames } from '../../src/index.js';
import { pyclsTimings } from '../helpers/fixtures.js';

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

  it('only ever throws AnalysisError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (xs, ys) => {
        for (const run of [() => pearson(xs as number[], ys as number[]), () => fitLinear(xs as number[], ys as number[])]) {
          try {
            run();
          } catch (error) {
            expect(error).toBeInstanceOf(AnalysisError);
          }
        }
      }),
    );
  });
});

describe('correlateRuntime on pycls’s V100 timings', () => {
  const timings = pyclsTimings();
  const regNets = zooNames().filter((name) => name.startsWith('RegNet'));

  it('over the 24 RegNets, runtime tracks acts best: r(acts) > r(flops) > r(params), as DOMAIN.md §8 states', () => {
    expect(regNets).toHaveLength(24);
    const c = correlateRuntime(regNets.map((name) => ({ spec: zooModel(name), seconds: timings[name]!.test_fw_time })));
    expect(c.acts!.r).toBeGreaterThan(c.flops!.r);
    expect(c.flops!.r).toBeGreaterThan(c.params!.r);
    expect(c.best).toBe('acts');
    expect(c.acts!.r.toFixed(2)).toBe('0.95');
    expect(c.flops!.r.toFixed(2)).toBe('0.86');
    expect(c.params!.r.toFixed(2)).toBe('0.83');
    expect(c.samples).toBe(24);
  });

  it('accepts complexities as well as specs, with the same result', () => {
    const bySpec = correlateRuntime(regNets.map((name) => ({ spec: zooModel(name), seconds: timings[name]!.train_fw_bw_time })));
    const byCx = correlateRuntime(regNets.map((name) => ({ complexity: complexity(zooModel(name)), seconds: timings[name]!.train_fw_bw_time })));
    expect(byCx).toEqual(bySpec);
  });

  it('reports a constant metric as null and picks the best among the others', () => {
    const base = complexity(zooModel('RegNetX-200MF'));
    const c = correlateRuntime([1, 2, 3, 4].map((k) => ({ complexity: { ...base, flops: base.flops * k, acts: base.acts * k * k }, seconds: k })));
    expect(c.params).toBeNull();
    expect(c.best).toBe('flops');
  });

  it.each<[string, unknown, RegExp]>([
    ['too few samples', [{ complexity: { flops: 1, params: 1, acts: 1 }, seconds: 1 }], /^samples: has 1 sample \(at least 3/],
    ['negative seconds', [1, 2, -3].map((s) => ({ complexity: { flops: s * s, params: 1, acts: 2 }, seconds: s })), /^samples\[2\]\.seconds: -3/],
    ['constant seconds', [1, 2, 3].map((s) => ({ complexity: { flops: s, params: s, acts: s }, seconds: 1 })), /all seconds are equal/],
    ['both spec and complexity', [1, 2, 3].map((s) => ({ spec: zooModel('RegNetX-200MF'), complexity: { flops: s, params: s, acts: s }, seconds: s })), /needs exactly one of spec or complexity/],
    ['NaN in a complexity', [1, 2, 3].map((s) => ({ complexity: { flops: NaN, params: s, acts: s }, seconds: s })), /^samples\[0\]\.complexity\.flops: NaN/],
    ['all metrics constant', [1, 2, 3].map((s) => ({ complexity: { flops: 1, params: 1, acts: 1 }, seconds: s })), /nothing to correlate/],
    ['not an array', 'timings.json', /^samples: "timings.json" is not an array/],
  ])('rejects %s with an AnalysisError', (_, samples, message) => {
    expect(() => correlateRuntime(samples as never)).toThrow(AnalysisError);
    expect(() => correlateRuntime(samples as never)).toThrow(message);
  });

  it('passes a bad spec’s SpecError through', () => {
    expect(() => correlateRuntime([1, 2, 3].map((s) => ({ spec: { family: 'x' } as never, seconds: s })))).toThrow(SpecError);
  });
});

describe('correlateRuntime on arbitrary input', () => {
  it('only ever throws AnalysisError (or SpecError for a bad spec inside a sample)', () => {
    const sample = fc.record(
      {
        complexity: fc.oneof(
          fc.record({ flops: fc.double(), params: fc.double(), acts: fc.double() }),
          fc.anything(),
        ),
        seconds: fc.oneof(fc.double(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.array(sample, { maxLength: 6 }), fc.anything()), (samples) => {
        try {
          const c = correlateRuntime(samples as never);
          for (const fit of [c.flops, c.params, c.acts]) {
            if (fit !== null) expect(Number.isFinite(fit.r) && Number.isFinite(fit.slope) && Number.isFinite(fit.intercept)).toBe(true);
          }
        } catch (error) {
          expect(error instanceof AnalysisError || error instanceof SpecError).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
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
