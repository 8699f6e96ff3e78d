/**
 * pycls YAML configs <-> model specs. Reading follows pycls's defaults for absent keys (pycls
 * `core/config.py`); writing gives YAML that pycls loads into the same network.
 */
import { Document, isMap, isScalar, parseDocument, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import { SpecError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { deepFreeze } from '../internal/freeze.js';
import { ownedRecord } from '../internal/read.js';
import { checkSpec } from '../spec/check.js';
import type { Activation, AnyNetSpec, EfficientNetSpec, ModelSpec, RegNetSpec, ResNetSpec } from '../spec/types.js';
import { loadPyclsYaml } from './pyyaml.js';

type Section = Readonly<Record<string, unknown>>;

/** Every top-level key pycls's config knows (including its deprecated ones); anything else is a typo. */
const TOP_LEVEL_KEYS = [
  'MODEL', 'RESNET', 'ANYNET', 'REGNET', 'EN', 'VIT', 'BN', 'LN', 'OPTIM', 'TRAIN', 'TEST', 'DATA_LOADER', 'CUDNN',
  'PREC_TIME', 'LAUNCH', 'FSDP', 'MEM', 'DESC', 'VERBOSE', 'NUM_GPUS', 'MAX_GPUS_PER_NODE', 'OUT_DIR', 'CFG_DEST',
  'RNG_SEED', 'LOG_DEST', 'LOG_PERIOD', 'DIST_BACKEND', 'HOST', 'PORT_RANGE', 'PORT', 'DOWNLOAD_CACHE',
];

/**
 * Keys of the sections that describe the network. An unknown key in one of them is an error: it would
 * change the network (or be rejected by pycls). Keys marked as ignored only affect training.
 */
const MODEL_SECTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  MODEL: ['TYPE', 'DEPTH', 'NUM_CLASSES', 'LOSS_FUN', 'ACTIVATION_FUN', 'ACTIVATION_INPLACE', 'SCALING_TYPE', 'SCALING_FACTOR'],
  RESNET: ['TRANS_FUN', 'NUM_GROUPS', 'WIDTH_PER_GROUP', 'STRIDE_1X1'],
  ANYNET: ['STEM_TYPE', 'STEM_W', 'BLOCK_TYPE', 'DEPTHS', 'WIDTHS', 'STRIDES', 'BOT_MULS', 'GROUP_WS', 'HEAD_W', 'SE_ON', 'SE_R'],
  REGNET: ['STEM_TYPE', 'STEM_W', 'BLOCK_TYPE', 'STRIDE', 'SE_ON', 'SE_R', 'DEPTH', 'W0', 'WA', 'WM', 'GROUP_W', 'BOT_MUL', 'HEAD_W'],
  EN: ['STEM_W', 'DEPTHS', 'WIDTHS', 'EXP_RATIOS', 'SE_R', 'STRIDES', 'KERNELS', 'HEAD_W', 'DC_RATIO', 'DROPOUT_RATIO'],
};

/** pycls model types and the spec family each becomes. */
const MODEL_TYPES = { anynet: 'anynet', regnet: 'regnet', resnet: 'resnet', effnet: 'efficientnet' } as const;
type PyclsModelType = keyof typeof MODEL_TYPES;

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
  if (type === undefined) throw new SpecError('MODEL.TYPE', 'is missing (expected one of anynet, regnet, resnet, effnet)');
  if (typeof type !== 'string' || !Object.hasOwn(MODEL_TYPES, type)) {
    const hint = type === 'vit' ? ' (vision transformers are not supported)' : '';
    throw new SpecError('MODEL.TYPE', `${describe(type)} is not a supported model type (anynet, regnet, resnet, effnet)${hint}`);
  }
  const common = {
    numClasses: optional(model.NUM_CLASSES, 10),
    activation: activation(model.ACTIVATION_FUN),
    resolution: {
      train: optional(section(root, 'TRAIN').IM_SIZE, 224),
      test: optional(section(root, 'TEST').IM_SIZE, 256),
    },
  };
  const spec = SPEC_READERS[type as PyclsModelType](root, common);
  try {
    checkSpec(spec);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError(configPath(spec, error.path), error.reason, { cause: error });
  }
  return deepFreeze(spec);
}

