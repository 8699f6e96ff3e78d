/** How big to scale, which scale and compare share: `--factor S` or a budget `--target-flops 4GF` (one of them). */
import type { ScaleTarget, TargetMetric } from '../analysis/target.js';
import { positiveOption, quantityOption } from './args.js';
import { UsageError } from './errors.js';
import { durationOption } from './latency.js';

/** The budget flags and their metrics. */
export const TARGET_FLAGS = [
  ['target-flops', 'flops'],
  ['target-params', 'params'],
  ['target-acts', 'acts'],
] as const;

/** The parseArgs options of the sizing flags. */
export const SIZING_OPTIONS = {
  factor: { type: 'string' },
  'target-flops': { type: 'string' },
  'target-params': { type: 'string' },
  'target-acts': { type: 'string' },
  'target-latency': { type: 'string' },
  table: { type: 'string' },
} as const;

/** The help lines of the sizing flags. */
export const SIZING_HELP = `      --factor S         flops factor, a number > 0 (4 is about 4x the flops; below 1 scales down)
      --target-flops F   flops budget: a number (4e9, 4000000000) or with a suffix K, M, G, T
                         (x1e3, 1e6, 1e9, 1e12, any case), optionally followed by F: 4G, 4GF, 400MF
      --target-params P  parameter budget, likewise without F: 20M, 2e7
      --target-acts A    activation budget, likewise: 12M
      --target-latency T latency budget with a unit (25ms, 0.025s, 800us), as predicted by --table
      --table FILE       a latency table (fastscale profile -o table.json): needed by
                         --target-latency; with another budget, adds the predicted latency`;

/** A flops factor, or a budget with the flag it came from. */
export type Sizing =
  | { readonly kind: 'factor'; readonly factor: number }
  | { readonly kind: 'target'; readonly flag: string; readonly metric: TargetMetric; readonly value: number; readonly target: ScaleTarget };

/** Exactly one of `--factor`, `--target-flops`, `--target-params`, `--target-acts`, `--target-latency`, checked. */
export function sizingOption(command: string, values: Readonly<Partial<Record<keyof typeof SIZING_OPTIONS, string>>>): Sizing {
  const given = (['factor', ...TARGET_FLAGS.map(([flag]) => flag), 'target-latency'] as const).filter((flag) => values[flag] !== undefined);
  const list = '--factor, --target-flops, --target-params, --target-acts or --target-latency';
  if (given.length === 0) throw new UsageError(`${command} needs one of ${list}`);
  if (given.length > 1) throw new UsageError(`give only one of ${list} (got ${given.map((f) => `--${f}`).join(' and ')})`);
  if (values.factor !== undefined) return { kind: 'factor', factor: positiveOption('--factor', values.factor) };
  if (values['target-latency'] !== undefined) {
    if (values.table === undefined) throw new UsageError('--target-latency needs --table table.json (fastscale profile makes one)');
    const seconds = durationOption('--target-latency', values['target-latency']);
    return { kind: 'target', flag: '--target-latency', metric: 'latency', value: seconds, target: { latency: seconds } };
  }
  const [flag, metric] = TARGET_FLAGS.find(([name]) => values[name] !== undefined)!;
  const value = quantityOption(`--${flag}`, values[flag]!, metric === 'flops');
  return { kind: 'target', flag: `--${flag}`, metric, value, target: { [metric]: value } as ScaleTarget };
}
