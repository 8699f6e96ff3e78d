/**
 * pycls YAML configs <-> model specs. Reading follows pycls's defaults for absent keys (pycls
 * `core/config.py`); writing gives YAML that pycls loads into the same network.
 */
import { Document, isMap, isScalar, parseDocument, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import { SpecError } from '../errors.js';
import type { ConfigEntries, Family, PyclsConfigView, PyclsFormat } from '../families/family.js';
import { FAMILIES, familyOf, type ModelSpec } from '../families/index.js';
import type { Activation } from '../families/anynet/types.js';
import { describe } from '../internal/describe.js';
import { atBoundary, fieldsOf } from '../internal/read.js';
import { checkSpec } from '../spec/check.js';
import { FloatValue, FlowList, optional } from './pycls-format.js';
import { loadPyclsYaml } from './pyyaml.js';

type Section = Readonly<Record<string, unknown>>;

/** Every top-level key pycls's config knows (including its deprecated ones); anything else is a typo. */
const TOP_LEVEL_KEYS = [
  'MODEL', 'RESNET', 'ANYNET', 'REGNET', 'EN', 'VIT', 'BN', 'LN', 'OPTIM', 'TRAIN', 'TEST', 'DATA_LOADER', 'CUDNN',
  'PREC_TIME', 'LAUNCH', 'FSDP', 'MEM', 'DESC', 'VERBOSE', 'NUM_GPUS', 'MAX_GPUS_PER_NODE', 'OUT_DIR', 'CFG_DEST',
  'RNG_SEED', 'LOG_DEST', 'LOG_PERIOD', 'DIST_BACKEND', 'HOST', 'PORT_RANGE', 'PORT', 'DOWNLOAD_CACHE',
];

/** The MODEL keys pycls knows; the families' own sections come from the registry. */
const MODEL_KEYS = ['TYPE', 'DEPTH', 'NUM_CLASSES', 'LOSS_FUN', 'ACTIVATION_FUN', 'ACTIVATION_INPLACE', 'SCALING_TYPE', 'SCALING_FACTOR'];

/**
 * Keys of the sections that describe the network. An unknown key in one of them is an error: it would
 * change the network (or be rejected by pycls). Keys marked as ignored only affect training.
 */
/** The registry, typed so that `pycls` may be absent (families pycls does not build have none). */
const REGISTERED = FAMILIES as unknown as readonly Family<ModelSpec>[];

function modelSectionKeys(): Readonly<Record<string, readonly string[]>> {
  const keys: Record<string, readonly string[]> = { MODEL: MODEL_KEYS };
  for (const family of REGISTERED) if (family.pycls !== undefined) keys[family.pycls.section] = family.pycls.keys;
  return keys;
}

/** The family whose pycls `MODEL.TYPE` is `type`. */
function familyOfType(type: string): Family<ModelSpec> | undefined {
  return REGISTERED.find((family) => family.pycls?.type === type);
}

/** The pycls model types, for messages. */
function modelTypes(): string {
  return REGISTERED.flatMap((family) => (family.pycls === undefined ? [] : [family.pycls.type]))
    .sort()
    .join(', ');
}

/**
 * Reads a pycls YAML config into a {@link ModelSpec} (deeply frozen). Absent keys take pycls's defaults;
 * training keys (OPTIM, batch sizes, data loading, ...) are ignored.
 *
 * The YAML is read as pycls reads it (PyYAML's `safe_load`, then yacs's `literal_eval` of each value, so
 * `WA: 3.6e1` is 36.0), within the limits {@link MAX_YAML_LENGTH}, {@link MAX_YAML_NODES},
 * {@link MAX_YAML_ALIASES} and {@link MAX_YAML_DEPTH}.
 *
 * @throws {@link SpecError} for YAML that does not parse (the reason gives line and column), more than one
 * document, input beyond those limits, an unknown or unsupported `MODEL.TYPE`, an unknown key in a model
 * section, or a value pycls would reject or build into something else. The error's `path` is the config key
 * (`ANYNET.GROUP_WS[2]`).
 *
 * @example
 * ```ts
 * import { complexity, fromPyclsConfig } from 'fastscale';
 * const spec = fromPyclsConfig(`
 * MODEL:
 *   TYPE: regnet
 *   NUM_CLASSES: 1000
 * REGNET:
 *   DEPTH: 13
 *   W0: 24
 *   WA: 36.44
 *   WM: 2.49
 *   GROUP_W: 8
 * `);
 * complexity(spec).flops; // 199040872 (RegNetX-200MF)
 * ```
 */
export function fromPyclsConfig(yamlText: string): ModelSpec {
  if (typeof yamlText !== 'string') throw new SpecError('', `${describe(yamlText)} is not a YAML string`);
  const root = parseYaml(yamlText);
  const model = section(root, 'MODEL');
  const type = model.TYPE;
  if (type === undefined) throw new SpecError('MODEL.TYPE', `is missing (expected one of ${modelTypes()})`);
  const family = typeof type === 'string' ? familyOfType(type) : undefined;
  if (family === undefined) {
    throw new SpecError('MODEL.TYPE', `${describe(type)} is not a supported model type (${modelTypes()})`);
  }
  const format = family.pycls!;
  const fields = {
    ...format.read(configView(root)),
    numClasses: optional(model.NUM_CLASSES, 10),
    ...(format.ignoresActivation === true ? {} : { activation: activation(model.ACTIVATION_FUN) }),
    resolution: {
      train: optional(section(root, 'TRAIN').IM_SIZE, 224),
      test: optional(section(root, 'TEST').IM_SIZE, 256),
    },
  };
  try {
    return checkSpec(fields);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError(configPath(format, error.path), error.reason, { cause: error });
  }
}

/** A parsed config as families read it. */
function configView(root: Section): PyclsConfigView {
  return {
    section: (name) => section(root, name),
    list: (sectionName, key) => list(section(root, sectionName), sectionName, key),
  };
}

/**
 * The yaml package's editable document of a template, with PyYAML's reading of the two values its 1.1 schema
 * reads differently: a lone `.` (pycls configs say `OUT_DIR: .`) and `y`/`n` stay strings.
 */
function pyyamlDocument(text: string): Document {
  const doc = parseDocument(text, { version: '1.1', logLevel: 'silent' });
  visit(doc, {
    Scalar(_, node) {
      const source = node.source;
      if (typeof source !== 'string') return;
      const nanFromDot = typeof node.value === 'number' && Number.isNaN(node.value) && !/^[-+]?\.(nan|NaN|NAN)$/.test(source);
      const boolFromLetter = typeof node.value === 'boolean' && /^[yYnN]$/.test(source);
      if (nanFromDot || boolFromLetter) node.value = source;
    },
  });
  return doc;
}

/** A config as pycls reads it, checked to be a mapping of known sections. */
function parseYaml(text: string): Section {
  const root = loadPyclsYaml(text);
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new SpecError('', `the YAML holds ${describe(root)}, not a mapping of config sections`);
  }
  for (const key of Object.keys(root)) {
    if (!TOP_LEVEL_KEYS.includes(key)) throw new SpecError(key, 'is not a pycls config key');
  }
  for (const [name, keys] of Object.entries(modelSectionKeys())) {
    for (const key of Object.keys(section(root, name))) {
      if (!keys.includes(key)) throw new SpecError(`${name}.${key}`, `is not a pycls ${name} key`);
    }
  }
  return root;
}

