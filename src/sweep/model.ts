/**
 * The network a sampled pycls config describes: its complexity as pycls's `net.complexity(get_model())`
 * counts it (for the CX constraints), and its fastscale spec (for the caller).
 */
import { checkSpec, walkComplexity, fromPyclsConfig, type AnyNetSpec, type BlockType, type Complexity, type EfficientNetSpec, type ModelSpec, type StemType } from './core.js';
import { SweepError } from './errors.js';
import { type PyConfigNode, type PyValue, pyRepr } from './python.js';
import { dumpYaml } from './pyyaml-dump.js';
import { numberAt } from './scale.js';

const STEMS: readonly string[] = ['simple_stem_in', 'res_stem_in', 'res_stem_cifar'];
const BLOCKS: readonly string[] = ['res_bottleneck_block', 'res_basic_block', 'vanilla_block', 'res_bottleneck_linear_block'];

/** An AnyNet's stages and settings as plain numbers: what pycls's `AnyNet.complexity` reads. */
export interface AnyNetNumbers {
  readonly stemType: StemType;
  readonly stemWidth: number;
  readonly blockType: BlockType;
  readonly depths: readonly number[];
  readonly widths: readonly number[];
  readonly strides: readonly number[];
  readonly bottleneckMultipliers: readonly number[];
  readonly groupWidths: readonly number[];
  readonly seRatio: number;
  readonly headWidth: number;
  readonly numClasses: number;
  readonly trainSize: number;
  readonly testSize: number;
}

/**
 * pycls's `AnyNet.complexity` for plain numbers: stages are zipped (pycls drops what a shorter list
 * lacks). The spec is built without validation, as pycls builds the model without it.
 */
export function anyNetComplexity(n: AnyNetNumbers): Complexity {
  const count = Math.min(n.depths.length, n.widths.length, n.strides.length, n.bottleneckMultipliers.length, n.groupWidths.length);
  const spec: AnyNetSpec = {
    family: 'anynet',
    stem: { type: n.stemType, width: n.stemWidth },
    blockType: n.blockType,
    stages: Array.from({ length: count }, (_, i) => ({
      depth: n.depths[i]!,
      width: n.widths[i]!,
      stride: n.strides[i]!,
      bottleneckMultiplier: n.bottleneckMultipliers[i]!,
      groupWidth: n.groupWidths[i]!,
    })),
    seRatio: n.seRatio === 0 ? null : n.seRatio,
    headWidth: n.headWidth,
    numClasses: n.numClasses,
    activation: 'relu', // complexity does not depend on it
    resolution: { train: n.trainSize, test: n.testSize },
  };
  // A spec built here from checked numbers: walked directly, neither copied nor cached.
  return walkComplexity(spec);
}

function section(config: PyConfigNode, name: string): PyConfigNode {
  return config[name] as PyConfigNode;
}

function list(value: PyValue | undefined, path: string, fill: number, length: number): number[] {
  if (!Array.isArray(value)) throw new SweepError(path, `${pyRepr(value ?? null)} is not a list`);
  if (value.length === 0) return Array<number>(length).fill(fill);
  return (value as readonly PyValue[]).map((v, i) => numberAt(v, `${path}[${i}]`));
}

/** The numbers of a config whose `MODEL.TYPE` is anynet. */
export function anyNetNumbers(config: PyConfigNode, path: string): AnyNetNumbers {
  const an = section(config, 'ANYNET');
  const at = (key: string): string => `${path}: ANYNET.${key}`;
  if (typeof an.STEM_TYPE !== 'string' || !STEMS.includes(an.STEM_TYPE)) throw new SweepError(path, `ANYNET.STEM_TYPE ${pyRepr(an.STEM_TYPE ?? null)} is not a pycls stem`);
  if (typeof an.BLOCK_TYPE !== 'string' || !BLOCKS.includes(an.BLOCK_TYPE)) throw new SweepError(path, `ANYNET.BLOCK_TYPE ${pyRepr(an.BLOCK_TYPE ?? null)} is not a pycls block`);
  const depths = list(an.DEPTHS, at('DEPTHS'), 0, 0);
  return {
    stemType: an.STEM_TYPE as StemType,
    stemWidth: numberAt(an.STEM_W, at('STEM_W')),
    blockType: an.BLOCK_TYPE as BlockType,
    depths,
    widths: list(an.WIDTHS, at('WIDTHS'), 0, 0),
    strides: list(an.STRIDES, at('STRIDES'), 0, 0),
    bottleneckMultipliers: list(an.BOT_MULS, at('BOT_MULS'), 1, depths.length),
    groupWidths: list(an.GROUP_WS, at('GROUP_WS'), 1, depths.length),
    seRatio: an.SE_ON === true ? numberAt(an.SE_R, at('SE_R')) : 0,
    headWidth: numberAt(an.HEAD_W, at('HEAD_W')),
    numClasses: numberAt(section(config, 'MODEL').NUM_CLASSES, `${path}: MODEL.NUM_CLASSES`),
    trainSize: numberAt(section(config, 'TRAIN').IM_SIZE, `${path}: TRAIN.IM_SIZE`),
    testSize: numberAt(section(config, 'TEST').IM_SIZE, `${path}: TEST.IM_SIZE`),
  };
}

