/**
 * numpy's `np.exp` and `np.log` on float64 as numpy 1.24 computes them on an AVX-512 (SKX) machine: with
 * Intel's SVML routines `__svml_exp8` and `__svml_log8` (the "la" variants numpy ships, up to a few ulp
 * from exact). Their arithmetic is followed step by step, with each fused multiply-add rounded once.
 * pycls's samplers draw `np.exp` of a uniform number and round it to a quantum, and `generate_regnet`
 * rounds `np.log` quotients: where the result sits within a few ulp of a rounding step, only numpy's own
 * last bits give numpy's decision.
 *
 * `__svml_log8` starts from the processor's 14-bit reciprocal estimate (`vrcp14pd`) rounded to 1/32: that
 * step is reproduced by the 16 mantissas where it changes, measured on the machine class the reference
 * outputs come from (scripts/rcp14-thresholds.c checks them on 65 million mantissas; they differ from
 * rounding the exact reciprocal for about 3 mantissas in 10,000). Inputs beyond the main path
 * (non-finite, non-positive for log, |x| >= 707 for exp) fall back to the correctly rounded functions.
 */
import { correctlyRoundedExp, correctlyRoundedLog } from './numpy-math.js';

const view = new DataView(new ArrayBuffer(8));

/** A finite double as mantissa * 2^exponent (mantissa an integer). */
function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return [negative ? -mantissa : mantissa, exponent];
}

/** The double nearest to n * 2^e (ties to even), for integer n. */
function toDouble(n: bigint, e: number): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  let m = negative ? -n : n;
  const length = m.toString(2).length;
  // Keep 53 significant bits (fewer below the normal range).
  let shift = Math.max(length - 53, -1074 - e);
  if (shift > 0) {
    const half = 1n << BigInt(shift - 1);
    const rest = m & ((1n << BigInt(shift)) - 1n);
    m >>= BigInt(shift);
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
    e += shift;
  } else {
    shift = 0;
  }
  const value = Number(m) * 2 ** Math.trunc(e / 2) * 2 ** (e - Math.trunc(e / 2));
  return negative ? -value : value;
}

/** `fma(a, b, c)`: a * b + c rounded once, to nearest (finite arguments). */
export function fma(a: number, b: number, c: number): number {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const sum = (ma * mb << BigInt(ep - e)) + (mc << BigInt(ec - e));
  if (sum === 0n) return Object.is(a * b + c, -0) ? -0 : 0;
  return toDouble(sum, e);
}

/** floor(16 * a * b) for finite doubles, exactly. */
function floorSixteenths(a: number, b: number): number {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const product = ma * mb;
  const e = ea + eb + 4;
  if (e >= 0) return Number(product << BigInt(e));
  // Arithmetic shift right is floor division by 2^-e.
  return Number(product >> BigInt(-e));
}

// __svml_dexp_data_internal_avx512: 2^(j/16), j = 0..15, and the polynomial.
const EXP_TABLE = [
  1.0, 1.0442737824274138, 1.0905077326652577, 1.1387886347566916, 1.189207115002721, 1.241857812073484, 1.2968395546510096,
  1.3542555469368927, 1.4142135623730951, 1.4768261459394993, 1.5422108254079407, 1.6104903319492543, 1.681792830507429,
  1.7562521603732995, 1.8340080864093424, 1.9152065613971474,
];
const LOG2E = 1.4426950408889634;
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const EXP_C6 = 0.0014149452874381984;
const EXP_C5 = 0.008332058899382488;
const EXP_C4 = 0.041666695348322125;
const EXP_C3 = 0.16666666637508337;
const EXP_C2 = 0.5000000000010838;
const EXP_LIMIT = 707.7032713517042;

