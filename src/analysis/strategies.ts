import { ScalingError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { ownedArray } from '../internal/read.js';
import { toStrategy } from '../scaling/scale.js';
import { formatStrategy, type ScalingStrategy, STRATEGIES, type StrategyName } from '../scaling/strategy.js';

/** A strategy with the name it is reported under. */
export interface NamedStrategy {
  readonly name: string;
  readonly strategy: ScalingStrategy;
}

/** The paper's strategies, in its order: the default of comparisons and sweeps. */
export const DEFAULT_STRATEGIES: readonly StrategyName[] = ['d', 'w', 'r', 'dw', 'dr', 'wr', 'dwr', 'dWr'];

/** The preset name of a strategy equal to a preset, else its pycls string. */
function nameOf(strategy: ScalingStrategy): string {
  for (const [name, preset] of Object.entries(STRATEGIES)) {
    if (preset.d === strategy.d && preset.w === strategy.w && preset.g === strategy.g && preset.r === strategy.r) return name;
  }
  return formatStrategy(strategy);
}

/**
 * Most strategies one comparison or sweep takes: each is a scaled network per factor, so this bounds the work.
 *
 * @example
 * ```ts
 * import { MAX_STRATEGIES } from 'fastscale';
 * console.log(MAX_STRATEGIES); // 1000
 * ```
 */
export const MAX_STRATEGIES = 1_000;

/**
 * Checks a list of strategies (objects or strings) and names each; strings keep the name they were given.
 * The list and each strategy's weights are read once into copies, so nothing the caller holds is read again.
 */
export function namedStrategies(strategies: unknown, path = 'strategies'): NamedStrategy[] {
  const list = ownedArray(strategies, path, ScalingError, { value: MAX_STRATEGIES, name: 'MAX_STRATEGIES' }, 'strategies');
  if (list.length === 0) throw new ScalingError(path, `${describe(strategies)} is not a non-empty array of strategies`);
  return list.map((value: unknown, i) => {
    const at = `${path}[${i}]`;
    try {
      const strategy = toStrategy(value as ScalingStrategy | string); // a frozen copy, each weight read once
      return { name: typeof value === 'string' ? value : nameOf(strategy), strategy };
    } catch (error) {
      if (!(error instanceof ScalingError) || !error.path.startsWith('strategy')) throw error;
      throw new ScalingError(`${at}${error.path.replace(/^strategy/, '')}`, error.reason, { cause: error });
    }
  });
}
