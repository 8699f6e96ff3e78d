/**
 * Reading a pycls sweep file (`pycls/sweep/config.py` `load_cfg`): the YAML merged into the sweep
 * defaults with yacs's rules, the required keys checked, the base config merged into pycls's defaults,
 * and every sampler merged into its template and validated as `load_sampler`/`validate_sampler` do.
 */
import { deepFreeze, describe } from './core.js';
import { SweepError } from './errors.js';
import { PYCLS_DEPRECATED_KEYS, SAMPLER_TEMPLATES, SWEEP_DEFAULTS, SWEEP_DEPRECATED_KEYS, SWEEP_OPEN_NODES } from './pycls-defaults.js';
import { isNode, pyRepr, pythonType, type PyConfigNode, type PyValue } from './python.js';
import { loadYaml } from './pyyaml-load.js';
import { RAND_TYPES, type RandType } from './rand.js';
import { REGNET_PARAMETERS, validateRand, type ListSampler, type RegNetSampler, type Sampler, type ScalarSampler } from './samplers.js';
import { coerceValue, decodeValue, getPath, mergeInto } from './yacs.js';

/**
 * One entry of `SETUP.SAMPLERS`: the config key it samples (`OPTIM.BASE_LR`; `REGNET` for the RegNet
 * sampler) and the sampler, with its template's defaults filled in.
 *
 * @example
 * ```ts
 * import type { SweepSamplerEntry } from 'fastscale';
 * const entry: SweepSamplerEntry = { key: 'OPTIM.MAX_EPOCH', sampler: { type: 'value_sampler', values: [50n, 100n] } };
 * ```
 */
export interface SweepSamplerEntry {
  /** The key in `SETUP.SAMPLERS`. */
  readonly key: string;
  /** The sampler. */
  readonly sampler: Sampler;
}

/**
 * `SETUP.CONSTRAINTS`: complexity ranges (`[0, 0]` is no constraint; a 0 bound is no bound) and the
 * RegNet stage-count range (which pycls applies to every RegNet sample, `[4, 4]` by default).
 *
 * @example
 * ```ts
 * import type { SweepConstraints } from 'fastscale';
 * const constraints: SweepConstraints = {
 *   cx: { flops: [0.12e9, 0.13e9], params: [0, 2e6], acts: [0, 1e6] },
 *   regnet: { numStages: [2, 2] },
 * };
 * ```
 */
export interface SweepConstraints {
  /** `CX.FLOPS`, `CX.PARAMS`, `CX.ACTS` as [min, max]. */
  readonly cx: {
    /** `CX.FLOPS`. */
    readonly flops: readonly [number, number];
    /** `CX.PARAMS`. */
    readonly params: readonly [number, number];
    /** `CX.ACTS`. */
    readonly acts: readonly [number, number];
  };
  /** `REGNET`: the stage-count range every RegNet sample must meet (and have all its possible stages). */
  readonly regnet: {
    /** `REGNET.NUM_STAGES` as [min, max]. */
    readonly numStages: readonly [number, number];
  };
}

/**
 * A pycls sweep file, read and validated by {@link loadSweepConfig}: deeply frozen.
 *
 * @example
 * ```ts
 * import { loadSweepConfig, type SweepConfig } from 'fastscale';
 * const sweep: SweepConfig = loadSweepConfig('NAME: demo\nSETUP:\n  NUM_CONFIGS: 2\n');
 * sweep.setup.chunkSize; // 5000, pycls's default
 * ```
 */
export interface SweepConfig {
  /** `NAME`. */
  readonly name: string;
  /** `DESC`. */
  readonly description: string;
  /** `NUM_PROC` where the file sets it (pycls's default is the machine's core count), else null. */
  readonly numProc: number | null;
  /** `SETUP`, typed. */
  readonly setup: {
    /** `NUM_CONFIGS`: how many configs to keep. */
    readonly numConfigs: number;
    /** `NUM_SAMPLES`: the most samples to draw. */
    readonly numSamples: number;
    /** `CHUNK_SIZE`: samples per chunk (one seed each). */
    readonly chunkSize: number;
    /** `RNG_SEED`: the seed of the chunk seeds. */
    readonly rngSeed: number;
    /** The pycls config every sample starts from: pycls's defaults merged with `BASE_CFG`. */
    readonly baseConfig: PyConfigNode;
    /** `SAMPLERS`, in file order (the order values are drawn in). */
    readonly samplers: readonly SweepSamplerEntry[];
    /** `CONSTRAINTS`. */
    readonly constraints: SweepConstraints;
  };
  /** The whole sweep config after yacs's merge into pycls's sweep defaults (LAUNCH, COLLECT, ANALYZE included). */
  readonly tree: PyConfigNode;
  /** The YAML text read (pycls copies it to `sweep_cfg.yaml`). */
  readonly source: string;
}

