import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSweepConfig } from '../../sweep/config.js';
import { setupSweep, toYacsYaml } from '../../sweep/setup.js';
import { choiceOption, integerOption, parseCommand, positionals } from '../args.js';
import { COMMON_HELP, type Command } from '../command.js';
import { UsageError } from '../errors.js';
import { type Io, MAX_CONFIG_BYTES, printJson, readText, writeText } from '../io.js';
import { progress } from '../progress.js';
import { sweepAnalyze } from './sweep-analyze.js';

const HELP = `Usage: fastscale sweep <sweep.yaml> -o <dir> [--num-proc N] [--json]
       fastscale sweep analyze <records.json> ...   (see fastscale sweep analyze --help)

Set up a pycls design-space sweep as pycls's tools/sweep_setup.py does, seed for seed: chunks of
samples drawn with per-chunk seeds from SETUP.RNG_SEED, duplicates and samples outside the
constraints dropped, scale_model applied, and NUM_CONFIGS configs chosen. Writes what pycls writes:

  <dir>/cfgs/000000.yaml ...  the full pycls config of each sampled model
  <dir>/cfgs_summary.yaml     file name -> sample key
  <dir>/sweep_cfg.yaml        a copy of the sweep file

Arguments:
  <sweep.yaml>           a pycls sweep config (NAME, SETUP: SAMPLERS, CONSTRAINTS, BASE_CFG, ...)

Options:
  -o, --output DIR       the sweep directory (pycls's ROOT_DIR/NAME); required
      --num-proc N       chunks per round, pycls's NUM_PROC: the result depends on it (default: the
                         file's NUM_PROC, else this machine's core count, as pycls)
      --final-choice C   in-process (default) or worker-processes: which numpy generator state
                         pycls's final choice of configs draws from (see the sweeps guide)
      --json             print { dir, numProc, samples, found, configs: [{ file, key, complexity }] }
${COMMON_HELP}
`;

/** `fastscale sweep`: pycls's sweep_setup, and `sweep analyze`. */
export const sweep: Command = {
  name: 'sweep',
  summary: "set up a pycls design-space sweep (pycls's sweep_setup), or analyze one",
  help: HELP,
  async run(args, io) {
    if (args[0] === 'analyze') return sweepAnalyze(args.slice(1), io);
    const { values, positionals: given } = parseCommand('sweep', args, {
      output: { type: 'string', short: 'o' },
      'num-proc': { type: 'string' },
      'final-choice': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    const [file] = positionals('sweep', given, ['<sweep.yaml>']);
    if (values.output === undefined) throw new UsageError('sweep needs -o DIR (the sweep directory)');
    const text = readText(io, file!, MAX_CONFIG_BYTES, 'a pycls sweep config');
    const config = loadSweepConfig(text);
    const numProc = values['num-proc'] === undefined ? (config.numProc ?? availableParallelism()) : integerOption('--num-proc', values['num-proc'], 1);
    const finalChoice = values['final-choice'] === undefined ? 'in-process' : choiceOption('--final-choice', values['final-choice'], ['in-process', 'worker-processes'] as const);
    const dir = resolve(io.cwd, values.output);
    if (existsSync(join(dir, 'logs'))) throw new UsageError(`sweep already started: ${values.output}/logs exists (pycls refuses to set it up again)`);

    const status = progress(io.stderr, 'sweep');
    const started = performance.now();
    let setup;
    try {
      setup = await setupSweep(config, {
        numProc,
        finalChoice,
        onProgress: ({ samples, kept, totalSamples }) =>
          status.update(Math.min(samples, totalSamples), totalSamples, `samples drawn, ${Math.min(kept, config.setup.numConfigs)}/${config.setup.numConfigs} configs kept`),
      });
    } finally {
      status.done();
    }
    const seconds = (performance.now() - started) / 1000;
    writeSweepDir(io, dir, text, setup.summary, setup.configs.map((c) => [c.file, toYacsYaml(c.config)] as const));

    if (values.json === true) {
      printJson(io, {
        dir,
        numProc,
        samples: setup.samples,
        found: setup.found,
        configs: setup.configs.map((c) => ({ file: c.file, key: c.key, complexity: c.complexity })),
      });
      return;
    }
    io.stdout.write(
      `${config.name}: kept ${setup.configs.length} configs (${setup.found} found) from ${setup.samples.toLocaleString('en-US')} samples, ` +
        `${numProc} chunk${numProc === 1 ? '' : 's'} per round, in ${seconds.toFixed(2)} s\n` +
        `wrote ${join(values.output, 'cfgs')}/ (${setup.configs.length} files), ${join(values.output, 'cfgs_summary.yaml')}, ${join(values.output, 'sweep_cfg.yaml')}\n`,
    );
  },
};

/** The files pycls's sweep_setup writes; config files of an earlier setup are removed first. */
function writeSweepDir(io: Io, dir: string, source: string, summary: string, configs: readonly (readonly [string, string])[]): void {
  const cfgs = join(dir, 'cfgs');
  try {
    mkdirSync(cfgs, { recursive: true });
    for (const stale of readdirSync(cfgs).filter((f) => /^\d{6}\.yaml$/.test(f))) rmSync(join(cfgs, stale));
  } catch (error) {
    throw new UsageError(`cannot write ${cfgs}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  writeText(io, join(dir, 'sweep_cfg.yaml'), source);
  writeText(io, join(dir, 'cfgs_summary.yaml'), summary);
  for (const [file, yaml] of configs) writeText(io, join(cfgs, file), yaml);
}
