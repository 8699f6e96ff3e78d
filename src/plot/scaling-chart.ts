import { AnalysisError } from '../errors.js';
import { ownedArray, ownedRecord, pickFields } from '../internal/read.js';
import { describe } from '../internal/describe.js';
import type { Complexity } from '../spec/types.js';
import { VEGA_LITE_SCHEMA, type VegaLiteSpec } from './spec.js';

/**
 * One point of {@link scalingChart}: the fields it reads from a {@link ScaledRow} of {@link sweep}.
 *
 * @example
 * ```ts
 * import type { ScalingChartRow } from 'fastscale';
 * const row: ScalingChartRow = { name: 'dWr', factor: 2, complexity: { flops: 8e8, params: 7e6, acts: 5.9e6 } };
 * ```
 */
export interface ScalingChartRow {
  /** The series (strategy) the point belongs to. */
  readonly name: string;
  /** The flops factor it was scaled by: points of a series are joined in this order. */
  readonly factor: number;
  /** The scaled network's exact flops, params and acts: the point's position. */
  readonly complexity: Complexity;
}

/**
 * Options of {@link scalingChart}.
 *
 * @example
 * ```ts
 * import type { ScalingChartOptions } from 'fastscale';
 * const options: ScalingChartOptions = { metric: 'params', title: 'ResNet-50' };
 * ```
 */
export interface ScalingChartOptions {
  /** What to plot against flops; default `acts`. */
  readonly metric?: 'acts' | 'params';
  /** Chart title; default `"<metric> vs flops"`. */
  readonly title?: string;
  /** Plot area width in pixels; default 480. */
  readonly width?: number;
  /** Plot area height in pixels; default 360. */
  readonly height?: number;
}

/** Axis titles with their unit (the tick labels carry SI prefixes: 4M, 2G). */
const AXIS_TITLES = { flops: 'flops (multiply-adds)', acts: 'activations (tensor elements)', params: 'parameters (weights)' } as const;

const OPTION_FIELDS = ['metric', 'title', 'width', 'height'];

/**
 * A Vega-Lite chart of activations (or parameters) against flops on log-log axes, one line per strategy
 * with a point per factor, like the paper's Figure 2: the rows of {@link sweep} over factors `2^(k/4)`
 * show how fast each strategy's activations grow (the slope is the exponent). Series keep the order in
 * which they first appear in `rows`; each series' points are joined in order of factor. Pure: no
 * charting library is loaded; render the result with vega-lite and vega.
 *
 * @throws {@link AnalysisError} for no rows, a row without a name, factor or complexity, or options that
 * are not an object of the fields above with valid values
 *
 * @example
 * ```ts
 * import { scalingChart, sweep, zooModel } from 'fastscale';
 * const factors = Array.from({ length: 13 }, (_, k) => 2 ** (k / 4)); // 1 ... 8
 * const rows = sweep(zooModel('RegNetY-400MF'), { strategies: ['d', 'w', 'r', 'dWr'], factors });
 * const chart = scalingChart(rows, { metric: 'acts', title: 'RegNetY-400MF' });
 * // SVG: new View(parse(compile(chart).spec), { renderer: 'none' }).toSVG() (vega-lite, vega)
 * ```
 */
export function scalingChart(rows: readonly ScalingChartRow[], options: ScalingChartOptions = {}): VegaLiteSpec {
  const owned = ownedArray(rows, 'rows', AnalysisError, { value: MAX_CHART_POINTS, name: 'the chart point limit' }, 'rows');
  if (owned.length === 0) throw new AnalysisError('rows', 'is empty (expected at least one row)');
  const checked = ownedRecord(options, OPTION_FIELDS, 'options', 'scaling chart options', AnalysisError) as ScalingChartOptions;
  const metric = checked.metric ?? 'acts';
  if (metric !== 'acts' && metric !== 'params') {
    throw new AnalysisError('options.metric', `${describe(metric)} is not one of 'acts', 'params'`);
  }
  const title = chartTitle(checked.title, `${metric} vs flops`, 'options.title');
  const width = pixels(checked.width, 480, 'options.width');
  const height = pixels(checked.height, 360, 'options.height');
  const series: string[] = [];
  // A for loop, not map: map skips the holes of a sparse array, which must be reported.
  const values = [];
  for (let i = 0; i < owned.length; i++) {
    const row = pickFields(owned[i], ['name', 'factor', 'complexity'], `rows[${i}]`, 'a row { name, factor, complexity }', AnalysisError);
    const { name, factor } = row;
    if (typeof name !== 'string' || name === '') throw new AnalysisError(`rows[${i}].name`, `${describe(name)} is not a series name`);
    if (typeof factor !== 'number' || !Number.isFinite(factor) || !(factor > 0)) throw new AnalysisError(`rows[${i}].factor`, `${describe(factor)} is not a finite number > 0`);
    const { flops, params, acts } = checkComplexity(row.complexity, `rows[${i}].complexity`);
    if (!series.includes(name)) series.push(name);
    values.push({ strategy: name, factor, flops, params, acts });
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width,
    height,
    data: { values },
    mark: { type: 'line', point: true, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'flops', type: 'quantitative', scale: { type: 'log', nice: false }, axis: { format: '~s' }, title: AXIS_TITLES.flops },
      y: { field: metric, type: 'quantitative', scale: { type: 'log', nice: false }, axis: { format: '~s' }, title: AXIS_TITLES[metric] },
      color: { field: 'strategy', type: 'nominal', sort: series, title: 'strategy' },
      // Joined by factor, not by x: rounding can make flops dip slightly between neighbouring factors.
      order: { field: 'factor', type: 'quantitative' },
      tooltip: [
        { field: 'strategy', type: 'nominal' },
        { field: 'factor', type: 'quantitative', format: '.3~f' },
        { field: 'flops', type: 'quantitative', format: ',' },
        { field: 'params', type: 'quantitative', format: ',' },
        { field: 'acts', type: 'quantitative', format: ',' },
      ],
    },
  };
}

/** Most rows or points a chart takes: more would not be readable, and this bounds the work. */
export const MAX_CHART_POINTS = 100_000;

/** A complexity with three finite numbers > 0 (log axes cannot show 0), read once into one of our own. */
export function checkComplexity(value: unknown, path: string): Complexity {
  const cx = pickFields(value, ['flops', 'params', 'acts'], path, 'a complexity', AnalysisError);
  for (const metric of ['flops', 'params', 'acts'] as const) {
    const x = cx[metric];
    if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
      throw new AnalysisError(`${path}.${metric}`, `${describe(x)} is not a finite number > 0`);
    }
  }
  return { flops: cx.flops as number, params: cx.params as number, acts: cx.acts as number };
}

/** A chart title: a string, or the default. */
export function chartTitle(value: unknown, fallback: string, path: string): string {
  if (value === undefined) return fallback;
  if (typeof value === 'string') return value;
  throw new AnalysisError(path, `${describe(value)} is not a string`);
}

/** A chart dimension: a positive integer, or the default. */
export function pixels(value: unknown, fallback: number, path: string): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw new AnalysisError(path, `${describe(value)} is not a positive integer`);
}
