/**
 * Hostile inputs for the fuzz suite: values a careless or malicious caller could pass (extreme numbers,
 * holes, proxies, getters, cycles, deep nesting, prototype tricks, long strings), and near-valid ones: a
 * valid value with one thing changed, so that most inputs get past the first check into deep code.
 * These are built inside the fuzz worker (test/fuzz/worker.ts): most cannot cross a process boundary. The
 * arbitraries give recipes (functions that build the value), since fast-check itself inspects the values it
 * generates and a revoked proxy would stop it.
 */
import fc from 'fast-check';

/** Numbers and primitives at the edges. */
export const hostileLeaf = fc.constantFrom<unknown>(
  1e308, -1e308, 1.7976931348623157e308, 5e-324, -5e-324, -0, 0, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, -1, 0.5, 1e-300,
  1e9, 2 ** 31, 2 ** 32, 2 ** 20, 13, '', 'x', '1', '__proto__', 'constructor', 'toString', 'hasOwnProperty', null, undefined, true,
  false, 10n,
);

/** Strings long enough to expose work proportional to their length. */
export const longString = fc.constantFrom(1_000, 100_000, 1_000_000).map((n) => 'x'.repeat(n));

/** Values made with JavaScript's sharper tools. */
export const SPECIAL_KINDS = [
  'sparse-array',
  'huge-sparse-array',
  'revoked-proxy',
  'throwing-proxy',
  'changing-getter',
  'throwing-getter',
  'cyclic-object',
  'cyclic-array',
  'deep-array',
  'deep-frozen-object',
  'frozen-prototype-values',
  'function',
  'symbol',
  'proto-key',
  'date',
  'map',
] as const;
export type SpecialKind = (typeof SPECIAL_KINDS)[number];

export function special(kind: SpecialKind): unknown {
  switch (kind) {
    case 'sparse-array':
      return [1, , 3];
    case 'huge-sparse-array':
      return new Array(2 ** 32 - 1);
    case 'revoked-proxy': {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }
    case 'throwing-proxy':
      return new Proxy(
        {},
        {
          get: () => {
            throw new Error('hostile proxy');
          },
          ownKeys: () => {
            throw new Error('hostile proxy');
          },
        },
      );
    case 'changing-getter': {
      let reads = 0;
      return Object.defineProperty({}, 'value', { enumerable: true, get: () => (reads++ % 2 === 0 ? 1 : NaN) });
    }
    case 'throwing-getter':
      return Object.defineProperty({}, 'value', {
        enumerable: true,
        get: () => {
          throw new Error('hostile getter');
        },
      });
    case 'cyclic-object': {
      const o: Record<string, unknown> = { a: 1 };
      o.self = o;
      return o;
    }
    case 'cyclic-array': {
      const a: unknown[] = [1];
      a.push(a);
      return a;
    }
    case 'deep-array': {
      let value: unknown = 1;
      for (let i = 0; i < 100_000; i++) value = [value];
      return value;
    }
    case 'deep-frozen-object': {
      let value: unknown = 1;
      for (let i = 0; i < 100_000; i++) value = Object.freeze({ inner: value });
      return value;
    }
    case 'frozen-prototype-values':
      return Object.freeze(Object.create({ depth: 1, width: 8 }));
    case 'function':
      return () => 1;
    case 'symbol':
      return Symbol('hostile');
    case 'proto-key':
      return JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}');
    case 'date':
      return new Date(Number.NaN);
    case 'map':
      return new Map([['a', 1]]);
  }
}

/** A recipe: builds the value when called. */
export type Recipe<T> = () => T;

const recipe = <T>(value: T): Recipe<T> => () => value;

/** Any hostile value (as a recipe). */
export const hostile: fc.Arbitrary<Recipe<unknown>> = fc.oneof(
  { weight: 4, arbitrary: hostileLeaf.map(recipe) },
  { weight: 1, arbitrary: longString.map(recipe) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_KINDS).map((kind) => () => special(kind)) },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 2 }).map(recipe) },
);

