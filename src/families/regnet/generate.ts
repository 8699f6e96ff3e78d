import { SpecError } from '../../errors.js';
import { integerInRange, nonNegativeNumber, positiveNumber } from '../../internal/check.js';
import { describe } from '../../internal/describe.js';
import { roundHalfEven } from '../../internal/python.js';
import { LIMITS } from '../../limits.js';

/**
 * Widths and depths that a RegNet's parameters generate.
 *
 * @example
 * ```ts
 * import { generateRegNet, type RegNetStages } from 'fastscale';
 * const stages: RegNetStages = generateRegNet(27.89, 48, 2.09, 16);
 * ```
 */
export interface RegNetStages {
  /** Width of each stage, increasing. */
  readonly widths: readonly number[];
  /** Number of blocks of each stage; they sum to the RegNet depth. */
  readonly depths: readonly number[];
  /** Quantized width of each block, in order. */
  readonly blockWidths: readonly number[];
  /** Continuous width `wa * i + w0` of each block, before quantization. */
  readonly continuousWidths: readonly number[];
}

/**
 * pycls's `generate_regnet`: per-block widths `u_i = wa * i + w0` for `i = 0..depth-1`, quantized to
 * `w0 * wm^k_i` with `k_i = round(log(u_i / w0) / log(wm))`, rounded to a multiple of `q`, then grouped
 * into stages of equal width. Rounding is half to even, as numpy's.
 *
 * @param wa - slope, >= 0
 * @param w0 - initial width, a positive multiple of `q`
 * @param wm - width multiplier, > 1
 * @param depth - number of blocks, a positive integer up to `LIMITS.maxListedBlocks` (widths are generated block by block)
 * @param q - width quantum, a positive integer (8 in pycls)
 * @throws {@link SpecError} naming the bad argument, or where a generated width exceeds `LIMITS.maxWidth`
 *
 * @example
 * ```ts
 * import { generateRegNet } from 'fastscale';
 * const { widths, depths } = generateRegNet(27.89, 48, 2.09, 16); // RegNetY-400MF
 * // widths: [48, 104, 208, 440], depths: [1, 3, 6, 6]
 * ```
 */
export function generateRegNet(wa: number, w0: number, wm: number, depth: number, q = 8): RegNetStages {
  nonNegativeNumber(wa, 'wa', SpecError);
  integerInRange(q, 1, LIMITS.maxWidth, 'q', SpecError);
  integerInRange(w0, 1, LIMITS.maxWidth, 'w0', SpecError);
  if (w0 % q !== 0) throw new SpecError('w0', `${describe(w0)} is not a multiple of ${q}`);
  positiveNumber(wm, 'wm', SpecError);
  if (wm <= 1) throw new SpecError('wm', `${describe(wm)} is not a finite number > 1`);
  integerInRange(depth, 1, LIMITS.maxListedBlocks, 'depth', SpecError);

  const continuousWidths: number[] = [];
  const blockWidths: number[] = [];
  return { ...generateStages(wa, w0, wm, depth, q, blockWidths, continuousWidths), blockWidths, continuousWidths };
}

/**
 * The loop of {@link generateRegNet} on checked arguments: stage widths and depths, and (where arrays are
 * given) each block's quantized and continuous width.
 */
export function generateStages(
  wa: number,
  w0: number,
  wm: number,
  depth: number,
  q = 8,
  blockWidths: number[] | null = null,
  continuousWidths: number[] | null = null,
): { widths: number[]; depths: number[] } {
  const logWm = Math.log(wm);
  const widths: number[] = [];
  const depths: number[] = [];
  for (let i = 0; i < depth; i++) {
    const continuous = i * wa + w0;
    const exponent = roundHalfEven(Math.log(continuous / w0) / logWm);
    const width = roundHalfEven((w0 * Math.pow(wm, exponent)) / q) * q;
    if (!(width <= LIMITS.maxWidth)) {
      throw new SpecError('wa', `${describe(wa)} makes block ${i} ${width} channels wide, beyond the limit of ${LIMITS.maxWidth}`);
    }
    continuousWidths?.push(continuous);
    blockWidths?.push(width);
    // Widths never decrease (wa >= 0, wm > 1), so equal widths are adjacent: a stage is a run of them.
    if (widths[widths.length - 1] === width) depths[depths.length - 1]! += 1;
    else {
      widths.push(width);
      depths.push(1);
    }
  }
  return { widths, depths };
}
