/**
 * YAML as pycls reads it. Where the machine has PyYAML (Debian's python3), every expectation comes from
 * PyYAML's safe_load plus yacs's literal_eval (test/io/pyyaml-reference.py): hand-written edge cases,
 * generated texts, and every config we write. The limits are checked without Python.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fastScale,
  fromPyclsConfig,
  MAX_YAML_ALIASES,
  MAX_YAML_DEPTH,
  MAX_YAML_LENGTH,
  MAX_YAML_NODES,
  SpecError,
  toPyclsConfig,
  zooConfig,
  zooModel,
  zooNames,
  type ModelSpec,
} from '../../src/index.js';
import { loadPyclsYaml } from '../../src/io/pyyaml.js';
import { configPaths, readConfig } from '../helpers/fixtures.js';
import { pythonUnavailable, runPythonJson } from '../python.js';
import { REPRODUCE, SEED } from '../seed.js';
import { difference, type Encoded, holdsUnsupported, REFERENCE_SCRIPT, type ReferenceResult } from './python-reference.js';

const unavailable = pythonUnavailable(['yaml']);
if (unavailable !== null) console.warn(`PyYAML cross-checks skipped: ${unavailable}`);

/** The reference's reading of each text. */
function pycls(texts: readonly string[]): ReferenceResult[] {
  return runPythonJson<ReferenceResult[]>(REFERENCE_SCRIPT, ['yaml'], texts);
}

/** Zoo models a pycls config holds: not torchvision's ConvNeXts, nor EfficientNets with torchvision's names or blocks. */
const pyclsBuilds = (spec: ModelSpec): boolean =>
  spec.family !== 'convnext' && spec.family !== 'mobilenet' && spec.family !== 'mnasnet' && !(spec.family === 'efficientnet' && (spec.implementation !== undefined || spec.stages.some((s) => s.fused === true)));

/** Our reading, or the error we raise. */
function ours(text: string): { value: unknown } | { error: unknown } {
  try {
    return { value: loadPyclsYaml(text) };
  } catch (error) {
    return { error };
  }
}

/** Refusals that are ours by design (documented on loadPyclsYaml), where PyYAML returns a value. */
const DELIBERATE = /given twice|not a string|cannot hold|beyond the range of a double/;

/** Why our reading of `text` disagrees with pycls's, or null when it agrees. */
function disagreement(text: string, reference: ReferenceResult): string | null {
  const result = ours(text);
  if ('error' in result) {
    if (!(result.error instanceof SpecError)) return `untyped error ${String(result.error)}`;
    if (/^ ?$|: ?$/.test(result.error.reason)) return `empty reason: ${result.error.message}`;
    if ('error' in reference) return null;
    if ('value' in reference && (holdsUnsupported(reference.value) || DELIBERATE.test(result.error.reason))) return null;
    return `we refuse what pycls reads as ${JSON.stringify(reference)}: ${result.error.message}`;
  }
  if (!('value' in reference)) return `we read ${JSON.stringify(result.value)} where pycls fails with ${JSON.stringify(reference)}`;
  return difference(reference.value, result.value);
}

