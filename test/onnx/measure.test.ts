/** measureLatency and measureScaling in onnxruntime-node, and loading it on demand. */
import { describe, expect, it } from 'vitest';
import { ScalingError, SpecError, complexity, scale, type ModelSpec } from '../../src/index.js';
import { LATENCY_LIMITS, OnnxError, measureLatency, measureScaling } from '../../src/onnx/index.js';
import { loadOnnxRuntime, MissingOnnxRuntimeError, summarizeLatency } from '../../src/onnx/measure.js';

/** A tiny network: a CIFAR stem and two small stages. */
const tiny: ModelSpec = {
  family: 'anynet',
  stem: { type: 'res_stem_cifar', width: 8 },
  blockType: 'res_basic_block',
  stages: [
    { depth: 1, width: 8, stride: 1, bottleneckMultiplier: 1, groupWidth: 1 },
    { depth: 1, width: 16, stride: 2, bottleneckMultiplier: 1, groupWidth: 1 },
  ],
  seRatio: null,
  headWidth: 0,
  numClasses: 10,
  activation: 'relu',
  resolution: { train: 16, test: 16 },
};

describe('measureLatency', () => {
  it('returns sane timings: 0 < min <= median <= max, and the settings used', async () => {
    const latency = await measureLatency(tiny, { runs: 3, warmup: 1, batchSize: 2, threads: 1 });
    expect(latency.minMs).toBeGreaterThan(0);
    expect(latency.minMs).toBeLessThanOrEqual(latency.medianMs);
    expect(latency.medianMs).toBeLessThanOrEqual(latency.maxMs);
    expect(latency).toMatchObject({ runs: 3, batchSize: 2, threads: 1 });
  });

  it('defaults to batch 1, 1 thread, 10 runs', async () => {
    expect(await measureLatency(tiny)).toMatchObject({ runs: 10, batchSize: 1, threads: 1 });
  });

  it('throws SpecError for a bad spec and OnnxError naming a bad option', async () => {
    await expect(measureLatency({ ...tiny, numClasses: -1 } as ModelSpec)).rejects.toThrow(SpecError);
    for (const [options, path] of [
      [{ runs: 0 }, 'options.runs'],
      [{ batchSize: 1.5 }, 'options.batchSize'],
      [{ threads: 0 }, 'options.threads'],
      [{ warmup: -1 }, 'options.warmup'],
      [{ seed: -3 }, 'options.seed'],
      [{ repeats: 3 }, 'options.repeats'],
    ] as const) {
      await expect(measureLatency(tiny, options as never)).rejects.toSatisfy((e) => e instanceof OnnxError && e.path === path);
    }
  });
});

describe('latency limits', () => {
  it('are 256 threads, batches of 4096, 10,000 runs and warm-up runs, a 1 GiB input and 1,000 models', () => {
    expect(LATENCY_LIMITS).toEqual({ threads: 256, batchSize: 4096, runs: 10_000, warmup: 10_000, inputBytes: 1_073_741_824, models: 1000 });
  });

  it('refuse more than 1,000 models and holes in the lists before scaling any', async () => {
    const factors = Array.from({ length: 101 }, (_, i) => 1 + i / 100);
    await expect(measureScaling(tiny, { factors, strategies: Array(10).fill('w') })).rejects.toSatisfy(
      (e) => e instanceof OnnxError && e.reason === '10 strategies times 101 factors are more than LATENCY_LIMITS.models (1000) models',
    );
    await expect(measureScaling(tiny, { factors: [1, , 2] as number[], strategies: ['w'] })).rejects.toSatisfy(
      (e) => e instanceof ScalingError && e.message === 'options.factors[1]: is missing (the array has a hole here)',
    );
  });

  it.each([
    [{ threads: 5000 }, 'options.threads', '5000 is more than the limit of 256 (LATENCY_LIMITS)'],
    [{ threads: 2 ** 53 - 1 }, 'options.threads', '9007199254740991 is more than the limit of 256 (LATENCY_LIMITS)'],
    [{ batchSize: 1e8 }, 'options.batchSize', '100000000 is more than the limit of 4096 (LATENCY_LIMITS)'],
    [{ runs: 1e9 }, 'options.runs', '1000000000 is more than the limit of 10000 (LATENCY_LIMITS)'],
    [{ warmup: 10_001 }, 'options.warmup', '10001 is more than the limit of 10000 (LATENCY_LIMITS)'],
  ])('refuse %j with an OnnxError naming the option', async (options, path, reason) => {
    await expect(measureLatency(tiny, options)).rejects.toSatisfy((e) => e instanceof OnnxError && e.path === path && e.reason === reason);
  });

  it('refuse an input tensor beyond 1 GiB (batch x 3 x r x r float32) before exporting the model', async () => {
    const huge = { ...tiny, resolution: { train: 20_000, test: 20_000 } };
    await expect(measureLatency(huge)).rejects.toSatisfy(
      (e) => e instanceof OnnxError && e.path === 'options.batchSize' && e.reason.startsWith('an input of 1 x 3 x 20000 x 20000 float32 values takes 4800000000 bytes'),
    );
    // 16 x 3 x 2048 x 2048 x 4 = 805306368 bytes would fit; 128 images (6.4 GB) do not.
    const large = { ...tiny, resolution: { train: 2048, test: 2048 } };
    await expect(measureLatency(large, { batchSize: 128, runs: 1 })).rejects.toSatisfy((e) => e instanceof OnnxError && e.path === 'options.batchSize');
    // Resolution scaling by 2^14 makes 2048 x 2048 inputs: 64 of them do not fit.
    await expect(measureScaling(tiny, { factors: [1, 2 ** 14], strategies: ['r'], runs: 1, batchSize: 64 })).rejects.toSatisfy(
      (e) => e instanceof OnnxError && e.path === 'options.batchSize',
    );
  });
});

