import { describe, expect, it } from 'vitest';
import { SweepError } from '../../src/index.js';
import { decimalQuantizer, isDecimalMultiple } from '../../src/sweep/decimal.js';
import { pythonRepr } from '../../src/sweep/python.js';
import { fromTag, PYTHON } from './python-values.js';

describe("pycls's quantize: type(q)(Decimal(n) * Decimal(str(q)))", () => {
  it.each(PYTHON.quantize.map(([n, q, repr]) => [n, typeof q === 'number' ? q : `int ${q.int}`, repr, q] as const))(
    'n=%s q=%s -> %s',
    (n, _, repr, q) => {
      const quantum = typeof q === 'number' ? q : BigInt(q.int);
      expect(pythonRepr(decimalQuantizer(quantum, 'Q')(n))).toBe(repr);
    },
  );

  it('an infinite quotient is a SweepError naming the sampler, as Python raises', () => {
    expect(() => decimalQuantizer(0.1, 'SETUP.SAMPLERS.X')(Infinity)).toThrow(SweepError);
    expect(() => decimalQuantizer(8n, 'SETUP.SAMPLERS.X')(Number.NaN)).toThrow(/SETUP.SAMPLERS.X/);
  });
});

describe("validate_rand's Decimal(str(x)) % Decimal(str(q)) == 0", () => {
  it.each(PYTHON.decimalMultiple.map(([x, q, result]) => [JSON.stringify(x), JSON.stringify(q), result, x, q] as const))(
    '%s %% %s -> %s',
    (_, __, result, x, q) => {
      const [a, b] = [fromTag(x), fromTag(q)] as [number | bigint, number | bigint];
      if (typeof result === 'string') expect(() => isDecimalMultiple(a, b, 'RANGE')).toThrow(SweepError);
      else expect(isDecimalMultiple(a, b, 'RANGE')).toBe(result);
    },
  );
});
