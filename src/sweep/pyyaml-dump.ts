/**
 * PyYAML's `safe_dump` (PyYAML 6, block style, keys sorted, no aliases) of Python values, character for
 * character: what yacs's `CfgNode.dump()` writes for a config, and `yaml.dump(..., width=inf)` for
 * pycls's `cfgs_summary.yaml`. Scalars take PyYAML's style decision (plain, single- or double-quoted) and
 * long ones fold at the same spaces as PyYAML's emitter folds them (best width 80 by default).
 */
import { isNode, pythonFloatRepr, type PyConfigNode, type PyValue } from './python.js';
import { resolvePlain } from '../io/pyyaml-resolve.js';

/** Options of {@link dumpYaml}. */
export interface DumpOptions {
  /** PyYAML's `width`: the column after which long scalars fold; default 80, `Infinity` never folds. */
  readonly width?: number;
}

const SPACE_OR_BREAK = ' \n\x85\u2028\u2029';
const BREAKS = '\n\x85\u2028\u2029';
const WHITESPACE_AFTER = '\0 \t\r\n\x85\u2028\u2029';

/**
 * `yaml.safe_dump(value)` as PyYAML writes it: mapping keys sorted, block collections (empty ones as
 * `[]`/`{}`), sequences in a mapping not indented, floats as `repr` with `.0` before a bare exponent.
 */
export function dumpYaml(value: PyValue, options: DumpOptions = {}): string {
  const emitter = new Emitter(options.width ?? 80);
  emitter.node(value, { mapping: false, sequence: false, simpleKey: false, root: true });
  emitter.documentEnd();
  return emitter.out;
}

/** The text PyYAML writes for a scalar, and whether it can be written plain (`implicit[0]`). */
function scalarText(value: PyValue): { text: string; plainAllowed: boolean } {
  if (value === null) return { text: 'null', plainAllowed: true };
  switch (typeof value) {
    case 'boolean':
      return { text: value ? 'true' : 'false', plainAllowed: true };
    case 'bigint':
      return { text: value.toString(), plainAllowed: true };
    case 'number': {
      if (Number.isNaN(value)) return { text: '.nan', plainAllowed: true };
      if (value === Infinity) return { text: '.inf', plainAllowed: true };
      if (value === -Infinity) return { text: '-.inf', plainAllowed: true };
      let text = pythonFloatRepr(value).toLowerCase();
      if (!text.includes('.') && text.includes('e')) text = text.replace('e', '.0e');
      return { text, plainAllowed: true };
    }
    case 'string':
      return { text: value, plainAllowed: resolvePlain(value) === 'str' };
    default:
      throw new Error('not a scalar');
  }
}

interface Analysis {
  readonly empty: boolean;
  readonly multiline: boolean;
  readonly allowBlockPlain: boolean;
  readonly allowSingleQuoted: boolean;
}

