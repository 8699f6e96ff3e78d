import { AnalysisError } from '../errors.js';
import { ownedArray, ownedRecord, pickFields } from '../internal/read.js';
import { describe } from '../internal/describe.js';
import type { Complexity, Metric } from '../spec/types.js';
import { chartTitle, checkComplexity, MAX_CHART_POINTS, pixels } from './scaling-chart.js';
import { VEGA_LITE_SCHEMA, type VegaLiteSpec } from './spec.js';

/**
 * One timed network of {@link runtimeChart}: its name, its runtime and its complexity (from
 * {@link complexity}), and optionally a series (such as the scaling strategy) to colour it by.
 *
 * @example
 * ```ts
 * import { complexity, zooModel, type RuntimePoint } from 'fastscale';
 * const point: RuntimePoint = { name: 'RegNetX-200MF', seconds: 0.0165, complexity: complexity(zooModel('RegNetX-200MF')) };
 * ```
 */
export interface RuntimePoint {
  /** Shown in the point's tooltip. */
  readonly name: string;
  /** The measured time (any unit; the time axis is titled by {@link RuntimeChartOptions.timeTitle}). */
  readonly seconds: number;
  /** The network's exact flops, params and acts. */
  readonly complexity: Complexity;
  /** Colour group; points without one share a single colour. */
  readonly series?: string;
}

/**
 * Options of {@link runtimeChart}.
 *
 * @example
 * ```ts
 * import type { RuntimeChartOptions } from 'fastscale';
 * const options: RuntimeChartOptions = { title: 'pycls V100 inference', timeTitle: 'seconds per batch of 64' };
 * ```
 */
export interface RuntimeChartOptions {
  /** Chart title; default `"runtime vs flops, params and acts"`. */
  readonly title?: string;
  /** Title of the time axis, with its unit; default `"time (seconds)"`. */
  readonly timeTitle?: string;
  /** Width of each panel in pixels; default 240. */
  readonly width?: number;
  /** Height of each panel in pixels; default 240. */
  readonly height?: number;
}

const METRICS: readonly Metric[] = ['flops', 'params', 'acts'];

const OPTION_FIELDS = ['title', 'timeTitle', 'width', 'height'];

/**
 * A Vega-Lite chart of measured runtime against flops, params and activations: three panels side by side
 * (one per metric, each with its own x scale), a point per network and the least-squares line of each
 * panel, like the paper's Figure 4. The line is the fit {@link correlateRuntime} reports. Pure: no
 * charting library is loaded.
 *
 * @throws {@link AnalysisError} for fewer than 2 points, a point with a bad name, time or complexity, or
 * options that are not an object of the fields above with valid values
 *
 * @example
 * ```ts
 * import { complexity, runtimeChart, zooModel } from 'fastscale';
 * const timed = { 'RegNetX-200MF': 0.0165, 'RegNetX-1.6GF': 0.0543, 'RegNetX-16GF': 0.1333 }; // pycls, V100
 * const chart = runtimeChart(
 *   Object.entries(timed).map(([name, seconds]) => ({ name, seconds, complexity: complexity(zooModel(name)) })),
 * );
 * ```
 */
export function runtimeChart(points: readonly RuntimePoint[], options: RuntimeChartOptions = {}): VegaLiteSpec {
  const owned = ownedArray(points, 'points', AnalysisError, { value: MAX_CHART_POINTS, name: 'the chart point limit' }, 'points');
  if (owned.length < 2) throw new AnalysisError('points', `has ${owned.length} point${owned.length === 1 ? '' : 's'} (expected at least 2)`);
  const checked = ownedRecord(options, OPTION_FIELDS, 'options', 'runtime chart options', AnalysisError) as RuntimeChartOptions;
  const title = chartTitle(checked.title, 'runtime vs flops, params and acts', 'options.title');
  const timeTitle = chartTitle(checked.timeTitle, 'time (seconds)', 'options.timeTitle');
  const width = pixels(checked.width, 240, 'options.width');
  const height = pixels(checked.height, 240, 'options.height');
  // Index loops, not flatMap: flatMap skips the holes of a sparse array, which must be reported.
  const values = [];
  let colored = false;
  for (let i = 0; i < owned.length; i++) {
    const path = `points[${i}]`;
    const point = pickFields(owned[i], ['name', 'seconds', 'series', 'complexity'], path, 'a point { name, seconds, complexity }', AnalysisError);
    if (typeof point.name !== 'string') throw new AnalysisError(`${path}.name`, `${describe(point.name)} is not a name`);
    const seconds: unknown = point.seconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new AnalysisError(`${path}.seconds`, `${describe(seconds)} is not a finite number >= 0`);
    }
    if (point.series !== undefined && typeof point.series !== 'string') {
      throw new AnalysisError(`${path}.series`, `${describe(point.series)} is not a string`);
    }
    const cx = checkComplexity(point.complexity, `${path}.complexity`);
    colored ||= point.series !== undefined;
    // Long format (one row per metric) so that one facet per metric can carry its own x scale and fit.
    for (const metric of METRICS) values.push({ model: point.name, series: point.series ?? '', seconds, metric, value: cx[metric] });
  }
  const pointLayer = {
    mark: { type: 'point', filled: true, size: 40 },
    encoding: {
      x: { field: 'value', type: 'quantitative', scale: { zero: false }, axis: { format: '~s' }, title: null },
      y: { field: 'seconds', type: 'quantitative', title: timeTitle },
      ...(colored ? { color: { field: 'series', type: 'nominal', title: null } } : {}),
      tooltip: [
        { field: 'model', type: 'nominal' },
        { field: 'seconds', type: 'quantitative' },
        { field: 'value', type: 'quantitative', format: ',', title: 'count' },
      ],
    },
  };
  const fitLayer = {
    transform: [{ regression: 'seconds', on: 'value', groupby: ['metric'], method: 'linear' }],
    mark: { type: 'line', color: '#888', strokeDash: [4, 3] },
    encoding: {
      x: { field: 'value', type: 'quantitative' },
      y: { field: 'seconds', type: 'quantitative' },
    },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    data: { values },
    facet: { column: { field: 'metric', type: 'nominal', sort: [...METRICS], title: null } },
    spec: { width, height, layer: [pointLayer, fitLayer] },
    resolve: { scale: { x: 'independent' } },
  };
}
