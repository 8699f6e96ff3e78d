/**
 * Python's `ast.literal_eval` (CPython 3.11), as yacs applies it to every string value of a pycls config:
 * `1e-5` is a string to PyYAML but the float 1e-05 to pycls, `'[1, 2]'` a list, `abc` stays a string.
 *
 * literal_eval first parses the text as a Python expression, then accepts only literal nodes; yacs keeps the
 * string when either step fails (SyntaxError, ValueError). So we only need to recognise literals exactly:
 * anything that is not one is kept as text. Work is linear in the text (one tokenizer pass, a parser whose
 * recursion is bounded by Python's own limit of 200 nested brackets).
 */

/** A Python value literal_eval can return (ints exact, as Python's). */
export type PythonValue =
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'none' }
  | { readonly type: 'complex' | 'bytes' | 'ellipsis' }
  | { readonly type: 'tuple' | 'list' | 'set'; readonly items: readonly PythonValue[] }
  | { readonly type: 'dict'; readonly entries: readonly (readonly [PythonValue, PythonValue])[] };

/** What `literal_eval(text)` does: return a value, fail so that yacs keeps the text, or stop pycls. */
export type LiteralResult =
  | { readonly kind: 'value'; readonly value: PythonValue }
  | { readonly kind: 'text' }
  | { readonly kind: 'failure'; readonly reason: string };

/** CPython's tokenizer refuses more nested brackets than this ("too many nested parentheses"). */
const MAX_PYTHON_NESTING = 200;
/** CPython 3.11 refuses decimal integer literals longer than this (`sys.get_int_max_str_digits()`). */
const MAX_PYTHON_INT_DIGITS = 4300;

/** literal_eval failed with SyntaxError or ValueError: yacs keeps the string. */
class NotLiteral extends Error {}
/**
 * literal_eval raised something other than SyntaxError or ValueError (a TypeError for an unhashable dict key
 * or set element), which stops pycls; or a literal we cannot evaluate (a `\N{name}` escape).
 */
class LiteralFailure extends Error {}

/** Evaluates `text` as `ast.literal_eval` does, in linear time. */
export function literalEval(text: string): LiteralResult {
  if (cannotBeLiteral(text)) return { kind: 'text' };
  try {
    const node = new LiteralParser(text).parseExpression();
    return { kind: 'value', value: convert(node) };
  } catch (error) {
    if (error instanceof NotLiteral) return { kind: 'text' };
    if (error instanceof LiteralFailure) return { kind: 'failure', reason: error.message };
    throw error;
  }
}

/** Characters (after leading spaces and tabs) that can begin a literal, or the blank lines before one. */
const LITERAL_START = /^[ \t]*(?:[0-9.+\-~'"([{\\#\n\r\f]|(?:None|True|False|set)(?![A-Za-z0-9_])|(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])['"])/;

/**
 * True when `text` certainly is no literal: most config strings (`regnet`, `relu`, `/tmp/out`) are told
 * apart by their first characters without tokenizing.
 */
function cannotBeLiteral(text: string): boolean {
  return !LITERAL_START.test(text);
}

// ---- Tokens -------------------------------------------------------------------------------------

type Token =
  | { readonly kind: 'number'; readonly value: PythonValue }
  | { readonly kind: 'string'; readonly value: PythonValue | 'fstring' }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'op'; readonly op: string }
  | { readonly kind: 'newline' }
  | { readonly kind: 'end' };

const SPACE = /[ \t\f]/;
const IDENTIFIER = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const IDENTIFIER_CHAR = /[\p{ID_Continue}]/u;
const STRING_PREFIXES = new Set(['r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf']);
/** Python's number grammar: prefixed integers, and decimal integers, floats and imaginary numbers. */
const PREFIXED_INT = /0(?:[bB](?:_?[01])+|[oO](?:_?[0-7])+|[xX](?:_?[0-9a-fA-F])+)/y;
const DECIMAL_NUMBER = /(?:[0-9](?:_?[0-9])*)?(?:\.(?:[0-9](?:_?[0-9])*)?)?(?:[eE][-+]?[0-9](?:_?[0-9])*)?[jJ]?/y;
const OPERATORS = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '+', '-', '~']);

/**
 * CPython's tokenizer for the tokens a literal can contain. Anything else (another operator, a character
 * Python does not allow, bad indentation) is a SyntaxError, i.e. not a literal.
 */
class Tokenizer {
  private pos = 0;
  private depth = 0;
  /** No token yet on this logical line (at bracket depth 0). */
  private lineStart = true;
  /** Spaces or tabs before the first token of this line: an IndentationError, as a statement may not be indented. */
  private indented = false;
  private readonly text: string;

