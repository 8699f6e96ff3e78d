/**
 * pycls's `generate_regnet(wa, w0, wm, d, q)` with numpy's float64 arithmetic: block widths
 * `round(w0 * wm^k / q) * q` with `k = round(log(u / w0) / log(wm))`, `u = i * wa + w0`, grouped into
 * stages, and `total_stages = max(k) + 1`. Both roundings are half to even. JavaScript's log and pow can
 * differ from numpy's in the last bit, which changes nothing unless a rounded quantity sits within a few
 * ulp of a tie, as it does for exact ties (u / w0 = wm^(k + 1/2) with wm = 2.56 and u / w0 = 1.6). There
 * numpy's own log decides (SVML's, `svml.ts`); for the power, the correctly rounded one (numpy's SVML pow
 * agreed with it on every tie tried).
 */
import { pow, roundHalfEven } from './core.js';
import { SweepError } from './errors.js';
import { svmlLog as numpyLog } from './svml.js';

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

/** Where {@link generateRegNetInto} leaves `total_stages`. */
export interface TotalStages {
  totalStages: number;
}

/** Quotients within this relative distance of a rounding threshold are settled by the logarithms. */
const THRESHOLD_MARGIN = 1e-11;

/**
 * The arithmetic of `generate_regnet` into `widths` and `depths` (per stage); returns the number of
 * stages, and leaves `max(k) + 1` in `out`. Returns -1 where pycls's assertion fails, where the arrays are
 * too short, or where the block widths are not increasing (then `np.unique` would reorder them:
 * {@link generateRegNetNumpy} handles that).
 *
 * k_i = round(log(u_i / w0) / log(wm)) only steps up where u_i / w0 crosses wm^(k + 1/2), so the blocks are
 * compared with those thresholds; a quotient within a hair of one is settled by the logarithms, as numpy
 * computes them.
 */
export function generateRegNetInto(wa: number, w0: number, wm: number, depth: number, widths: Float64Array, depths: Float64Array, out: TotalStages, q = 8): number {
  if (!(wa >= 0 && w0 > 0 && wm > 1 && w0 % q === 0) || !Number.isFinite(wa) || !Number.isFinite(wm)) return -1;
  if (!Number.isSafeInteger(depth) || depth < 1) return -1;
  let stages = 0;
  let k = 0;
  // wm^(k + 1/2), by repeated multiplication: a few ulp off, far inside the margin.
  let threshold = Math.sqrt(wm);
  let maxK = -Infinity;
  let lastK = NaN;
  let lastWidth = NaN;
  for (let i = 0; i < depth; ) {
    const ratio = (i * wa + w0) / w0;
    let blockK: number;
    // Blocks from i on that share block i's k: all of them, up to the one below the next threshold.
    let last = i;
    for (;;) {
      const relative = ratio / threshold - 1;
      if (relative > THRESHOLD_MARGIN) {
        k++;
        threshold *= wm;
      } else if (relative < -THRESHOLD_MARGIN) {
        blockK = k;
        last = lastBelow(i, depth, wa, w0, threshold * (1 - THRESHOLD_MARGIN));
        break;
      } else {
        // At a threshold: numpy's own quotient decides (and k may stay or step).
        let exponent = Math.log(ratio) / Math.log(wm);
        if (nearHalfInteger(exponent)) exponent = numpyLog(ratio) / numpyLog(wm);
        blockK = roundHalfEven(exponent);
        break;
      }
    }
    if (blockK > maxK) maxK = blockK;
    if (blockK !== lastK) {
      let scaled = (w0 * Math.pow(wm, blockK)) / q;
      if (nearHalfInteger(scaled)) scaled = (w0 * pow(wm, blockK)) / q;
      lastWidth = roundHalfEven(scaled) * q;
      lastK = blockK;
    }
    const count = last - i + 1;
    if (stages > 0 && widths[stages - 1] === lastWidth) depths[stages - 1]! += count;
    else {
      if (stages > 0 && !(lastWidth > widths[stages - 1]!)) return -1;
      if (stages === widths.length) return -1;
      widths[stages] = lastWidth;
      depths[stages] = count;
      stages++;
    }
    i = last + 1;
  }
  out.totalStages = maxK + 1;
  return stages;
}

/**
 * The last block index j in [i, depth) whose quotient (j * wa + w0) / w0 is below `bound` (block i's is):
 * solved for j, then checked with the quotient numpy computes, block by block at the edge.
 */
function lastBelow(i: number, depth: number, wa: number, w0: number, bound: number): number {
  if (wa === 0) return depth - 1;
  let j = Math.min(depth - 1, Math.max(i, Math.ceil(((bound - 1) * w0) / wa) - 1));
  while (j > i && !((j * wa + w0) / w0 < bound)) j--;
  while (j + 1 < depth && ((j + 1) * wa + w0) / w0 < bound) j++;
  return j;
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
  const widths = new Float64Array(depth);
  const depths = new Float64Array(depth);
  const out = { totalStages: 0 };
  const numStages = generateRegNetInto(wa, w0, wm, depth, widths, depths, out, q);
  if (numStages >= 0) {
    return { widths: Array.from(widths.subarray(0, numStages)), depths: Array.from(depths.subarray(0, numStages)), numStages, totalStages: out.totalStages };
  }
  return unsortedGeneration(wa, w0, wm, depth, q);
}

/** The rare generation whose block widths dip (a rounding glitch): np.unique sorts and counts them. */
function unsortedGeneration(wa: number, w0: number, wm: number, depth: number, q: number): RegNetGeneration {
  const counts = new Map<number, number>();
  let maxK = -Infinity;
  for (let i = 0; i < depth; i++) {
    const ratio = (i * wa + w0) / w0;
    let exponent = Math.log(ratio) / Math.log(wm);
    if (nearHalfInteger(exponent)) exponent = numpyLog(ratio) / numpyLog(wm);
    const k = roundHalfEven(exponent);
    maxK = Math.max(maxK, k);
    let scaled = (w0 * Math.pow(wm, k)) / q;
    if (nearHalfInteger(scaled)) scaled = (w0 * pow(wm, k)) / q;
    const width = roundHalfEven(scaled) * q;
    counts.set(width, (counts.get(width) ?? 0) + 1);
  }
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  return { widths: sorted, depths: sorted.map((w) => counts.get(w)!), numStages: sorted.length, totalStages: maxK + 1 };
}
