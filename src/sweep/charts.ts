/**
 * Vega-Lite charts of a finished sweep, as plain JSON (no charting library is loaded): pycls's EDF plot
 * (and the normalized EDF of "On Network Design Spaces"), its error-versus-metric scatter with the good
 * range of `get_filters`, and its metric trends across sweeps.
 */
import { describe, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './core.js';
import { errorEdf, getFilters, metricValues, normalizedErrorEdf, type GetFiltersOptions, type MetricFilters, type NormalizedEdfOptions, type SweepRecord } from './analysis.js';
import { atBoundary, ownedArray, ownedRecord, pickFields } from '../internal/read.js';
import { SweepError } from './errors.js';

/**
 * A named set of sweep records: one line, one panel or one x position of a chart.
 *
 * @example
 * ```ts
 * import type { SweepSeries } from 'fastscale';
 * const series: SweepSeries = { name: 'cifar_regnet', records: [{ error: 5.9 }, { error: 6.3 }] };
 * ```
 */
export interface SweepSeries {
  /** The sweep's name (legend, panel and axis label). */
  readonly name: string;
  /** Its trained models. */
  readonly records: readonly SweepRecord[];
}

/**
 * Options of {@link edfChart}.
 *
 * @example
 * ```ts
 * import type { EdfChartOptions } from 'fastscale';
 * const options: EdfChartOptions = { normalized: { metric: 'flops', bins: 8 }, title: 'RegNet vs AnyNet' };
 * ```
 */
export interface EdfChartOptions {
  /** Normalize each EDF over complexity bins (see `normalizedErrorEdf`); default plain EDFs. */
  readonly normalized?: NormalizedEdfOptions;
  /** Chart title; default `error EDF` (or `normalized error EDF (flops)`). */
  readonly title?: string;
  /** Plot width in pixels; default 480. */
  readonly width?: number;
  /** Plot height in pixels; default 360. */
  readonly height?: number;
}

/** The series, read once into series of our own; names present and distinct. */
function checkSeries(series: readonly SweepSeries[]): SweepSeries[] {
  const items = atBoundary(() => ownedArray(series, 'series', SweepError, { value: 1_000, name: 'the series limit' }, 'series { name, records }'), SweepError);
  if (items.length === 0) throw new SweepError('series', 'is empty (expected at least one { name, records })');
  const names = new Set<string>();
  return items.map((item, i) => {
    const s = pickFields(item, ['name', 'records'], `series[${i}]`, 'a series { name, records }', SweepError);
    if (typeof s.name !== 'string' || s.name === '') throw new SweepError(`series[${i}].name`, `${describe(s.name)} is not a name`);
    if (names.has(s.name)) throw new SweepError(`series[${i}].name`, `${describe(s.name)} names two series`);
    names.add(s.name);
    return { name: s.name, records: s.records as SweepSeries['records'] };
  });
}

function pixels(value: unknown, fallback: number, path: string): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw new SweepError(path, `${describe(value)} is not a positive integer`);
}

/** pycls's legend label: `n|min|mean` of the errors. */
function legendLabel(name: string, errors: readonly number[]): string {
  const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
  return `${name} (${errors.length}|${Math.min(...errors).toFixed(1)}|${mean.toFixed(1)})`;
}

/**
 * Error EDFs of one or more sweeps (pycls's `plot_edf`): a step line per sweep from its lowest to its
 * highest error, cumulative probability on y, the legend showing `n|min|mean` as pycls's does. With
 * `normalized`, each EDF is the complexity-normalized one.
 *
 * @throws {@link SweepError} for no series, a bad series, or a bad option
 *
 * @example
 * ```ts
 * import { edfChart } from 'fastscale';
 * const chart = edfChart([
 *   { name: 'A', records: [{ error: 6.1 }, { error: 5.8 }, { error: 7.0 }] },
 *   { name: 'B', records: [{ error: 5.5 }, { error: 6.0 }] },
 * ]);
 * JSON.stringify(chart); // a Vega-Lite spec: save as edf.vl.json
 * ```
 */
