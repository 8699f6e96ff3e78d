/**
 * Judging a RegNet sample from its six numbers, as fast as the arithmetic allows: pycls's
 * `generate_regnet`, its stage constraint, `adjust_block_compatibility`, `scale_model` and
 * `AnyNet.complexity`, in one pass over preallocated arrays (no config tree, no spec object). It must
 * agree with the general path (a config tree through `scaleModelConfig` and `countComplexity`) on every
 * sample: the tests check that on random samples.
 */
import { lcm, roundHalfEven, type BlockType, type Complexity, type StemType } from './core.js';
import { generateRegNetInto } from './regnet.js';
import type { PyclsScalingFactors } from './scale.js';

/** The base config's constants a RegNet sample is judged with. */
export interface RegNetJudgeSettings {
  readonly stemType: StemType;
  readonly stemWidth: number;
  readonly blockType: BlockType;
  /** `SE_R` when `SE_ON`, else 0. */
  readonly seRatio: number;
  readonly headWidth: number;
  readonly numClasses: number;
  /** `REGNET.STRIDE`. */
  readonly stride: number;
  /** Training image size after scaling. */
  readonly trainSize: number;
  readonly factors: PyclsScalingFactors;
  /** `CONSTRAINTS.REGNET.NUM_STAGES`. */
  readonly numStages: readonly [number, number];
  /** The active complexity constraints: metric, min (0 = none), max (0 = none). */
  readonly cx: readonly (readonly ['flops' | 'params' | 'acts', number, number])[];
}

/** Why a sample is rejected, or that it is kept, or that only the general path can tell (pycls errors). */
export type Verdict = 'kept' | 'rejected' | 'unsure';

/** A running count of flops, params and acts at a feature map size (pycls's `cx` dict). */
class Counter {
  size = 0;
  flops = 0;
  params = 0;
  acts = 0;

  conv(wIn: number, wOut: number, k: number, stride: number, groups: number, bias: boolean): void {
    const size = Math.floor((this.size - 1) / stride) + 1;
    const positions = size * size;
    this.size = size;
    this.flops += k * k * (wIn / groups) * wOut * positions + (bias ? wOut * positions : 0);
    this.params += k * k * (wIn / groups) * wOut + (bias ? wOut : 0);
    this.acts += wOut * positions;
  }

  norm(w: number): void {
    this.params += 2 * w;
  }

  pool(w: number, stride: number): void {
    const size = Math.floor((this.size - 1) / stride) + 1;
    this.size = size;
    this.acts += w * size * size;
  }
}

const MAX_STAGES = 64;

/** Judges RegNet samples against one sweep's base config and constraints. */
export class RegNetJudge {
  readonly #s: RegNetJudgeSettings;
  readonly #cx = new Counter();
  // Scratch: generated stages, then compatible, then scaled.
  readonly #widths = new Float64Array(MAX_STAGES);
  readonly #depths = new Float64Array(MAX_STAGES);
  readonly #groups = new Float64Array(MAX_STAGES);
  readonly #scaledDepths = new Float64Array(MAX_STAGES);
  readonly #total = { totalStages: 0 };
  /** The complexity of the last sample judged `kept` (when there are complexity constraints). */
  last: Complexity | null = null;

  constructor(settings: RegNetJudgeSettings) {
    this.#s = settings;
  }

