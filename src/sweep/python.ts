/**
 * Python values as pycls's yacs configs hold them, and how Python prints them. A sweep's duplicate keys
 * are `"{} {}".format(key, value)` strings, so `22.0`, `1e-05` and `[5, 2, 2, 6]` must come out exactly
 * as Python writes them; and a config dump writes `1` and `1.0` differently, so ints and floats stay
 * apart: a Python int is a `bigint`, a Python float a `number`.
 */
import { describe } from '../internal/describe.js';
import { atBoundary, ownedArray } from '../internal/read.js';
import { SweepError } from './errors.js';

/**
 * A Python value in a pycls (yacs) config: `None` is `null`, an int a `bigint` (so that `1` and `1.0`
 * stay distinct), a float a `number`, a list an array, a config node a {@link PyConfigNode}.
 *
 * @example
 * ```ts
 * import type { PyValue } from 'fastscale';
 * const depth: PyValue = 13n; // REGNET.DEPTH: 13
 * const wa: PyValue = 22.0; // REGNET.WA: 22.0
 * const widths: PyValue = [96n, 192n];
 * ```
 */
export type PyValue = null | boolean | string | bigint | number | readonly PyValue[] | PyConfigNode;

/**
 * A yacs `CfgNode`: keys in insertion order, values {@link PyValue}s.
 *
 * @example
 * ```ts
 * import type { PyConfigNode } from 'fastscale';
 * const optim: PyConfigNode = { BASE_LR: 1.0, MAX_EPOCH: 50n, NESTEROV: true };
 * ```
 */
export interface PyConfigNode {
  readonly [key: string]: PyValue;
}

/** Python's `type(value).__name__` for a {@link PyValue}. */
export function pythonType(value: PyValue): 'NoneType' | 'bool' | 'str' | 'int' | 'float' | 'list' | 'CfgNode' {
  if (value === null) return 'NoneType';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    default:
      return Array.isArray(value) ? 'list' : 'CfgNode';
  }
}

/** True for a config node (not a list, not a scalar). */
export function isNode(value: PyValue | undefined): value is PyConfigNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Python's `repr(float)`: the shortest digits that read back as the same double (JavaScript finds the
 * same ones), written in fixed notation for decimal exponents -4..15 (`22.0`, `0.0001`) and in scientific
 * notation with at least two exponent digits otherwise (`1e-05`, `1e+16`).
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-tripping digits.
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
  }
  const exponentDigits = String(Math.abs(exponent)).padStart(2, '0');
  const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${body}e${exponent < 0 ? '-' : '+'}${exponentDigits}`;
}

/** Python 3's `repr(str)`: single quotes unless the text has one and no double quote; escapes as CPython's. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && NOT_PRINTABLE.test(ch)) {
      if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`;
      else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

/** Characters Python's `str.isprintable()` rejects (other than the ASCII ones handled above). */
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

/**
 * Python's `repr()` of a {@link PyValue}: `None`, `True`, `13`, `22.0`, `'relu'`, `[5, 2, 2, 6]`,
 * `{'A': 1}`.
 *
 * @example
 * ```ts
 * import { pythonRepr } from 'fastscale';
 * pythonRepr([5n, 2.0, 'relu', null]); // "[5, 2.0, 'relu', None]"
 * pythonRepr(1e-5); // '1e-05'
 * ```
 */
export function pythonRepr(value: PyValue): string {
  return pyRepr(ownPyValue(value, 'value'));
}

