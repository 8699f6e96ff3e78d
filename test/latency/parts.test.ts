/** Networks cut into parts with cost keys: the parts of real networks, written out by hand from pycls's definitions. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, zooModel, zooNames } from '../../src/index.js';
import { partKey, replayKey } from '../../src/latency/key.js';
import type { Layer } from '../../src/network/net.js';
import { networkParts } from '../../src/latency/parts.js';
import { checkSpec } from '../../src/spec/check.js';
import { realisticSpec } from '../arbitraries.js';

/** A pycls SE bottleneck block (`ResBottleneckBlock` with SE), as a key: projection, 1x1, grouped 3x3, SE, 1x1. */
function yBlock(input: string, width: number, stride: number, groups: number, se: number, projected: boolean): string {
  const projection = projected ? `c${width},1,${stride},0,1;nb;` : '';
  const b = `c${width},3,${stride},1,${groups}`;
  return `${input}/(;${projection}|;c${width},1,1,0,1;nb;arelu;${b};nb;arelu;(;g;c${se},1,1,0,1b;arelu;c${width},1,1,0,1b;asigmoid;)*;c${width},1,1,0,1;nb;)+;arelu`;
}

describe('networkParts', () => {
  it("cuts RegNetY-400MF into its stem, each stage's first block and the rest, and its head", () => {
    // pycls: stem 32 at 224 px; widths 48, 104, 208, 440; depths 1, 3, 6, 6; group width 8 (groups = w / 8);
    // SE width round(0.25 * block input width).
    const parts = networkParts(checkSpec(zooModel('RegNetY-400MF')));
    expect(parts.map((p) => [p.kind, p.label, p.repeats, p.key])).toEqual([
      ['stem', 'stem', 1, '3x224/c32,3,2,1,1;nb;arelu'],
      ['block', 's1 block 0', 1, yBlock('32x112', 48, 2, 6, 8, true)],
      ['block', 's2 block 0', 1, yBlock('48x56', 104, 2, 13, 12, true)],
      ['block', 's2 blocks 1..2', 2, yBlock('104x28', 104, 1, 13, 26, false)],
      ['block', 's3 block 0', 1, yBlock('104x28', 208, 2, 26, 26, true)],
      ['block', 's3 blocks 1..5', 5, yBlock('208x14', 208, 1, 26, 52, false)],
      ['block', 's4 block 0', 1, yBlock('208x14', 440, 2, 55, 52, true)],
      ['block', 's4 blocks 1..5', 5, yBlock('440x7', 440, 1, 55, 110, false)],
      ['head', 'head', 1, '440x7/g;f;l1000b'],
    ]);
  });

  it('keys EfficientNet-B0 MBConv blocks: expansion, depthwise kxk, SE of int(0.25 * input), projection, skip', () => {
    const parts = networkParts(checkSpec(zooModel('EfficientNet-B0')));
    const byLabel = new Map(parts.map((p) => [p.label, p]));
    expect(parts).toHaveLength(14);
    expect(byLabel.get('stem')!.key).toBe('3x224/c32,3,2,1,1;nb;asilu');
    // Stage 1: expansion 1 (no expansion conv), 3x3, 32 -> 16, no skip.
    expect(byLabel.get('s1 block 0')!.key).toBe('32x112/c32,3,1,1,32;nb;asilu;(;g;c8,1,1,0,1b;asilu;c32,1,1,0,1b;asigmoid;)*;c16,1,1,0,1;nb');
    // Stage 6: 4 blocks of 5x5, 112 -> 192 at stride 2; blocks 1..3 keep 192 channels and have the skip.
    expect(byLabel.get('s6 blocks 1..3')).toMatchObject({
      repeats: 3,
      key: '192x7/(;c1152,1,1,0,1;nb;asilu;c1152,5,1,2,1152;nb;asilu;(;g;c48,1,1,0,1b;asilu;c1152,1,1,0,1b;asigmoid;)*;c192,1,1,0,1;nb;)+',
    });
    expect(byLabel.get('head')!.key).toBe('320x7/c1280,1,1,0,1;nb;asilu;g;f;l1000b');
  });

  it("keys ResNet-50's stem with its max pool, and blocks without SE", () => {
    const parts = networkParts(checkSpec(zooModel('ResNet-50')));
    expect(parts[0]!.key).toBe('3x224/c64,7,2,3,1;nb;arelu;m3,2,1');
    expect(parts[1]!.key).toBe('64x56/(;c256,1,1,0,1;nb;|;c64,1,1,0,1;nb;arelu;c64,3,1,1,1;nb;arelu;c256,1,1,0,1;nb;)+;arelu');
    expect(parts.map((p) => p.repeats)).toEqual([1, 1, 2, 1, 3, 1, 5, 1, 2, 1]);
  });

  it('parts replay to networks whose counts, times repeats, add up to complexity(), for every zoo model', () => {
    for (const name of zooNames()) {
      const spec = checkSpec(zooModel(name));
      const total = { flops: 0, params: 0, acts: 0 };
      for (const part of networkParts(spec)) {
        const net = replayKey(part.key, null, 'key');
        total.flops += part.repeats * net.flops;
        total.params += part.repeats * net.params;
        total.acts += part.repeats * net.acts;
      }
      expect(total, name).toEqual(complexity(spec));
    }
  });

  it('parts of random valid specs replay to themselves and add up to complexity()', () => {
    fc.assert(
      fc.property(realisticSpec, (spec) => {
        const checked = checkSpec(spec);
        const parts = networkParts(checked);
        const total = { flops: 0, params: 0, acts: 0 };
        for (const part of parts) {
          const layers: Layer[] = [];
          const net = replayKey(part.key, { layer: (layer) => layers.push(layer) }, 'key');
          expect(partKey(layers)).toBe(part.key);
          total.flops += part.repeats * net.flops;
          total.params += part.repeats * net.params;
          total.acts += part.repeats * net.acts;
          expect(part.layers.length).toBeGreaterThan(0);
        }
        expect(total).toEqual(complexity(checked));
        expect(parts[0]!.kind).toBe('stem');
        expect(parts.at(-1)!.kind).toBe('head');
      }),
      { numRuns: 60 },
    );
  });
});
