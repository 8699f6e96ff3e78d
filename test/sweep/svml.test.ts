import { describe, expect, it } from 'vitest';
import { correctlyRoundedExp, correctlyRoundedLog } from '../../src/sweep/numpy-math.js';
import { fma, svmlExp, svmlLog } from '../../src/sweep/svml.js';
import { PYTHON } from './python-values.js';

const values = PYTHON as unknown as { numpyExp: [number, number][]; numpyLog: [number, number][] };

describe("numpy's np.exp and np.log (SVML on AVX-512), bit for bit", () => {
  it.each([
    ['exp', svmlExp, correctlyRoundedExp, values.numpyExp],
    ['log', svmlLog, correctlyRoundedLog, values.numpyLog],
  ] as const)('np.%s on 4000 inputs, where the correctly rounded function differs on hundreds', (_, svml, exact, cases) => {
    expect(cases.filter(([x, y]) => !Object.is(svml(x), y))).toEqual([]);
    // The reason for emulating SVML at all: numpy's last bits are not the correctly rounded ones.
    expect(cases.filter(([x, y]) => !Object.is(exact(x), y)).length).toBeGreaterThan(100);
  });
});

describe('fma: a * b + c rounded once', () => {
  it('keeps what two roundings lose', () => {
    const a = 1 + 2 ** -30;
    // a * a = 1 + 2^-29 + 2^-60: the 2^-60 survives only in a fused multiply-add.
    expect(fma(a, a, -(1 + 2 ** -29))).toBe(2 ** -60);
    expect(a * a - (1 + 2 ** -29)).toBe(0);
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17);
  });

  it("equals Python's exact Fraction arithmetic rounded once, on hundreds of triples (many near-cancelling)", () => {
    const cases = (PYTHON as unknown as { fma: [number, number, number, number][] }).fma;
    expect(cases.length).toBeGreaterThan(300);
    expect(cases.filter(([a, b, c, exact]) => fma(a, b, c) !== exact)).toEqual([]);
  });
});
