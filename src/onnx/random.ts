/**
 * Deterministic pseudo-random weights: the same spec and seed always give the same bytes, on any
 * platform, so exported models can be compared and cached.
 */

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast, and good enough for weights that only need
 * to be varied and reproducible. One step: the next state and a uniform float in [0, 1).
 */
function step(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) * 2.3283064365386963e-10; // 2^-32, exact
}

/** A stream of float32 arrays drawn from one seeded mulberry32 generator, in the order they are asked for. */
export class WeightStream {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** `n` values uniform in [lo, hi). */
  uniform(n: number, lo: number, hi: number): Float32Array {
    const values = new Float32Array(n);
    const span = hi - lo;
    // The state lives in a local while filling: several times faster than a call per value on large layers.
    let state = this.state;
    for (let i = 0; i < n; i++) {
      state = (state + 0x6d2b79f5) | 0;
      values[i] = lo + span * step(state);
    }
    this.state = state >>> 0;
    return values;
  }

  /** `n` values uniform in [-bound, bound): variance bound^2 / 3. */
  symmetric(n: number, bound: number): Float32Array {
    return this.uniform(n, -bound, bound);
  }
}
