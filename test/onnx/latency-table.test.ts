/** buildLatencyTable: what is measured, in what order, with what settings (times injected), and one real run. */
import { describe, expect, it } from 'vitest';
import { LatencyTableError, predictLatency, readLatencyTable, SpecError, zooModel } from '../../src/index.js';
import { buildLatencyTable, OnnxError } from '../../src/onnx/index.js';
import { buildTableWith, OVERHEAD_KEY, type PartTimer } from '../../src/onnx/latency-table.js';
import type { RunSettings } from '../../src/onnx/timing.js';
import { TINY_KEYS, tinyVanilla } from '../latency/tables.js';

/** A timer that records what it was asked to time and answers `ms` for each run. */
function recordingTimer(ms: (call: number) => number[] = () => [0.3, 0.1, 0.2]): { timer: PartTimer; calls: { dims: readonly number[]; settings: RunSettings }[] } {
  const calls: { dims: readonly number[]; settings: RunSettings }[] = [];
  const timer: PartTimer = async (_bytes, inputDims, settings) => {
    calls.push({ dims: inputDims, settings });
    return ms(calls.length - 1);
  };
  return { timer, calls };
}

describe('buildLatencyTable (injected timer)', () => {
  it('times the overhead model, then each distinct part once, and keeps the median with min and max', async () => {
    const { timer, calls } = recordingTimer();
    const progress: string[] = [];
    const table = await buildTableWith([{ name: 'tiny', spec: tinyVanilla }], { runs: 3, onProgress: (done: number, total: number, label: string) => progress.push(`${done}/${total} ${label}`) }, timer, '9.9.9');
    // The overhead model: one element; then the stem at 3x16, the two 8-wide blocks (one key), the stride-2 block, the head.
    expect(calls.map((c) => c.dims)).toEqual([[1, 1, 1], [3, 16, 16], [8, 16, 16], [8, 16, 16], [16, 8, 8]]);
    expect(table.entries.map((e) => [e.key, e.kind, e.label])).toEqual([
      [TINY_KEYS.stem, 'stem', 'tiny stem'],
      [TINY_KEYS.block8, 'block', 'tiny s1 block 0'],
      [TINY_KEYS.block16, 'block', 'tiny s2 block 0'],
      [TINY_KEYS.head, 'head', 'tiny head'],
    ]);
    expect(progress).toEqual(['1/4 tiny stem', '2/4 tiny s1 block 0', '3/4 tiny s2 block 0', '4/4 tiny head']);
    expect(table.overhead).toEqual({ medianMs: 0.2, minMs: 0.1, maxMs: 0.3 });
    expect(table.entries[0]).toMatchObject({ medianMs: 0.2, minMs: 0.1, maxMs: 0.3 });
    expect(table.settings).toEqual({ batchSize: 1, threads: 1, warmup: 5, runs: 3, executionProvider: 'cpu', seed: 0, opset: 17 });
    expect(table.runtime).toEqual({ name: 'onnxruntime-node', version: '9.9.9' });
    expect(table.format).toBe('fastscale-latency-table');
    expect(OVERHEAD_KEY).toBe('1x1/arelu');
    expect(readLatencyTable(JSON.parse(JSON.stringify(table)))).toEqual(table);
  });

  it('passes the settings to the timer', async () => {
    const { timer, calls } = recordingTimer();
    await buildTableWith([tinyVanilla], { batchSize: 4, threads: 2, warmup: 0, runs: 3, seed: 7, executionProvider: 'cuda' }, timer, '1');
    expect(calls[1]!.settings).toMatchObject({ batchSize: 4, threads: 2, warmup: 0, runs: 3, seed: 7, executionProvider: 'cuda' });
  });

  it('extends a table: its parts are not measured again, its settings and overhead are kept', async () => {
    const first = await buildTableWith([tinyVanilla], { runs: 3 }, recordingTimer().timer, '1');
    const { timer, calls } = recordingTimer(() => [1, 1, 1]);
    const wider = { ...tinyVanilla, stages: [tinyVanilla.stages[0]!, { depth: 1, width: 24, stride: 2 }] };
    const table = await buildTableWith([tinyVanilla, wider], { extend: first }, timer, '1');
    // Only the new stride-2 block of width 24 and the new head (24 channels) are timed; no overhead model.
    expect(calls.map((c) => c.dims)).toEqual([[8, 16, 16], [24, 8, 8]]);
    expect(table.entries.slice(0, 4)).toEqual(first.entries);
    expect(table.entries).toHaveLength(6);
    expect(table.overhead).toEqual(first.overhead);
    await expect(buildTableWith([wider], { extend: first, batchSize: 8 }, timer, '1')).rejects.toThrow(
      new OnnxError('options.batchSize', '8 differs from the 1 the extended table was measured with'),
    );
  });

  it('stops when its signal aborts, with the signal\'s reason', async () => {
    const controller = new AbortController();
    const { timer, calls } = recordingTimer();
    const building = buildTableWith([tinyVanilla], { signal: controller.signal, onProgress: (done: number) => done === 2 && controller.abort(new Error('enough')) }, timer, '1');
    await expect(building).rejects.toThrow('enough');
    expect(calls).toHaveLength(3); // the overhead and two parts
    await expect(buildTableWith([tinyVanilla], { signal: AbortSignal.abort() }, timer, '1')).rejects.toThrow();
  });

  it('refuses times that are negative or not numbers, as any table', async () => {
    await expect(buildTableWith([tinyVanilla], {}, recordingTimer((call) => (call === 2 ? [-1, 0.1, 0.2] : [0.1])).timer, '1')).rejects.toThrow(
      new LatencyTableError('entries[1].minMs', '-1 is not a finite number >= 0'),
    );
    await expect(buildTableWith([tinyVanilla], {}, recordingTimer(() => [NaN]).timer, '1')).rejects.toThrow(LatencyTableError);
  });

  it.each<[string, unknown, unknown, string | RegExp, new (...args: never[]) => Error]>([
    ['no networks', [], {}, 'models: is empty: give at least one network to profile', SpecError],
    ['a bad spec', [tinyVanilla, { ...tinyVanilla, numClasses: 0 }], {}, /^models\[1\]\.numClasses: /, SpecError],
    ['a bad name', [{ name: '', spec: tinyVanilla }], {}, /^models\[0\]\.name: "" is not a name/, SpecError],
    ['zero runs', [tinyVanilla], { runs: 0 }, 'options.runs: 0 is not a positive integer', OnnxError],
    ['an unknown option', [tinyVanilla], { repeats: 3 }, /^options\.repeats: is not a field of latency table options/, OnnxError],
    ['a progress that is not a function', [tinyVanilla], { onProgress: 'log' }, 'options.onProgress: "log" is not a function', OnnxError],
    ['a signal that is not one', [tinyVanilla], { signal: {} }, 'options.signal: an object is not an AbortSignal', OnnxError],
    ['an opset out of range', [tinyVanilla], { opset: 9 }, /^options\.opset: /, OnnxError],
    ['a bad provider name', [tinyVanilla], { executionProvider: 'cuda; rm' }, /^options\.executionProvider: "cuda; rm" is not an execution provider name/, OnnxError],
  ])('refuses %s before timing anything', async (_, models, options, message, type) => {
    const { timer, calls } = recordingTimer();
    const building = buildTableWith(models, options, timer, '1');
    await expect(building).rejects.toThrow(type);
    await expect(buildTableWith(models, options, timer, '1')).rejects.toThrow(message);
    expect(calls).toHaveLength(0);
  });
});

describe('buildLatencyTable (onnxruntime-node)', () => {
  it('measures a small network for real; the table predicts it from lookups alone', async () => {
    const table = await buildLatencyTable([tinyVanilla, zooModel('RegNetX-200MF')], { runs: 2, warmup: 1 });
    expect(table.entries).toHaveLength(4 + 8);
    for (const e of [table.overhead, ...table.entries]) expect(0 < e.minMs && e.minMs <= e.medianMs && e.medianMs <= e.maxMs).toBe(true);
    expect(table.runtime.name).toBe('onnxruntime-node');
    expect(table.runtime.version).toMatch(/^\d+\.\d+\.\d+/);
    const prediction = predictLatency(tinyVanilla, table);
    expect(prediction.fitted.parts).toBe(0);
    expect(prediction.seconds).toBeGreaterThan(0);
  });
});
