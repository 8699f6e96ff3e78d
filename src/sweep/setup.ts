/**
 * pycls's `sweep_setup()` (`tools/sweep_setup.py`) without files or processes: chunk seeds drawn from
 * `SETUP.RNG_SEED`, chunks sampled in rounds of `numProc` (pycls's worker pool), their configs merged in
 * order, and a final random choice of `NUM_CONFIGS` of them, named `000000.yaml`, `000001.yaml`, ...
 */
import type { SweepConfig } from './config.js';
import { SweepError } from './errors.js';
import { integerInRange } from '../internal/check.js';
import { describe } from '../internal/describe.js';
import { ownedRecord } from '../internal/read.js';
import { isNode, ownPyValue, type PyConfigNode } from './python.js';
import { dumpYaml } from './pyyaml-dump.js';
import { RandomState } from './random-state.js';
import { samplerOf, type SampledConfig } from './sample.js';

/**
 * A kept config of {@link setupSweep}, with the file name pycls gives it.
 *
 * @example
 * ```ts
 * import type { SweepSetupConfig } from 'fastscale';
 * const show = (c: SweepSetupConfig): string => `${c.file}: ${c.key}`; // '000000.yaml: REGNET.DEPTH 11 ...'
 * ```
 */
export interface SweepSetupConfig extends SampledConfig {
  /** `000000.yaml`, `000001.yaml`, ... in the order of pycls's final random choice. */
  readonly file: string;
}

/**
 * What {@link setupSweep} produced: the configs pycls writes to `cfgs/`, and its counts.
 *
 * @example
 * ```ts
 * import type { SweepSetup } from 'fastscale';
 * const describe = (s: SweepSetup): string => `${s.configs.length} configs kept of ${s.samples} samples`;
 * ```
 */
export interface SweepSetup {
  /** The configs, in file order. */
  readonly configs: readonly SweepSetupConfig[];
  /** Samples drawn as pycls counts them (`CHUNK_SIZE * numProc` per round, even for a chunk that stopped early). */
  readonly samples: number;
  /** Samples actually drawn (chunks stop once they keep NUM_CONFIGS). */
  readonly drawn: number;
  /** Unique configs found before the final choice. */
  readonly found: number;
  /** The chunk seeds used, in order. */
  readonly chunkSeeds: readonly number[];
  /** `cfgs_summary.yaml` as pycls writes it (`yaml.dump({file: key}, width=inf)`). */
  readonly summary: string;
}

/**
 * Options of {@link setupSweep}.
 *
 * @example
 * ```ts
 * import type { SetupSweepOptions } from 'fastscale';
 * const options: SetupSweepOptions = { numProc: 2, onProgress: ({ samples, kept }) => console.log(samples, kept) };
 * ```
 */
export interface SetupSweepOptions {
  /** pycls's `NUM_PROC`: chunks per round. The result depends on it, as pycls's does. */
  readonly numProc: number;
  /** Called as sampling proceeds: samples drawn so far (pycls's count), configs kept so far. */
  readonly onProgress?: (progress: { readonly samples: number; readonly kept: number; readonly totalSamples: number }) => void;
  /** Aborts between chunks: the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * Where the final `np.random.choice` draws from. `'in-process'` (default): numpy's global generator as
   * the chunks left it, which is what `sweep_setup()` gives when its chunks run in its own process (how
   * the reference outputs were made). `'worker-processes'`: the generator right after the chunk seeds,
   * what pycls gives when a `multiprocessing.Pool` runs the chunks in other processes. Only the order of
   * the configs (and which are chosen when more are found than needed) differs.
   */
  readonly finalChoice?: 'in-process' | 'worker-processes';
}

/**
 * pycls's `sweep_setup()`: `np.random.seed(RNG_SEED)`, chunk seeds `np.random.choice(1000000,
 * ceil(NUM_SAMPLES / CHUNK_SIZE), replace=False)`, rounds of `numProc` chunks (each `sample_cfgs(seed)`)
 * until NUM_SAMPLES are drawn or NUM_CONFIGS found, then `np.random.choice(found, NUM_CONFIGS,
 * replace=False)` picks and orders the configs (see `finalChoice` for which generator state it draws
 * from). The same numbers as pycls for the same `numProc`, without its processes: it yields to the event
 * loop between chunks (for `onProgress` and `signal`).
 *
 * @throws {@link SweepError} for a bad `numProc`, and where a sample fails as it would in pycls
 *
 * @example
 * ```ts
 * import { loadSweepConfig, setupSweep, toYacsYaml } from 'fastscale';
 * import { readFileSync } from 'node:fs';
 * const sweep = loadSweepConfig(readFileSync('cifar_regnet.yaml', 'utf8'));
 * const setup = await setupSweep(sweep, { numProc: 2 });
 * setup.configs[0]!.file; // '000000.yaml'
 * toYacsYaml(setup.configs[0]!.config); // the full config pycls writes to cfgs/000000.yaml
 * ```
 */
