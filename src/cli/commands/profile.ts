import { integerOption, parseCommand } from '../args.js';
import { COMMON_HELP, type Command, MODEL_HELP } from '../command.js';
import { UsageError } from '../errors.js';
import { printJson, writeText } from '../io.js';
import { formatSeconds } from '../format.js';
import { GRID_HELP, loadLatencyTable, modelGrid } from '../latency.js';
import { progress } from '../progress.js';
import { policyOption } from '../strategy-options.js';


const HELP = `Usage: fastscale profile <model | config.yaml>... -o table.json [--factors LIST] [--strategies LIST]
         [--batch N] [--threads N] [--warmup N] [--runs N] [--provider NAME] [--extend table.json]

Measure a latency table on this machine: every distinct part of the given networks (stem, each
distinct block, head) is exported as its own small ONNX model and timed with onnxruntime-node (an
optional peer dependency: npm install onnxruntime-node). fastscale predict and fastscale scale
--target-latency then predict any network's latency from the table without running it. Measure on a
quiet machine: the table holds whatever else was running.

Arguments:
${MODEL_HELP}
                         (several may be given)

Options:
  -o, --output FILE      write the table as JSON (- for stdout); required
${GRID_HELP}
      --batch N          images per run (default 1)
      --threads N        onnxruntime intra-op threads (default 1)
      --warmup N         untimed runs per part (default 5)
      --runs N           timed runs per part (default 20); the median is kept, with min and max
      --provider NAME    onnxruntime execution provider (default cpu; cuda or tensorrt where the
                         installed onnxruntime-node has them)
      --extend FILE      add to this table: its parts are kept, new ones measured with its settings
      --json             print a summary as JSON
${COMMON_HELP}
`;

/** `fastscale profile`: a latency table of the parts of some networks. */
export const profile: Command = {
  name: 'profile',
  summary: 'measure a latency table of the parts of some networks with onnxruntime-node',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('profile', args, {
      output: { type: 'string', short: 'o' },
      factors: { type: 'string' },
      strategies: { type: 'string' },
      policy: { type: 'string' },
      batch: { type: 'string' },
      threads: { type: 'string' },
      warmup: { type: 'string' },
      runs: { type: 'string' },
      provider: { type: 'string' },
      extend: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    if (given.length === 0) throw new UsageError('profile: missing <model | config.yaml>; see fastscale profile --help');
    if (values.output === undefined) throw new UsageError('profile needs -o table.json (or -o - for stdout)');
    if (values.output === '-' && values.json === true) throw new UsageError('-o - and --json both write to stdout: give one');
    const policy = policyOption(values.policy);
    const models = modelGrid(io, given, values.factors, values.strategies, ['d', 'w', 'r', 'dwr', 'dWr'], policy);
    const extend = values.extend === undefined ? undefined : loadLatencyTable(io, values.extend);
    const options = {
      ...(values.batch === undefined ? {} : { batchSize: integerOption('--batch', values.batch, 1) }),
      ...(values.threads === undefined ? {} : { threads: integerOption('--threads', values.threads, 1) }),
      ...(values.warmup === undefined ? {} : { warmup: integerOption('--warmup', values.warmup, 0) }),
      ...(values.runs === undefined ? {} : { runs: integerOption('--runs', values.runs, 1) }),
      ...(values.provider === undefined ? {} : { executionProvider: values.provider }),
      ...(extend === undefined ? {} : { extend }),
    };
    // Loaded on demand: only measuring needs the ONNX exporter and runtime.
    const { loadOnnxRuntime, MissingOnnxRuntimeError } = await import('../../onnx/measure.js');
    const { buildLatencyTable } = await import('../../onnx/latency-table.js');
    try {
      await loadOnnxRuntime();
    } catch (error) {
      if (error instanceof MissingOnnxRuntimeError) throw new UsageError(error.message, { cause: error });
      throw error;
    }
    const status = progress(io.stderr, 'profile');
    const start = performance.now();
    let table;
    try {
      table = await buildLatencyTable(
        models.map(({ name, spec }) => ({ name, spec })),
        { ...options, onProgress: (done, total, label) => status.update(done, total, label) },
      );
    } finally {
      status.done();
    }
    const seconds = (performance.now() - start) / 1000;
    writeText(io, values.output, `${JSON.stringify(table)}\n`);
    if (values.output === '-') return;
    const added = table.entries.length - (extend?.entries.length ?? 0);
    const summary = {
      output: values.output,
      networks: models.length,
      entries: table.entries.length,
      measured: added,
      seconds,
      overheadMs: table.overhead.medianMs,
      device: table.device,
      runtime: table.runtime,
      settings: table.settings,
    };
    if (values.json === true) return printJson(io, summary);
    const { settings } = table;
    io.stdout.write(
      `measured ${added} parts of ${models.length} networks in ${seconds.toFixed(1)} s (${table.entries.length} in the table)\n` +
        `device: ${table.device.cpu}, ${table.device.cores} cores, ${table.device.platform} ${table.device.arch}; ${table.runtime.name} ${table.runtime.version}\n` +
        `settings: batch ${settings.batchSize}, ${settings.threads} thread(s), ${settings.executionProvider}, ${settings.warmup} warm-up + ${settings.runs} timed runs per part\n` +
        `per-run overhead: ${formatSeconds(table.overhead.medianMs / 1000)}\n` +
        `wrote ${values.output}\n`,
    );
  },
};
