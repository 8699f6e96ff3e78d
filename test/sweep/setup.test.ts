import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSweepConfig, setupSweep, SweepError } from '../../src/index.js';

const CIFAR_BEST = readFileSync(new URL('../fixtures/pycls-sweeps/cifar_best.yaml', import.meta.url), 'utf8');

describe('setupSweep', () => {
  it('reports progress in samples and kept configs, as pycls counts them', async () => {
    const seen: { samples: number; kept: number; totalSamples: number }[] = [];
    const setup = await setupSweep(loadSweepConfig(CIFAR_BEST), { numProc: 2, onProgress: (p) => seen.push(p) });
    const last = seen[seen.length - 1]!;
    expect(last).toEqual({ samples: 10000, kept: setup.found, totalSamples: 1000000 });
    expect(seen.every((p, i) => i === 0 || p.samples >= seen[i - 1]!.samples)).toBe(true);
    expect(setup.chunkSeeds.slice(0, 2)).toEqual([157105, 374554]); // np.random.seed(0); choice(1000000, 200, replace=False)
    expect(setup.summary.split('\n')[0]).toBe('000000.yaml: OPTIM.MAX_EPOCH 50 RNG_SEED 2');
  });

  it('stops between chunks when its signal aborts', async () => {
    const controller = new AbortController();
    const sweep = loadSweepConfig(CIFAR_BEST.replace('NUM_CONFIGS: 12', 'NUM_CONFIGS: 12\n  CHUNK_SIZE: 1'));
    const running = setupSweep(sweep, { numProc: 1, signal: controller.signal, onProgress: () => controller.abort(new Error('stop')) });
    await expect(running).rejects.toThrow('stop');
  });

  it('checks its options', async () => {
    const sweep = loadSweepConfig(CIFAR_BEST);
    await expect(setupSweep(sweep, { numProc: 0 })).rejects.toThrow(SweepError);
    await expect(setupSweep(sweep, { numProc: 1.5 })).rejects.toThrow(/numProc: 1.5 is not a positive integer/);
    await expect(setupSweep(sweep, { numProc: 1, finalChoice: 'threads' as 'in-process' })).rejects.toThrow(/finalChoice/);
  });

  it('keeps nothing when NUM_SAMPLES is 0, as pycls', async () => {
    const setup = await setupSweep(loadSweepConfig(CIFAR_BEST.replace('NUM_CONFIGS: 12', 'NUM_CONFIGS: 12\n  NUM_SAMPLES: 0')), { numProc: 2 });
    expect([setup.configs.length, setup.samples, setup.summary]).toEqual([0, 0, '{}\n']);
  });
});
