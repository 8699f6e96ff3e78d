/**
 * An exhaustive enumeration of the networks `scale` gives over a range of factors, independent of
 * src/scaling/plateaus.ts: under the pycls policy every rounded dimension of an AnyNet-form network (stage
 * depths and group widths to integers, stage widths to multiples of 8, image sizes to multiples of 4) is
 * `round(base * m / unit)` of a multiplier `m = s^e`, so it steps where `base * s^e / unit = k + 1/2`.
 * Between consecutive steps the scaled network is one and the same (block compatibility and the
 * group-width rule only combine rounded values).
 */
import { complexity, scale, ScalingError, toAnyNet, type Complexity, type ModelSpec, type ScalingStrategy } from '../../src/index.js';

/** One network of the range: a factor inside its plateau, the spec and its complexity. */
export interface Plateau {
  readonly factor: number;
  readonly spec: ModelSpec;
  readonly complexity: Complexity;
}

/** Exponents of the multipliers in s, from pycls's scaling_factors (DOMAIN.md section 3). */
function exponents(strategy: ScalingStrategy): Record<'d' | 'w' | 'g' | 'r', number> {
  const sum = strategy.d + strategy.w + strategy.r || strategy.g / 2;
  return { d: strategy.d / sum, w: strategy.w / sum / 2, g: strategy.g / sum / 2, r: strategy.r / sum / 2 };
}

/** Factors in (lo, hi) where `round(base * s^e / unit)` steps. */
function steps(base: number, unit: number, e: number, lo: number, hi: number): number[] {
  if (e === 0) return [];
  const first = Math.ceil((base * lo ** e) / unit - 0.5);
  const last = Math.floor((base * hi ** e) / unit - 0.5);
  const factors: number[] = [];
  for (let k = Math.max(first, 0); k <= last; k++) factors.push((((k + 0.5) * unit) / base) ** (1 / e));
  return factors.filter((s) => s > lo && s < hi);
}

/**
 * Every distinct network `scale(spec, strategy, s)` gives for s in (lo, hi) under the pycls policy, in
 * order of s (neighbours that are equal counted once); networks `scale` refuses (too small, too large) are left out. Plateaus narrower than a
 * millionth of their factor are skipped: there the rounding of `s^e` itself decides.
 */
export function enumeratePlateaus(spec: ModelSpec, strategy: ScalingStrategy, lo: number, hi: number): Plateau[] {
  const form = toAnyNet(spec);
  const e = exponents(strategy);
  const points = [
    ...form.stages.flatMap((stage) => [
      ...steps(stage.depth, 1, e.d, lo, hi),
      ...steps(stage.width, 8, e.w, lo, hi),
      ...steps(stage.groupWidth ?? 1, 1, e.g, lo, hi),
    ]),
    ...steps(form.resolution.train, 4, e.r, lo, hi),
    ...steps(form.resolution.test, 4, e.r, lo, hi),
  ];
  const edges = [lo, ...[...new Set(points)].sort((a, b) => a - b), hi];
  const plateaus: Plateau[] = [];
  for (let i = 1; i < edges.length; i++) {
    const [a, b] = [edges[i - 1]!, edges[i]!];
    if (b / a - 1 < 1e-6) continue;
    const factor = Math.sqrt(a * b);
    try {
      const scaled = scale(spec, strategy, factor);
      // Steps that block compatibility undoes leave the network as it was: one plateau, not two.
      if (plateaus.length > 0 && JSON.stringify(plateaus[plateaus.length - 1]!.spec) === JSON.stringify(scaled)) continue;
      plateaus.push({ factor, spec: scaled, complexity: complexity(scaled) });
    } catch (error) {
      if (!(error instanceof ScalingError)) throw error;
    }
  }
  return plateaus;
}