/**
 * Reads a pycls sweep YAML file as pycls's `sweep/config.py` `load_cfg` does: merged into the sweep
 * defaults (`SETUP`, `LAUNCH`, `COLLECT`, `ANALYZE`; unknown keys and type mismatches are errors), `NAME`
 * and `SETUP.NUM_CONFIGS` required, `BASE_CFG` merged into pycls's config defaults, and each sampler merged
 * into its template and validated (`validate_sampler`, `validate_rand`). Beyond pycls, what pycls would only
 * find at its first sample is reported here: a sampled key pycls's config lacks, a sampled value whose type
 * yacs would reject, an empty `VALUES`.
 *
 * @throws {@link SweepError} whose `path` is the YAML key (`SETUP.SAMPLERS.REGNET.DEPTH`,
 * `SETUP.BASE_CFG.OPTIM.BASE_LR`) and whose message names the bad value
 *
 * @example
 * ```ts
 * import { loadSweepConfig } from 'fastscale';
 * const sweep = loadSweepConfig(`
 * NAME: cifar/regnet
 * SETUP:
 *   NUM_CONFIGS: 32
 *   SAMPLERS:
 *     REGNET:
 *       TYPE: regnet_sampler
 *       DEPTH: [6, 16]
 *       GROUP_W: [1, 32]
 *   BASE_CFG:
 *     MODEL: {TYPE: regnet, NUM_CLASSES: 10}
 *     REGNET: {STEM_TYPE: res_stem_cifar, SE_ON: True, STEM_W: 16}
 *     TRAIN: {IM_SIZE: 32}
 * `);
 * sweep.setup.samplers[0]!.sampler;
 * // { type: 'regnet_sampler', depth: [6, 16], w0: [8, 256], wa: [8, 256], wm: [2, 3], groupWidth: [1, 32], bottleneckMultiplier: [1, 1] }
 * ```
 */
export function loadSweepConfig(yamlText: string): SweepConfig {
  if (typeof yamlText !== 'string') throw new SweepError('', `${describe(yamlText)} is not YAML text`);
  const raw = loadYaml(yamlText);
  if (raw !== null && !isNode(raw)) throw new SweepError('', `the YAML holds ${pythonType(raw)}, not a mapping of sweep config keys`);
  const tree = mergeInto(raw ?? {}, SWEEP_DEFAULTS, { openNodes: SWEEP_OPEN_NODES, deprecated: SWEEP_DEPRECATED_KEYS, pathPrefix: '' });

  // load_cfg's required keys.
  if (!truthy(tree.ROOT_DIR!)) throw new SweepError('ROOT_DIR', 'has to be specified');
  if (!truthy(tree.NAME!)) throw new SweepError('NAME', 'has to be specified');
  const setup = tree.SETUP as PyConfigNode;
  if (!truthy(setup.NUM_CONFIGS!)) throw new SweepError('SETUP.NUM_CONFIGS', 'has to be specified');
  const keep = (tree.COLLECT as PyConfigNode).CHECKPOINTS_KEEP;
  if (keep !== 'all' && keep !== 'last' && keep !== 'none') {
    throw new SweepError('COLLECT.CHECKPOINTS_KEEP', `${pyRepr(keep!)} is not one of 'all', 'last', 'none'`);
  }

  const numConfigs = integerAt(setup, 'NUM_CONFIGS', 1);
  const numSamples = integerAt(setup, 'NUM_SAMPLES', 0);
  const chunkSize = integerAt(setup, 'CHUNK_SIZE', 1);
  const rngSeed = integerAt(setup, 'RNG_SEED', 0);
  if (rngSeed > 0xffffffff) throw new SweepError('SETUP.RNG_SEED', `${rngSeed} is above 2^32 - 1 (numpy: "Seed must be between 0 and 2**32 - 1")`);
  if (Math.ceil(numSamples / chunkSize) > 1000000) {
    throw new SweepError('SETUP.NUM_SAMPLES', `${numSamples} samples in chunks of ${chunkSize} need more than the 1000000 chunk seeds pycls draws`);
  }

  const baseConfig = setup.BASE_CFG as PyConfigNode;
  const samplerNodes = setup.SAMPLERS as PyConfigNode;
  const samplers = Object.entries(samplerNodes).map(([key, node]) => {
    const path = `SETUP.SAMPLERS.${key}`;
    const sampler = loadSampler(key, node, path);
    checkSampledKeys(key, sampler, baseConfig, path);
    return { key, sampler };
  });

  let numProc: number | null = null;
  if (raw !== null && Object.hasOwn(raw, 'NUM_PROC')) {
    const value = tree.NUM_PROC;
    if (typeof value !== 'bigint' || value < 1n || value > 4096n) throw new SweepError('NUM_PROC', `${pyRepr(value ?? null)} is not an int in [1, 4096]`);
    numProc = Number(value);
  }

  return own({
    name: String(tree.NAME),
    description: typeof tree.DESC === 'string' ? tree.DESC : '',
    numProc,
    setup: { numConfigs, numSamples, chunkSize, rngSeed, baseConfig, samplers, constraints: loadConstraints(setup.CONSTRAINTS as PyConfigNode) },
    tree,
    source: yamlText,
  });
}

