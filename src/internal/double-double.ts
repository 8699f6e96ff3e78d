/**
 * Natural log and exp in double-double arithmetic (about 100 bits), for results rounded once to a double:
 * correctly rounded but for inputs within a hair of a rounding midpoint. `pow.ts` (Python's `**`) and
 * `sweep/numpy-math.ts` (C's `log`/`exp` under numpy) build on it.
 *
 * The two callers settled on different argument reductions and series cutoffs; both are accurate well
 * past 53 bits, but on the hardest near-midpoint inputs two evaluations can round apart, so each caller
 * keeps its own settings and its results stay exactly what they were.
 */

/** A double-double: the unevaluated sum `hi + lo`, `|lo| <= ulp(hi) / 2`. */
export type DD = readonly [number, number];

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

/** `a * b` for a double-double `a` and a double `b`. */
export function mulNumber(a: DD, b: number): DD {
  const [p, e] = twoProd(a[0], b);
  return quickTwoSum(p, e + a[1] * b);
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = add(a, mulNumber(b, -q1));
  const q2 = r[0] / b[0];
  r = add(r, mulNumber(b, -q2));
  const q3 = r[0] / b[0];
  return add(quickTwoSum(q1, q2), [q3, 0]);
}

/**
 * 1/n as double-doubles, for the series below (a multiply is cheaper than a divide). The longest series,
 * ln of the reduction centres farthest from 1 or 2, stops by n = 53.
 */
const RECIPROCALS: readonly DD[] = Array.from({ length: 80 }, (_, n) => (n === 0 ? [0, 0] : div([1, 0], [n, 0])));

/** How one caller evaluates: see the module comment for why there is more than one. */
export interface DoubleDoubleSettings {
  /** ln reduces its argument to the nearest centre `1 + j / centreSteps` (j = 0 to centreSteps). */
  readonly centreSteps: number;
  /** The ln series stops after a term below `absolute + relative * |sum so far|`. */
  readonly logCutoff: { readonly absolute: number; readonly relative: number };
  /** The exp series stops after a term below this. */
  readonly expCutoff: number;
}

/** ln and exp evaluated under one set of {@link DoubleDoubleSettings}. */
export interface DoubleDoubleLogExp {
  /** Natural log of a positive finite double. */
  readonly log: (x: number) => DD;
  /** exp of a double-double, rounded once: `Infinity` above ln(MAX_VALUE), 0 far below the subnormals. */
  readonly exp: (x: DD) => number;
}

/** ln and exp in double-double arithmetic with the given reduction and cutoffs. */
export function doubleDoubleLogExp(settings: DoubleDoubleSettings): DoubleDoubleLogExp {
  const { centreSteps, expCutoff } = settings;
  const { absolute, relative } = settings.logCutoff;

  /** ln(x / centre) = 2 atanh((x - centre) / (x + centre)), for x within a few percent of centre. */
  function logNear(x: number, centre: number): DD {
    const t = div([x - centre, 0], twoSum(x, centre)); // x - centre is exact (Sterbenz)
    const t2 = mul(t, t);
    let term = t;
    let sum = t;
    for (let n = 3; Math.abs(term[0]) > absolute + relative * Math.abs(sum[0]) && n < RECIPROCALS.length; n += 2) {
      term = mul(term, t2);
      sum = add(sum, mul(term, RECIPROCALS[n]!));
    }
    return [2 * sum[0], 2 * sum[1]]; // doubling is exact
  }

  /** ln(1 + j/centreSteps) for j = 0..centreSteps: centres that leave the series above only a few terms. */
  const centreLogs: readonly DD[] = Array.from({ length: centreSteps + 1 }, (_, j) => {
    // From the slow path: centre 1, or 2 and then add ln 2; both ratios stay within sqrt(2).
    const c = 1 + j / centreSteps;
    return c < Math.SQRT2 ? logNear(c, 1) : add(LN2, logNear(c, 2));
  });

  function log(x: number): DD {
    // x = m * 2^k with m in [1, 2); ln x = k ln 2 + ln c + ln(m / c) with c the nearest centre.
    let k = Math.floor(Math.log2(x));
    const half = Math.trunc(k / 2);
    let m = x * 2 ** -half * 2 ** -(k - half); // two steps: 2^-k alone overflows for subnormal x
    // log2 can be off by one near powers of two: bring m into [1, 2).
    if (m >= 2) {
      m /= 2;
      k += 1;
    } else if (m < 1) {
      m *= 2;
      k -= 1;
    }
    const j = Math.round((m - 1) * centreSteps);
    return add(add(mulNumber(LN2, k), centreLogs[j]!), logNear(m, 1 + j / centreSteps));
  }

  function exp(x: DD): number {
    if (x[0] > 709.8) return Infinity;
    if (x[0] < -745.2) return 0;
    const k = Math.round(x[0] / LN2[0]);
    // r = x - k ln 2, then exp(r) = (exp(r / 2^10))^(2^10), carried as expm1 to keep the digits near 1.
    const r = add(x, mulNumber(LN2, -k));
    const small: DD = [r[0] / 1024, r[1] / 1024];
    let term: DD = small;
    let expm1: DD = small;
    for (let n = 2; Math.abs(term[0]) > expCutoff && n < RECIPROCALS.length; n++) {
      term = mul(mul(term, small), RECIPROCALS[n]!);
      expm1 = add(expm1, term);
    }
    for (let i = 0; i < 10; i++) expm1 = mul(expm1, add(expm1, [2, 0]));
    const [hi, lo] = add([1, 0], expm1);
    // 2^k in two steps so that neither factor overflows on its own; the product rounds once (subnormal
    // results aside).
    const half = Math.trunc(k / 2);
    return (hi + lo) * 2 ** half * 2 ** (k - half);
  }

  return { log, exp };
}
