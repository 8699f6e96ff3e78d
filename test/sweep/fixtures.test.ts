/**
 * pycls's own sweep outputs, reproduced key for key, config for config (the full yacs dump) and count
 * for count: the reference outputs (pub_*.json, from pycls on the cifar example sweeps) and more sweeps run
 * through pycls by scripts/pycls-sweep-fixtures.py (extra/*.json: list samplers, scaling types and factors
 * as sampled keys, normal and log-normal samplers, EfficientNet, ResNet, a RegNet at ImageNet scale).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSweepConfig, sampleConfigs, setupSweep, toYacsYaml, type SampledConfig } from '../../src/index.js';

const DIR = new URL('../fixtures/pycls-sweeps/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, DIR), 'utf8');

interface Kept {
  readonly key: string;
  readonly cx: { readonly flops: number; readonly params: number; readonly acts: number };
  readonly yaml: string;
  readonly file?: string;
}

/** What a kept config looks like next to pycls's: its key, complexity and full dump. */
function view(config: SampledConfig & { file?: string }): Kept {
  return { ...(config.file === undefined ? {} : { file: config.file }), key: config.key, cx: config.complexity!, yaml: toYacsYaml(config.config) };
}

/** A sweep file with SETUP keys overridden (the reference full runs record theirs as `KEY=value`). */
function sweepText(file: string, overrides: readonly string[] = []): string {
  const text = read(file);
  return overrides.reduce((t, o) => t.replace(/^SETUP:\n/m, `SETUP:\n  ${o.replace('=', ': ')}\n`), text);
}

describe('the reference sweeps: sample_cfgs(seed) (pub_chunk_*.json)', () => {
  const files = readdirSync(DIR).filter((f) => f.startsWith('pub_chunk_'));
  it.each(files)('%s', (file) => {
    const fixture = JSON.parse(read(file)) as { config: string; seed: number; chunk: number; kept: Kept[] };
    const sweep = loadSweepConfig(sweepText(fixture.config));
    const kept = sampleConfigs(sweep, fixture.seed, { chunkSize: fixture.chunk });
    expect(kept.map((c) => c.key)).toEqual(fixture.kept.map((c) => c.key));
    expect(kept.map(view)).toEqual(fixture.kept);
  });
});

describe('the reference sweeps: sweep_setup() (pub_full_*.json)', () => {
  const files = readdirSync(DIR).filter((f) => f.startsWith('pub_full_'));
  it.each(files)('%s', async (file) => {
    const fixture = JSON.parse(read(file)) as { config: string; numProc: number; overrides: string[]; samples: number; configs: Kept[] };
    const sweep = loadSweepConfig(sweepText(fixture.config, fixture.overrides));
    const setup = await setupSweep(sweep, { numProc: fixture.numProc });
    expect(setup.samples).toBe(fixture.samples);
    expect(setup.configs.map((c) => c.key)).toEqual(fixture.configs.map((c) => c.key));
    expect(setup.configs.map(view)).toEqual(fixture.configs);
  });
});

describe('more sweeps through pycls (extra/*.json, scripts/pycls-sweep-fixtures.py)', () => {
  const files = readdirSync(new URL('extra/', DIR)).filter((f) => f.endsWith('.json'));
  it('covers list samplers, sampled scaling, normal samplers and four model families', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });
  for (const file of files) {
    const fixture = JSON.parse(read(`extra/${file}`)) as {
      config: string;
      chunks: { seed: number; chunk: number; kept: Kept[] }[];
      setup?: { numProc: number; samples: number; summary: string; configs: Kept[]; pool?: 'multiprocessing' };
    };
    // The cifar sweeps run again through pycls's own multiprocessing pool live next to the reference outputs.
    const source = readdirSync(new URL('extra/', DIR)).includes(fixture.config) ? `extra/${fixture.config}` : fixture.config;
    const sweep = loadSweepConfig(read(source));
    it.each(fixture.chunks.map((c) => [c.seed, c.chunk, c] as const))(`${fixture.config}: sample_cfgs(%i) with %i samples`, (_, __, chunk) => {
      const kept = sampleConfigs(sweep, chunk.seed, { chunkSize: chunk.chunk });
      expect(kept.map((c) => c.key)).toEqual(chunk.kept.map((c) => c.key));
      expect(kept.map(view)).toEqual(chunk.kept);
    });
    if (fixture.setup !== undefined) {
      const expected = fixture.setup;
      const pool = expected.pool === 'multiprocessing';
      it(`${fixture.config}: sweep_setup() with ${expected.numProc} processes${pool ? ' in a multiprocessing pool' : ''}`, async () => {
        const setup = await setupSweep(sweep, { numProc: expected.numProc, finalChoice: pool ? 'worker-processes' : 'in-process' });
        expect(setup.samples).toBe(expected.samples);
        expect(setup.summary).toBe(expected.summary);
        expect(setup.configs.map(view)).toEqual(expected.configs);
      });
    }
  }
});
