import { complexity } from '../../complexity/index.js';
import { predictionAccuracy } from '../../latency/accuracy.js';
import { predictLatency } from '../../latency/predict.js';
import { latencyChart } from '../../plot/latency-chart.js';
import { parseCommand } from '../args.js';
import { CHART_FORMAT_HELP, chartFormat, writeChart } from '../chart.js';
import { COMMON_HELP, type Command, MODEL_HELP } from '../command.js';
import { UsageError } from '../errors.js';
import { formatFlops, formatMillions, formatPercent, formatSeconds, table } from '../format.js';
import { printJson } from '../io.js';
import { GRID_HELP, loadLatencyTable, modelGrid } from '../latency.js';
import { progress } from '../progress.js';
import { policyOption } from '../strategy-options.js';
import { loadTiming, runCounts, TIMING_OPTIONS } from '../timing.js';

const HELP = `Usage: fastscale predict <model | config.yaml>... --table table.json [--factors LIST] [--strategies LIST]
         [--measure [--warmup N] [--runs N]] [--json] [-o chart.svg] [--format svg|png|vega-lite|json]

Predict the latency of networks from a latency table (fastscale profile), without running them: each
part (stem, block, head) is looked up, or fitted from the table's entries when the table does not hold
it. With --measure, also time each network end to end with onnxruntime-node, with the table's settings,
and report how close the predictions are (share within +-10% and +-20%, RMS error).

Arguments:
${MODEL_HELP}
                         (several may be given)

Options:
      --table FILE       the latency table; required
${GRID_HELP}
      --measure          also measure each network end to end and compare
      --warmup N         untimed runs per measured network (default: the table's)
      --runs N           timed runs per measured network (default: the table's)
      --json             print the predictions (and measurements) as JSON
  -o, --output FILE      with --measure, write a chart of predicted against measured latency
${CHART_FORMAT_HELP}
${COMMON_HELP}
`;

/** `fastscale predict`: predicted latency from a table, optionally checked against measurements. */
export const predict: Command = {
  name: 'predict',
  summary: 'predict latency from a latency table (and check it against measurements)',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('predict', args, {
      table: { type: 'string' },
      policy: { type: 'string' },
      measure: { type: 'boolean' },
      ...TIMING_OPTIONS,
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    if (given.length === 0) throw new UsageError('predict: missing <model | config.yaml>; see fastscale predict --help');
    if (values.table === undefined) throw new UsageError('predict needs --table table.json (fastscale profile makes one)');
    const measure = values.measure === true;
    if (!measure && (values.warmup !== undefined || values.runs !== undefined)) throw new UsageError('--warmup and --runs need --measure');
    if (!measure && values.output !== undefined) throw new UsageError('-o writes a chart of predicted against measured latency: it needs --measure');
    const format = chartFormat(values);
    const latencyTable = loadLatencyTable(io, values.table);
    const models = modelGrid(io, given, values.factors, values.strategies, ['d', 'w', 'r', 'dwr', 'dWr'], policyOption(values.policy));
    const rows = models.map((model) => ({ ...model, complexity: complexity(model.spec), prediction: predictLatency(model.spec, latencyTable) }));

    let measured: number[] | null = null;
    if (measure) {
      const { measureLatency } = await loadTiming();
      const { settings } = latencyTable;
      const options = {
        batchSize: settings.batchSize,
        threads: settings.threads,
        seed: settings.seed,
        executionProvider: settings.executionProvider,
        warmup: settings.warmup,
        runs: settings.runs,
        ...runCounts(values),
      };
      const status = progress(io.stderr, 'measure');
      measured = [];
      try {
        for (const row of rows) {
          measured.push((await measureLatency(row.spec, options)).medianMs / 1000);
          status.update(measured.length, rows.length, row.name);
        }
      } finally {
        status.done();
      }
    }
    const results = rows.map((row, i) => ({
      name: row.name,
      series: row.series,
      complexity: row.complexity,
      predictedSeconds: row.prediction.seconds,
      lookedUpSeconds: row.prediction.lookedUp.seconds,
      fittedParts: row.prediction.fitted.parts,
      parts: row.prediction.parts.length,
      ...(measured === null ? {} : { measuredSeconds: measured[i]!, error: row.prediction.seconds / measured[i]! - 1 }),
    }));
    const accuracy = measured === null ? null : predictionAccuracy(results.map((r) => ({ predicted: r.predictedSeconds, measured: r.measuredSeconds! })));
    if (values.output !== undefined) {
      const chart = latencyChart(
        results.map((r) => ({ name: r.name, predicted: r.predictedSeconds * 1000, measured: r.measuredSeconds! * 1000, series: r.series })),
        { unit: 'ms', title: `predicted vs measured latency (${latencyTable.device.cpu})` },
      );
      await writeChart(io, values.output, chart, format, { results, accuracy });
    }
    if (values.output === '-') return;
    if (values.json === true) {
      printJson(io, { table: { device: latencyTable.device, runtime: latencyTable.runtime, settings: latencyTable.settings }, results, accuracy });
      return;
    }
    const header = ['network', 'flops', 'acts', 'predicted', 'looked up', 'fitted parts', ...(measured === null ? [] : ['measured', 'error'])];
    const cells = results.map((r) => [
      r.name,
      formatFlops(r.complexity.flops),
      formatMillions(r.complexity.acts),
      formatSeconds(r.predictedSeconds),
      `${((100 * r.lookedUpSeconds) / r.predictedSeconds).toFixed(0)}%`,
      `${r.fittedParts}/${r.parts}`,
      ...(r.measuredSeconds === undefined ? [] : [formatSeconds(r.measuredSeconds), formatPercent(r.error!)]),
    ]);
    const { settings } = latencyTable;
    let text =
      `latency table: ${latencyTable.device.cpu}, ${settings.executionProvider}, batch ${settings.batchSize}, ${settings.threads} thread(s), ${latencyTable.entries.length} parts\n` +
      `looked up: share of the predicted time measured as such; fitted parts: parts not in the table, predicted by its op-type fit\n\n` +
      table(header, cells, ['l', ...Array<'r'>(header.length - 1).fill('r')]);
    if (accuracy !== null) {
      text +=
        `\n${accuracy.count} networks: ${(100 * accuracy.within10).toFixed(0)}% within +-10%, ${(100 * accuracy.within20).toFixed(0)}% within +-20%, ` +
        `RMS error ${(100 * accuracy.rmse).toFixed(1)}%, largest ${(100 * accuracy.largest).toFixed(1)}%\n`;
    }
    if (rows.length === 1 && measured === null) {
      const parts = rows[0]!.prediction.parts.map((part) => [part.label, String(part.repeats), formatSeconds(part.seconds), part.source]);
      text += `\n${table(['part', 'repeats', 'each', 'source'], parts, ['l', 'r', 'r', 'l'])}plus the per-run overhead, ${formatSeconds(rows[0]!.prediction.overheadSeconds)}\n`;
    }
    io.stdout.write(text);
    if (values.output !== undefined) io.stdout.write(`\nwrote ${values.output} (${format})\n`);
  },
};
