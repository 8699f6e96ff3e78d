import { ScalingError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { ownedArray, readCallerValue } from '../internal/read.js';
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
 * Each entry is read once (a strategy object's weights copied), so nothing the caller holds is read again.
 */
export function namedStrategies(strategies: unknown, path = 'strategies'): NamedStrategy[] {
  const list = ownedArray(strategies, path, ScalingError, { value: MAX_STRATEGIES, name: 'MAX_STRATEGIES' }, 'strategies');
  if (list.length === 0) throw new ScalingError(path, `${describe(strategies)} is not a non-empty array of strategies`);
  return list.map((value: unknown, i) => {
    const at = `${path}[${i}]`;
    try {
      const { d, w, g, r } = toStrategy(typeof value === 'string' ? value : (ownedStrategy(value, at) as ScalingStrategy));
      const strategy = Object.freeze({ d, w, g, r });
      return { name: typeof value === 'string' ? value : nameOf(strategy), strategy };
    } catch (error) {
      if (!(error instanceof ScalingError) || !error.path.startsWith('strategy')) throw error;
      throw new ScalingError(`${at}${error.path.replace(/^strategy/, '')}`, error.reason, { cause: error });
    }
  });
}

/** A copy of a strategy object's own fields (so that a misspelt key is still reported), each read once. */
function ownedStrategy(value: unknown, path: string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const keys = readCallerValue(path, ScalingError, () => Object.keys(value));
  const copy: Record<string, unknown> = {};
  for (const key of new Set([...keys, 'd', 'w', 'g', 'r'])) {
    const field = readCallerValue(`${path}.${key}`, ScalingError, () => (value as Record<string, unknown>)[key]);
    // defineProperty: a key named __proto__ stays a field (and an unknown one) instead of setting the prototype.
    if (keys.includes(key) || field !== undefined) Object.defineProperty(copy, key, { value: field, enumerable: true });
  }
  return copy;
}
