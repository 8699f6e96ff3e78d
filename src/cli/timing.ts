/**
 * What the commands that time networks in onnxruntime-node share: their flags (which networks, how many
 * runs, what to print), loading the runtime, and reading the run counts.
 */
import type { ParseArgsConfig } from 'node:util';
import { integerOption } from './args.js';
import { UsageError } from './errors.js';

/** Flags of a command that times a grid of scaled networks and can print JSON or write a chart. */
export const TIMING_OPTIONS = {
  factors: { type: 'string' },
  strategies: { type: 'string' },
  warmup: { type: 'string' },
  runs: { type: 'string' },
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/**
 * The ONNX measuring module with onnxruntime-node loaded. Loaded on demand: only the commands that time
 * networks need the exporter and the runtime.
 */
export async function loadTiming(): Promise<typeof import('../onnx/measure.js')> {
  const timing = await import('../onnx/measure.js');
  try {
    await timing.loadOnnxRuntime();
  } catch (error) {
    // An optional peer dependency the user has not installed: theirs to fix, so exit code 2.
    if (error instanceof timing.MissingOnnxRuntimeError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  return timing;
}

/** `--warmup` (>= 0) and `--runs` (>= 1), those given. */
export function runCounts(values: { readonly warmup?: string | undefined; readonly runs?: string | undefined }): { warmup?: number; runs?: number } {
  return {
    ...(values.warmup === undefined ? {} : { warmup: integerOption('--warmup', values.warmup, 0) }),
    ...(values.runs === undefined ? {} : { runs: integerOption('--runs', values.runs, 1) }),
  };
}