/** Sweep configs {@link loadSweepConfig} made: the only ones sampling trusts. */
const loaded = new WeakSet<object>();

function own(config: SweepConfig): SweepConfig {
  loaded.add(deepFreeze(config));
  return config;
}

/** A sweep config that {@link loadSweepConfig} made, or a SweepError at `path`. */
export function checkSweep(value: unknown, path = 'sweep'): SweepConfig {
  if (typeof value === 'object' && value !== null && loaded.has(value)) return value as SweepConfig;
  throw new SweepError(path, `${describe(value)} is not a sweep config made by loadSweepConfig (pass what it returns)`);
}

/** Python's truthiness of a config value. */
function truthy(value: PyValue): boolean {
  if (value === null || value === false || value === '' || value === 0 || value === 0n) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isNode(value)) return Object.keys(value).length > 0;
  return true;
}

function integerAt(node: PyConfigNode, key: string, minimum: number): number {
  const value = node[key];
  const path = `SETUP.${key}`;
  if (typeof value !== 'bigint') throw new SweepError(path, `${pyRepr(value ?? null)} is not an int`);
  if (value < BigInt(minimum) || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new SweepError(path, `${value} is not an integer in [${minimum}, 2^53)`);
  }
  return Number(value);
}

function numberPair(value: PyValue | undefined, path: string): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw new SweepError(path, `${pyRepr(value ?? null)} is not a [low, high] pair`);
  return value.map((v: PyValue, i: number) => {
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number' && !Number.isNaN(v)) return v;
    throw new SweepError(`${path}[${i}]`, `${pyRepr(v)} is not a number`);
  }) as unknown as readonly [number, number];
}

function loadConstraints(node: PyConfigNode): SweepConstraints {
  const cx = node.CX as PyConfigNode;
  const regnet = node.REGNET as PyConfigNode;
  return {
    cx: {
      flops: numberPair(cx.FLOPS, 'SETUP.CONSTRAINTS.CX.FLOPS'),
      params: numberPair(cx.PARAMS, 'SETUP.CONSTRAINTS.CX.PARAMS'),
      acts: numberPair(cx.ACTS, 'SETUP.CONSTRAINTS.CX.ACTS'),
    },
    regnet: { numStages: numberPair(regnet.NUM_STAGES, 'SETUP.CONSTRAINTS.REGNET.NUM_STAGES') },
  };
}

const SAMPLER_TYPES = Object.keys(SAMPLER_TEMPLATES);

/**
 * pycls's `load_sampler(param, sampler)`: the sampler merged into the template of its TYPE, validated,
 * and typed. `path` is where it sits in the YAML.
 */
function loadSampler(param: string, node: PyValue, path: string): Sampler {
  if (!isNode(node)) throw new SweepError(path, `${pyRepr(node)} is not a sampler (a mapping with a TYPE)`);
  const type = node.TYPE;
  if (typeof type !== 'string' || !SAMPLER_TYPES.includes(type)) {
    const hint = typeof type === 'string' && SAMPLER_TYPES.includes(type.toLowerCase()) ? ` (pycls needs it in lower case: ${type.toLowerCase()})` : '';
    throw new SweepError(`${path}.TYPE`, `${type === undefined ? 'is missing' : `${pyRepr(type)} is not a sampler TYPE`} (one of ${SAMPLER_TYPES.join(', ')})${hint}`);
  }
  const { ITEM_SAMPLER: itemNode, ...fields } = node;
  if (type !== 'list_sampler' && itemNode !== undefined) {
    throw new SweepError(`${path}.ITEM_SAMPLER`, `is not a field of a ${type} (yacs: "Non-existent config key")`);
  }
  const full = mergeInto(fields, SAMPLER_TEMPLATES[type]!, { openNodes: new Set(), deprecated: new Set(), pathPrefix: path });
  switch (type) {
    case 'float_sampler':
    case 'int_sampler':
      return scalarSampler(type, full, path);
    case 'value_sampler': {
      const values = full.VALUES;
      if (!Array.isArray(values) || values.length === 0) {
        throw new SweepError(`${path}.VALUES`, 'is empty (numpy cannot draw an index from no values)');
      }
      return { type, values };
    }
    case 'list_sampler': {
      const length = full.LENGTH;
      if (typeof length !== 'bigint' || length < 0n || length > 100000n) {
        throw new SweepError(`${path}.LENGTH`, `${pyRepr(length ?? null)} is not an int in [0, 100000]`);
      }
      if (!isNode(itemNode)) throw new SweepError(`${path}.ITEM_SAMPLER`, `${itemNode === undefined ? 'is missing' : `${pyRepr(itemNode)} is not a sampler`}`);
      const item = loadSampler(param, itemNode, `${path}.ITEM_SAMPLER`);
      if (item.type === 'regnet_sampler') throw new SweepError(`${path}.ITEM_SAMPLER.TYPE`, 'a regnet_sampler cannot be a list item');
      return { type, length: Number(length), itemSampler: item } satisfies ListSampler;
    }
    default:
      return regNetSampler(param, full, path);
  }
}

