import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonRepr, pythonStr, SweepError } from '../../src/index.js';
import { literalEval, PyTuple, pythonFloatRepr } from '../../src/sweep/python.js';
import { fromTag, PYTHON } from './python-values.js';

describe('pythonFloatRepr: repr(float) as Python 3.11 writes it', () => {
  it('matches Python on 600 doubles of every magnitude', () => {
    const wrong = PYTHON.floatRepr
      .map(([x, text]) => [x === 'inf' ? Infinity : x === '-inf' ? -Infinity : x, text] as const)
      .filter(([x, text]) => pythonFloatRepr(x) !== text);
    expect(wrong).toEqual([]);
  });

  it.each([
    [22, '22.0'],
    [1e-5, '1e-05'],
    [1e16, '1e+16'],
    [1234567890123456, '1234567890123456.0'],
    [0.0001, '0.0001'],
    [-0, '-0.0'],
    [Number.NaN, 'nan'],
  ])('%s -> %s', (x, text) => expect(pythonFloatRepr(x)).toBe(text));

  it('reads back as the same double (fast-check)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(Number(pythonFloatRepr(x)), x)));
  });
});

describe('pythonRepr and pythonStr', () => {
  it.each(PYTHON.pythonRepr.map(([value, repr, str]) => [repr, fromTag(value), str] as const))('%s', (repr, value, str) => {
    expect(pythonRepr(value)).toBe(repr);
    expect(pythonStr(value)).toBe(str);
  });
});

describe('literalEval: ast.literal_eval as yacs decodes strings', () => {
  const representable = PYTHON.literalEval.filter(([text]) => !['[(1, 2)]'].includes(text));
  it.each(representable.map(([text, value]) => [JSON.stringify(text), text, value] as const))('%s', (_, text, value) => {
    const got = literalEval(text, 'X');
    const plain = got instanceof PyTuple ? got.items : got;
    expect(plain).toEqual(value === null ? undefined : fromTag(value));
  });

  it('a tuple inside a list, which no config holds, is an error naming the key', () => {
    expect(() => literalEval('[(1, 2)]', 'OPTIM.STEPS')).toThrow(SweepError);
    expect(() => literalEval('1+2j', 'X')).toThrow(/complex/);
    expect(() => literalEval("b'x'", 'X')).toThrow(/bytes/);
    expect(() => literalEval('{1: 2}', 'X')).toThrow(/dict/);
  });
});