export function edfChart(series: readonly SweepSeries[], options: EdfChartOptions = {}): VegaLiteSpec {
  series = checkSeries(series);
  options = ownedRecord(options, ['normalized', 'title', 'width', 'height'], 'options', 'edfChart options', SweepError) as EdfChartOptions;
  const width = pixels(options.width, 480, 'options.width');
  const height = pixels(options.height, 360, 'options.height');
  const values = series.flatMap((s, i) => {
    const points = options.normalized === undefined ? errorEdf(s.records) : normalizedErrorEdf(s.records, options.normalized);
    const label = legendLabel(s.name, points.map((p) => p.error));
    return points.map((p) => ({ sweep: label, order: i, error: p.error, probability: p.probability }));
  });
  const title = options.title ?? (options.normalized === undefined ? 'error EDF' : `normalized error EDF (${options.normalized.metric ?? 'flops'})`);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width,
    height,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'error', type: 'quantitative', scale: { zero: false }, title: 'error (%)' },
      y: { field: 'probability', type: 'quantitative', scale: { domain: [0, 1] }, title: 'cumulative prob.' },
      color: { field: 'sweep', type: 'nominal', sort: { field: 'order' }, title: 'sweep (n|min|mean)' },
      tooltip: [
        { field: 'sweep', type: 'nominal' },
        { field: 'error', type: 'quantitative', format: '.3~f' },
        { field: 'probability', type: 'quantitative', format: '.3f' },
      ],
    },
  };
}

/**
 * Options of {@link metricChart} and {@link trendChart}: the good ranges to draw (by default computed
 * with `getFilters` and `filterOptions`), and the chart's size.
 *
 * @example
 * ```ts
 * import type { MetricChartOptions } from 'fastscale';
 * const options: MetricChartOptions = { filterOptions: { seed: 1, bootstraps: 1000 }, width: 320 };
 * ```
 */
export interface MetricChartOptions {
  /** Good ranges per series name (as `getFilters` returns them); missing series are computed. */
  readonly filters?: Readonly<Record<string, MetricFilters>>;
  /** How missing good ranges are computed (`getFilters` options; default seed 0). */
  readonly filterOptions?: GetFiltersOptions;
  /** Chart title; default the metric's name. */
  readonly title?: string;
  /** Width of each panel (metric chart) or of the chart (trend chart) in pixels; default 240 or 360. */
  readonly width?: number;
  /** Height in pixels; default 240. */
  readonly height?: number;
}

function rangeOf(series: SweepSeries, metric: string, options: MetricChartOptions): readonly [number, number, number] {
  const given = options.filters?.[series.name];
  if (given !== undefined) {
    const range = given[metric];
    if (!Array.isArray(range) || range.length !== 3) throw new SweepError(`options.filters.${series.name}.${metric}`, `${describe(range)} is not [low, best, high]`);
    return range;
  }
  return getFilters(series.records, [metric], options.filterOptions ?? {})[metric]!;
}

/**
 * Error against a metric, one panel per sweep (pycls's `plot_values`): a point per model, the good range
 * of `get_filters` as a band and its best value as a rule, the legend showing the range as pycls writes it.
 *
 * @throws {@link SweepError} for no series, a record without the metric, or bad filters
 *
 * @example
 * ```ts
 * import { metricChart } from 'fastscale';
 * const records = [5.9, 6.4, 5.6, 7.1].map((error, i) => ({ error, metrics: { epoch_time: 10 + i } }));
 * const chart = metricChart([{ name: 'sweep', records }], 'epoch_time', { filterOptions: { seed: 0 } });
 * ```
 */
