import { scaleToTarget } from '../../analysis/target.js';
import { complexity } from '../../complexity/index.js';
import { ScalingError } from '../../errors.js';
import { toPyclsConfig } from '../../io/pycls-config.js';
import { scale as scaleSpec } from '../../scaling/scale.js';
import type { TargetMetric } from '../../analysis/target.js';
import { predictLatency } from '../../latency/predict.js';
import { parseCommand, positionals } from '../args.js';
import { COMMON_HELP, type Command, MODEL_HELP } from '../command.js';
import { UsageError } from '../errors.js';
import { formatMetric, formatNumber, formatPercent, formatSeconds } from '../format.js';
import { printJson, writeText } from '../io.js';
import { loadLatencyTable } from '../latency.js';
import { loadModel } from '../model.js';
import { SIZING_HELP, SIZING_OPTIONS, sizingOption } from '../sizing-option.js';
import { complexityChangeText, stageChangeText } from '../spec-tables.js';
import { policyOption, strategyOption } from '../strategy-options.js';

const HELP = `Usage: fastscale scale <model | config.yaml>
         (--factor S | --target-flops F | --target-params P | --target-acts A
          | --target-latency T --table table.json)
         [--alpha A | --strategy STRATEGY] [--policy pycls|efficientnet] [-o out.yaml] [--json]

Scale a model to S times its flops, or to the factor whose rounded network lands closest to a budget
(flops, params, acts, or a latency predicted by a latency table from fastscale profile), and show base
and scaled network side by side. The default strategy is fast compound scaling with alpha 0.8
(d1_w8_g8_r1, the paper's dWr).

Arguments:
${MODEL_HELP}

Options:
${SIZING_HELP}
      --alpha A          fast compound scaling with this alpha in [0, 1] (default 0.8)
      --strategy S       a pycls strategy instead: d1_w8_g8_r1, dwr, d1_w2, or a preset name
                         (d, w, r, dw, dr, wr, dwr, dWr)
      --policy P         rounding: pycls (default) or efficientnet
  -o, --output FILE      write the scaled model as a pycls config, keeping the training settings
                         of the input config (a zoo model's own config), ready for pycls to train;
                         - writes it to stdout (and nothing else)
      --json             print { name, strategy, policy, factor, target, base, scaled, ratios } as JSON
                         (base and scaled with their predicted latency when --table is given)
${COMMON_HELP}
`;

/** `fastscale scale`: one scaled model, base next to scaled, optionally written as a pycls config. */
export const scale: Command = {
  name: 'scale',
  summary: 'scale a model by a flops factor or to a flops/params/acts/latency budget',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('scale', args, {
      ...SIZING_OPTIONS,
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
    const sizing = sizingOption('scale', values);
    const chosen = strategyOption(values.strategy, values.alpha);
    const policy = policyOption(values.policy);
    const toStdout = values.output === '-';
    if (toStdout && values.json === true) throw new UsageError('-o - and --json both write to stdout: give one');
    const model = loadModel(io, argument!);

    const latencyTable = values.table === undefined ? undefined : loadLatencyTable(io, values.table);
    const baseComplexity = complexity(model.spec);
    let factor: number;
    let scaled;
    let targetResult: { metric: TargetMetric; value: number; reached: number; relativeError: number } | null = null;
    if (sizing.kind === 'factor') {
      factor = sizing.factor;
      scaled = scaleSpec(model.spec, chosen.strategy, factor, { policy });
    } else {
      let result;
      try {
        result = scaleToTarget(model.spec, sizing.target, chosen.strategy, latencyTable === undefined ? { policy } : { policy, latencyTable });
      } catch (error) {
        if (error instanceof ScalingError && error.path.startsWith('target')) {
          throw new UsageError(`${sizing.flag}: ${error.reason}`, { cause: error });
        }
        throw error;
      }
      factor = result.factor;
      scaled = result.spec;
      const reached = sizing.metric === 'latency' ? result.latency!.seconds : result.complexity[sizing.metric];
      targetResult = { metric: sizing.metric, value: sizing.value, reached, relativeError: result.relativeError };
    }
    const scaledComplexity = complexity(scaled);
    const latency =
      latencyTable === undefined ? null : { base: predictLatency(model.spec, latencyTable).seconds, scaled: predictLatency(scaled, latencyTable).seconds };
    if (values.output !== undefined) writeText(io, values.output, toPyclsConfig(scaled, model.config === undefined ? {} : { template: model.config }));
    if (toStdout) return; // stdout holds the config alone, for pipes
    if (values.json === true) {
      printJson(io, {
        name: model.name,
        strategy: chosen.text,
        policy,
        factor,
        target: targetResult,
        base: { spec: model.spec, complexity: baseComplexity, ...(latency === null ? {} : { predictedSeconds: latency.base }) },
        scaled: { spec: scaled, complexity: scaledComplexity, ...(latency === null ? {} : { predictedSeconds: latency.scaled }) },
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
      const { metric, value, reached, relativeError } = targetResult;
      const predicted = metric === 'latency' ? ' (predicted)' : '';
      lines.push(
        `target ${metric} ${formatMetric(metric, value)}: factor ${formatNumber(factor, 6)} reaches ${formatMetric(metric, reached)}${predicted} (${formatPercent(relativeError)})`,
      );
    }
    if (latency !== null) {
      const { device, settings } = latencyTable!;
      lines.push(
        `predicted latency: ${formatSeconds(latency.base)} -> ${formatSeconds(latency.scaled)} (${device.cpu}, ${settings.executionProvider}, batch ${settings.batchSize}, ${settings.threads} thread(s))`,
      );
    }
    io.stdout.write(`${lines.join('\n')}\n\n${stageChangeText(model.spec, scaled)}\n${complexityChangeText(baseComplexity, scaledComplexity)}`);
    if (values.output !== undefined) {
      io.stdout.write(`\nwrote ${values.output} (pycls config; training settings from ${model.name})\n`);
    }
  },
};
