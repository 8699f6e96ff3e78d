/**
 * Elementary functions as pycls's sweep code gets them from C and numpy, where JavaScript's `Math.log`
 * and `Math.exp` (within 1 ulp, not correctly rounded) would differ in the last bit.
 *
 * `correctlyRoundedLog`/`correctlyRoundedExp` evaluate in double-double arithmetic (about 100 bits) and
 * round once: that is glibc's `log` and `exp` (numpy's legacy normal and lognormal call them), which are
 * correctly rounded but for inputs within a few thousandths of an ulp of a rounding midpoint.
 *
 * numpy's own `np.log`/`np.exp` on an AVX-512 machine use Intel's SVML, which is up to 4 ulp off; the
 * sweep samplers only use their results through a floor, ceil or round, so a last-bit difference matters
 * only when the value sits within a few ulp of a quantization step, and the samplers check for that (see
 * `rand.ts`).
 */

import { doubleDoubleLogExp } from '../internal/double-double.js';

// numpy-math's own evaluation settings (double-double.ts says why each caller keeps its own).
const { log: logDD, exp: expDD } = doubleDoubleLogExp({
  centreSteps: 64,
  logCutoff: { absolute: 0, relative: 1e-40 },
  expCutoff: 1e-40,
});

/**
 * The natural logarithm of x, correctly rounded (C's `log` as glibc computes it, in all but the rarest
 * near-tie inputs). Non-positive and non-finite inputs follow IEEE 754 (`-Infinity` for 0, NaN below).
 */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  if (x === 1) return 0;
  const [hi, lo] = logDD(x);
  return hi + lo;
}

/** e^x, correctly rounded (C's `exp` as glibc computes it, in all but the rarest near-tie inputs). */
export function correctlyRoundedExp(x: number): number {
  if (!Number.isFinite(x)) return Math.exp(x);
  if (x === 0) return 1;
  return expDD([x, 0]);
}
