import { ScalingError } from '../errors.js';
import { describe } from '../internal/describe.js';
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

/** Checks a list of strategies (objects or strings) and names each; strings keep the name they were given. */
export function namedStrategies(strategies: unknown, path = 'strategies'): NamedStrategy[] {
  if (!Array.isArray(strategies) || strategies.length === 0) {
    throw new ScalingError(path, `${describe(strategies)} is not a non-empty array of strategies`);
  }
  return strategies.map((value: unknown, i) => {
    try {
      const strategy = toStrategy(value as ScalingStrategy | string);
      return { name: typeof value === 'string' ? value : nameOf(strategy), strategy };
    } catch (error) {
      if (!(error instanceof ScalingError)) throw error;
      throw new ScalingError(`${path}[${i}]${error.path.replace(/^strategy/, '')}`, error.reason, { cause: error });
    }
  });
}
