/**
 * Python's (and numpy's) arithmetic where it differs from JavaScript's. pycls's numbers depend on
 * these: `round()` rounds half to even, `int()` truncates toward zero.
 */

/** Python 3 `round(x)`: nearest integer, ties to even (`round(2.5) == 2`, `round(3.5) == 4`). */
export function roundHalfEven(x: number): number {
  const nearest = Math.round(x); // ties toward +Infinity
  // An exact tie leaves nearest - x === 0.5; Python then picks the even neighbour.
  return nearest - x === 0.5 && nearest % 2 !== 0 ? nearest - 1 : nearest;
}

/** Python `int(x)` on a float: truncation toward zero. */
export function truncate(x: number): number {
  return Math.trunc(x);
}

/** Greatest common divisor of two non-negative integers. */
export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Least common multiple of two positive integers (`numpy.lcm`). */
export function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}
