import { scaleToTarget } from '../../analysis/target.js';
import { complexity } from '../../complexity/index.js';
import { ScalingError } from '../../errors.js';
import { toPyclsConfig } from '../../io/pycls-config.js';
import { scale as scaleSpec } from '../../scaling/scale.js';
import type { Metric } from '../../spec/types.js';
import { parseCommand, positionals, positiveOption, quantityOption } from '../args.js';
import { COMMON_HELP, type Command, MODEL_HELP } from '../command.js';
import { UsageError } from '../errors.js';
import { formatMetric, formatNumber, formatPercent } from '../format.js';
import { printJson, writeText } from '../io.js';
import { loadModel } from '../model.js';
import { complexityChangeText, stageChangeText } from '../spec-tables.js';
import { policyOption, strategyOption } from '../strategy-options.js';

const HELP = `Usage: fastscale scale <model | config.yaml>
         (--factor S | --target-flops F | --target-params P | --target-acts A)
         [--alpha A | --strategy STRATEGY] [--policy pycls|efficientnet] [-o out.yaml] [--json]

Scale a model to S times its flops, or to the factor whose rounded network lands closest to a budget,
and show base and scaled network side by side. The default strategy is fast compound scaling with
alpha 0.8 (d1_w8_g8_r1, the paper's dWr).

Arguments:
${MODEL_HELP}

Options:
      --factor S         flops factor, a number > 0 (4 is about 4x the flops; below 1 scales down)
      --target-flops F   flops budget: a number (4e9, 4000000000) or with a suffix K, M, G, T
                         (x1e3, 1e6, 1e9, 1e12, any case), optionally followed by F: 4G, 4GF, 400MF
      --target-params P  parameter budget, likewise without F: 20M, 2e7
      --target-acts A    activation budget, likewise: 12M
      --alpha A          fast compound scaling with this alpha in [0, 1] (default 0.8)
      --strategy S       a pycls strategy instead: d1_w8_g8_r1, dwr, d1_w2, or a preset name
                         (d, w, r, dw, dr, wr, dwr, dWr)
      --policy P         rounding: pycls (default) or efficientnet
  -o, --output FILE      write the scaled model as a pycls config, keeping the training settings
                         of the input config (a zoo model's own config), ready for pycls to train;
                         - writes it to stdout (and nothing else)
      --json             print { name, strategy, policy, factor, target, base, scaled, ratios } as JSON
${COMMON_HELP}
`;

const TARGETS = [
  ['target-flops', 'flops'],
  ['target-params', 'params'],
  ['target-acts', 'acts'],
] as const;

/** `fastscale scale`: one scaled model, base next to scaled, optionally written as a pycls config. */
export const scale: Command = {
  name: 'scale',
  summary: 'scale a model by a flops factor or to a flops/params/acts budget',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('scale', args, {
      factor: { type: 'string' },
      'target-flops': { type: 'string' },
      'target-params': { type: 'string' },
      'target-acts': { type: 'string' },
      alpha: { type: 'string' },
      strategy: { type: 'string' },
      policy: { type: 'string' },
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    const [argument] = positionals('scale', given, ['<model | config.yaml>']);
    const sizes = (['factor', ...TARGETS.map(([flag]) => flag)] as const).filter((flag) => values[flag] !== undefined);
    if (sizes.length !== 1) {
      const list = '--factor, --target-flops, --target-params or --target-acts';
      throw new UsageError(sizes.length === 0 ? `scale needs one of ${list}` : `give only one of ${list} (got ${sizes.map((f) => `--${f}`).join(' and ')})`);
    }
    const factorText = values.factor;
    const target = TARGETS.find(([flag]) => values[flag] !== undefined);
    const goal = target === undefined ? undefined : quantityOption(`--${target[0]}`, values[target[0]]!, target[1] === 'flops');
    const factorOption = factorText === undefined ? undefined : positiveOption('--factor', factorText);
    const chosen = strategyOption(values.strategy, values.alpha);
    const policy = policyOption(values.policy);
    const toStdout = values.output === '-';
    if (toStdout && values.json === true) throw new UsageError('-o - and --json both write to stdout: give one');
    const model = loadModel(io, argument!);

    const baseComplexity = complexity(model.spec);
    let factor: number;
    let scaled;
    let targetResult: { metric: Metric; value: number; relativeError: number } | null = null;
    if (target === undefined || goal === undefined) {
      factor = factorOption!;
      scaled = scaleSpec(model.spec, chosen.strategy, factor, { policy });
    } else {
      const metric = target[1];
      let result;
      try {
        result = scaleToTarget(model.spec, { [metric]: goal } as { flops: number }, chosen.strategy, { policy });
      } catch (error) {
        if (error instanceof ScalingError && error.path.startsWith('target')) {
          throw new UsageError(`--${target[0]}: ${error.reason}`, { cause: error });
        }
        throw error;
      }
      factor = result.factor;
      scaled = result.spec;
      targetResult = { metric, value: goal, relativeError: result.relativeError };
    }
    const scaledComplexity = complexity(scaled);
    if (values.output !== undefined) writeText(io, values.output, toPyclsConfig(scaled, { template: model.config }));
    if (toStdout) return; // stdout holds the config alone, for pipes
    if (values.json === true) {
      printJson(io, {
        name: model.name,
        strategy: chosen.text,
        policy,
        factor,
        target: targetResult,
        base: { spec: model.spec, complexity: baseComplexity },
        scaled: { spec: scaled, complexity: scaledComplexity },
        ratios: {
          flops: scaledComplexity.flops / baseComplexity.flops,
          params: scaledComplexity.params / baseComplexity.params,
          acts: scaledComplexity.acts / baseComplexity.acts,
        },
      });
      return;
    }
    const lines = [`${model.name} scaled x${formatNumber(factor)} with ${chosen.text} (${chosen.origin}), policy ${policy}`];
    if (targetResult !== null) {
      const { metric, value, relativeError } = targetResult;
      lines.push(
        `target ${metric} ${formatMetric(metric, value)}: factor ${formatNumber(factor, 6)} reaches ${formatMetric(metric, scaledComplexity[metric])} (${formatPercent(relativeError)})`,
      );
    }
    io.stdout.write(`${lines.join('\n')}\n\n${stageChangeText(model.spec, scaled)}\n${complexityChangeText(baseComplexity, scaledComplexity)}`);
    if (values.output !== undefined) {
      io.stdout.write(`\nwrote ${values.output} (pycls config; training settings from ${model.name})\n`);
    }
  },
};
