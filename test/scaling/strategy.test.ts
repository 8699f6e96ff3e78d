import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  complexityExponents,
  fastCompound,
  formatStrategy,
  parseStrategy,
  ScalingError,
  scalingFactors,
  STRATEGIES,
  type ScalingStrategy,
} from '../../src/index.js';

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
});
