/**
 * pycls's `sample_cfgs(seed)` (`tools/sweep_setup.py`): draw CHUNK_SIZE samples from a seeded stream,
 * drop duplicate keys and samples that fail the RegNet or complexity constraints, scale the rest, stop at
 * NUM_CONFIGS. Samples are judged without building anything twice: a RegNet sampler's draws are judged
 * from their six numbers (stages, scaling and complexity counted directly), and a config tree is built
 * only for the samples kept.
 */
import { deepFreeze, type BlockType, type Complexity, type ModelSpec, type StemType } from './core.js';
import { RegNetJudge } from './fast-regnet.js';
import { checkSweep, type SweepConfig } from './config.js';
import { integerInRange } from '../internal/check.js';
import { describe } from '../internal/describe.js';
import { ownedRecord } from '../internal/read.js';
import { SweepError } from './errors.js';
import { pyclsComplexity, specOf } from './model.js';
import { PYCLS_DEPRECATED_KEYS } from './pycls-defaults.js';
import type { PyConfigNode } from './python.js';
import type { Draw } from './rand.js';
import { RandomState } from './random-state.js';
import { generateRegNetNumpy } from './regnet.js';
import { compileRegNetDraws, compileSampler, keyOf, type CompiledSampler, type RegNetSampler, type SampledParam } from './samplers.js';
import { numberAt, pyclsScalingFactors, scaleImageSize, scaleModelConfig, type PyclsScalingFactors } from './scale.js';
import { mergeFromList, setPath } from './yacs.js';

/**
 * One config a sweep keeps: what pycls's `sample_cfgs` stores, plus its fastscale spec and complexity.
 *
 * @example
 * ```ts
 * import { loadSweepConfig, sampleConfigs, type SampledConfig } from 'fastscale';
 * const sweep = loadSweepConfig('NAME: lr\nSETUP:\n  NUM_CONFIGS: 4\n  SAMPLERS:\n    OPTIM.BASE_LR: {TYPE: float_sampler, RAND_TYPE: log_uniform, RANGE: [0.1, 1.0], QUANTIZE: 0.01}\n  BASE_CFG: {MODEL: {TYPE: anynet}, ANYNET: {BLOCK_TYPE: res_basic_block, DEPTHS: [2], WIDTHS: [16], STRIDES: [1]}, TRAIN: {IM_SIZE: 32}}\n');
 * const first: SampledConfig = sampleConfigs(sweep, 0)[0]!;
 * first.key; // 'OPTIM.BASE_LR 0.27', pycls's first key for seed 0
 * ```
 */
export interface SampledConfig {
  /** pycls's duplicate key: `" ".join("{} {}".format(k, v))` over the sampled pairs (also the config's DESC). */
  readonly key: string;
  /** The sampled `[key, value]` pairs, in drawing order. */
  readonly params: readonly SampledParam[];
  /** The full pycls config: BASE_CFG merged with the sampled values, then scaled (pycls's standardised form), DESC = key. */
  readonly config: PyConfigNode;
  /** The network as a fastscale spec, or null where fastscale cannot describe it (see `specError`). */
  readonly spec: ModelSpec | null;
  /** Its complexity as pycls counts it, or null where fastscale cannot count it. */
  readonly complexity: Complexity | null;
  /** Why `spec` is null; null otherwise. */
  readonly specError: string | null;
}

/**
 * Options of {@link sampleConfigs}.
 *
 * @example
 * ```ts
 * import type { SampleConfigsOptions } from 'fastscale';
 * const options: SampleConfigsOptions = { chunkSize: 3000, onProgress: (drawn, kept) => console.log(drawn, kept) };
 * ```
 */
export interface SampleConfigsOptions {
  /** Samples to draw; default the sweep's `SETUP.CHUNK_SIZE`. */
  readonly chunkSize?: number;
  /** Called every 4096 samples and at the end with the samples drawn and the configs kept so far. */
  readonly onProgress?: (drawn: number, kept: number) => void;
}

/** What one chunk gave: the configs kept, in order, how many samples it drew, and the generator after it. */
export interface ChunkResult {
  readonly configs: readonly SampledConfig[];
  readonly drawn: number;
  readonly state: RandomState;
}

