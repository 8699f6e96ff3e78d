/** scaleToTarget and compareStrategies at a latency budget, on a synthetic latency table. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareStrategies,
  LatencyTableError,
  predictLatency,
  readLatencyTable,
  scale,
  scaleToTarget,
  ScalingError,
  zooModel,
  type LatencyTable,
} from '../../src/index.js';
import { replayKey } from '../../src/latency/key.js';
import { networkParts } from '../../src/latency/parts.js';
import { entry, table } from '../latency/tables.js';

/**
 * A table of RegNetY-400MF's parts under dWr at factors 1, 2, 4 and 8, timed by a made-up cost model
 * (0.01 ms per run, 2 ns per multiply-add, 0.5 ns per activation): what is tested is the search, not the
 * times.
 */
function syntheticTable(): LatencyTable {
  const entries = new Map<string, ReturnType<typeof entry>>();
  for (const factor of [1, 2, 4, 8]) {
    for (const part of networkParts(scale(zooModel('RegNetY-400MF'), 'dWr', factor))) {
      const net = replayKey(part.key, null, 'key');
      entries.set(part.key, entry(part.key, 0.01 + 2e-6 * net.flops + 5e-7 * net.acts, part.kind));
    }
  }
  return readLatencyTable(table([...entries.values()]));
}

const latencyTable = syntheticTable();
const base = zooModel('RegNetY-400MF');

describe('scaleToTarget with a latency budget', () => {
  it('returns the network whose predicted latency is closest: no network within 3% of its factor lands closer', () => {
    fc.assert(
      fc.property(fc.constantFrom('dWr', 'd', 'w', 'dwr'), fc.double({ min: 0.8, max: 6, noNaN: true }), (strategy, ratio) => {
        const goal = predictLatency(base, latencyTable).seconds * ratio;
        const result = scaleToTarget(base, { latency: goal }, strategy, { latencyTable });
        expect(scale(base, strategy, result.factor)).toEqual(result.spec);
        const predicted = predictLatency(result.spec, latencyTable).seconds;
        expect(result.latency!.seconds).toBe(predicted);
        expect(result.relativeError).toBeCloseTo((predicted - goal) / goal, 12);
        // An independent dense scan (0.05% steps) of the 3% around the answer finds nothing closer.
        for (let k = -59; k <= 59; k++) {
          const seconds = predictLatency(scale(base, strategy, result.factor * Math.exp(k * 0.0005)), latencyTable).seconds;
          expect(Math.abs(seconds - goal) / goal).toBeGreaterThanOrEqual(Math.abs(result.relativeError) - 1e-12);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('lands within a few percent of a budget the table covers', () => {
    const goal = 2 * predictLatency(base, latencyTable).seconds;
    const result = scaleToTarget(base, { latency: goal }, 'dWr', { latencyTable });
    expect(Math.abs(result.relativeError)).toBeLessThan(0.03);
    expect(result.latency!.parts.length).toBeGreaterThan(0);
  });

  it('adds the predicted latency to the answer of a complexity budget when given a table', () => {
    const result = scaleToTarget(base, { flops: 1.6e9 }, 'dWr', { latencyTable });
    expect(result.latency).toEqual(predictLatency(result.spec, latencyTable));
    expect(scaleToTarget(base, { flops: 1.6e9 }, 'dWr').latency).toBeUndefined();
  });

  it('needs a table, says the reachable range, and names a bad table field', () => {
    expect(() => scaleToTarget(base, { latency: 0.02 }, 'dWr')).toThrow(
      new ScalingError('options.latencyTable', 'is missing: a latency target needs a latency table (buildLatencyTable, readLatencyTable)'),
    );
    expect(() => scaleToTarget(base, { latency: 1e-9 }, 'd', { latencyTable })).toThrow(
      /^target: latency 1e-9 s is outside what d reaches from this network: about [\d.e-]+ to [\d.e+]+ s \(predicted\)$/,
    );
    expect(() => scaleToTarget(base, { latency: -1 }, 'dWr', { latencyTable })).toThrow(new ScalingError('target.latency', '-1 is not a finite number > 0'));
    const wrong = { ...structuredClone(latencyTable), version: 3 };
    expect(() => scaleToTarget(base, { latency: 0.02 }, 'dWr', { latencyTable: wrong as never })).toThrow(LatencyTableError);
    expect(() => scaleToTarget(base, { latency: 0.02 }, 'dWr', { latencyTable: wrong as never })).toThrow(/^options\.latencyTable\.version: 3 is not 1/);
    expect(() => scaleToTarget(base, { latency: 0.02 }, 'dWr', { latencyTable, tolerance: 1 } as never)).toThrow(/^options\.tolerance: is not a field/);
  });
});

describe('compareStrategies at equal latency', () => {
  it('scales every strategy to the budget, each row with its predicted latency', () => {
    const goal = 2 * predictLatency(base, latencyTable).seconds;
    const rows = compareStrategies(base, { latency: goal }, ['d', 'w', 'dWr'], { latencyTable });
    expect(rows.map((row) => row.name)).toEqual(['d', 'w', 'dWr']);
    for (const row of rows) {
      expect(row.metric).toBe('latency');
      expect(row.target).toBe(goal);
      expect(row.latency!.seconds).toBe(predictLatency(row.spec, latencyTable).seconds);
      expect(row.relativeError).toBeCloseTo(row.latency!.seconds / goal - 1, 12);
      expect(Math.abs(row.relativeError)).toBeLessThan(0.05);
    }
  });

  it('names the strategy that cannot reach the budget', () => {
    expect(() => compareStrategies(base, { latency: 1e-9 }, ['w', 'd'], { latencyTable })).toThrow(/^strategies\[0\]: w: latency 1e-9 s is outside/);
  });
});