/** Tricky texts: YAML 1.1 scalars, yacs decoding, tags, merges, aliases, documents. */
const EDGE_CASES = [
  'a: 1e-5\nb: .\nc: y\nd: n\ne: True\nf: on\ng: OFF\nh: yes\ni: ~\nj: null\nk:\n',
  'a: 010\nb: 08\nc: 0x1F\nd: 0b101\ne: 0o17\nf: 1_000\ng: 1:30\nh: -1:30\ni: 1:30.5\nj: 190:20:30\n',
  'a: 1.5e+3\nb: 1.0e5\nc: .5\nd: -.5\ne: 1.\nf: .inf\ng: -.Inf\nh: .NaN\ni: nan\nj: inf\nk: 1e309\nl: -0\nm: -0.0\nn: +.5\n',
  'a: "1e5"\nb: \'[1, 2]\'\nc: "(1, 2)"\nd: 1, 2\ne: "None"\nf: "\'x\'"\ng: "{\'k\': 1e5}"\nh: "set()"\ni: "1j"\nj: "b\'x\'"\n',
  'a: !!float 1\nb: !!int "12"\nc: ! 12\nd: ! "12"\ne: !!str 1e5\nf: !!bool yes\ng: !!null x\nh: !!int 0b11\ni: !!float 1:30\n',
  'a: !!int 1.5\n',
  'a: !!float abc\n',
  'a: !!bool maybe\n',
  'a: !foo x\n',
  'a: 2001-12-14\n',
  'a: !!binary aGVsbG8=\n',
  'a: !!set {x, y}\n',
  'a: <<\n',
  'a: =\n',
  '=: 1\n',
  '1: a\n',
  'true: a\n',
  '[1]: a\n',
  'a: 1\na: 2\n',
  'a: &x {b: 1, c: "1e5"}\nd: *x\ne:\n  <<: *x\n  c: 2\n',
  'b: &b [{x: 1}, {x: 2, y: 3}]\nc: {<<: *b}\nd: {<<: [*b], x: 9}\n',
  'a: &a 1\n<<: {b: 2}\nc: {<<: *a}\n',
  'a: *x\n',
  'a: &x 1\nb: &x 2\n',
  'a: &a [*a]\n',
  'a: 1\n---\nb: 2\n',
  '--- a\n',
  'a: 1\n...\n',
  '',
  '# only a comment\n',
  '- 1e5\n- "2"\n- {a: 1e5}\n',
  'a: [1e5, "2", {b: 1e5}]\n',
  'toString: 1\n__proto__: {x: 1}\nconstructor: {prototype: 2}\nhasOwnProperty: 3\n',
  'a: "x\\ty\\u00e9\\x41"\nb: \'it\'\'s\'\nc: |\n  1e5\nd: >\n  folded\n  text\n',
  'a: b: c\n',
  'a:\n  - 1\n  -2\n',
  '{a: 1, b: [1, 2}\n',
  'a: "unterminated\n',
  'a:\n\tb: 1\n',
  'key with spaces: 1\n"quoted key": 2\n? explicit\n: 3\n',
  'a: 0_1\nb: 0_\nc: 1__0\nd: 0b_\ne: 0x_1\n',
  'a: ._5\nb: ._5e+1\nc: .5_0\nd: 1._5\ne: ! "1.5\\n"\n',
  'a: 4' + '0'.repeat(400) + '\n',
  'a: "4' + '0'.repeat(400) + '"\n',
  'a: "' + '1'.repeat(4301) + '"\n',
  'a: "[' + '['.repeat(60) + ']'.repeat(60) + ']"\n',
  'MODEL:\n  TYPE: regnet\nOPTIM:\n  BASE_LR: 1e-1\n  WEIGHT_DECAY: 5e-5\nOUT_DIR: .\n',
];

/** Plain scalars PyYAML 1.1 and yacs read in different ways. */
const PLAIN = [
  '1e-5', '1e5', '1.5e+3', '1.0e5', '.5', '-.5', '1.', '.', 'y', 'n', 'yes', 'No', 'on', 'OFF', 'True', 'FALSE', '~', 'null',
  'Null', '0', '010', '08', '0x1F', '0b101', '0o17', '1_000', '1:30', '1:30.5', '-1', '+1', '.inf', '-.Inf', '.NaN', 'nan', 'inf',
  'abc', 'a b', 'None', '1j', '--1', 'toString', '__proto__', '2001-12-14', '-0', '-0.0', '1e309', '12345678901234567890', '1__0',
  '+.5', '1e-400', '0.1', "x'y", '=x', 'set()', '(1)',
];
/** Contents of quoted scalars, which yacs hands to literal_eval. */
const QUOTED = [
  '1e5', '[1, 2]', '(1, 2)', '1, 2', "{'a': 1}", '{1: 2}', "'x'", 'None', 'True', 'set()', '1j', "b'x'", "f'x'", '-1', '- 1',
  '--1', '+True', '1 + 2j', '[1, [2, (3,)]]', "{'a': [1e5]}", '{[1]: 2}', '(1)', '()', '[]', '{}', ' 1', '1 # c', "u'x'", '0x_f',
];