  /** The verdict on a sample with these REGNET values. */
  judge(depth: number, w0: number, wa: number, wm: number, groupW: number, botMul: number): Verdict {
    const s = this.#s;
    const ws = this.#widths;
    const ds = this.#depths;
    const numStages = generateRegNetInto(wa, w0, wm, depth, ws, ds, this.#total);
    if (numStages < 0) return 'unsure';
    if (numStages !== this.#total.totalStages || !(s.numStages[0] <= numStages && numStages <= s.numStages[1])) return 'rejected';
    if (s.cx.length === 0) return 'kept';
    const gs = this.#groups;
    // regnet_cfg_to_anynet_cfg: compatible widths and group widths at BOT_MUL and GROUP_W.
    for (let i = 0; i < numStages; i++) gs[i] = groupW;
    if (!compatible(ws, gs, botMul, numStages)) return 'unsure';
    // scale_model: depths, widths, group widths rounded, then compatible again.
    const { d, w, g } = s.factors;
    const sd = this.#scaledDepths;
    for (let i = 0; i < numStages; i++) {
      sd[i] = Math.max(1, roundHalfEven(ds[i]! * d));
      ws[i] = Math.max(1, roundHalfEven((ws[i]! * w) / 8)) * 8;
      let group = Math.max(1, roundHalfEven(gs[i]! * g));
      group = group <= 2 ? group : group <= 5 ? 4 : roundHalfEven(group / 8) * 8;
      gs[i] = group;
      if (!Number.isFinite(sd[i]!) || !Number.isFinite(ws[i]!)) return 'unsure';
    }
    if (!compatible(ws, gs, botMul, numStages)) return 'unsure';
    const cx = this.#count(numStages, botMul);
    if (!Number.isSafeInteger(cx.flops) || !Number.isSafeInteger(cx.params) || !Number.isSafeInteger(cx.acts)) return 'unsure';
    for (let i = 0; i < s.cx.length; i++) {
      const constraint = s.cx[i]!;
      const value = cx[constraint[0]];
      const low = constraint[1] === 0 ? value : constraint[1];
      const high = constraint[2] === 0 ? value : constraint[2];
      if (!(low <= value && value <= high)) return 'rejected';
    }
    this.last = { flops: cx.flops, params: cx.params, acts: cx.acts };
    return 'kept';
  }

  /** `AnyNet.complexity` of the scaled stages in the scratch arrays. */
  #count(numStages: number, botMul: number): Counter {
    const s = this.#s;
    const cx = this.#cx;
    cx.size = s.trainSize;
    cx.flops = 0;
    cx.params = 0;
    cx.acts = 0;
    // Stem.
    if (s.stemType === 'res_stem_cifar') {
      cx.conv(3, s.stemWidth, 3, 1, 1, false);
      cx.norm(s.stemWidth);
    } else if (s.stemType === 'res_stem_in') {
      cx.conv(3, s.stemWidth, 7, 2, 1, false);
      cx.norm(s.stemWidth);
      cx.pool(s.stemWidth, 2);
    } else {
      cx.conv(3, s.stemWidth, 3, 2, 1, false);
      cx.norm(s.stemWidth);
    }
    let wIn = s.stemWidth;
    for (let i = 0; i < numStages; i++) {
      const wOut = this.#widths[i]!;
      const depth = this.#scaledDepths[i]!;
      const groupWidth = this.#groups[i]!;
      this.#block(wIn, wOut, s.stride, botMul, groupWidth);
      if (depth >= 2) {
        const flops = cx.flops;
        const params = cx.params;
        const acts = cx.acts;
        this.#block(wOut, wOut, 1, botMul, groupWidth);
        const repeats = depth - 2;
        cx.flops += (cx.flops - flops) * repeats;
        cx.params += (cx.params - params) * repeats;
        cx.acts += (cx.acts - acts) * repeats;
      }
      wIn = wOut;
    }
    // Head.
    if (s.headWidth > 0) {
      cx.conv(wIn, s.headWidth, 1, 1, 1, false);
      cx.norm(s.headWidth);
      wIn = s.headWidth;
    }
    cx.size = 1;
    cx.flops += wIn * s.numClasses + s.numClasses;
    cx.params += wIn * s.numClasses + s.numClasses;
    cx.acts += s.numClasses;
    return cx;
  }

  #block(wIn: number, wOut: number, stride: number, botMul: number, groupWidth: number): void {
    const cx = this.#cx;
    const type = this.#s.blockType;
    if (type === 'res_basic_block' || type === 'res_bottleneck_block') {
      // The projection is counted at the block's input size, which the body then starts from again.
      if (wIn !== wOut || stride !== 1) {
        const size = cx.size;
        cx.conv(wIn, wOut, 1, stride, 1, false);
        cx.norm(wOut);
        cx.size = size;
      }
    }
    if (type === 'res_basic_block' || type === 'vanilla_block') {
      cx.conv(wIn, wOut, 3, stride, 1, false);
      cx.norm(wOut);
      cx.conv(wOut, wOut, 3, 1, 1, false);
      cx.norm(wOut);
      return;
    }
    const wB = roundHalfEven(wOut * botMul);
    const wSe = roundHalfEven(wIn * this.#s.seRatio);
    cx.conv(wIn, wB, 1, 1, 1, false);
    cx.norm(wB);
    cx.conv(wB, wB, 3, stride, wB / groupWidth, false);
    cx.norm(wB);
    if (wSe > 0) {
      const size = cx.size;
      cx.size = 1;
      cx.conv(wB, wSe, 1, 1, 1, true);
      cx.conv(wSe, wB, 1, 1, 1, true);
      cx.size = size;
    }
    cx.conv(wB, wOut, 1, 1, 1, false);
    cx.norm(wOut);
  }
}

/**
 * pycls's `adjust_block_compatibility` in place on the first `n` widths and group widths, all stages at
 * one bottleneck multiplier; false where pycls's assertions would fail.
 */
function compatible(ws: Float64Array, gs: Float64Array, b: number, n: number): boolean {
  if (!(b > 0) || !(b < 1 || b % 1 === 0)) return false;
  for (let i = 0; i < n; i++) {
    const w = ws[i]!;
    const g = gs[i]!;
    if (!(w > 0 && g > 0)) return false;
    let v = Math.trunc(Math.max(1, w * b));
    const group = Math.trunc(Math.min(g, v));
    const m = b > 1 ? lcm(group, Math.trunc(b)) : group;
    v = Math.max(m, Math.trunc(roundHalfEven(v / m) * m));
    const width = Math.trunc(v / b);
    if ((width * b) % group !== 0) return false;
    ws[i] = width;
    gs[i] = group;
  }
  return true;
}

