/**
 * pycls's shared blocks (src/families/blocks/pycls.ts) against the modules pycls builds: the bottleneck
 * transform's squeeze-excite width `int(round(w_in * se_r))` (test/fixtures/pycls-rounding.json), and the
 * names and classes of every module, activations included, on the reference configs (live pycls).
 */
import { describe, expect, it } from 'vitest';
import { complexity, fromPyclsConfig, layers, toPyclsConfig, type AnyNetSpec } from '../../../src/index.js';
import { configPaths, readConfig } from '../../helpers/fixtures.js';
import { moduleNameMismatches } from '../../helpers/module-names.js';
import { PYCLS_MISSING, runPycls } from '../../helpers/pycls.js';
import { pyclsRounding } from '../../helpers/pycls-rounding.js';

/**
 * An AnyNet whose first block is pycls's `BottleneckTransform(w_in, 16, stride 1, bot_mul 1, group_w 8,
 * se_r)` at 14 px: a `simple_stem_in` of width w_in halves 28 px to 14.
 */
function withBottleneck(inputWidth: number, seRatio: number): AnyNetSpec {
  return {
    family: 'anynet',
    stem: { type: 'simple_stem_in', width: inputWidth },
    blockType: 'res_bottleneck_block',
    stages: [{ depth: 1, width: 16, stride: 1, bottleneckMultiplier: 1, groupWidth: 8 }],
    seRatio,
    headWidth: 0,
    numClasses: 10,
    activation: 'relu',
    resolution: { train: 28, test: 28 },
  };
}

/** flops, params and acts of the rows under `prefix`. */
function sum(rows: ReturnType<typeof layers>, prefix: string): [number, number, number] {
  const under = rows.filter((row) => row.name.startsWith(prefix));
  return [under.reduce((a, r) => a + r.flops, 0), under.reduce((a, r) => a + r.params, 0), under.reduce((a, r) => a + r.acts, 0)];
}

describe("squeeze-excite in pycls's bottleneck transform: int(round(w_in x se_r)) wide, as pycls builds it", () => {
  const rows = pyclsRounding().seBottleneck;

  it('has products at .5 (ties: round half to even) and below .5 (no SE module)', () => {
    expect(rows.filter(([, , product]) => product % 1 === 0.5).length).toBeGreaterThan(20);
    expect(rows.some(([, , product, width]) => product === 7.5 && width === 8)).toBe(true);
    expect(rows.some(([, , product, width]) => product === 2.5 && width === 2)).toBe(true);
    expect(rows.some(([, , product, width]) => product === 0.5 && width === 0)).toBe(true);
  });

  it.each(rows.map((row) => [row[0], row[1], row[3], row] as const))('w_in %d, se_r %d: SE width %d, and the transform counts as pycls', (inputWidth, seRatio, seWidth, row) => {
    const table = layers(withBottleneck(inputWidth, seRatio));
    const se = table.find((layer) => layer.name === 's1.b1.f.se.f_ex.0');
    expect(se?.output[0] ?? 0).toBe(seWidth);
    expect(sum(table, 's1.b1.f.')).toEqual([row[4], row[5], row[6]]);
  });
});

describe.skipIf(PYCLS_MISSING !== null)(`layers carry the names of pycls's modules, of the matching class${PYCLS_MISSING === null ? '' : ` (skipped: ${PYCLS_MISSING})`}`, () => {
  it("on all 65 reference configs, as pycls's own code builds them (its head flattens with x.view: no module)", () => {
    const paths = configPaths();
    const results = runPycls(paths.map(readConfig), true);
    const mismatches = paths.map((path, i) => [path, moduleNameMismatches(fromPyclsConfig(readConfig(path)), new Map(results[i]!.modules!), [['head.flatten', 'flatten']])]);
    expect(mismatches).toEqual(paths.map((path) => [path, []]));
  }, 600_000);
});

describe.skipIf(PYCLS_MISSING !== null)(`a head conv (HEAD_W > 0), which no reference config has, as pycls builds it${PYCLS_MISSING === null ? '' : ` (skipped: ${PYCLS_MISSING})`}`, () => {
  it('head.conv, head.bn, head.af: the names, classes and counts of pycls\'s AnyHead with head_width 64 and 48', () => {
    const specs: AnyNetSpec[] = [
      { ...withBottleneck(24, 0.25), headWidth: 64 },
      { family: 'anynet', stem: { type: 'res_stem_cifar', width: 16 }, blockType: 'res_basic_block', stages: [{ depth: 2, width: 16, stride: 2 }], seRatio: null, headWidth: 48, numClasses: 10, activation: 'silu', resolution: { train: 32, test: 32 } },
    ];
    const results = runPycls(specs.map((spec) => toPyclsConfig(spec)), true);
    for (const [i, spec] of specs.entries()) {
      const modules = new Map(results[i]!.modules!);
      expect(modules.get('head.conv')).toBe('Conv2d');
      expect(modules.get('head.bn')).toBe('BatchNorm2d');
      expect(moduleNameMismatches(spec, modules, [['head.flatten', 'flatten']])).toEqual([]);
      expect(complexity(spec)).toEqual(results[i]!.complexity);
    }
  }, 120_000);
});
