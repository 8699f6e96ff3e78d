/**
 * Natural log and exp in double-double arithmetic (about 100 bits), for results rounded once to a double:
 * correctly rounded but for inputs within a hair of a rounding midpoint. `pow.ts` (Python's `**`) and
 * `sweep/numpy-math.ts` (C's `log`/`exp` under numpy) build on it.
 *
 * The two callers settled on different argument reductions and series cutoffs; both are accurate well
 * past 53 bits, but on the hardest near-midpoint inputs two evaluations can round apart, so each caller
 * keeps its own settings and its results stay exactly what they were.
 *
 * The arithmetic allocates nothing: each operation takes its operands as numbers and leaves its result in
 * the two-element register `R` (a pair per operation made `pow` a garbage-collection hot spot in
 * scaling and sweeps). Operands keep the order of the textbook formulas, since float addition is not
 * associative and the results must not move a bit.
 */

/** A double-double: the unevaluated sum `hi + lo`, `|lo| <= ulp(hi) / 2`. */
export type DD = readonly [number, number];

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;

/** The result registers: the high and low part of the last operation's result. */
const R = new Float64Array(2);

function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  R[0] = s;
  R[1] = a - (s - bb) + (b - bb);
}

function quickTwoSum(a: number, b: number): void {
  const s = a + b;
  R[0] = s;
  R[1] = b - (s - a);
}

function twoProd(a: number, b: number): void {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  R[0] = p;
  R[1] = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** (ah + al) + (bh + bl). */
function add(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const s = R[0]!;
  const e = R[1]!;
  twoSum(al, bl);
  const t = R[0]!;
  const f = R[1]!;
  quickTwoSum(s, e + t);
  quickTwoSum(R[0]!, R[1]! + f);
}

/** (ah + al) * (bh + bl). */
function mul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  quickTwoSum(R[0]!, R[1]! + (ah * bl + al * bh));
}

/** (ah + al) * b. */
function mulByNumber(ah: number, al: number, b: number): void {
  twoProd(ah, b);
  quickTwoSum(R[0]!, R[1]! + al * b);
}

/** (ah + al) / (bh + bl). */
function div(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  mulByNumber(bh, bl, -q1);
  add(ah, al, R[0]!, R[1]!);
  const rh = R[0]!;
  const rl = R[1]!;
  const q2 = rh / bh;
  mulByNumber(bh, bl, -q2);
  add(rh, rl, R[0]!, R[1]!);
  const q3 = R[0]! / bh;
  quickTwoSum(q1, q2);
  add(R[0]!, R[1]!, q3, 0);
}

/** `a * b` for a double-double `a` and a double `b`. */
export function mulNumber(a: DD, b: number): DD {
  mulByNumber(a[0], a[1], b);
  return [R[0]!, R[1]!];
}

/**
 * 1/n as double-doubles, for the series below (a multiply is cheaper than a divide). The longest series,
 * ln of the reduction centres farthest from 1 or 2, stops by n = 53.
 */
const RECIPROCALS = 80;
const RECIPROCAL_HI = new Float64Array(RECIPROCALS);
const RECIPROCAL_LO = new Float64Array(RECIPROCALS);
for (let n = 1; n < RECIPROCALS; n++) {
  div(1, 0, n, 0);
  RECIPROCAL_HI[n] = R[0]!;
  RECIPROCAL_LO[n] = R[1]!;
}

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

  /** ln(x / centre) = 2 atanh((x - centre) / (x + centre)), for x within a few percent of centre; into R. */
  function logNear(x: number, centre: number): void {
    twoSum(x, centre);
    div(x - centre, 0, R[0]!, R[1]!); // x - centre is exact (Sterbenz)
    const th = R[0]!;
    const tl = R[1]!;
    mul(th, tl, th, tl);
    const t2h = R[0]!;
    const t2l = R[1]!;
    let termH = th;
    let termL = tl;
    let sumH = th;
    let sumL = tl;
    for (let n = 3; Math.abs(termH) > absolute + relative * Math.abs(sumH) && n < RECIPROCALS; n += 2) {
      mul(termH, termL, t2h, t2l);
      termH = R[0]!;
      termL = R[1]!;
      mul(termH, termL, RECIPROCAL_HI[n]!, RECIPROCAL_LO[n]!);
      add(sumH, sumL, R[0]!, R[1]!);
      sumH = R[0]!;
      sumL = R[1]!;
    }
    R[0] = 2 * sumH; // doubling is exact
    R[1] = 2 * sumL;
  }

  /** ln(1 + j/centreSteps) for j = 0..centreSteps: centres that leave the series above only a few terms. */
  const centreHi = new Float64Array(centreSteps + 1);
  const centreLo = new Float64Array(centreSteps + 1);
  for (let j = 0; j <= centreSteps; j++) {
    // From the slow path: centre 1, or 2 and then add ln 2; both ratios stay within sqrt(2).
    const c = 1 + j / centreSteps;
    if (c < Math.SQRT2) logNear(c, 1);
    else {
      logNear(c, 2);
      add(LN2_HI, LN2_LO, R[0]!, R[1]!);
    }
    centreHi[j] = R[0]!;
    centreLo[j] = R[1]!;
  }

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
    mulByNumber(LN2_HI, LN2_LO, k);
    add(R[0]!, R[1]!, centreHi[j]!, centreLo[j]!);
    const bh = R[0]!;
    const bl = R[1]!;
    logNear(m, 1 + j / centreSteps);
    add(bh, bl, R[0]!, R[1]!);
    return [R[0]!, R[1]!];
  }

  function exp(x: DD): number {
    const xh = x[0];
    const xl = x[1];
    if (xh > 709.8) return Infinity;
    if (xh < -745.2) return 0;
    const k = Math.round(xh / LN2_HI);
    // r = x - k ln 2, then exp(r) = (exp(r / 2^10))^(2^10), carried as expm1 to keep the digits near 1.
    mulByNumber(LN2_HI, LN2_LO, -k);
    add(xh, xl, R[0]!, R[1]!);
    const smallH = R[0]! / 1024;
    const smallL = R[1]! / 1024;
    let termH = smallH;
    let termL = smallL;
    let expm1H = smallH;
    let expm1L = smallL;
    for (let n = 2; Math.abs(termH) > expCutoff && n < RECIPROCALS; n++) {
      mul(termH, termL, smallH, smallL);
      mul(R[0]!, R[1]!, RECIPROCAL_HI[n]!, RECIPROCAL_LO[n]!);
      termH = R[0]!;
      termL = R[1]!;
      add(expm1H, expm1L, termH, termL);
      expm1H = R[0]!;
      expm1L = R[1]!;
    }
    for (let i = 0; i < 10; i++) {
      add(expm1H, expm1L, 2, 0);
      mul(expm1H, expm1L, R[0]!, R[1]!);
      expm1H = R[0]!;
      expm1L = R[1]!;
    }
    add(1, 0, expm1H, expm1L);
    // 2^k in two steps so that neither factor overflows on its own; the product rounds once (subnormal
    // results aside).
    const half = Math.trunc(k / 2);
    return (R[0]! + R[1]!) * 2 ** half * 2 ** (k - half);
  }

  return { log, exp };
}