/** numpy's `np.exp(x)` for float64 on AVX-512: SVML's `__svml_exp8`. */
export function svmlExp(x: number): number {
  if (!(Math.abs(x) < EXP_LIMIT)) return correctlyRoundedExp(x);
  // N = x * log2(e) rounded down to sixteenths (the FMA into 1.5 * 2^48 in round-to-zero mode).
  const sixteenths = floorSixteenths(x, LOG2E);
  const n = sixteenths / 16;
  const j = ((sixteenths % 16) + 16) % 16;
  const table = EXP_TABLE[j]!;
  // r = x - N ln2, in two FMAs.
  const r = fma(-n, LN2_LO, fma(-n, LN2_HI, x));
  const r2 = r * r;
  const p56 = fma(EXP_C6, r, EXP_C5);
  const p34 = fma(EXP_C4, r, EXP_C3);
  const r3 = r2 * r;
  const p12 = fma(r2, EXP_C2, r);
  const p36 = fma(r2, p56, p34);
  const p16 = fma(r3, p36, p12);
  const scaled = fma(table, p16, table);
  // vscalefpd: * 2^floor(N), exact in the normal range.
  const m = Math.floor(n);
  return scaled * 2 ** Math.trunc(m / 2) * 2 ** (m - Math.trunc(m / 2));
}

// __svml_dlog_data_internal_avx512: -log(D) (minus ln 2 below 0.75) for D = k/32, and the polynomial.
const LOG_TABLE = [
  0.0, -0.06062462181643484, -0.11778303565638346, -0.17185025692665923, -0.22314355131420976, -0.27193371548364176,
  -0.3184537311185346, -0.3629054936893685, 0.2876820724517809, 0.24686007793152578, 0.2076393647782445, 0.16989903679539747,
  0.13353139262452263, 0.09844007281325252, 0.06453852113757118, 0.0317486983145803,
];
const LOG_C9 = 0.11135561406034511;
const LOG_C8 = -0.125220000081181;
const LOG_C7 = 0.14285690939597326;
const LOG_C6 = -0.16666650546695666;
const LOG_C5 = 0.20000000009280938;
const LOG_C4 = -0.2500000000437373;
const LOG_C3 = 0.33333333333332005;
const LOG_C2 = -0.4999999999999968;
const LN2 = 0.6931471805599453;

/** numpy's `np.log(x)` for float64 on AVX-512: SVML's `__svml_log8` (see the module note on vrcp14pd). */
export function svmlLog(x: number): number {
  if (!(x > 0) || x === Infinity) return correctlyRoundedLog(x);
  // getexp/getmant: x = m * 2^E with m in [1, 2) (subnormals normalised).
  let exponent = Math.floor(Math.log2(x));
  let m = x / 2 ** exponent;
  if (!Number.isFinite(m) || m >= 2 || m < 1) {
    const [mantissa, e] = decompose(x);
    const bits = mantissa.toString(2).length;
    exponent = e + bits - 1;
    m = toDouble(mantissa, -(bits - 1));
  }
  // D ~ 1/m rounded to 1/32, as the hardware's estimate rounds.
  const d = reciprocalTo32(m);
  const r = fma(d, m, -1);
  const p14 = fma(LOG_C7, r, LOG_C6);
  const p1 = fma(LOG_C9, r, LOG_C8);
  const p15 = fma(LOG_C3, r, LOG_C2);
  const r2 = r * r;
  const p11 = fma(LOG_C5, r, LOG_C4);
  const index = d === 1 ? 0 : Math.round(d * 32) - 16;
  const e = d < 0.75 ? exponent + 1 : exponent;
  const r4 = r2 * r2;
  const q1 = fma(r2, p1, p14);
  const q11 = fma(r2, p11, p15);
  const q = fma(r4, q1, q11);
  const polynomial = fma(r2, q, r);
  return fma(LN2, e, LOG_TABLE[index]! + polynomial);
}

/**
 * `vrndscalepd(vrcp14pd(m), 0x58)` for m in [1, 2): D = j/32 from m >= RECIPROCAL_STEPS[j - 16] on, else
 * 1 (scripts/rcp14-thresholds.c).
 */
const RECIPROCAL_STEPS = [
  1.939453125, 1.82855224609375, 1.729736328125, 1.641021728515625, 1.56097412109375, 1.4883880615234375, 1.4221954345703125,
  1.3617095947265625, 1.3061370849609375, 1.2549285888671875, 1.2075653076171875, 1.163665771484375, 1.122802734375,
  1.08477783203125, 1.0491790771484375, 1.0158538818359375,
];

function reciprocalTo32(m: number): number {
  for (let j = 0; j < RECIPROCAL_STEPS.length; j++) if (m >= RECIPROCAL_STEPS[j]!) return (16 + j) / 32;
  return 1;
}
