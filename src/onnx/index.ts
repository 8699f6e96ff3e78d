/**
 * `fastscale/onnx`: any model spec as an ONNX model (the exact network pycls builds, with seeded random
 * weights), and its measured runtime in onnxruntime-node, an optional peer dependency loaded only to measure.
 *
 * @packageDocumentation
 */
export { OnnxError } from './errors.js';
export { toOnnx, DEFAULT_OPSET, MIN_OPSET, MAX_OPSET, type OnnxOptions } from './export.js';
export {
  measureLatency,
  measureScaling,
  LATENCY_LIMITS,
  type Latency,
  type LatencyOptions,
  type MeasureScalingOptions,
  type MeasuredModel,
} from './measure.js';
export { buildLatencyTable, type LatencyTableOptions, type ProfiledModel } from './latency-table.js';
