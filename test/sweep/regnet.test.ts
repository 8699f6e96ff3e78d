import { describe, expect, it } from 'vitest';
import { SweepError } from '../../src/index.js';
import { generateRegNetNumpy } from '../../src/sweep/regnet.js';
import { PYTHON } from './python-values.js';

describe("generate_regnet with numpy's arithmetic", () => {
  it('gives numpy 1.24 stages on 3000 random parameter sets and 2184 tie-prone ones', () => {
    const wrong = PYTHON.generateRegnet.filter(([wa, w0, wm, d, [widths, depths, numStages, totalStages]]) => {
      const got = generateRegNetNumpy(wa, w0, wm, d);
      return JSON.stringify([got.widths, got.depths, got.numStages, got.totalStages]) !== JSON.stringify([widths, depths, numStages, totalStages]);
    });
    expect(wrong.map(([wa, w0, wm, d]) => ({ wa, w0, wm, d }))).toEqual([]);
  });

  it("fails as pycls's assertion does", () => {
    expect(() => generateRegNetNumpy(-1, 8, 2, 4)).toThrow(SweepError);
    expect(() => generateRegNetNumpy(10, 12, 2, 4)).toThrow(/w0 % 8 == 0/);
    expect(() => generateRegNetNumpy(10, 8, 1, 4)).toThrow(/wm > 1/);
    expect(() => generateRegNetNumpy(10, 8, 2, 0)).toThrow(/DEPTH/);
  });
});
