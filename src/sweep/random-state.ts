/**
 * numpy's legacy `RandomState` (numpy 1.24's `np.random.*` functions), reproduced draw for draw: the
 * MT19937 generator with numpy's seeding, and the few distributions pycls's sweep code calls. Each method
 * consumes exactly the 32-bit words numpy's does, so a sequence of calls gives numpy's numbers.
 */
import { atBoundary, ownedArray } from '../internal/read.js';
import { SweepError } from './errors.js';
import { correctlyRoundedExp, correctlyRoundedLog } from './numpy-math.js';
import { describe } from './core.js';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWO_32 = 4294967296;

/**
 * A seed as numpy's `np.random.seed` takes it: an integer in [0, 2^32 - 1] (MT19937 `init_genrand`), or a
 * non-empty array of such integers (`init_by_array`; `[5]` seeds differently from `5`, as in numpy).
 *
 * @example
 * ```ts
 * import type { RandomSeed } from 'fastscale';
 * const seed: RandomSeed = 0;
 * const arraySeed: RandomSeed = [1, 2, 3];
 * ```
 */
export type RandomSeed = number | readonly number[];

/**
 * numpy 1.24's legacy `np.random.RandomState`: MT19937 seeded as `np.random.seed` seeds it, with
 * `random_sample`, `uniform`, `randint` (masked rejection, as numpy's legacy int64 path), `normal` (polar
 * method, the second value cached), `lognormal`, `choice` and `permutation`/`shuffle`, each consuming
 * numpy's exact stream of 32-bit words. Integers are JavaScript numbers, so `randint` ranges stop at
 * `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * ```ts
 * import { RandomState } from 'fastscale';
 * const rs = new RandomState(0);
 * rs.randomSample(); // 0.5488135039273248, as np.random.RandomState(0).random_sample()
 * rs.randint(0, 10); // 5 (numpy: the next np.random.randint(10))
 * ```
 */
export class RandomState {
  readonly #key = new Uint32Array(N);
  #pos = N;
  #hasGauss = false;
  #gauss = 0;

  /**
   * @param seed - see {@link RandomSeed}; default 0
   * @throws {@link SweepError} for a seed numpy rejects (negative, above 2^32 - 1, not an integer, empty array)
   */
  constructor(seed: RandomSeed = 0) {
    this.seed(seed);
  }

  /**
   * Re-seeds, as `np.random.seed(seed)`: also forgets a cached normal value.
   *
   * @throws {@link SweepError} for a seed numpy rejects
   */
  seed(seed: RandomSeed): void {
    if (typeof seed === 'number') {
      this.#initGenrand(checkSeedWord(seed, 'seed'));
    } else if (atBoundary(() => Array.isArray(seed), SweepError)) {
      const words = atBoundary(() => ownedArray(seed, 'seed', SweepError, { value: 1 << 20, name: 'the seed length limit' }, 'seed words'), SweepError);
      if (words.length === 0) throw new SweepError('seed', 'is an empty array (numpy: "Seed must be non-empty")');
      this.#initByArray(words.map((word, i) => checkSeedWord(word, `seed[${i}]`)));
    } else {
      throw new SweepError('seed', `${describe(seed)} is not an integer in [0, 2^32 - 1] or an array of them`);
    }
    this.#hasGauss = false;
    this.#gauss = 0;
  }

