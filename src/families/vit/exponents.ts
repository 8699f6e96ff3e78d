/**
 * Closed-form complexity exponents of a vision transformer under a scaling strategy.
 *
 * An encoder block over L tokens of width w (MLP width k w, heads of width g, so w / g heads) costs
 *   flops  L w^2 (4 + 2k)  +  2 L^2 w        (linear layers + q k^T and attention x v)
 *   params w^2 (4 + 2k)                       (attention has no parameters of its own)
 *   acts   L w (6 + k)     +  (w / g) L^2     (linear outputs and attention x v + the attention maps)
 * and the position embedding holds L w parameters. With multipliers d = s^a, w = s^b, g = s^c and
 * resolution s^e (so L grows as s^2e), each metric grows as a power of s wherever one of its terms
 * dominates: the linear terms (L < (2 + k) w for flops, L < (6 + k) g for acts), or the attention terms.
 */
import { checkStrategy, type ScalingStrategy } from '../../scaling/strategy.js';
import { type ComplexityExponents, multiplierExponents } from '../../scaling/factors.js';

/**
 * Exponents `e` (metric ~ s^e) of a vision transformer scaled by a flops factor `s` with a strategy, in
 * each regime, and which way the strategy moves a network between the regimes.
 *
 * @example
 * ```ts
 * import { STRATEGIES, vitComplexityExponents, type VitComplexityExponents } from 'fastscale';
 * const e: VitComplexityExponents = vitComplexityExponents(STRATEGIES.w);
 * e.attention.acts; // 0.5: without the head width, the heads grow with the width
 * ```
 */
export interface VitComplexityExponents {
  /** Where the linear layers dominate: the idealised convnet's exponents (flops `e_d + e_w + e_r`, acts `e_d + e_w/2 + e_r`). */
  readonly linear: ComplexityExponents;
  /**
   * Where attention dominates (attention flops over L^2, attention maps over L^2): flops `e_d + e_w/2 + 2 e_r`,
   * acts `e_d + e_w/2 - e_g/2 + 2 e_r`; params are the blocks' weights, `e_d + e_w`, in both regimes.
   */
  readonly attention: ComplexityExponents;
  /** params where the position embedding (L w) outweighs the blocks' weights: `e_r + e_w/2`. */
  readonly embeddingParams: number;
  /**
   * Exponents of the attention terms' share over the linear terms: flops `e_r - e_w/2`, acts `e_r - e_g/2`.
   * Positive: scaling drives the network towards attention-dominated costs; negative: towards linear ones.
   */
  readonly attentionShare: {
    /** Attention flops over linear flops: `e_r - e_w/2`. */
    readonly flops: number;
    /** Attention maps over the other activations: `e_r - e_g/2`. */
    readonly acts: number;
  };
}

/**
 * Closed-form exponents of flops, params and acts of a vision transformer scaled by a flops factor `s`
 * with `strategy` (`d` = encoder blocks, `w` = hidden and MLP width, `g` = head width, `r` = image size),
 * where its linear layers dominate and where attention dominates; with `e_x = weight_x / sum` as in
 * {@link complexityExponents}. In the linear regime they are the convnets' exponents; where attention
 * dominates, flops no longer grow as `s` (resolution costs `s^2`), and acts grow least when the head width
 * grows with the width (`g`): the attention maps then do not grow at all.
 *
 * @throws {@link ScalingError} for an invalid strategy
 *
 * @example
 * ```ts
 * import { STRATEGIES, vitComplexityExponents } from 'fastscale';
 * vitComplexityExponents(STRATEGIES.dWr);
 * // linear { flops: 1, params: 0.9, acts: 0.6 }, attention { flops: 0.7, params: 0.9, acts: 0.3 },
 * // embeddingParams: 0.5, attentionShare { flops: -0.3, acts: -0.3 } (up to float rounding)
 * vitComplexityExponents(STRATEGIES.r).attention; // { flops: 2, params: 0, acts: 2 }
 * ```
 */
export function vitComplexityExponents(strategy: ScalingStrategy): VitComplexityExponents {
  // Multiplier exponents: depth s^d, width s^w, head width s^g, image side s^r (tokens s^2r).
  const { d, w, g, r } = multiplierExponents(checkStrategy(strategy));
  return {
    linear: { flops: d + 2 * w + 2 * r, params: d + 2 * w, acts: d + w + 2 * r },
    attention: { flops: d + w + 4 * r, params: d + 2 * w, acts: d + w - g + 4 * r },
    embeddingParams: 2 * r + w,
    attentionShare: { flops: 2 * r - w, acts: 2 * r - g },
  };
}
