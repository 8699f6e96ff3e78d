import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  complexity,
  complexityExponents,
  fromPyclsConfig,
  MAX_STRATEGY_LENGTH,
  scale,
  fastCompound,
  formatStrategy,
  parseStrategy,
  ScalingError,
  scalingFactors,
  STRATEGIES,
  type ScalingStrategy,
} from '../../src/index.js';
import { thrown } from '../helpers/errors.js';
import { pyclsScaled, readConfig } from '../helpers/fixtures.js';

const weight = fc.oneof(fc.constantFrom(0, 1, 2, 8), fc.double({ min: 0, max: 100, noNaN: true }));
const strategy: fc.Arbitrary<ScalingStrategy> = fc
  .record({ d: weight, w: weight, g: weight, r: weight })
  .filter((s) => s.d + s.w + s.g + s.r > 0);

describe('parseStrategy and formatStrategy', () => {
  it.each([
    ['d', { d: 1, w: 0, g: 0, r: 0 }],
    ['dw', { d: 1, w: 1, g: 0, r: 0 }],
    ['dwr', { d: 1, w: 1, g: 0, r: 1 }],
    ['dwgr', { d: 1, w: 1, g: 1, r: 1 }],
    ['d1_w8_g8_r1', { d: 1, w: 8, g: 8, r: 1 }],
    ['d1_w2', { d: 1, w: 2, g: 0, r: 0 }],
    ['w0.5_r1.5', { d: 0, w: 0.5, g: 0, r: 1.5 }],
    ['dWr', { d: 1, w: 8, g: 8, r: 1 }],
  ])('%s', (text, expected) => {
    expect(parseStrategy(text)).toEqual(expected);
  });

  it('formats back to the pycls string', () => {
    expect(formatStrategy(STRATEGIES.dWr)).toBe('d1_w8_g8_r1');
    expect(formatStrategy(STRATEGIES.dwr)).toBe('dwr');
    expect(formatStrategy({ d: 1, w: 2, g: 0, r: 0 })).toBe('d1_w2');
  });

  it('round trips: parseStrategy(formatStrategy(s)) equals s', () => {
    fc.assert(
      fc.property(strategy, (s) => {
        expect(parseStrategy(formatStrategy(s))).toEqual(s);
      }),
    );
  });

  it.each(['', 'x', 'dx', 'd1_x2', 'd_w', 'd-1', 'd1_d2', 'dd', 'd1__w1', 'dinf', 'dNaN', 'd1_w', ' d', 'D'])(
    'rejects %j with a ScalingError',
    (text) => {
      expect(() => parseStrategy(text)).toThrow(ScalingError);
    },
  );

  it('rejects all-zero, negative and non-finite weights', () => {
    expect(() => parseStrategy('d0_w0')).toThrow('strategy: all weights are 0: nothing would scale');
    expect(() => formatStrategy({ d: -1, w: 1, g: 0, r: 0 })).toThrow('strategy.d: -1 is not a finite number >= 0');
    expect(() => scalingFactors({ d: 1, w: NaN, g: 0, r: 0 }, 2)).toThrow('strategy.w: NaN is not a finite number >= 0');
    expect(() => complexityExponents({ d: 1, w: 1 } as ScalingStrategy)).toThrow('strategy.g: is missing');
  });
});

describe('fastCompound', () => {
  it('is pycls d1_w8_g8_r1 at alpha 0.8, dr at 0, width with groups at 1', () => {
    expect(fastCompound(0.8)).toEqual(parseStrategy('d1_w8_g8_r1'));
    expect(formatStrategy(fastCompound(0))).toBe('dr');
    expect(formatStrategy(fastCompound(1))).toBe('wg');
    expect(formatStrategy(fastCompound(0.5))).toBe('d1_w2_g2_r1');
  });

  it('has exponents 1, (1 + alpha) / 2, 1 - alpha / 2 for any alpha', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (alpha) => {
        const e = complexityExponents(fastCompound(alpha));
        expect(e.flops).toBeCloseTo(1, 12);
        expect(e.params).toBeCloseTo((1 + alpha) / 2, 12);
        expect(e.acts).toBeCloseTo(1 - alpha / 2, 12);
      }),
    );
  });

  it.each([-0.1, 1.1, NaN, Infinity, '0.8'])('rejects alpha %s', (alpha) => {
    expect(() => fastCompound(alpha as number)).toThrow(ScalingError);
  });
});

