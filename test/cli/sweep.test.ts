import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getFilters, type SweepRecord } from '../../src/index.js';
import { cli, ROOT, temporaryDirectory } from './cli.js';

const tmp = temporaryDirectory();
afterAll(tmp.remove);
const FIXTURES = join(ROOT, 'test', 'fixtures', 'pycls-sweeps');
const CIFAR_BEST = join(FIXTURES, 'cifar_best.yaml');

describe('fastscale sweep', () => {
  it("writes pycls's cfgs/, cfgs_summary.yaml and sweep_cfg.yaml, as pycls's sweep_setup did (pub_full_best.json)", async () => {
    const dir = join(tmp.dir, 'best');
    const { code, stdout, stderr } = await cli(['sweep', CIFAR_BEST, '-o', dir, '--num-proc', '2']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^cifar\/cifar_best: kept 12 configs \(12 found\) from 10,000 samples, 2 chunks per round, in [\d.]+ s\n/);
    const fixture = JSON.parse(readFileSync(join(FIXTURES, 'pub_full_best.json'), 'utf8')) as { configs: { file: string; key: string; yaml: string }[] };
    expect(readdirSync(join(dir, 'cfgs')).sort()).toEqual(fixture.configs.map((c) => c.file));
    for (const c of fixture.configs) expect(readFileSync(join(dir, 'cfgs', c.file), 'utf8')).toBe(c.yaml);
    expect(readFileSync(join(dir, 'cfgs_summary.yaml'), 'utf8')).toBe(fixture.configs.map((c) => `${c.file}: ${c.key}\n`).join(''));
    expect(readFileSync(join(dir, 'sweep_cfg.yaml'), 'utf8')).toBe(readFileSync(CIFAR_BEST, 'utf8'));
  });

  it('--json lists the configs with their keys and complexity', async () => {
    const dir = join(tmp.dir, 'best-json');
    const { code, stdout } = await cli(['sweep', CIFAR_BEST, '-o', dir, '--num-proc', '2', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { numProc: number; samples: number; configs: { file: string; key: string; complexity: { flops: number } }[] };
    expect(result.numProc).toBe(2);
    expect(result.samples).toBe(10000);
    expect(result.configs[0]).toEqual({ file: '000000.yaml', key: 'OPTIM.MAX_EPOCH 50 RNG_SEED 2', complexity: { flops: 120497384, params: 1811688, acts: 914584 } });
  });

  it('bad input is one line on stderr and exit code 2', async () => {
    const noOutput = await cli(['sweep', CIFAR_BEST]);
    expect({ code: noOutput.code, stderr: noOutput.stderr }).toEqual({ code: 2, stderr: 'fastscale: sweep needs -o DIR (the sweep directory)\n' });
    const bad = join(tmp.dir, 'bad.yaml');
    await import('node:fs').then((fs) => fs.writeFileSync(bad, 'NAME: x\nSETUP:\n  NUM_CONFIGS: 2\n  SAMPLERS:\n    REGNET: {TYPE: regnet_sampler, DEPTH: [9, 3]}\n'));
    const invalid = await cli(['sweep', bad, '-o', join(tmp.dir, 'bad')]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toBe('fastscale: SETUP.SAMPLERS.REGNET.DEPTH: uniform(low=9, high=3, q=1) is invalid: low must be <= high\n');
    const started = join(tmp.dir, 'started');
    mkdirSync(join(started, 'logs'), { recursive: true });
    const again = await cli(['sweep', CIFAR_BEST, '-o', started]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^fastscale: sweep already started/);
    expect(existsSync(join(started, 'cfgs'))).toBe(false);
    const flag = await cli(['sweep', CIFAR_BEST, '-o', started, '--num-proc', '0']);
    expect(flag.stderr).toBe('fastscale: --num-proc: 0 is not an integer >= 1\n');
  });

  it('--help', async () => {
    const { code, stdout } = await cli(['sweep', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: fastscale sweep <sweep.yaml> -o <dir>/);
  });
});

describe('fastscale sweep analyze', () => {
  const records = join(FIXTURES, 'analysis-records.json');

  it("--json gives the EDF and pycls's good ranges (seeded get_filters)", async () => {
    const { code, stdout, stderr } = await cli(['sweep', 'analyze', records, '--metrics', 'regnet_wm,flops', '--seed', '1', '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const { series } = JSON.parse(stdout) as { series: { name: string; models: number; filters: Record<string, number[]>; edf: unknown[] }[] };
    const pycls = JSON.parse(readFileSync(join(FIXTURES, 'analysis.json'), 'utf8')) as { filters: { seed: number; result: Record<string, number[]> }[] };
    const expected = pycls.filters.find((f) => f.seed === 1)!.result;
    expect(series[0]).toMatchObject({ name: 'analysis-records', models: 32, filters: { regnet_wm: expected.regnet_wm, flops: expected.flops } });
    expect(series[0]!.edf).toHaveLength(32);
  });

  it('prints a summary and writes Vega-Lite charts for two sweeps', async () => {
    const half = join(tmp.dir, 'half.json');
    const all = JSON.parse(readFileSync(records, 'utf8')) as SweepRecord[];
    await import('node:fs').then((fs) => fs.writeFileSync(half, JSON.stringify({ records: all.slice(0, 16) })));
    const charts = join(tmp.dir, 'charts');
    const { code, stdout } = await cli(['sweep', 'analyze', records, half, '--metrics', 'epoch_time', '--normalized', 'flops', '--bins', '2', '--charts', charts, '--format', 'vega-lite']);
    expect(code).toBe(0);
    const best = getFilters(all, ['epoch_time']).epoch_time!;
    expect(stdout).toContain('analysis-records: 32 models, error min 5.99');
    expect(stdout).toContain(`epoch_time  ${best.map(String).join("  ")}\n`);
    expect(readdirSync(charts).sort()).toEqual(['edf-normalized.vl.json', 'edf.vl.json', 'metric-epoch_time.vl.json', 'trend-epoch_time.vl.json']);
    const edf = JSON.parse(readFileSync(join(charts, 'edf.vl.json'), 'utf8')) as { $schema: string };
    expect(edf.$schema).toMatch(/vega-lite/);
  });

  it('reads pycls sweep.json entries (error = min of test_ema_epoch.min_top1_err)', async () => {
    const file = join(tmp.dir, 'sweep.json');
    const entries = [6.5, 5.5, 7.25].map((e, i) => ({ cfg: { OPTIM: { BASE_LR: 0.1 * (i + 1) } }, test_ema_epoch: { min_top1_err: [e + 2, e] } }));
    await import('node:fs').then((fs) => fs.writeFileSync(file, JSON.stringify(entries)));
    const { code, stdout } = await cli(['sweep', 'analyze', file, '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { series: { edf: { error: number }[] }[] }).series[0]!.edf.map((p) => p.error)).toEqual([5.5, 6.5, 7.25]);
  });

  it('bad input is one line on stderr and exit code 2', async () => {
    const missing = await cli(['sweep', 'analyze']);
    expect(missing).toMatchObject({ code: 2, stderr: 'fastscale: sweep analyze: missing <records.json>; see fastscale sweep analyze --help\n' });
    const noMetric = await cli(['sweep', 'analyze', records, '--metrics', 'nope']);
    expect(noMetric).toMatchObject({ code: 2, stderr: 'fastscale: records[0]: has no metric nope\n' });
  });
});
