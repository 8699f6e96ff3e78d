import { describe, expect, it } from 'vitest';
import { compareStrategies, MAX_STRATEGIES, ScalingError, sweep, zooModel, type ScalingStrategy } from '../../src/index.js';

const spec = zooModel('RegNetX-200MF');

/** The ScalingError a call throws (fails the test if it throws nothing or something else). */
function scalingError(run: () => unknown): ScalingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScalingError);
    return error as ScalingError;
  }
  throw new Error('expected a ScalingError, but nothing was thrown');
}

describe('strategy lists (compareStrategies, sweep)', () => {
  it('refuses a hole in the list, naming the entry', () => {
    expect(scalingError(() => compareStrategies(spec, 2, ['d', , 'w'] as string[])).message).toBe(
      'strategies[1]: is missing (the array has a hole here)',
    );
    expect(scalingError(() => sweep(spec, { factors: [2], strategies: [, 'w'] as string[] })).message).toBe(
      'options.strategies[0]: is missing (the array has a hole here)',
    );
  });

  it('takes MAX_STRATEGIES strategies and refuses more before scaling any', () => {
    expect(MAX_STRATEGIES).toBe(1000);
    expect(compareStrategies(spec, 1, Array<string>(MAX_STRATEGIES).fill('d'))).toHaveLength(MAX_STRATEGIES);
    expect(scalingError(() => compareStrategies(spec, 2, Array<string>(MAX_STRATEGIES + 1).fill('d'))).message).toBe(
      'strategies: has 1001 strategies, more than MAX_STRATEGIES (1000)',
    );
  });

  it('refuses a revoked proxy, as a list or as an entry, with a ScalingError naming it', () => {
    const list = Proxy.revocable(['d'], {});
    list.revoke();
    expect(scalingError(() => compareStrategies(spec, 2, list.proxy)).path).toBe('strategies');
    const entry = Proxy.revocable({ d: 1, w: 1, g: 0, r: 0 }, {});
    entry.revoke();
    expect(scalingError(() => compareStrategies(spec, 2, ['w', entry.proxy])).message).toMatch(/^strategies\[1\]: cannot be read \(.*revoked/);
  });

  it('reads each weight once: a getter that changes its answer cannot make a checked weight invalid', () => {
    let reads = 0;
    const strategy = { d: 1, w: 1, g: 0, get r() { return reads++ === 0 ? 0 : NaN; } } as ScalingStrategy;
    const [row] = compareStrategies(spec, 2, [strategy]);
    expect(row!.name).toBe('dw');
    expect(row!.strategy).toEqual({ d: 1, w: 1, g: 0, r: 0 });
    expect(reads).toBe(1);
  });

  it('names the entry and field of a bad weight or an unknown key', () => {
    expect(scalingError(() => compareStrategies(spec, 2, ['d', { d: 1, w: NaN, g: 0, r: 0 }])).message).toBe(
      'strategies[1].w: NaN is not a finite number >= 0',
    );
    expect(scalingError(() => compareStrategies(spec, 2, [{ d: 1, w: 1, g: 0, r: 0, x: 1 } as ScalingStrategy])).path).toBe('strategies[0].x');
  });
});