describe('scalingFactors and complexityExponents', () => {
  it('gives d * w^2 * r^2 = s (pycls asserts it within 1%; it holds to rounding)', () => {
    fc.assert(
      fc.property(
        strategy.filter((s) => s.d + s.w + s.r > 0),
        fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
        (st, s) => {
          // The group width's exponent g / (d + w + r) / 2 is unbounded; where s to that power is not a finite
          // number > 0 no network can be scaled, and that is an error.
          const groupPower = s ** (st.g / (st.d + st.w + st.r) / 2);
          if (!(Number.isFinite(groupPower) && groupPower > 0)) {
            expect(() => scalingFactors(st, s)).toThrow(/^strategy: gives a group width multiplier of /);
            return;
          }
          const f = scalingFactors(st, s);
          expect(f.d * f.w ** 2 * f.r ** 2).toBeCloseTo(s, 9 - Math.ceil(Math.log10(s + 1)));
        },
      ),
    );
  });

  it("uses pycls's group-only normalisation: g alone scales group width by s", () => {
    expect(scalingFactors(parseStrategy('g'), 4)).toEqual({ d: 1, w: 1, g: 4, r: 1 });
    expect(complexityExponents(parseStrategy('g'))).toEqual({ flops: 0, params: 0, acts: 0 });
  });

  it('gives the exponent tables of the paper', () => {
    const table = Object.fromEntries(
      Object.entries(STRATEGIES).map(([name, s]) => [name, Object.values(complexityExponents(s)).map((e) => Math.round(e * 1000) / 1000)]),
    );
    expect(table).toEqual({
      d: [1, 1, 1],
      w: [1, 1, 0.5],
      r: [1, 0, 1],
      dw: [1, 1, 0.75],
      dr: [1, 0.5, 1],
      wr: [1, 0.5, 0.75],
      dwr: [1, 0.667, 0.833],
      dWr: [1, 0.9, 0.6],
    });
  });

  it.each([0, -1, NaN, Infinity, '2'])('rejects factor %s', (s) => {
    expect(() => scalingFactors(STRATEGIES.d, s as number)).toThrow(ScalingError);
  });

  it('normalises weights without overflow or underflow: only their ratios matter', () => {
    // pycls's multipliers for 'g' and 'dwr' at these factors (Python: 2 ** 1.0, 8 ** (1/3), 8 ** (1/3/2)).
    expect(scalingFactors({ d: 0, w: 0, g: 5e-324, r: 0 }, 2)).toEqual({ d: 1, w: 1, g: 2, r: 1 });
    expect(scalingFactors({ d: 1e308, w: 1e308, g: 0, r: 1e308 }, 8)).toEqual({ d: 2, w: 1.414213562373095, g: 1, r: 1.414213562373095 });
    expect(scalingFactors({ d: 5e-324, w: 5e-324, g: 0, r: 5e-324 }, 8)).toEqual({ d: 2, w: 1.414213562373095, g: 1, r: 1.414213562373095 });
    expect(complexityExponents({ d: 1.7e308, w: 1.7e308, g: 1.7e308, r: 0 })).toEqual({ flops: 1, params: 1, acts: 0.75 });
  });

  it('refuses weights whose group-width multiplier overflows or vanishes, naming the multiplier', () => {
    // g's exponent is g / (d + w + r) / 2 = 2500000: pycls's 4 ** 2500000.0 raises OverflowError.
    expect(() => scalingFactors(parseStrategy('d2e-7_g1'), 4)).toThrow(
      'strategy: gives a group width multiplier of 4^2500000 = Infinity, which no network can take (weights d 2e-7, w 0, g 1, r 0)',
    );
    expect(() => scalingFactors(parseStrategy('d2e-7_g1'), 0.25)).toThrow(/group width multiplier of 0.25\^2500000 = 0,/);
  });

  it('refuses strategy text longer than MAX_STRATEGY_LENGTH before reading it', () => {
    expect(MAX_STRATEGY_LENGTH).toBe(256);
    const longest = `d${'1'.repeat(MAX_STRATEGY_LENGTH - 1)}`;
    expect(parseStrategy(longest).d).toBe(Number('1'.repeat(MAX_STRATEGY_LENGTH - 1)));
    expect(() => parseStrategy(`${longest}1`)).toThrow(/^strategy: "d1{56}\.\.\." has 257 characters, more than MAX_STRATEGY_LENGTH \(256\)$/);
    expect(() => parseStrategy('d'.repeat(10_000_000))).toThrow(ScalingError);
  });
});

