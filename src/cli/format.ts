/**
 * Human units for the command line: flops in MF/GF with 2 decimals, params and acts in M with 3
 * significant digits (at least 1 decimal), ratios as `3.91x`; and the inverse, budgets written `4G`,
 * `4GF`, `20M`, `4e9`.
 */

/** Flops (multiply-adds) in MF below 1000 MF, else in GF, with 2 decimals: `401.85 MF`, `4.00 GF`. */
export function formatFlops(flops: number): string {
  const mf = (flops / 1e6).toFixed(2);
  if (Number(mf) < 1000) return `${mf} MF`;
  return `${(flops / 1e9).toFixed(2)} GF`;
}

/**
 * A count (params, acts) in millions with 3 significant digits and at least 1 decimal: `145.3 M`,
 * `20.6 M`, `4.34 M`, `0.856 M`.
 */
export function formatMillions(count: number): string {
  const m = count / 1e6;
  if (Math.abs(m) >= 9.995) return `${m.toFixed(1)} M`;
  if (Math.abs(m) >= 0.9995) return `${m.toFixed(2)} M`;
  return `${m === 0 ? '0.000' : String(Number(m.toPrecision(3)))} M`;
}

/** One metric in its unit: flops by {@link formatFlops}, params and acts by {@link formatMillions}, latency (seconds) by {@link formatSeconds}. */
export function formatMetric(metric: 'flops' | 'params' | 'acts' | 'latency', value: number): string {
  if (metric === 'latency') return formatSeconds(value);
  return metric === 'flops' ? formatFlops(value) : formatMillions(value);
}

/** Seconds for people: `850 µs`, `25.31 ms`, `1.204 s`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 1e-3) return `${(seconds * 1e6).toFixed(0)} µs`;
  if (seconds < 1) return `${(seconds * 1e3).toFixed(2)} ms`;
  return `${seconds.toFixed(3)} s`;
}

/** An exact integer with thousands separators: `401,849,056`. */
export function formatExact(count: number): string {
  return count.toLocaleString('en-US', { maximumFractionDigits: 0, useGrouping: true });
}

/** A ratio with 2 decimals and an `x`: `3.91x`. */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}x`;
}

/** A plain number with at most `digits` significant digits, trailing zeros dropped: `4.071`, `0.8`, `64`. */
export function formatNumber(value: number, digits = 4): string {
  return String(Number(value.toPrecision(digits)));
}

/** A signed percentage with 2 decimals: `+0.12%`, `-1.50%`. */
export function formatPercent(fraction: number): string {
  const percent = (fraction * 100).toFixed(2);
  return `${fraction >= 0 && !percent.startsWith('-') ? '+' : ''}${percent}%`;
}

/** Powers of ten of the suffixes. */
const SUFFIX_EXPONENTS: Readonly<Record<string, number>> = { k: 3, m: 6, g: 9, t: 12 };
const QUANTITY = /^(\d+(?:\.\d*)?|\.\d+)(?:[eE]([-+]?\d+))?([kKmMgGtT])?([fF])?$/;

/**
 * Reads a budget: a plain number (`4000000000`, `4e9`, `1.5e6`) or a number with a suffix K, M, G or T
 * (x 1e3, 1e6, 1e9, 1e12; any case), optionally followed by F when `allowFlopsSuffix` (`4G`, `4GF`,
 * `400MF`, `20M`). Returns `undefined` for anything else, including negative numbers (budgets are > 0 and
 * the caller says what was wrong).
 */
export function parseQuantity(text: string, allowFlopsSuffix = false): number | undefined {
  const match = QUANTITY.exec(text.trim());
  if (match === null) return undefined;
  const [, digits, exponent, suffix, flops] = match;
  if (flops !== undefined && !allowFlopsSuffix) return undefined;
  // Exact decimal scaling through the exponent: 4.1G is 4.1e9, not 4.1 * 1e9 = 4100000000.0000005.
  const shift = (exponent === undefined ? 0 : Number(exponent)) + (suffix === undefined ? 0 : SUFFIX_EXPONENTS[suffix.toLowerCase()]!);
  const value = Number(`${digits}e${shift}`);
  return Number.isFinite(value) ? value : undefined;
}

/** Column alignment: `l`eft for text, `r`ight for numbers. */
export type Align = 'l' | 'r';

/**
 * An aligned text table: a header row, a rule, then the rows; columns two spaces apart, each left- or
 * right-aligned. Every line ends in a newline and has no trailing spaces.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]): string =>
    widths
      .map((width, c) => {
        const cell = row[c] ?? '';
        return (align[c] ?? 'l') === 'r' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].map((text) => `${text}\n`).join('');
}

/** `key  value` lines with the values aligned; keys are followed by a colon. */
export function fields(entries: readonly (readonly [string, string])[]): string {
  const width = Math.max(...entries.map(([key]) => key.length + 1));
  return entries.map(([key, value]) => `${`${key}:`.padEnd(width)}  ${value}\n`).join('');
}
