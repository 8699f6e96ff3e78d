/**
 * Chart output: a Vega-Lite spec written as JSON, or rendered to SVG by vega-lite and vega, which are
 * imported only here, when a chart is asked for (the library entry never loads them).
 */
import type { VegaLiteSpec } from '../plot/spec.js';
import { choiceOption } from './args.js';
import { UsageError } from './errors.js';
import { type Io, writeText } from './io.js';

/** What a chart is written as. */
export type ChartFormat = 'svg' | 'vega-lite';

/** The chart formats, for `--format`. */
export const CHART_FORMATS: readonly ChartFormat[] = ['svg', 'vega-lite'];

/**
 * The `--format` of a chart (default svg), after the one rule `-o` shares with `--json`: only one of
 * them can write to stdout.
 */
export function chartFormat(values: { readonly format?: string | undefined; readonly output?: string | undefined; readonly json?: boolean | undefined }): ChartFormat {
  if (values.output === '-' && values.json === true) throw new UsageError('-o - and --json both write to stdout: give one');
  return values.format === undefined ? 'svg' : choiceOption('--format', values.format, CHART_FORMATS);
}

/** Renders a Vega-Lite spec to an SVG document without a browser or canvas. */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}

/** Writes a chart to `path` (`-` is stdout) as SVG or as its Vega-Lite JSON. */
export async function writeChart(io: Io, path: string, spec: VegaLiteSpec, format: ChartFormat): Promise<void> {
  const text = format === 'svg' ? await renderSvg(spec) : `${JSON.stringify(spec, null, 2)}\n`;
  writeText(io, path, text);
}
