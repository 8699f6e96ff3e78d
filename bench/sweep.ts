import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { loadSweepConfig, sampleConfigs, setupSweep } from '../src/index.js';

const CIFAR_REGNET = readFileSync(new URL('../test/fixtures/pycls-sweeps/cifar_regnet.yaml', import.meta.url), 'utf8');

/**
 * Sweep benchmarks, with their goals (issue 13): pycls's cifar_regnet sweep setup (16,000 samples, 32
 * configs kept; pycls takes 26.3 s on this machine class, pub_full_regnet.json) at least 100x faster, and
 * 1,000,000 RegNet-sampler draws with their constraint and complexity checks in under 2 s. Each run loads
 * the sweep afresh, so that no decision is remembered from a previous run. These tasks take long enough to
 * need only a few runs: they get a bench of their own.
 */
export function sweepBench(): Bench {
  const bench = new Bench({ name: 'sweeps', iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 });
  const withChunks = CIFAR_REGNET.replace(/^SETUP:\n/m, 'SETUP:\n  CHUNK_SIZE: 2000\n');
  const unlimited = CIFAR_REGNET.replace('NUM_CONFIGS: 32', 'NUM_CONFIGS: 100000000');
  bench
    .add('setupSweep(cifar_regnet, CHUNK_SIZE 2000, 2 procs) [goal < 263 ms; pycls 26.3 s]', async () => {
      await setupSweep(loadSweepConfig(withChunks), { numProc: 2 });
    })
    .add('sampleConfigs(cifar_regnet): 1,000,000 RegNet draws + checks [goal < 2 s]', () => {
      sampleConfigs(loadSweepConfig(unlimited), 1, { chunkSize: 1000000 });
    });
  return bench;
}
