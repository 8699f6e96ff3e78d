/**
 * pycls's `sweep/random.py`: six ways to draw a number in [low, high] quantized to q, each consuming
 * numpy's random stream exactly as pycls's does. A draw is compiled once per sampler (the logs of its
 * bounds are constants) and returns a JavaScript number; whether it is a Python int or float is the
 * sampler's (the type of q).
 */
import { roundHalfEven } from './core.js';
import { quantizedValue } from './decimal.js';
import { SweepError } from './errors.js';
import { numpyExp, numpyLog } from './numpy-math.js';
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

/** One of numpy's rounding functions, as `quantize`'s `op`. */
type Rounding = 'floor' | 'ceil' | 'round';

const ROUNDINGS: Readonly<Record<Rounding, (x: number) => number>> = { floor: Math.floor, ceil: Math.ceil, round: roundHalfEven };

/** Within this many units in the last place of an integer, f / q is re-evaluated before rounding. */
const NEAR_INTEGER_ULPS = 16;

/**
 * pycls's `quantize(f, q, op)`: `type(q)(Decimal(op(f / q)) * Decimal(str(q)))`, as a JavaScript number
 * (an int is returned as a safe integer).
 */
export function quantize(f: number, q: number, integer: boolean, rounding: Rounding, path: string): number {
  return fromQuantized(ROUNDINGS[rounding](f / q), q, integer, path);
}

function fromQuantized(n: number, q: number, integer: boolean, path: string): number {
  if (integer) {
    const product = n * q;
    if (Number.isSafeInteger(product)) return product === 0 ? 0 : product;
    const value = quantizedValue(n, BigInt(q), path) as bigint;
    throw new SweepError(path, `samples ${value}, beyond the safe integer range`);
  }
  return quantizedValue(n, q, path) as number;
}

/**
 * `op(f / q)` where f = exp(x) comes from numpy's `np.exp`: JavaScript's `Math.exp` gives the same
 * rounding step unless f / q lies within a few ulp of an integer (numpy's SVML exp and Math.exp are each
 * within a few ulp of exact); only then is the correctly rounded exp evaluated.
 */
function roundedExpRatio(x: number, q: number, rounding: Rounding): number {
  const op = ROUNDINGS[rounding];
  const ratio = Math.exp(x) / q;
  // The rounding steps: integers for floor and ceil, half-integers for round.
  const shifted = rounding === 'round' ? ratio - 0.5 : ratio;
  const distance = Math.abs(shifted - Math.round(shifted));
  if (distance > NEAR_INTEGER_ULPS * Number.EPSILON * Math.abs(ratio)) return op(ratio);
  return op(numpyExp(x) / q);
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
  switch (randType) {
    case 'uniform': {
      // f in [low, high + q), floored to a multiple of q.
      const top = high + q;
      return (rs) => quantize(rs.uniform(low, top), q, integer, 'floor', path);
    }
    case 'log_uniform': {
      // f = exp(-u), u uniform in [-log(high), -log(low - min(q, low / 2))), ceiled to a multiple of q.
      const from = -numpyLog(high);
      const to = -numpyLog(low - Math.min(q, low / 2));
      return (rs) => fromQuantized(roundedExpRatio(-rs.uniform(from, to), q, 'ceil'), q, integer, path);
    }
    case 'power2_uniform': {
      const from = log2(low);
      const to = log2(high) + 1;
      return (rs) => quantize(2 ** Math.floor(rs.uniform(from, to)), q, integer, 'floor', path);
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
        return quantize(f, q, integer, 'round', path);
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
        return quantize(f, q, integer, 'round', path);
      };
    }
  }
}