/** A top-level section as a mapping; absent is empty. */
function section(root: Section, name: string): Section {
  const value = Object.hasOwn(root, name) ? root[name] : undefined;
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new SpecError(name, `${describe(value)} is not a mapping`);
  return value as Section;
}

function activation(value: unknown): Activation {
  if (value === undefined) return 'relu';
  if (value === 'relu') return 'relu';
  if (value === 'silu' || value === 'swish') return 'silu';
  throw new SpecError('MODEL.ACTIVATION_FUN', `${describe(value)} is not a supported activation (relu, silu, swish)`);
}

/** A list key (absent is pycls's default `[]`); each element is checked later by spec validation. */
function list(sectionValue: Section, sectionName: string, key: string): readonly unknown[] {
  const value = Object.hasOwn(sectionValue, key) ? sectionValue[key] : undefined;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SpecError(`${sectionName}.${key}`, `${describe(value)} is not a list`);
  return value;
}

// ---- Spec field paths <-> config keys -----------------------------------------------------------

const COMMON_KEYS: Readonly<Record<string, string>> = {
  numClasses: 'MODEL.NUM_CLASSES',
  activation: 'MODEL.ACTIVATION_FUN',
  'resolution.train': 'TRAIN.IM_SIZE',
  'resolution.test': 'TEST.IM_SIZE',
};

/** The config key behind a spec field path (`stages[2].groupWidth` -> `ANYNET.GROUP_WS[2]`). */
function configPath(format: PyclsFormat<ModelSpec>, path: string): string {
  return (Object.hasOwn(COMMON_KEYS, path) ? COMMON_KEYS[path] : undefined) ?? format.keyOf(path) ?? path;
}

// ---- Writing ------------------------------------------------------------------------------------

/**
 * Options of {@link toPyclsConfig}.
 *
 * @example
 * ```ts
 * import type { ToPyclsConfigOptions } from 'fastscale';
 * const options: ToPyclsConfigOptions = { template: 'OPTIM:\n  MAX_EPOCH: 100\n' };
 * ```
 */