describe('scale with weights far from 1', () => {
  const records = pyclsScaled().filter((r) => r.factor !== 1);
  const timesTwoTo = (x: number, k: number): number => {
    for (; Math.abs(k) > 1000; k -= Math.sign(k) * 1000) x *= 2 ** (Math.sign(k) * 1000);
    return x * 2 ** k;
  };
  // A power of two changes no ratio: pycls's network, whatever the weights' magnitude. The largest weight
  // at 2^1023 makes pycls's weight sum overflow; the smallest at 2^-1074 makes its g / 2 vanish.
  it.each([
    ['the largest weight is 2^1023', (weights: number[]) => 1023 - Math.floor(Math.log2(Math.max(...weights)))],
    ['the smallest weight is 2^-1074', (weights: number[]) => -1074 - Math.floor(Math.log2(Math.min(...weights.filter((w) => w > 0))))],
  ])('weights scaled so that %s give pycls’s network (exact complexity)', (_, exponent) => {
    for (const record of records) {
      const base = fromPyclsConfig(readConfig(record.config));
      const weights = parseStrategy(record.scale_type);
      const k = exponent([weights.d, weights.w, weights.g, weights.r]);
      const scaled = { d: timesTwoTo(weights.d, k), w: timesTwoTo(weights.w, k), g: timesTwoTo(weights.g, k), r: timesTwoTo(weights.r, k) };
      // Subnormal weights keep few bits: skip strategies (d3_w4_g4_r3) whose ratios they cannot hold exactly.
      if ((['d', 'w', 'g', 'r'] as const).some((key) => timesTwoTo(scaled[key], -k) !== weights[key])) continue;
      expect(complexity(scale(base, scaled, record.factor)), `${record.config} ${record.scale_type} x${record.factor}`).toEqual(record.complexity);
    }
  });
});

describe('parseStrategy messages', () => {
  const notPycls = (text: string, part: string): string =>
    `strategy: ${JSON.stringify(text)} is not a pycls strategy: '${part}' is not a letter of d, w, g, r followed by a weight (e.g. 'd1_w8_g8_r1' or 'dwr')`;

  // Each message names the first part that is not a letter followed by a weight, as the grammar reads it:
  // bare letters only when the whole text is letters of dwgr, else '_'-separated letter + number parts.
  it.each([
    ['', ''],
    ['x', 'x'],
    ['dx', 'dx'],
    ['d1_x2', 'x2'],
    ['d_w', 'd'],
    ['d-1', 'd-1'],
    ['d1x', 'd1x'],
    ['d1__w1', ''],
    ['dinf', 'dinf'],
    ['d1_w', 'w'],
    ['d1_w1.2.3', 'w1.2.3'],
    ['d1e', 'd1e'],
    ['d.', 'd.'],
    [' d', ' d'],
    ['D', 'D'],
    ['dw_r1', 'dw'],
  ])('rejects %j naming the part %j', (text, part) => {
    expect(thrown(() => parseStrategy(text), ScalingError).message).toBe(notPycls(text, part));
  });

  it.each([
    ['dd', 'd'],
    ['dwrw', 'w'],
    ['d1_d2', 'd'],
    ['r1_w2_r3', 'r'],
  ])('rejects %j naming the letter given twice', (text, letter) => {
    expect(thrown(() => parseStrategy(text), ScalingError).message).toBe(`strategy: ${JSON.stringify(text)} names '${letter}' twice`);
  });

  it('reads every number form pycls writes: integers, decimals with either side empty, exponents', () => {
    expect(parseStrategy('w.5')).toEqual({ d: 0, w: 0.5, g: 0, r: 0 });
    expect(parseStrategy('w1.')).toEqual({ d: 0, w: 1, g: 0, r: 0 });
    expect(parseStrategy('d1E2_w2e+1_g3e-1_r0')).toEqual({ d: 100, w: 20, g: 0.3, r: 0 });
    expect(parseStrategy('g12.5e1')).toEqual({ d: 0, w: 0, g: 125, r: 0 });
    expect(parseStrategy('w.25_r1e-10')).toEqual({ d: 0, w: 0.25, g: 0, r: 1e-10 });
  });

  it('checks the weights it read: an overflowing one names its letter', () => {
    expect(thrown(() => parseStrategy('d1_w1e400'), ScalingError).message).toBe('strategy.w: Infinity is not a finite number >= 0');
  });

  it('refuses a value that is not a string, describing it', () => {
    expect(thrown(() => parseStrategy(5 as unknown as string), ScalingError).message).toBe('strategy: 5 is not a strategy string');
    expect(thrown(() => parseStrategy(undefined as unknown as string), ScalingError).message).toBe('strategy: undefined is not a strategy string');
  });
});

