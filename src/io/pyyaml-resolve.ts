/**
 * PyYAML's implicit resolvers (YAML 1.1, PyYAML 6): which tag a plain scalar gets. Loading uses it to
 * type plain scalars; dumping uses it to decide whether a string can be written plain or must be quoted
 * (`'1.0'`, `''`, `'true'`).
 */

/** The tag PyYAML gives a plain scalar. */
export type PlainTag = 'bool' | 'float' | 'int' | 'merge' | 'null' | 'timestamp' | 'value' | 'str';

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\n?$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\n?$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\n?$/;
const MERGE = /^(?:<<)\n?$/;
const NULL = /^(?:~|null|Null|NULL|)\n?$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\n?$/;
const VALUE = /^(?:=)\n?$/;

// Each pattern ends in `\n?$` because Python's `$` also matches before a final newline (a quoted scalar
// tagged `!` is resolved as well).

/** Resolvers in PyYAML's registration order, each with the first characters it is tried for. */
const RESOLVERS: readonly (readonly [PlainTag, RegExp, string])[] = [
  ['bool', BOOL, 'yYnNtTfFoO'],
  ['float', FLOAT, '-+0123456789.'],
  ['int', INT, '-+0123456789'],
  ['merge', MERGE, '<'],
  ['null', NULL, '~nN'],
  ['timestamp', TIMESTAMP, '0123456789'],
  ['value', VALUE, '='],
];

/** The tag PyYAML resolves a plain scalar's text to. */
export function resolvePlain(text: string): PlainTag {
  if (text === '') return 'null';
  const first = text[0]!;
  for (const [tag, pattern, firsts] of RESOLVERS) {
    if (firsts.includes(first) && pattern.test(text)) return tag;
  }
  return 'str';
}

/** PyYAML's `construct_yaml_int`. */
export function constructInt(text: string): bigint {
  let value = text.replace(/_/g, '');
  const negative = value.startsWith('-');
  if (value.startsWith('-') || value.startsWith('+')) value = value.slice(1);
  let magnitude: bigint;
  if (value === '0') magnitude = 0n;
  else if (value.startsWith('0b')) magnitude = BigInt(`0b${value.slice(2)}`);
  else if (value.startsWith('0x')) magnitude = BigInt(`0x${value.slice(2)}`);
  else if (value.startsWith('0')) magnitude = BigInt(`0o${value.slice(1)}`);
  else if (value.includes(':')) magnitude = value.split(':').reduce((sum, part) => sum * 60n + BigInt(part), 0n);
  else magnitude = BigInt(value);
  return negative ? -magnitude : magnitude;
}

/** PyYAML's `construct_yaml_float`. */
export function constructFloat(text: string): number {
  let value = text.replace(/_/g, '').toLowerCase();
  const negative = value.startsWith('-');
  if (value.startsWith('-') || value.startsWith('+')) value = value.slice(1);
  let magnitude: number;
  if (value === '.inf') magnitude = Infinity;
  else if (value === '.nan') magnitude = NaN;
  else if (value.includes(':')) {
    const parts = value.split(':').map(Number);
    // Python sums the parts as floats, most significant first after reversing: digit * base.
    magnitude = 0;
    let base = 1;
    for (const part of parts.reverse()) {
      magnitude += part * base;
      base *= 60;
    }
  } else magnitude = Number(value);
  return negative ? -magnitude : magnitude;
}

/** PyYAML's `construct_yaml_bool`. */
export function constructBool(text: string): boolean {
  return ['yes', 'true', 'on'].includes(text.toLowerCase());
}