/** PyYAML's `Emitter.analyze_scalar` (allow_unicode off, as safe_dump's default). */
function analyze(scalar: string): Analysis {
  if (scalar === '') return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true };
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  if (scalar.startsWith('---') || scalar.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  let followedByWhitespace = scalar.length === 1 || WHITESPACE_AFTER.includes(scalar[1]!);
  let previousSpace = false;
  let previousBreak = false;
  const chars = [...scalar];
  // PyYAML indexes code points (Python strings); chars mirrors that.
  for (let index = 0; index < chars.length; index++) {
    const ch = chars[index]!;
    if (index === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ('?:'.includes(ch) && followedByWhitespace) blockIndicators = true;
      if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    const code = ch.codePointAt(0)!;
    if (!(ch === '\n' || (code >= 0x20 && code <= 0x7e))) specialCharacters = true;
    if (ch === ' ') {
      if (index === 0) leadingSpace = true;
      if (index === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (index === 0) leadingBreak = true;
      if (index === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = WHITESPACE_AFTER.includes(ch);
    followedByWhitespace = index + 2 >= chars.length || WHITESPACE_AFTER.includes(chars[index + 2]!);
  }
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || specialCharacters) allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks) allowBlockPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted };
}

interface Context {
  readonly mapping: boolean;
  readonly sequence: boolean;
  readonly simpleKey: boolean;
  readonly root: boolean;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\0': '0',
  '\x07': 'a',
  '\x08': 'b',
  '\x09': 't',
  '\x0A': 'n',
  '\x0B': 'v',
  '\x0C': 'f',
  '\x0D': 'r',
  '\x1B': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xA0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

/** The parts of PyYAML's `Emitter` that a block-style dump of plain data goes through. */
class Emitter {
  out = '';
  #column = 0;
  #whitespace = true;
  #indention = true;
  #indent: number | null = null;
  readonly #indents: (number | null)[] = [];

  constructor(readonly bestWidth: number) {}

  #increaseIndent(flow: boolean, indentless = false): void {
    this.#indents.push(this.#indent);
    if (this.#indent === null) this.#indent = flow ? 2 : 0;
    else if (!indentless) this.#indent += 2;
  }

  #popIndent(): void {
    this.#indent = this.#indents.pop() ?? null;
  }

  #write(data: string): void {
    this.out += data;
    this.#column += data.length;
  }

  #writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const data = this.#whitespace || !needWhitespace ? indicator : ` ${indicator}`;
    this.#whitespace = whitespace;
    this.#indention = this.#indention && indention;
    this.#write(data);
  }

  #writeIndent(): void {
    const indent = this.#indent ?? 0;
    if (!this.#indention || this.#column > indent || (this.#column === indent && !this.#whitespace)) this.#writeLineBreak();
    if (this.#column < indent) {
      this.#whitespace = true;
      this.#write(' '.repeat(indent - this.#column));
    }
  }

  #writeLineBreak(data = '\n'): void {
    this.#whitespace = true;
    this.#indention = true;
    this.out += data;
    this.#column = 0;
  }

  documentEnd(): void {
    this.#writeIndent();
  }

  node(value: PyValue, context: Context): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.#emptyCollection('[', ']');
      else this.#blockSequence(value as readonly PyValue[], context);
    } else if (isNode(value)) {
      const keys = Object.keys(value).sort();
      if (keys.length === 0) this.#emptyCollection('{', '}');
      else this.#blockMapping(value, keys);
    } else {
      this.#scalar(value, context);
    }
  }

  #emptyCollection(open: string, close: string): void {
    // Flow style: increase_indent(flow=True), '[' with a space before it, then ']'.
    this.#increaseIndent(true);
    this.#writeIndicator(open, true, true);
    this.#writeIndicator(close, false);
    this.#popIndent();
  }

  #blockSequence(items: readonly PyValue[], context: Context): void {
    this.#increaseIndent(false, context.mapping && !this.#indention);
    for (const item of items) {
      this.#writeIndent();
      this.#writeIndicator('-', true, false, true);
      this.node(item, { mapping: false, sequence: true, simpleKey: false, root: false });
    }
    this.#popIndent();
  }

  #blockMapping(mapping: PyConfigNode, keys: readonly string[]): void {
    this.#increaseIndent(false);
    for (const key of keys) {
      this.#writeIndent();
      // Keys are short one-line strings here: always simple keys.
      this.#scalar(key, { mapping: true, sequence: false, simpleKey: true, root: false });
      this.#writeIndicator(':', false);
      this.node(mapping[key]!, { mapping: true, sequence: false, simpleKey: false, root: false });
    }
    this.#popIndent();
  }

  #scalar(value: PyValue, context: Context): void {
    const { text, plainAllowed } = scalarText(value);
    const analysis = analyze(text);
    let style: '' | "'" | '"' = '"';
    if (plainAllowed && !(context.simpleKey && (analysis.empty || analysis.multiline)) && analysis.allowBlockPlain) style = '';
    else if (analysis.allowSingleQuoted && !(context.simpleKey && analysis.multiline)) style = "'";
    this.#increaseIndent(true);
    const split = !context.simpleKey;
    if (style === '') this.#writePlain(text, split);
    else if (style === "'") this.#writeSingleQuoted(text, split);
    else this.#writeDoubleQuoted(text, split);
    this.#popIndent();
  }

  #writePlain(text: string, split: boolean): void {
    if (text === '') return;
    if (!this.#whitespace) this.#write(' ');
    this.#whitespace = false;
    this.#indention = false;
    let spaces = false;
    let breaks = false;
    let start = 0;
    let end = 0;
    while (end <= text.length) {
      const ch = end < text.length ? text[end] : undefined;
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.#column > this.bestWidth && split) {
            this.#writeIndent();
            this.#whitespace = false;
            this.#indention = false;
          } else {
            this.#write(text.slice(start, end));
          }
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (text[start] === '\n') this.#writeLineBreak();
          for (const br of text.slice(start, end)) this.#writeLineBreak(br === '\n' ? '\n' : br);
          this.#writeIndent();
          this.#whitespace = false;
          this.#indention = false;
          start = end;
        }
      } else if (ch === undefined || SPACE_OR_BREAK.includes(ch)) {
        this.#write(text.slice(start, end));
        start = end;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
      end++;
    }
  }

  #writeSingleQuoted(text: string, split: boolean): void {
    this.#writeIndicator("'", true);
    let spaces = false;
    let breaks = false;
    let start = 0;
    let end = 0;
    while (end <= text.length) {
      const ch = end < text.length ? text[end] : undefined;
      if (spaces) {
        if (ch === undefined || ch !== ' ') {
          if (start + 1 === end && this.#column > this.bestWidth && split && start !== 0 && end !== text.length) {
            this.#writeIndent();
          } else {
            this.#write(text.slice(start, end));
          }
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (text[start] === '\n') this.#writeLineBreak();
          for (const br of text.slice(start, end)) this.#writeLineBreak(br === '\n' ? '\n' : br);
          this.#writeIndent();
          start = end;
        }
      } else if (ch === undefined || SPACE_OR_BREAK.includes(ch) || ch === "'") {
        if (start < end) {
          this.#write(text.slice(start, end));
          start = end;
        }
      }
      if (ch === "'") {
        this.#write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
      end++;
    }
    this.#writeIndicator("'", false);
  }

  #writeDoubleQuoted(text: string, split: boolean): void {
    this.#writeIndicator('"', true);
    const chars = [...text];
    let start = 0;
    let end = 0;
    const slice = (a: number, b: number): string => chars.slice(a, b).join('');
    while (end <= chars.length) {
      const ch = end < chars.length ? chars[end] : undefined;
      const code = ch === undefined ? 0 : ch.codePointAt(0)!;
      if (ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !(code >= 0x20 && code <= 0x7e)) {
        if (start < end) {
          this.#write(slice(start, end));
          start = end;
        }
        if (ch !== undefined) {
          let data: string;
          if (ch in ESCAPES) data = `\\${ESCAPES[ch]!}`;
          else if (code <= 0xff) data = `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
          else if (code <= 0xffff) data = `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
          else data = `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
          this.#write(data);
          start = end + 1;
        }
      }
      if (end > 0 && end < chars.length - 1 && (ch === ' ' || start >= end) && this.#column + (end - start) > this.bestWidth && split) {
        const data = `${slice(start, end)}\\`;
        if (start < end) start = end;
        this.#write(data);
        this.#writeIndent();
        this.#whitespace = false;
        this.#indention = false;
        if (chars[start] === ' ') this.#write('\\');
      }
      end++;
    }
    this.#writeIndicator('"', false);
  }
}
