/** Chart builders: pure functions from fastscale's results to Vega-Lite specifications. */
export type { VegaLiteSpec } from './spec.js';
export { scalingChart, type ScalingChartOptions, type ScalingChartRow } from './scaling-chart.js';
export { runtimeChart, type RuntimeChartOptions, type RuntimePoint } from './runtime-chart.js';
export { latencyChart, type LatencyChartOptions, type LatencyPoint } from './latency-chart.js';
