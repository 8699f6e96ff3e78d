/** The scaling options several subcommands share: strategy or alpha, and the rounding policy. */
import { ScalingError } from '../errors.js';
import type { RoundingPolicy } from '../scaling/rounding.js';
import { fastCompound, formatStrategy, parseStrategy, type ScalingStrategy } from '../scaling/strategy.js';
import { choiceOption, numberOption, listOption } from './args.js';
import { UsageError } from './errors.js';

/** The rounding policies, for `--policy`. */
export const POLICIES: readonly RoundingPolicy[] = ['pycls', 'efficientnet'];

/** The paper's strategies, the default of compare and plot. */
export const PRESET_NAMES = ['d', 'w', 'r', 'dw', 'dr', 'wr', 'dwr', 'dWr'] as const;

/** `--policy`, default pycls. */
export function policyOption(text: string | undefined): RoundingPolicy {
  return text === undefined ? 'pycls' : choiceOption('--policy', text, POLICIES);
}

/** A strategy and how to describe it. */
export interface ChosenStrategy {
  readonly strategy: ScalingStrategy;
  /** pycls string (`d1_w8_g8_r1`). */
  readonly text: string;
  /** Where it came from: `fast compound, alpha 0.8` or `--strategy dwr`. */
  readonly origin: string;
}

/** `--strategy S` or `--alpha A` (not both); default fast compound scaling with alpha 0.8. */
export function strategyOption(strategy: string | undefined, alpha: string | undefined): ChosenStrategy {
  if (strategy !== undefined && alpha !== undefined) throw new UsageError('give --strategy or --alpha, not both');
  if (strategy !== undefined) {
    const parsed = checked('--strategy', () => parseStrategy(strategy));
    return { strategy: parsed, text: formatStrategy(parsed), origin: `strategy ${strategy}` };
  }
  const a = alpha === undefined ? 0.8 : numberOption('--alpha', alpha);
  const parsed = checked('--alpha', () => fastCompound(a));
  return { strategy: parsed, text: formatStrategy(parsed), origin: `fast compound, alpha ${a}` };
}

/** `--strategies a,b,c`: each checked by the library's parser; the given names are kept for display. */
export function strategiesOption(text: string | undefined, fallback: readonly string[]): string[] {
  if (text === undefined) return [...fallback];
  const names = listOption('--strategies', text);
  for (const name of names) checked('--strategies', () => parseStrategy(name));
  return names;
}

/** Runs a library check, rewording its ScalingError for the flag. */
function checked<T>(flag: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ScalingError) throw new UsageError(`${flag}: ${error.reason}`, { cause: error });
    throw error;
  }
}
