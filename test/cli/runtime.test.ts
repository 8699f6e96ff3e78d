import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { complexity, correlateRuntime, fromPyclsConfig, isZooName, zooModel } from '../../src/index.js';
import { asJson, cli, R56_YAML, REGNETY_400MF_YAML, temporaryDirectory, TIMINGS_JSON } from './cli.js';

const tmp = temporaryDirectory();
afterAll(tmp.remove);

/** pycls's V100 timings: model name -> columns (the file also holds a "date-created" string). */
const timings = JSON.parse(readFileSync(TIMINGS_JSON, 'utf8')) as Record<string, Record<string, number> | string>;
const timed = Object.entries(timings).filter((entry): entry is [string, Record<string, number>] => typeof entry[1] !== 'string');

describe('fastscale runtime', () => {
  it("correlates pycls's model_timing.json (test_fw_time) exactly as correlateRuntime does", async () => {
    const { code, stdout, stderr } = await cli(['runtime', TIMINGS_JSON, '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(timed.every(([name]) => isZooName(name))).toBe(true);
    const models = timed.map(([model, columns]) => ({ model, seconds: columns.test_fw_time!, complexity: complexity(zooModel(model)) }));
    const correlation = correlateRuntime(models.map(({ complexity: cx, seconds }) => ({ complexity: cx, seconds })));
    expect(JSON.parse(stdout)).toEqual(asJson({ column: 'test_fw_time', models, correlation }));
  });

  it('filters models by name and picks a column; the table names the best metric', async () => {
    const { code, stdout } = await cli(['runtime', TIMINGS_JSON, '--models', 'RegNetX,RegNetY', '--column', 'train_fw_time']);
    expect(code).toBe(0);
    const kept = timed.filter(([name]) => name.includes('RegNetX') || name.includes('RegNetY'));
    expect(kept).toHaveLength(24);
    const correlation = correlateRuntime(kept.map(([name, columns]) => ({ spec: zooModel(name), seconds: columns.train_fw_time! })));
    expect(stdout).toContain(`over ${kept.length} models`);
    expect(stdout).toContain(`best predictor: ${correlation.best} (r = ${correlation[correlation.best]!.r.toFixed(4)})`);
    for (const metric of ['flops', 'params', 'acts'] as const) {
      expect(stdout).toMatch(new RegExp(`^${metric}\\s+${correlation[metric]!.r.toFixed(4)}\\s`, 'm'));
    }
  });

  it('reads rows of { model, seconds } with config paths relative to the JSON file, and writes a scatter plot', async () => {
    const file = join(tmp.dir, 'times.json');
    const rows = [
      { model: 'RegNetX-200MF', seconds: 0.0111 },
      { model: relative(tmp.dir, REGNETY_400MF_YAML), seconds: 0.0193 },
      { model: relative(tmp.dir, R56_YAML), seconds: 0.004 },
      { model: 'ResNet-50', seconds: 0.0562 },
    ];
    writeFileSync(file, JSON.stringify(rows));
    const out = join(tmp.dir, 'scatter.svg');
    const { code, stdout } = await cli(['runtime', file, '--json', '-o', out]);
    expect(code).toBe(0);
    const specs = [zooModel('RegNetX-200MF'), fromPyclsConfig(readFileSync(REGNETY_400MF_YAML, 'utf8')), fromPyclsConfig(readFileSync(R56_YAML, 'utf8')), zooModel('ResNet-50')];
    const json = JSON.parse(stdout);
    expect(json.column).toBeNull();
    expect(json.models).toEqual(asJson(rows.map((row, i) => ({ ...row, complexity: complexity(specs[i]!) }))));
    expect(json.correlation).toEqual(asJson(correlateRuntime(specs.map((spec, i) => ({ spec, seconds: rows[i]!.seconds })))));
    const svg = readFileSync(out, 'utf8');
    expect(svg.trimStart()).toMatch(/^<svg/);
    // Three panels (flops, params, acts), each with a point per model.
    expect([...svg.matchAll(/aria-roledescription="point"/g)]).toHaveLength(3 * rows.length);
    for (const metric of ['flops', 'params', 'acts']) expect(svg).toContain(`>${metric}</text>`);
  });
});
