/**
 * Non-negative least squares (Lawson and Hanson, "Solving Least Squares Problems", 1974, chapter 23), on
 * the normal equations of a small problem: a few thousand rows, a few dozen columns. Used to fit part
 * times on op-type features, where every coefficient is a cost and must not be negative.
 */

/** Solves `G z = c` restricted to the columns in `passive` (Cholesky); other entries of the result are 0. */
function solvePassive(gram: Float64Array, c: Float64Array, n: number, passive: readonly number[]): Float64Array {
  const k = passive.length;
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = gram[passive[i]! * n + passive[j]!]!;
      for (let p = 0; p < j; p++) sum -= l[i * k + p]! * l[j * k + p]!;
      if (i === j) l[i * k + i] = Math.sqrt(Math.max(sum, 1e-300));
      else l[i * k + j] = sum / l[j * k + j]!;
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = c[passive[i]!]!;
    for (let p = 0; p < i; p++) sum -= l[i * k + p]! * y[p]!;
    y[i] = sum / l[i * k + i]!;
  }
  const z = new Float64Array(n);
  const zp = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let p = i + 1; p < k; p++) sum -= l[p * k + i]! * zp[p]!;
    zp[i] = sum / l[i * k + i]!;
    z[passive[i]!] = zp[i]!;
  }
  return z;
}

/**
 * The x >= 0 minimising sum_i w_i^2 (rows_i . x - targets_i)^2. Columns are scaled to unit size first
 * (and a vanishing ridge keeps the normal equations positive definite), so coefficients of very
 * different magnitudes (per flop, per node) are found alike. Columns that are zero in every row get 0.
 */
export function nonNegativeLeastSquares(rows: readonly Float64Array[], targets: readonly number[], weights: readonly number[]): Float64Array {
  const n = rows[0]?.length ?? 0;
  const scale = new Float64Array(n);
  for (const row of rows) for (let j = 0; j < n; j++) scale[j] = Math.max(scale[j]!, Math.abs(row[j]!));
  const gram = new Float64Array(n * n);
  const c = new Float64Array(n);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const w2 = weights[r]! * weights[r]!;
    for (let i = 0; i < n; i++) {
      if (row[i] === 0) continue;
      const a = row[i]! / scale[i]!;
      c[i] = c[i]! + w2 * a * targets[r]!;
      for (let j = 0; j < n; j++) if (row[j] !== 0) gram[i * n + j] = gram[i * n + j]! + (w2 * a * row[j]!) / scale[j]!;
    }
  }
  let trace = 0;
  for (let i = 0; i < n; i++) trace += gram[i * n + i]!;
  for (let i = 0; i < n; i++) gram[i * n + i] = gram[i * n + i]! + 1e-12 * (trace / Math.max(1, n)) + (scale[i] === 0 ? 1 : 0);

  const x = new Float64Array(n);
  const passive: number[] = [];
  const gradient = (): Float64Array => {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = c[i]!;
      for (let j = 0; j < n; j++) sum -= gram[i * n + j]! * x[j]!;
      w[i] = sum;
    }
    return w;
  };
  const tolerance = 1e-12 * Math.max(1e-300, ...Array.from(c, Math.abs));
  for (let iteration = 0; iteration < 3 * n + 3; iteration++) {
    const w = gradient();
    let best = -1;
    for (let j = 0; j < n; j++) if (scale[j] !== 0 && !passive.includes(j) && w[j]! > tolerance && (best < 0 || w[j]! > w[best]!)) best = j;
    if (best < 0) break;
    passive.push(best);
    for (let inner = 0; inner < 3 * n + 3; inner++) {
      const z = solvePassive(gram, c, n, passive);
      if (passive.every((j) => z[j]! > 0)) {
        x.set(z);
        break;
      }
      // Step from x towards z as far as every coefficient stays >= 0, and drop those that reach 0.
      let alpha = Infinity;
      for (const j of passive) if (z[j]! <= 0) alpha = Math.min(alpha, x[j]! / (x[j]! - z[j]!));
      for (let j = 0; j < n; j++) x[j] = x[j]! + alpha * (z[j]! - x[j]!);
      for (let i = passive.length - 1; i >= 0; i--) {
        if (x[passive[i]!]! <= 1e-15) {
          x[passive[i]!] = 0;
          passive.splice(i, 1);
        }
      }
      if (passive.length === 0) break;
    }
  }
  for (let j = 0; j < n; j++) x[j] = scale[j] === 0 ? 0 : x[j]! / scale[j]!;
  return x;
}
