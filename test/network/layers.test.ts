/** The per-layer table (src/network/layers.ts): rows that add up to complexity, with PyTorch's class names. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, layers, SpecError, zooModel, type LayerRow } from '../../src/index.js';
import { modelSpec } from '../arbitraries.js';
import { thrown } from '../helpers/errors.js';

const sum = (rows: LayerRow[], metric: 'flops' | 'params' | 'acts') => rows.reduce((total, row) => total + row[metric], 0);

describe('layers', () => {
  it('has rows that add up to complexity() for random specs of every family', () => {
    fc.assert(
      fc.property(modelSpec(), (spec) => {
        const rows = layers(spec);
        const cx = complexity(spec);
        expect({ flops: sum(rows, 'flops'), params: sum(rows, 'params'), acts: sum(rows, 'acts') }).toEqual(cx);
        expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
      }),
      { numRuns: 60 },
    );
  });

  it("names ResNet-50's stem and first block as pycls's modules, with PyTorch's classes and output shapes", () => {
    const rows = layers(zooModel('ResNet-50')).slice(0, 7);
    expect(rows).toEqual([
      // 7x7 stride 2: (224 - 1) // 2 + 1 = 112 px; 49 x 3 x 64 x 112^2 multiply-adds.
      { name: 'stem.conv', op: 'conv', module: 'Conv2d', flops: 49 * 3 * 64 * 112 * 112, params: 49 * 3 * 64, acts: 64 * 112 * 112, output: [64, 112, 112], kernel: 7, stride: 2, groups: 1 },
      { name: 'stem.bn', op: 'norm', module: 'BatchNorm2d', flops: 0, params: 128, acts: 0, output: [64, 112, 112] },
      { name: 'stem.pool', op: 'maxpool', module: 'MaxPool2d', flops: 0, params: 0, acts: 64 * 56 * 56, output: [64, 56, 56], kernel: 3, stride: 2 },
      // The projection of the first block (64 -> 256 channels) comes before its transform.
      { name: 's1.b1.proj', op: 'conv', module: 'Conv2d', flops: 64 * 256 * 56 * 56, params: 64 * 256, acts: 256 * 56 * 56, output: [256, 56, 56], kernel: 1, stride: 1, groups: 1 },
      { name: 's1.b1.bn', op: 'norm', module: 'BatchNorm2d', flops: 0, params: 512, acts: 0, output: [256, 56, 56] },
      { name: 's1.b1.f.a', op: 'conv', module: 'Conv2d', flops: 64 * 64 * 56 * 56, params: 64 * 64, acts: 64 * 56 * 56, output: [64, 56, 56], kernel: 1, stride: 1, groups: 1 },
      { name: 's1.b1.f.a_bn', op: 'norm', module: 'BatchNorm2d', flops: 0, params: 128, acts: 0, output: [64, 56, 56] },
    ]);
  });

  it("ends with pycls's head: the classifier over the pooled features, with its bias", () => {
    const last = layers(zooModel('RegNetY-400MF')).at(-1)!;
    expect(last).toEqual({ name: 'head.fc', op: 'linear', module: 'Linear', flops: 440 * 1000 + 1000, params: 440 * 1000 + 1000, acts: 1000, output: [1000, 1, 1] });
  });

  it('lists squeeze-excite convs with their biases and grouped convs with their groups', () => {
    const rows = layers(zooModel('RegNetY-200MF'));
    const se = rows.filter((row) => row.name.startsWith('s1.b1.f.se.'));
    // RegNetY-200MF's first block: 32 stem channels in, SE width round(32 x 0.25) = 8 over 24 channels at 1 px.
    expect(se.map((row) => [row.name, row.params, row.flops, row.output])).toEqual([
      ['s1.b1.f.se.f_ex.0', 24 * 8 + 8, 24 * 8 + 8, [8, 1, 1]],
      ['s1.b1.f.se.f_ex.2', 8 * 24 + 24, 8 * 24 + 24, [24, 1, 1]],
    ]);
    expect(rows.find((row) => row.name === 's1.b1.f.b')!.groups).toBe(3);
  });

  it("gives a token layer's output as tokens x channels (ViT-B/16)", () => {
    // 224 px in 16 px patches: a 14 x 14 grid of 768 channels, then 14^2 + 1 (the class token) = 197 tokens.
    const rows = layers(zooModel('ViT-B/16')).filter((row) => row.op !== 'norm').slice(0, 5);
    expect(rows.map((row) => [row.name, row.output])).toEqual([
      ['stem.patchify', [768, 14, 14]],
      ['class_token', [197, 768]],
      ['pos_embedding', [197, 768]],
      ['encoder.block_0.self_attention.block', [197, 768]],
      ['encoder.block_0.mlp_block.linear_1', [197, 3072]],
    ]);
  });

  it('refuses an invalid spec with a SpecError', () => {
    expect(thrown(() => layers({ ...zooModel('ResNet-50'), numClasses: 0 }), SpecError).path).toBe('numClasses');
  });
});