/** `[low, high]` of a sampler field: two values of the Python type `integer` says, as numbers. */
function typedPair(value: PyValue | undefined, integer: boolean, path: string): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new SweepError(path, `${pyRepr(value ?? null)} is not a [low, high] pair (pycls unpacks exactly two values)`);
  }
  return (value as readonly PyValue[]).map((v, i) => typedNumber(v, integer, `${path}[${i}]`)) as unknown as readonly [number, number];
}

function typedNumber(v: PyValue | undefined, integer: boolean, path: string): number {
  const expected = integer ? 'int' : 'float';
  if (integer ? typeof v !== 'bigint' : typeof v !== 'number') {
    throw new SweepError(path, `${pyRepr(v ?? null)} is not ${integer ? 'an' : 'a'} ${expected} (pycls's validate_rand needs low, high and q of one type)`);
  }
  if (integer && ((v as bigint) > BigInt(Number.MAX_SAFE_INTEGER) || (v as bigint) < -BigInt(Number.MAX_SAFE_INTEGER))) {
    throw new SweepError(path, `${String(v)} is beyond the safe integer range`);
  }
  return Number(v);
}

function scalarSampler(type: 'float_sampler' | 'int_sampler', full: PyConfigNode, path: string): ScalarSampler {
  const integer = type === 'int_sampler';
  const randType = full.RAND_TYPE;
  if (typeof randType !== 'string' || !(RAND_TYPES as readonly string[]).includes(randType)) {
    throw new SweepError(`${path}.RAND_TYPE`, `${pyRepr(randType ?? null)} is not one of ${RAND_TYPES.join(', ')}`);
  }
  const range = typedPair(full.RANGE, integer, `${path}.RANGE`);
  const quantize = typedNumber(full.QUANTIZE, integer, `${path}.QUANTIZE`);
  validateRand(path, randType as RandType, range[0], range[1], quantize, integer);
  return { type, randType: randType as RandType, range, quantize };
}

function regNetSampler(param: string, full: PyConfigNode, path: string): RegNetSampler {
  if (param !== 'REGNET') throw new SweepError(path, 'a regnet_sampler can only be used for REGNET (its key must be REGNET)');
  const ranges: Record<string, readonly [number, number]> = {};
  for (const { key, field, randType, quantize, integer } of REGNET_PARAMETERS) {
    const range = typedPair(full[key], integer, `${path}.${key}`);
    validateRand(`${path}.${key}`, randType, range[0], range[1], quantize, integer);
    ranges[field] = range;
  }
  return { type: 'regnet_sampler', ...ranges } as unknown as RegNetSampler;
}

/**
 * What pycls would only find at its first sample: each key the sampler sets must be in pycls's config,
 * and each value it can draw must pass yacs's type check against the base config's value.
 */
function checkSampledKeys(param: string, sampler: Sampler, base: PyConfigNode, path: string): void {
  const check = (key: string, examples: readonly PyValue[]): void => {
    if (PYCLS_DEPRECATED_KEYS.has(key)) return;
    const original = getPath(base, key.split('.'));
    if (original === undefined || isNode(original)) {
      throw new SweepError(path, `samples ${key}, which is not a pycls config key (yacs: "Non-existent key")`);
    }
    for (const example of examples) coerceValue(decodeValue(example, path), original, path);
  };
  switch (sampler.type) {
    case 'regnet_sampler':
      for (const { key, integer } of REGNET_PARAMETERS) check(`REGNET.${key}`, [integer ? 0n : 0.5]);
      return;
    case 'float_sampler':
      return check(param, [0.5]);
    case 'int_sampler':
      return check(param, [0n]);
    case 'value_sampler':
      return check(param, sampler.values);
    case 'list_sampler':
      return check(param, [[]]);
  }
}
