import { compareStrategies, type TargetRow } from '../../analysis/compare.js';
import type { ScaledRow } from '../../analysis/sweep.js';
import { complexity } from '../../complexity/index.js';
import { ScalingError } from '../../errors.js';
import { parseCommand, positionals } from '../args.js';
import { COMMON_HELP, type Command, MODEL_HELP } from '../command.js';
import { UsageError } from '../errors.js';
import { formatFlops, formatMetric, formatMillions, formatNumber, formatPercent, formatRatio, formatSeconds, table } from '../format.js';
import { printJson } from '../io.js';
import { loadLatencyTable } from '../latency.js';
import { loadModel } from '../model.js';
import { SIZING_HELP, SIZING_OPTIONS, sizingOption } from '../sizing-option.js';
import { policyOption, PRESET_NAMES, strategiesOption } from '../strategy-options.js';

const HELP = `Usage: fastscale compare <model | config.yaml>
         (--factor S | --target-flops F | --target-params P | --target-acts A
          | --target-latency T --table table.json)
         [--strategies d,w,...] [--policy pycls|efficientnet] [--json]

Scale a model with each strategy and compare the results: the closed-form exponents of flops, params
and acts, the multipliers of depth (d), width (w), group width (g) and resolution (r), and the scaled
network's exact complexity and its ratios to the base. With --factor every strategy gets the same flops
factor; with a budget (--target-flops 4GF, or --target-latency 25ms predicted by a latency table) each
is scaled to the network that lands closest to it, so that the rows cost the same, as in the paper's
comparisons.

Arguments:
${MODEL_HELP}

Options:
${SIZING_HELP}
      --strategies LIST  comma-separated pycls strategies or preset names
                         (default d,w,r,dw,dr,wr,dwr,dWr)
      --policy P         rounding: pycls (default) or efficientnet
      --json             print the rows of compareStrategies as JSON
${COMMON_HELP}
`;

const FACTOR_HEADER = ['strategy', 'e flops', 'e params', 'e acts', 'd', 'w', 'g', 'r', 'flops', 'params', 'acts', 'flops x', 'params x', 'acts x'];
const TARGET_HEADER = ['strategy', 'factor', 'd', 'w', 'g', 'r', 'flops', 'params', 'acts', 'error', 'flops x', 'params x', 'acts x'];

/** The cells every row shows: multipliers, then the scaled complexity. */
function multiplierCells(row: ScaledRow): string[] {
  return [row.factors.d, row.factors.w, row.factors.g, row.factors.r].map((m) => m.toFixed(2));
}
function complexityCells(row: ScaledRow): string[] {
  return [formatFlops(row.complexity.flops), formatMillions(row.complexity.params), formatMillions(row.complexity.acts)];
}
function ratioCells(row: ScaledRow): string[] {
  return [formatRatio(row.ratios.flops), formatRatio(row.ratios.params), formatRatio(row.ratios.acts)];
}

/** `fastscale compare`: every strategy at one factor or one budget, as a table. */
export const compare: Command = {
  name: 'compare',
  summary: 'compare scaling strategies at one flops factor or one budget (flops, params, acts, latency)',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('compare', args, {
      ...SIZING_OPTIONS,
      strategies: { type: 'string' },
      policy: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    const [argument] = positionals('compare', given, ['<model | config.yaml>']);
    const sizing = sizingOption('compare', values);
    const strategies = strategiesOption(values.strategies, PRESET_NAMES);
    const policy = policyOption(values.policy);
    const model = loadModel(io, argument!);
    const base = complexity(model.spec);
    const baseText = `base ${formatFlops(base.flops)}, ${formatMillions(base.params)} params, ${formatMillions(base.acts)} acts`;

    const latencyTable = values.table === undefined ? undefined : loadLatencyTable(io, values.table);
    if (sizing.kind === 'factor') {
      if (latencyTable !== undefined) throw new UsageError('--table goes with a budget (--target-latency, --target-flops, ...), not --factor');
      const rows = compareStrategies(model.spec, sizing.factor, strategies, { policy });
      if (values.json === true) return printJson(io, rows);
      const cells = rows.map((row) => [
        row.name,
        ...[row.exponents.flops, row.exponents.params, row.exponents.acts].map((e) => e.toFixed(2)),
        ...multiplierCells(row),
        ...complexityCells(row),
        ...ratioCells(row),
      ]);
      io.stdout.write(
        `${model.name} x${formatNumber(sizing.factor)}, policy ${policy}; ${baseText}\n` +
          'e: closed-form exponents (metric ~ s^e); d, w, g, r: multipliers; x: scaled over base (exact counts)\n\n' +
          table(FACTOR_HEADER, cells, ['l', ...Array<'r'>(FACTOR_HEADER.length - 1).fill('r')]),
      );
      return;
    }

    let rows: TargetRow[];
    try {
      rows = compareStrategies(model.spec, sizing.target, strategies, latencyTable === undefined ? { policy } : { policy, latencyTable });
    } catch (error) {
      // A budget some strategy cannot reach: the flag, the strategy and the range it reaches.
      if (error instanceof ScalingError && (error.path === 'target' || error.path.startsWith('strategies['))) {
        throw new UsageError(`${sizing.flag}: ${error.reason}`, { cause: error });
      }
      throw error;
    }
    if (values.json === true) return printJson(io, rows);
    const header = latencyTable === undefined ? TARGET_HEADER : [...TARGET_HEADER.slice(0, 9), 'latency', ...TARGET_HEADER.slice(9)];
    const cells = rows.map((row) => [
      row.name,
      formatNumber(row.factor),
      ...multiplierCells(row),
      ...complexityCells(row),
      ...(row.latency === undefined ? [] : [formatSeconds(row.latency.seconds)]),
      formatPercent(row.relativeError),
      ...ratioCells(row),
    ]);
    const predicted = latencyTable === undefined ? '' : `latency: predicted by ${values.table} (${latencyTable.device.cpu}); `;
    io.stdout.write(
      `${model.name} at ${sizing.metric} ${formatMetric(sizing.metric, sizing.value)}, policy ${policy}; ${baseText}\n` +
        `factor: the flops factor whose rounded network lands closest to the budget; d, w, g, r: its multipliers;\n` +
        `${predicted}error: ${sizing.metric} over the budget; x: scaled over base (exact counts)\n\n` +
        table(header, cells, ['l', ...Array<'r'>(header.length - 1).fill('r')]),
    );
  },
};
