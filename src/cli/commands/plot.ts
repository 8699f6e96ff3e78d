import { sweep } from '../../analysis/sweep.js';
import type { ScaledRow } from '../../analysis/sweep.js';
import { scalingChart } from '../../plot/scaling-chart.js';
import { choiceOption, parseCommand, positionals, positiveOption } from '../args.js';
import { CHART_FORMAT_HELP, chartFormat, writeChart } from '../chart.js';
import { COMMON_HELP, type Command, MODEL_HELP } from '../command.js';
import { UsageError } from '../errors.js';
import { printJson } from '../io.js';
import { loadModel } from '../model.js';
import { progress } from '../progress.js';
import { policyOption, PRESET_NAMES, strategiesOption } from '../strategy-options.js';

const HELP = `Usage: fastscale plot <model | config.yaml> (-o chart.svg | --json) [--max-factor 64]
         [--metric acts|params] [--strategies d,w,...] [--policy pycls|efficientnet] [--title TEXT]
         [--format svg|png|vega-lite|json]

Chart activations (or parameters) against flops on log-log axes, one line per strategy, as the
model is scaled by flops factors 2^(k/4) from 1 to the maximum factor (the paper's Figure 2).

Arguments:
${MODEL_HELP}

Options:
  -o, --output FILE      where to write the chart (- for stdout)
      --json             print the chart's data as JSON: { model, metric, policy, rows }, a row
                         { strategy, factor, flops, params, acts } per point
      --max-factor S     largest flops factor, a number >= 1 (default 64)
      --metric M         acts (default) or params
      --strategies LIST  comma-separated pycls strategies or preset names
                         (default d,w,r,dw,dr,wr,dwr,dWr)
      --policy P         rounding: pycls (default) or efficientnet
      --title TEXT       chart title (default: '<model name>: <metric> vs flops')
${CHART_FORMAT_HELP}
${COMMON_HELP}
`;

/** The largest `--max-factor`: 2^20 (81 factors per strategy; the paper's charts stop at 64). */
const MAX_PLOT_FACTOR = 2 ** 20;

/** Factors 2^(k/4) for k = 0, 1, ... up to `max` (within rounding of the last one). */
export function quarterOctaves(max: number): number[] {
  const steps = Math.floor(4 * Math.log2(max) + 1e-9);
  return Array.from({ length: steps + 1 }, (_, k) => 2 ** (k / 4));
}

/** `fastscale plot`: the scaling chart of a model as an image, a Vega-Lite spec or its data. */
export const plot: Command = {
  name: 'plot',
  summary: 'chart activations (or params) against flops per strategy (SVG, PNG, Vega-Lite or JSON)',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('plot', args, {
      output: { type: 'string', short: 'o' },
      'max-factor': { type: 'string' },
      metric: { type: 'string' },
      strategies: { type: 'string' },
      policy: { type: 'string' },
      title: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    const [argument] = positionals('plot', given, ['<model | config.yaml>']);
    if (values.output === undefined && values.json !== true) throw new UsageError('plot needs -o FILE (- for stdout) or --json');
    const maxFactor = values['max-factor'] === undefined ? 64 : positiveOption('--max-factor', values['max-factor']);
    if (maxFactor < 1) throw new UsageError(`--max-factor: ${values['max-factor']} is below 1`);
    if (maxFactor > MAX_PLOT_FACTOR) throw new UsageError(`--max-factor: ${values['max-factor']} is above ${MAX_PLOT_FACTOR} (2^20), the largest plotted`);
    const metric = values.metric === undefined ? 'acts' : choiceOption('--metric', values.metric, ['acts', 'params'] as const);
    const format = chartFormat(values);
    const strategies = strategiesOption(values.strategies, PRESET_NAMES);
    const policy = policyOption(values.policy);
    const model = loadModel(io, argument!);

    const factors = quarterOctaves(maxFactor);
    const status = progress(io.stderr, 'plot');
    const rows: ScaledRow[] = [];
    let data;
    try {
      // One strategy at a time (same rows as one sweep over all) so that progress can be shown.
      for (const [i, strategy] of strategies.entries()) {
        status.update(i, strategies.length, strategy);
        rows.push(...sweep(model.spec, { strategies: [strategy], factors, policy }));
      }
      data = { model: model.name, metric, policy, rows: rows.map((row) => ({ strategy: row.name, factor: row.factor, ...row.complexity })) };
      if (values.output !== undefined) {
        status.update(strategies.length, strategies.length, format === 'svg' || format === 'png' ? 'rendering' : '');
        const chart = scalingChart(rows, { metric, title: values.title ?? `${model.name}: ${metric} vs flops` });
        await writeChart(io, values.output, chart, format, data);
      }
    } finally {
      status.done();
    }
    if (values.json === true) printJson(io, data);
    if (values.output !== undefined && values.output !== '-' && values.json !== true) {
      io.stdout.write(`wrote ${values.output} (${format}: ${strategies.length} strategies x ${factors.length} factors, 1 to ${maxFactor})\n`);
    }
  },
};
