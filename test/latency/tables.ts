/** Hand-made latency tables for tests: small networks whose parts are written out by hand. */
import type { AnyNetSpec, LatencyEntry, LatencyTable } from '../../src/index.js';

/** A CIFAR-stem AnyNet of vanilla blocks: 16 px, stages of 2 blocks of width 8 and 1 block of width 16 at stride 2. */
export const tinyVanilla: AnyNetSpec = {
  family: 'anynet',
  stem: { type: 'res_stem_cifar', width: 8 },
  blockType: 'vanilla_block',
  stages: [
    { depth: 2, width: 8, stride: 1 },
    { depth: 1, width: 16, stride: 2 },
  ],
  seRatio: null,
  headWidth: 0,
  numClasses: 10,
  activation: 'relu',
  resolution: { train: 16, test: 16 },
};

/** Its parts, as pycls builds them: a 3x3 conv stem, vanilla blocks (conv, BN, ReLU twice), pool and fc. */
export const TINY_KEYS = {
  stem: '3x16/c8,3,1,1,1;nb;arelu',
  block8: '8x16/c8,3,1,1,1;nb;arelu;c8,3,1,1,1;nb;arelu',
  block16: '8x16/c16,3,2,1,1;nb;arelu;c16,3,1,1,1;nb;arelu',
  head: '16x8/g;f;l10b',
} as const;

/** The key of a vanilla block: `in` channels at `side` px to `out` channels, first conv at `stride`. */
export function vanillaKey(channels: number, side: number, out: number, stride: number): string {
  return `${channels}x${side}/c${out},3,${stride},1,1;nb;arelu;c${out},3,1,1,1;nb;arelu`;
}

/**
 * A hidden cost model, written on the block's shape (not through the library's features): 1e-7 ms per
 * multiply-add of the two 3x3 convs, 2e-6 ms per element they write, and 0.003 ms for each of the four
 * runtime nodes (two convs, two ReLUs; batch norms are folded).
 */
export function vanillaNetMs(channels: number, side: number, out: number, stride: number): number {
  const s = Math.floor((side - 1) / stride) + 1;
  const flops = 9 * channels * out * s * s + 9 * out * out * s * s;
  const elements = 2 * out * s * s;
  return 1e-7 * flops + 2e-6 * elements + 0.003 * 4;
}

export function entry(key: string, medianMs: number, kind: LatencyEntry['kind'] = 'block', spread = 0): LatencyEntry {
  return { key, kind, label: key, medianMs, minMs: medianMs - spread, maxMs: medianMs + spread };
}

/** A table with these entries and a per-run overhead of `overheadMs`. */
export function table(entries: LatencyEntry[], overheadMs = 0.01): LatencyTable {
  return {
    format: 'fastscale-latency-table',
    version: 1,
    created: '2025-01-01T00:00:00.000Z',
    device: { cpu: 'test CPU', cores: 2, platform: 'linux', arch: 'x64' },
    runtime: { name: 'onnxruntime-node', version: '1.30.0' },
    settings: { batchSize: 1, threads: 1, warmup: 5, runs: 20, executionProvider: 'cpu', seed: 0, opset: 17 },
    overhead: { medianMs: overheadMs, minMs: overheadMs, maxMs: overheadMs },
    entries,
  };
}

/** Every part of {@link tinyVanilla}, measured. */
export function tinyTable(): LatencyTable {
  return table([
    entry(TINY_KEYS.stem, 0.11, 'stem'),
    entry(TINY_KEYS.block8, 0.21),
    entry(TINY_KEYS.block16, 0.31),
    entry(TINY_KEYS.head, 0.05, 'head'),
  ]);
}
