import { AnalysisError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { ownedArray, ownedRecord, pickFields } from '../internal/read.js';
import { chartTitle, MAX_CHART_POINTS, pixels } from './scaling-chart.js';
import { VEGA_LITE_SCHEMA, type VegaLiteSpec } from './spec.js';

/**
 * One network of {@link latencyChart}: its predicted and its measured latency (same unit), and optionally
 * a series (the base network, or the strategy) to colour it by.
 *
 * @example
 * ```ts
 * import type { LatencyPoint } from 'fastscale';
 * const point: LatencyPoint = { name: 'RegNetY-400MF dWr x3', predicted: 0.0301, measured: 0.0288, series: 'dWr' };
 * ```
 */
export interface LatencyPoint {
  /** The network, shown in the tooltip. */
  readonly name: string;
  /** Predicted latency, in the chart's unit. */
  readonly predicted: number;
  /** Measured latency, in the chart's unit. */
  readonly measured: number;
  /** Colour group (a base model, a strategy); one series when absent. */
  readonly series?: string;
}

/**
 * Options of {@link latencyChart}.
 *
 * @example
 * ```ts
 * import type { LatencyChartOptions } from 'fastscale';
 * const options: LatencyChartOptions = { title: 'held-out models', unit: 'ms', band: 0.1 };
 * ```
 */
export interface LatencyChartOptions {
  /** Chart title; default `"predicted vs measured latency"`. */
  readonly title?: string;
  /** Unit of the values, for the axis titles; default `s`. */
  readonly unit?: string;
  /** Relative error drawn as dashed lines around the diagonal; default 0.1 (+-10%). */
  readonly band?: number;
  /** Width and height in pixels; default 360. */
  readonly size?: number;
}

const OPTION_FIELDS = ['title', 'unit', 'band', 'size'];

/** The range of latencies a chart takes, in its unit: ratios and the log axis stay finite. */
const MIN_LATENCY = 1e-100;
const MAX_LATENCY = 1e100;

/**
 * A Vega-Lite chart of predicted against measured latency: one point per network on log-log axes, the
 * diagonal where prediction equals measurement, and dashed lines at +-`band` around it, so that the
 * points outside the band stand out. Pure: no charting library is loaded.
 *
 * @throws {@link AnalysisError} for fewer than 1 point, a point with a bad name, a value that is not a
 * finite number > 0, or malformed options
 *
 * @example
 * ```ts
 * import { latencyChart } from 'fastscale';
 * const chart = latencyChart(
 *   [
 *     { name: 'a', predicted: 0.012, measured: 0.011 },
 *     { name: 'b', predicted: 0.031, measured: 0.034 },
 *   ],
 *   { unit: 's' },
 * );
 * ```
 */
export function latencyChart(points: readonly LatencyPoint[], options: LatencyChartOptions = {}): VegaLiteSpec {
  // Read once into owned data: a getter, a revoked proxy or a hole is a typed error, not a TypeError.
  const owned = ownedArray(points, 'points', AnalysisError, { value: MAX_CHART_POINTS, name: 'the chart point limit' }, 'points');
  if (owned.length === 0) throw new AnalysisError('points', 'is empty (expected at least one point)');
  const checked = ownedRecord(options, OPTION_FIELDS, 'options', 'latency chart options', AnalysisError) as LatencyChartOptions;
  const title = chartTitle(checked.title, 'predicted vs measured latency', 'options.title');
  const unit = chartTitle(checked.unit, 's', 'options.unit');
  const size = pixels(checked.size, 360, 'options.size');
  const band = checked.band ?? 0.1;
  if (typeof band !== 'number' || !Number.isFinite(band) || band <= 0 || band >= 1) {
    throw new AnalysisError('options.band', `${describe(band)} is not a number in (0, 1)`);
  }
  const values = [];
  let colored = false;
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < owned.length; i++) {
    const path = `points[${i}]`;
    const point = pickFields(owned[i], ['name', 'predicted', 'measured', 'series'], path, 'a point { name, predicted, measured }', AnalysisError) as unknown as LatencyPoint;
    if (typeof point.name !== 'string') throw new AnalysisError(`${path}.name`, `${describe(point.name)} is not a name`);
    for (const field of ['predicted', 'measured'] as const) {
      const value: unknown = point[field];
      // Bounded so that ratios and the axis domain (a tenth beyond the data) stay finite and positive.
      if (typeof value !== 'number' || !(value >= MIN_LATENCY && value <= MAX_LATENCY)) {
        throw new AnalysisError(`${path}.${field}`, `${describe(value)} is not a number in [1e-100, 1e100]`);
      }
    }
    if (point.series !== undefined && typeof point.series !== 'string') throw new AnalysisError(`${path}.series`, `${describe(point.series)} is not a string`);
    colored ||= point.series !== undefined;
    lo = Math.min(lo, point.predicted, point.measured);
    hi = Math.max(hi, point.predicted, point.measured);
    values.push({ model: point.name, series: point.series ?? '', predicted: point.predicted, measured: point.measured, error: point.predicted / point.measured - 1 });
  }
  // The diagonal and the band as two-point lines over the data's range.
  const [from, to] = [lo / 1.1, hi * 1.1];
  const lines = [
    { line: 'equal', x: from, y: from },
    { line: 'equal', x: to, y: to },
    { line: `+${Math.round(band * 100)}%`, x: from, y: from * (1 + band) },
    { line: `+${Math.round(band * 100)}%`, x: to, y: to * (1 + band) },
    { line: `-${Math.round(band * 100)}%`, x: from, y: from * (1 - band) },
    { line: `-${Math.round(band * 100)}%`, x: to, y: to * (1 - band) },
  ];
  const scale = { type: 'log', domain: [from, to] };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: size,
    height: size,
    layer: [
      {
        data: { values: lines },
        mark: { type: 'line', color: '#888' },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale },
          y: { field: 'y', type: 'quantitative', scale },
          detail: { field: 'line', type: 'nominal' },
          strokeDash: { condition: { test: "datum.line === 'equal'", value: [1, 0] }, value: [4, 3] },
        },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 40 },
        encoding: {
          x: { field: 'measured', type: 'quantitative', scale, title: `measured (${unit})` },
          y: { field: 'predicted', type: 'quantitative', scale, title: `predicted (${unit})` },
          ...(colored ? { color: { field: 'series', type: 'nominal', title: null } } : {}),
          tooltip: [
            { field: 'model', type: 'nominal' },
            { field: 'measured', type: 'quantitative' },
            { field: 'predicted', type: 'quantitative' },
            { field: 'error', type: 'quantitative', format: '+.1%' },
          ],
        },
      },
    ],
  };
}
