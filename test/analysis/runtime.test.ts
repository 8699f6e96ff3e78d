import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnalysisError, complexity, correlateRuntime, SpecError, zooModel, zooNames } from '../../src/index.js';
import { pyclsTimings } from '../helpers/fixtures.js';

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