export async function setupSweep(sweep: SweepConfig, options: SetupSweepOptions): Promise<SweepSetup> {
  const engine = samplerOf(sweep);
  const fields = ownedRecord(options, ['numProc', 'onProgress', 'signal', 'finalChoice'], 'options', 'setupSweep options', SweepError);
  const numProc = integerInRange(fields.numProc, 1, 4096, 'options.numProc', SweepError);
  if (fields.onProgress !== undefined && typeof fields.onProgress !== 'function') throw new SweepError('options.onProgress', `${describe(fields.onProgress)} is not a function`);
  if (fields.signal !== undefined && !(fields.signal instanceof AbortSignal)) throw new SweepError('options.signal', `${describe(fields.signal)} is not an AbortSignal`);
  options = fields as unknown as SetupSweepOptions;
  const { numSamples, chunkSize, numConfigs, rngSeed } = sweep.setup;
  const rs = new RandomState(rngSeed);
  const chunkSeeds = rs.choice(1000000, Math.ceil(numSamples / chunkSize), { replace: false });
  const finalChoice = options.finalChoice ?? 'in-process';
  if (finalChoice !== 'in-process' && finalChoice !== 'worker-processes') {
    throw new SweepError('finalChoice', `${String(finalChoice)} is not 'in-process' or 'worker-processes'`);
  }
  let finalState = rs;
  const found = new Map<string, SampledConfig>();
  let samples = 0;
  let drawn = 0;
  for (let round = 0; samples < numSamples && found.size < numConfigs; round++) {
    for (const seed of chunkSeeds.slice(round * numProc, round * numProc + numProc)) {
      options.signal?.throwIfAborted();
      const before = samples;
      const result = engine.chunk(seed, chunkSize, (chunkDrawn, kept) =>
        options.onProgress?.({ samples: before + chunkDrawn, kept: found.size + kept, totalSamples: numSamples }),
      );
      drawn += result.drawn;
      if (finalChoice === 'in-process') finalState = result.state;
      // dict(cfgs, **new): a key already found keeps its place.
      for (const config of result.configs) found.set(config.key, config);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    samples += chunkSize * numProc;
    options.onProgress?.({ samples, kept: found.size, totalSamples: numSamples });
  }
  options.signal?.throwIfAborted();
  const all = [...found.values()];
  const chosen = finalState.choice(Math.max(all.length, 1), Math.min(all.length, numConfigs), { replace: false });
  const configs = chosen.map((id, i) => Object.freeze({ ...all[id]!, file: `${String(i).padStart(6, '0')}.yaml` }));
  const summary = dumpYaml(Object.fromEntries(configs.map((c) => [c.file, c.key])), { width: Infinity });
  return Object.freeze({ configs: Object.freeze(configs), samples, drawn, found: all.length, chunkSeeds: Object.freeze(chunkSeeds), summary });
}

/**
 * A pycls config as yacs's `cfg.dump()` writes it (PyYAML `safe_dump`: keys sorted, block style, floats
 * as Python's `repr`, long strings folded at 80 columns): the text of pycls's `cfgs/NNNNNN.yaml`.
 *
 * @example
 * ```ts
 * import { loadSweepConfig, sampleConfigs, toYacsYaml } from 'fastscale';
 * import { readFileSync } from 'node:fs';
 * const [first] = sampleConfigs(loadSweepConfig(readFileSync('cifar_best.yaml', 'utf8')), 1, { chunkSize: 40 });
 * toYacsYaml(first!.config).split('\n')[0]; // 'ANYNET:'
 * ```
 */
export function toYacsYaml(config: PyConfigNode): string {
  const owned = ownPyValue(config, 'config');
  if (!isNode(owned)) throw new SweepError('config', `${describe(config)} is not a config node (a mapping of config keys)`);
  return dumpYaml(owned);
}
