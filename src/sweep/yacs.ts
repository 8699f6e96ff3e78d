/**
 * yacs's merge rules (yacs 0.1.8, what pycls uses), on immutable {@link PyConfigNode}s: strings are
 * decoded with `literal_eval`, a value must have its default's type (None on either side, and tuple for
 * list, excepted), unknown keys are errors unless the node is open or the key deprecated.
 */
import { SweepError } from './errors.js';
import { isNode, literalEval, PyTuple, pyRepr, pythonType, type LiteralValue, type PyConfigNode, type PyValue } from './python.js';

/** What a merge needs to know about the tree it merges into. */
export interface MergeRules {
  /** Dotted paths (from the merge root) of nodes that take new keys (`new_allowed=True`). */
  readonly openNodes: ReadonlySet<string>;
  /** Dotted keys that are silently skipped. */
  readonly deprecated: ReadonlySet<string>;
  /** Prefix of every error path (where the merged tree sits in the YAML file). */
  readonly pathPrefix: string;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** yacs `_decode_cfg_value` for a leaf: a string is `literal_eval`ed when it is a Python literal. */
export function decodeValue(value: PyValue, path: string): LiteralValue {
  if (typeof value !== 'string') return value;
  const decoded = literalEval(value, path);
  return decoded === undefined ? value : decoded;
}

/** yacs `_check_and_coerce_cfg_value_type`: the replacement, or a SweepError naming both types. */
export function coerceValue(replacement: LiteralValue, original: PyValue, path: string): PyValue {
  if (replacement instanceof PyTuple) {
    if (Array.isArray(original)) return replacement.items;
    if (original === null) throw new SweepError(path, `${tupleRepr(replacement)} is a tuple, which a config cannot hold`);
    throw mismatch(replacement, original, path);
  }
  const to = pythonType(original);
  const from = pythonType(replacement);
  if (from === to) return replacement;
  // None replaces, or is replaced by, any plain (non-node) value.
  if ((replacement === null && to !== 'CfgNode') || (original === null && from !== 'CfgNode')) return replacement;
  throw mismatch(replacement, original, path);
}

function tupleRepr(tuple: PyTuple): string {
  return tuple.items.length === 1 ? `(${pyRepr(tuple.items[0]!)},)` : `(${tuple.items.map(pyRepr).join(', ')})`;
}

/** "an int", "a float", "a mapping", ... */
function typeName(type: string): string {
  const name = type === 'CfgNode' ? 'mapping' : type;
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}

function mismatch(replacement: LiteralValue, original: PyValue, path: string): SweepError {
  const shown = replacement instanceof PyTuple ? tupleRepr(replacement) : describeValue(replacement);
  const from = replacement instanceof PyTuple ? 'tuple' : pythonType(replacement);
  return new SweepError(path, `${shown} is ${typeName(from)}, but pycls's default ${describeValue(original)} is ${typeName(pythonType(original))} (yacs: type mismatch)`);
}

function describeValue(value: PyValue): string {
  if (isNode(value)) return 'mapping';
  const text = pyRepr(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * yacs `_merge_a_into_b(a, b)`: `b` with `a`'s values merged in, as a new tree (b is not modified).
 * `a` is raw (as loaded from YAML); its strings are decoded and its values type-checked against `b`'s.
 *
 * @throws {@link SweepError} for an unknown key, a type mismatch, or an undecodable literal
 */
export function mergeInto(a: PyConfigNode, b: PyConfigNode, rules: MergeRules, path = ''): PyConfigNode {
  const out: Record<string, PyValue> = { ...b };
  for (const [key, raw] of Object.entries(a)) {
    const keyPath = join(path, key);
    const errorPath = join(rules.pathPrefix, keyPath);
    const value = decodeValue(raw, errorPath);
    if (Object.hasOwn(b, key)) {
      const coerced = coerceValue(value, b[key]!, errorPath);
      if (isNode(coerced)) {
        const original = b[key];
        if (!isNode(original)) throw new SweepError(errorPath, 'is a mapping where pycls has no section');
        out[key] = mergeInto(coerced, original, rules, keyPath);
      } else {
        out[key] = coerced;
      }
    } else if (rules.openNodes.has(path)) {
      if (value instanceof PyTuple) throw new SweepError(errorPath, 'is a tuple, which a config cannot hold');
      out[key] = value;
    } else if (!rules.deprecated.has(keyPath)) {
      throw new SweepError(errorPath, `is not a pycls config key (yacs: "Non-existent config key")`);
    }
  }
  return Object.freeze(out);
}

/** The value at a dotted key, or undefined where a part is missing. */
export function getPath(node: PyConfigNode, keys: readonly string[]): PyValue | undefined {
  let current: PyValue | undefined = node;
  for (const key of keys) {
    if (!isNode(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** A copy of `node` with `value` at `keys` (each part must exist); untouched branches are shared. */
export function setPath(node: PyConfigNode, keys: readonly string[], value: PyValue): PyConfigNode {
  const [first, ...rest] = keys as [string, ...string[]];
  const next = rest.length === 0 ? value : setPath(node[first] as PyConfigNode, rest, value);
  return Object.freeze({ ...node, [first]: next });
}

/**
 * yacs `merge_from_list([key, value, ...])` on a config: each key must exist (deprecated keys are
 * skipped), each value is decoded and type-checked against the current one.
 *
 * @throws {@link SweepError} at `errorPath(key)` for a missing key or a type mismatch
 */
export function mergeFromList(
  config: PyConfigNode,
  params: readonly (readonly [string, PyValue])[],
  deprecated: ReadonlySet<string>,
  errorPath: (key: string) => string,
): PyConfigNode {
  let out = config;
  for (const [fullKey, raw] of params) {
    if (deprecated.has(fullKey)) continue;
    const keys = fullKey.split('.');
    const original = getPath(out, keys);
    const parent = getPath(out, keys.slice(0, -1));
    if (original === undefined || !isNode(parent)) {
      throw new SweepError(errorPath(fullKey), `${fullKey} is not a pycls config key (yacs: "Non-existent key")`);
    }
    const value = coerceValue(decodeValue(raw, errorPath(fullKey)), original, errorPath(fullKey));
    if (isNode(value)) throw new SweepError(errorPath(fullKey), `replaces the whole ${fullKey} section, which fastscale does not support`);
    out = setPath(out, keys, value);
  }
  return out;
}
