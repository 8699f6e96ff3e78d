import { dirname, resolve } from 'node:path';
import { correlateRuntime } from '../../analysis/runtime.js';
import { complexity } from '../../complexity/index.js';
import { runtimeChart } from '../../plot/runtime-chart.js';
import type { Complexity } from '../../spec/types.js';
import { listOption, parseCommand, positionals } from '../args.js';
import { CHART_FORMAT_HELP, chartFormat, writeChart } from '../chart.js';
import { COMMON_HELP, type Command } from '../command.js';
import { correlationText } from '../correlation-text.js';
import { UsageError } from '../errors.js';
import { formatFlops, formatMillions, table } from '../format.js';
import { type Io, MAX_TIMINGS_BYTES, printJson, readText } from '../io.js';
import { loadModel } from '../model.js';

const HELP = `Usage: fastscale runtime <timings.json> [--column test_fw_time] [--models LIST] [--json]
         [-o scatter.svg] [--format svg|png|vega-lite|json]

Which of flops, params and activations predicts measured runtime? Correlates the times in a JSON
file with each metric (Pearson's r and the least-squares line) and names the best.

Arguments:
  <timings.json>         either rows [{ "model": "RegNetX-200MF", "seconds": 0.0165 }, ...] where
                         model is a zoo name or a pycls config path relative to the JSON file, or
                         pycls's model_timing.json: { "RegNetX-200MF": { "test_fw_time": 0.0165, ... } }

Options:
      --column NAME      the time column of a model_timing.json (default test_fw_time)
      --models LIST      keep only models whose name contains one of these comma-separated texts
                         (RegNetX,RegNetY)
      --json             print { column, models: [{ model, seconds, complexity }], correlation }
  -o, --output FILE      also write a scatter plot of time against each metric (- for stdout)
${CHART_FORMAT_HELP}
${COMMON_HELP}
`;

/** One timed model. */
interface Timed {
  readonly model: string;
  readonly seconds: number;
  readonly complexity: Complexity;
}

/** `fastscale runtime`: correlate measured times with the three metrics. */
export const runtime: Command = {
  name: 'runtime',
  summary: 'correlate measured runtimes with flops, params and activations',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('runtime', args, {
      column: { type: 'string' },
      models: { type: 'string' },
      json: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      format: { type: 'string' },
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    const [file] = positionals('runtime', given, ['<timings.json>']);
    const format = chartFormat(values);
    const filters = values.models === undefined ? undefined : listOption('--models', values.models);
    const keep = (name: string): boolean => filters === undefined || filters.some((text) => name.includes(text));
    const { column, rows: models } = readTimings(io, file!, values.column, keep);
    if (models.length < 3) {
      const why = filters === undefined ? `${file} has` : `--models ${values.models} keeps`;
      throw new UsageError(`${why} ${models.length} model${models.length === 1 ? '' : 's'}; a correlation needs at least 3`);
    }
    const correlation = correlateRuntime(models.map(({ complexity: cx, seconds }) => ({ complexity: cx, seconds })));
    if (values.output !== undefined) {
      const chart = runtimeChart(
        models.map((m) => ({ name: m.model, seconds: m.seconds, complexity: m.complexity })),
        { title: `runtime of ${models.length} models`, timeTitle: column === null ? 'time (seconds)' : `${column} (seconds)` },
      );
      await writeChart(io, values.output, chart, format, { column, models, correlation });
    }
    if (values.output === '-') return;
    if (values.json === true) {
      printJson(io, { column, models, correlation });
      return;
    }
    const cells = models.map((m) => [m.model, String(m.seconds), formatFlops(m.complexity.flops), formatMillions(m.complexity.params), formatMillions(m.complexity.acts)]);
    io.stdout.write(
      table(['model', column ?? 'seconds', 'flops', 'params', 'acts'], cells, ['l', 'r', 'r', 'r', 'r']) +
        '\n' +
        correlationText(correlation, column ?? 'seconds'),
    );
    if (values.output !== undefined) io.stdout.write(`\nwrote ${values.output} (${format})\n`);
  },
};

/**
 * The timed models of a file: rows `{ model, seconds }` (column null) or pycls's model_timing.json
 * (`{ name: { column: seconds } }`). Model paths are relative to the file; errors name the file and entry.
 */
function readTimings(
  io: Io,
  file: string,
  columnOption: string | undefined,
  keep: (name: string) => boolean,
): { column: string | null; rows: Timed[] } {
  let data: unknown;
  try {
    data = JSON.parse(readText(io, file, MAX_TIMINGS_BYTES, 'a timings JSON file'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new UsageError(`${file}: invalid JSON: ${error.message}`, { cause: error });
    throw error;
  }
  const base: Io = { ...io, cwd: dirname(resolve(io.cwd, file)) };
  const model = (name: string, where: string): Complexity => {
    try {
      return complexity(loadModel(base, name).spec);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(`${file}: ${where}: ${error.message}`, { cause: error });
      throw error;
    }
  };
  const seconds = (value: unknown, where: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new UsageError(`${file}: ${where}: ${JSON.stringify(value) ?? 'missing'} is not a time in seconds (a number >= 0)`);
    }
    return value;
  };
  if (Array.isArray(data)) {
    if (columnOption !== undefined) throw new UsageError(`--column applies to pycls model_timing.json files; ${file} holds rows`);
    const rows = data.flatMap((row: unknown, i): Timed[] => {
      if (typeof row !== 'object' || row === null || typeof (row as { model?: unknown }).model !== 'string') {
        throw new UsageError(`${file}: [${i}]: not a row { "model": name or path, "seconds": number }`);
      }
      const { model: name, seconds: time } = row as { model: string; seconds?: unknown };
      if (!keep(name)) return [];
      return [{ model: name, seconds: seconds(time, `[${i}].seconds`), complexity: model(name, `[${i}].model`) }];
    });
    return { column: null, rows };
  }
  if (typeof data !== 'object' || data === null) {
    throw new UsageError(`${file}: holds ${JSON.stringify(data)}, not rows [{ model, seconds }] nor a model_timing.json object`);
  }
  const column = columnOption ?? 'test_fw_time';
  const rows = Object.entries(data).flatMap(([name, times]): Timed[] => {
    // pycls's dev files carry metadata next to the models: "date-created": "2020-09-28 ...".
    if (!keep(name) || typeof times === 'string') return [];
    if (typeof times !== 'object' || times === null || Array.isArray(times)) {
      throw new UsageError(`${file}: ${JSON.stringify(name)}: not an object of times ({ "${column}": seconds })`);
    }
    const value = (times as Record<string, unknown>)[column];
    if (value === undefined) {
      const columns = Object.keys(times).join(', ');
      throw new UsageError(`${file}: ${JSON.stringify(name)} has no column ${column}${columns === '' ? '' : ` (it has ${columns})`}`);
    }
    return [{ model: name, seconds: seconds(value, `${JSON.stringify(name)}.${column}`), complexity: model(name, JSON.stringify(name)) }];
  });
  return { column, rows };
}
