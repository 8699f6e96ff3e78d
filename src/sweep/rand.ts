/**
 * pycls's `sweep/random.py`: six ways to draw a number in [low, high] quantized to q, each consuming
 * numpy's random stream exactly as pycls's does. A draw is compiled once per sampler (the logs of its
 * bounds are constants) and returns a JavaScript number; whether it is a Python int or float is the
 * sampler's (the type of q).
 */
import { roundHalfEven } from './core.js';
import { decimalQuantizer } from './decimal.js';
import { SweepError } from './errors.js';
import { svmlExp as numpyExp, svmlLog as numpyLog } from './svml.js';
import type { RandomState } from './random-state.js';

/**
 * The distributions of pycls's `rand_types`.
 *
 * @example
 * ```ts
 * import type { RandType } from 'fastscale';
 * const randType: RandType = 'log_uniform';
 * ```
 */
export type RandType = 'uniform' | 'log_uniform' | 'power2_uniform' | 'power2_or_log_uniform' | 'normal' | 'log_normal';

/** The names, in pycls's order. */
export const RAND_TYPES: readonly RandType[] = ['uniform', 'log_uniform', 'power2_uniform', 'power2_or_log_uniform', 'normal', 'log_normal'];

/** A compiled draw: one sample from the random stream. */
export type Draw = (rs: RandomState) => number;

/** Within this many units in the last place of an integer, f / q is re-evaluated before rounding. */
const NEAR_INTEGER_ULPS = 16;

/** `type(q)(Decimal(n) * Decimal(str(q)))` for integral n, as a JavaScript number (an int as a safe integer). */
type Quantizer = (n: number) => number;

/** pycls's `quantize` after the rounding: `Decimal(n) * Decimal(str(q))`, typed as q. */
function quantizer(q: number, integer: boolean, path: string): Quantizer {
  if (integer) {
    return (n) => {
      const product = n * q;
      if (Number.isSafeInteger(product)) return product === 0 ? 0 : product;
      if (!Number.isFinite(n)) throw new SweepError(path, `a sample quantizes to ${n}, which Python's Decimal cannot turn into a number`);
      throw new SweepError(path, `samples ${BigInt(n) * BigInt(q)}, beyond the safe integer range`);
    };
  }
  return decimalQuantizer(q, path) as Quantizer;
}

/**
 * `np.ceil(f / q)` where f = `np.exp(x)`: JavaScript's `Math.exp` gives the same integer unless f / q lies
 * within a few ulp of one (numpy's SVML exp and Math.exp are each within a few ulp of exact); only then is
 * numpy's own exp evaluated, bit for bit (`svml.ts`).
 */
function ceilExpRatio(x: number, q: number): number {
  const ratio = Math.exp(x) / q;
  if (Math.abs(ratio - Math.round(ratio)) > NEAR_INTEGER_ULPS * Number.EPSILON * Math.abs(ratio)) return Math.ceil(ratio);
  return Math.ceil(numpyExp(x) / q);
}

/** `np.log2(v)` of a power of two, exactly (validation ensures powers of two). */
function log2(v: number): number {
  const k = Math.round(Math.log2(v));
  return 2 ** k === v ? k : Math.log2(v);
}

/**
 * Compiles one of pycls's rand functions for fixed bounds, as `rand_types[randType](low, high, q)`.
 * `integer` is whether q (and so the result) is a Python int. Bounds are assumed validated
 * (`validateRand`).
 */
export function compileDraw(randType: RandType, low: number, high: number, q: number, integer: boolean, path: string): Draw {
  const toValue = quantizer(q, integer, path);
  switch (randType) {
    case 'uniform': {
      // f in [low, high + q), floored to a multiple of q.
      const top = high + q;
      return (rs) => toValue(Math.floor(rs.uniform(low, top) / q));
    }
    case 'log_uniform': {
      // f = exp(-u), u uniform in [-log(high), -log(low - min(q, low / 2))), ceiled to a multiple of q.
      const from = -numpyLog(high);
      const to = -numpyLog(low - Math.min(q, low / 2));
      return (rs) => toValue(ceilExpRatio(-rs.uniform(from, to), q));
    }
    case 'power2_uniform': {
      const from = log2(low);
      const to = log2(high) + 1;
      return (rs) => toValue(Math.floor(2 ** Math.floor(rs.uniform(from, to)) / q));
    }
    case 'power2_or_log_uniform': {
      const power2 = compileDraw('power2_uniform', low, high, low, integer, path);
      const logUniform = compileDraw('log_uniform', Math.max(low, q), high, Math.min(high, q), integer, path);
      return (rs) => {
        const f = power2(rs);
        return f >= q ? logUniform(rs) : f;
      };
    }
    case 'normal': {
      // A clipped normal with ~99.7% of its mass in [low, high], rounded to a multiple of q.
      const mu = (low + high) / 2;
      const sigma = (high - low) / 6;
      return (rs) => {
        let f = Infinity;
        while (!(low <= f && f <= high)) f = rs.normal(mu, sigma);
        return toValue(roundHalfEven(f / q));
      };
    }
    case 'log_normal': {
      const logLow = numpyLog(low);
      const logHigh = numpyLog(high);
      const mu = (logLow + logHigh) / 2;
      const sigma = (logHigh - logLow) / 6;
      return (rs) => {
        let f = Infinity;
        while (!(low <= f && f <= high)) f = rs.lognormal(mu, sigma);
        return toValue(roundHalfEven(f / q));
      };
    }
  }
}
