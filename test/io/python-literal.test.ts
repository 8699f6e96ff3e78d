/**
 * literal_eval as yacs applies it to pycls config values: CPython 3.11's `ast.literal_eval` is the reference
 * (Debian's python3), on hand-picked edge cases and on generated token soup.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literalEval, type PythonValue } from '../../src/io/python-literal.js';
import { pythonUnavailable, runPythonJson } from '../python.js';
import { REPRODUCE, SEED } from '../seed.js';
import { type Encoded, REFERENCE_SCRIPT, type ReferenceResult } from './python-reference.js';

const unavailable = pythonUnavailable(['ast']);
if (unavailable !== null) console.warn(`literal_eval cross-checks skipped: ${unavailable}`);

/** Our result in the reference's encoding (a dict keeps one entry per key, the last value, as Python's). */
function encode(value: PythonValue): Encoded {
  switch (value.type) {
    case 'int':
      return { int: value.value.toString() };
    case 'float':
      return { float: Object.is(value.value, -0) ? '-0.0' : String(value.value) };
    case 'str':
    case 'bool':
      return value.value;
    case 'none':
      return null;
    case 'tuple':
    case 'list':
      return value.items.map(encode);
    case 'dict': {
      const entries: [Encoded, Encoded][] = [];
      for (const [key, item] of value.entries) {
        const k = encode(key);
        const existing = entries.find(([other]) => sameKey(other, k));
        if (existing === undefined) entries.push([k, encode(item)]);
        else existing[1] = encode(item);
      }
      return { map: entries };
    }
    default:
      return { other: value.type };
  }
}

/** A number's value in the encoding (bools are ints to Python's dict). */
function numeric(value: Encoded): number | null {
  if (typeof value === 'boolean') return Number(value);
  if (value !== null && typeof value === 'object' && 'int' in value) return Number(value.int);
  if (value !== null && typeof value === 'object' && 'float' in value) return pythonFloat(value.float);
  return null;
}

function sameKey(a: Encoded, b: Encoded): boolean {
  const opaque = (value: Encoded) => value !== null && typeof value === 'object' && 'other' in value;
  if (opaque(a) || opaque(b)) return false; // complex numbers and bytes are not compared by value here
  const [x, y] = [numeric(a), numeric(b)];
  return x !== null && y !== null ? x === y : same(a, b);
}

function pythonFloat(repr: string): number {
  return { inf: Infinity, '-inf': -Infinity, nan: NaN, Infinity, '-Infinity': -Infinity, NaN }[repr] ?? Number(repr);
}

