/**
 * Scaling by powers of two: exact (absent overflow and underflow), so a computation on scaled values rounds
 * exactly as the unscaled one would, minus its overflow and underflow.
 */

/** `x * 2^k`, exact wherever the result is a normal double (in steps: `2 ** 1074` itself overflows). */
export function timesPowerOfTwo(x: number, k: number): number {
  for (; k > 1000; k -= 1000) x *= 2 ** 1000;
  for (; k < -1000; k += 1000) x *= 2 ** -1000;
  return x * 2 ** k;
}

/** The exponent `k` of the largest power of two `2^k <= x`, for a finite `x > 0` (-1074 to 1023). */
export function binaryExponent(x: number): number {
  let k = Math.min(1023, Math.floor(Math.log2(x))); // log2 of 1.79e308 rounds up to 1024
  if (timesPowerOfTwo(1, k) > x) k--;
  else if (k < 1023 && timesPowerOfTwo(1, k + 1) <= x) k++;
  return k;
}
