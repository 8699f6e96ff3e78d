/**
 * pycls's `scale_model()` (`models/scaler.py`) on a config, as `sample_cfgs` applies it to every AnyNet,
 * RegNet and EfficientNet sample: the scaling factors of `MODEL.SCALING_TYPE` and `MODEL.SCALING_FACTOR`,
 * a RegNet turned into its AnyNet form first, depths, widths and group widths rounded as pycls rounds
 * them, `adjust_block_compatibility`, and the image sizes. Even the identity scaling (pycls's defaults)
 * rounds widths to multiples of 8: this is the "standardised" form every kept config is written in.
 */
import { lcm, pow, roundHalfEven } from './core.js';
import { SweepError } from './errors.js';
import { type PyConfigNode, type PyValue, pyRepr } from './python.js';
import { generateRegNetNumpy } from './regnet.js';

/** Multipliers of depth, width, group width and resolution. */
export interface PyclsScalingFactors {
  readonly d: number;
  readonly w: number;
  readonly g: number;
  readonly r: number;
}

/** Python's `float(text)` on a strategy weight: decimal or scientific, `inf`, `nan`, underscores, spaces. */
function pythonFloat(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^[-+]?(inf(inity)?|nan)$/i.test(trimmed)) {
    const negative = trimmed.startsWith('-');
    const magnitude = /nan/i.test(trimmed) ? NaN : Infinity;
    return negative ? -magnitude : magnitude;
  }
  if (!/^[-+]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][-+]?\d(_?\d)*)?$/.test(trimmed)) return undefined;
  return Number(trimmed.replace(/_/g, ''));
}

/** Python's `base ** exponent` for floats, or undefined where Python raises or returns a complex. */
function pythonPow(base: number, exponent: number): number | undefined {
  if (exponent === 0) return 1;
  if (base === 1) return 1;
  if (Number.isNaN(base) || Number.isNaN(exponent)) return NaN;
  if (base === 0) return exponent < 0 ? undefined : 0;
  if (base < 0) return Number.isInteger(exponent) ? base ** exponent : undefined;
  if (!Number.isFinite(base) || !Number.isFinite(exponent)) return base ** exponent;
  return pow(base, exponent);
}

/**
 * pycls's `scaling_factors(scale_type, scale_factor)`: bare letters (`''`, `dw`) weigh 1 each, or
 * `letter weight` parts joined by `_` (`d1_w8_g8_r1`); `d = s^(wd/sum)`, `w = s^(ww/sum/2)`, ...
 *
 * @throws {@link SweepError} at `path` where pycls fails: a malformed type, or factors whose product
 * strays more than 1% from the scale factor
 */
export function pyclsScalingFactors(scaleType: string, scaleFactor: number, path: string): PyclsScalingFactors {
  const weights: Record<string, number> = { d: 0, w: 0, g: 0, r: 0 };
  if ([...scaleType].every((ch) => 'dwgr'.includes(ch))) {
    for (const ch of 'dwgr') weights[ch] = scaleType.includes(ch) ? 1 : 0;
  } else {
    for (const part of scaleType.split('_')) {
      const letter = part[0];
      const weight = pythonFloat(part.slice(1));
      if (letter === undefined || weight === undefined || !'dwgr'.includes(letter)) {
        throw new SweepError(path, `${pyRepr(scaleType)} is not a pycls scaling type ('${part}' is not one of d, w, g, r followed by a number)`);
      }
      weights[letter] = weight;
    }
  }
  const sum = weights.d! + weights.w! + weights.r! || weights.g! / 2 || 1;
  const power = (exponent: number): number => {
    const value = pythonPow(scaleFactor, exponent);
    if (value === undefined) throw new SweepError(path, `${scaleFactor} ** ${exponent} is not a real number in Python`);
    return value;
  };
  const d = power(weights.d! / sum);
  const w = power(weights.w! / sum / 2);
  const g = power(weights.g! / sum / 2);
  const r = power(weights.r! / sum / 2);
  const actual = d * w * w * r * r;
  const close = Math.abs(actual - scaleFactor) <= 0.01 * Math.max(Math.abs(actual), Math.abs(scaleFactor));
  if (!(d === 1 && w === 1 && r === 1) && !close) {
    throw new SweepError(path, `${pyRepr(scaleType)} at ${scaleFactor} gives factors whose product ${actual} is not within 1% of ${scaleFactor}`);
  }
  return { d, w, g, r };
}

/** Python's `round(x)` to an int, or a SweepError where Python raises (NaN, infinities). */
function round(x: number, path: string): number {
  if (!Number.isFinite(x)) throw new SweepError(path, `round(${x}) fails in Python`);
  return roundHalfEven(x);
}

/** Per-stage widths, bottleneck multipliers and group widths (pycls's ws, bs, gs). */
export interface StageShapes {
  readonly widths: readonly number[];
  readonly bottleneckMultipliers: readonly number[];
  readonly groupWidths: readonly number[];
}