const plainScalar = fc.constantFrom(...PLAIN);
const quotedScalar = fc
  .tuple(fc.oneof(fc.constantFrom(...QUOTED), fc.string({ maxLength: 8 })), fc.boolean())
  .map(([content, single]) => (single ? `'${content.replace(/'/g, "''")}'` : JSON.stringify(content)));
const taggedScalar = fc
  .tuple(fc.constantFrom('!!str', '!!int', '!!float', '!!bool', '!!null', '!'), plainScalar)
  .map(([tag, text]) => `${tag} ${text}`);
const scalar = fc.oneof({ weight: 3, arbitrary: plainScalar }, { weight: 3, arbitrary: quotedScalar }, { weight: 1, arbitrary: taggedScalar });
const flowList = fc.array(scalar, { maxLength: 4 }).map((items) => `[${items.join(', ')}]`);
const key = fc.oneof(fc.constantFrom('A', 'B_C', 'TYPE', 'toString', '__proto__', 'constructor'), fc.constantFrom('1', 'on', 'x y'));

/** A block mapping of scalars, flow lists and nested mappings, `indent` spaces in. */
const blockMapping = (indent: number, depth: number): fc.Arbitrary<string> =>
  fc
    .uniqueArray(
      fc.tuple(key, depth > 0 ? fc.oneof(scalar, flowList, fc.constant(null)) : fc.oneof(scalar, flowList)),
      { minLength: 1, maxLength: 4, selector: ([k]) => k },
    )
    .chain((pairs) =>
      fc.tuple(
        ...pairs.map(([k, value]) =>
          value === null
            ? blockMapping(indent + 2, depth - 1).map((inner) => `${' '.repeat(indent)}${k}:\n${inner}`)
            : fc.constant(`${' '.repeat(indent)}${k}: ${value}\n`),
        ),
      ),
    )
    .map((lines) => lines.join(''));

describe.skipIf(unavailable !== null)('YAML read as PyYAML + yacs read it', () => {
  it('agrees with pycls on hand-written edge cases (YAML 1.1 types, tags, merges, aliases, documents)', () => {
    const reference = pycls(EDGE_CASES);
    const problems = EDGE_CASES.map((text, i) => [text, disagreement(text, reference[i]!)] as const).filter(([, d]) => d !== null);
    expect(problems).toEqual([]);
  });

  it('agrees with pycls on generated configs, most of which pycls reads', () => {
    const texts = fc.sample(blockMapping(0, 2), { numRuns: 400, seed: SEED });
    const reference = pycls(texts);
    const problems = texts.map((text, i) => [text, disagreement(text, reference[i]!)] as const).filter(([, d]) => d !== null);
    expect(problems, REPRODUCE).toEqual([]);
    // The generator must reach the decoding, not stop at the parser.
    const read = reference.filter((r) => 'value' in r).length;
    expect(read, REPRODUCE).toBeGreaterThan(texts.length / 4);
  });

  describe('configs we write', () => {
    const specs = [
      ...configPaths().map((path) => fromPyclsConfig(readConfig(path))),
      ...zooNames()
        .map((name) => zooModel(name))
        .filter(pyclsBuilds)
        .map((spec) => fastScale(spec, 4)),
    ];
    const written = specs.map((spec) => toPyclsConfig(spec));
    const loaded = pycls(written);

    it('read back by PyYAML + literal_eval to the values we meant, with the types pycls requires', () => {
      loaded.forEach((result, i) => {
        expect(result).toHaveProperty('value');
        const value = (result as { value: Encoded }).value;
        // Every value of a written config is one pycls keeps: we read the same network from it.
        expect(difference(value, loadPyclsYaml(written[i]!))).toBeNull();
        // The same network under pycls's module names: a config has no place for torchvision's.
        const { implementation: _, ...network } = specs[i] as { implementation?: string };
        expect(fromPyclsConfig(JSON.stringify(plain(value)))).toEqual(network);
        const sections = new Map((value as { map: [string, Encoded][] }).map);
        for (const [section, keys] of Object.entries(FLOAT_KEYS)) {
          const entries = new Map((sections.get(section) as { map: [string, Encoded][] } | undefined)?.map);
          for (const key of keys) if (entries.has(key)) expect(entries.get(key), `${section}.${key}`).toHaveProperty('float');
        }
        for (const section of ['ANYNET', 'REGNET', 'RESNET', 'EN']) {
          const entries = new Map((sections.get(section) as { map: [string, Encoded][] } | undefined)?.map);
          for (const key of INT_KEYS) if (entries.has(key)) expect(entries.get(key), `${section}.${key}`).toHaveProperty('int');
        }
      });
    });

    it('keeps the template’s training settings as PyYAML reads them, OUT_DIR included', () => {
      const template = zooConfig('RegNetY-400MF');
      const [original, scaled] = pycls([template, toPyclsConfig(fastScale(zooModel('RegNetY-400MF'), 4), { template })]) as { value: { map: [string, Encoded][] } }[];
      const section = (result: { value: { map: [string, Encoded][] } }, name: string) => new Map(result.value.map).get(name);
      expect(section(scaled!, 'OUT_DIR')).toBe('.');
      expect(section(scaled!, 'OPTIM')).toEqual(section(original!, 'OPTIM'));
    });
  });
});
if (unavailable !== null) it.skip(`PyYAML cross-checks: skipped because ${unavailable}`, () => {});

