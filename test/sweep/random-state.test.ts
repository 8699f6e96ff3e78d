import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomState, SweepError } from '../../src/index.js';
import { correctlyRoundedExp, correctlyRoundedLog } from '../../src/sweep/numpy-math.js';

/** numpy 1.24's own numbers: scripts/numpy-random-fixtures.py. */
interface Fixture {
  readonly cases: readonly {
    readonly seed: number | number[];
    readonly calls: readonly { readonly op: readonly unknown[]; readonly result: unknown }[];
    readonly words?: readonly number[];
  }[];
  readonly functions: Readonly<Record<'log' | 'exp', readonly (readonly [number, number, number])[]>>;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/numpy-random.json', import.meta.url), 'utf8')) as Fixture;

function replay(rs: RandomState, op: readonly unknown[]): unknown {
  const [name, ...args] = op as [string, ...number[]];
  switch (name) {
    case 'uint32':
      return rs.nextUint32();
    case 'random_sample':
      return rs.randomSample();
    case 'uniform':
      return rs.uniform(args[0], args[1]);
    case 'randint':
      return args.length === 1 ? rs.randint(args[0]!) : rs.randint(args[0]!, args[1]);
    case 'standard_normal':
      return rs.standardNormal();
    case 'normal':
      return rs.normal(args[0], args[1]);
    case 'lognormal':
      return rs.lognormal(args[0], args[1]);
    case 'choice':
      return rs.choice(args[0]!, args[1]!, { replace: (args[2] as unknown as boolean) });
    case 'permutation':
      return Array.from(rs.permutation(args[0]!).subarray(0, args[1]));
    case 'shuffle': {
      const items = [...(args[0] as unknown as string[])];
      rs.shuffle(items);
      return items;
    }
    default:
      throw new Error(`unknown op ${name}`);
  }
}

describe('RandomState against numpy 1.24', () => {
  it.each(fixture.cases.map((c, i) => [i, c] as const))('case %i reproduces every call', (_, c) => {
    const rs = new RandomState(c.seed);
    for (const { op, result } of c.calls) expect([op, replay(rs, op)]).toEqual([op, result]);
  });

  it.each(fixture.cases.filter((c) => c.words !== undefined).map((c) => [JSON.stringify(c.seed).slice(0, 40), c] as const))(
    'seed %s: 700 raw words (one refill of the state)',
    (_, c) => {
      const rs = new RandomState(c.seed);
      expect(Array.from({ length: c.words!.length }, () => rs.nextUint32())).toEqual(c.words);
    },
  );

  it('re-seeding restarts the stream and forgets the cached normal', () => {
    const rs = new RandomState(3);
    const first = [rs.standardNormal(), rs.randomSample()];
    rs.standardNormal(); // leaves a cached value
    rs.seed(3);
    expect([rs.standardNormal(), rs.randomSample()]).toEqual(first);
  });
});

describe('RandomState input errors', () => {
  it.each([
    [-1, 'seed'],
    [2 ** 32, 'seed'],
    [1.5, 'seed'],
    [Number.NaN, 'seed'],
    [[], 'seed'],
    [[1, -2], 'seed[1]'],
    ['7', 'seed'],
  ])('seed %j is a SweepError at %s', (seed, path) => {
    const attempt = () => new RandomState(seed as number);
    expect(attempt).toThrow(SweepError);
    try {
      attempt();
    } catch (error) {
      expect((error as SweepError).path).toBe(path);
    }
  });

  it('bounds and sizes are checked with the argument named', () => {
    const rs = new RandomState(0);
    expect(() => rs.randint(5, 5)).toThrow(/high: 5 is not above low 5/);
    expect(() => rs.randint(0.5)).toThrow(SweepError);
    expect(() => rs.randint(0, 2 ** 60)).toThrow(/high/);
    expect(() => rs.choice(3, 4, { replace: false })).toThrow(/size: 4 is larger than the population 3/);
    expect(() => rs.choice(0, 1)).toThrow(SweepError);
    expect(() => rs.normal(0, -1)).toThrow(/scale: -1 is not >= 0/);
    expect(() => rs.lognormal(0, Number.NaN)).toThrow(SweepError);
    expect(() => rs.uniform(-Infinity, 1)).toThrow(SweepError);
    expect(() => rs.permutation(-1)).toThrow(SweepError);
  });
});

describe('RandomState properties', () => {
  it('randint stays in [low, high) and uniform in [low, high)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 2 ** 40 }), (seed, low, span) => {
        const rs = new RandomState(seed);
        const value = rs.randint(low, low + span);
        const u = rs.uniform(low, low + span);
        return Number.isSafeInteger(value) && value >= low && value < low + span && u >= low && u < low + span;
      }),
    );
  });

  it('permutation is a permutation; choice without replacement has no repeats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 300 }), (seed, n) => {
        const rs = new RandomState(seed);
        const perm = Array.from(rs.permutation(n)).sort((a, b) => a - b);
        const chosen = rs.choice(n, Math.ceil(n / 2), { replace: false });
        return perm.every((v, i) => v === i) && new Set(chosen).size === chosen.length;
      }),
    );
  });
});

describe('correctly rounded log and exp', () => {
  it.each(['log', 'exp'] as const)('%s equals the 256-bit value rounded once, on every fixture input', (name) => {
    const f = name === 'log' ? correctlyRoundedLog : correctlyRoundedExp;
    const wrong = fixture.functions[name].filter(([x, exact]) => f(x) !== exact);
    expect(wrong).toEqual([]);
  });

  it('glibc agrees with them on all but the rarest inputs (what numpy C code calls)', () => {
    const differ = [...fixture.functions.log, ...fixture.functions.exp].filter(([, exact, glibc]) => exact !== glibc);
    expect(differ.length).toBeLessThanOrEqual(2);
  });
});