describe('summarizeLatency (the timed runs’ summary)', () => {
  it('reports the median, not the fastest or slowest run', () => {
    expect(summarizeLatency([5, 1, 9, 3, 7])).toEqual({ medianMs: 5, minMs: 1, maxMs: 9 });
    expect(summarizeLatency([4, 1, 3, 2])).toEqual({ medianMs: 2.5, minMs: 1, maxMs: 4 });
    expect(summarizeLatency([2])).toEqual({ medianMs: 2, minMs: 2, maxMs: 2 });
  });

  it('does not reorder the times it is given', () => {
    const times = [3, 1, 2];
    summarizeLatency(times);
    expect(times).toEqual([3, 1, 2]);
  });
});

describe('measureScaling', () => {
  it('measures every strategy and factor, in order, reporting progress', async () => {
    const progress: [number, number, string][] = [];
    const rows = await measureScaling(tiny, {
      factors: [1, 2],
      strategies: ['w', { d: 1, w: 0, g: 0, r: 0 }],
      runs: 1,
      warmup: 0,
      onProgress: (done, total, label) => progress.push([done, total, label]),
    });
    expect(rows.map((r) => [r.strategy, r.factor])).toEqual([
      ['w', 1],
      ['w', 2],
      ['d', 1],
      ['d', 2],
    ]);
    for (const row of rows) {
      expect(row.spec).toEqual(scale(tiny, row.strategy, row.factor));
      expect(row.complexity).toEqual(complexity(row.spec));
      expect(0 < row.minMs && row.minMs <= row.medianMs && row.medianMs <= row.maxMs).toBe(true);
    }
    expect(progress).toEqual([
      [1, 4, 'w x1'],
      [2, 4, 'w x2'],
      [3, 4, 'd x1'],
      [4, 4, 'd x2'],
    ]);
  });

  it('checks every input before timing anything', async () => {
    const base = { strategies: ['w'], factors: [2], runs: 1 };
    const fails = (options: object) => measureScaling(tiny, { ...base, ...options } as never);
    await expect(fails({ factors: [2, 0] })).rejects.toSatisfy((e) => e instanceof ScalingError && e.path === 'options.factors[1]');
    await expect(fails({ factors: [] })).rejects.toSatisfy((e) => e instanceof ScalingError && e.path === 'options.factors');
    await expect(fails({ strategies: ['w', 'dx'] })).rejects.toSatisfy(
      (e) => e instanceof ScalingError && e.path === 'options.strategies[1]',
    );
    await expect(fails({ strategies: [{ d: 0, w: 0, g: 0, r: 0 }] })).rejects.toSatisfy(
      (e) => e instanceof ScalingError && e.path === 'options.strategies[0]',
    );
    await expect(fails({ onProgress: 'log' })).rejects.toSatisfy((e) => e instanceof OnnxError && e.path === 'options.onProgress');
    await expect(fails({ runs: 0 })).rejects.toSatisfy((e) => e instanceof OnnxError && e.path === 'options.runs');
  });
});

describe('loading onnxruntime-node', () => {
  it('says how to install it when it is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package 'onnxruntime-node'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await loadOnnxRuntime(() => Promise.reject(missing)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingOnnxRuntimeError);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('npm install onnxruntime-node');
    expect((error as Error).cause).toBe(missing);
  });

  it('passes other failures through', async () => {
    const broken = new Error('bad ELF header');
    await expect(loadOnnxRuntime(() => Promise.reject(broken))).rejects.toBe(broken);
  });

  it('finds the exports of the CommonJS package either way it is imported', async () => {
    const ort = await loadOnnxRuntime();
    expect(typeof ort.InferenceSession.create).toBe('function');
    const viaDefault = await loadOnnxRuntime(async () => ({ default: ort }));
    expect(viaDefault.InferenceSession).toBe(ort.InferenceSession);
  });
});
