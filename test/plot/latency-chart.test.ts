/** latencyChart: predicted against measured latency, as a Vega-Lite spec; bad points are typed errors. */
import { describe, expect, it } from 'vitest';
import { AnalysisError, latencyChart, type LatencyPoint } from '../../src/index.js';
import { thrown } from '../helpers/errors.js';

const points: LatencyPoint[] = [
  { name: 'a', predicted: 0.012, measured: 0.011, series: 'd' },
  { name: 'b', predicted: 0.031, measured: 0.034, series: 'w' },
];

describe('latencyChart', () => {
  it('plots each point with its relative error, over the diagonal and a ±10% band on log axes', () => {
    const chart = latencyChart(points, { unit: 'ms' }) as unknown as { layer: { data: { values: Record<string, unknown>[] } }[] };
    const values = chart.layer[1]!.data.values;
    expect(values.map((v) => v.model)).toEqual(['a', 'b']);
    // 0.012 / 0.011 - 1 and 0.031 / 0.034 - 1, worked by hand.
    expect(values[0]!.error).toBeCloseTo(0.0909090909, 9);
    expect(values[1]!.error).toBeCloseTo(-0.0882352941, 9);
    const lines = chart.layer[0]!.data.values;
    expect(new Set(lines.map((l) => l.line))).toEqual(new Set(['equal', '+10%', '-10%']));
    // The domain reaches a tenth beyond the data: 0.011 / 1.1 to 0.034 * 1.1.
    expect(lines[0]).toEqual({ line: 'equal', x: 0.011 / 1.1, y: 0.011 / 1.1 });
    expect(lines[1]).toEqual({ line: 'equal', x: 0.034 * 1.1, y: 0.034 * 1.1 });
  });

  it.each<[string, unknown, unknown, string]>([
    ['no points', [], undefined, 'points: is empty (expected at least one point)'],
    ['a hole', [points[0], , points[1]], undefined, 'points[1]: is missing (the array has a hole here)'],
    ['a zero time', [{ ...points[0], measured: 0 }], undefined, 'points[0].measured: 0 is not a number in [1e-100, 1e100]'],
    ['a time whose ratio overflows', [{ ...points[0], predicted: 1e308 }], undefined, 'points[0].predicted: 1e+308 is not a number in [1e-100, 1e100]'],
    ['NaN', [{ ...points[0], predicted: NaN }], undefined, 'points[0].predicted: NaN is not a number in [1e-100, 1e100]'],
    ['a band of 1', points, { band: 1 }, 'options.band: 1 is not a number in (0, 1)'],
    ['options null', points, null, 'options: null is not an object (latency chart options)'],
  ])('%s is an AnalysisError naming the field', (_, given, options, message) => {
    expect(thrown(() => latencyChart(given as LatencyPoint[], options as never), AnalysisError).message).toBe(message);
  });

  it('reads a revoked proxy as a typed error, not a TypeError', () => {
    const { proxy, revoke } = Proxy.revocable({ ...points[0] }, {});
    revoke();
    expect(thrown(() => latencyChart([proxy as LatencyPoint]), AnalysisError).message).toMatch(/^points\[0\]/);
  });
});
