/**
 * `fastscale runtime` on pycls's V100 timings: complexities from pycls's dev/model_complexity.json, and
 * the correlation computed here with the textbook formulas (an independent reference).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pyclsComplexity, pyclsTimings } from '../helpers/fixtures.js';
import { cli, R56_YAML, REGNETY_400MF_YAML, temporaryDirectory, TIMINGS_JSON, zooConfigPath } from './cli.js';

const tmp = temporaryDirectory();
afterAll(tmp.remove);

const METRICS = ['flops', 'params', 'acts'] as const;

/** Pearson's r, and the least-squares line y = intercept + slope x, by the textbook two-pass formulas. */
function fit(xs: readonly number[], ys: readonly number[]): { r: number; slope: number; intercept: number } {
  const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  });
  const slope = sxy / sxx;
  return { r: sxy / Math.sqrt(sxx * syy), slope, intercept: my - slope * mx };
}

/** The zoo models pycls timed (the file also holds a "date-created" string). */
const timed = Object.entries(pyclsTimings()).filter((entry): entry is [string, Record<string, number>] => typeof entry[1] !== 'string');
const complexityOf = pyclsComplexity();

describe('fastscale runtime', () => {
  it("correlates pycls's model_timing.json (test_fw_time) with pycls's complexities", async () => {
    const { code, stdout, stderr } = await cli(['runtime', TIMINGS_JSON, '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const json = JSON.parse(stdout);
    expect(json.column).toBe('test_fw_time');
    expect(json.models).toEqual(timed.map(([model, times]) => ({ model, seconds: times.test_fw_time, complexity: complexityOf[zooConfigPath(model)] })));
    const seconds = timed.map(([, times]) => times.test_fw_time!);
    const fits = METRICS.map((metric) => fit(timed.map(([model]) => complexityOf[zooConfigPath(model)]![metric]), seconds));
    METRICS.forEach((metric, i) => {
      expect(json.correlation[metric].r).toBeCloseTo(fits[i]!.r, 12);
      expect(json.correlation[metric].slope / fits[i]!.slope).toBeCloseTo(1, 12);
      expect(json.correlation[metric].intercept).toBeCloseTo(fits[i]!.intercept, 12);
    });
    expect(json.correlation.samples).toBe(timed.length);
    // Over all 36 models (EfficientNets included) flops correlates best; over the RegNets, acts (below).
    const best = METRICS[fits.findIndex((f) => f.r === Math.max(...fits.map((g) => g.r)))];
    expect(json.correlation.best).toBe(best);
  });

  it('filters models by name and picks a column; the table names the best metric', async () => {
    const { code, stdout } = await cli(['runtime', TIMINGS_JSON, '--models', 'RegNetX,RegNetY', '--column', 'train_fw_time']);
    expect(code).toBe(0);
    expect(stdout).toContain(`fit train_fw_time = intercept + slope * metric over 24 models:
metric       r  intercept      slope
------  ------  ---------  ---------
flops   0.8426    0.05764  4.641e-12
params  0.8047    0.05492   1.121e-9
acts    0.9431    0.02440   5.029e-9
best predictor: acts (r = 0.9431)
`);
    const kept = timed.filter(([name]) => /RegNet[XY]/.test(name));
    expect(kept).toHaveLength(24);
    const acts = fit(
      kept.map(([model]) => complexityOf[zooConfigPath(model)]!.acts),
      kept.map(([, times]) => times.train_fw_time!),
    );
    expect(acts.r.toFixed(4)).toBe('0.9431');
    expect(acts.slope.toPrecision(4)).toBe('5.029e-9');
  });

  it('reads rows of { model, seconds } with config paths relative to the JSON file, and writes a scatter plot', async () => {
    const file = join(tmp.dir, 'times.json');
    const rows = [
      { model: 'RegNetX-200MF', seconds: 0.0165 },
      { model: relative(tmp.dir, REGNETY_400MF_YAML), seconds: 0.0193 },
      { model: relative(tmp.dir, R56_YAML), seconds: 0.004 },
      { model: 'resnet-50', seconds: 0.0562 },
    ];
    writeFileSync(file, JSON.stringify(rows));
    const out = join(tmp.dir, 'scatter.svg');
    const { code, stdout } = await cli(['runtime', file, '--json', '-o', out]);
    expect(code).toBe(0);
    const configs = [zooConfigPath('RegNetX-200MF'), zooConfigPath('RegNetY-400MF'), 'configs/archive/cifar/anynet/R-56_nds_1gpu.yaml', zooConfigPath('ResNet-50')];
    const json = JSON.parse(stdout);
    expect(json.column).toBeNull();
    expect(json.models).toEqual(rows.map((row, i) => ({ ...row, complexity: complexityOf[configs[i]!] })));
    const acts = fit(
      configs.map((config) => complexityOf[config]!.acts),
      rows.map((row) => row.seconds),
    );
    expect(json.correlation.acts.r).toBeCloseTo(acts.r, 12);
    const svg = readFileSync(out, 'utf8');
    expect(svg.trimStart()).toMatch(/^<svg/);
    // Three panels (flops, params, acts), each with a point per model; the time axis has its unit.
    expect([...svg.matchAll(/aria-roledescription="point"/g)]).toHaveLength(3 * rows.length);
    for (const metric of METRICS) expect(svg).toContain(`>${metric}</text>`);
    expect(svg).toContain('>time (seconds)</text>');
  });

  it("titles the time axis with pycls's column and its unit", async () => {
    const { code, stdout } = await cli(['runtime', TIMINGS_JSON, '--format', 'vega-lite', '-o', '-']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).spec.layer[0].encoding.y.title).toBe('test_fw_time (seconds)');
  });
});
