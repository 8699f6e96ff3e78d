import { correlateRuntime, type RuntimeCorrelation } from '../../analysis/runtime.js';
import { AnalysisError } from '../../errors.js';
import { runtimeChart } from '../../plot/runtime-chart.js';
import { integerOption, listOption, parseCommand, positionals, positiveOption } from '../args.js';
import { CHART_FORMAT_HELP, chartFormat, writeChart } from '../chart.js';
import { COMMON_HELP, type Command, MODEL_HELP } from '../command.js';
import { correlationText } from '../correlation-text.js';
import { UsageError } from '../errors.js';
import { formatFlops, formatMillions, formatNumber, table } from '../format.js';
import { printJson } from '../io.js';
import { loadModel } from '../model.js';
import { progress } from '../progress.js';
import { strategiesOption } from '../strategy-options.js';
import { loadTiming, runCounts, TIMING_OPTIONS } from '../timing.js';

const HELP = `Usage: fastscale measure <model | config.yaml> --factors 1,2,4,8 [--strategies d,w,r,dwr,dWr]
         [--batch N] [--threads N] [--warmup N] [--runs N] [--json] [-o scatter.svg]
         [--format svg|png|vega-lite|json]

Scale a model by each strategy and factor, time each scaled network's forward pass on this CPU
with onnxruntime-node (an optional peer dependency: npm install onnxruntime-node), and correlate
the median times with flops, params and activations.

Arguments:
${MODEL_HELP}

Options:
      --factors LIST     comma-separated flops factors, each > 0; required
      --strategies LIST  comma-separated pycls strategies or preset names (default d,w,r,dwr,dWr)
      --batch N          images per forward pass (default 1)
      --threads N        onnxruntime intra-op threads (default 1)
      --warmup N         untimed runs per model (default 3)
      --runs N           timed runs per model (default 10)
      --json             print { rows, correlation } (rows as measureScaling returns them;
                         correlation null when it cannot be computed)
  -o, --output FILE      also write a scatter plot of median time against each metric (- for stdout)
${CHART_FORMAT_HELP}
${COMMON_HELP}
`;

const DEFAULT_STRATEGIES = ['d', 'w', 'r', 'dwr', 'dWr'];

/** `fastscale measure`: measured latency of scaled models, and what predicts it. */
export const measure: Command = {
  name: 'measure',
  summary: 'time scaled models with onnxruntime-node and correlate runtime with each metric',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('measure', args, {
      batch: { type: 'string' },
      threads: { type: 'string' },
      ...TIMING_OPTIONS,
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    const [argument] = positionals('measure', given, ['<model | config.yaml>']);
    if (values.factors === undefined) throw new UsageError('measure needs --factors LIST (for example 1,2,4,8)');
    const factors = listOption('--factors', values.factors).map((text) => positiveOption('--factors', text));
    const strategies = strategiesOption(values.strategies, DEFAULT_STRATEGIES);
    const settings = {
      ...(values.batch === undefined ? {} : { batchSize: integerOption('--batch', values.batch, 1) }),
      ...(values.threads === undefined ? {} : { threads: integerOption('--threads', values.threads, 1) }),
      ...runCounts(values),
    };
    const format = chartFormat(values);
    const model = loadModel(io, argument!);
    const { measureScaling } = await loadTiming();

    const status = progress(io.stderr, 'measure');
    let rows;
    try {
      rows = await measureScaling(model.spec, { factors, strategies, ...settings, onProgress: (done, total, label) => status.update(done, total, label) });
    } finally {
      status.done();
    }
    const samples = rows.map((row) => ({ complexity: row.complexity, seconds: row.medianMs / 1000 }));
    let correlation: RuntimeCorrelation | null = null;
    let why = '';
    try {
      correlation = correlateRuntime(samples);
    } catch (error) {
      if (!(error instanceof AnalysisError)) throw error;
      why = error.reason; // too few models, or times that do not vary: the rows still stand
    }
    if (values.output !== undefined) {
      if (rows.length < 2) throw new UsageError('-o needs at least 2 measured models to plot');
      const points = rows.map((row) => ({
        name: `${row.strategy} x${formatNumber(row.factor)}`,
        seconds: row.medianMs / 1000,
        complexity: row.complexity,
        series: row.strategy,
      }));
      const chart = runtimeChart(points, { title: `${model.name}: measured runtime`, timeTitle: 'median latency (seconds)' });
      await writeChart(io, values.output, chart, format, { rows, correlation });
    }
    if (values.output === '-') return;
    if (values.json === true) {
      printJson(io, { rows, correlation });
      return;
    }
    const cells = rows.map((row) => [
      row.strategy,
      formatNumber(row.factor),
      formatFlops(row.complexity.flops),
      formatMillions(row.complexity.params),
      formatMillions(row.complexity.acts),
      row.medianMs.toFixed(2),
      row.minMs.toFixed(2),
      row.maxMs.toFixed(2),
    ]);
    io.stdout.write(
      `${model.name}: ${rows.length} models timed with onnxruntime-node\n\n` +
        table(['strategy', 'factor', 'flops', 'params', 'acts', 'median ms', 'min ms', 'max ms'], cells, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']) +
        '\n' +
        (correlation === null ? `no correlation: ${why}\n` : correlationText(correlation, 'seconds')),
    );
    if (values.output !== undefined) io.stdout.write(`\nwrote ${values.output} (${format})\n`);
  },
};