const PROGRESS_EVERY = 4096;
const NO_PARAMS: SampledParam[] = [];
const MODEL_SECTIONS = ['MODEL.', 'REGNET.', 'ANYNET.', 'EN.', 'RESNET.', 'VIT.'];
const MODEL_KEYS = ['TRAIN.IM_SIZE', 'TEST.IM_SIZE'];

/** Whether a sampled key can change the network (and so the constraint decisions). */
function touchesModel(key: string): boolean {
  return MODEL_SECTIONS.some((prefix) => key.startsWith(prefix)) || MODEL_KEYS.includes(key);
}

/** A decision on a sample: rejected, or kept with what it keeps. */
type Decision = SampledConfig | null;

/** The per-sweep state of sampling: compiled samplers, the base config's constants, a decision cache. */
export class SweepSampler {
  readonly #sweep: SweepConfig;
  readonly #samplers: readonly { readonly key: string; readonly compiled: CompiledSampler; readonly regnet: readonly Draw[] | null }[];
  readonly #cx: readonly (readonly ['flops' | 'params' | 'acts', number, number])[];
  readonly #fast: FastRegNet | null;
  #decisions = new Map<string, Decision>();

  constructor(sweep: SweepConfig) {
    this.#sweep = sweep;
    this.#samplers = sweep.setup.samplers.map(({ key, sampler }) => {
      const path = `SETUP.SAMPLERS.${key}`;
      return {
        key,
        compiled: compileSampler(key, sampler, path),
        regnet: sampler.type === 'regnet_sampler' ? compileRegNetDraws(sampler as RegNetSampler, path) : null,
      };
    });
    const { cx } = sweep.setup.constraints;
    this.#cx = (['flops', 'params', 'acts'] as const).filter((m) => cx[m][0] !== 0 || cx[m][1] !== 0).map((m) => [m, cx[m][0], cx[m][1]] as const);
    this.#fast = FastRegNet.for(sweep, this.#cx);
  }

  /** `sample_cfgs(seed)` with `chunkSize` samples; stops early once NUM_CONFIGS are kept. */
  chunk(seed: number, chunkSize: number, onProgress?: (drawn: number, kept: number) => void): ChunkResult {
    const rs = new RandomState(seed);
    const kept = new Map<string, SampledConfig>();
    const limit = this.#sweep.setup.numConfigs;
    const fast = this.#fast;
    const regnetIndex = this.#samplers.findIndex((s) => s.regnet !== null);
    const values = new Float64Array(6);
    let drawn = 0;
    for (; drawn < chunkSize; ) {
      drawn++;
      if (onProgress !== undefined && drawn % PROGRESS_EVERY === 0) onProgress(drawn, kept.size);
      let params: SampledParam[];
      if (fast !== null) {
        // Draw in SETUP.SAMPLERS order; the RegNet sampler's six values as plain numbers.
        const others: SampledParam[] = this.#samplers.length > 1 ? [] : NO_PARAMS;
        for (let i = 0; i < this.#samplers.length; i++) {
          const s = this.#samplers[i]!;
          if (i === regnetIndex) for (let j = 0; j < 6; j++) values[j] = s.regnet![j]!(rs);
          else s.compiled(rs, others);
        }
        // The constraints depend on these six numbers only: judge them before building any key.
        if (!fast.accepts(values)) continue;
        params = this.#sortedParams(fast.params(values), others, regnetIndex);
      } else {
        params = [];
        for (const s of this.#samplers) s.compiled(rs, params);
      }
      const key = keyOf(params);
      if (kept.has(key)) continue;
      let decision = this.#decisions.get(key);
      if (decision === undefined) {
        decision = this.#decide(key, params);
        if (this.#decisions.size > 200000) this.#decisions = new Map();
        this.#decisions.set(key, decision);
      }
      if (decision === null) continue;
      kept.set(key, decision);
      if (kept.size === limit) break;
    }
    onProgress?.(drawn, kept.size);
    return { configs: [...kept.values()], drawn, state: rs };
  }

  /** The pairs in SETUP.SAMPLERS order: the RegNet sampler's six at its place among the others. */
  #sortedParams(regnet: readonly SampledParam[], others: readonly SampledParam[], regnetIndex: number): SampledParam[] {
    if (others.length === 0) return [...regnet];
    // Every other sampler gives exactly one pair, so the RegNet pairs go after regnetIndex of them.
    return [...others.slice(0, regnetIndex), ...regnet, ...others.slice(regnetIndex)];
  }

  /** Builds the sample's config as pycls does and judges it; null when a constraint rejects it. */
  #decide(key: string, params: readonly SampledParam[]): Decision {
    const path = `sample "${key}"`;
    const base = this.#sweep.setup.baseConfig;
    let config = mergeFromList(base, params, PYCLS_DEPRECATED_KEYS, (k) => `${path}: ${k}`);
    const model = config.MODEL as PyConfigNode;
    if (model.TYPE === 'regnet' && !this.#regNetStagesOk(config, path)) return null;
    if (model.TYPE === 'anynet' || model.TYPE === 'effnet' || model.TYPE === 'regnet') config = scaleModelConfig(config, path);
    let complexity: Complexity | null = null;
    if (this.#cx.length > 0) {
      complexity = pyclsComplexity(config, path);
      if (!withinConstraints(complexity, this.#cx)) return null;
    }
    config = setPath(config, ['DESC'], key);
    if (complexity === null) {
      try {
        complexity = pyclsComplexity(config, path);
      } catch {
        complexity = null;
      }
    }
    const { spec, reason } = specOf(config);
    return deepFreeze({ key, params, config, spec, complexity, specError: reason });
  }

  #regNetStagesOk(config: PyConfigNode, path: string): boolean {
    const rn = config.REGNET as PyConfigNode;
    const at = (k: string): number => numberAt(rn[k], `${path}: REGNET.${k}`);
    const { numStages, totalStages } = generateRegNetNumpy(at('WA'), at('W0'), at('WM'), at('DEPTH'), 8, path);
    const [low, high] = this.#sweep.setup.constraints.regnet.numStages;
    return numStages === totalStages && low <= numStages && numStages <= high;
  }
}

function withinConstraints(cx: Complexity, constraints: readonly (readonly ['flops' | 'params' | 'acts', number, number])[]): boolean {
  for (const [metric, low, high] of constraints) {
    const value = cx[metric];
    if (!((low === 0 ? value : low) <= value && value <= (high === 0 ? value : high))) return false;
  }
  return true;
}

/**
 * The RegNet fast path: for a RegNet base config whose other samplers leave the network alone, a
 * sample's fate is a function of the RegNet sampler's six numbers, judged without a config tree.
 */
class FastRegNet {
  private constructor(readonly judge: RegNetJudge) {}

  static for(sweep: SweepConfig, cx: readonly (readonly ['flops' | 'params' | 'acts', number, number])[]): FastRegNet | null {
    const { samplers, baseConfig } = sweep.setup;
    const regnets = samplers.filter((s) => s.sampler.type === 'regnet_sampler');
    if (regnets.length !== 1) return null;
    if (samplers.some((s) => s.sampler.type !== 'regnet_sampler' && touchesModel(s.key))) return null;
    const model = baseConfig.MODEL as PyConfigNode;
    const rn = baseConfig.REGNET as PyConfigNode;
    if (model.TYPE !== 'regnet') return null;
    const stem = rn.STEM_TYPE;
    const block = rn.BLOCK_TYPE;
    const plain = [rn.STEM_W, rn.STRIDE, rn.HEAD_W, rn.SE_R, model.NUM_CLASSES, model.SCALING_FACTOR];
    if (typeof stem !== 'string' || typeof block !== 'string' || typeof model.SCALING_TYPE !== 'string' || typeof rn.SE_ON !== 'boolean') return null;
    if (!['simple_stem_in', 'res_stem_in', 'res_stem_cifar'].includes(stem)) return null;
    if (!['res_bottleneck_block', 'res_basic_block', 'vanilla_block', 'res_bottleneck_linear_block'].includes(block)) return null;
    if (plain.some((v) => typeof v !== 'bigint' && typeof v !== 'number')) return null;
    const train = (baseConfig.TRAIN as PyConfigNode).IM_SIZE;
    if (typeof train !== 'bigint') return null;
    let factors: PyclsScalingFactors;
    let trainSize: number;
    try {
      factors = pyclsScalingFactors(model.SCALING_TYPE, numberAt(model.SCALING_FACTOR, 'MODEL.SCALING_FACTOR'), 'MODEL');
      trainSize = scaleImageSize(Number(train), factors.r, 'TRAIN.IM_SIZE');
    } catch {
      return null; // the general path reports it
    }
    return new FastRegNet(
      new RegNetJudge({
        stemType: stem as StemType,
        stemWidth: Number(rn.STEM_W),
        blockType: block as BlockType,
        seRatio: rn.SE_ON ? Number(rn.SE_R) : 0,
        headWidth: Number(rn.HEAD_W),
        numClasses: Number(model.NUM_CLASSES),
        stride: Number(rn.STRIDE),
        trainSize,
        factors,
        numStages: sweep.setup.constraints.regnet.numStages,
        cx,
      }),
    );
  }

  /** Whether the constraints may keep a sample with these RegNet values (DEPTH, W0, WA, WM, GROUP_W, BOT_MUL). */
  accepts(v: Float64Array): boolean {
    return this.judge.judge(v[0]!, v[1]!, v[2]!, v[3]!, v[4]!, v[5]!) !== 'rejected';
  }

  /** The RegNet sampler's six pairs, typed as pycls types them. */
  params(v: Float64Array): SampledParam[] {
    return [
      ['REGNET.DEPTH', BigInt(v[0]!)],
      ['REGNET.W0', BigInt(v[1]!)],
      ['REGNET.WA', v[2]!],
      ['REGNET.WM', v[3]!],
      ['REGNET.GROUP_W', BigInt(v[4]!)],
      ['REGNET.BOT_MUL', v[5]!],
    ];
  }
}

const engines = new WeakMap<SweepConfig, SweepSampler>();

/** The (cached) sampler of a sweep. */
export function samplerOf(value: SweepConfig): SweepSampler {
  const sweep = checkSweep(value);
  let engine = engines.get(sweep);
  if (engine === undefined) {
    engine = new SweepSampler(sweep);
    engines.set(sweep, engine);
  }
  return engine;
}

/**
 * pycls's `sample_cfgs(seed)`: seeds numpy's generator with `seed`, draws `SETUP.CHUNK_SIZE` samples
 * (or `options.chunkSize`), and returns the configs kept, in the order pycls keeps them: unique keys that
 * pass the RegNet stage constraint and, after `scale_model`, the complexity constraints, at most
 * `SETUP.NUM_CONFIGS` of them. Each comes with its full pycls config (render it with {@link toYacsYaml}),
 * its fastscale spec and its complexity.
 *
 * @throws {@link SweepError} for a seed outside [0, 2^32 - 1] or a bad chunk size, and where pycls itself
 * would fail on a sample (a scaling type it cannot parse, a network it cannot build); `path` names the
 * sample
 *
 * @example
 * ```ts
 * import { loadSweepConfig, sampleConfigs } from 'fastscale';
 * import { readFileSync } from 'node:fs';
 * const sweep = loadSweepConfig(readFileSync('cifar_regnet.yaml', 'utf8'));
 * const kept = sampleConfigs(sweep, 1, { chunkSize: 3000 });
 * kept.map((c) => c.complexity?.flops); // 11 models of 120-130 MF, as pycls keeps them
 * ```
 */
export function sampleConfigs(sweep: SweepConfig, seed: number, options: SampleConfigsOptions = {}): SampledConfig[] {
  const engine = samplerOf(sweep);
  const fields = ownedRecord(options, ['chunkSize', 'onProgress'], 'options', 'sampleConfigs options', SweepError);
  const chunkSize = fields.chunkSize === undefined ? checkSweep(sweep).setup.chunkSize : integerInRange(fields.chunkSize, 0, 100_000_000, 'options.chunkSize', SweepError);
  if (fields.onProgress !== undefined && typeof fields.onProgress !== 'function') throw new SweepError('options.onProgress', `${describe(fields.onProgress)} is not a function`);
  return [...engine.chunk(seed, chunkSize, fields.onProgress as SampleConfigsOptions['onProgress']).configs];
}
