/** torchvision's channel rounding for its mobile networks (`_make_divisible`, MNASNet's `_round_to_multiple_of`). */

/**
 * torchvision's `_make_divisible(v, divisor)` (TensorFlow's `round_filters`; MNASNet's
 * `_round_to_multiple_of(v, divisor, 0.9)` is the same function): `v` to the nearest multiple of `divisor`
 * (ties up), at least `divisor`, and one `divisor` more where that lost more than 10% of `v`.
 */
export function makeDivisible(v: number, divisor: number): number {
  // Python's int() on a positive float truncates; `n - n % divisor` is `n // divisor * divisor`, exactly.
  const n = Math.trunc(v + divisor / 2);
  const rounded = Math.max(divisor, n - (n % divisor));
  return rounded < 0.9 * v ? rounded + divisor : rounded;
}
