/**
 * `fastscale measure`: the timed networks are pycls's (test/fixtures/pycls-scaled.json); the correlation
 * of their median times is checked with the textbook formula. Needs onnxruntime-node, an optional peer.
 */
import { describe, expect, it } from 'vitest';
import { pyclsScaled } from '../helpers/fixtures.js';
import { cli, R56_YAML } from './cli.js';

const hasOnnxRuntime = await import('onnxruntime-node').then(
  () => true,
  () => false,
);
if (!hasOnnxRuntime) console.warn('test/cli/measure.test.ts: skipped, onnxruntime-node (an optional peer dependency) is not installed');

const R56 = 'configs/archive/cifar/anynet/R-56_nds_1gpu.yaml';

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const sxy = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  const syy = ys.reduce((sum, y) => sum + (y - my) ** 2, 0);
  return sxy / Math.sqrt(sxx * syy);
}

describe.skipIf(!hasOnnxRuntime)('fastscale measure (onnxruntime-node installed)', () => {
  it("times pycls's scaled networks and correlates their median times with each metric", async () => {
    const args = ['measure', R56_YAML, '--factors', '2,4', '--strategies', 'w,dWr', '--runs', '2', '--warmup', '0', '--json'];
    const { code, stdout, stderr } = await cli(args);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const { rows, correlation } = JSON.parse(stdout) as {
      rows: { strategy: string; factor: number; spec: { stages: { width: number; depth: number }[] }; complexity: Record<'flops' | 'params' | 'acts', number>; medianMs: number; minMs: number; maxMs: number }[];
      correlation: Record<'flops' | 'params' | 'acts', { r: number }>;
    };
    const expected = [
      ['w', 2],
      ['w', 4],
      ['d1_w8_g8_r1', 2],
      ['d1_w8_g8_r1', 4],
    ] as const;
    expect(rows.map((row) => [row.strategy, row.factor])).toEqual(expected);
    rows.forEach((row, i) => {
      const [scaleType, factor] = expected[i]!;
      const record = pyclsScaled().find((r) => r.config === R56 && r.scale_type === scaleType && r.factor === factor)!;
      expect(row.complexity).toEqual(record.complexity);
      expect(row.spec.stages.map((s) => s.width)).toEqual(record.spec.WIDTHS);
      expect(row.minMs).toBeGreaterThan(0);
      expect(row.minMs).toBeLessThanOrEqual(row.medianMs);
      expect(row.medianMs).toBeLessThanOrEqual(row.maxMs);
    });
    const seconds = rows.map((row) => row.medianMs / 1000);
    for (const metric of ['flops', 'params', 'acts'] as const) {
      expect(correlation[metric].r).toBeCloseTo(pearson(rows.map((row) => row.complexity[metric]), seconds), 10);
    }
  });
});
