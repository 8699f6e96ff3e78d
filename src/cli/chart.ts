/**
 * Chart output. A chart is written as SVG or PNG (rendered by the optional peer dependencies vega,
 * vega-lite and, for PNG, @resvg/resvg-js, imported here only when such a chart is asked for), as its
 * Vega-Lite spec, or as its data. The format comes from `--format`, else from the `-o` file's extension.
 */
import { extname } from 'node:path';
import type { VegaLiteSpec } from '../plot/spec.js';
import { choiceOption } from './args.js';
import { UsageError } from './errors.js';
import { type Io, writeText } from './io.js';

/**
 * What a chart is written as: `svg` and `png` images, `vega-lite` (the chart's Vega-Lite JSON spec, to
 * edit or embed) or `json` (the chart's data rows, what `--json` prints).
 */
export type ChartFormat = 'svg' | 'png' | 'vega-lite' | 'json';

/** The chart formats, for `--format`. */
export const CHART_FORMATS: readonly ChartFormat[] = ['svg', 'png', 'vega-lite', 'json'];

/** The format each known `-o` extension stands for (`.vl.json` is matched before `.json`). */
const EXTENSIONS: readonly (readonly [string, ChartFormat])[] = [
  ['.svg', 'svg'],
  ['.png', 'png'],
  ['.vl.json', 'vega-lite'],
  ['.vg.json', 'vega-lite'],
  ['.json', 'json'],
];

/** The help lines every chart-writing command shares. */
export const CHART_FORMAT_HELP = `      --format F         svg, png, vega-lite (the chart's Vega-Lite spec) or json (its data);
                         default: from the -o extension (.svg, .png, .vl.json, .json), else svg.
                         svg needs vega and vega-lite, png also @resvg/resvg-js (optional peer
                         dependencies: npm install vega vega-lite @resvg/resvg-js)`;

/** The format an output file's name implies, or undefined for stdout and unknown extensions. */
function formatOfPath(path: string): ChartFormat | undefined {
  const lower = path.toLowerCase();
  return EXTENSIONS.find(([extension]) => lower.endsWith(extension))?.[1];
}

/**
 * The format of a chart written to `output`: `--format` when given (it must agree with a chart extension
 * of `-o`), else the extension's, else svg. An extension that names no chart format needs `--format`,
 * so that `-o acts.pdf` is not silently an SVG. `-o -` and `--json` cannot both write to stdout.
 */
export function chartFormat(values: { readonly format?: string | undefined; readonly output?: string | undefined; readonly json?: boolean | undefined }): ChartFormat {
  const { format, output, json } = values;
  if (output === '-' && json === true) throw new UsageError('-o - and --json both write to stdout: give one');
  const chosen = format === undefined ? undefined : choiceOption('--format', format, CHART_FORMATS);
  if (output === undefined || output === '-') return chosen ?? 'svg';
  const implied = formatOfPath(output);
  if (chosen !== undefined) {
    if (implied !== undefined && implied !== chosen) {
      throw new UsageError(`-o ${output} names a ${implied} file but --format is ${chosen}: change one`);
    }
    return chosen;
  }
  if (implied !== undefined) return implied;
  const extension = extname(output);
  if (extension === '') return 'svg';
  throw new UsageError(`-o ${output}: ${extension} is not a chart format; use .svg, .png, .vl.json or .json, or give --format`);
}

/** Imports a module by name; tests substitute their own. */
export type Importer = (name: string) => Promise<unknown>;

const importModule: Importer = (name) => import(name);

/** True when `error` says that the package `name` itself is not installed (not one of its dependencies). */
function isMissing(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${name}'`);
}

/**
 * Imports the peer dependencies a format needs, all of them, or throws one UsageError that names the
 * missing ones and the exact command that installs them.
 */
export async function loadPeers(packages: readonly string[], purpose: string, load: Importer = importModule): Promise<unknown[]> {
  const results = await Promise.allSettled(packages.map((name) => load(name)));
  const names = packages.filter((name, i) => {
    const result = results[i]!;
    return result.status === 'rejected' && isMissing(result.reason, name);
  });
  if (names.length > 0) {
    throw new UsageError(
      `${purpose} need ${listText(names)} (optional peer dependenc${names.length === 1 ? 'y' : 'ies'} of fastscale): run npm install ${names.join(' ')}, or write --format vega-lite or json`,
    );
  }
  return results.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
}

/** `a`, `a and b`, `a, b and c`. */
function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

interface VegaLiteModule {
  compile(spec: unknown): { spec: unknown };
}
interface VegaModule {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: 'none' }) => { toSVG(): Promise<string>; finalize(): void };
}
interface ResvgModule {
  Resvg: new (svg: string, options: unknown) => { render(): { asPng(): Uint8Array } };
}

/** Renders a Vega-Lite spec to an SVG document without a browser or canvas. */
export async function renderSvg(spec: VegaLiteSpec, load: Importer = importModule): Promise<string> {
  const [vegaLite, vega] = (await loadPeers(['vega-lite', 'vega'], 'SVG charts', load)) as [VegaLiteModule, VegaModule];
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}

/** PNG images are drawn at twice the SVG's size, for sharp text on high-density screens. */
export const PNG_SCALE = 2;

/** Renders a Vega-Lite spec to a PNG image (through its SVG, rasterised by resvg with the system's fonts). */
export async function renderPng(spec: VegaLiteSpec, load: Importer = importModule): Promise<Uint8Array> {
  // All three are checked first, so that one message names everything that is missing.
  const [, , loaded] = (await loadPeers(['vega-lite', 'vega', '@resvg/resvg-js'], 'PNG charts', load)) as [unknown, unknown, ResvgModule & { default?: ResvgModule }];
  // A CommonJS package: its exports arrive as named exports or under `default`, depending on Node's analysis.
  const { Resvg } = loaded.Resvg === undefined ? loaded.default! : loaded;
  const svg = await renderSvg(spec, load);
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: PNG_SCALE }, font: { loadSystemFonts: true } }).render().asPng();
}

/**
 * Writes a chart to `path` (`-` is stdout) in `format`: the rendered image, the Vega-Lite spec, or the
 * data rows given (the JSON the command prints with `--json`).
 */
export async function writeChart(io: Io, path: string, spec: VegaLiteSpec, format: ChartFormat, data: unknown): Promise<void> {
  switch (format) {
    case 'svg':
      return writeText(io, path, await renderSvg(spec));
    case 'png':
      return writeText(io, path, await renderPng(spec));
    case 'vega-lite':
      return writeText(io, path, `${JSON.stringify(spec, null, 2)}\n`);
    case 'json':
      return writeText(io, path, `${JSON.stringify(data, null, 2)}\n`);
  }
}