/** pycls config keys whose default is a float: yacs rejects an int in their place. */
const FLOAT_KEYS: Record<string, string[]> = { REGNET: ['WA', 'WM', 'BOT_MUL', 'SE_R'], ANYNET: ['SE_R'], EN: ['SE_R'] };
/** ... and keys whose default is an int. */
const INT_KEYS = ['STEM_W', 'HEAD_W', 'DEPTH', 'W0', 'GROUP_W', 'STRIDE', 'NUM_GROUPS', 'WIDTH_PER_GROUP'];

/** An encoded reference value as plain JSON data. */
function plain(value: Encoded): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  if ('int' in value) return Number(value.int);
  if ('float' in value) return Number(value.float);
  if ('map' in value) return Object.fromEntries(value.map.map(([k, v]) => [k, plain(v)]));
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

/** The SpecError a call throws (fails the test if it throws nothing or something else). */
function specError(run: () => unknown): SpecError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return error as SpecError;
  }
  throw new Error('expected a SpecError, but nothing was thrown');
}

describe('limits and hostile YAML', () => {
  it('refuses text longer than MAX_YAML_LENGTH before parsing it', () => {
    expect(MAX_YAML_LENGTH).toBe(262_144);
    expect(() => loadPyclsYaml(`a: "${'x'.repeat(MAX_YAML_LENGTH - 8)}"`)).not.toThrow();
    expect(specError(() => loadPyclsYaml(`a: "${'x'.repeat(MAX_YAML_LENGTH)}"`)).reason).toMatch(/262149 characters, more than MAX_YAML_LENGTH \(262144\)/);
  });

  it('refuses more than MAX_YAML_NODES values, keys included', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n');
    expect(Object.keys(loadPyclsYaml(keys(MAX_YAML_NODES / 2 - 1)) as object)).toHaveLength(MAX_YAML_NODES / 2 - 1);
    expect(specError(() => loadPyclsYaml(keys(MAX_YAML_NODES / 2 + 1))).reason).toMatch(/more than MAX_YAML_NODES \(50000\) values/);
  });

  it('stops an alias bomb (billion laughs) at MAX_YAML_NODES', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const error = specError(() => loadPyclsYaml(levels.join('\n')));
    expect(error.reason).toMatch(/^invalid YAML at line \d+, column \d+: more than MAX_YAML_NODES \(50000\) values \(aliases count as what they expand to\)$/);
  });

  it('refuses more than MAX_YAML_ALIASES aliases', () => {
    const list = (n: number) => `a: &a 1\nb: [${Array(n).fill('*a').join(', ')}]`;
    expect((loadPyclsYaml(list(MAX_YAML_ALIASES)) as { b: unknown[] }).b).toHaveLength(MAX_YAML_ALIASES);
    expect(specError(() => loadPyclsYaml(list(MAX_YAML_ALIASES + 1))).reason).toMatch(/more than MAX_YAML_ALIASES \(1000\) aliases/);
  });

  it.each([
    // The deepest of each that fits in MAX_YAML_LENGTH.
    ['block lists', (n: number) => `${'- '.repeat(n)}x`, 130_000],
    ['flow lists', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`, 130_000],
    ['flow mappings', (n: number) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`, 50_000],
    ['flow lists in a block list', (n: number) => `- ${'['.repeat(n - 1)}${']'.repeat(n - 1)}`, 130_000],
    ['block mappings', (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1', 700],
    ['indented lists of mappings', (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}- a:`).join('\n') + ' 1', 500],
  ])('reads %s as deep as MAX_YAML_DEPTH and refuses them deeper, however deep', (_, nest, deepest) => {
    expect(() => loadPyclsYaml(nest(MAX_YAML_DEPTH / (_ === 'indented lists of mappings' ? 2 : 1)))).not.toThrow();
    expect(nest(deepest).length).toBeLessThanOrEqual(MAX_YAML_LENGTH);
    for (const depth of [MAX_YAML_DEPTH + 1, deepest]) {
      expect(specError(() => loadPyclsYaml(nest(depth))).reason).toMatch(/nest deeper than MAX_YAML_DEPTH \(100\)/);
    }
  });

  it('reads a literal in a string MAX_YAML_DEPTH deep, refuses it deeper, and keeps it a string past Python’s 200', () => {
    const nest = (n: number) => `a: "${'['.repeat(n - 1)}${']'.repeat(n - 1)}"`; // the mapping is one level
    expect(() => loadPyclsYaml(nest(MAX_YAML_DEPTH))).not.toThrow();
    expect(specError(() => loadPyclsYaml(nest(MAX_YAML_DEPTH + 1))).reason).toMatch(/nest deeper than MAX_YAML_DEPTH \(100\)/);
    // CPython's parser refuses more than 200 nested brackets, so literal_eval fails and yacs keeps the text.
    expect(loadPyclsYaml(nest(202))).toEqual({ a: `${'['.repeat(201)}${']'.repeat(201)}` });
  });

  it('reads keys such as __proto__, constructor and toString as plain data', () => {
    const value = loadPyclsYaml('__proto__: {polluted: 1}\nconstructor: 2\ntoString: 3\n') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(value.__proto__).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(specError(() => fromPyclsConfig(`MODEL:\n  TYPE: ${type}\n`)).message).toBe(
        `MODEL.TYPE: "${type}" is not a supported model type (anynet, effnet, regnet, resnet, vit)`,
      );
    }
  });

  it('names the line, column and reason of every failure', () => {
    expect(specError(() => loadPyclsYaml('a: 1\nb: [1, 2\n')).message).toMatch(/^invalid YAML at line \d, column \d+: \S.*/);
    expect(specError(() => loadPyclsYaml('a: 1\nb: c: d\n')).message).toMatch(/^invalid YAML at line 2, column \d+: \S/);
    expect(specError(() => loadPyclsYaml('a: *nope\n')).message).toBe("a: invalid YAML at line 1, column 4: found undefined alias 'nope'");
    expect(specError(() => loadPyclsYaml('a: 1\nb: 2\na: 3\n')).message).toBe(
      'a: invalid YAML at line 3, column 1: key "a" is given twice in one mapping (first at line 1, column 1)',
    );
    expect(specError(() => loadPyclsYaml('a: 1\n---\nb: 2\n')).message).toBe(
      'invalid YAML at line 2, column 1: expected a single document in the stream, but found another document',
    );
    expect(specError(() => loadPyclsYaml('a: "\u0002"\n')).message).toBe(
      'invalid YAML at line 1, column 5: unacceptable character #x0002: special characters are not allowed',
    );
  });

  it('refuses what is not a string', () => {
    for (const value of [null, 42, {}, ['a: 1']]) {
      expect(specError(() => loadPyclsYaml(value as never)).message).toMatch(/is not a YAML string$/);
    }
  });
});
