import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { complexity, correlateRuntime, formatStrategy, fromPyclsConfig, parseStrategy, scale } from '../../src/index.js';
import { cli, R56_YAML } from './cli.js';

/** onnxruntime-node is an optional peer dependency: without it, measure's own error is what is tested. */
const hasOnnxRuntime = await import('onnxruntime-node').then(
  () => true,
  () => false,
);

describe('fastscale measure', () => {
  it.skipIf(!hasOnnxRuntime)('times scaled models and correlates their median times with each metric', async () => {
    const args = ['measure', R56_YAML, '--factors', '1,2', '--strategies', 'w,dWr', '--runs', '2', '--warmup', '0', '--json'];
    const { code, stdout, stderr } = await cli(args);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const base = fromPyclsConfig(readFileSync(R56_YAML, 'utf8'));
    const { rows, correlation } = JSON.parse(stdout) as {
      rows: { strategy: string; factor: number; spec: unknown; complexity: unknown; medianMs: number; minMs: number; maxMs: number }[];
      correlation: unknown;
    };
    const expected = ['w', 'dWr'].flatMap((strategy) => [1, 2].map((factor) => ({ strategy, factor })));
    expect(rows.map((row) => ({ strategy: row.strategy, factor: row.factor }))).toEqual(
      expected.map(({ strategy, factor }) => ({ strategy: formatStrategy(parseStrategy(strategy)), factor })),
    );
    rows.forEach((row, i) => {
      const spec = scale(base, expected[i]!.strategy, expected[i]!.factor);
      expect(row.spec).toEqual(JSON.parse(JSON.stringify(spec)));
      expect(row.complexity).toEqual(complexity(spec));
      expect(row.minMs).toBeGreaterThan(0);
      expect(row.minMs).toBeLessThanOrEqual(row.medianMs);
      expect(row.medianMs).toBeLessThanOrEqual(row.maxMs);
    });
    const samples = rows.map((row) => ({ complexity: row.complexity as ReturnType<typeof complexity>, seconds: row.medianMs / 1000 }));
    expect(correlation).toEqual(JSON.parse(JSON.stringify(correlateRuntime(samples))));
  });
});