  constructor(source: string) {
    if (source.includes('\0')) throw new NotLiteral('null byte');
    // literal_eval strips leading spaces and tabs; the tokenizer reads every newline as \n.
    this.text = source.replace(/^[ \t]+/, '').replace(/\r\n?/g, '\n');
  }

  next(): Token {
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) return this.endOfInput();
      if (SPACE.test(c)) {
        if (this.lineStart) this.indented = c !== '\f'; // a form feed resets the indentation count
        this.pos++;
      } else if (c === '#') {
        this.indented = false; // a comment line is a blank line
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      } else if (c === '\\') {
        if (this.text[this.pos + 1] !== '\n') throw new NotLiteral('backslash');
        this.pos += 2;
        if (this.pos === this.text.length) throw new NotLiteral('EOF after a line continuation');
      } else if (c === '\n') {
        this.pos++;
        if (this.depth > 0) continue;
        const hadToken = !this.lineStart;
        this.lineStart = true;
        this.indented = false;
        if (hadToken) return { kind: 'newline' };
      } else {
        if (this.depth === 0 && this.lineStart && this.indented) throw new NotLiteral('unexpected indent');
        this.lineStart = false;
        return this.token(c);
      }
    }
  }

  private endOfInput(): Token {
    if (this.depth > 0) throw new NotLiteral('unclosed bracket');
    // CPython reads a last line of only spaces or tabs as an unexpected indent.
    if (this.lineStart && this.indented) throw new NotLiteral('unexpected indent at the end');
    return { kind: 'end' };
  }

  private token(c: string): Token {
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(this.text[this.pos + 1] ?? ''))) return this.number();
    if (c === '"' || c === "'") return this.string('');
    IDENTIFIER.lastIndex = this.pos;
    const identifier = IDENTIFIER.exec(this.text);
    if (identifier !== null) {
      const word = identifier[0];
      this.pos += word.length;
      const quote = this.text[this.pos];
      if ((quote === '"' || quote === "'") && STRING_PREFIXES.has(word.toLowerCase())) return this.string(word.toLowerCase());
      return { kind: 'name', name: word };
    }
    if (this.text.startsWith('...', this.pos)) {
      this.pos += 3;
      return { kind: 'number', value: { type: 'ellipsis' } };
    }
    if (!OPERATORS.has(c)) throw new NotLiteral(`operator ${c}`);
    this.pos++;
    if (c === '(' || c === '[' || c === '{') {
      if (this.depth >= MAX_PYTHON_NESTING) throw new NotLiteral('too many nested parentheses');
      this.depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      if (this.depth === 0) throw new NotLiteral('unmatched bracket');
      this.depth--;
    }
    return { kind: 'op', op: c };
  }

  /** A number token, by Python's grammar (underscores between digits, no leading zeros in decimal ints). */
  private number(): Token {
    PREFIXED_INT.lastIndex = this.pos;
    const prefixed = PREFIXED_INT.exec(this.text);
    if (prefixed !== null) {
      this.pos += prefixed[0].length;
      this.endOfNumber();
      return { kind: 'number', value: { type: 'int', value: BigInt(prefixed[0].replace(/_/g, '')) } };
    }
    DECIMAL_NUMBER.lastIndex = this.pos;
    const literal = DECIMAL_NUMBER.exec(this.text)![0];
    this.pos += literal.length;
    this.endOfNumber();
    const plain = literal.replace(/_/g, '');
    if (/[jJ]$/.test(plain)) return { kind: 'number', value: { type: 'complex' } };
    if (/[.eE]/.test(plain)) return { kind: 'number', value: { type: 'float', value: Number(plain) } };
    if (/^0+$/.test(plain)) return { kind: 'number', value: { type: 'int', value: 0n } };
    if (plain.startsWith('0')) throw new NotLiteral('leading zeros');
    if (plain.length > MAX_PYTHON_INT_DIGITS) throw new NotLiteral('integer literal beyond the digit limit');
    return { kind: 'number', value: { type: 'int', value: BigInt(plain) } };
  }

  /** A number directly followed by a letter, digit or underscore is an invalid literal. */
  private endOfNumber(): void {
    const c = this.text[this.pos];
    if (c !== undefined && (IDENTIFIER_CHAR.test(c) || c === '.')) throw new NotLiteral('invalid number');
  }

  /** A string or bytes literal, with its prefix already read. */
  private string(prefix: string): Token {
    const quote = this.text[this.pos]!;
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.pos += delimiter.length;
    const raw = prefix.includes('r');
    const bytes = prefix.includes('b');
    let value = '';
    for (;;) {
      if (this.pos >= this.text.length) throw new NotLiteral('unterminated string');
      if (this.text.startsWith(delimiter, this.pos)) {
        this.pos += delimiter.length;
        break;
      }
      const c = this.text[this.pos]!;
      if (c === '\n' && !triple) throw new NotLiteral('newline in string');
      if (bytes && c > '\x7f') throw new NotLiteral('non-ASCII character in bytes');
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next === undefined) throw new NotLiteral('unterminated string');
        if (raw) {
          value += c + next;
          this.pos += 2;
        } else {
          value += this.escape(bytes);
        }
        continue;
      }
      value += c;
      this.pos++;
    }
    if (prefix.includes('f')) return { kind: 'string', value: 'fstring' };
    if (bytes) return { kind: 'string', value: { type: 'bytes' } };
    return { kind: 'string', value: { type: 'str', value } };
  }

  /** One backslash escape of a non-raw literal (the backslash at `pos`); returns its characters. */
  private escape(bytes: boolean): string {
    const next = this.text[this.pos + 1]!;
    this.pos += 2;
    const simple: Record<string, string> = { '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (Object.hasOwn(simple, next)) return simple[next]!;
    if (/[0-7]/.test(next)) {
      const octal = /[0-7]{0,2}/y;
      octal.lastIndex = this.pos;
      const digits = next + octal.exec(this.text)![0];
      this.pos += digits.length - 1;
      return String.fromCodePoint(parseInt(digits, 8));
    }
    const hexLength = next === 'x' ? 2 : !bytes && next === 'u' ? 4 : !bytes && next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = this.text.slice(this.pos, this.pos + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) throw new NotLiteral('truncated \\x escape');
      this.pos += hexLength;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new NotLiteral('escape beyond U+10FFFF');
      return String.fromCodePoint(code);
    }
    if (next === 'N' && !bytes) throw new LiteralFailure('a \\N{...} escape, which fastscale cannot evaluate');
    return `\\${next}`; // unknown escapes keep their backslash
  }
}