/** The sections of a config that describe its network, as YAML for `fromPyclsConfig`. */
function modelYaml(config: PyConfigNode): string {
  const model = section(config, 'MODEL');
  const family = ({ anynet: 'ANYNET', regnet: 'REGNET', resnet: 'RESNET', effnet: 'EN' } as Record<string, string>)[String(model.TYPE)];
  const train = section(config, 'TRAIN');
  const test = section(config, 'TEST');
  const tree: Record<string, PyValue> = {
    MODEL: model,
    TRAIN: { IM_SIZE: train.IM_SIZE!, DATASET: train.DATASET! },
    TEST: { IM_SIZE: test.IM_SIZE! },
  };
  if (family !== undefined) tree[family] = section(config, family);
  return dumpYaml(tree);
}

/**
 * An EfficientNet config's spec as pycls's `EffNet.complexity` reads it (stages zipped), unvalidated; the
 * activation is relu when the config's is one fastscale does not know (complexity does not depend on it).
 */
function efficientNetSpec(config: PyConfigNode, path: string): EfficientNetSpec {
  const en = section(config, 'EN');
  const at = (key: string): string => `${path}: EN.${key}`;
  const lists = (['DEPTHS', 'WIDTHS', 'EXP_RATIOS', 'KERNELS', 'STRIDES'] as const).map((key) => list(en[key], at(key), 0, 0));
  const [depths, widths, ratios, kernels, strides] = lists as [number[], number[], number[], number[], number[]];
  const count = Math.min(...lists.map((l) => l.length));
  const model = section(config, 'MODEL');
  return {
    family: 'efficientnet',
    stemWidth: numberAt(en.STEM_W, at('STEM_W')),
    stages: Array.from({ length: count }, (_, i) => ({ depth: depths[i]!, width: widths[i]!, expansionRatio: ratios[i]!, kernel: kernels[i]!, stride: strides[i]! })),
    seRatio: numberAt(en.SE_R, at('SE_R')),
    headWidth: numberAt(en.HEAD_W, at('HEAD_W')),
    numClasses: numberAt(model.NUM_CLASSES, `${path}: MODEL.NUM_CLASSES`),
    activation: model.ACTIVATION_FUN === 'silu' || model.ACTIVATION_FUN === 'swish' ? 'silu' : 'relu',
    resolution: {
      train: numberAt(section(config, 'TRAIN').IM_SIZE, `${path}: TRAIN.IM_SIZE`),
      test: numberAt(section(config, 'TEST').IM_SIZE, `${path}: TEST.IM_SIZE`),
    },
  };
}

/** The fastscale spec of a config, or the reason there is none. */
export function specOf(config: PyConfigNode): { readonly spec: ModelSpec | null; readonly reason: string | null } {
  try {
    const model = section(config, 'MODEL');
    // AnyNets (every scaled RegNet) directly; other families through the YAML reader and its checks.
    const spec = model.TYPE === 'anynet' ? anyNetSpec(config) : fromPyclsConfig(modelYaml(config));
    return { spec, reason: null };
  } catch (error) {
    return { spec: null, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** An AnyNet config's spec, validated, with the errors `fromPyclsConfig` would give. */
function anyNetSpec(config: PyConfigNode): ModelSpec {
  const n = anyNetNumbers(config, 'ANYNET');
  for (const [key, values] of [['WIDTHS', n.widths], ['STRIDES', n.strides], ['BOT_MULS', n.bottleneckMultipliers], ['GROUP_WS', n.groupWidths]] as const) {
    if (values.length !== n.depths.length) {
      throw new SweepError(`ANYNET.${key}`, `has ${values.length} entries but ANYNET.DEPTHS has ${n.depths.length} (one per stage)`);
    }
  }
  const activationName = section(config, 'MODEL').ACTIVATION_FUN;
  const activation = activationName === 'relu' ? 'relu' : activationName === 'silu' || activationName === 'swish' ? 'silu' : null;
  if (activation === null) throw new SweepError('MODEL.ACTIVATION_FUN', `${pyRepr(activationName ?? null)} is not a supported activation (relu, silu, swish)`);
  const spec: AnyNetSpec = {
    family: 'anynet',
    stem: { type: n.stemType, width: n.stemWidth },
    blockType: n.blockType,
    stages: n.depths.map((depth, i) => ({
      depth,
      width: n.widths[i]!,
      stride: n.strides[i]!,
      bottleneckMultiplier: n.bottleneckMultipliers[i]!,
      groupWidth: n.groupWidths[i]!,
    })),
    seRatio: section(config, 'ANYNET').SE_ON === true ? n.seRatio : null,
    headWidth: n.headWidth,
    numClasses: n.numClasses,
    activation,
    resolution: { train: n.trainSize, test: n.testSize },
  };
  const checked = checkSpec(spec);
  walkComplexity(checked); // counts beyond Number.MAX_SAFE_INTEGER are an error here, as in validateSpec
  return checked;
}

/**
 * `net.complexity(builders.get_model())` of a config, as pycls's complexity constraints evaluate it.
 *
 * @throws {@link SweepError} at `path` for a model fastscale cannot count (a ViT) or pycls could not build
 */
export function pyclsComplexity(config: PyConfigNode, path: string): Complexity {
  const type = section(config, 'MODEL').TYPE;
  if (type === 'anynet') return anyNetComplexity(anyNetNumbers(config, path));
  if (type === 'effnet') return walkComplexity(efficientNetSpec(config, path));
  const { spec, reason } = specOf(config);
  if (spec === null) throw new SweepError(path, `the complexity constraints need the model's complexity, but ${reason ?? 'it cannot be counted'}`);
  // A spec built here from checked numbers: walked directly, neither copied nor cached.
  return walkComplexity(spec);
}