/**
 * pycls's `adjust_block_compatibility(ws, bs, gs)` on numbers.
 *
 * @throws {@link SweepError} at `path` where pycls's assertions fail
 */
export function adjustCompatibility(shapes: StageShapes, path: string): StageShapes {
  const { widths: ws, bottleneckMultipliers: bs, groupWidths: gs } = shapes;
  if (ws.length !== bs.length || ws.length !== gs.length) {
    throw new SweepError(path, `${ws.length} widths, ${bs.length} bottleneck multipliers and ${gs.length} group widths differ in number`);
  }
  const widths: number[] = [];
  const groupWidths: number[] = [];
  for (let i = 0; i < ws.length; i++) {
    const [w, b, g] = [ws[i]!, bs[i]!, gs[i]!];
    if (!(w > 0 && b > 0 && g > 0)) throw new SweepError(path, `stage ${i}: width ${w}, bottleneck multiplier ${b} and group width ${g} must be > 0`);
    if (!(b < 1 || b % 1 === 0)) throw new SweepError(path, `stage ${i}: bottleneck multiplier ${b} is neither below 1 nor an integer`);
    let v = Math.trunc(Math.max(1, w * b));
    const group = Math.trunc(Math.min(g, v));
    const m = b > 1 ? lcm(group, Math.trunc(b)) : group;
    v = Math.max(m, Math.trunc(roundHalfEven(v / m) * m));
    const width = Math.trunc(v / b);
    if ((width * b) % group !== 0) throw new SweepError(path, `stage ${i}: width ${width} x ${b} is not a multiple of group width ${group}`);
    widths.push(width);
    groupWidths.push(group);
  }
  return { widths, bottleneckMultipliers: bs, groupWidths };
}

/** A RegNet's AnyNet stages, as `regnet_cfg_to_anynet_cfg` derives them (before any scaling). */
export interface RegNetStages extends StageShapes {
  readonly depths: readonly number[];
}

/** `generate_regnet_full()`: stages of a RegNet, made block-compatible. */
export function regNetStages(wa: number, w0: number, wm: number, depth: number, botMul: number, groupW: number, path: string): RegNetStages {
  const { widths, depths } = generateRegNetNumpy(wa, w0, wm, depth, 8, path);
  const shapes = adjustCompatibility(
    { widths, bottleneckMultipliers: widths.map(() => botMul), groupWidths: widths.map(() => groupW) },
    path,
  );
  return { ...shapes, depths };
}

/** AnyNet stages after pycls's scaling by `factors` (bs empty: ones). */
export function scaleStages(
  depths: readonly number[],
  shapes: StageShapes,
  factors: PyclsScalingFactors,
  path: string,
): StageShapes & { readonly depths: readonly number[] } {
  const scaledDepths = depths.map((d) => Math.max(1, round(d * factors.d, path)));
  const widths = shapes.widths.map((w) => Math.max(1, round((w * factors.w) / 8, path)) * 8);
  const groupWidths = shapes.groupWidths
    .map((g) => Math.max(1, round(g * factors.g, path)))
    .map((g) => (g <= 2 ? g : g <= 5 ? 4 : roundHalfEven(g / 8) * 8));
  const compatible = adjustCompatibility({ widths, bottleneckMultipliers: shapes.bottleneckMultipliers, groupWidths }, path);
  return { ...compatible, depths: scaledDepths };
}

/** `round(size * r / 4) * 4`: a scaled image size. */
export function scaleImageSize(size: number, r: number, path: string): number {
  return round((size * r) / 4, path) * 4;
}

// ---- On configs ----------------------------------------------------------------------------------

/** A number out of a config value that pycls uses in arithmetic (int or float; a bool counts as 0/1). */
export function numberAt(value: PyValue | undefined, path: string): number {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) throw new SweepError(path, `${value} is beyond the safe integer range`);
    return Number(value);
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new SweepError(path, `${pyRepr(value ?? null)} is not a number`);
}

function numbersAt(value: PyValue | undefined, path: string): number[] {
  if (!Array.isArray(value)) throw new SweepError(path, `${pyRepr(value ?? null)} is not a list`);
  return (value as readonly PyValue[]).map((v, i) => numberAt(v, `${path}[${i}]`));
}

const int = (n: number): bigint => BigInt(n);

/**
 * pycls's `scale_model()` on a config whose `MODEL.TYPE` is anynet, regnet or effnet: a new config in
 * pycls's standardised form (a RegNet comes back as `MODEL.TYPE: anynet` with its `ANYNET` section
 * filled, the `REGNET` section left as it was).
 *
 * @throws {@link SweepError} at `path` where pycls fails
 */
