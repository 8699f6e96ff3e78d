/** predictLatency on small hand-made tables: lookup, the fitted fallback, and what it refuses. */
import { describe, expect, it } from 'vitest';
import { AnalysisError, LatencyTableError, predictLatency, readLatencyTable, SpecError, zooModel } from '../../src/index.js';
import { entry, table, TINY_KEYS, tinyTable, tinyVanilla, vanillaKey, vanillaNetMs } from './tables.js';

describe('predictLatency: lookup', () => {
  it('adds the overhead once and each part (its median less the overhead) times its repeats', () => {
    const p = predictLatency(tinyVanilla, tinyTable());
    // overhead 0.01 + stem 0.10 + two blocks of width 8 at 0.20 + the stride-2 block 0.30 + head 0.04 ms.
    expect(p.seconds * 1000).toBeCloseTo(0.85, 12);
    expect(p.overheadSeconds * 1000).toBeCloseTo(0.01, 12);
    expect(p.lookedUp.parts).toBe(5);
    expect(p.lookedUp.seconds * 1000).toBeCloseTo(0.84, 12);
    expect(p.fitted).toEqual({ parts: 0, seconds: 0 });
    expect(p.parts.map((part) => [part.kind, part.label, part.repeats, part.source])).toEqual([
      ['stem', 'stem', 1, 'table'],
      ['block', 's1 block 0', 1, 'table'],
      ['block', 's1 block 1', 1, 'table'],
      ['block', 's2 block 0', 1, 'table'],
      ['head', 'head', 1, 'table'],
    ]);
    expect(p.parts[3]!.seconds * 1000).toBeCloseTo(0.3, 12);
  });

  it('counts a part whose median is below the overhead (noise) as taking no time', () => {
    const noisy = table([entry(TINY_KEYS.stem, 0.005, 'stem'), entry(TINY_KEYS.block8, 0.21), entry(TINY_KEYS.block16, 0.31), entry(TINY_KEYS.head, 0.05, 'head')]);
    expect(predictLatency(tinyVanilla, noisy).seconds * 1000).toBeCloseTo(0.75, 12);
  });

  it('reads a plain table afresh on every call: a change to it between calls is seen, nothing stale is kept', () => {
    const raw = JSON.parse(JSON.stringify(tinyTable()));
    expect(predictLatency(tinyVanilla, raw).seconds * 1000).toBeCloseTo(0.85, 12);
    raw.entries.find((e: { key: string }) => e.key === TINY_KEYS.head).medianMs = 0.15; // head 0.04 -> 0.14 ms net
    raw.entries.find((e: { key: string }) => e.key === TINY_KEYS.head).maxMs = 0.15;
    expect(predictLatency(tinyVanilla, raw).seconds * 1000).toBeCloseTo(0.95, 12);
    // The library's own copy is frozen, so the form compiled from it once cannot go stale.
    const read = readLatencyTable(raw);
    expect(() => {
      (read.entries[0] as { medianMs: number }).medianMs = 1;
    }).toThrow(TypeError);
    expect(predictLatency(tinyVanilla, read).seconds * 1000).toBeCloseTo(0.95, 12);
  });

  it('multiplies a stage of identical blocks by its depth', () => {
    const deep = { ...tinyVanilla, stages: [{ depth: 7, width: 8, stride: 1 }, tinyVanilla.stages[1]!] };
    const p = predictLatency(deep, tinyTable());
    expect(p.parts.map((part) => part.repeats)).toEqual([1, 1, 6, 1, 1]);
    expect(p.seconds * 1000).toBeCloseTo(0.01 + 0.1 + 7 * 0.2 + 0.3 + 0.04, 12);
  });

  it('takes a table as JSON data, and reads the same answer from a table read once', () => {
    const raw = JSON.parse(JSON.stringify(tinyTable()));
    const read = readLatencyTable(raw);
    expect(read).toEqual(raw);
    expect(Object.isFrozen(read) && Object.isFrozen(read.entries[0])).toBe(true);
    expect(readLatencyTable(read)).toBe(read);
    expect(predictLatency(tinyVanilla, raw)).toEqual(predictLatency(tinyVanilla, read));
  });
});

