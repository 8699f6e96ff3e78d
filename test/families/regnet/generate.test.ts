/** generateRegNet (src/families/regnet/generate.ts) against pycls's own generate_regnet. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateRegNet, SpecError, zooModel, type RegNetSpec } from '../../../src/index.js';
import { regNetSpec } from '../../arbitraries.js';
import { pyclsRounding } from '../../helpers/pycls-rounding.js';

describe("generateRegNet: pycls's generate_regnet on the zoo's RegNets, constructed ties and 150 random RegNets", () => {
  const rows = pyclsRounding().regnet;

  it('has the zoo rows, the ties and the random ones', () => {
    expect(rows).toHaveLength(184);
    expect(rows.filter((row) => row[9].startsWith('regnet'))).toHaveLength(24);
    expect(rows.filter((row) => row[9] === 'random')).toHaveLength(150);
  });

  it.each(rows.map((row) => [`wa ${row[0]} w0 ${row[1]} wm ${row[2]} d ${row[3]} (${row[9]})`, row] as const))('%s', (_, row) => {
    const [wa, w0, wm, depth, widths, depths, stages, , blockWidths] = row;
    const generated = generateRegNet(wa, w0, wm, depth);
    expect(generated.widths).toEqual(widths);
    expect(generated.depths).toEqual(depths);
    expect(generated.widths).toHaveLength(stages);
    expect(generated.blockWidths).toEqual(blockWidths);
  });
});

describe('generateRegNet', () => {
  it('groups per-block widths into stages whose depths sum to the depth', () => {
    fc.assert(
      fc.property(regNetSpec(), (spec) => {
        const { widths, depths, blockWidths } = generateRegNet(spec.wa, spec.w0, spec.wm, spec.depth);
        expect(depths.reduce((a, b) => a + b, 0)).toBe(spec.depth);
        expect(blockWidths).toHaveLength(spec.depth);
        expect(new Set(widths).size).toBe(widths.length);
        for (const w of widths) expect(w % 8).toBe(0);
        for (let i = 1; i < blockWidths.length; i++) expect(blockWidths[i]!).toBeGreaterThanOrEqual(blockWidths[i - 1]!);
      }),
    );
  });

  it('rounds half to even as numpy does (RegNetX-1.6GF: 180 / 8 = 22.5 -> 22, a width of 176)', () => {
    const spec = zooModel('RegNetX-1.6GF') as RegNetSpec;
    const { blockWidths } = generateRegNet(spec.wa, spec.w0, spec.wm, spec.depth);
    expect(blockWidths).toContain(176);
    expect(blockWidths).not.toContain(184);
  });

  it('rejects parameters pycls asserts against', () => {
    expect(() => generateRegNet(-1, 24, 2.5, 10)).toThrow(new SpecError('wa', '-1 is not a finite number >= 0'));
    expect(() => generateRegNet(36, 20, 2.5, 10)).toThrow('w0: 20 is not a multiple of 8');
    expect(() => generateRegNet(36, 24, 1, 10)).toThrow('wm: 1 is not a finite number > 1');
    expect(() => generateRegNet(36, 24, 2.5, 0)).toThrow('depth: 0 is not a positive integer');
    expect(() => generateRegNet(1e300, 24, 2.5, 3)).toThrow(SpecError);
    expect(() => generateRegNet(36, 24, 2.5, 10, 0)).toThrow(new SpecError('q', '0 is not a positive integer'));
    expect(() => generateRegNet(36, 0, 2.5, 10)).toThrow(new SpecError('w0', '0 is not a positive integer'));
    expect(() => generateRegNet(36, 24, -1, 10)).toThrow(new SpecError('wm', '-1 is not a finite number > 0'));
  });

  it('a width exactly at the limit (2^20) is generated; one beyond is a SpecError naming wa and the block', () => {
    // wa 0: every block is w0 wide (pycls: ws_cont = w0, exponents 0).
    expect(generateRegNet(0, 2 ** 20, 2, 2).widths).toEqual([2 ** 20]);
    expect(() => generateRegNet(2 ** 20, 2 ** 20, 2, 2)).toThrow(new SpecError('wa', '1048576 makes block 1 2097152 channels wide, beyond the limit of 1048576'));
  });
});

describe('generateRegNet: per-block widths', () => {
  it("RegNetY-400MF (wa 27.89, w0 48, wm 2.09, depth 16): pycls's ws_cont = arange(d) * w_a + w_0, and each block's quantized width", () => {
    const { continuousWidths, blockWidths } = generateRegNet(27.89, 48, 2.09, 16, 8);
    expect(continuousWidths).toEqual(Array.from({ length: 16 }, (_, i) => i * 27.89 + 48));
    // Stage widths 48, 104, 208, 440 with depths 1, 3, 6, 6.
    expect(blockWidths).toEqual([48, 104, 104, 104, 208, 208, 208, 208, 208, 208, 440, 440, 440, 440, 440, 440]);
  });
});
