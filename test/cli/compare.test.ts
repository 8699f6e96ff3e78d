/**
 * `fastscale compare` against pycls's scale_model (test/fixtures/pycls-scaled.json) at a factor, and
 * against literal values at a budget.
 */
import { describe, expect, it } from 'vitest';
import { pyclsScaled } from '../helpers/fixtures.js';
import { cli, R56_YAML } from './cli.js';

const R56 = 'configs/archive/cifar/anynet/R-56_nds_1gpu.yaml';

/** The presets and the pycls strategy strings they stand for. */
const PYCLS_NAMES: Record<string, string> = { d: 'd', w: 'w', r: 'r', dw: 'dw', dr: 'dr', wr: 'wr', dwr: 'dwr', dWr: 'd1_w8_g8_r1' };

interface Row {
  name: string;
  factor: number;
  factors: { d: number; w: number; g: number; r: number };
  complexity: { flops: number; params: number; acts: number };
  spec: { stages: { depth: number; width: number }[] };
}

describe('fastscale compare --factor', () => {
  it.each([2, 16])("gives every preset's multipliers and network as pycls's scale_model does (R-56 x%d)", async (factor) => {
    const { code, stdout, stderr } = await cli(['compare', R56_YAML, '--factor', String(factor), '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const rows = JSON.parse(stdout) as Row[];
    expect(rows.map((row) => row.name)).toEqual(Object.keys(PYCLS_NAMES));
    for (const row of rows) {
      const record = pyclsScaled().find((r) => r.config === R56 && r.scale_type === PYCLS_NAMES[row.name] && r.factor === factor)!;
      expect(row.factor).toBe(factor);
      expect([row.factors.d, row.factors.w, row.factors.g, row.factors.r], row.name).toEqual(record.scaling_factors);
      expect(row.complexity, row.name).toEqual(record.complexity);
      expect(row.spec.stages.map((s) => s.width), row.name).toEqual(record.spec.WIDTHS);
      expect(row.spec.stages.map((s) => s.depth), row.name).toEqual(record.spec.DEPTHS);
    }
  });

  it('tabulates exponents, multipliers, complexity and ratios per strategy', async () => {
    const { code, stdout } = await cli(['compare', R56_YAML, '--factor', '2', '--strategies', 'w,d1_w2,dWr', '--policy', 'efficientnet']);
    expect(code).toBe(0);
    // w x2: 266,343,290 flops, 1,690,506 params, 823,818 acts in pycls (the w record of R-56 x2; both
    // policies round its widths alike); exponents from the paper's table (w: 1, 1, 0.5; dWr: 1, 0.9, 0.6).
    expect(stdout).toBe(`R-56_nds_1gpu x2, policy efficientnet; base 125.75 MF, 0.856 M params, 0.545 M acts
e: closed-form exponents (metric ~ s^e); d, w, g, r: multipliers; x: scaled over base (exact counts)

strategy  e flops  e params  e acts     d     w     g     r      flops  params     acts  flops x  params x  acts x
--------  -------  --------  ------  ----  ----  ----  ----  ---------  ------  -------  -------  --------  ------
w            1.00      1.00    0.50  1.00  1.41  1.00  1.00  266.34 MF  1.69 M  0.824 M    2.12x     1.98x   1.51x
d1_w2        1.00      1.00    0.67  1.26  1.26  1.00  1.00  300.55 MF  1.83 M   1.01 M    2.39x     2.14x   1.86x
dWr          1.00      0.90    0.60  1.07  1.32  1.32  1.04  264.74 MF  1.75 M  0.866 M    2.11x     2.05x   1.59x
`);
  });
});

describe('fastscale compare at a budget', () => {
  it('lands every strategy on the same flops budget (the paper compares at equal flops)', async () => {
    const { code, stdout, stderr } = await cli(['compare', 'RegNetY-400MF', '--target-flops', '4GF', '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const rows = JSON.parse(stdout) as (Row & { metric: string; target: number; relativeError: number })[];
    expect(rows.map((row) => row.name)).toEqual(Object.keys(PYCLS_NAMES));
    const flops = Object.fromEntries(rows.map((row) => [row.name, row.complexity.flops]));
    expect(flops).toEqual({
      d: 4_005_283_252,
      w: 4_000_638_066,
      r: 3_959_439_136,
      dw: 4_035_459_354,
      dr: 4_007_289_874,
      wr: 4_002_247_616,
      dwr: 3_851_752_068,
      dWr: 3_981_463_544,
    });
    for (const row of rows) {
      expect(row).toMatchObject({ metric: 'flops', target: 4e9 });
      expect(row.relativeError).toBe((row.complexity.flops - 4e9) / 4e9);
    }
    // At equal flops, fast compound scaling needs half the activations of depth scaling.
    const acts = Object.fromEntries(rows.map((row) => [row.name, row.complexity.acts]));
    expect(acts).toMatchObject({ d: 28_711_012, dwr: 22_006_188, dWr: 14_151_288 });
    // Each row is the network its factor gives.
    const dWr = rows.find((row) => row.name === 'dWr')!;
    const scaled = JSON.parse((await cli(['scale', 'RegNetY-400MF', '--factor', String(dWr.factor), '--strategy', 'dWr', '--json'])).stdout);
    expect(scaled.scaled.complexity).toEqual(dWr.complexity);
  });

  it('tabulates the factor each strategy needs and how close it lands', async () => {
    const { code, stdout } = await cli(['compare', 'RegNetY-400MF', '--target-flops', '4GF', '--strategies', 'd,dwr,dWr']);
    expect(code).toBe(0);
    expect(stdout).toBe(`RegNetY-400MF at flops 4.00 GF, policy pycls; base 401.85 MF, 4.34 M params, 3.89 M acts
factor: the flops factor whose rounded network lands closest to the budget; d, w, g, r: its multipliers;
error: flops over the budget; x: scaled over base (exact counts)

strategy  factor      d     w     g     r    flops  params    acts   error  flops x  params x  acts x
--------  ------  -----  ----  ----  ----  -------  ------  ------  ------  -------  --------  ------
d          11.59  11.59  1.00  1.00  1.00  4.01 GF  46.8 M  28.7 M  +0.13%    9.97x    10.76x   7.38x
dwr        11.39   2.25  1.50  1.00  1.50  3.85 GF  19.2 M  22.0 M  -3.71%    9.59x     4.41x   5.65x
dWr        10.51   1.27  2.56  2.56  1.12  3.98 GF  34.5 M  14.2 M  -0.46%    9.91x     7.95x   3.64x
`);
  });

  it('names the strategy that cannot reach a budget', async () => {
    const { code, stdout, stderr } = await cli(['compare', 'RegNetY-400MF', '--target-params', '20M', '--strategies', 'w,r']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^fastscale: --target-params: r: /);
  });
});
