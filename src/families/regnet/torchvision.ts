/**
 * torchvision's RegNet generation (`BlockParams.from_init_params` of torchvision 0.14), which rounds
 * differently from pycls's: the per-block widths are computed on float32 tensors, and the group-width
 * compatibility uses `_make_divisible`, which rounds half up (`regnet_x_400mf`'s last stage is 400 wide
 * where pycls's RegNetX-400MF has 384).
 */
import { SpecError } from '../../errors.js';
import { describe } from '../../internal/describe.js';
import { roundHalfEven, truncate } from '../../internal/python.js';
import { LIMITS } from '../../limits.js';
import type { AnyNetStage } from '../anynet/types.js';
import type { RegNetSpec } from './types.js';

const f32 = Math.fround;

/** torchvision's width quantum (`QUANT`). */
const QUANTUM = 8;

/**
 * torchvision's `_make_divisible(v, divisor)`: the multiple of `divisor` nearest to `v`, halves rounded
 * up (`int(v + divisor / 2) // divisor * divisor`), at least `divisor`, raised by `divisor` where that
 * would lose more than 10% of `v`.
 */
export function makeDivisible(value: number, divisor: number): number {
  const rounded = Math.max(divisor, Math.floor(truncate(value + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * value ? rounded + divisor : rounded;
}

/**
 * `float32(base) ** exponent` as torch's `pow(Scalar, Tensor)` on a float32 tensor gives it, for an
 * integral exponent (C's `pow(1, inf)` is 1, where JavaScript's is NaN).
 */
function float32Power(base: number, exponent: number): number {
  return base === 1 ? 1 : f32(Math.pow(base, exponent));
}

/**
 * The width of each block, as `from_init_params` computes it on float32 tensors:
 * `cont = arange(depth) * w_a + w_0`, `k = round(log(cont / w_0) / log(w_m))`,
 * `round(w_0 * w_m^k / 8) * 8`, with torch's rounding (half to even). Every float32 operation is rounded
 * correctly here; torch's vectorised `log` and `pow` may be 1 ulp off, which changes a width only where
 * `k` or `w_0 * w_m^k / 8` lies within an ulp of a half (never for torchvision's models).
 */
export function torchvisionBlockWidths(wa: number, w0: number, wm: number, depth: number): number[] {
  const slope = f32(wa);
  const base = f32(wm);
  // math.log(w_m) is a Python float; dividing a float32 tensor by it rounds it to float32 first.
  const logBase = f32(Math.log(wm));
  const widths: number[] = [];
  for (let i = 0; i < depth; i++) {
    const continuous = f32(f32(i * slope) + w0);
    const exponent = roundHalfEven(f32(f32(Math.log(f32(continuous / w0))) / logBase));
    const width = roundHalfEven(f32(f32(w0 * float32Power(base, exponent)) / QUANTUM)) * QUANTUM;
    if (!(width <= LIMITS.maxWidth)) {
      throw new SpecError('wa', `${describe(wa)} makes block ${i} ${width} channels wide, beyond the limit of ${LIMITS.maxWidth}`);
    }
    widths.push(width);
  }
  return widths;
}

/**
 * torchvision's `_adjust_widths_groups_compatibilty` of one stage: bottleneck width `int(w * b)`, group
 * width capped at it, bottleneck width to a multiple of the group width by `_make_divisible`, output width
 * `int(w_b / b)`. Unlike pycls's, no lcm with an integral multiplier and no minimum of 1 channel.
 */
export function torchvisionCompatibleStage(width: number, multiplier: number, groupWidth: number): { width: number; groupWidth: number } {
  const bottleneck = truncate(width * multiplier);
  if (bottleneck < 1) {
    throw new SpecError('bottleneckMultiplier', `${describe(multiplier)} makes the bottleneck of width ${width} ${bottleneck} channels wide`);
  }
  const cappedGroupWidth = Math.min(groupWidth, bottleneck);
  return { width: truncate(makeDivisible(bottleneck, cappedGroupWidth) / multiplier), groupWidth: cappedGroupWidth };
}

/**
 * The stages torchvision generates for a (checked) RegNet spec: one per run of equal block widths, with
 * the spec's stride, bottleneck multiplier and (compatible) group width.
 */
export function torchvisionRegNetStages(spec: RegNetSpec): AnyNetStage[] {
  const blockWidths = torchvisionBlockWidths(spec.wa, spec.w0, spec.wm, spec.depth);
  const stages: AnyNetStage[] = [];
  let start = 0;
  for (let i = 1; i <= blockWidths.length; i++) {
    if (i < blockWidths.length && blockWidths[i] === blockWidths[start]) continue;
    const shape = torchvisionCompatibleStage(blockWidths[start]!, spec.bottleneckMultiplier, spec.groupWidth);
    stages.push({ depth: i - start, width: shape.width, stride: spec.stride, bottleneckMultiplier: spec.bottleneckMultiplier, groupWidth: shape.groupWidth });
    start = i;
  }
  return stages;
}
