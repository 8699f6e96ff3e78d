/**
 * Timing one ONNX model in onnxruntime-node: the one way every measurement in fastscale is taken (whole
 * networks by `measureLatency`, their parts by `buildLatencyTable`).
 */
import type { MeasuredTime } from '../latency/table.js';
import { INPUT } from './graph.js';
import { WeightStream } from './random.js';

type OnnxRuntime = typeof import('onnxruntime-node');

/** How a model is run and timed. */
export interface RunSettings {
  readonly batchSize: number;
  readonly threads: number;
  readonly warmup: number;
  readonly runs: number;
  readonly seed: number;
  /** ONNX Runtime execution provider: `cpu`, or `cuda`, `tensorrt`, ... where the installed runtime has it. */
  readonly executionProvider: string;
}

/** Times of the timed runs, in milliseconds, as measured. */
export type RunTimes = number[];

/**
 * Runs a model on a seeded random input of `batchSize` x `inputDims` (warm-up runs untimed), and returns
 * the wall-clock time of each timed `session.run`, in milliseconds. One intra-op pool of `threads`, one
 * inter-op thread, sequential execution, all graph optimizations; session creation is not timed. Stops
 * between runs when `signal` aborts.
 */
export async function timeRuns(ort: OnnxRuntime, bytes: Uint8Array, inputDims: readonly number[], settings: RunSettings, signal?: AbortSignal): Promise<RunTimes> {
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: settings.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    executionProviders: [settings.executionProvider],
  });
  try {
    const dims = [settings.batchSize, ...inputDims];
    const count = dims.reduce((a, b) => a * b, 1);
    const input = new ort.Tensor('float32', new WeightStream(settings.seed).uniform(count, -1, 1), dims);
    const feeds = { [INPUT]: input };
    for (let i = 0; i < settings.warmup; i++) {
      signal?.throwIfAborted();
      await session.run(feeds);
    }
    const times: RunTimes = [];
    for (let i = 0; i < settings.runs; i++) {
      signal?.throwIfAborted();
      const start = performance.now();
      await session.run(feeds);
      times.push(performance.now() - start);
    }
    return times;
  } finally {
    await session.release();
  }
}

/** Median (the mean of the middle two for an even count), minimum and maximum of some times. */
export function summarizeTimes(times: readonly number[]): MeasuredTime {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { medianMs, minMs: sorted[0]!, maxMs: sorted[sorted.length - 1]! };
}