export function scaleModelConfig(config: PyConfigNode, path: string): PyConfigNode {
  const model = config.MODEL as PyConfigNode;
  const scaleType = model.SCALING_TYPE;
  if (typeof scaleType !== 'string') throw new SweepError(path, `MODEL.SCALING_TYPE ${pyRepr(scaleType ?? null)} is not a string`);
  const factors = pyclsScalingFactors(scaleType, numberAt(model.SCALING_FACTOR, `${path}: MODEL.SCALING_FACTOR`), path);
  let out = config;
  if (model.TYPE === 'regnet') out = regNetToAnyNet(out, path);
  const type = (out.MODEL as PyConfigNode).TYPE;
  if (type === 'anynet') {
    const an = out.ANYNET as PyConfigNode;
    const depths = numbersAt(an.DEPTHS, `${path}: ANYNET.DEPTHS`);
    const botMulValues: readonly PyValue[] = Array.isArray(an.BOT_MULS) && an.BOT_MULS.length > 0 ? an.BOT_MULS : depths.map(() => 1n);
    const groupWidths = Array.isArray(an.GROUP_WS) && an.GROUP_WS.length > 0 ? numbersAt(an.GROUP_WS, `${path}: ANYNET.GROUP_WS`) : depths.map(() => 1);
    const shapes = {
      widths: numbersAt(an.WIDTHS, `${path}: ANYNET.WIDTHS`),
      bottleneckMultipliers: botMulValues.map((b, i) => numberAt(b, `${path}: ANYNET.BOT_MULS[${i}]`)),
      groupWidths,
    };
    const scaled = scaleStages(depths, shapes, factors, path);
    out = {
      ...out,
      ANYNET: Object.freeze({
        ...an,
        DEPTHS: scaled.depths.map(int),
        WIDTHS: scaled.widths.map(int),
        BOT_MULS: botMulValues,
        GROUP_WS: scaled.groupWidths.map(int),
      }),
    };
  } else if (type === 'effnet') {
    const en = out.EN as PyConfigNode;
    const depths = numbersAt(en.DEPTHS, `${path}: EN.DEPTHS`);
    const expansion: readonly PyValue[] = Array.isArray(en.EXP_RATIOS) ? en.EXP_RATIOS : [];
    const widths = numbersAt(en.WIDTHS, `${path}: EN.WIDTHS`).map((w) => Math.max(1, round((w * factors.w) / 8, path)) * 8);
    const stem = Math.max(1, round((numberAt(en.STEM_W, `${path}: EN.STEM_W`) * factors.w) / 8, path)) * 8;
    const head = Math.max(1, round((numberAt(en.HEAD_W, `${path}: EN.HEAD_W`) * factors.w) / 8, path)) * 8;
    const compatible = adjustCompatibility(
      {
        widths,
        bottleneckMultipliers: expansion.map((b, i) => numberAt(b, `${path}: EN.EXP_RATIOS[${i}]`)),
        groupWidths: depths.map(() => 1),
      },
      path,
    );
    out = {
      ...out,
      EN: Object.freeze({
        ...en,
        DEPTHS: depths.map((d) => int(Math.max(1, round(d * factors.d, path)))),
        WIDTHS: compatible.widths.map(int),
        EXP_RATIOS: expansion,
        STEM_W: int(stem),
        HEAD_W: int(head),
      }),
    };
  }
  const train = out.TRAIN as PyConfigNode;
  const test = out.TEST as PyConfigNode;
  return Object.freeze({
    ...out,
    TRAIN: Object.freeze({ ...train, IM_SIZE: int(scaleImageSize(numberAt(train.IM_SIZE, `${path}: TRAIN.IM_SIZE`), factors.r, path)) }),
    TEST: Object.freeze({ ...test, IM_SIZE: int(scaleImageSize(numberAt(test.IM_SIZE, `${path}: TEST.IM_SIZE`), factors.r, path)) }),
  });
}

/** pycls's `regnet_cfg_to_anynet_cfg()`. */
function regNetToAnyNet(config: PyConfigNode, path: string): PyConfigNode {
  const rn = config.REGNET as PyConfigNode;
  const stages = regNetStages(
    numberAt(rn.WA, `${path}: REGNET.WA`),
    numberAt(rn.W0, `${path}: REGNET.W0`),
    numberAt(rn.WM, `${path}: REGNET.WM`),
    numberAt(rn.DEPTH, `${path}: REGNET.DEPTH`),
    numberAt(rn.BOT_MUL, `${path}: REGNET.BOT_MUL`),
    numberAt(rn.GROUP_W, `${path}: REGNET.GROUP_W`),
    path,
  );
  return Object.freeze({
    ...config,
    MODEL: Object.freeze({ ...(config.MODEL as PyConfigNode), TYPE: 'anynet' }),
    ANYNET: Object.freeze({
      ...(config.ANYNET as PyConfigNode),
      STEM_TYPE: rn.STEM_TYPE!,
      STEM_W: rn.STEM_W!,
      BLOCK_TYPE: rn.BLOCK_TYPE!,
      DEPTHS: stages.depths.map(int),
      WIDTHS: stages.widths.map(int),
      STRIDES: stages.widths.map(() => rn.STRIDE!),
      BOT_MULS: stages.widths.map(() => rn.BOT_MUL!),
      GROUP_WS: stages.groupWidths.map(int),
      HEAD_W: rn.HEAD_W!,
      SE_ON: rn.SE_ON!,
      SE_R: rn.SE_R!,
    }),
  });
}
