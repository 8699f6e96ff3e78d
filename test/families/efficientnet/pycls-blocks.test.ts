/**
 * pycls's EfficientNet blocks (src/families/efficientnet/network.ts) against the modules pycls builds:
 * MBConv's expansion `int(w_in * exp_r)` and squeeze-excite `int(w_in * se_r)`, both truncated
 * (DOMAIN.md section 9), with the block's counts (test/fixtures/pycls-rounding.json).
 */
import { describe, expect, it } from 'vitest';
import { layers, SpecError, validateSpec, type EfficientNetSpec } from '../../../src/index.js';
import { errorOf } from '../../helpers/errors.js';
import { pyclsRounding } from '../../helpers/pycls-rounding.js';

/** An EfficientNet whose first block is pycls's `MBConv(w_in, exp_r, k 3, stride 1, se_r, w_out 16)` at 14 px. */
function withMBConv(inputWidth: number, expansionRatio: number, seRatio: number): EfficientNetSpec {
  return {
    family: 'efficientnet',
    stemWidth: inputWidth,
    stages: [{ depth: 1, width: 16, expansionRatio, kernel: 3, stride: 1 }],
    seRatio,
    headWidth: 16,
    numClasses: 10,
    activation: 'silu',
    resolution: { train: 28, test: 28 },
  };
}

describe("MBConv: pycls's expansion and squeeze-excite widths (truncated) and counts", () => {
  const rows = pyclsRounding().seMBConv;
  const built = rows.filter((row): row is [number, number, number, number, number, number, number, number] => typeof row[3] === 'number');

  it('has SE products that truncate where rounding would not (30 x 0.25 = 7.5 -> 7)', () => {
    expect(built).toContainEqual(expect.arrayContaining([30, 1, 0.25, 30, 7]));
    expect(built.filter(([w, , r, , se]) => se > 0 && Math.round(w * r) !== se).length).toBeGreaterThan(20);
  });

  it.each(built.filter((row) => row[4] > 0).map((row) => [row[0], row[1], row[2], row[3], row[4], row] as const))(
    'w_in %d, exp_r %d, se_r %d: expanded %d, SE %d, and the block counts as pycls',
    (inputWidth, expansionRatio, seRatio, expanded, seWidth, row) => {
      const table = layers(withMBConv(inputWidth, expansionRatio, seRatio));
      expect(table.find((layer) => layer.name === 's1.b1.dwise')!.output[0]).toBe(expanded);
      expect(table.find((layer) => layer.name === 's1.b1.se.f_ex.0')!.output[0]).toBe(seWidth);
      const block = table.filter((layer) => layer.name.startsWith('s1.b1.'));
      expect([block.reduce((a, r) => a + r.flops, 0), block.reduce((a, r) => a + r.params, 0), block.reduce((a, r) => a + r.acts, 0)]).toEqual(row.slice(5));
    },
  );

  it('refuses, naming seRatio, the blocks whose SE pycls would build 0 channels wide', () => {
    const empty = built.filter((row) => row[4] === 0);
    expect(empty.length).toBeGreaterThan(100);
    for (const [inputWidth, expansionRatio, seRatio] of empty) {
      const error = errorOf(() => validateSpec(withMBConv(inputWidth, expansionRatio, seRatio)));
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).path).toBe('seRatio');
    }
  });

  it('refuses, naming the expansion ratio, the blocks torch cannot build (an expansion to 0 channels)', () => {
    const refused = rows.filter((row) => typeof row[3] === 'string');
    expect(refused).toHaveLength(7);
    for (const [inputWidth, expansionRatio, seRatio] of refused) {
      const error = errorOf(() => validateSpec(withMBConv(inputWidth, expansionRatio, seRatio)));
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).path).toBe('stages[0].expansionRatio');
    }
  });
});