describe('fastCompound weights', () => {
  // alpha = p / q (lowest terms) gives d = r = q - p and w = g = 2p, divided by their gcd.
  it.each([
    [0.6, { d: 1, w: 3, g: 3, r: 1 }], // 3/5: 2, 6, 6, 2 over gcd 2
    [0.25, { d: 3, w: 2, g: 2, r: 3 }], // 1/4: 3, 2, 2, 3
    [0.001, { d: 999, w: 2, g: 2, r: 999 }], // 1/1000: the largest denominator kept as integers
    [0.999, { d: 1, w: 1998, g: 1998, r: 1 }], // 999/1000
  ])('is integer weights for the simple fraction %s', (alpha, weights) => {
    expect(fastCompound(alpha)).toEqual(weights);
  });

  it('is 1 - alpha, 2 alpha, 2 alpha, 1 - alpha where alpha has no fraction with a denominator up to 1000', () => {
    const alpha = 1 / 1001;
    expect(fastCompound(alpha)).toEqual({ d: 1 - alpha, w: 2 * alpha, g: 2 * alpha, r: 1 - alpha });
    expect(fastCompound(Math.SQRT1_2)).toEqual({ d: 1 - Math.SQRT1_2, w: 2 * Math.SQRT1_2, g: 2 * Math.SQRT1_2, r: 1 - Math.SQRT1_2 });
  });

  it('names a bad alpha in its message', () => {
    expect(thrown(() => fastCompound(1.5), ScalingError).message).toBe('alpha: 1.5 is not a number in [0, 1]');
    expect(thrown(() => fastCompound('0.8' as unknown as number), ScalingError).message).toBe('alpha: "0.8" is not a number in [0, 1]');
  });
});

describe('strategy objects', () => {
  it.each([
    [-2, '-2'],
    [0, '0'],
    [Infinity, 'Infinity'],
    [NaN, 'NaN'],
    ['2', '"2"'],
  ])('names the bad factor %s', (factor, described) => {
    expect(thrown(() => scalingFactors(STRATEGIES.d, factor as number), ScalingError).message).toBe(`factor: ${described} is not a finite number > 0`);
  });

  it('refuses what is not an object, and unknown fields, naming them', () => {
    expect(thrown(() => formatStrategy(5 as unknown as ScalingStrategy), ScalingError).message).toBe('strategy: 5 is not an object (a scaling strategy)');
    expect(thrown(() => formatStrategy(null as unknown as ScalingStrategy), ScalingError).message).toBe('strategy: null is not an object (a scaling strategy)');
    expect(thrown(() => formatStrategy([1, 0, 0, 0] as unknown as ScalingStrategy), ScalingError).message).toBe(
      'strategy: an array of length 4 is not an object (a scaling strategy)',
    );
    expect(thrown(() => formatStrategy({ d: 1, w: 0, g: 0, r: 0, x: 1 } as ScalingStrategy), ScalingError).message).toBe(
      'strategy.x: is not a field of a scaling strategy (fields: d, w, g, r)',
    );
  });

  it('reads weights from the prototype too', () => {
    expect(formatStrategy(Object.create({ d: 1, w: 8, g: 8, r: 1 }) as ScalingStrategy)).toBe('d1_w8_g8_r1');
  });

  it.each(['d', 'w', 'g', 'r'] as const)('names the weight %s when reading it throws, keeping the cause', (key) => {
    const cause = new Error('boom');
    const strategy = { d: 1, w: 1, g: 0, r: 1 };
    Object.defineProperty(strategy, key, { enumerable: true, get: () => { throw cause; } });
    const error = thrown(() => formatStrategy(strategy), ScalingError);
    expect(error.message).toBe(`strategy.${key}: cannot be read (boom)`);
    expect(error.cause).toBe(cause);
  });

  it('names the strategy when its keys cannot be listed (a revoked proxy), and a thrown non-error by its text', () => {
    const revocable = Proxy.revocable({ d: 1, w: 0, g: 0, r: 0 }, {});
    revocable.revoke();
    expect(thrown(() => formatStrategy(revocable.proxy), ScalingError).message).toMatch(/^strategy: cannot be read \(.*revoked.*\)$/);
    const strategy = Object.defineProperty({ d: 1, w: 1, g: 0 }, 'r', { enumerable: true, get: () => { throw 'no'; } });
    expect(thrown(() => formatStrategy(strategy as ScalingStrategy), ScalingError).message).toBe('strategy.r: cannot be read (no)');
  });
});
