/** compareStrategies at a budget: each strategy landed on the same budget with scaleToTarget. */
import { describe, expect, it } from 'vitest';
import { compareStrategies, fastCompound, scale, ScalingError, scaleToTarget, STRATEGIES, zooModel } from '../../src/index.js';

const base = zooModel('RegNetY-400MF');

describe('compareStrategies(spec, { flops })', () => {
  const rows = compareStrategies(base, { flops: 4e9 });

  it('has one row per default strategy, each the network scaleToTarget finds for it', () => {
    expect(rows.map((row) => row.name)).toEqual(Object.keys(STRATEGIES));
    for (const row of rows) {
      const found = scaleToTarget(base, { flops: 4e9 }, row.strategy);
      expect(row.factor, row.name).toBe(found.factor);
      expect(row.spec, row.name).toEqual(found.spec);
      expect(row.complexity, row.name).toEqual(found.complexity);
      expect(row.relativeError, row.name).toBe(found.relativeError);
      expect(row).toMatchObject({ metric: 'flops', target: 4e9 });
      // The factor reproduces the row: the network is the one its multipliers give.
      expect(scale(base, row.strategy, row.factor)).toEqual(row.spec);
    }
  });

  it('lands near the budget where the plain factor does not: the paper compares at equal flops', () => {
    const flops = Object.fromEntries(rows.map((row) => [row.name, row.complexity.flops]));
    expect(flops).toEqual({
      d: 4_005_283_252,
      w: 4_000_638_066,
      r: 3_959_439_136,
      dw: 4_035_459_354,
      dr: 4_007_289_874,
      wr: 4_002_247_616,
      dwr: 3_851_752_068,
      dWr: 3_981_463_544,
    });
    const atFactor10 = compareStrategies(base, 10).map((row) => row.complexity.flops);
    expect(Math.max(...atFactor10) / Math.min(...atFactor10)).toBeGreaterThan(1.1);
  });

  it('takes params and acts budgets, and strategies as objects', () => {
    const [row] = compareStrategies(base, { acts: 12e6 }, [fastCompound(0.8)]);
    expect(row).toMatchObject({ name: 'dWr', metric: 'acts', target: 12e6 });
    expect(Math.abs(row!.relativeError)).toBeLessThan(0.05);
    expect(row!.relativeError).toBe((row!.complexity.acts - 12e6) / 12e6);
  });

  it('names the strategy that cannot reach the budget, and the target field that is bad', () => {
    expect(() => compareStrategies(base, { params: 20e6 }, ['w', 'r'])).toThrow(/^strategies\[1\]: r: r does not change params/);
    let error: unknown;
    try {
      compareStrategies(base, { flops: -1 }, ['w']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScalingError);
    expect((error as ScalingError).path).toBe('target.flops');
  });
});