export interface ToPyclsConfigOptions {
  /**
   * A pycls config whose training settings (OPTIM, TRAIN, TEST, ...) to keep: its model sections are
   * replaced by the spec's, everything else is kept with its comments. Without it the YAML holds only
   * the keys that define the network.
   */
  readonly template?: string | undefined;
}

/**
 * Writes a spec as a pycls YAML config that pycls loads into the same network: MODEL, the family's
 * section (ANYNET, REGNET, RESNET or EN), TRAIN.IM_SIZE and TEST.IM_SIZE (and the datasets that select a
 * ResNet's layout). `fromPyclsConfig(toPyclsConfig(spec))` equals `spec`. Float-typed keys are written
 * with a decimal point, as pycls's config type checks require.
 *
 * @throws {@link SpecError} for an invalid spec, options that are not `{ template?: string }`, or a template
 * that {@link fromPyclsConfig} could not read
 *
 * @example
 * ```ts
 * import { toPyclsConfig, zooModel } from 'fastscale';
 * console.log(toPyclsConfig(zooModel('RegNetX-200MF')));
 * // MODEL:
 * //   TYPE: regnet
 * //   NUM_CLASSES: 1000
 * //   ACTIVATION_FUN: relu
 * // REGNET:
 * //   STEM_TYPE: simple_stem_in
 * //   ...
 * ```
 */
export function toPyclsConfig(spec: ModelSpec, options: ToPyclsConfigOptions = {}): string {
  const checked = checkSpec(spec);
  const format = familyOf(checked).pycls;
  if (format === undefined) {
    throw new SpecError('family', `'${checked.family}' has no pycls config (pycls does not build this family)`);
  }
  const template = checkOptions(options);
  const doc = template === undefined ? new Document({}) : templateDocument(template);
  const written = format.write(checked);
  const root = doc.contents as YAMLMap;
  for (const name of Object.keys(modelSectionKeys())) if (name !== 'MODEL') root.delete(name);
  let model = root.get('MODEL');
  if (!isMap(model)) {
    model = new YAMLMap();
    root.set('MODEL', model);
  }
  const modelMap = model as YAMLMap;
  modelMap.delete('DEPTH'); // only ResNets read it; a stale one would mislead
  const activationEntries: ConfigEntries = 'activation' in checked ? [['ACTIVATION_FUN', checked.activation]] : [];
  const modelEntries: ConfigEntries = [['TYPE', format.type], ...(written.model ?? []), ['NUM_CLASSES', checked.numClasses], ...activationEntries];
  for (const [key, value] of modelEntries) modelMap.set(key, yamlValue(value));
  const map = new YAMLMap();
  for (const [key, value] of written.section) map.set(key, yamlValue(value));
  // Right after MODEL, where pycls's own configs keep it.
  const modelIndex = root.items.findIndex((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === 'MODEL');
  root.items.splice(modelIndex + 1, 0, doc.createPair(format.section, map));
  const extra = { TRAIN: [...(written.train ?? []), ['IM_SIZE', checked.resolution.train]], TEST: [...(written.test ?? []), ['IM_SIZE', checked.resolution.test]] } as const;
  for (const name of ['TRAIN', 'TEST'] as const) {
    let target = root.get(name);
    if (!isMap(target)) {
      target = new YAMLMap();
      root.set(name, target);
    }
    for (const [key, value] of extra[name]) (target as YAMLMap).set(key, yamlValue(value));
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The template of {@link toPyclsConfig}'s options, checked. */
function checkOptions(options: unknown): string | undefined {
  const fields = atBoundary(() => fieldsOf(options, ['template'], 'options', 'toPyclsConfig options', SpecError), SpecError);
  if (fields.template === undefined || typeof fields.template === 'string') return fields.template;
  throw new SpecError('options.template', `${describe(fields.template)} is not a string (a pycls YAML config)`);
}

function templateDocument(template: string): Document {
  parseYaml(template); // same checks (and limits) as reading, so that a bad template fails with a config path
  const doc = pyyamlDocument(template);
  if (!isMap(doc.contents)) throw new SpecError('', 'the template is not a mapping of config sections');
  return doc;
}

/** A family's value as a YAML node: floats with a decimal point, per-stage lists on one line. */
function yamlValue(value: unknown): unknown {
  if (value instanceof FloatValue) {
    const scalar = new Scalar(value.value);
    scalar.minFractionDigits = 1;
    return scalar;
  }
  if (value instanceof FlowList) {
    const seq = new YAMLSeq();
    seq.flow = true;
    for (const item of value.items) seq.add(yamlValue(item));
    return seq;
  }
  return value;
}