/** The ways one thing in a valid value is changed. */
const MUTATIONS = ['replace', 'delete', 'unknown-key', 'changing-getter', 'prototype-values', 'revoke', 'cyclic-extra', 'sparse', 'deep-freeze'] as const;
const UNKNOWN_KEYS = ['extra', '__proto__', 'constructor', 'toString'];

type Path = readonly (string | number)[];

/** Paths to every value in a plain data tree (objects and arrays), up to a depth. */
function paths(value: unknown, prefix: Path = [], depth = 6): Path[] {
  const found: Path[] = [prefix];
  if (depth === 0 || typeof value !== 'object' || value === null) return found;
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  for (const key of keys) found.push(...paths((value as Record<string | number, unknown>)[key], [...prefix, key], depth - 1));
  return found;
}

/** A deep copy of plain data (frozen zoo specs become mutable). */
function copy<T>(value: T): T {
  return structuredClone(value);
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return typeof node === 'object' && node !== null ? node : undefined;
}

/** Characters that change what a short string means: separators, digits, exponents, signs, case, Unicode. */
const EDIT_CHARACTERS = ['_', '0', '9', 'e', '-', '+', '.', ' ', 'D', '\u00e9', '\u0000', '\ud800', 'x'];

/** A string with one edit: a character removed, doubled or inserted, or the string repeated or padded. */
function editString(text: string, position: number, edit: number): string {
  const at = text.length === 0 ? 0 : position % (text.length + 1);
  const character = EDIT_CHARACTERS[position % EDIT_CHARACTERS.length]!;
  switch (edit % 6) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + (text[at] ?? '') + text.slice(at);
    case 2:
      return text.slice(0, at) + character + text.slice(at);
    case 3:
      return text.toUpperCase() === text ? text.toLowerCase() : text.toUpperCase();
    case 4:
      return text.repeat(Math.max(1, Math.min(1 + (position % 1000), Math.floor(2_000_000 / Math.max(1, text.length)))));
    default:
      return `${text}${'1'.repeat(1 + (position % 400))}`;
  }
}

/** A number nudged: by an ulp, negated, doubled, complemented, or an edge of its likely range. */
function editNumber(x: number, edit: number): number {
  const edits = [x * (1 + 2 ** -52), x * (1 - 2 ** -53), -x, 2 * x, x / 3, 1 - x, x + 1, 0, 1, Math.round(x) + 0.5];
  return edits[edit % edits.length]!;
}

/** `base` with one thing changed: a value replaced, removed or wrapped, or the whole made tricky. */
export function mutate(base: unknown, pathIndex: number, kind: (typeof MUTATIONS)[number], replacement: unknown): unknown {
  // Strings and numbers have no parts to replace: edit them instead (most edits stay near valid), or replace them.
  if (typeof base === 'string') return kind === 'replace' ? replacement : editString(base, pathIndex, MUTATIONS.indexOf(kind));
  if (typeof base === 'number') return kind === 'replace' ? replacement : editNumber(base, pathIndex);
  const root = { root: copy(base) };
  const all = paths(root.root, ['root']);
  const path = all[pathIndex % all.length]!;
  const parent = parentOf(root, path)!;
  const key = path[path.length - 1]!;
  const original = parent[key];
  switch (kind) {
    case 'replace':
      parent[key] = replacement;
      break;
    case 'delete':
      delete parent[key]; // a hole when the parent is an array
      break;
    case 'unknown-key':
      if (typeof original === 'object' && original !== null && !Array.isArray(original)) {
        const name = UNKNOWN_KEYS[pathIndex % UNKNOWN_KEYS.length]!;
        Object.defineProperty(original, name, { value: replacement, enumerable: true, configurable: true, writable: true });
      } else {
        parent[key] = replacement;
      }
      break;
    case 'changing-getter': {
      let reads = 0;
      Object.defineProperty(parent, key, { enumerable: true, configurable: true, get: () => (reads++ === 0 ? original : replacement) });
      break;
    }
    case 'prototype-values':
      if (typeof original === 'object' && original !== null && !Array.isArray(original)) parent[key] = Object.freeze(Object.create(original));
      else parent[key] = replacement;
      break;
    case 'revoke': {
      const { proxy, revoke } = Proxy.revocable((typeof original === 'object' && original !== null ? original : {}) as object, {});
      revoke();
      parent[key] = proxy;
      break;
    }
    case 'cyclic-extra':
      if (typeof original === 'object' && original !== null) (original as Record<string, unknown>).cycle = original;
      else parent[key] = replacement;
      break;
    case 'sparse':
      if (Array.isArray(original) && original.length > 0) delete original[0];
      else parent[key] = replacement;
      break;
    case 'deep-freeze':
      // A frozen value the library may cache as validated, with one field replaced before freezing.
      parent[key] = replacement;
      deepFreeze(root.root);
      break;
  }
  return root.root;
}

