import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareStrategies, fromPyclsConfig, STRATEGIES, zooModel } from '../../src/index.js';
import { formatRatio } from '../../src/cli/format.js';
import { asJson, cli, R56_YAML } from './cli.js';

describe('fastscale compare', () => {
  it('prints the rows of compareStrategies with --json (the 8 presets by default)', async () => {
    const { code, stdout, stderr } = await cli(['compare', 'RegNetY-400MF', '--factor', '4', '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const rows = compareStrategies(zooModel('RegNetY-400MF'), 4);
    expect(rows.map((row) => row.name)).toEqual(Object.keys(STRATEGIES));
    expect(JSON.parse(stdout)).toEqual(asJson(rows));
  });

  it('tabulates chosen strategies on a config file with a policy, one row per strategy', async () => {
    const { code, stdout } = await cli(['compare', R56_YAML, '--factor', '2.5', '--strategies', 'w,d1_w2,dWr', '--policy', 'efficientnet']);
    expect(code).toBe(0);
    const spec = fromPyclsConfig(readFileSync(R56_YAML, 'utf8'));
    const rows = compareStrategies(spec, 2.5, ['w', 'd1_w2', 'dWr'], { policy: 'efficientnet' });
    const lines = stdout.split('\n');
    for (const row of rows) {
      const line = lines.find((text) => text.startsWith(`${row.name} `));
      expect(line, row.name).toBeDefined();
      const cells = line!.trim().split(/\s{2,}/);
      expect(cells.slice(1, 4)).toEqual([row.exponents.flops, row.exponents.params, row.exponents.acts].map((e) => e.toFixed(2)));
      expect(cells.slice(4, 8)).toEqual([row.factors.d, row.factors.w, row.factors.g, row.factors.r].map((m) => m.toFixed(2)));
      expect(cells.slice(-3)).toEqual([row.ratios.flops, row.ratios.params, row.ratios.acts].map(formatRatio));
    }
  });
});