interface CommonFields {
  readonly numClasses: unknown;
  readonly activation: Activation;
  readonly resolution: { readonly train: unknown; readonly test: unknown };
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
  for (const [name, keys] of Object.entries(MODEL_SECTION_KEYS)) {
    for (const key of Object.keys(section(root, name))) {
      if (!keys.includes(key)) throw new SpecError(`${name}.${key}`, `is not a pycls ${name} key`);
    }
  }
  return root;
}

/** A top-level section as a mapping; absent is empty. */
function section(root: Section, name: string): Section {
  const value = root[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new SpecError(name, `${describe(value)} is not a mapping`);
  return value as Section;
}

function optional(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

function activation(value: unknown): Activation {
  if (value === undefined) return 'relu';
  if (value === 'relu') return 'relu';
  if (value === 'silu' || value === 'swish') return 'silu';
  throw new SpecError('MODEL.ACTIVATION_FUN', `${describe(value)} is not a supported activation (relu, silu, swish)`);
}

/** A list key (absent is pycls's default `[]`); each element is checked later by spec validation. */
function list(sectionValue: Section, sectionName: string, key: string): readonly unknown[] {
  const value = sectionValue[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SpecError(`${sectionName}.${key}`, `${describe(value)} is not a list`);
  return value;
}

/** Per-stage lists must have one entry per stage: pycls would silently drop the extra ones. */
function sameLength(sectionName: string, lists: Readonly<Record<string, readonly unknown[]>>): number {
  const [firstKey, first] = Object.entries(lists)[0]!;
  if (first.length === 0) throw new SpecError(`${sectionName}.${firstKey}`, 'is empty (expected one entry per stage)');
  for (const [key, values] of Object.entries(lists)) {
    if (values.length !== first.length) {
      throw new SpecError(
        `${sectionName}.${key}`,
        `has ${values.length} entries but ${sectionName}.${firstKey} has ${first.length} (one per stage)`,
      );
    }
  }
  return first.length;
}

/** `SE_ON` and `SE_R` as the spec's ratio-or-null. */
function seRatio(s: Section, name: string): unknown {
  const on = optional(s.SE_ON, false);
  if (typeof on !== 'boolean') throw new SpecError(`${name}.SE_ON`, `${describe(on)} is not a boolean`);
  return on ? optional(s.SE_R, 0.25) : null;
}

const BOTTLENECK_BLOCKS: readonly unknown[] = ['res_bottleneck_block', 'res_bottleneck_linear_block'];

function readAnyNet(root: Section, common: CommonFields): AnyNetSpec {
  const s = section(root, 'ANYNET');
  const blockType = optional(s.BLOCK_TYPE, 'res_bottleneck_block');
  const depths = list(s, 'ANYNET', 'DEPTHS');
  const widths = list(s, 'ANYNET', 'WIDTHS');
  const strides = list(s, 'ANYNET', 'STRIDES');
  let multipliers = list(s, 'ANYNET', 'BOT_MULS');
  let groupWidths = list(s, 'ANYNET', 'GROUP_WS');
  const count = sameLength('ANYNET', { DEPTHS: depths, WIDTHS: widths, STRIDES: strides });
  // Basic and vanilla blocks ignore these; pycls's scaler fills them with 1, as we do. Bottleneck blocks
  // cannot be built without them.
  for (const [key, values] of [['BOT_MULS', multipliers], ['GROUP_WS', groupWidths]] as const) {
    if (values.length === 0 && BOTTLENECK_BLOCKS.includes(blockType)) {
      throw new SpecError(`ANYNET.${key}`, `is missing (required by ${String(blockType)})`);
    }
  }
  if (multipliers.length === 0) multipliers = Array<number>(count).fill(1);
  if (groupWidths.length === 0) groupWidths = Array<number>(count).fill(1);
  sameLength('ANYNET', { DEPTHS: depths, BOT_MULS: multipliers, GROUP_WS: groupWidths });
  return {
    family: 'anynet',
    stem: { type: optional(s.STEM_TYPE, 'simple_stem_in'), width: optional(s.STEM_W, 32) },
    blockType,
    stages: depths.map((depth, i) => ({
      depth,
      width: widths[i],
      stride: strides[i],
      bottleneckMultiplier: multipliers[i],
      groupWidth: groupWidths[i],
    })),
    seRatio: seRatio(s, 'ANYNET'),
    headWidth: optional(s.HEAD_W, 0),
    ...common,
  } as AnyNetSpec; // field types are checked by checkSpec right after
}

function readRegNet(root: Section, common: CommonFields): RegNetSpec {
  const s = section(root, 'REGNET');
  return {
    family: 'regnet',
    wa: optional(s.WA, 5.0),
    w0: optional(s.W0, 32),
    wm: optional(s.WM, 2.5),
    depth: optional(s.DEPTH, 10),
    groupWidth: optional(s.GROUP_W, 16),
    bottleneckMultiplier: optional(s.BOT_MUL, 1.0),
    stride: optional(s.STRIDE, 2),
    seRatio: seRatio(s, 'REGNET'),
    stem: { type: optional(s.STEM_TYPE, 'simple_stem_in'), width: optional(s.STEM_W, 32) },
    blockType: optional(s.BLOCK_TYPE, 'res_bottleneck_block'),
    headWidth: optional(s.HEAD_W, 0),
    ...common,
  } as RegNetSpec;
}

function readResNet(root: Section, common: CommonFields): ResNetSpec {
  const s = section(root, 'RESNET');
  const dataset = section(root, 'TRAIN').DATASET;
  // pycls's ResNet picks its layout from the training dataset and accepts only these two.
  if (dataset !== 'cifar10' && dataset !== 'imagenet') {
    throw new SpecError('TRAIN.DATASET', `${describe(dataset)} is not a dataset pycls's ResNet supports (cifar10, imagenet)`);
  }
  return {
    family: 'resnet',
    dataset: dataset === 'cifar10' ? 'cifar' : 'imagenet',
    depth: optional(section(root, 'MODEL').DEPTH, 0),
    transformation: optional(s.TRANS_FUN, 'basic_transform'),
    groups: optional(s.NUM_GROUPS, 1),
    widthPerGroup: optional(s.WIDTH_PER_GROUP, 64),
    strideOn1x1: optional(s.STRIDE_1X1, true),
    ...common,
  } as ResNetSpec;
}

function readEfficientNet(root: Section, common: CommonFields): EfficientNetSpec {
  const s = section(root, 'EN');
  const depths = list(s, 'EN', 'DEPTHS');
  const widths = list(s, 'EN', 'WIDTHS');
  const ratios = list(s, 'EN', 'EXP_RATIOS');
  const kernels = list(s, 'EN', 'KERNELS');
  const strides = list(s, 'EN', 'STRIDES');
  sameLength('EN', { DEPTHS: depths, WIDTHS: widths, EXP_RATIOS: ratios, KERNELS: kernels, STRIDES: strides });
  return {
    family: 'efficientnet',
    stemWidth: optional(s.STEM_W, 32),
    stages: depths.map((depth, i) => ({
      depth,
      width: widths[i],
      expansionRatio: ratios[i],
      kernel: kernels[i],
      stride: strides[i],
    })),
    seRatio: optional(s.SE_R, 0.25),
    headWidth: optional(s.HEAD_W, 1280),
    ...common,
  } as EfficientNetSpec;
}

const SPEC_READERS: Readonly<Record<PyclsModelType, (root: Section, common: CommonFields) => ModelSpec>> = {
  anynet: readAnyNet,
  regnet: readRegNet,
  resnet: readResNet,
  effnet: readEfficientNet,
};

// ---- Spec field paths <-> config keys -----------------------------------------------------------

const COMMON_KEYS: Readonly<Record<string, string>> = {
  numClasses: 'MODEL.NUM_CLASSES',
  activation: 'MODEL.ACTIVATION_FUN',
  'resolution.train': 'TRAIN.IM_SIZE',
  'resolution.test': 'TEST.IM_SIZE',
};
const STAGE_KEYS: Readonly<Record<string, string>> = {
  depth: 'DEPTHS',
  width: 'WIDTHS',
  stride: 'STRIDES',
  bottleneckMultiplier: 'BOT_MULS',
  groupWidth: 'GROUP_WS',
  expansionRatio: 'EXP_RATIOS',
  kernel: 'KERNELS',
};
const FIELD_KEYS: Readonly<Record<ModelSpec['family'], Readonly<Record<string, string>>>> = {
  anynet: {
    'stem.type': 'ANYNET.STEM_TYPE',
    'stem.width': 'ANYNET.STEM_W',
    blockType: 'ANYNET.BLOCK_TYPE',
    seRatio: 'ANYNET.SE_R',
    headWidth: 'ANYNET.HEAD_W',
    stages: 'ANYNET.DEPTHS',
  },
  regnet: {
    wa: 'REGNET.WA',
    w0: 'REGNET.W0',
    wm: 'REGNET.WM',
    depth: 'REGNET.DEPTH',
    groupWidth: 'REGNET.GROUP_W',
    bottleneckMultiplier: 'REGNET.BOT_MUL',
    stride: 'REGNET.STRIDE',
    seRatio: 'REGNET.SE_R',
    'stem.type': 'REGNET.STEM_TYPE',
    'stem.width': 'REGNET.STEM_W',
    blockType: 'REGNET.BLOCK_TYPE',
    headWidth: 'REGNET.HEAD_W',
  },
  resnet: {
    dataset: 'TRAIN.DATASET',
    depth: 'MODEL.DEPTH',
    transformation: 'RESNET.TRANS_FUN',
    groups: 'RESNET.NUM_GROUPS',
    widthPerGroup: 'RESNET.WIDTH_PER_GROUP',
    strideOn1x1: 'RESNET.STRIDE_1X1',
  },
  efficientnet: {
    stemWidth: 'EN.STEM_W',
    seRatio: 'EN.SE_R',
    headWidth: 'EN.HEAD_W',
    stages: 'EN.DEPTHS',
  },
};

/** The config key behind a spec field path (`stages[2].groupWidth` -> `ANYNET.GROUP_WS[2]`). */
function configPath(spec: ModelSpec, path: string): string {
  const stageField = /^stages\[(\d+)\]\.(\w+)$/.exec(path);
  if (stageField !== null) {
    const sectionName = spec.family === 'efficientnet' ? 'EN' : 'ANYNET';
    if (Object.hasOwn(STAGE_KEYS, stageField[2]!)) return `${sectionName}.${STAGE_KEYS[stageField[2]!]}[${stageField[1]}]`;
  }
  const familyKeys = FIELD_KEYS[spec.family];
  if (Object.hasOwn(COMMON_KEYS, path)) return COMMON_KEYS[path]!;
  return Object.hasOwn(familyKeys, path) ? familyKeys[path]! : path;
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
  readonly template?: string;
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
  checkSpec(spec);
  const template = ownedRecord(options, ['template'], 'options', 'toPyclsConfig options', SpecError).template;
  if (template !== undefined && typeof template !== 'string') {
    throw new SpecError('options.template', `${describe(template)} is not a YAML string`);
  }
  const doc = template === undefined ? new Document({}) : templateDocument(template);
  const sections = modelSections(spec);
  const root = doc.contents as YAMLMap;
  for (const name of Object.keys(MODEL_SECTION_KEYS)) if (name !== 'MODEL') root.delete(name);
  let model = root.get('MODEL');
  if (!isMap(model)) {
    model = new YAMLMap();
    root.set('MODEL', model);
  }
  const modelMap = model as YAMLMap;
  modelMap.delete('DEPTH'); // only ResNets read it; a stale one would mislead
  for (const [key, value] of sections.MODEL) modelMap.set(key, value);
  for (const [name, entries] of Object.entries(sections)) {
    if (name === 'MODEL' || name === 'TRAIN' || name === 'TEST') continue;
    const map = new YAMLMap();
    for (const [key, value] of entries) map.set(key, value);
    // Right after MODEL, where pycls's own configs keep it.
    const modelIndex = root.items.findIndex((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === 'MODEL');
    root.items.splice(modelIndex + 1, 0, doc.createPair(name, map));
  }
  for (const name of ['TRAIN', 'TEST'] as const) {
    let map = root.get(name);
    if (!isMap(map)) {
      map = new YAMLMap();
      root.set(name, map);
    }
    for (const [key, value] of sections[name]) (map as YAMLMap).set(key, value);
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function templateDocument(template: string): Document {
  parseYaml(template); // same checks (and limits) as reading, so that a bad template fails with a config path
  const doc = pyyamlDocument(template);
  if (!isMap(doc.contents)) throw new SpecError('', 'the template is not a mapping of config sections');
  return doc;
}

type Entries = [string, unknown][];

/** The config sections a spec writes: MODEL, TRAIN, TEST and the family's own. */
interface Sections {
  readonly MODEL: Entries;
  readonly TRAIN: Entries;
  readonly TEST: Entries;
  readonly [family: string]: Entries;
}

/** A float-typed scalar: pycls's config rejects an int where its default is a float. */
function float(value: number): Scalar {
  const scalar = new Scalar(value);
  scalar.minFractionDigits = 1;
  return scalar;
}

/** A one-line `[a, b, c]` list. */
function flow(values: readonly unknown[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const value of values) seq.add(value);
  return seq;
}

function modelSections(spec: ModelSpec): Sections {
  const type = { anynet: 'anynet', regnet: 'regnet', resnet: 'resnet', efficientnet: 'effnet' }[spec.family];
  const model: Entries = [['TYPE', type]];
  if (spec.family === 'resnet') model.push(['DEPTH', spec.depth]);
  model.push(['NUM_CLASSES', spec.numClasses], ['ACTIVATION_FUN', spec.activation]);
  const train: Entries = [['IM_SIZE', spec.resolution.train]];
  const test: Entries = [['IM_SIZE', spec.resolution.test]];
  switch (spec.family) {
    case 'anynet':
      return {
        MODEL: model,
        ANYNET: [
          ['STEM_TYPE', spec.stem.type],
          ['STEM_W', spec.stem.width],
          ['BLOCK_TYPE', spec.blockType],
          ['DEPTHS', flow(spec.stages.map((s) => s.depth))],
          ['WIDTHS', flow(spec.stages.map((s) => s.width))],
          ['STRIDES', flow(spec.stages.map((s) => s.stride))],
          ['BOT_MULS', flow(spec.stages.map((s) => float(s.bottleneckMultiplier)))],
          ['GROUP_WS', flow(spec.stages.map((s) => s.groupWidth))],
          ['HEAD_W', spec.headWidth],
          ['SE_ON', spec.seRatio !== null],
          ...(spec.seRatio === null ? [] : ([['SE_R', float(spec.seRatio)]] as Entries)),
        ],
        TRAIN: train,
        TEST: test,
      };
    case 'regnet':
      return {
        MODEL: model,
        REGNET: [
          ['STEM_TYPE', spec.stem.type],
          ['STEM_W', spec.stem.width],
          ['BLOCK_TYPE', spec.blockType],
          ['DEPTH', spec.depth],
          ['W0', spec.w0],
          ['WA', float(spec.wa)],
          ['WM', float(spec.wm)],
          ['GROUP_W', spec.groupWidth],
          ['BOT_MUL', float(spec.bottleneckMultiplier)],
          ['STRIDE', spec.stride],
          ['HEAD_W', spec.headWidth],
          ['SE_ON', spec.seRatio !== null],
          ...(spec.seRatio === null ? [] : ([['SE_R', float(spec.seRatio)]] as Entries)),
        ],
        TRAIN: train,
        TEST: test,
      };
    case 'resnet': {
      const dataset = spec.dataset === 'cifar' ? 'cifar10' : 'imagenet';
      return {
        MODEL: model,
        RESNET: [
          ['TRANS_FUN', spec.transformation],
          ['NUM_GROUPS', spec.groups],
          ['WIDTH_PER_GROUP', spec.widthPerGroup],
          ['STRIDE_1X1', spec.strideOn1x1],
        ],
        TRAIN: [['DATASET', dataset], ...train],
        TEST: [['DATASET', dataset], ...test],
      };
    }
    case 'efficientnet':
      return {
        MODEL: model,
        EN: [
          ['STEM_W', spec.stemWidth],
          ['DEPTHS', flow(spec.stages.map((s) => s.depth))],
          ['WIDTHS', flow(spec.stages.map((s) => s.width))],
          ['EXP_RATIOS', flow(spec.stages.map((s) => s.expansionRatio))],
          ['KERNELS', flow(spec.stages.map((s) => s.kernel))],
          ['STRIDES', flow(spec.stages.map((s) => s.stride))],
          ['SE_R', float(spec.seRatio)],
          ['HEAD_W', spec.headWidth],
        ],
        TRAIN: train,
        TEST: test,
      };
  }
}
