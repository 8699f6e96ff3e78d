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

/** A double-double: the unevaluated sum hi + lo with |lo| <= ulp(hi) / 2. */
type DD = readonly [number, number];

const SPLIT = 134217729; // 2^27 + 1 (Dekker)
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const v = s - a;
  return [s, a - (s - v) + (b - v)];
}

function fastTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProduct(a: number, b: number): DD {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [s1, e1] = fastTwoSum(s, e + t);
  return fastTwoSum(s1, e1 + f);
}

function multiply(a: DD, b: DD): DD {
  const [p, e] = twoProduct(a[0], b[0]);
  return fastTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function scale(a: DD, b: number): DD {
  const [p, e] = twoProduct(a[0], b);
  return fastTwoSum(p, e + a[1] * b);
}

function divide(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = add(a, scale(b, -q1));
  const q2 = r[0] / b[0];
  r = add(r, scale(b, -q2));
  const q3 = r[0] / b[0];
  return add(fastTwoSum(q1, q2), [q3, 0]);
}

/** 1/n for the series below. */
const INVERSES: readonly DD[] = Array.from({ length: 80 }, (_, n) => (n === 0 ? [0, 0] : divide([1, 0], [n, 0])));

/** ln(x / centre) = 2 atanh((x - centre) / (x + centre)), for x within a few percent of centre. */
function logNear(x: number, centre: number): DD {
  const t = divide(twoSum(x, -centre), twoSum(x, centre));
  const t2 = multiply(t, t);
  let term = t;
  let sum = t;
  for (let n = 3; Math.abs(term[0]) > 1e-40 * Math.abs(sum[0]) && n < INVERSES.length; n += 2) {
    term = multiply(term, t2);
    sum = add(sum, multiply(term, INVERSES[n]!));
  }
  return [2 * sum[0], 2 * sum[1]];
}

/** ln(1 + j/64), j = 0..64: reduction centres. */
const CENTRES: readonly DD[] = Array.from({ length: 65 }, (_, j) => {
  const c = 1 + j / 64;
  return c < Math.SQRT2 ? logNear(c, 1) : add(LN2, logNear(c, 2));
});

/** ln(x) as a double-double, x positive and finite. */
function logDD(x: number): DD {
  let k = Math.floor(Math.log2(x));
  let m = x * 2 ** -Math.trunc(k / 2) * 2 ** -(k - Math.trunc(k / 2));
  // log2 can be off by one near powers of two: bring m into [1, 2).
  if (m >= 2) {
    m /= 2;
    k += 1;
  } else if (m < 1) {
    m *= 2;
    k -= 1;
  }
  const j = Math.round((m - 1) * 64);
  return add(add(scale(LN2, k), CENTRES[j]!), logNear(m, 1 + j / 64));
}

/** exp of a double-double argument, rounded once to a double. */
function expDD(x: DD): number {
  if (x[0] > 709.8) return Infinity;
  if (x[0] < -745.2) return 0;
  const k = Math.round(x[0] / LN2[0]);
  const r = add(x, scale(LN2, -k));
  // exp(r) = (exp(r / 2^10))^(2^10), carried as expm1 so that no digits are lost near 1.
  const small: DD = [r[0] / 1024, r[1] / 1024];
  let term: DD = small;
  let expm1: DD = small;
  for (let n = 2; Math.abs(term[0]) > 1e-40 && n < INVERSES.length; n++) {
    term = multiply(multiply(term, small), INVERSES[n]!);
    expm1 = add(expm1, term);
  }
  for (let i = 0; i < 10; i++) expm1 = multiply(expm1, add(expm1, [2, 0]));
  const [hi, lo] = add([1, 0], expm1);
  const half = Math.trunc(k / 2);
  // Scale in two steps so that neither power of two overflows; the final product rounds once
  // (subnormal results aside).
  return (hi + lo) * 2 ** half * 2 ** (k - half);
}

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
