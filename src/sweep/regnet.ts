/**
 * pycls's `generate_regnet(wa, w0, wm, d, q)` with numpy's float64 arithmetic: block widths
 * `round(w0 * wm^k / q) * q` with `k = round(log(u / w0) / log(wm))`, `u = i * wa + w0`, grouped into
 * stages, and `total_stages = max(k) + 1`. Both roundings are half to even. JavaScript's log and pow can
 * differ from numpy's in the last bit, which changes nothing unless a rounded quantity sits within a few
 * ulp of a tie; there the correctly rounded functions decide.
 */
import { pow, roundHalfEven } from './core.js';
import { SweepError } from './errors.js';
import { numpyLog } from './numpy-math.js';

/**
 * What `generate_regnet` returns that sweeps use: per-stage widths and depths, the number of stages, and
 * the number of stages the quantization could have made (`max(k) + 1`).
 *
 * @example
 * ```ts
 * import type { RegNetGeneration } from 'fastscale';
 * const generated: RegNetGeneration = { widths: [96, 192], depths: [5, 8], numStages: 2, totalStages: 2 };
 * ```
 */
export interface RegNetGeneration {
  /** Width of each stage (`np.unique` of the block widths: increasing). */
  readonly widths: readonly number[];
  /** Blocks per stage. */
  readonly depths: readonly number[];
  /** `num_stages`: how many distinct widths. */
  readonly numStages: number;
  /** `total_stages`: `max(k) + 1`; pycls's RegNet constraint rejects a sample where they differ. */
  readonly totalStages: number;
}

/** Half-integers within this many ulps of a quantity are re-evaluated with correctly rounded functions. */
const TIE_ULPS = 64;

function nearHalfInteger(x: number): boolean {
  const fraction = x - Math.floor(x);
  return Math.abs(fraction - 0.5) <= TIE_ULPS * Number.EPSILON * Math.max(1, Math.abs(x));
}

/**
 * pycls's `generate_regnet` as numpy evaluates it.
 *
 * @throws {@link SweepError} at `path` where pycls's assertion fails (`wa >= 0`, `w0 > 0`, `wm > 1`,
 * `w0 % q == 0`) or the depth is below 1
 */
export function generateRegNetNumpy(wa: number, w0: number, wm: number, depth: number, q = 8, path = 'REGNET'): RegNetGeneration {
  if (!(wa >= 0 && w0 > 0 && wm > 1 && w0 % q === 0) || !Number.isFinite(wa) || !Number.isFinite(wm)) {
    throw new SweepError(path, `generate_regnet(wa=${wa}, w0=${w0}, wm=${wm}) fails pycls's assertion wa >= 0, w0 > 0, wm > 1, w0 % ${q} == 0`);
  }
  if (!Number.isSafeInteger(depth) || depth < 1) throw new SweepError(path, `DEPTH ${depth} is not a positive integer (numpy: max of an empty array)`);
  const logWm = Math.log(wm);
  const widths: number[] = [];
  const depths: number[] = [];
  let maxK = -Infinity;
  let lastK = NaN;
  let lastWidth = NaN;
  for (let i = 0; i < depth; i++) {
    const ratio = (i * wa + w0) / w0;
    let exponent = Math.log(ratio) / logWm;
    if (nearHalfInteger(exponent)) exponent = numpyLog(ratio) / numpyLog(wm);
    const k = roundHalfEven(exponent);
    if (k > maxK) maxK = k;
    let width: number;
    if (k === lastK) {
      width = lastWidth;
    } else {
      let scaled = (w0 * Math.pow(wm, k)) / q;
      if (nearHalfInteger(scaled)) scaled = (w0 * pow(wm, k)) / q;
      width = roundHalfEven(scaled) * q;
      lastK = k;
      lastWidth = width;
    }
    if (widths.length > 0 && widths[widths.length - 1] === width) depths[depths.length - 1]! += 1;
    else {
      widths.push(width);
      depths.push(1);
    }
  }
  // np.unique sorts; widths only grow with i (wa >= 0, wm > 1), so runs are already the sorted groups,
  // unless a rounding glitch made them dip: sort and merge then, as np.unique would.
  if (!widths.every((w, i) => i === 0 || w > widths[i - 1]!)) return uniqueCounts(widths, depths, maxK);
  return { widths, depths, numStages: widths.length, totalStages: maxK + 1 };
}

function uniqueCounts(widths: readonly number[], depths: readonly number[], maxK: number): RegNetGeneration {
  const counts = new Map<number, number>();
  widths.forEach((w, i) => counts.set(w, (counts.get(w) ?? 0) + depths[i]!));
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  return { widths: sorted, depths: sorted.map((w) => counts.get(w)!), numStages: sorted.length, totalStages: maxK + 1 };
}
