import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'vega-lite';
import { parse, View } from 'vega';
import { describe, expect, it } from 'vitest';
import {
  AnalysisError,
  complexity,
  runtimeChart,
  scalingChart,
  sweep,
  zooModel,
  type RuntimePoint,
  type VegaLiteSpec,
} from '../../src/index.js';

type Values = Record<string, unknown>[];
const dataOf = (chart: VegaLiteSpec): Values => (chart.data as { values: Values }).values;

async function render(chart: VegaLiteSpec): Promise<string> {
  const view = new View(parse(compile(chart as never).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function thrown(action: () => unknown): AnalysisError {
  try {
    action();
  } catch (error) {
    if (error instanceof AnalysisError) return error;
    throw error;
  }
  throw new Error('expected an AnalysisError');
}

describe('scalingChart', () => {
  const factors = [1, 2 ** 0.5, 2, 4];
  const rows = sweep(zooModel('RegNetX-200MF'), { strategies: ['dWr', 'w', 'd'], factors });

  it('carries one point per row, its strategy, factor and exact complexity', () => {
    const chart = scalingChart(rows);
    expect(dataOf(chart)).toEqual(rows.map((row) => ({ strategy: row.name, factor: row.factor, ...row.complexity })));
    expect(chart.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    expect(chart.title).toBe('acts vs flops');
  });

  it('plots the chosen metric against flops on log axes, series in the order they come, joined by factor', () => {
    const chart = scalingChart(rows, { metric: 'params', title: 'RegNetX-200MF', width: 300, height: 200 });
    const encoding = chart.encoding as Record<string, Record<string, unknown>>;
    expect(encoding.x).toMatchObject({ field: 'flops', scale: { type: 'log' } });
    expect(encoding.y).toMatchObject({ field: 'params', scale: { type: 'log' } });
    expect(encoding.color).toMatchObject({ field: 'strategy', sort: ['dWr', 'w', 'd'] });
    expect(encoding.order).toMatchObject({ field: 'factor' });
    expect(chart).toMatchObject({ title: 'RegNetX-200MF', width: 300, height: 200 });
  });

  it('renders with vega-lite and vega: one line per strategy, one point per row', async () => {
    const svg = await render(scalingChart(rows));
    expect(svg.startsWith('<svg')).toBe(true);
    expect([...svg.matchAll(/aria-roledescription="line mark"/g)]).toHaveLength(3);
    expect([...svg.matchAll(/aria-roledescription="point"/g)]).toHaveLength(rows.length);
  });

  it('titles its axes with their units', () => {
    const encoding = (metric: 'acts' | 'params'): Record<string, { title: string }> => scalingChart(rows, { metric }).encoding as never;
    expect(encoding('acts').x!.title).toBe('flops (multiply-adds)');
    expect(encoding('acts').y!.title).toBe('activations (tensor elements)');
    expect(encoding('params').y!.title).toBe('parameters (weights)');
  });

  it('rejects options that are not an object of its fields, and holes in the rows, as AnalysisError', () => {
    expect(thrown(() => scalingChart(rows, null as never)).message).toBe('options: null is not an object (scaling chart options)');
    expect(thrown(() => scalingChart(rows, 42 as never)).path).toBe('options');
    expect(thrown(() => scalingChart(rows, { metrc: 'acts' } as never)).path).toBe('options.metrc');
    expect(thrown(() => scalingChart(rows, { title: 7 } as never)).message).toBe('options.title: 7 is not a string');
    expect(thrown(() => scalingChart([rows[0]!, , rows[1]!] as never)).message).toBe('rows[1]: is missing (the array has a hole here)');
  });

  it('rejects empty rows, a bad metric, and counts a log axis cannot show, naming the field', () => {
    expect(thrown(() => scalingChart([])).path).toBe('rows');
    expect(thrown(() => scalingChart(rows, { metric: 'flops' as never })).path).toBe('options.metric');
    expect(thrown(() => scalingChart(rows, { width: 0 })).path).toBe('options.width');
    const bad = [rows[0]!, { ...rows[1]!, complexity: { ...rows[1]!.complexity, acts: 0 } }];
    expect(thrown(() => scalingChart(bad)).message).toBe('rows[1].complexity.acts: 0 is not a finite number > 0');
    expect(thrown(() => scalingChart([{ ...rows[0]!, name: '' }])).path).toBe('rows[0].name');
  });
});

describe('runtimeChart', () => {
  // pycls's V100 inference times (test_fw_time, seconds per batch of 64), from the fixture.
  const timing = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/pycls/dev/model_timing.json'), 'utf8')) as Record<string, { test_fw_time: number }>;
  const names = ['RegNetX-200MF', 'RegNetX-1.6GF', 'RegNetX-16GF', 'RegNetY-400MF'];
  const points: RuntimePoint[] = names.map((name) => ({ name, seconds: timing[name]!.test_fw_time, complexity: complexity(zooModel(name)) }));

  it('has a row per point and metric, faceted by metric with independent x scales', () => {
    const chart = runtimeChart(points);
    const values = dataOf(chart);
    expect(values).toHaveLength(3 * points.length);
    for (const point of points) {
      for (const metric of ['flops', 'params', 'acts'] as const) {
        expect(values).toContainEqual({ model: point.name, series: '', seconds: point.seconds, metric, value: point.complexity[metric] });
      }
    }
    expect(chart.facet).toMatchObject({ column: { field: 'metric', sort: ['flops', 'params', 'acts'] } });
    expect(chart.resolve).toEqual({ scale: { x: 'independent' } });
  });

  it("draws each panel's least-squares line (vega's linear regression) over the points", async () => {
    const chart = runtimeChart(points, { timeTitle: 'test_fw_time' });
    const fit = (chart.spec as { layer: { transform?: unknown[] }[] }).layer[1]!.transform;
    expect(fit).toEqual([{ regression: 'seconds', on: 'value', groupby: ['metric'], method: 'linear' }]);
    const svg = await render(chart);
    expect([...svg.matchAll(/aria-roledescription="point"/g)]).toHaveLength(3 * points.length);
    expect([...svg.matchAll(/aria-roledescription="line mark"/g)]).toHaveLength(3);
  });

  it('colours points by series only when some point has one', () => {
    expect((runtimeChart(points).spec as { layer: { encoding: Record<string, unknown> }[] }).layer[0]!.encoding.color).toBeUndefined();
    const grouped = points.map((point, i) => ({ ...point, series: i % 2 === 0 ? 'a' : 'b' }));
    expect((runtimeChart(grouped).spec as { layer: { encoding: Record<string, unknown> }[] }).layer[0]!.encoding.color).toMatchObject({ field: 'series' });
  });

  it('titles the time axis with its unit', () => {
    const y = (chart: VegaLiteSpec): unknown => (chart.spec as { layer: { encoding: { y: { title: string } } }[] }).layer[0]!.encoding.y.title;
    expect(y(runtimeChart(points))).toBe('time (seconds)');
    expect(y(runtimeChart(points, { timeTitle: 'latency (ms)' }))).toBe('latency (ms)');
  });

  it('rejects options that are not an object of its fields, and holes in the points, as AnalysisError', () => {
    expect(thrown(() => runtimeChart(points, null as never)).message).toBe('options: null is not an object (runtime chart options)');
    expect(thrown(() => runtimeChart(points, { timeTitle: null } as never)).path).toBe('options.timeTitle');
    expect(thrown(() => runtimeChart([points[0]!, , points[1]!] as never)).message).toBe('points[1]: is missing (the array has a hole here)');
  });

  it('rejects too few points and bad times, naming the field', () => {
    expect(thrown(() => runtimeChart(points.slice(0, 1))).path).toBe('points');
    expect(thrown(() => runtimeChart([points[0]!, { ...points[1]!, seconds: -1 }])).message).toBe('points[1].seconds: -1 is not a finite number >= 0');
  });
});

describe('the library entry', () => {
  it('never loads vega or vega-lite (only the command line does, on demand)', () => {
    for (const file of ['index.js', 'index.cjs']) {
      const path = join(import.meta.dirname, '../../dist', file);
      if (!existsSync(path)) continue; // built by npm test's pretest
      expect(readFileSync(path, 'utf8')).not.toMatch(/["']vega(-lite)?["']/);
    }
    const sources = ['scaling-chart.ts', 'runtime-chart.ts', 'spec.ts', 'index.ts'].map((file) =>
      readFileSync(join(import.meta.dirname, '../../src/plot', file), 'utf8'),
    );
    for (const source of sources) expect(source).not.toMatch(/from ['"]vega/);
  });
});