describe('predictLatency: the fitted fallback', () => {
  /** Vanilla blocks of many shapes, timed by a hidden linear cost model; the stride-2 block of width 16 is left out. */
  function fittedTable() {
    // The stem under the same model: one 3x3 conv 3 -> 8 at 16 px and its ReLU (two nodes).
    const stemMs = 1e-7 * 9 * 3 * 8 * 256 + 2e-6 * 8 * 256 + 0.003 * 2;
    const entries = [entry(TINY_KEYS.stem, 0.01 + stemMs, 'stem'), entry(TINY_KEYS.head, 0.05, 'head')];
    for (const [channels, side, out, stride] of [
      [8, 16, 8, 1],
      [8, 8, 8, 1],
      [16, 8, 16, 1],
      [8, 16, 24, 2],
      [24, 8, 24, 1],
      [16, 16, 32, 2],
      [32, 8, 32, 1],
      [32, 8, 64, 2],
    ] as const) {
      entries.push(entry(vanillaKey(channels, side, out, stride), 0.01 + vanillaNetMs(channels, side, out, stride)));
    }
    return table(entries);
  }

  it('predicts a missing block exactly when the table follows a linear cost model', () => {
    const p = predictLatency(tinyVanilla, fittedTable());
    const fitted = p.parts.filter((part) => part.source === 'fit');
    expect(fitted.map((part) => part.label)).toEqual(['s2 block 0']); // TINY_KEYS.block16, left out
    const expectedMs = vanillaNetMs(8, 16, 16, 2);
    expect(fitted[0]!.seconds * 1000).toBeCloseTo(expectedMs, 9);
    expect(p.fitted.parts).toBe(1);
    expect(p.fitted.seconds * 1000).toBeCloseTo(expectedMs, 9);
    expect(p.lookedUp.parts).toBe(4);
    expect(p.seconds).toBeCloseTo(p.overheadSeconds + p.lookedUp.seconds + p.fitted.seconds, 15);
  });

  it('prices an op type the table has never measured like a related one', () => {
    // No depthwise or 1x1 conv, no SiLU, sigmoid, add or multiply in the table: EfficientNet-B0's parts
    // borrow the coefficients of kxk convs and ReLUs.
    const p = predictLatency(zooModel('EfficientNet-B0'), fittedTable());
    expect(p.fitted.parts).toBe(14);
    expect(p.seconds).toBeGreaterThan(0);
  });

  it('refuses to fit a part with an op type neither the table nor a relative of it has', () => {
    const convsOnly = table(
      [8, 16, 24, 32].map((width) => entry(`8x8/c${width},3,1,1,1;nb`, 0.01 + 1e-7 * 9 * 8 * width * 64 + 0.003)),
    );
    expect(() => predictLatency(tinyVanilla, convsOnly)).toThrow(
      new LatencyTableError(
        'entries',
        'hold no part with activation (relu family) elements (nor a related op), so the time of stem (not in the table) cannot be fitted: measure networks that have it into the table',
      ),
    );
  });

  it('refuses to fit from fewer entries than features', () => {
    const small = table([entry(TINY_KEYS.stem, 0.11, 'stem'), entry(TINY_KEYS.head, 0.05, 'head')]);
    expect(() => predictLatency(tinyVanilla, small)).toThrow(/^entries: has 2 entries, too few to fit the time of a part it does not hold on \d+ features/);
  });
});

describe('predictLatency: bad input', () => {
  it('refuses settings other than the ones asked for, naming the setting', () => {
    const t = tinyTable();
    expect(predictLatency(tinyVanilla, t, { batchSize: 1, threads: 1, executionProvider: 'cpu' }).seconds).toBeGreaterThan(0);
    expect(() => predictLatency(tinyVanilla, t, { batchSize: 8 })).toThrow(
      new LatencyTableError('settings.batchSize', 'the table was measured with batch size 1, not 8: measure a table with the settings you predict for'),
    );
    expect(() => predictLatency(tinyVanilla, t, { threads: 4 })).toThrow(/^settings\.threads: the table was measured with threads 1, not 4/);
    expect(() => predictLatency(tinyVanilla, t, { executionProvider: 'cuda' })).toThrow(/^settings\.executionProvider: .* "cpu", not "cuda"/);
    expect(() => predictLatency(tinyVanilla, t, { batchSize: 0 })).toThrow(AnalysisError);
    expect(() => predictLatency(tinyVanilla, t, { batch: 1 } as never)).toThrow(/^options\.batch: is not a field/);
  });

  it('throws SpecError for a bad spec', () => {
    expect(() => predictLatency({ ...tinyVanilla, numClasses: 0 }, tinyTable())).toThrow(SpecError);
  });

  it.each<[string, (t: Record<string, any>) => void, string | RegExp]>([
    ['an empty table', (t) => (t.entries = []), 'entries: is empty: the table has measured nothing to predict from'],
    ['another version', (t) => (t.version = 2), 'version: 2 is not 1, the table version this fastscale reads: measure the table again'],
    ['another format', (t) => (t.format = 'nn-meter'), /^format: "nn-meter" is not 'fastscale-latency-table'/],
    ['a negative time', (t) => (t.entries[1].medianMs = -0.5), 'entries[1].medianMs: -0.5 is not a finite number >= 0'],
    ['a NaN time', (t) => (t.entries[0].minMs = NaN), 'entries[0].minMs: NaN is not a finite number >= 0'],
    ['an infinite time', (t) => (t.overhead.maxMs = Infinity), 'overhead.maxMs: Infinity is not a finite number >= 0'],
    ['a median outside its runs', (t) => (t.entries[2].minMs = 0.5), 'entries[2]: times 0.5 <= 0.31 <= 0.31 (min <= median <= max) do not hold'],
    ['a key given twice', (t) => (t.entries[3].key = t.entries[0].key), /^entries\[3\]\.key: "3x16\/c8,3,1,1,1;nb;arelu" is in the table twice$/],
    ['a malformed key', (t) => (t.entries[2].key = '8x16/c16,3,2,1,3'), /^entries\[2\]\.key: layer 0 "c16,3,2,1,3": 3 groups do not divide/],
    ['an unknown field', (t) => (t.measured = true), /^measured: is not a field of a latency table/],
    ['a missing setting', (t) => delete t.settings.threads, 'settings.threads: is missing (expected a positive integer)'],
    ['an unknown kind', (t) => (t.entries[0].kind = 'neck'), /^entries\[0\]\.kind: "neck" is not one of/],
  ])('refuses %s, naming the field', (_, change, message) => {
    const t = structuredClone(tinyTable()) as unknown as Record<string, any>;
    change(t);
    expect(() => predictLatency(tinyVanilla, t as never)).toThrow(LatencyTableError);
    expect(() => readLatencyTable(t)).toThrow(typeof message === 'string' ? new LatencyTableError('', message).message : message);
  });

  it('refuses what is not a table', () => {
    for (const value of [null, 42, 'table.json', [], undefined]) expect(() => readLatencyTable(value)).toThrow(LatencyTableError);
    const getter = Object.defineProperty(structuredClone(tinyTable()), 'entries', { get: () => [], enumerable: true });
    expect(() => readLatencyTable(getter)).toThrow('entries: is a getter or setter; give plain data');
  });
});
