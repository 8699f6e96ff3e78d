/**
 * YAML as pycls reads it: PyYAML 6's `yaml.safe_load` (a YAML 1.1 reader), then yacs's `literal_eval` of
 * every string value of a mapping. The yaml package parses; types, tags, merge keys and aliases are resolved
 * here with PyYAML's rules, and the work is bounded before it is done (see the limits below).
 */
import { Composer, CST, isAlias, isMap, isScalar, isSeq, Lexer, Parser, type Alias, type Document, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { SpecError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { resolvePlain } from './pyyaml-resolve.js';
import { literalEval, type PythonValue } from './python-literal.js';

/**
 * Longest YAML text read, in characters (256 KiB): pycls's largest config is about 3 KB, and the slowest text
 * of this size parses in well under a second.
 *
 * @example
 * ```ts
 * import { MAX_YAML_LENGTH } from 'fastscale';
 * const fits = (text: string) => text.length <= MAX_YAML_LENGTH;
 * ```
 */
export const MAX_YAML_LENGTH = 262_144;

/**
 * Most values (scalars, lists and mappings, keys included, aliases counted as the values they expand to) in
 * one YAML text: bounds the memory an alias bomb ("billion laughs") can claim.
 *
 * @example
 * ```ts
 * import { MAX_YAML_NODES } from 'fastscale';
 * console.log(`configs may hold up to ${MAX_YAML_NODES} values`);
 * ```
 */
export const MAX_YAML_NODES = 50_000;

/**
 * Most aliases (`*name`) in one YAML text.
 *
 * @example
 * ```ts
 * import { MAX_YAML_ALIASES } from 'fastscale';
 * console.log(`configs may use up to ${MAX_YAML_ALIASES} aliases`);
 * ```
 */
export const MAX_YAML_ALIASES = 1_000;

/**
 * Deepest nesting of lists and mappings (a pycls config nests 2 deep): keeps every recursive step, ours and the
 * parser's, far from the stack limit.
 *
 * @example
 * ```ts
 * import { MAX_YAML_DEPTH } from 'fastscale';
 * console.log(`configs may nest up to ${MAX_YAML_DEPTH} levels`);
 * ```
 */
export const MAX_YAML_DEPTH = 100;

/** A value as PyYAML + yacs read it: ints and floats are both numbers; mappings have string keys. */
export type PyyamlValue = null | boolean | number | string | PyyamlValue[] | PyyamlMapping;

/** A YAML mapping, as an object without prototype: keys such as `__proto__` or `toString` are plain data. */
export interface PyyamlMapping {
  [key: string]: PyyamlValue;
}

/**
 * Reads YAML text as pycls does: PyYAML's `safe_load` (YAML 1.1: `True`, `on` and `yes` are booleans,
 * `0o17`-style `017` is octal, `1e-5` and `.` are strings, `<<` merges, `!!float 1` is 1.0), then yacs's
 * `literal_eval` of each string value reached through mappings from the root (so `LR: 1e-5` is the number 1e-05,
 * `A: '[1, 2]'` a list, `OUT_DIR: .` stays a string; strings inside lists are left alone, as yacs leaves them).
 *
 * Where PyYAML and pycls would accept something fastscale cannot hold or that is certainly a mistake, this
 * refuses it: a key given twice in one mapping (PyYAML keeps the last), a key that is not a string, a
 * recursive alias, timestamps, binary, sets, ordered maps, complex numbers, and integers beyond double range.
 *
 * @throws {@link SpecError} whose reason gives the line and column: for text that is not YAML, more than one
 * document, an undefined or duplicate anchor, and for input beyond {@link MAX_YAML_LENGTH},
 * {@link MAX_YAML_NODES}, {@link MAX_YAML_ALIASES} or {@link MAX_YAML_DEPTH}
 */
export function loadPyclsYaml(text: string): PyyamlValue {
  if (typeof text !== 'string') throw new SpecError('', `${describe(text)} is not a YAML string`);
  if (text.length > MAX_YAML_LENGTH) {
    throw new SpecError('', `the YAML text has ${text.length} characters, more than MAX_YAML_LENGTH (${MAX_YAML_LENGTH})`);
  }
  const where = locator(text);
  checkCharacters(text, where);
  const docs = parseDocuments(text, where);
  if (docs.length === 0) return null; // an empty stream is None, as in PyYAML
  for (const doc of docs.slice(0, 2)) {
    const problem = doc.errors[0] ?? doc.warnings.find((warning) => !IGNORED_WARNINGS.has(warning.code));
    if (problem !== undefined) {
      throw new SpecError('', `invalid YAML ${where(problem.pos[0])}: ${parserReason(problem.message, problem.code)}`, { cause: problem });
    }
  }
  if (docs.length > 1) {
    throw new SpecError('', `invalid YAML ${where(docs[1]!.range[0])}: expected a single document in the stream, but found another document`);
  }
  return new Constructor(where).document(docs[0]!.contents);
}

/**
 * The checks {@link loadPyclsYaml} makes before composing, for other readers of YAML text (the sweep files):
 * length, characters, and nesting, values and aliases from the token stream. Returns the locator of the
 * text (`at line L, column C`) for their own messages.
 *
 * @throws {@link SpecError} as {@link loadPyclsYaml} does
 */
export function checkYamlText(text: string): (offset: number) => string {
  if (text.length > MAX_YAML_LENGTH) {
    throw new SpecError('', `the YAML text has ${text.length} characters, more than MAX_YAML_LENGTH (${MAX_YAML_LENGTH})`);
  }
  const where = locator(text);
  checkCharacters(text, where);
  const shape = new ShapeCheck(where);
  for (const lexeme of new Lexer().lex(text)) shape.see(lexeme);
  return where;
}

/** The parser's reason for a problem, with the location in front: `at line L, column C: reason`. */
export function yamlProblem(where: (offset: number) => string, problem: { readonly pos: readonly number[]; readonly message: string; readonly code: string }): string {
  return `${where(problem.pos[0] ?? 0)}: ${parserReason(problem.message, problem.code)}`;
}

/**
 * The documents of a text: lexed once, each token checked (nesting, counts) before the syntax tree is
 * composed, since composing recurses once per nesting level. The yaml package parses; our own schema-free
 * reading follows (tags resolved by PyYAML's rules).
 */
function parseDocuments(text: string, where: Locator): Document.Parsed[] {
  const shape = new ShapeCheck(where);
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    shape.see(lexeme);
    for (const token of parser.next(lexeme)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  const composer = new Composer({ version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false });
  return Array.from(composer.compose(tokens));
}

/**
 * Warnings that are not errors here: we resolve every tag ourselves (PyYAML's rules, not the yaml package's
 * schema), and PyYAML ignores directives it does not know.
 */
const IGNORED_WARNINGS = new Set(['TAG_RESOLVE_FAILED', 'BAD_COLLECTION_TYPE', 'BAD_DIRECTIVE']);

/** The parser's own words, without the location it appends (we give it in front) and never empty. */
function parserReason(message: string, code: string): string {
  const reason = message.replace(/ at line \d+, column \d+[\s\S]*$/, '').trim();
  return reason === '' ? code : reason;
}

/** `at line L, column C` (1-based) of an offset in the text. */
type Locator = (offset: number) => string;

function locator(text: string): Locator {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let [low, high] = [0, lineStarts.length - 1];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return `at line ${low + 1}, column ${offset - lineStarts[low]! + 1}`;
  };
}

/** PyYAML's reader refuses control characters, lone surrogates and U+FFFE/U+FFFF ("special characters"). */
const NON_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

function checkCharacters(text: string, where: Locator): void {
  const match = NON_PRINTABLE.exec(text);
  if (match !== null) {
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new SpecError('', `invalid YAML ${where(match.index)}: unacceptable character #x${code}: special characters are not allowed`);
  }
}

/**
 * Bounds nesting, scalars and aliases from the token stream, before the syntax tree is composed: the composer
 * recurses per nesting level, and an alias bomb is small text. Block nesting is followed as PyYAML's scanner
 * follows it, by a stack of the columns where block mappings and lists start (a list may start at its
 * mapping's column); flow nesting by counting brackets.
 */
class ShapeCheck {
  private offset = 0;
  private lineStart = 0;
  private flowDepth = 0;
  private scalars = 0;
  private aliases = 0;
  private readonly blocks: { readonly column: number; readonly list: boolean }[] = [];
  /** Where the node on this line that a `:` would make a key starts. */
  private keyColumn: number | undefined;
  /** Anchors and tags of the node to come (the parser is slow on long runs of them). */
  private anchors = 0;
  private tags = 0;

  constructor(private readonly where: Locator) {}

  /** One lexer token, in order. */
  see(token: string): void {
    if (token === CST.DOCUMENT || token === CST.FLOW_END || token === CST.SCALAR) return; // markers, not text
    const start = this.offset;
    this.offset += token.length;
    const type = CST.tokenType(token);
    const column = start - this.lineStart;
    const newline = token.lastIndexOf('\n');
    if (newline !== -1) {
      this.lineStart = start + newline + 1;
      this.keyColumn = undefined;
    }
    if (type === 'space' || type === 'comment' || type === 'newline' || type === 'comma') return;
    if (type === 'doc-start' || type === 'doc-end' || type === 'directive-line') {
      this.blocks.length = 0;
      this.keyColumn = undefined;
      return;
    }
    if (type === null || type === 'single-quoted-scalar' || type === 'double-quoted-scalar') this.scalars++;
    if (type === 'alias') this.aliases++;
    if (type === 'anchor' || type === 'tag') {
      if (type === 'anchor' ? ++this.anchors > 1 : ++this.tags > 1) this.fail(start, `a node can have at most one ${type}`);
    } else {
      [this.anchors, this.tags] = [0, 0];
    }
    if (this.flowDepth === 0) {
      if (type === 'seq-item-ind' || type === 'explicit-key-ind') {
        this.open(column, type === 'seq-item-ind');
        this.keyColumn = undefined;
      } else if (type === 'map-value-ind') {
        if (this.keyColumn !== undefined) this.open(this.keyColumn, false);
        this.keyColumn = undefined;
      } else {
        this.keyColumn ??= column;
      }
    }
    if (type === 'flow-map-start' || type === 'flow-seq-start') this.flowDepth++;
    if ((type === 'flow-map-end' || type === 'flow-seq-end') && this.flowDepth > 0) this.flowDepth--;
    if (this.blocks.length + this.flowDepth > MAX_YAML_DEPTH) this.fail(start, `lists and mappings nest deeper than MAX_YAML_DEPTH (${MAX_YAML_DEPTH})`);
    if (this.scalars > MAX_YAML_NODES) this.fail(start, `more than MAX_YAML_NODES (${MAX_YAML_NODES}) values`);
    if (this.aliases > MAX_YAML_ALIASES) this.fail(start, `more than MAX_YAML_ALIASES (${MAX_YAML_ALIASES}) aliases`);
  }

  /** A block collection starting at `column`, closing those it dedents out of. */
  private open(column: number, list: boolean): void {
    for (let top = this.blocks.at(-1); top !== undefined; top = this.blocks.at(-1)) {
      // A deeper block ends here; so does a list at this column when a key of its mapping follows.
      if (top.column > column || (top.column === column && top.list && !list)) this.blocks.pop();
      else break;
    }
    const top = this.blocks.at(-1);
    if (top === undefined || top.column < column || (top.column === column && list && !top.list)) this.blocks.push({ column, list });
  }

  private fail(offset: number, reason: string): never {
    throw new SpecError('', `invalid YAML ${this.where(offset)}: ${reason}`);
  }
}

// ---- PyYAML's resolver and constructor ----------------------------------------------------------

const YAML_TAG = 'tag:yaml.org,2002:';

/** The short tag (`int`, `str`, `map`, ...) of a yaml.org tag, or the full tag of any other. */
function shortTag(tag: string): string {
  return tag.startsWith(YAML_TAG) ? tag.slice(YAML_TAG.length) : tag;
}

/** Python's `str.strip()` whitespace, as `int()` and `float()` skip it. */
const PYTHON_SPACE = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g;

/** Python's `int(text, base)` for the text PyYAML passes it (underscores already removed). */
function pythonInt(text: string, base: 2 | 8 | 10 | 16): bigint | null {
  let digits = text.replace(PYTHON_SPACE, '');
  let negative = false;
  if (digits[0] === '-' || digits[0] === '+') {
    negative = digits[0] === '-';
    digits = digits.slice(1);
  }
  const prefix = { 2: /^0[bB]/, 8: /^0[oO]/, 10: /^$/, 16: /^0[xX]/ }[base];
  digits = digits.replace(prefix, '');
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  if (!valid.test(digits)) return null;
  // CPython 3.11 refuses longer decimal strings (sys.get_int_max_str_digits()).
  if (base === 10 && digits.length > 4300) return null;
  const value = BigInt({ 2: '0b', 8: '0o', 10: '', 16: '0x' }[base] + digits);
  return negative ? -value : value;
}

/** Python's `float(text)`, for the lowercase text PyYAML passes it. */
function pythonFloat(text: string): number | null {
  const value = text.replace(PYTHON_SPACE, '');
  const match = /^([-+]?)(?:(\d+\.?\d*(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?)|(inf|infinity)|(nan))$/.exec(value);
  if (match === null) return null;
  const sign = match[1] === '-' ? -1 : 1;
  if (match[3] !== undefined) return sign * Infinity;
  if (match[4] !== undefined) return NaN;
  return sign * Number(match[2]);
}

/** A scalar's value, or the reason PyYAML (or pycls's config) refuses it. */
type ScalarResult = { readonly value: null | boolean | number | string } | { readonly error: string };

/** PyYAML's `construct_yaml_int`. */
function constructInt(text: string): ScalarResult {
  let value = text.replace(/_/g, '');
  if (value === '') return { error: `${describe(text)} is not an integer` };
  const sign = value[0] === '-' ? -1n : 1n;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  let result: bigint | null;
  if (value === '0') result = 0n;
  else if (value.startsWith('0b')) result = pythonInt(value.slice(2), 2);
  else if (value.startsWith('0x')) result = pythonInt(value.slice(2), 16);
  else if (value.startsWith('0')) result = pythonInt(value, 8);
  else if (value.includes(':')) result = sexagesimal(value.split(':').map((part) => pythonInt(part, 10)));
  else result = value === '' ? null : pythonInt(value, 10);
  if (result === null) return { error: `${describe(text)} is not an integer` };
  const number = Number(sign * result);
  if (!Number.isFinite(number)) return { error: `${describe(text)} is an integer beyond the range of a double` };
  return { value: number };
}

function sexagesimal(digits: readonly (bigint | null)[]): bigint | null {
  let value = 0n;
  for (const digit of digits) {
    if (digit === null) return null;
    value = value * 60n + digit;
  }
  return value;
}

/** PyYAML's `construct_yaml_float`, in its order of floating-point operations. */
function constructFloat(text: string): ScalarResult {
  let value = text.replace(/_/g, '').toLowerCase();
  if (value === '') return { error: `${describe(text)} is not a float` };
  const sign = value[0] === '-' ? -1 : 1;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  if (value === '.inf') return { value: sign * Infinity };
  if (value === '.nan') return { value: NaN };
  if (value.includes(':')) {
    const digits = value.split(':').map(pythonFloat).reverse();
    if (digits.includes(null)) return { error: `${describe(text)} is not a float` };
    let [base, sum] = [1, 0];
    for (const digit of digits) {
      sum += digit! * base;
      base *= 60;
    }
    return { value: sign * sum };
  }
  const number = pythonFloat(value);
  return number === null ? { error: `${describe(text)} is not a float` } : { value: sign * number };
}

const BOOLEANS: Readonly<Record<string, boolean>> = { yes: true, no: false, true: true, false: false, on: true, off: false };

/** A scalar's value by its (resolved) short tag, as PyYAML's SafeConstructor builds it. */
function constructScalar(tag: string, text: string): ScalarResult {
  switch (tag) {
    case 'str':
      return { value: text };
    case 'null':
      return { value: null };
    case 'bool': {
      const key = text.toLowerCase();
      return Object.hasOwn(BOOLEANS, key) ? { value: BOOLEANS[key]! } : { error: `${describe(text)} is not a boolean` };
    }
    case 'int':
      return constructInt(text);
    case 'float':
      return constructFloat(text);
    case 'timestamp':
    case 'binary':
      return { error: `${describe(text)} is a ${tag}, which pycls's config cannot hold` };
    case 'seq':
    case 'map':
    case 'set':
    case 'omap':
    case 'pairs':
      return { error: `expected a ${tag === 'seq' || tag === 'omap' || tag === 'pairs' ? 'sequence' : 'mapping'} node, but found scalar` };
    default:
      return { error: `could not determine a constructor for the tag '${tag.startsWith('!') || tag.includes(':') ? tag : YAML_TAG + tag}'` };
  }
}

/** Where a value is, for errors: its key path and its offset in the text. */
interface Place {
  readonly path: string;
  readonly depth: number;
  /** Whether string values of this mapping are decoded by yacs's `literal_eval` (mappings reached from the root). */
  readonly decode: boolean;
  /** A list that a `<<` key merges: its mappings are decoded as the merging mapping is. */
  readonly mergeList?: boolean;
}

type YamlNode = Scalar | YAMLMap | YAMLSeq | Alias;

/** Builds plain data from a composed document with PyYAML's rules, counting every value it makes. */
class Constructor {
  private nodes = 0;
  private readonly anchors = new Map<string, YamlNode>();
  /** Anchored nodes being built: an alias to one of them would be recursive. */
  private readonly open = new Set<YamlNode>();
  /** >0 while an alias is expanded: its anchors were registered when first read. */
  private replaying = 0;

  constructor(private readonly where: Locator) {}

  document(root: unknown): PyyamlValue {
    if (root === null || root === undefined) return null;
    return this.node(root as YamlNode, { path: '', depth: 0, decode: true });
  }

  private fail(node: { range?: readonly number[] | null } | null, path: string, reason: string, invalid = false): never {
    const at = this.where(node?.range?.[0] ?? 0);
    throw new SpecError(path, invalid ? `invalid YAML ${at}: ${reason}` : `${at}: ${reason}`);
  }

  private count(node: YamlNode, path: string, amount = 1): void {
    this.nodes += amount;
    if (this.nodes > MAX_YAML_NODES) this.fail(node, path, `more than MAX_YAML_NODES (${MAX_YAML_NODES}) values (aliases count as what they expand to)`, true);
  }

  private node(node: YamlNode, place: Place): PyyamlValue {
    if (isAlias(node)) return this.alias(node, place);
    this.register(node, place);
    this.count(node, place.path);
    this.open.add(node);
    try {
      if (isScalar(node)) return this.scalar(node, place);
      if (place.depth >= MAX_YAML_DEPTH) this.fail(node, place.path, `lists and mappings nest deeper than MAX_YAML_DEPTH (${MAX_YAML_DEPTH})`, true);
      if (isSeq(node)) return this.sequence(node, place);
      if (isMap(node)) return this.mapping(node, place);
      return this.fail(node, place.path, 'unexpected node', true);
    } finally {
      this.open.delete(node);
    }
  }

  /** Records a node's anchor where it is first read (PyYAML refuses an anchor defined twice). */
  private register(node: Scalar | YAMLMap | YAMLSeq, place: Place): void {
    const anchor = node.anchor;
    if (anchor === undefined || this.replaying > 0) return;
    const first = this.anchors.get(anchor);
    if (first !== undefined) {
      this.fail(node, place.path, `found duplicate anchor '${anchor}'; first occurrence ${this.where(first.range?.[0] ?? 0)}`, true);
    }
    this.anchors.set(anchor, node);
  }

  /** The node an alias stands for. */
  private target(node: Alias, place: Place): YamlNode {
    const target = this.anchors.get(node.source);
    if (target === undefined) return this.fail(node, place.path, `found undefined alias '${node.source}'`, true);
    if (this.open.has(target)) this.fail(node, place.path, `alias '${node.source}' refers to a value that contains it (recursive data)`, true);
    return target;
  }

  private alias(node: Alias, place: Place): PyyamlValue {
    const target = this.target(node, place);
    this.replaying++;
    try {
      return this.node(target, place);
    } finally {
      this.replaying--;
    }
  }

  /** The tag a node is built with: explicit, or (untagged or `!`) the default of its kind. */
  private tag(node: Scalar | YAMLMap | YAMLSeq): string {
    const tag = node.tag;
    if (tag !== undefined && tag !== '!') return shortTag(tag);
    if (isScalar(node)) return tag === '!' || node.type === 'PLAIN' || node.type === undefined ? resolvePlain(scalarText(node)) : 'str';
    return isSeq(node) ? 'seq' : 'map';
  }

  private scalar(node: Scalar, place: Place): PyyamlValue {
    const result = constructScalar(this.tag(node), scalarText(node));
    if ('error' in result) return this.fail(node, place.path, result.error);
    return result.value;
  }

  private collectionTag(node: YAMLMap | YAMLSeq, place: Place, expected: 'seq' | 'map'): void {
    const tag = this.tag(node);
    if (tag === expected) return;
    const kind = expected === 'seq' ? 'sequence' : 'mapping';
    if (['set', 'omap', 'pairs'].includes(tag)) this.fail(node, place.path, `a !!${tag}, which pycls's config cannot hold`);
    if (['str', 'int', 'float', 'bool', 'null', 'binary', 'timestamp'].includes(tag)) this.fail(node, place.path, `expected a scalar node, but found ${kind}`);
    if (tag === 'seq' || tag === 'map') this.fail(node, place.path, `expected a ${tag === 'seq' ? 'sequence' : 'mapping'} node, but found ${kind}`);
    this.fail(node, place.path, `could not determine a constructor for the tag '${node.tag}'`);
  }

  private sequence(node: YAMLSeq, place: Place): PyyamlValue[] {
    this.collectionTag(node, place, 'seq');
    // yacs decodes mapping values only, so mappings inside lists keep their strings (a list merged with `<<`
    // is the exception: its mappings' pairs become pairs of the mapping that merges them).
    const decode = place.mergeList === true && place.decode;
    return node.items.map((item, i) => this.node(item as YamlNode, { path: `${place.path}[${i}]`, depth: place.depth + 1, decode }));
  }

  private mapping(node: YAMLMap, place: Place): PyyamlMapping {
    this.collectionTag(node, place, 'map');
    const merged: [string, PyyamlValue][] = [];
    const own = new Map<string, { readonly value: PyyamlValue; readonly offset: number }>();
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const valueNode = pair.value as YamlNode | null;
      if (keyNode !== null && this.isMergeKey(keyNode)) {
        merged.push(...this.mergeSource(valueNode, place));
        continue;
      }
      const key = this.key(keyNode, node, place);
      const path = place.path === '' ? key : `${place.path}.${key}`;
      const offset = (keyNode as { range?: number[] } | null)?.range?.[0] ?? node.range?.[0] ?? 0;
      const first = own.get(key);
      if (first !== undefined) this.fail(keyNode ?? node, path, `key ${describe(key)} is given twice in one mapping (first ${this.where(first.offset)})`, true);
      const valuePlace = { path, depth: place.depth + 1, decode: place.decode };
      own.set(key, { value: this.mappingValue(valueNode, valuePlace), offset });
    }
    // PyYAML puts merged pairs first, then the mapping's own: own keys win.
    const result: PyyamlMapping = Object.create(null);
    for (const [key, value] of merged) result[key] = value;
    for (const [key, { value }] of own) result[key] = value;
    return result;
  }

  private isMergeKey(node: YamlNode): boolean {
    return isScalar(node) && this.tag(node) === 'merge';
  }

  /** A mapping key: a string (pycls's config keys are; PyYAML also allows other hashable values). */
  private key(keyNode: YamlNode | null, mapping: YAMLMap, place: Place): string {
    const target = keyNode !== null && isAlias(keyNode) ? this.target(keyNode, place) : keyNode;
    if (target === null || !isScalar(target)) {
      return this.fail(keyNode ?? mapping, place.path, 'a key that is not a string (pycls config keys are strings)');
    }
    if (target === keyNode) this.register(target, place);
    this.count(target, place.path);
    const tag = this.tag(target);
    // PyYAML reads the key `=` (its "value" tag) as the string '='.
    const result = constructScalar(tag === 'value' ? 'str' : tag, scalarText(target));
    if ('error' in result) return this.fail(target, place.path, result.error);
    if (typeof result.value !== 'string') {
      return this.fail(target, place.path, `the key ${scalarText(target)} is ${describe(result.value)} to PyYAML, not a string (pycls config keys are strings)`);
    }
    return result.value;
  }

  /** The pairs a `<<` key merges in: those of a mapping, or of a list of mappings (earlier ones win). */
  private mergeSource(valueNode: YamlNode | null, place: Place): [string, PyyamlValue][] {
    if (valueNode === null) return this.fail(null, place.path, 'expected a mapping or list of mappings for merging, but found nothing');
    const source = this.node(valueNode, { path: place.path, depth: place.depth + 1, decode: place.decode, mergeList: true });
    const isMapping = (value: PyyamlValue): value is PyyamlMapping => value !== null && typeof value === 'object' && !Array.isArray(value);
    if (isMapping(source)) return Object.entries(source);
    if (!Array.isArray(source)) return this.fail(valueNode, place.path, `expected a mapping or list of mappings for merging, but found ${describe(source)}`);
    const pairs: [string, PyyamlValue][] = [];
    for (const item of [...source].reverse()) {
      if (!isMapping(item)) this.fail(valueNode, place.path, `expected a mapping for merging, but found ${describe(item)}`);
      pairs.push(...Object.entries(item));
    }
    return pairs;
  }

  /** A mapping's value; where yacs decodes, a string is what `literal_eval` makes of it. */
  private mappingValue(valueNode: YamlNode | null, place: Place): PyyamlValue {
    if (valueNode === null) return null; // `? KEY` with no value
    const value = this.node(valueNode, place);
    if (!place.decode || typeof value !== 'string') return value;
    const result = literalEval(value);
    if (result.kind === 'text') return value;
    if (result.kind === 'failure') return this.fail(valueNode, place.path, `pycls's literal_eval of ${describe(value)} fails: ${result.reason}`);
    return this.python(result.value, valueNode, place);
  }

  /** A value literal_eval made, as data (tuples as lists); values pycls could hold but we cannot are errors. */
  private python(value: PythonValue, node: YamlNode, place: Place): PyyamlValue {
    this.count(node, place.path);
    const collection = value.type === 'tuple' || value.type === 'list' || value.type === 'dict';
    if (collection && place.depth >= MAX_YAML_DEPTH) {
      this.fail(node, place.path, `lists and mappings nest deeper than MAX_YAML_DEPTH (${MAX_YAML_DEPTH})`, true);
    }
    const inner = { path: place.path, depth: place.depth + 1, decode: false };
    switch (value.type) {
      case 'int': {
        const number = Number(value.value);
        if (!Number.isFinite(number)) this.fail(node, place.path, 'literal_eval gives an integer beyond the range of a double');
        return number;
      }
      case 'float':
      case 'str':
      case 'bool':
        return value.value;
      case 'none':
        return null;
      case 'tuple':
      case 'list':
        return value.items.map((item) => this.python(item, node, inner));
      case 'dict': {
        const result: PyyamlMapping = Object.create(null);
        for (const [key, item] of value.entries) {
          if (key.type !== 'str') this.fail(node, place.path, `literal_eval gives a dict with a ${key.type} key, which fastscale cannot hold`);
          result[key.value] = this.python(item, node, inner);
        }
        return result;
      }
      default:
        return this.fail(node, place.path, `literal_eval gives a ${value.type === 'ellipsis' ? 'Ellipsis' : value.type}, which fastscale cannot hold`);
    }
  }
}

/** A scalar's text as PyYAML sees it (after quoting, escapes and folding). */
function scalarText(node: Scalar): string {
  return typeof node.source === 'string' ? node.source : String(node.value ?? '');
}