/** Deep equality of encodings; floats by value (Python writes 1e-05 where JavaScript writes 0.00001). */
function same(a: Encoded, b: Encoded): boolean {
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => same(item, b[i]!));
  }
  if ('float' in a || 'float' in b) return 'float' in a && 'float' in b && Object.is(pythonFloat(a.float), pythonFloat(b.float));
  if ('map' in a || 'map' in b) {
    return 'map' in a && 'map' in b && a.map.length === b.map.length && a.map.every(([k, v], i) => same(k, b.map[i]![0]) && same(v, b.map[i]![1]));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Where our literal_eval disagrees with CPython's on `text`, or null. */
function disagreement(text: string, reference: ReferenceResult): string | null {
  const ours = literalEval(text);
  if ('text' in reference) return ours.kind === 'text' ? null : `we evaluate ${JSON.stringify(text)} where Python fails`;
  if ('error' in reference) return ours.kind === 'failure' ? null : `Python raises ${reference.error} on ${JSON.stringify(text)}, we give ${ours.kind}`;
  if (ours.kind !== 'value') return `Python evaluates ${JSON.stringify(text)} to ${JSON.stringify(reference.value)}, we give ${ours.kind}`;
  const encoded = encode(ours.value);
  // Dict keys we only know by type (bytes, complex) cannot be matched to Python's: the value itself is enough.
  if (JSON.stringify(reference.value).includes('[{"other"')) return null;
  return same(reference.value, encoded) ? null : `${JSON.stringify(text)}: Python ${JSON.stringify(reference.value)}, ours ${JSON.stringify(encoded)}`;
}

const EDGE_CASES = [
  '\n1', '1\n', '1\n\n', '1\n  ', '\n 1', ' 1', '\t1', '1 # c', '1 \\\n', '(1 #c\n)', '1,', '1, 2', '()', '(1)', '-(1)', '--1', '- 1',
  '-0', '-0.0', '00', '01', '00.5', '01e5', '1_000', '1__0', '0x_f', '1.e5', '1e999', '-1e999', '1'.repeat(4300), '1'.repeat(4301),
  '1_'.repeat(3000) + '1', '1 + 2j', '1+2', 'set()', 'set( )', 'set ()', '...', 'None', "f'a'", "'a' 'b'", "'a' b'b'", "u'x'",
  "'\\q'", "'\\x4'", "'\\x41'", "'\\777'", "b'\\xff'", "b'é'", '[1,\n2]', '1\r', '1\f', '\f1', '1\f2', '{1: 2, 1: 3}', '{[1]: 2}',
  "{'a': [1], 'b': c}", "{'a': c, [1]: 2}", "{[1]: 2, 'a': c}", '{1, 2}', '{1, [2]}', '(-1)', '+1', '+True', '1j', '- 1j', '1 - -2j',
  "'a'\n'b'", "('a'\n'b')", '1\\\n+2j', "'''a\nb'''", '"x\\\ny"', '\u00a01', '1\u00a0', '['.repeat(200) + ']'.repeat(200),
  '['.repeat(201) + ']'.repeat(201), '0_0', '0_1', '1if 1 else 2', '1_', '0b2', '1e', '1.5j', '1E+5', '.5', '5.', '0o17', '0O17',
  '0777', "'\\u00e9'", "'\\U0010FFFF'", "'\\U00110000'", "b'\\u00e9'", "r'\\n'", "rb'\\n'", "Rb'x'", "ur'x'", "'a\\\nb'", '1\n  \n',
  '1\n  #c', '\n\n1', '  \n1', '1\n\t', '1\n\n  ', '#c\n1', '1\r\n', '1\r\n  ', '[1,\n  2]\n  ', '(1\n)', '1\\\n  ', '1 \\\n\n',
  '\\\n1', '1\n\f', '1\f\n  ', '1\x00', '1\n \f', "r'\\'", "r'\\''", '[1, 2,]', '{1: 2,}', '(1, 2,)', '[,]', '{,}', '(,)', '1..real',
  '0x', '0b', '0o', '0x1f', '0X1F', '0b101', '0B1', '1e5j', '.e5', '.', '..', '1.5.', '[1][0]', '(1)(2)', '-(-1)', '~1', '+-1',
  "'abc'", '"abc"', "'''abc'''", '"""a"b"""', "'a\"b'", "r'a\\'b'", 'True', 'False', 'None', 'true', 'Ellipsis', 'inf', 'nan',
];

/** Tokens that literals and near-literals are made of. */
const TOKENS = [
  '1', '0', '00', '01', '12', '1_0', '1__0', '1e5', '1e', '1E-3', '.5', '5.', '1.5', '1j', '2J', '0x1f', '0o7', '0b1', '0b2',
  "'a'", '"b"', "''", "b'c'", "r'\\n'", "f'x'", "'\\x41'", "'\\q'", "'\\n'", "u'd'", "'''e'''", 'None', 'True', 'False', 'set', 'x',
  '(', ')', '[', ']', '{', '}', ',', ':', '+', '-', '~', '...', '*', '.', ' ', '  ', '\t', '\n', '#c', '\\\n', '\f',
];

describe.skipIf(unavailable !== null)('literalEval, as CPython 3.11’s ast.literal_eval', () => {
  it('agrees on hand-picked edge cases', () => {
    const reference = runPythonJson<ReferenceResult[]>(REFERENCE_SCRIPT, ['literal'], EDGE_CASES);
    const problems = EDGE_CASES.map((text, i) => disagreement(text, reference[i]!)).filter((d) => d !== null);
    expect(problems).toEqual([]);
  });

  it('agrees on generated token soup, a good share of which Python evaluates', () => {
    const soup = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 8 }).map((tokens) => tokens.join(''));
    // Well-formed collections too, so that deep code (conversion, hashing) is reached often.
    const literal: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...TOKENS.slice(0, 35)),
        fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
        fc.array(tie('value'), { maxLength: 3 }).map((items) => `(${items.join(', ')}${items.length === 1 ? ',' : ''})`),
        fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 3 }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
        fc.tuple(fc.constantFrom('-', '+', '- ', '~'), tie('value')).map(([op, v]) => `${op}${v}`),
        fc.tuple(tie('value'), fc.constantFrom(' + ', ' - ', '+'), tie('value')).map(([a, op, b]) => `${a}${op}${b}`),
      ),
    })).value;
    const texts = fc.sample(fc.oneof(soup, literal), { numRuns: 3000, seed: SEED });
    const reference = runPythonJson<ReferenceResult[]>(REFERENCE_SCRIPT, ['literal'], texts);
    const problems = texts.map((text, i) => disagreement(text, reference[i]!)).filter((d) => d !== null);
    expect(problems, REPRODUCE).toEqual([]);
    const evaluated = reference.filter((r) => 'value' in r).length;
    expect(evaluated, REPRODUCE).toBeGreaterThan(texts.length / 5);
  });
});
if (unavailable !== null) it.skip(`literal_eval cross-checks: skipped because ${unavailable}`, () => {});

describe('literalEval without Python', () => {
  it('reads what pycls reads (values from CPython 3.11)', () => {
    expect(literalEval('1e-5')).toEqual({ kind: 'value', value: { type: 'float', value: 1e-5 } });
    expect(literalEval('1, 2')).toEqual({
      kind: 'value',
      value: { type: 'tuple', items: [{ type: 'int', value: 1n }, { type: 'int', value: 2n }] },
    });
    expect(literalEval('-0')).toEqual({ kind: 'value', value: { type: 'int', value: 0n } });
    expect(literalEval('01')).toEqual({ kind: 'text' });
    expect(literalEval('{[1]: 2}')).toEqual({ kind: 'failure', reason: "unhashable type: 'list'" });
  });

  it('is linear on long input: a million unary minus signs and 200-deep brackets', () => {
    expect(literalEval(`${'-'.repeat(1_000_000)}1`)).toEqual({ kind: 'text' });
    expect(literalEval(`${'('.repeat(300)}1${')'.repeat(300)}`)).toEqual({ kind: 'text' });
  });
});
