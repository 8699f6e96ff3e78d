/**
 * The Vega-Lite specification type the chart builders return: plain JSON, so that fastscale needs no
 * charting dependency to describe a chart.
 */

/**
 * A Vega-Lite (v6) specification as plain JSON: render it with vega-lite's `compile` and vega's `View`, paste
 * it into the Vega editor, or embed it with vega-embed.
 *
 * @example
 * ```ts
 * import { scalingChart, sweep, zooModel, type VegaLiteSpec } from 'fastscale';
 * const chart: VegaLiteSpec = scalingChart(sweep(zooModel('RegNetX-200MF'), { factors: [1, 2, 4] }));
 * JSON.stringify(chart); // save as chart.vl.json
 * ```
 */
export interface VegaLiteSpec {
  /** The Vega-Lite JSON schema URL. */
  readonly $schema: string;
  /** The rest of the specification (data, marks, encodings), as Vega-Lite defines it. */
  readonly [key: string]: unknown;
}

/** The Vega-Lite v6 schema URL. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
