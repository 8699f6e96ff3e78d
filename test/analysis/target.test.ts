import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, scale, scaleToTarget, ScalingError, SpecError, STRATEGIES, zooModel, type Metric } from '../../src/index.js';
import { realisticSpec } from '../arbitraries.js';

const strategyNames = fc.constantFrom('d', 'w', 'r', 'dw', 'dwr', 'dWr', 'd1_w8_g8_r1');
const metrics = fc.constantFrom<Metric>('flops', 'params', 'acts');

describe('scaleToTarget', () => {
  it('returns the scale that reproduces its answer, and no network within 3% of its factor lands closer', () => {
    fc.assert(
      fc.property(realisticSpec, strategyNames, metrics, fc.double({ min: 0.3, max: 50, noNaN: true }), (spec, strategy, metric, ratio) => {
        fc.pre(!(metric === 'params' && strategy === 'r')); // resolution never changes params
        const goal = complexity(spec)[metric] * ratio;
        let result;
        try {
          result = scaleToTarget(spec, { [metric]: goal } as never, strategy);
        } catch (error) {
          // Depth never rounds below 1, so a scale-down target can be out of reach; the range must say so.
          expect(error).toBeInstanceOf(ScalingError);
          const [, low, high] = /: ([\d,]+) to ([\d,]+)$/.exec((error as Error).message)!.map((text) => text.replaceAll(',', ''));
          expect(goal < Number(low) || goal > Number(high)).toBe(true);
          return;
        }
        const again = scale(spec, strategy, result.factor);
        expect(again).toEqual(result.spec);
        expect(complexity(again)).toEqual(result.complexity);
        expect(result.relativeError).toBeCloseTo((result.complexity[metric] - goal) / goal, 12);
        // An independent dense scan (0.05% steps) of the 3% around the answer finds nothing closer.
        for (let k = -59; k <= 59; k++) {
          const value = complexity(scale(spec, strategy, result.factor * Math.exp(k * 0.0005)))[metric];
          expect(Math.abs(value - goal) / goal).toBeGreaterThanOrEqual(Math.abs(result.relativeError) - 1e-12);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('lands within a few percent of realistic budgets', () => {
    const base = zooModel('RegNetY-400MF');
    for (const strategy of ['dWr', 'd', 'w', 'dwr']) {
      const { relativeError, complexity: cx } = scaleToTarget(base, { flops: 4e9 }, strategy);
      expect(Math.abs(relativeError)).toBeLessThan(0.04);
      expect(Math.abs(cx.flops - 4e9) / 4e9).toBeCloseTo(Math.abs(relativeError), 12);
    }
  });

  it('says the reachable range when the target is out of reach, and that a strategy does not move a metric', () => {
    const base = zooModel('RegNetY-400MF');
    // RegNetY-400MF has 4,344,144 params (pycls's model_complexity.json); resolution does not change them.
    expect(() => scaleToTarget(base, { params: 20e6 }, 'r')).toThrow(
      new ScalingError('target', 'r does not change params (4,344,144 at every factor): choose a strategy that scales params'),
    );
    expect(() => scaleToTarget(base, { flops: 1000 }, 'dWr')).toThrow(/^target: flops 1,000 is outside what d1_w8_g8_r1 reaches from this network: [\d,]+ to [\d,]+$/);
    expect(() => scaleToTarget(base, { acts: 9e15 }, 'd')).toThrow(/outside what d reaches/);
  });

  it('reaches targets between the search start and the smallest valid networks (issue 10: 2 MF from RegNetY-400MF)', () => {
    // scale(base, 'dWr', 1e-9) gives a network of 2,018,470 flops, so 2 MF and 1.5 MF are reachable.
    const base = zooModel('RegNetY-400MF');
    expect(complexity(scale(base, 'dWr', 1e-9)).flops).toBe(2_018_470);
    for (const flops of [2e6, 1.5e6]) {
      const { complexity: reached, relativeError } = scaleToTarget(base, { flops }, 'dWr');
      expect(Math.abs(relativeError)).toBeLessThan(0.05);
      expect(reached.flops).toBeGreaterThan(1e6);
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['no metric', {}, /^target: names no metric/],
    ['two metrics', { flops: 1e9, acts: 1e7 }, /^target: names flops and acts/],
    ['unknown metric', { macs: 1e9 }, /^target\.macs: is not a field of a complexity or latency target/],
    ['negative', { flops: -1 }, /^target\.flops: -1 is not a finite number > 0/],
    ['NaN', { acts: NaN }, /^target\.acts: NaN is not a finite number > 0/],
    ['beyond safe integers', { flops: 2 ** 60 }, /above Number\.MAX_SAFE_INTEGER/],
    ['a string', 'flops=4e9', /^target: "flops=4e9" is not an object/],
  ])('rejects a target with %s', (_, target, message) => {
    expect(() => scaleToTarget(zooModel('RegNetX-200MF'), target as never, STRATEGIES.dWr)).toThrow(ScalingError);
    expect(() => scaleToTarget(zooModel('RegNetX-200MF'), target as never, STRATEGIES.dWr)).toThrow(message);
  });

  it('only ever throws typed errors on arbitrary targets, strategies and specs', () => {
    fc.assert(
      fc.property(fc.anything(), fc.oneof(fc.anything(), strategyNames), (target, strategy) => {
        try {
          scaleToTarget(zooModel('RegNetX-200MF'), target as never, strategy as never);
        } catch (error) {
          expect(error).toBeInstanceOf(ScalingError);
        }
      }),
    );
    expect(() => scaleToTarget({} as never, { flops: 1e9 }, 'd')).toThrow(SpecError);
  });
});
