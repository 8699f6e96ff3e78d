import { compareStrategies } from '../../analysis/compare.js';
import { complexity } from '../../complexity/index.js';
import { parseCommand, positionals, positiveOption } from '../args.js';
import { COMMON_HELP, type Command, MODEL_HELP } from '../command.js';
import { UsageError } from '../errors.js';
import { formatFlops, formatMillions, formatNumber, formatRatio, table } from '../format.js';
import { printJson } from '../io.js';
import { loadModel } from '../model.js';
import { policyOption, PRESET_NAMES, strategiesOption } from '../strategy-options.js';

const HELP = `Usage: fastscale compare <model | config.yaml> --factor S [--strategies d,w,...]
         [--policy pycls|efficientnet] [--json]

Scale a model by the same flops factor with each strategy and compare the results: the closed-form
exponents of flops, params and acts, the multipliers of depth (d), width (w), group width (g) and
resolution (r), and the scaled network's exact complexity and its ratios to the base.

Arguments:
${MODEL_HELP}

Options:
      --factor S         flops factor, a number > 0
      --strategies LIST  comma-separated pycls strategies or preset names
                         (default d,w,r,dw,dr,wr,dwr,dWr)
      --policy P         rounding: pycls (default) or efficientnet
      --json             print the rows of compareStrategies as JSON
${COMMON_HELP}
`;

/** `fastscale compare`: every strategy at one factor, as a table. */
export const compare: Command = {
  name: 'compare',
  summary: 'compare scaling strategies at one flops factor',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('compare', args, {
      factor: { type: 'string' },
      strategies: { type: 'string' },
      policy: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    const [argument] = positionals('compare', given, ['<model | config.yaml>']);
    if (values.factor === undefined) throw new UsageError('compare needs --factor S');
    const factor = positiveOption('--factor', values.factor);
    const strategies = strategiesOption(values.strategies, PRESET_NAMES);
    const policy = policyOption(values.policy);
    const model = loadModel(io, argument!);
    const rows = compareStrategies(model.spec, factor, strategies, { policy });
    if (values.json === true) {
      printJson(io, rows);
      return;
    }
    const base = complexity(model.spec);
    const header = [
      'strategy', 'e flops', 'e params', 'e acts', 'd', 'w', 'g', 'r', 'flops', 'params', 'acts', 'flops x', 'params x', 'acts x',
    ];
    const cells = rows.map((row) => [
      row.name,
      ...[row.exponents.flops, row.exponents.params, row.exponents.acts].map((e) => e.toFixed(2)),
      ...[row.factors.d, row.factors.w, row.factors.g, row.factors.r].map((m) => m.toFixed(2)),
      formatFlops(row.complexity.flops),
      formatMillions(row.complexity.params),
      formatMillions(row.complexity.acts),
      formatRatio(row.ratios.flops),
      formatRatio(row.ratios.params),
      formatRatio(row.ratios.acts),
    ]);
    io.stdout.write(
      `${model.name} x${formatNumber(factor)}, policy ${policy}; base ${formatFlops(base.flops)}, ${formatMillions(base.params)} params, ${formatMillions(base.acts)} acts\n` +
        'e: closed-form exponents (metric ~ s^e); d, w, g, r: multipliers; x: scaled over base (exact counts)\n\n' +
        table(header, cells, ['l', ...Array<'r'>(13).fill('r')]),
    );
  },
};