  #initGenrand(seed: number): void {
    const key = this.#key;
    key[0] = seed;
    for (let i = 1; i < N; i++) {
      const previous = key[i - 1]!;
      key[i] = (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) >>> 0;
    }
    this.#pos = N;
  }

  #initByArray(words: readonly number[]): void {
    this.#initGenrand(19650218);
    const key = this.#key;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, words.length); k > 0; k--) {
      const previous = key[i - 1]!;
      key[i] = ((key[i]! ^ Math.imul(previous ^ (previous >>> 30), 1664525)) + words[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        key[0] = key[N - 1]!;
        i = 1;
      }
      if (j >= words.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const previous = key[i - 1]!;
      key[i] = ((key[i]! ^ Math.imul(previous ^ (previous >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        key[0] = key[N - 1]!;
        i = 1;
      }
    }
    key[0] = 0x80000000;
    this.#pos = N;
  }

  /** Refills the 624 words of state (MT19937's twist). */
  #twist(): void {
    const key = this.#key;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[i + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      const y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[i + M - N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (key[N - 1]! & UPPER_MASK) | (key[0]! & LOWER_MASK);
    key[N - 1] = key[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.#pos = 0;
  }

  /**
   * The next 32-bit output of MT19937, in [0, 2^32).
   *
   * @example
   * ```ts
   * new RandomState(5489).nextUint32(); // 3499211612, the reference MT19937's first output
   * ```
   */
  nextUint32(): number {
    if (this.#pos >= N) this.#twist();
    let y = this.#key[this.#pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A float in [0, 1) with 53 random bits, from two 32-bit words (`random_sample`).
   *
   * @example
   * ```ts
   * new RandomState(1).randomSample(); // 0.417022004702574
   * ```
   */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * `low + (high - low) * random_sample()`, as numpy's legacy `uniform` (high may be below low).
   *
   * @throws {@link SweepError} where `high - low` is not finite
   *
   * @example
   * ```ts
   * new RandomState(1).uniform(6, 17); // 10.587242051728314
   * ```
   */
  uniform(low = 0, high = 1): number {
    const range = high - low;
    if (!Number.isFinite(range)) throw new SweepError('high', `${describe(high)} - ${describe(low)} is not a finite range`);
    return low + range * this.randomSample();
  }

  /**
   * An integer in [low, high) (or [0, low) with one argument), numpy's legacy `randint` with its default
   * int64 type: masked rejection sampling over 32-bit words, or 64-bit words (two 32-bit draws, high word
   * first) for ranges above 2^32. A range of one value draws nothing.
   *
   * @throws {@link SweepError} for bounds that are not safe integers, or `low >= high`
   *
   * @example
   * ```ts
   * const rs = new RandomState(0);
   * rs.randint(10); // 5
   * rs.randint(1, 4); // 1
   * ```
   */
  randint(low: number, high?: number): number {
    const [from, to] = high === undefined ? [0, low] : [low, high];
    checkSafeInteger(from, high === undefined ? 'high' : 'low');
    checkSafeInteger(to, 'high');
    if (from >= to) throw new SweepError('high', `${describe(to)} is not above low ${describe(from)} (numpy: "low >= high")`);
    return from + this.#bounded(to - 1 - from);
  }

  /** An integer in [0, max] by masked rejection (numpy's `random_interval` and masked bounded fill). */
  #bounded(max: number): number {
    if (max === 0) return 0;
    if (max <= 0xffffffff) {
      if (max === 0xffffffff) return this.nextUint32();
      const mask = maskOf(max);
      let value: number;
      do value = (this.nextUint32() & mask) >>> 0;
      while (value > max);
      return value;
    }
    // 64-bit words: the high word is drawn first. max < 2^53, so the masked value is exact.
    const highMask = maskOf(Math.floor(max / TWO_32));
    let value: number;
    do {
      const high = (this.nextUint32() & highMask) >>> 0;
      value = high * TWO_32 + this.nextUint32();
    } while (value > max);
    return value;
  }

  /**
   * A standard normal value by the polar (Marsaglia) method; each accepted pair gives two values, the
   * second cached for the next call (numpy's `legacy_gauss`).
   *
   * @example
   * ```ts
   * new RandomState(0).standardNormal(); // 1.764052345967664
   * ```
   */
  standardNormal(): number {
    if (this.#hasGauss) {
      this.#hasGauss = false;
      const cached = this.#gauss;
      this.#gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    // C's log, correctly rounded (glibc's is within 0.52 ulp); sqrt is exact in IEEE 754.
    const f = Math.sqrt((-2 * correctlyRoundedLog(r2)) / r2);
    this.#gauss = f * x1;
    this.#hasGauss = true;
    return f * x2;
  }

  /**
   * `loc + scale * standardNormal()`, numpy's legacy `normal`.
   *
   * @throws {@link SweepError} for a negative scale
   *
   * @example
   * ```ts
   * new RandomState(0).normal(10, 2); // 13.528104691935328
   * ```
   */
  normal(loc = 0, scale = 1): number {
    if (!(scale >= 0)) throw new SweepError('scale', `${describe(scale)} is not >= 0`);
    return loc + scale * this.standardNormal();
  }

  /**
   * `exp(normal(mean, sigma))`, numpy's legacy `lognormal` (exp correctly rounded, as glibc's is but for
   * extremely rare ties).
   *
   * @throws {@link SweepError} for a negative sigma
   *
   * @example
   * ```ts
   * new RandomState(0).lognormal(0, 1); // 5.836039190663969
   * ```
   */
  lognormal(mean = 0, sigma = 1): number {
    if (!(sigma >= 0)) throw new SweepError('sigma', `${describe(sigma)} is not >= 0`);
    return correctlyRoundedExp(mean + sigma * this.standardNormal());
  }

  /**
   * `size` integers from [0, n), numpy's `choice(n, size, replace)`: with replacement they are `randint`
   * draws; without, the first `size` entries of `permutation(n)` (so the whole permutation is drawn).
   *
   * @throws {@link SweepError} for n not a positive safe integer, a bad size, or size > n without replacement
   *
   * @example
   * ```ts
   * new RandomState(0).choice(1000000, 3, { replace: false }); // the first 3 of np.random.permutation(1000000)
   * ```
   */
  choice(n: number, size: number, options: { readonly replace?: boolean } = {}): number[] {
    if (!Number.isSafeInteger(n) || n <= 0) throw new SweepError('a', `${describe(n)} is not a positive integer`);
    if (!Number.isSafeInteger(size) || size < 0) throw new SweepError('size', `${describe(size)} is not a non-negative integer`);
    if (options.replace ?? true) {
      return Array.from({ length: size }, () => this.#bounded(n - 1));
    }
    if (size > n) throw new SweepError('size', `${size} is larger than the population ${n} without replacement`);
    return Array.from(this.permutation(n).subarray(0, size));
  }

  /**
   * A random permutation of 0..n-1: numpy's `permutation(n)`, a Fisher-Yates shuffle of `arange(n)` from
   * the end, each swap index drawn by masked rejection.
   *
   * @throws {@link SweepError} for n not a non-negative safe integer below 2^32
   *
   * @example
   * ```ts
   * Array.from(new RandomState(0).permutation(5)); // [2, 0, 1, 3, 4]
   * ```
   */
  permutation(n: number): Float64Array {
    if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) {
      throw new SweepError('x', `${describe(n)} is not a non-negative integer below 2^32`);
    }
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = i;
    this.shuffle(values);
    return values;
  }

  /**
   * Shuffles an array in place as numpy's `shuffle` does (element i, from the last down to the second,
   * swapped with a uniform index in [0, i]).
   *
   * @example
   * ```ts
   * const items = ['a', 'b', 'c', 'd'];
   * new RandomState(0).shuffle(items); // items: ['c', 'd', 'b', 'a'], as numpy's
   * ```
   */
  shuffle<T>(items: { length: number; [index: number]: T }): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.#bounded(i);
      const swap = items[i]!;
      items[i] = items[j]!;
      items[j] = swap;
    }
  }
}

/** Smallest 2^k - 1 >= max, for max < 2^32. */
function maskOf(max: number): number {
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

function checkSeedWord(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) return value;
  throw new SweepError(path, `${describe(value)} is not an integer in [0, 2^32 - 1] (numpy: "Seed must be between 0 and 2**32 - 1")`);
}

function checkSafeInteger(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new SweepError(path, `${describe(value)} is not a safe integer`);
  }
}
