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

/** A double-double: the unevaluated sum `hi + lo`, `|lo| <= ulp(hi) / 2`. */
type DD = readonly [number, number];

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [s1, e1] = quickTwoSum(s, e + t);
  return quickTwoSum(s1, e1 + f);
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function mulNumber(a: DD, b: number): DD {
  const [p, e] = twoProd(a[0], b);
  return quickTwoSum(p, e + a[1] * b);
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = add(a, mulNumber(b, -q1));
  const q2 = r[0] / b[0];
  r = add(r, mulNumber(b, -q2));
  const q3 = r[0] / b[0];
  const [s, e] = quickTwoSum(q1, q2);
  return add([s, e], [q3, 0]);
}

/** 1/n as double-doubles, for the series below (a multiply is cheaper than a divide). */
const RECIPROCALS: readonly DD[] = Array.from({ length: 64 }, (_, n) => (n === 0 ? [0, 0] : div([1, 0], [n, 0])));

/** ln(x) for x near 1, by 2 atanh((x - 1) / (x + 1)); the series converges fast only for x close to 1. */
function logSeries(x: number, centre: number): DD {
  // ln(x / centre) = 2 atanh((x - centre) / (x + centre)); x - centre is exact (Sterbenz).
  const t = div([x - centre, 0], twoSum(x, centre));
  const t2 = mul(t, t);
  let term = t;
  let sum = t;
  for (let n = 3; Math.abs(term[0]) > 1e-36; n += 2) {
    term = mul(term, t2);
    sum = add(sum, mul(term, RECIPROCALS[n]!));
  }
  return mulNumber(sum, 2);
}

/** ln(1 + j/32) for j = 0..32: centres that leave the series above only a few terms. */
const CENTRE_LOGS: readonly DD[] = Array.from({ length: 33 }, (_, j) => {
  // ln(1 + j/32) from the slow path: centre 1 (j <= 16) or 2 (then add ln 2), both exact.
  const c = 1 + j / 32;
  return c < Math.SQRT2 ? logSeries(c, 1) : add(LN2, logSeries(c, 2));
});

/** Natural log of a positive finite double, as a double-double. */
function logDD(x: number): DD {
  // x = m * 2^k with m in [1, 2); ln x = k ln 2 + ln c + ln(m / c) with c = 1 + j/32 the nearest centre.
  let k = Math.floor(Math.log2(x));
  const half = Math.trunc(k / 2);
  let m = x * 2 ** -half * 2 ** -(k - half); // two steps: 2^-k alone overflows for subnormal x
  if (m >= 2) {
    m /= 2;
    k += 1;
  } else if (m < 1) {
    m *= 2;
    k -= 1;
  }
  const j = Math.round((m - 1) * 32);
  return add(add(mulNumber(LN2, k), CENTRE_LOGS[j]!), logSeries(m, 1 + j / 32));
}

/** exp of a double-double whose value is within the finite range. */
function expDD(x: DD): number {
  const k = Math.round(x[0] / LN2[0]);
  // r = x - k ln 2, then exp(r) = (exp(r / 2^10))^(2^10), carried as expm1 to keep the digits.
  const r = add(x, mulNumber(LN2, -k));
  const small: DD = [r[0] / 1024, r[1] / 1024];
  let term: DD = small;
  let expm1: DD = small;
  for (let n = 2; Math.abs(term[0]) > 1e-36; n++) {
    term = mul(mul(term, small), RECIPROCALS[n]!);
    expm1 = add(expm1, term);
  }
  for (let i = 0; i < 10; i++) expm1 = mul(expm1, add(expm1, [2, 0]));
  const [hi, lo] = add([1, 0], expm1);
  // 2^k in two steps so that neither factor overflows on its own.
  const half = Math.trunc(k / 2);
  return (hi + lo) * 2 ** half * 2 ** (k - half);
}

/** `base ** exponent`, correctly rounded, for a positive finite base and a finite exponent. */
export function pow(base: number, exponent: number): number {
  if (exponent === 0 || base === 1) return 1;
  if (exponent === 1) return base;
  if (exponent === 0.5) return Math.sqrt(base); // correctly rounded by IEEE 754
  const y = mulNumber(logDD(base), exponent);
  if (y[0] > 709.8) return Infinity;
  if (y[0] < -745.2) return 0;
  return expDD(y);
}
