/** Non-negative least squares: a hand-solved case, and the optimality (KKT) conditions on random problems. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nonNegativeLeastSquares } from '../../src/latency/fit.js';

describe('nonNegativeLeastSquares', () => {
  it('clamps a coefficient whose unconstrained optimum is negative and refits the rest', () => {
    // min (x1 - 1)^2 + (x2 + 1)^2 + (x1 + x2)^2 over x >= 0: x2 = 0, then (x1 - 1)^2 + x1^2 gives x1 = 1/2.
    const x = nonNegativeLeastSquares([Float64Array.of(1, 0), Float64Array.of(0, 1), Float64Array.of(1, 1)], [1, -1, 0], [1, 1, 1]);
    expect(x[0]).toBeCloseTo(0.5, 9);
    expect(x[1]).toBe(0);
  });

  it('recovers exact non-negative coefficients of very different sizes, and gives 0 to empty columns', () => {
    const rows = [
      [1e9, 3, 0, 1],
      [2e9, 1, 0, 2],
      [5e8, 7, 0, 1],
      [3e9, 2, 0, 5],
    ].map((r) => Float64Array.from(r));
    const truth = [2e-9, 0.5, 0, 0.01];
    const targets = rows.map((r) => r.reduce((sum, v, j) => sum + v * truth[j]!, 0));
    const x = nonNegativeLeastSquares(rows, targets, [1, 2, 3, 4]);
    truth.forEach((t, j) => expect(Math.abs(x[j]! - t)).toBeLessThanOrEqual(1e-7 * t));
  });

  it('satisfies the optimality conditions: x >= 0, no descent direction into the constraints', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.array(fc.tuple(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: n, maxLength: n }), fc.double({ min: -5, max: 20, noNaN: true })), {
            minLength: n + 1,
            maxLength: 12,
          }),
        ),
        (problem) => {
          const rows = problem.map(([row]) => Float64Array.from(row));
          const targets = problem.map(([, t]) => t);
          const x = nonNegativeLeastSquares(rows, targets, targets.map(() => 1));
          const n = rows[0]!.length;
          const residual = rows.map((row, i) => targets[i]! - row.reduce((sum, v, j) => sum + v * x[j]!, 0));
          const scale = Math.max(1, ...rows.flatMap((row) => Array.from(row)), ...targets.map(Math.abs));
          for (let j = 0; j < n; j++) {
            expect(x[j]).toBeGreaterThanOrEqual(0);
            const gradient = rows.reduce((sum, row, i) => sum + row[j]! * residual[i]!, 0); // -d(loss)/dx_j / 2
            const tolerance = 1e-6 * scale * scale * rows.length;
            if (x[j]! > 0) expect(Math.abs(gradient)).toBeLessThan(tolerance);
            else expect(gradient).toBeLessThan(tolerance);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