// ---- Parser -------------------------------------------------------------------------------------

/** Syntax tree of the literal subset of Python expressions (names stand for every other atom). */
type Node =
  | { readonly kind: 'constant'; readonly value: PythonValue }
  | { readonly kind: 'nonliteral' } // a name, an f-string: valid syntax that literal_eval refuses
  | { readonly kind: 'unary'; readonly op: string; readonly operand: Node }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly kind: 'tuple' | 'list' | 'set'; readonly items: readonly Node[] }
  | { readonly kind: 'dict'; readonly keys: readonly Node[]; readonly values: readonly Node[] }
  | { readonly kind: 'empty-set' };

class LiteralParser {
  private readonly tokens: Tokenizer;
  private current: Token;

  constructor(text: string) {
    this.tokens = new Tokenizer(text);
    this.current = this.tokens.next();
  }

  /** The whole text as one expression (a bare `1, 2` is a tuple), then only blank lines. */
  parseExpression(): Node {
    const node = this.expressionList(['newline', 'end']);
    if (this.current.kind === 'newline') this.advance();
    if (this.current.kind !== 'end') throw new NotLiteral('text after the expression');
    return node;
  }

  private advance(): void {
    this.current = this.tokens.next();
  }

  private isOp(op: string): boolean {
    return this.current.kind === 'op' && this.current.op === op;
  }

  private expect(op: string): void {
    if (!this.isOp(op)) throw new NotLiteral(`expected ${op}`);
    this.advance();
  }

  private atEnd(closers: readonly string[]): boolean {
    const token = this.current;
    return token.kind === 'op' ? closers.includes(token.op) : closers.includes(token.kind);
  }