export function metricChart(series: readonly SweepSeries[], metric: string, options: MetricChartOptions = {}): VegaLiteSpec {
  series = checkSeries(series);
  options = ownedRecord(options, ['filters', 'filterOptions', 'title', 'width', 'height'], 'options', 'metricChart options', SweepError) as MetricChartOptions;
  if (typeof metric !== 'string') throw new SweepError('metric', `${describe(metric)} is not a metric name`);
  if (typeof metric !== 'string' || metric === '') throw new SweepError('metric', `${describe(metric)} is not a metric name`);
  const width = pixels(options.width, 240, 'options.width');
  const height = pixels(options.height, 240, 'options.height');
  const values = series.flatMap((s) => {
    const xs = metricValues(s.records, metric);
    const [low, best, high] = rangeOf(s, metric, options);
    const band = { kind: 'range', sweep: s.name, low, best, high, label: `[${low.toPrecision(4)}, ${high.toPrecision(4)}] best ${best.toPrecision(4)}` };
    return [band, ...s.records.map((r, i) => ({ kind: 'model', sweep: s.name, value: xs[i]!, error: r.error }))];
  });
  const isRange = { filter: "datum.kind === 'range'" };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? metric,
    data: { values },
    facet: { column: { field: 'sweep', type: 'nominal', title: null, sort: series.map((s) => s.name) } },
    spec: {
      width,
      height,
      layer: [
        { transform: [isRange], mark: { type: 'rect', opacity: 0.15, color: '#1f77b4' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
        {
          transform: [isRange],
          mark: { type: 'rule', color: 'black' },
          encoding: { x: { field: 'best', type: 'quantitative' }, tooltip: [{ field: 'label', type: 'nominal', title: 'good range' }] },
        },
        {
          transform: [{ filter: "datum.kind === 'model'" }],
          mark: { type: 'point', filled: true, opacity: 0.8 },
          encoding: {
            x: { field: 'value', type: 'quantitative', scale: { zero: false }, title: metric },
            y: { field: 'error', type: 'quantitative', scale: { zero: false }, title: 'error (%)' },
            tooltip: [
              { field: 'value', type: 'quantitative', title: metric },
              { field: 'error', type: 'quantitative', format: '.3~f' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { x: 'shared' } },
  };
}

/**
 * A metric across sweeps (pycls's `plot_trends`): per sweep its full range (light band), its good range
 * from `get_filters` (darker band) and its best value (line with points), sweeps in the given order.
 *
 * @throws {@link SweepError} for no series, a record without the metric, or bad filters
 *
 * @example
 * ```ts
 * import { trendChart } from 'fastscale';
 * const sweep = (name: string, shift: number) => ({
 *   name,
 *   records: [5.9, 6.4, 5.6, 7.1].map((error, i) => ({ error, metrics: { width: 64 * (i + 1) + shift } })),
 * });
 * const chart = trendChart([sweep('small', 0), sweep('large', 128)], 'width');
 * ```
 */
export function trendChart(series: readonly SweepSeries[], metric: string, options: MetricChartOptions = {}): VegaLiteSpec {
  series = checkSeries(series);
  options = ownedRecord(options, ['filters', 'filterOptions', 'title', 'width', 'height'], 'options', 'trendChart options', SweepError) as MetricChartOptions;
  if (typeof metric !== 'string') throw new SweepError('metric', `${describe(metric)} is not a metric name`);
  if (typeof metric !== 'string' || metric === '') throw new SweepError('metric', `${describe(metric)} is not a metric name`);
  const width = pixels(options.width, 360, 'options.width');
  const height = pixels(options.height, 240, 'options.height');
  const values = series.map((s, index) => {
    const xs = metricValues(s.records, metric);
    const [low, best, high] = rangeOf(s, metric, options);
    return { sweep: s.name, index, min: Math.min(...xs), max: Math.max(...xs), low, best, high };
  });
  const x = { field: 'sweep', type: 'ordinal', sort: series.map((s) => s.name), title: 'sweep' };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? metric,
    width,
    height,
    data: { values },
    layer: [
      { mark: { type: 'area', opacity: 0.1, color: '#7f7f7f' }, encoding: { x, y: { field: 'min', type: 'quantitative', title: metric }, y2: { field: 'max' } } },
      { mark: { type: 'area', opacity: 0.25, color: '#1f77b4' }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
      {
        mark: { type: 'line', point: true, color: 'black' },
        encoding: {
          x,
          y: { field: 'best', type: 'quantitative' },
          tooltip: [
            { field: 'sweep', type: 'nominal' },
            { field: 'best', type: 'quantitative', title: 'best' },
            { field: 'low', type: 'quantitative', title: 'good low' },
            { field: 'high', type: 'quantitative', title: 'good high' },
            { field: 'min', type: 'quantitative' },
            { field: 'max', type: 'quantitative' },
          ],
        },
      },
    ],
  };
}