/** {@link pythonRepr} of a value of our own (no checks: the hot path of sampling). */
export function pyRepr(value: PyValue): string {
  if (value === null) return 'None';
  switch (typeof value) {
    case 'boolean':
      return value ? 'True' : 'False';
    case 'string':
      return pythonStringRepr(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return pythonFloatRepr(value);
    default:
      if (Array.isArray(value)) return `[${(value as readonly PyValue[]).map(pyRepr).join(', ')}]`;
      return `{${Object.entries(value as PyConfigNode).map(([k, v]) => `${pythonStringRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
}

/**
 * Python's `str()` of a {@link PyValue}, what `"{}".format(value)` writes: a string as itself, anything
 * else as {@link pythonRepr}. pycls joins sampled keys and values with it into a sample's key.
 *
 * @example
 * ```ts
 * import { pythonStr } from 'fastscale';
 * pythonStr(22.0); // '22.0'
 * pythonStr('relu'); // 'relu'
 * pythonStr([96n, 192n]); // '[96, 192]'
 * ```
 */
export function pythonStr(value: PyValue): string {
  return pyStr(ownPyValue(value, 'value'));
}

/** {@link pythonStr} of a value of our own (no checks). */
export function pyStr(value: PyValue): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** Deepest nesting, and most values, of a Python value read from a caller. */
const MAX_PY_DEPTH = 100;
const MAX_PY_VALUES = 1_000_000;

/**
 * A caller's value as a Python value of our own: None, bool, int (bigint), float, str, lists and config
 * nodes (plain objects), each read once (no getters re-read, no holes, no prototype values), nesting and
 * size bounded. Anything else is a {@link SweepError} naming where it is.
 */
export function ownPyValue(value: unknown, path: string): PyValue {
  const budget = { values: 0 };
  return atBoundary(() => copyPyValue(value, path, 0, budget), SweepError);
}

function copyPyValue(value: unknown, path: string, depth: number, budget: { values: number }): PyValue {
  if (++budget.values > MAX_PY_VALUES) throw new SweepError(path, `holds more than ${MAX_PY_VALUES} values`);
  if (value === null || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'bigint' || typeof value === 'number') return value;
  if (typeof value !== 'object') throw new SweepError(path, `${describe(value)} is not a Python value (None, bool, int, float, str, a list or a config node)`);
  if (depth >= MAX_PY_DEPTH) throw new SweepError(path, `nests deeper than ${MAX_PY_DEPTH} levels`);
  if (Array.isArray(value)) {
    return ownedArray(value, path, SweepError, { value: MAX_PY_VALUES, name: 'the value limit' }, 'values').map((item, i) => copyPyValue(item, `${path}[${i}]`, depth + 1, budget));
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw new SweepError(path, `${describe(value)} is not a Python value (a plain object is a config node)`);
  const node: PyConfigNode = {};
  for (const key of Object.keys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (!('value' in descriptor)) throw new SweepError(`${path}.${key}`, 'is a getter or setter; give plain data');
    Object.defineProperty(node, key, { value: copyPyValue(descriptor.value, `${path}.${key}`, depth + 1, budget), enumerable: true, writable: true, configurable: true });
  }
  return node;
}

/** A Python tuple from `literal_eval`: yacs turns it into a list where the config holds a list. */
export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

/** What {@link literalEval} can return: a value, or a tuple (only ever transient). */
export type LiteralValue = PyValue | PyTuple;

/**
 * Python's `ast.literal_eval` on the literals a config can hold: ints (`0x1f`, `1_000`), floats (`1e-5`,
 * `.5`), strings, `True`/`False`/`None`, lists, tuples and dicts of them, with unary signs. Returns
 * `undefined` where Python raises ValueError or SyntaxError (yacs then keeps the string as it is).
 *
 * @throws {@link SweepError} for literals Python accepts but a config cannot hold (complex numbers,
 * bytes, sets), with `path` as given
 */
export function literalEval(text: string, path: string): LiteralValue | undefined {
  const parser = new LiteralParser(text.replace(/^[ \t]+/, ''), path);
  try {
    const value = parser.expression();
    parser.skipSpace();
    return parser.atEnd() ? value : undefined;
  } catch (error) {
    if (error instanceof NotALiteral) return undefined;
    throw error;
  }
}

class NotALiteral extends Error {}

const NUMBER =
  /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][-+]?[0-9](?:_?[0-9])*)?)[jJ]?/;

class LiteralParser {
  #at = 0;
  constructor(
    readonly text: string,
    readonly path: string,
  ) {}

  atEnd(): boolean {
    return this.#at >= this.text.length;
  }

  skipSpace(): void {
    for (;;) {
      const ch = this.text[this.#at];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') this.#at++;
      else if (ch === '\\' && this.text[this.#at + 1] === '\n') this.#at += 2;
      else if (ch === '#') {
        while (this.#at < this.text.length && this.text[this.#at] !== '\n') this.#at++;
      } else return;
    }
  }

  #peek(): string | undefined {
    this.skipSpace();
    return this.text[this.#at];
  }

  expression(): LiteralValue {
    const first = this.#item();
    if (this.#peek() !== ',') return first;
    // A bare tuple: `1, 2`.
    const items = [first];
    while (this.#peek() === ',') {
      this.#at++;
      const next = this.#peek();
      if (next === undefined || next === ')' || next === ']' || next === '}') break;
      items.push(this.#item());
    }
    return new PyTuple(items.map((item) => this.#plain(item)));
  }

  #plain(value: LiteralValue): PyValue {
    // Tuples nested inside containers stay tuples in Python; a config value cannot hold one.
    if (value instanceof PyTuple) throw new SweepError(this.path, `${this.text} holds a tuple inside a container, which a config cannot hold`);
    return value;
  }

  #item(): LiteralValue {
    const ch = this.#peek();
    if (ch === undefined) throw new NotALiteral();
    if (ch === '-' || ch === '+') {
      this.#at++;
      // literal_eval takes one sign on a number, not `--5`.
      const next = this.#peek();
      if (next === '-' || next === '+') throw new NotALiteral();
      const operand = this.#item();
      if (typeof operand === 'bigint') return ch === '-' ? -operand : operand;
      if (typeof operand === 'number') return ch === '-' ? -operand : operand;
      throw new NotALiteral();
    }
    if (ch === '[') return this.#sequence(']', (items) => items);
    if (ch === '(') {
      this.#at++;
      if (this.#peek() === ')') {
        this.#at++;
        return new PyTuple([]);
      }
      const inner = this.expression();
      if (this.#peek() !== ')') throw new NotALiteral();
      this.#at++;
      return inner;
    }
    if (ch === '{') return this.#mapping();
    if (ch === "'" || ch === '"') return this.#string();
    const rest = this.text.slice(this.#at);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0];
    if (word !== undefined) {
      if (/^[bBrRuUfF]{1,2}$/.test(word) && (rest[word.length] === "'" || rest[word.length] === '"')) {
        if (/[bB]/.test(word)) throw new SweepError(this.path, `${this.text} is a bytes literal, which a config cannot hold`);
        if (/[fF]/.test(word)) throw new NotALiteral();
        this.#at += word.length;
        return this.#string(/[rR]/.test(word));
      }
      this.#at += word.length;
      if (word === 'True') return true;
      if (word === 'False') return false;
      if (word === 'None') return null;
      throw new NotALiteral();
    }
    const number = NUMBER.exec(rest)?.[0];
    if (number === undefined) throw new NotALiteral();
    this.#at += number.length;
    // `1+2j` is a literal too (a complex number), which no config value can be.
    if (/^\s*[-+]\s*[0-9.][0-9_.eE+-]*[jJ]/.test(this.text.slice(this.#at))) {
      throw new SweepError(this.path, `${this.text} is a complex number, which a config cannot hold`);
    }
    return this.#number(number);
  }

  #number(text: string): bigint | number {
    if (/[jJ]$/.test(text)) throw new SweepError(this.path, `${this.text} is a complex number, which a config cannot hold`);
    const clean = text.replace(/_/g, '');
    if (/^0[xXoObB]/.test(clean)) return BigInt(clean.toLowerCase());
    if (/^[0-9]+$/.test(clean)) {
      // Python 3 forbids leading zeros in a non-zero decimal integer.
      if (clean.length > 1 && clean.startsWith('0') && /[1-9]/.test(clean)) throw new NotALiteral();
      return BigInt(clean);
    }
    return Number(clean);
  }

  #string(raw = false): string {
    const quote = this.text[this.#at]!;
    const triple = this.text.startsWith(quote.repeat(3), this.#at);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.#at += delimiter.length;
    let out = '';
    for (;;) {
      if (this.atEnd()) throw new NotALiteral();
      if (this.text.startsWith(delimiter, this.#at)) {
        this.#at += delimiter.length;
        break;
      }
      const ch = this.text[this.#at]!;
      if (ch === '\n' && !triple) throw new NotALiteral();
      if (ch === '\\' && !raw) {
        const [value, length] = this.#escape();
        out += value;
        this.#at += length;
        continue;
      }
      if (ch === '\\' && raw) {
        out += this.text.slice(this.#at, this.#at + 2);
        this.#at += 2;
        continue;
      }
      out += ch;
      this.#at++;
    }
    // Adjacent string literals concatenate.
    const next = this.#peek();
    if (next === "'" || next === '"') return out + this.#string();
    return out;
  }

  #escape(): [string, number] {
    const next = this.text[this.#at + 1];
    const simple: Record<string, string> = { '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (next !== undefined && next in simple) return [simple[next]!, 2];
    const hex = (length: number): [string, number] => {
      const digits = this.text.slice(this.#at + 2, this.#at + 2 + length);
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) throw new NotALiteral();
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) throw new NotALiteral();
      return [String.fromCodePoint(code), 2 + length];
    };
    if (next === 'x') return hex(2);
    if (next === 'u') return hex(4);
    if (next === 'U') return hex(8);
    const octal = /^[0-7]{1,3}/.exec(this.text.slice(this.#at + 1))?.[0];
    if (octal !== undefined) return [String.fromCodePoint(parseInt(octal, 8)), 1 + octal.length];
    if (next === 'N') throw new NotALiteral();
    return ['\\', 1];
  }

  #sequence(close: string, make: (items: PyValue[]) => PyValue): PyValue {
    this.#at++;
    const items: PyValue[] = [];
    for (;;) {
      if (this.#peek() === close) {
        this.#at++;
        return make(items);
      }
      items.push(this.#plain(this.#item()));
      const separator = this.#peek();
      if (separator === ',') this.#at++;
      else if (separator !== close) throw new NotALiteral();
    }
  }

  #mapping(): never {
    // A dict or set literal: yacs would keep it as a plain dict, which no config key accepts.
    throw new SweepError(this.path, `${this.text} is a dict or set literal, which a config value cannot be`);
  }
}
