import { FastscaleError } from '../errors.js';

/**
 * An ONNX export or latency measurement was asked for with a bad option (`options.seed: -1 is not ...`),
 * or the network is too large to export as one ONNX file (protobuf messages are limited to 2 GiB).
 *
 * Invalid model specs throw `SpecError` and invalid scaling requests `ScalingError`, as everywhere in
 * fastscale; all three extend `FastscaleError`.
 *
 * @example
 * ```ts
 * import { zooModel } from 'fastscale';
 * import { OnnxError, toOnnx } from 'fastscale/onnx';
 * try {
 *   toOnnx(zooModel('RegNetX-200MF'), { opset: 7 });
 * } catch (error) {
 *   if (error instanceof OnnxError) console.log(error.path); // 'options.opset'
 * }
 * ```
 */
export class OnnxError extends FastscaleError {}
