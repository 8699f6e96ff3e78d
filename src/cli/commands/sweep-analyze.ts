import { mkdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { errorEdf, getFilters, normalizedErrorEdf, type SweepRecord } from '../../sweep/analysis.js';
import { edfChart, metricChart, trendChart, type SweepSeries } from '../../sweep/charts.js';
import { choiceOption, integerOption, listOption, parseCommand } from '../args.js';
import { type ChartFormat, chartFormat, writeChart } from '../chart.js';
import { COMMON_HELP } from '../command.js';
import { UsageError } from '../errors.js';
import { table } from '../format.js';
import { type Io, MAX_RECORDS_BYTES, printJson, readText } from '../io.js';

const HELP = `Usage: fastscale sweep analyze <records.json> [more.json ...] [--metrics LIST] [--seed N]
         [--normalized flops|params|acts] [--bins N] [--charts DIR] [--format svg|vega-lite] [--json]

Analyze a finished sweep as pycls's sweep_analyze does: the error EDF of each sweep (and its
complexity-normalized EDF, "On Network Design Spaces for Visual Recognition"), and pycls's bootstrap
estimate of the good range of each metric (get_filters), seeded.

Arguments:
  <records.json>         trained models: [{ "error": 5.8, "config": <pycls config, YAML text or object>,
                         "spec": <fastscale spec>, "complexity": {...}, "metrics": {...} }, ...]
                         (or { "records": [...] }, or pycls's collected sweep.json); one file per sweep

Options:
      --metrics LIST     metrics for good ranges: pycls names (regnet_wa, flops, lr, ...), config keys
                         (cfg.OPTIM.BASE_LR) or names in each record's metrics (epoch_time)
      --seed N           seed of the bootstrap (numpy's generator; default 0)
      --normalized M     also the EDF normalized over complexity M
      --bins N           complexity bins of the normalized EDF (default 10)
      --charts DIR       write charts: edf, edf-normalized, metric-<name>, trend-<name> (several files)
      --format F         chart format: svg (default) or vega-lite
      --json             print { series: [{ name, models, edf, normalizedEdf, filters }] }
${COMMON_HELP}
`;

/** A pycls sweep.json entry (sweep_collect's output), as far as the analysis reads it. */
interface PyclsEntry {
  readonly cfg?: Readonly<Record<string, unknown>>;
  readonly complexity?: SweepRecord['complexity'];
  readonly test_ema_epoch?: { readonly min_top1_err?: readonly number[] };
}

/** The records of one file: fastscale's record format, `{ records }`, or pycls's sweep.json. */
function recordsOf(io: Io, file: string): SweepRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(readText(io, file, MAX_RECORDS_BYTES, 'sweep records (JSON)'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const list = Array.isArray(data) ? data : (data as { records?: unknown } | null)?.records;
  if (!Array.isArray(list)) throw new UsageError(`${file} holds neither a list of records nor { "records": [...] }`);
  return list.map((entry: unknown) => {
    const pycls = entry as PyclsEntry;
    if (typeof entry === 'object' && entry !== null && pycls.test_ema_epoch !== undefined) {
      // pycls's load_sweep/get_vals: error = min(test_ema_epoch.min_top1_err).
      const errors = pycls.test_ema_epoch.min_top1_err ?? [];
      return { error: Math.min(...errors), ...(pycls.cfg === undefined ? {} : { config: pycls.cfg }), ...(pycls.complexity === undefined ? {} : { complexity: pycls.complexity }) };
    }
    return entry as SweepRecord;
  });
}

/** `fastscale sweep analyze`. */
export async function sweepAnalyze(args: readonly string[], io: Io): Promise<void> {
  const { values, positionals: files } = parseCommand('sweep analyze', args, {
    metrics: { type: 'string' },
    seed: { type: 'string' },
    normalized: { type: 'string' },
    bins: { type: 'string' },
    charts: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help === true) {
    io.stdout.write(HELP);
    return;
  }
  if (files.length === 0) throw new UsageError('sweep analyze: missing <records.json>; see fastscale sweep analyze --help');
  const metrics = values.metrics === undefined ? [] : listOption('--metrics', values.metrics);
  const seed = values.seed === undefined ? 0 : integerOption('--seed', values.seed, 0);
  const normalized = values.normalized === undefined ? undefined : choiceOption('--normalized', values.normalized, ['flops', 'params', 'acts'] as const);
  const bins = values.bins === undefined ? 10 : integerOption('--bins', values.bins, 1);
  const format: ChartFormat = chartFormat({ format: values.format });
  const names = files.map((f) => basename(f, extname(f)));
  if (new Set(names).size !== names.length) throw new UsageError('sweep analyze: two files have the same name; each names a sweep');
  const series: SweepSeries[] = files.map((file, i) => ({ name: names[i]!, records: recordsOf(io, file) }));

  const normalizedOptions = normalized === undefined ? undefined : { metric: normalized, bins };
  const results = series.map((s) => {
    const edf = errorEdf(s.records);
    const errors = edf.map((p) => p.error);
    return {
      name: s.name,
      models: s.records.length,
      error: { min: errors[0]!, median: errors[Math.floor((errors.length - 1) / 2)]!, mean: errors.reduce((a, b) => a + b, 0) / errors.length },
      edf,
      ...(normalizedOptions === undefined ? {} : { normalizedEdf: normalizedErrorEdf(s.records, normalizedOptions) }),
      filters: metrics.length === 0 ? {} : getFilters(s.records, metrics, { seed }),
    };
  });

  if (values.charts !== undefined) {
    const dir = resolve(io.cwd, values.charts);
    mkdirSync(dir, { recursive: true });
    const extension = format === 'svg' ? 'svg' : 'vl.json';
    const filters = Object.fromEntries(results.map((r) => [r.name, r.filters]));
    await writeChart(io, join(dir, `edf.${extension}`), edfChart(series), format, series);
    if (normalizedOptions !== undefined) await writeChart(io, join(dir, `edf-normalized.${extension}`), edfChart(series, { normalized: normalizedOptions }), format, series);
    for (const metric of metrics) {
      const safe = metric.replace(/[^\w.-]/g, '_');
      await writeChart(io, join(dir, `metric-${safe}.${extension}`), metricChart(series, metric, { filters }), format, series);
      if (series.length > 1) await writeChart(io, join(dir, `trend-${safe}.${extension}`), trendChart(series, metric, { filters }), format, series);
    }
  }

  if (values.json === true) {
    printJson(io, { series: results });
    return;
  }
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.name}: ${r.models} models, error min ${r.error.min.toFixed(2)}, median ${r.error.median.toFixed(2)}, mean ${r.error.mean.toFixed(2)}`);
    if (metrics.length > 0) {
      lines.push('', table(['metric', 'low', 'best', 'high'], Object.entries(r.filters).map(([m, f]) => [m, ...f.map((v) => String(Number(v.toPrecision(6))))]), ['l', 'r', 'r', 'r']).trimEnd(), '');
    }
  }
  if (values.charts !== undefined) lines.push(`wrote charts to ${values.charts}/`);
  io.stdout.write(`${lines.join('\n').trimEnd()}\n`);
}