/** Freezes everything reachable (iteratively: replacements may nest 100,000 deep; proxies are left alone). */
function deepFreeze(value: unknown): void {
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || isProxyLike(node) || Object.isFrozen(node)) continue;
    Object.freeze(node);
    for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(node))) if ('value' in descriptor) stack.push(descriptor.value);
  }
}

/** Revoked and throwing proxies cannot be frozen (nor inspected). */
function isProxyLike(value: object): boolean {
  try {
    Object.getOwnPropertyDescriptors(value);
    return false;
  } catch {
    return true;
  }
}

/** A near-valid value: `base` with one thing changed (as a recipe). */
export function nearValid(base: unknown): fc.Arbitrary<Recipe<unknown>> {
  return fc
    .tuple(fc.nat(), fc.constantFrom(...MUTATIONS), hostile)
    .map(([pathIndex, kind, replacement]) => () => mutate(base, pathIndex, kind, replacement()));
}

/**
 * Arguments for one call (as a recipe): mostly valid arguments with one of them near-valid (so that the call
 * gets past its first checks), sometimes all valid, sometimes one replaced by anything hostile.
 */
export function hostileArguments(valid: fc.Arbitrary<readonly unknown[]>): fc.Arbitrary<Recipe<unknown[]>> {
  const replaceOne = (args: readonly unknown[], i: number, value: Recipe<unknown>): Recipe<unknown[]> => () =>
    args.map((a, j) => (j === i ? value() : structuredClone(a)));
  return fc.oneof(
    { weight: 1, arbitrary: valid.map((args) => () => args.map((a) => structuredClone(a))) },
    {
      weight: 6,
      arbitrary: valid.chain((args) => fc.nat(Math.max(0, args.length - 1)).chain((i) => nearValid(args[i]).map((changed) => replaceOne(args, i, changed)))),
    },
    { weight: 2, arbitrary: valid.chain((args) => fc.tuple(fc.nat(Math.max(0, args.length - 1)), hostile).map(([i, h]) => replaceOne(args, i, h))) },
  );
}

/** A short, safe description of any value (for reports: never throws, never huge, never slow). */
export function describeInput(value: unknown, depth = 5): string {
  try {
    if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...(${value.length} chars)` : value);
    if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'symbol' || typeof value === 'function') return String(value).slice(0, 40);
    if (value === null || typeof value !== 'object') return String(value);
    if (depth === 0) return Array.isArray(value) ? `[array(${value.length})]` : '{...}';
    if (Array.isArray(value)) {
      const shown = Math.min(value.length, 8);
      const items = Array.from({ length: shown }, (_, i) => (i in value ? describeInput(value[i], depth - 1) : '<hole>'));
      return `[${items.join(', ')}${value.length > shown ? `, ...(${value.length})` : ''}]`;
    }
    const keys = Object.keys(value);
    const fields = keys.slice(0, 12).map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      return `${key}: ${descriptor !== undefined && !('value' in descriptor) ? '<getter>' : describeInput(descriptor?.value, depth - 1)}`;
    });
    const frozen = Object.isFrozen(value) ? 'frozen ' : '';
    return `${frozen}{${fields.join(', ')}${keys.length > 12 ? ', ...' : ''}}`;
  } catch {
    return '<unreadable (revoked or throwing proxy)>';
  }
}
