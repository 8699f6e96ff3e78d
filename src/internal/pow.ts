/**
 * Correctly rounded `base ** exponent`.
 *
 * pycls computes scaling multipliers with Python's `**` (C's `pow`, correctly rounded in practice);
 * V8's `Math.pow` is off by one unit in the last place for inputs as plain as `4 ** 0.25`. A one-ulp
 * difference in a multiplier can flip a round-half-to-even tie downstream, so we evaluate
 * `exp(exponent * log(base))` in double-double arithmetic (about 100 bits) and round once.
 *
 * CPython calls the C library's `pow`; glibc's is within 0.52 ulp, so on inputs within a few thousandths
 * of an ulp of a rounding midpoint (about 0.1% of random inputs) it rounds the other way. Those are the
 * only differences, and they cannot move a later rounding unless that rounding is itself an exact tie.
 */

import { type DD, doubleDoubleLogExp, mulNumber } from './double-double.js';

// pow's own evaluation settings (double-double.ts says why each caller keeps its own).
const { log: logDD, exp: expDD } = doubleDoubleLogExp({
  centreSteps: 32,
  logCutoff: { absolute: 1e-36, relative: 0 },
  expCutoff: 1e-36,
});

/** The last base's log: scaling factors raise one factor to up to four exponents in a row. */
let lastBase = NaN;
let lastLog: DD = [NaN, NaN];

/** `base ** exponent`, correctly rounded, for a positive finite base and a finite exponent. */
export function pow(base: number, exponent: number): number {
  if (exponent === 0 || base === 1) return 1;
  if (exponent === 1) return base;
  if (exponent === 0.5) return Math.sqrt(base); // correctly rounded by IEEE 754
  if (base !== lastBase) {
    lastLog = logDD(base);
    lastBase = base;
  }
  return expDD(mulNumber(lastLog, exponent)); // Infinity or 0 beyond the double range
}
