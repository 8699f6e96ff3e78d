import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyFilters,
  edfChart,
  errorEdf,
  getFilters,
  metricChart,
  metricValues,
  normalizedErrorEdf,
  SweepError,
  trendChart,
  zooModel,
  type SweepRecord,
} from '../../src/index.js';

const read = (name: string): string => readFileSync(new URL(`../fixtures/pycls-sweeps/${name}`, import.meta.url), 'utf8');
/** 32 trained-model records over the reference cifar_regnet sweep (scripts/pycls-analysis-fixtures.py). */
const RECORDS = JSON.parse(read('analysis-records.json')) as SweepRecord[];
/** pycls's own answers on them. */
const PYCLS = JSON.parse(read('analysis.json')) as {
  filters: { seed: number; alpha: number; sample: number; bootstraps: number; metrics: string[]; result: Record<string, [number, number, number]> }[];
  applied: { filters: Record<string, [number, number, number]>; kept: number[] }[];
  edf: [number, number][];
  normalized: { metric: 'flops' | 'params' | 'acts'; bins: number; range: [number, number]; result: [number, number][] }[];
};

describe("pycls's get_filters, seeded", () => {
  it.each(PYCLS.filters.map((f) => [f.seed, f.alpha, f.sample, f.bootstraps, f] as const))(
    'seed %i, alpha %s, sample %s, %i bootstraps: the same ranges as pycls',
    (_, __, ___, ____, f) => {
      const filters = getFilters(RECORDS, f.metrics, { seed: f.seed, alpha: f.alpha, sample: f.sample, bootstraps: f.bootstraps });
      expect(filters).toEqual(f.result);
    },
  );

  it('reads metrics as pycls does: shortcuts, transforms, config keys and record metrics', () => {
    const [first] = RECORDS;
    expect(metricValues([first!], 'regnet_wa')).toEqual([24.4]); // REGNET.DEPTH 11 REGNET.W0 128 REGNET.WA 24.4 ...
    expect(metricValues([first!], 'flops')).toEqual([first!.complexity!.flops / 1e9]);
    expect(metricValues([first!], 'cfg.REGNET.DEPTH')).toEqual([11]);
    expect(metricValues([first!], 'complexity.acts')).toEqual([first!.complexity!.acts]);
    expect(metricValues([first!], 'epoch_time')).toEqual([first!.metrics!.epoch_time]);
    expect(metricValues([first!], 'lr')).toEqual([0]); // log10(BASE_LR 1.0)
    expect(metricValues([first!], 'anynet_d')).toEqual([11]); // the AnyNet form's depths 3 + 8
  });
});

describe("pycls's apply_filters", () => {
  it.each(PYCLS.applied.map((a, i) => [i, a] as const))('filters %i keep the records pycls keeps', (_, a) => {
    const kept = applyFilters(RECORDS, a.filters);
    expect(kept.map((r) => RECORDS.indexOf(r))).toEqual(a.kept);
  });
});

describe('error EDFs', () => {
  it("pycls's plot_edf: sorted errors, numpy's cumsum of 1/n", () => {
    expect(errorEdf(RECORDS).map((p) => [p.error, p.probability])).toEqual(PYCLS.edf);
  });

  it.each(PYCLS.normalized.map((n) => [n.metric, n.bins, n] as const))('normalized over %s in %i bins: the NDS weights', (metric, bins, n) => {
    const edf = normalizedErrorEdf(RECORDS, { metric, bins, range: n.range });
    expect(edf.map((p) => [p.error, p.probability])).toEqual(n.result);
  });

  it('counts complexity from a spec or a config when the record has none', () => {
    const spec = zooModel('RegNetX-200MF');
    const fromSpec = normalizedErrorEdf([{ error: 5, spec }, { error: 4, spec }], { bins: 1 });
    expect(fromSpec).toEqual([{ error: 4, probability: 0.5 }, { error: 5, probability: 1 }]);
    const { complexity: _, ...withoutComplexity } = RECORDS[0]!;
    expect(metricValues([withoutComplexity], 'complexity.flops')).toEqual([RECORDS[0]!.complexity!.flops]);
  });

  it('an empty complexity bin, a bad option or a bad record is a SweepError naming it', () => {
    expect(() => normalizedErrorEdf(RECORDS, { bins: 40 })).toThrow(/bin \d+ .* holds no model/);
    expect(() => normalizedErrorEdf(RECORDS, { bins: 0 })).toThrow(SweepError);
    expect(() => errorEdf([])).toThrow(/records: is empty/);
    expect(() => errorEdf([{ error: Number.NaN }])).toThrow(/records\[0\].error/);
    expect(() => metricValues([{ error: 1 }], 'regnet_depth')).toThrow(/records\[0\]: has no config/);
    expect(() => getFilters(RECORDS, ['nope'])).toThrow(/has no metric nope/);
  });
});

describe('sweep charts (Vega-Lite)', () => {
  const series = [
    { name: 'first half', records: RECORDS.slice(0, 16) },
    { name: 'second half', records: RECORDS.slice(16) },
  ];

  it('edfChart: one step line per sweep, data from errorEdf, pycls legend labels', () => {
    const chart = edfChart(series) as unknown as { data: { values: { sweep: string; error: number; probability: number }[] }; mark: { interpolate: string } };
    expect(chart.mark.interpolate).toBe('step-after');
    const first = chart.data.values.filter((v) => v.sweep.startsWith('first half ('));
    expect(first.map((v) => [v.error, v.probability])).toEqual(errorEdf(series[0]!.records).map((p) => [p.error, p.probability]));
    const errors = series[0]!.records.map((r) => r.error);
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    expect(first[0]!.sweep).toBe(`first half (16|${Math.min(...errors).toFixed(1)}|${mean.toFixed(1)})`);
  });

  it('metricChart: models, good range and best from get_filters, per sweep panel', () => {
    const chart = metricChart(series, "regnet_wm", { filterOptions: { seed: 0 } }) as unknown as { data: { values: Record<string, unknown>[] } };
    const ranges = chart.data.values.filter((v) => v.kind === 'range');
    const expected = getFilters(series[1]!.records, ['regnet_wm'], { seed: 0 }).regnet_wm!;
    expect(ranges[1]).toMatchObject({ sweep: 'second half', low: expected[0], best: expected[1], high: expected[2] });
    expect(chart.data.values.filter((v) => v.kind === 'model')).toHaveLength(32);
  });

  it('trendChart: full range, good range and best per sweep, in order', () => {
    const filters = { 'first half': { flops: [0.121, 0.123, 0.125] as const }, 'second half': { flops: [0.122, 0.124, 0.126] as const } };
    const chart = trendChart(series, "flops", { filters }) as unknown as { data: { values: Record<string, unknown>[] } };
    const flops = metricValues(series[0]!.records, 'flops');
    expect(chart.data.values[0]).toEqual({ sweep: 'first half', index: 0, min: Math.min(...flops), max: Math.max(...flops), low: 0.121, best: 0.123, high: 0.125 });
    expect(() => trendChart(series, 'flops', { filters: { 'first half': {} } })).toThrow(/options.filters.first half.flops/);
    expect(() => edfChart([])).toThrow(SweepError);
    expect(() => edfChart([series[0]!, series[0]!])).toThrow(/names two series/);
  });
});