  /** `a`, `a,`, `a, b`: a tuple when there is a comma. */
  private expressionList(closers: readonly string[]): Node {
    const first = this.sum();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.advance();
      if (this.atEnd(closers)) break;
      items.push(this.sum());
    }
    return { kind: 'tuple', items };
  }

  /** `a + b - c`, left-associative. */
  private sum(): Node {
    let left = this.unary();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.current as { op: string }).op;
      this.advance();
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  /** Prefix operators, read in a loop so that a long chain cannot exhaust the stack. */
  private unary(): Node {
    const ops: string[] = [];
    while (this.isOp('+') || this.isOp('-') || this.isOp('~')) {
      ops.push((this.current as { op: string }).op);
      this.advance();
    }
    let node = this.atom();
    for (let i = ops.length - 1; i >= 0; i--) node = { kind: 'unary', op: ops[i]!, operand: node };
    return node;
  }

  private atom(): Node {
    const token = this.current;
    switch (token.kind) {
      case 'number':
        this.advance();
        return { kind: 'constant', value: token.value };
      case 'string':
        return this.strings();
      case 'name':
        return this.name(token.name);
      case 'op':
        this.advance();
        if (token.op === '(') return this.parenthesized();
        if (token.op === '[') return this.bracketList();
        if (token.op === '{') return this.braces();
        throw new NotLiteral(`unexpected ${token.op}`);
      default:
        throw new NotLiteral('unexpected end of expression');
    }
  }

  /** Adjacent string literals concatenate; str and bytes do not mix. */
  private strings(): Node {
    let text = '';
    let fstring = false;
    let bytes: boolean | undefined;
    while (this.current.kind === 'string') {
      const value = this.current.value;
      const isBytes = value !== 'fstring' && value.type === 'bytes';
      if (bytes !== undefined && bytes !== isBytes) throw new NotLiteral('str and bytes concatenated');
      bytes = isBytes;
      if (value === 'fstring') fstring = true;
      else if (value.type === 'str') text += value.value;
      this.advance();
    }
    if (fstring) return { kind: 'nonliteral' };
    return { kind: 'constant', value: bytes === true ? { type: 'bytes' } : { type: 'str', value: text } };
  }

  private name(name: string): Node {
    this.advance();
    if (name === 'None') return { kind: 'constant', value: { type: 'none' } };
    if (name === 'True' || name === 'False') return { kind: 'constant', value: { type: 'bool', value: name === 'True' } };
    if (name === 'set' && this.isOp('(')) {
      this.advance();
      this.expect(')');
      return { kind: 'empty-set' };
    }
    return { kind: 'nonliteral' };
  }

  /** `()`, `(a)`, `(a,)`, `(a, b)`. */
  private parenthesized(): Node {
    if (this.isOp(')')) {
      this.advance();
      return { kind: 'tuple', items: [] };
    }
    const node = this.expressionList([')']);
    this.expect(')');
    return node;
  }

  private bracketList(): Node {
    const items = this.items(']');
    return { kind: 'list', items };
  }

  /** Comma-separated expressions up to `closer`, a trailing comma allowed. */
  private items(closer: string): Node[] {
    const items: Node[] = [];
    while (!this.isOp(closer)) {
      items.push(this.sum());
      if (!this.isOp(',')) break;
      this.advance();
    }
    this.expect(closer);
    return items;
  }

  /** `{}` (a dict), `{k: v, ...}` or `{a, b}` (a set). */
  private braces(): Node {
    if (this.isOp('}')) {
      this.advance();
      return { kind: 'dict', keys: [], values: [] };
    }
    const first = this.sum();
    if (!this.isOp(':')) {
      const items = [first];
      while (this.isOp(',')) {
        this.advance();
        if (this.isOp('}')) break;
        items.push(this.sum());
      }
      this.expect('}');
      return { kind: 'set', items };
    }
    const keys = [first];
    const values: Node[] = [];
    for (;;) {
      this.expect(':');
      values.push(this.sum());
      if (!this.isOp(',')) break;
      this.advance();
      if (this.isOp('}')) break;
      keys.push(this.sum());
    }
    this.expect('}');
    return { kind: 'dict', keys, values };
  }
}

// ---- literal_eval's conversion ------------------------------------------------------------------

/** `_convert` of CPython 3.11's `ast.literal_eval`, in its order of evaluation. */
function convert(node: Node): PythonValue {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'tuple':
    case 'list':
      return { type: node.kind, items: node.items.map(convert) };
    case 'set': {
      const items = node.items.map(convert);
      for (const item of items) if (!hashable(item)) throw new LiteralFailure(`unhashable type: '${item.type}'`);
      return { type: 'set', items };
    }
    case 'empty-set':
      return { type: 'set', items: [] };
    case 'dict': {
      const entries: [PythonValue, PythonValue][] = [];
      node.keys.forEach((keyNode, i) => {
        const key = convert(keyNode);
        const value = convert(node.values[i]!);
        if (!hashable(key)) throw new LiteralFailure(`unhashable type: '${key.type}'`);
        entries.push([key, value]);
      });
      return { type: 'dict', entries };
    }
    case 'binary': {
      const left = signedNumber(node.left);
      const right = number(node.right);
      if ((left.type === 'int' || left.type === 'float') && right.type === 'complex') return { type: 'complex' };
      throw new NotLiteral('malformed node');
    }
    default:
      return signedNumber(node);
  }
}

function signedNumber(node: Node): PythonValue {
  if (node.kind !== 'unary' || node.op === '~') return number(node);
  const operand = number(node.operand);
  if (node.op === '+') return operand;
  if (operand.type === 'int') return { type: 'int', value: -operand.value };
  if (operand.type === 'float') return { type: 'float', value: -operand.value };
  return operand;
}

function number(node: Node): PythonValue {
  if (node.kind === 'constant' && (node.value.type === 'int' || node.value.type === 'float' || node.value.type === 'complex')) {
    return node.value;
  }
  throw new NotLiteral('malformed node');
}

function hashable(value: PythonValue): boolean {
  if (value.type === 'list' || value.type === 'dict' || value.type === 'set') return false;
  if (value.type === 'tuple') return value.items.every(hashable);
  return true;
}
