/**
 * The two uses pycls's sweep code makes of Python's `decimal` module, done exactly on decimal digits:
 * `quantize` (`type(q)(Decimal(op(f / q)) * Decimal(str(q)))`, with the default context's 28 significant
 * digits and round-half-even) and `validate_rand`'s divisibility test `Decimal(str(x)) % Decimal(str(q)) == 0`.
 */
import { SweepError } from './errors.js';
import { pythonFloatRepr } from './python.js';

/** A finite decimal: coefficient * 10^exponent. */
interface DecimalNumber {
  readonly coefficient: bigint;
  readonly exponent: number;
  /** Only for zero: the sign Python keeps (`Decimal('-0')`). */
  readonly negative: boolean;
}

const PRECISION = 28;

/** `Decimal(str(x))` for a Python float (its repr) or int. */
export function decimalOf(x: number | bigint): DecimalNumber {
  if (typeof x === 'bigint') return { coefficient: x, exponent: 0, negative: x < 0n };
  const text = pythonFloatRepr(x);
  const match = /^(-?)(\d+)(?:\.(\d*))?(?:e([-+]\d+))?$/.exec(text);
  if (match === null) throw new SweepError('', `${text} is not a finite number`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = BigInt(whole! + fraction);
  return { coefficient: sign === '-' ? -digits : digits, exponent: Number(exponent) - fraction.length, negative: sign === '-' };
}

/** Rounds a coefficient to 28 significant digits, half to even (the default context of a product). */
function roundToPrecision(coefficient: bigint, exponent: number): [bigint, number] {
  const negative = coefficient < 0n;
  let magnitude = negative ? -coefficient : coefficient;
  const digits = magnitude.toString().length;
  if (digits <= PRECISION) return [coefficient, exponent];
  const drop = digits - PRECISION;
  const divisor = 10n ** BigInt(drop);
  let quotient = magnitude / divisor;
  const remainder = magnitude % divisor;
  const twice = remainder * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) quotient += 1n;
  magnitude = quotient;
  return [negative ? -magnitude : magnitude, exponent + drop];
}

/**
 * `type(q)(Decimal(n) * Decimal(str(q)))` as a function of `n`, an integral float (the floor, ceil or
 * round of `f / q`): the sampled value, an int (`bigint`) when q is an int and a float (`number`)
 * otherwise. `Decimal(str(q))` is parsed once.
 *
 * @throws {@link SweepError} (from the returned function) where Python raises: `n` infinite or NaN
 */
export function decimalQuantizer(q: number | bigint, path: string): (n: number) => number | bigint {
  const fail = (n: number): never => {
    throw new SweepError(path, `a sample quantizes to ${n}, which Python's Decimal cannot turn into a number`);
  };
  if (typeof q === 'bigint') {
    return (n) => {
      if (!Number.isFinite(n)) fail(n);
      // int(Decimal): n * q is an integer, exact unless it has more than 28 digits.
      const [coefficient, exponent] = roundToPrecision(BigInt(n) * q, 0);
      return exponent === 0 ? coefficient : coefficient * 10n ** BigInt(exponent);
    };
  }
  const { coefficient, exponent } = decimalOf(q);
  const c = Number(coefficient);
  const scale = 10 ** Math.abs(exponent);
  const exact = Math.abs(c) <= Number.MAX_SAFE_INTEGER && Math.abs(exponent) <= 22;
  return (n) => {
    if (!Number.isFinite(n)) fail(n);
    const product = n * c;
    // Both factors, their product and 10^|e| are exact doubles: one IEEE operation rounds the exact
    // decimal value once, as float(Decimal) does.
    if (exact && Math.abs(product) <= Number.MAX_SAFE_INTEGER) return exponent < 0 ? product / scale : product * scale;
    const [rounded, scaled] = roundToPrecision(BigInt(n) * coefficient, exponent);
    if (rounded === 0n) return Object.is(n, -0) !== c < 0 ? -0 : 0;
    return Number(`${rounded}e${scaled}`);
  };
}

/**
 * `Decimal(str(x)) % Decimal(str(q)) == 0` for finite x and q > 0, as Python evaluates it (the remainder
 * needs an integer quotient of at most 28 digits, else Python raises `InvalidOperation`).
 *
 * @throws {@link SweepError} at `path` where Python's decimal would raise
 */
export function isDecimalMultiple(x: number | bigint, q: number | bigint, path: string): boolean {
  const a = decimalOf(x);
  const b = decimalOf(q);
  const exponent = Math.min(a.exponent, b.exponent);
  const numerator = a.coefficient * 10n ** BigInt(a.exponent - exponent);
  const denominator = b.coefficient * 10n ** BigInt(b.exponent - exponent);
  if (denominator === 0n) throw new SweepError(path, 'the quantum is 0');
  const quotient = numerator / denominator;
  if ((quotient < 0n ? -quotient : quotient).toString().length > PRECISION) {
    throw new SweepError(path, `${String(x)} / ${String(q)} has more than 28 digits: Python's decimal cannot take the remainder`);
  }
  return numerator % denominator === 0n;
}
